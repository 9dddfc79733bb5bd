//! A `Cookie` header: `name=value; name2=value2`, read by the engine's one header reader
//! ([`crate::engine::jar::read_cookie_header`]).

use super::{At, ImportError, What};
use crate::engine::clock::Millis;
use crate::engine::jar::{read_cookie_header_whole, Cookie, HeaderCookies, HeaderError, Limits};

/// The jar as one Cookie header's value (a nameless cookie is just its value).
pub fn export(cookies: &[Cookie]) -> String {
    cookies
        .iter()
        .map(Cookie::pair)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a Cookie header (or several lines of them) into host-only session cookies for
/// `default_host`, with the pieces that were not `name=value`.
pub fn import(text: &str, default_host: &str, now: Millis) -> Result<HeaderCookies, ImportError> {
    read_cookie_header_whole(text, default_host, now, &Limits::default()).map_err(|e| match e {
        HeaderError::Host(why) => ImportError::new(At::Input, What::DefaultHost(why)),
        HeaderError::Pair {
            line,
            pair,
            problem,
        } => ImportError::new(At::Pair { line, pair }, What::Cookie(problem)),
        HeaderError::SetCookieLine { line } => {
            ImportError::new(line.map_or(At::Input, At::Line), What::SetCookieLine)
        }
        HeaderError::TooMany { line, pair, max } => {
            ImportError::new(At::Pair { line, pair }, What::TooMany { max })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    #[test]
    fn header_export_and_round_trip() {
        let jar = sample_jar();
        let text = export(&jar, Format::Header, NOW);
        assert_eq!(
            text,
            "connect.sid=s%3Aabc.def; cart=3 items; theme=dark; nameless; empty="
        );
        assert_eq!(export(&[], Format::Header, NOW), "");
        let back = import(&text, Format::Header, "Example.COM", NOW + 5).unwrap();
        // The nameless cookie cannot survive a header; the rest keep name and value only.
        assert_eq!(
            pairs(&back),
            [
                "connect.sid=s%3Aabc.def",
                "cart=3 items",
                "theme=dark",
                "empty="
            ]
        );
        for c in &back {
            assert_eq!(c.domain, "example.com");
            assert!(c.host_only);
            assert_eq!(c.path, "/");
            assert_eq!(c.persistence, Persistence::Session);
            assert_eq!(c.same_site, SameSite::Unspecified);
            assert!(!c.secure && !c.http_only && !c.partitioned);
            assert_eq!(c.priority, "Medium");
            assert_eq!((c.created, c.last_access), (NOW + 5, NOW + 5));
        }
    }

    #[test]
    fn header_import() {
        let h = Format::Header;
        let cs = import(
            "Cookie:  connect.sid=s%3Aabc.def ; =x; lonely; balance=9;; a==b ",
            h,
            "localhost",
            NOW,
        )
        .unwrap();
        assert_eq!(pairs(&cs), ["connect.sid=s%3Aabc.def", "balance=9", "a==b"]);
        let cs = import("COOKIE: a=1\ncookie: b=2\n", h, "h", NOW).unwrap();
        assert_eq!(pairs(&cs), ["a=1", "b=2"]);
        assert!(import("garbage", h, "h", NOW).unwrap().is_empty());
        assert!(import("  \n ", h, "h", NOW).unwrap().is_empty());
        assert_eq!(
            err("a=1; b=x\u{7f}", h).to_string(),
            "pair 2: value contains a control character"
        );
        // A tab inside a value is accepted now, as the jar's own rule (and Chrome) accepts it.
        let cs = import("a=1; b=x\ty", h, "h", NOW).unwrap();
        assert_eq!(pairs(&cs), ["a=1", "b=x\ty"]);
        assert_eq!(
            err("a=1\nb=2; c\u{0}=3", h).to_string(),
            "line 2, pair 2: name contains a control character"
        );
        let e = import("a=1", h, "", NOW).unwrap_err();
        assert_eq!(e.to_string(), "default host must not be empty");
        // No cookie, no need for a host.
        assert!(import("garbage", h, "", NOW).unwrap().is_empty());
    }

    /// A pasted Set-Cookie line made a cookie named `Set-Cookie: a` and one named `Path`.
    #[test]
    fn a_set_cookie_line_is_refused_with_its_line() {
        let e = import("Set-Cookie: a=1; Path=/", Format::Header, "localhost", NOW).unwrap_err();
        assert_eq!((e.at, e.what), (At::Input, What::SetCookieLine));
        let e = import("a=1\nset-cookie: b=2", Format::Header, "localhost", NOW).unwrap_err();
        assert_eq!(e.at, At::Line(2));
        // a Cookie: prefix is the header's own name, and goes
        let ok = import("Cookie: a=1; b=2", Format::Header, "localhost", NOW).unwrap();
        assert_eq!(pairs(&ok), ["a=1", "b=2"]);
    }
}
