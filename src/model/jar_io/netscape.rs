//! Netscape `cookies.txt`, as curl writes it: one cookie per line, seven tab-separated fields
//! (domain, includeSubdomains, path, secure, expiry in seconds with 0 for a session cookie,
//! name, value), `#` comments, and curl's `#HttpOnly_` prefix for HttpOnly cookies.

use super::{At, Flag, ImportError, What, MAX_COOKIES};
use crate::engine::clock::{Millis, MAX_TIME};
use crate::engine::jar::{check_name_value, check_path, parse_domain, Cookie, Limits, Persistence};

/// The largest expiry, in seconds, a JavaScript date can hold.
const MAX_TIME_SECS: u64 = (MAX_TIME / 1000.0) as u64;

fn flag(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// The jar as `cookies.txt`.
pub fn export(cookies: &[Cookie]) -> String {
    let mut out = String::from("# Netscape HTTP Cookie File\n");
    for c in cookies {
        let expiry = match c.persistence {
            Persistence::Session => 0,
            // Whole seconds, rounded down; 0 would read back as a session cookie, so an
            // expiry in the first second of 1970 is written as -1 (expired either way).
            Persistence::Until(ms) => match ms.div_euclid(1000) {
                0 => -1,
                s => s,
            },
        };
        let prefix = if c.http_only { "#HttpOnly_" } else { "" };
        out.push_str(&format!(
            "{prefix}{}\t{}\t{}\t{}\t{expiry}\t{}\t{}\n",
            c.domain_shown(),
            flag(!c.host_only),
            c.path,
            flag(c.secure),
            c.name,
            c.value
        ));
    }
    out
}

fn true_false(field: &str, which: Flag, at: At) -> Result<bool, ImportError> {
    let f = field.trim();
    if f.eq_ignore_ascii_case("TRUE") {
        Ok(true)
    } else if f.eq_ignore_ascii_case("FALSE") {
        Ok(false)
    } else {
        Err(ImportError::new(at, What::NotTrueOrFalse(which)))
    }
}

/// Reads `cookies.txt`. The includeSubdomains field, not a leading dot, decides whether a
/// cookie is host-only; SameSite is not in the format (unspecified).
pub fn import(text: &str, now: Millis) -> Result<Vec<Cookie>, ImportError> {
    let limits = Limits::default();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let at = At::Line(i + 1);
        let fail = |what| ImportError::new(at, what);
        if raw.trim().is_empty() {
            continue;
        }
        let (line, http_only) = match raw.strip_prefix("#HttpOnly_") {
            Some(rest) => (rest, true),
            None if raw.trim_start().starts_with('#') => continue,
            None => (raw, false),
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [domain, sub, path, secure, expiry, name, value] = fields[..] else {
            return Err(fail(What::FieldCount {
                found: fields.len(),
            }));
        };
        if out.len() == MAX_COOKIES {
            return Err(fail(What::TooMany { max: MAX_COOKIES }));
        }
        let (domain, _dotted) = parse_domain(domain.trim()).map_err(|e| fail(What::Cookie(e)))?;
        let include_subdomains = true_false(sub, Flag::IncludeSubdomains, at)?;
        check_path(path).map_err(|e| fail(What::Cookie(e)))?;
        let secure = true_false(secure, Flag::Secure, at)?;
        let secs: i64 = expiry
            .trim()
            .parse()
            .map_err(|_| fail(What::ExpiryNotWholeSeconds))?;
        let persistence = match secs {
            0 => Persistence::Session,
            s if s.unsigned_abs() > MAX_TIME_SECS => return Err(fail(What::ExpiryOutOfRange)),
            s => Persistence::Until(s * 1000),
        };
        check_name_value(name, value, &limits).map_err(|e| fail(What::Cookie(e)))?;
        out.push(Cookie {
            host_only: !include_subdomains,
            path: path.to_string(),
            persistence,
            secure,
            http_only,
            ..Cookie::by_hand(name, value, &domain, now)
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    #[test]
    fn netscape_export_shape() {
        let jar = sample_jar();
        let text = export(&jar[..3], Format::Netscape, NOW);
        assert_eq!(
            text,
            "# Netscape HTTP Cookie File\n\
             #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tconnect.sid\ts%3Aabc.def\n\
             .example.com\tTRUE\t/shop\tTRUE\t1735689600\tcart\t3 items\n\
             app.example.com\tFALSE\t/\tFALSE\t1735689600\ttheme\tdark\n"
        );
        assert_eq!(
            export(&[], Format::Netscape, NOW),
            "# Netscape HTTP Cookie File\n"
        );
        // An expiry inside the first second of 1970 must not read back as a session cookie.
        let early = Cookie {
            persistence: Persistence::Until(500),
            ..cookie("a", "1", "h")
        };
        let back = import(
            &export(&[early], Format::Netscape, NOW),
            Format::Netscape,
            "",
            0,
        );
        assert_eq!(back.unwrap()[0].persistence, Persistence::Until(-1000));
    }

    #[test]
    fn netscape_round_trip_loses_only_same_site_and_subseconds() {
        let jar = sample_jar();
        let text = export(&jar, Format::Netscape, NOW);
        let back = import(&text, Format::Netscape, "ignored", NOW).unwrap();
        let expected: Vec<Cookie> = jar
            .iter()
            .map(|c| Cookie {
                same_site: SameSite::Unspecified,
                persistence: match c.persistence {
                    Persistence::Until(ms) => Persistence::Until(ms / 1000 * 1000),
                    p => p,
                },
                ..c.clone()
            })
            .collect();
        assert_eq!(back, expected);
        assert!(back[0].http_only);
    }

    #[test]
    fn imports_curls_cookie_file() {
        let text = "# Netscape HTTP Cookie File\n\
                    # https://curl.se/docs/http-cookies.html\n\
                    # This file was generated by libcurl! Edit at your own risk.\n\
                    \n\
                    #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tconnect.sid\ts%3AAbC.dEf\n\
                    .Example.com\tTRUE\t/\tTRUE\t1767225600\t_ga\tGA1.2.3\r\n\
                    www.example.com\tfalse\t/shop\tfalse\t1767225600\tcart\t\n";
        let cs = import(text, Format::Netscape, "ignored", NOW).unwrap();
        assert_eq!(cs.len(), 3);
        assert_eq!(
            cs[0],
            Cookie {
                http_only: true,
                ..cookie("connect.sid", "s%3AAbC.dEf", "localhost")
            }
        );
        assert_eq!(
            cs[1],
            Cookie {
                host_only: false,
                secure: true,
                persistence: Persistence::Until(1_767_225_600_000),
                ..cookie("_ga", "GA1.2.3", "example.com")
            }
        );
        assert_eq!(
            cs[2],
            Cookie {
                path: "/shop".into(),
                persistence: Persistence::Until(1_767_225_600_000),
                ..cookie("cart", "", "www.example.com")
            }
        );
        // The flag field decides, not the dot.
        let cs = import(
            ".a.com\tFALSE\t/\tFALSE\t0\tn\tv",
            Format::Netscape,
            "",
            NOW,
        )
        .unwrap();
        assert!(cs[0].host_only);
        assert_eq!(cs[0].domain, "a.com");
        // Negative expiries are expired cookies, not errors.
        let cs = import(
            "a.com\tFALSE\t/\tFALSE\t-1\tn\tv",
            Format::Netscape,
            "",
            NOW,
        )
        .unwrap();
        assert!(cs[0].expired(NOW));
    }

    #[test]
    fn netscape_errors() {
        let n = Format::Netscape;
        let cases = [
            (
                "# c\nexample.com\tTRUE\t/\tFALSE\t0\tname",
                "line 2: expected 7 tab-separated fields, found 6",
            ),
            (
                "a b c d e f g",
                "line 1: expected 7 tab-separated fields, found 1",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\tn\tv\textra",
                "line 1: expected 7 tab-separated fields, found 8",
            ),
            (
                "#HttpOnly_h\tTRUE\t/\tFALSE\t0",
                "line 1: expected 7 tab-separated fields, found 5",
            ),
            (
                "h\tYES\t/\tFALSE\t0\tn\tv",
                "line 1: includeSubdomains must be TRUE or FALSE",
            ),
            (
                "h\tTRUE\t/\t1\t0\tn\tv",
                "line 1: secure must be TRUE or FALSE",
            ),
            (
                "h\tTRUE\t/\tFALSE\tsoon\tn\tv",
                "line 1: expiry must be a whole number of seconds",
            ),
            (
                "h\tTRUE\t/\tFALSE\t1.5\tn\tv",
                "line 1: expiry must be a whole number of seconds",
            ),
            (
                "h\tTRUE\t/\tFALSE\t99999999999999999\tn\tv",
                "line 1: expiry out of range",
            ),
            (
                "h\tTRUE\t/\tFALSE\t-9223372036854775808\tn\tv",
                "line 1: expiry out of range",
            ),
            (
                "\tTRUE\t/\tFALSE\t0\tn\tv",
                "line 1: domain must not be empty",
            ),
            (
                "a b\tTRUE\t/\tFALSE\t0\tn\tv",
                "line 1: domain must not contain spaces, \";\", \"/\" or control characters",
            ),
            (
                "h\tTRUE\tx\tFALSE\t0\tn\tv",
                "line 1: path must start with \"/\"",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\tn;x\tv",
                "line 1: name contains \";\" or \"=\"",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\tn\tv\u{1}",
                "line 1: value contains a control character",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\t\t",
                "line 1: has an empty name and an empty value",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(err(text, n).to_string(), want, "{text:?}");
        }
    }
}
