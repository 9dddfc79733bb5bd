//! Importing and exporting the simulated browser's cookie jar, so cookies can move between
//! the lab and real tools:
//!
//! - **Cookie-Editor JSON** ([`json`]): what the Cookie-Editor and EditThisCookie browser
//!   extensions export and import (an array of objects shaped like `chrome.cookies.Cookie`),
//!   through the engine's one cookie codec ([`crate::engine::jar::json`]).
//! - **Netscape `cookies.txt`** ([`netscape`]): what `curl -c`/`curl -b`, `wget` and yt-dlp read
//!   and write, with curl's `#HttpOnly_` prefix for HttpOnly cookies.
//! - **Cookie header** ([`header`]): `name=value; name2=value2`, as copied from DevTools'
//!   request headers, through the engine's one header reader.
//!
//! Every imported cookie passes the jar's rules for a cookie given by hand
//! ([`crate::engine::jar::Cookie::check`]). Import never panics: anything malformed is an
//! [`ImportError`] saying where and what, as data; `model::explain::import_error_text` words
//! it in either language, and `Display` is its English.

pub mod header;
pub mod json;
pub mod netscape;

use crate::engine::clock::Millis;
use crate::engine::jar::json::{JsonField, JsonProblem};
use crate::engine::jar::{Cookie, Invalid};
use crate::i18n::Lang;
use std::fmt;

/// Most cookies one import accepts, in every format: the engine's cap for a header text.
pub const MAX_COOKIES: usize = crate::engine::jar::header::MAX_PAIRS;

/// Longest input one import accepts, in bytes (256 KiB).
pub const MAX_INPUT: usize = 256 * 1024;

/// A text format for a cookie jar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The Cookie-Editor / EditThisCookie extensions' JSON array.
    CookieEditorJson,
    /// Netscape `cookies.txt`, as curl writes it.
    Netscape,
    /// A `Cookie` request header: `name=value; name2=value2`.
    Header,
}

impl Format {
    /// Every format, in the order a picker shows them.
    pub const ALL: [Format; 3] = [Format::CookieEditorJson, Format::Netscape, Format::Header];

    /// The format `text` looks written in, from its first lines, if it looks like one: a JSON
    /// array or object, a `cookies.txt` (its header comment, or a line of seven tab-separated
    /// fields), or a `Cookie` header (`name=value` without tabs). What an import that failed
    /// in another format suggests (JSON pasted with Netscape chosen said only "line 1:
    /// expected 7 tab-separated fields, found 1").
    pub fn guess(text: &str) -> Option<Format> {
        let t = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
        if t.starts_with('[') || t.starts_with('{') {
            return Some(Format::CookieEditorJson);
        }
        // (a line's trailing tab is a field: an empty value)
        let mut lines = t.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next()?;
        let netscape_head = first.starts_with("# Netscape HTTP Cookie File")
            || first.starts_with("# HTTP Cookie File");
        if netscape_head
            || std::iter::once(first)
                .chain(lines)
                .take(5)
                .any(|l| l.matches('\t').count() == 6)
        {
            return Some(Format::Netscape);
        }
        // a response's Set-Cookie line is none of them: the Cookie header refuses it, and
        // advised after a JSON import failed, it sent the learner to a second refusal
        let set_cookie = (first.get(..11)).is_some_and(|h| h.eq_ignore_ascii_case("set-cookie:"));
        (first.contains('=') && !first.contains('\t') && !first.starts_with('#') && !set_cookie)
            .then_some(Format::Header)
    }

