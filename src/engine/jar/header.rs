//! The one reader of a `Cookie` request header typed or pasted by hand (DevTools' request
//! headers, a sniffed request, an XSS payload's loot): `name=value` pairs become host-only
//! session cookies for `/`, as [`Cookie::by_hand`] makes them, each checked by the rules of a
//! cookie given by hand.

use super::cookie::{check_name_value, parse_host, Cookie, Invalid};
use super::Limits;
use crate::engine::clock::Millis;
use crate::engine::strip_prefix_ci;

/// A Cookie header's value as typed or pasted: trimmed, and without a leading `Cookie:` (in
/// any case). A learner copies the whole line from a raw request; left in, a server would
/// read a cookie named `Cookie: connect.sid`, and nothing would say why.
pub fn cookie_header_value(typed: &str) -> &str {
    let t = typed.trim();
    strip_prefix_ci(t, "cookie:").map_or(t, str::trim_start)
}

/// Whether a line is a response's `Set-Cookie:` header rather than a request's Cookie header.
fn is_set_cookie_line(line: &str) -> bool {
    strip_prefix_ci(line.trim_start(), "set-cookie:").is_some()
}

/// Most cookies one header text gives.
pub const MAX_PAIRS: usize = 200;

/// Why a header text gave no cookies. Lines and pairs count from 1; `line` is `None` when the
/// text has one non-blank line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// The host the cookies would belong to is not a valid domain.
    Host(Invalid),
    /// A pair breaks a rule of cookies given by hand.
    Pair {
        /// The line, from 1; `None` when the text has one non-blank line.
        line: Option<usize>,
        /// The pair within the line.
        pair: usize,
        /// What is wrong.
        problem: Invalid,
    },
    /// A line is a `Set-Cookie:` header, what a server sends: its attributes would be read as
    /// cookies (`Path=/` a cookie named Path).
    SetCookieLine {
        /// The line, from 1; `None` when the text has one non-blank line.
        line: Option<usize>,
    },
    /// More than [`MAX_PAIRS`] cookies; this pair is the first one too many.
    TooMany {
        /// The line, from 1; `None` when the text has one non-blank line.
        line: Option<usize>,
        /// The pair within the line.
        pair: usize,
        /// [`MAX_PAIRS`].
        max: usize,
    },
}

/// Reads `Cookie: a=1; b=2` (the `Cookie:` prefix is optional, in any case; several lines are
/// read in turn) into cookies for `host`, in order. Names and values are trimmed. A pair
/// without `=` is a value with an empty name to a browser; such a cookie cannot be told apart
/// once sent back, so it is skipped, as is a pair with an empty name. Anything else that
/// breaks a rule of cookies given by hand fails the whole text, naming the line and pair; so
/// do more than [`MAX_PAIRS`] cookies. `host` is checked only when there is a cookie to give
/// it to.
///
/// ```
/// use session_lab::engine::jar::{read_cookie_header, Limits};
/// let cs = read_cookie_header("Cookie: a=1; lonely; b = 2", "localhost", 0, &Limits::default()).unwrap();
/// assert_eq!(cs.iter().map(|c| c.pair()).collect::<Vec<_>>(), ["a=1", "b=2"]);
/// ```
pub fn read_cookie_header(
    text: &str,
    host: &str,
    now: Millis,
    limits: &Limits,
) -> Result<Vec<Cookie>, HeaderError> {
    read_cookie_header_whole(text, host, now, limits).map(|r| r.cookies)
}

/// What [`read_cookie_header_whole`] read: the cookies, and the pieces it skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderCookies {
    /// The cookies, in order.
    pub cookies: Vec<Cookie>,
    /// Each non-blank piece between semicolons that gave no cookie (no `=`, or an empty name),
    /// trimmed, in order: a jar import says them, where it had left them out in silence
    /// (`a=1; lonely` said "Cookies imported: 1").
    pub skipped: Vec<String>,
}

