//! Editing one cell of a cookie, as in DevTools' cookie table: the cell's text read for its
//! field, and the edited cookie checked by the rules of a cookie given by hand.
//!
//! The engine knows no language: the Expires cell's word for a session cookie ("Session",
//! "会话 cookie") is the page's to recognise (`model::jar_cells`), which passes an empty
//! text for it.

use super::cookie::{check_path, parse_domain, Cookie, Field, Invalid, Persistence, SameSite};
use super::Limits;
use crate::engine::clock::{JsDate, Millis};

/// Why a cell's text cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The edited cookie breaks a rule of cookies given by hand.
    Invalid(Invalid),
    /// The Expires cell holds neither nothing nor a date.
    NotADate,
}

impl From<Invalid> for EditError {
    fn from(i: Invalid) -> EditError {
        EditError::Invalid(i)
    }
}

/// The Expires cell's text: empty for a session cookie, else a date `new Date(…)` reads (ISO
/// 8601 or `toUTCString`'s form), optionally followed by ` (…)` as the cell shows it
/// (`2030-01-01T00:00:00.000Z (6 d 1 h)`).
fn parse_expires(text: &str) -> Result<Persistence, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Persistence::Session);
    }
    let date = text.split(" (").next().unwrap_or(text);
    JsDate::parse(date)
        .millis()
        .map(Persistence::Until)
        .ok_or(EditError::NotADate)
}

/// `c` with `field` set from the text of its cell, touched at `now`; or why not. Name and value
/// are taken as typed; a domain is trimmed and read by [`super::parse_domain`] (its leading dot
/// is dropped, the cookie stays host-only or not as it was); a path is checked by
/// [`super::check_path`]; Expires is empty for a session cookie, else a date `new Date(…)`
/// reads, optionally followed by ` (…)` as the cell shows it; HttpOnly and Secure are `"true"`
/// or not; SameSite is a label. The result must pass [`Cookie::check`]. A new name, domain or
/// path is a new key: the caller removes the old cookie.
pub fn edit_cell(
    c: &Cookie,
    field: Field,
    text: &str,
    now: Millis,
    limits: &Limits,
) -> Result<Cookie, EditError> {
    let mut n = c.clone();
    match field {
        Field::Name => n.name = text.to_string(),
        Field::Value => n.value = text.to_string(),
        // as DevTools reads it: a leading dot makes a domain cookie, none a host-only one
        Field::Domain => {
            let (domain, dotted) = parse_domain(text.trim())?;
            n.domain = domain;
            n.host_only = !dotted;
        }
        Field::Path => {
            check_path(text)?;
            n.path = text.to_string();
        }
        Field::Expires => n.persistence = parse_expires(text)?,
        Field::HttpOnly => n.http_only = text == "true",
        Field::Secure => n.secure = text == "true",
        Field::SameSite => n.same_site = SameSite::from_label(text),
    }
    n.check(limits)?;
    n.last_access = now;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::jar::{BadDomain, BadPath, BadText};

    fn edit(f: Field, text: &str) -> Result<Cookie, EditError> {
        let c = Cookie::by_hand("a", "1", "localhost", 0);
        edit_cell(&c, f, text, 9, &Limits::default())
    }

    #[test]
    fn each_field() {
        let c = edit(Field::Name, "b").unwrap();
        assert_eq!((c.name.as_str(), c.last_access, c.created), ("b", 9, 0));
        assert_eq!(edit(Field::Value, " x\ty ").unwrap().value, " x\ty ");
        let c = edit(Field::Domain, " .Example.COM ").unwrap();
        assert_eq!((c.domain.as_str(), c.host_only), ("example.com", false));
        let c = edit(Field::Domain, "Example.COM").unwrap();
        assert_eq!((c.domain.as_str(), c.host_only), ("example.com", true));
        assert_eq!(edit(Field::Path, "/a").unwrap().path, "/a");
        assert_eq!(
            edit(Field::Expires, "2030-01-01T00:00:00.000Z (6 d 1 h)")
                .unwrap()
                .persistence,
            Persistence::Until(1_893_456_000_000)
        );
        assert_eq!(
            edit(Field::Expires, "Tue, 01 Jan 2030 00:00:00 GMT")
                .unwrap()
                .persistence,
            Persistence::Until(1_893_456_000_000)
        );
        assert_eq!(
            edit(Field::Expires, "  ").unwrap().persistence,
            Persistence::Session
        );
        assert!(edit(Field::HttpOnly, "true").unwrap().http_only);
        assert!(!edit(Field::Secure, "false").unwrap().secure);
        assert_eq!(
            edit(Field::SameSite, "Strict").unwrap().same_site,
            SameSite::Strict
        );
        assert_eq!(
            edit(Field::SameSite, "").unwrap().same_site,
            SameSite::Unspecified
        );
    }

    #[test]
    fn typed_errors() {
        let bad = |f, t: &str| edit(f, t).unwrap_err();
        assert_eq!(
            bad(Field::Name, "a=b"),
            EditError::Invalid(Invalid::Name(BadText::Separator))
        );
        assert_eq!(
            bad(Field::Value, "x\u{0}"),
            EditError::Invalid(Invalid::Value(BadText::ControlCharacter))
        );
        assert_eq!(
            bad(Field::Value, &"x".repeat(4096)),
            EditError::Invalid(Invalid::TooLarge {
                bytes: 4097,
                max: 4096
            })
        );
        assert_eq!(
            bad(Field::Domain, ""),
            EditError::Invalid(Invalid::Domain(BadDomain::Empty))
        );
        assert_eq!(
            bad(Field::Domain, "a b"),
            EditError::Invalid(Invalid::Domain(BadDomain::Character))
        );
        assert_eq!(
            bad(Field::Path, "x"),
            EditError::Invalid(Invalid::Path(BadPath::NotAbsolute))
        );
        assert_eq!(bad(Field::Expires, "soon"), EditError::NotADate);
        // the engine knows no words: a session label is the page's to read
        assert_eq!(bad(Field::Expires, "Session"), EditError::NotADate);
        let empty = Cookie::by_hand("", "1", "h", 0);
        assert_eq!(
            edit_cell(&empty, Field::Value, "", 0, &Limits::default()),
            Err(EditError::Invalid(Invalid::Empty))
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(t in "\\PC*", f in 0..8usize) {
            let fields = [
                Field::Name, Field::Value, Field::Domain, Field::Path,
                Field::Expires, Field::HttpOnly, Field::Secure, Field::SameSite,
            ];
            if let Ok(c) = edit(fields[f], &t) {
                proptest::prop_assert_eq!(c.check(&Limits::default()), Ok(()));
            }
        }
    }
}