    /// A short stable code: `json`, `netscape` or `header`.
    pub fn code(self) -> &'static str {
        match self {
            Format::CookieEditorJson => "json",
            Format::Netscape => "netscape",
            Format::Header => "header",
        }
    }

    /// The format with this [`code`](Format::code), if any.
    pub fn from_code(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Where an import failed. Lines, columns and pairs count from 1, JSON items from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// The input as a whole (no place is named: `the text is larger than 256 KiB`).
    Input,
    /// Where JSON text stops parsing (`line 2, column 2`).
    Text {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// A JSON cookie: its index in the array (`None`: the input is one object), and the key to
    /// blame, if one is (`[2].name`, `[2]`, `name`, `the cookie`).
    Item {
        /// Index in the array.
        index: Option<usize>,
        /// The key at fault, if one is.
        field: Option<JsonField>,
    },
    /// A line of `cookies.txt` (`line 3`).
    Line(usize),
    /// A pair of a Cookie header, and its line when the text has several (`line 2, pair 2`).
    Pair {
        /// The line, when there are several.
        line: Option<usize>,
        /// The pair within its line, from 1.
        pair: usize,
    },
}

/// A `TRUE`/`FALSE` field of `cookies.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// The second field, `includeSubdomains`.
    IncludeSubdomains,
    /// The fourth field, `secure`.
    Secure,
}

/// What is wrong where an import failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// The input is over [`MAX_INPUT`].
    InputTooLarge {
        /// [`MAX_INPUT`] in KiB.
        max_kib: usize,
    },
    /// More than [`MAX_COOKIES`] cookies.
    TooMany {
        /// [`MAX_COOKIES`].
        max: usize,
    },
    /// The text is not JSON.
    NotJson,
    /// JSON nested deeper than the parser's limit (128 levels).
    TooDeep,
    /// JSON, but neither an array nor an object.
    NotAnArray,
    /// A JSON cookie is wrong (the key is in [`At::Item`]).
    Json(JsonProblem),
    /// A `cookies.txt` line does not have 7 tab-separated fields.
    FieldCount {
        /// How many it has.
        found: usize,
    },
    /// A `cookies.txt` flag is neither `TRUE` nor `FALSE`.
    NotTrueOrFalse(Flag),
    /// A `cookies.txt` expiry is not a whole number of seconds.
    ExpiryNotWholeSeconds,
    /// A `cookies.txt` expiry is beyond what a JavaScript date can hold.
    ExpiryOutOfRange,
    /// A cookie breaks a rule of cookies given by hand (the field is in the [`Invalid`]).
    Cookie(Invalid),
    /// The default host given to a Cookie header's cookies is not a valid domain.
    DefaultHost(Invalid),
    /// A `Set-Cookie:` line where a Cookie header was expected.
    SetCookieLine,
}

/// Why an import failed: where, and what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where: the input, a place in the JSON text, an item, a line or a pair.
    pub at: At,
    /// What is wrong there.
    pub what: What,
}

impl ImportError {
    fn new(at: At, what: What) -> ImportError {
        ImportError { at, what }
    }
}

/// The English wording, from the string table (`[2].name: missing`).
impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::model::explain::import_error_text(Lang::En, self))
    }
}

impl std::error::Error for ImportError {}

/// Writes `cookies` in `format`. Everything the jar holds is written, expired cookies
/// included. `now` is the virtual time of the export; the formats carry absolute times, so it
/// does not currently change the output.
pub fn export(cookies: &[Cookie], format: Format, now: Millis) -> String {
    let _ = now;
    match format {
        Format::CookieEditorJson => json::export(cookies),
        Format::Netscape => netscape::export(cookies),
        Format::Header => header::export(cookies),
    }
}

/// What an import read: the cookies, and what in the text gave none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The cookies, in input order.
    pub cookies: Vec<Cookie>,
    /// The pieces of a Cookie header that were not `name=value` (`lonely`, `=x`), trimmed, in
    /// order; always empty for the other formats, which refuse what they cannot read.
    pub left_out: Vec<String>,
}

/// Cookies read from a format that leaves nothing out, or given without a text.
impl From<Vec<Cookie>> for Imported {
    fn from(cookies: Vec<Cookie>) -> Imported {
        Imported {
            cookies,
            left_out: Vec::new(),
        }
    }
}