/// [`read_cookie_header`], with the pieces it skipped.
pub fn read_cookie_header_whole(
    text: &str,
    host: &str,
    now: Millis,
    limits: &Limits,
) -> Result<HeaderCookies, HeaderError> {
    let many_lines = text.lines().filter(|l| !l.trim().is_empty()).count() > 1;
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let mut domain: Option<String> = None;
    for (li, line) in text.lines().enumerate() {
        let at_line = many_lines.then_some(li + 1);
        if is_set_cookie_line(line) {
            return Err(HeaderError::SetCookieLine { line: at_line });
        }
        let line = cookie_header_value(line);
        for (pi, pair) in line.split(';').enumerate() {
            let Some((name, value)) = pair
                .split_once('=')
                .map(|(n, v)| (n.trim(), v.trim()))
                .filter(|(n, _)| !n.is_empty())
            else {
                let piece = pair.trim();
                if !piece.is_empty() {
                    skipped.push(piece.to_string());
                }
                continue;
            };
            check_name_value(name, value, limits).map_err(|problem| HeaderError::Pair {
                line: at_line,
                pair: pi + 1,
                problem,
            })?;
            if out.len() == MAX_PAIRS {
                return Err(HeaderError::TooMany {
                    line: at_line,
                    pair: pi + 1,
                    max: MAX_PAIRS,
                });
            }
            if domain.is_none() {
                domain = Some(parse_host(host).map_err(HeaderError::Host)?);
            }
            out.push(Cookie::by_hand(
                name,
                value,
                domain.as_deref().unwrap_or_default(),
                now,
            ));
        }
    }
    Ok(HeaderCookies {
        cookies: out,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::jar::{BadDomain, BadText};

    fn read(text: &str, host: &str) -> Result<Vec<String>, HeaderError> {
        read_cookie_header(text, host, 5, &Limits::default())
            .map(|cs| cs.iter().map(Cookie::pair).collect())
    }

    #[test]
    fn the_pieces_that_give_no_cookie_are_kept_in_order() {
        let r = read_cookie_header_whole(
            "Cookie: a=1; lonely ;; =x;  ; b=2\nsecure; c=3",
            "localhost",
            5,
            &Limits::default(),
        )
        .unwrap();
        let pairs: Vec<String> = r.cookies.iter().map(Cookie::pair).collect();
        assert_eq!(pairs, ["a=1", "b=2", "c=3"]);
        assert_eq!(r.skipped, ["lonely", "=x", "secure"]);
        let r = read_cookie_header_whole("a=1; b=2", "h", 5, &Limits::default()).unwrap();
        assert!(r.skipped.is_empty());
        // nothing but skipped pieces needs no host
        let r = read_cookie_header_whole("lonely", "", 5, &Limits::default()).unwrap();
        assert_eq!((r.cookies.len(), r.skipped.len()), (0, 1));
    }

    #[test]
    fn a_pasted_cookie_line_sends_its_value() {
        assert_eq!(
            cookie_header_value("Cookie: connect.sid=s%3Aa.b"),
            "connect.sid=s%3Aa.b"
        );
        assert_eq!(cookie_header_value("  cookie:a=1; b=2 "), "a=1; b=2");
        assert_eq!(cookie_header_value("connect.sid=x"), "connect.sid=x");
        // only the header's own name: a cookie called Cookie stays
        assert_eq!(cookie_header_value("Cookie=1"), "Cookie=1");
        assert_eq!(cookie_header_value("Cooki"), "Cooki");
        assert_eq!(cookie_header_value("Cookie: 多=1"), "多=1");
        assert_eq!(cookie_header_value("多字节"), "多字节");
    }

    #[test]
    fn pairs_become_by_hand_cookies() {
        assert_eq!(
            read(
                " connect.sid=s%3Aabc.def ; =x; lonely; balance=9;; a==b ",
                "localhost"
            )
            .unwrap(),
            ["connect.sid=s%3Aabc.def", "balance=9", "a==b"]
        );
        assert_eq!(
            read("COOKIE: a=1\n\ncookie: b=2\r\n", "h").unwrap(),
            ["a=1", "b=2"]
        );
        assert!(read("garbage", "h").unwrap().is_empty());
        assert!(read("", "").unwrap().is_empty());
        let cs = read_cookie_header("a=x\ty", "Example.COM", 5, &Limits::default()).unwrap();
        assert_eq!(
            cs,
            [Cookie::by_hand("a", "x\ty", "example.com", 5)],
            "a tab inside a value is kept; the host is lower-cased"
        );
    }

    #[test]
    fn errors_name_the_pair_and_line() {
        assert_eq!(
            read("a=1; b=x\u{7f}", "h"),
            Err(HeaderError::Pair {
                line: None,
                pair: 2,
                problem: Invalid::Value(BadText::ControlCharacter)
            })
        );
        // lines are the text's own, blank ones counted
        assert_eq!(
            read("a=1\n\nb=2; c\u{0}=3", "h"),
            Err(HeaderError::Pair {
                line: Some(3),
                pair: 2,
                problem: Invalid::Name(BadText::ControlCharacter)
            })
        );
        assert_eq!(
            read("a=1", ""),
            Err(HeaderError::Host(Invalid::Domain(BadDomain::Empty)))
        );
        assert_eq!(
            read("a=1", "a b"),
            Err(HeaderError::Host(Invalid::Domain(BadDomain::Character)))
        );
        let many: Vec<String> = (0..=MAX_PAIRS).map(|i| format!("c{i}=v")).collect();
        assert_eq!(
            read(&many.join("; "), "h"),
            Err(HeaderError::TooMany {
                line: None,
                pair: 201,
                max: 200
            })
        );
        assert_eq!(read(&many[..MAX_PAIRS].join("; "), "h").unwrap().len(), 200);
        let big = format!("a={}", "x".repeat(4096));
        assert_eq!(
            read(&big, "h"),
            Err(HeaderError::Pair {
                line: None,
                pair: 1,
                problem: Invalid::TooLarge {
                    bytes: 4097,
                    max: 4096
                }
            })
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_every_cookie_is_valid(s in "\\PC*", host in "[a-zA-Z .]{0,6}") {
            if let Ok(cs) = read_cookie_header(&s, &host, 0, &Limits::default()) {
                for c in cs {
                    proptest::prop_assert_eq!(c.check(&Limits::default()), Ok(()));
                }
            }
        }
    }
}