/// Reads cookies written in `format`. Cookies without a domain get `default_host`
/// (host-only); every cookie gets `created` and `last_access` = `now`, priority `Medium`, and
/// is not partitioned. Blank input gives no cookies. At most [`MAX_COOKIES`] cookies and
/// [`MAX_INPUT`] bytes are accepted; beyond that, or on anything malformed, the whole import
/// fails with the place and the reason. Cookies are returned in input order; when two share a
/// name, domain and path, storing them in order keeps the last.
pub fn import(
    text: &str,
    format: Format,
    default_host: &str,
    now: Millis,
) -> Result<Vec<Cookie>, ImportError> {
    read(text, format, default_host, now).map(|i| i.cookies)
}

/// [`import`], with what the text held that gave no cookie: the import says it, where it had
/// left it out in silence (teacher review: `a=1; lonely` said "Cookies imported: 1").
pub fn read(
    text: &str,
    format: Format,
    default_host: &str,
    now: Millis,
) -> Result<Imported, ImportError> {
    // a file saved with a byte-order mark (Windows' Notepad writes one) reads as its text: it
    // failed as "line 1, column 1: invalid JSON", nothing in sight at that place (embed review)
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_INPUT {
        return Err(ImportError::new(
            At::Input,
            What::InputTooLarge {
                max_kib: MAX_INPUT / 1024,
            },
        ));
    }
    if text.trim().is_empty() {
        return Ok(Imported::default());
    }
    Ok(match format {
        Format::CookieEditorJson => json::import(text, default_host, now)?.into(),
        Format::Netscape => netscape::import(text, now)?.into(),
        Format::Header => {
            let r = header::import(text, default_host, now)?;
            Imported {
                cookies: r.cookies,
                left_out: r.skipped,
            }
        }
    })
}

#[cfg(test)]
mod guess_tests {
    use super::*;

    #[test]
    fn an_import_in_the_wrong_format_is_told_which_it_looks_like() {
        let jar = fixtures::sample_jar();
        for f in Format::ALL {
            assert_eq!(Format::guess(&export(&jar, f, 0)), Some(f), "{f:?}");
        }
        assert_eq!(
            Format::guess("  [{\"name\": \"a\"}"),
            Some(Format::CookieEditorJson)
        );
        assert_eq!(
            Format::guess("# Netscape HTTP Cookie File\n"),
            Some(Format::Netscape)
        );
        assert_eq!(Format::guess("a=1; b=2"), Some(Format::Header));
        assert_eq!(
            Format::guess("h\tTRUE\t/\tFALSE\t0\tempty\t\r\n"),
            Some(Format::Netscape)
        );
        for unknown in [
            "",
            "   \n",
            "hello",
            "# a comment",
            "a\tb",
            "Set-Cookie: a=b; Path=/",
            "set-cookie: a=b",
        ] {
            assert_eq!(Format::guess(unknown), None, "{unknown:?}");
        }
    }
}

/// What the format modules' tests share.
#[cfg(test)]
mod fixtures {
    pub use super::*;
    pub use crate::engine::jar::{Persistence, SameSite};

    pub const NOW: Millis = 1_700_000_000_000;

    pub fn cookie(name: &str, value: &str, domain: &str) -> Cookie {
        Cookie::by_hand(name, value, domain, NOW)
    }

    /// A jar with every kind of cookie the lab produces.
    pub fn sample_jar() -> Vec<Cookie> {
        vec![
            Cookie {
                http_only: true,
                same_site: SameSite::Strict,
                ..cookie("connect.sid", "s%3Aabc.def", "localhost")
            },
            Cookie {
                host_only: false,
                path: "/shop".into(),
                persistence: Persistence::Until(1_735_689_600_000),
                secure: true,
                same_site: SameSite::None,
                ..cookie("cart", "3 items", "example.com")
            },
            Cookie {
                persistence: Persistence::Until(1_735_689_600_250),
                same_site: SameSite::Lax,
                ..cookie("theme", "dark", "app.example.com")
            },
            cookie("", "nameless", "localhost"),
            cookie("empty", "", "localhost"),
        ]
    }

    pub fn pairs(cs: &[Cookie]) -> Vec<String> {
        cs.iter().map(Cookie::pair).collect()
    }

    pub fn err(text: &str, format: Format) -> ImportError {
        import(text, format, "localhost", NOW).expect_err(text)
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;

    #[test]
    fn codes() {
        for f in Format::ALL {
            assert_eq!(Format::from_code(f.code()), Some(f));
        }
        assert_eq!(Format::from_code("json"), Some(Format::CookieEditorJson));
        assert_eq!(Format::from_code("netscape"), Some(Format::Netscape));
        assert_eq!(Format::from_code("header"), Some(Format::Header));
        assert_eq!(Format::from_code("JSON"), None);
        assert_eq!(Format::from_code(""), None);
    }

    #[test]
    fn limits() {
        let many: Vec<String> = (0..=MAX_COOKIES).map(|i| format!("c{i}=v")).collect();
        let header = many.join("; ");
        assert_eq!(
            err(&header, Format::Header).to_string(),
            "pair 201: more than 200 cookies"
        );
        let ok = many[..MAX_COOKIES].join("; ");
        assert_eq!(
            import(&ok, Format::Header, "h", NOW).unwrap().len(),
            MAX_COOKIES
        );

        let jar: Vec<Cookie> = (0..=MAX_COOKIES)
            .map(|i| cookie(&format!("c{i}"), "v", "h"))
            .collect();
        let json = export(&jar, Format::CookieEditorJson, NOW);
        assert_eq!(
            err(&json, Format::CookieEditorJson).to_string(),
            "[200]: more than 200 cookies"
        );
        let json = export(&jar[..MAX_COOKIES], Format::CookieEditorJson, NOW);
        assert_eq!(
            import(&json, Format::CookieEditorJson, "h", NOW)
                .unwrap()
                .len(),
            MAX_COOKIES
        );

        let txt = export(&jar, Format::Netscape, NOW);
        assert_eq!(
            err(&txt, Format::Netscape).to_string(),
            "line 202: more than 200 cookies"
        );

        // a byte-order mark before the text (a file from Notepad) is not part of it
        for (text, f) in [
            (r#"[{"name":"a","value":"1"}]"#, Format::CookieEditorJson),
            ("localhost\tFALSE\t/\tFALSE\t0\ta\t1", Format::Netscape),
            ("a=1", Format::Header),
        ] {
            let marked = format!("\u{feff}{text}");
            assert_eq!(Format::guess(&marked), Some(f), "{f:?}");
            let got = import(&marked, f, "localhost", NOW).expect(text);
            assert_eq!(got, import(text, f, "localhost", NOW).expect(text));
            assert_eq!((got.len(), got[0].name.as_str()), (1, "a"));
        }

        let big = format!("a={}", "x".repeat(MAX_INPUT));
        for f in Format::ALL {
            assert_eq!(err(&big, f).to_string(), "the text is larger than 256 KiB");
        }
    }

    #[test]
    fn blank_input_is_empty_jar() {
        for f in Format::ALL {
            assert_eq!(import("", f, "h", NOW).unwrap(), vec![]);
            assert_eq!(import(" \n\t\r\n", f, "h", NOW).unwrap(), vec![]);
        }
        assert!(import(
            "# Netscape HTTP Cookie File\n# nothing\n",
            Format::Netscape,
            "h",
            NOW
        )
        .unwrap()
        .is_empty());
    }

    #[test]
    fn json_nested_too_deep_is_said_so() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = err(&deep, Format::CookieEditorJson);
        assert_eq!(e.what, What::TooDeep);
        assert!(
            e.to_string()
                .ends_with("JSON nested more than 128 levels deep"),
            "{e}"
        );
        // not-JSON stays not-JSON
        assert_eq!(err("[{", Format::CookieEditorJson).what, What::NotJson);
    }

    #[test]
    fn error_display() {
        // Display is the English of the string table
        let e = ImportError::new(At::Line(3), What::ExpiryOutOfRange);
        assert_eq!(e.to_string(), "line 3: expiry out of range");
        let e = ImportError::new(
            At::Item {
                index: None,
                field: None,
            },
            What::Json(JsonProblem::NotAnObject),
        );
        assert_eq!(e.to_string(), "the cookie: expected an object");
        let e = ImportError::new(
            At::Pair {
                line: Some(2),
                pair: 1,
            },
            What::Cookie(Invalid::Empty),
        );
        assert_eq!(
            e.to_string(),
            "line 2, pair 1: has an empty name and an empty value"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            for f in Format::ALL {
                if let Ok(cs) = import(&s, f, "example.com", NOW) {
                    for g in Format::ALL {
                        let _ = export(&cs, g, NOW);
                    }
                }
            }
        }

        #[test]
        fn never_panics_on_near_misses(
            fields in proptest::collection::vec("[ -~\t.#]{0,12}", 0..9),
            json_key in "(name|value|domain|path|secure|httpOnly|hostOnly|sameSite|session|expirationDate)",
            json_val in "(null|true|false|-?[0-9]{1,30}(\\.[0-9]{1,5})?(e[0-9]{1,3})?|\"[ -~]{0,8}\"|\\[\\]|\\{\\})",
        ) {
            let line = fields.join("\t");
            let _ = import(&line, Format::Netscape, "h", NOW);
            let _ = import(&format!("#HttpOnly_{line}"), Format::Netscape, "h", NOW);
            let _ = import(&line, Format::Header, "h", NOW);
            let obj = format!(r#"[{{"name":"n","value":"v","{json_key}":{json_val}}}]"#);
            let _ = import(&obj, Format::CookieEditorJson, "h", NOW);
        }

        #[test]
        fn json_round_trip(
            cs in proptest::collection::vec(
                (
                    "[A-Za-z0-9_.-]{1,8}",
                    "[ -:<-~]{0,12}",
                    "[a-z]{1,6}(\\.[a-z]{2,4}){0,2}",
                    proptest::bool::ANY,
                    "/[a-z/]{0,6}",
                    proptest::option::of(-8_640_000_000_000_000i64..=8_640_000_000_000_000),
                    (proptest::bool::ANY, proptest::bool::ANY, 0..4u8),
                ),
                0..6,
            )
        ) {
            let jar: Vec<Cookie> = cs
                .into_iter()
                .map(|(name, value, domain, host_only, path, exp, (secure, http_only, ss))| Cookie {
                    host_only,
                    path,
                    persistence: exp.map_or(Persistence::Session, Persistence::Until),
                    secure,
                    http_only,
                    same_site: [SameSite::Strict, SameSite::Lax, SameSite::None, SameSite::Unspecified]
                        [ss as usize],
                    ..cookie(&name, &value, &domain)
                })
                .collect();
            let json = export(&jar, Format::CookieEditorJson, NOW);
            proptest::prop_assert_eq!(import(&json, Format::CookieEditorJson, "x", NOW).unwrap(), jar.clone());
            let txt = export(&jar, Format::Netscape, NOW);
            let back = import(&txt, Format::Netscape, "x", NOW).unwrap();
            proptest::prop_assert_eq!(back.len(), jar.len());
            let hdr = export(&jar, Format::Header, NOW);
            let back = import(&hdr, Format::Header, "x", NOW).unwrap();
            proptest::prop_assert_eq!(pairs(&back), pairs(&jar).into_iter().map(|p| {
                let (n, v) = p.split_once('=').unwrap();
                format!("{}={}", n, v.trim())
            }).collect::<Vec<_>>());
        }
    }
}
