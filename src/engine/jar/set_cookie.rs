//! RFC 6265 §5.2 (6265bis §5.6): a `Set-Cookie` header as a browser parses it, before the
//! storage rules run, and every reason a cookie is not stored.
//!
//! A browser parses `Set-Cookie` differently from how a server parses `Cookie`
//! ([`crate::engine::cookie_header`]): attributes are case-insensitive, the last one of a kind
//! wins, invalid attributes are ignored rather than fatal.

use super::cookie::{has_control, Persistence, SameSite};
use super::date::parse_cookie_date;
use super::Limits;
use crate::engine::clock::Millis;

/// Why a `Set-Cookie` (or a `document.cookie` write) was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The header contains a control character (other than tab: see [`super::cookie::is_control`]).
    ControlCharacter,
    /// Both name and value are empty.
    Empty,
    /// Name plus value exceed [`Limits::max_cookie_bytes`] (4096 by default); their size in
    /// bytes.
    TooLarge(usize),
    /// `Secure` from an `http:` page.
    SecureFromInsecure,
    /// The Domain attribute does not cover the host that set it.
    DomainMismatch {
        /// The Domain attribute.
        domain: String,
        /// The request host.
        host: String,
    },
    /// The Domain attribute is a public suffix (like `com`).
    PublicSuffix(String),
    /// `__Secure-`/`__Host-` prefix requirements not met.
    BadPrefix(&'static str),
    /// A script tried to set an HttpOnly cookie.
    HttpOnlyFromScript,
    /// A script tried to overwrite an HttpOnly cookie.
    OverwritesHttpOnly,
    /// An `http:` response tried to overwrite (shadow) a Secure cookie.
    OverwritesSecure,
    /// `SameSite=None` without `Secure`.
    SameSiteNoneWithoutSecure,
    /// `Partitioned` without `Secure` (CHIPS: Chrome's `IsCookiePartitionedValid`, Firefox too).
    PartitionedWithoutSecure,
    /// A cross-site subresource response tried to set a Lax/Strict cookie.
    CrossSiteSameSite,
}

/// A parsed `Set-Cookie` header, before the storage rules run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetCookie {
    /// Name: before the first `=`, whitespace trimmed; empty when there is no `=`.
    pub name: String,
    /// Value: after the first `=`, whitespace trimmed, not decoded.
    pub value: String,
    /// Expires, parsed (ignored if unparsable).
    pub expires: Option<Millis>,
    /// Max-Age in seconds (wins over Expires).
    pub max_age: Option<i64>,
    /// Domain attribute (leading dot removed, lower-cased).
    pub domain: Option<String>,
    /// Path attribute (when it starts with `/`).
    pub path: Option<String>,
    /// `Secure` was present.
    pub secure: bool,
    /// `HttpOnly` was present.
    pub http_only: bool,
    /// `SameSite`, if present; an unknown value reads as unspecified.
    pub same_site: Option<SameSite>,
    /// `Partitioned` was present.
    pub partitioned: bool,
    /// `Priority`, as written (the jar stores `Medium` when absent).
    pub priority: Option<String>,
}

impl SetCookie {
    /// How long the cookie lives when stored at `now` (RFC 6265 §5.3 step 3): Max-Age wins
    /// over Expires, zero or less is already expired, and either is capped at the jar's
    /// longest lifetime (400 days, as Chrome does); neither makes a session cookie.
    pub fn persistence(&self, now: Millis, limits: &Limits) -> Persistence {
        match (self.max_age, self.expires) {
            (Some(s), _) if s <= 0 => Persistence::Until(i64::MIN / 2),
            (Some(s), _) => Persistence::Until(
                now.saturating_add(s.saturating_mul(1000).min(limits.max_age_ms)),
            ),
            (None, Some(t)) => Persistence::Until(t.min(now.saturating_add(limits.max_age_ms))),
            (None, None) => Persistence::Session,
        }
    }
}

/// `s` without leading and trailing spaces and tabs (RFC 6265 §5.2's WSP). Byte-wise: both
/// are ASCII, so the cut is a char boundary (this runs on every attribute of every Set-Cookie).
fn trim_wsp(s: &str) -> &str {
    let wsp = |b: &u8| *b == b' ' || *b == b'\t';
    let b = s.as_bytes();
    let start = b.iter().position(|c| !wsp(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !wsp(c)).map_or(start, |i| i + 1);
    &s[start..end]
}

/// RFC 6265 §5.2 (6265bis §5.6): parse a `Set-Cookie` value the way a browser does.
pub fn parse_set_cookie(header: &str, limits: &Limits) -> Result<SetCookie, Refusal> {
    if has_control(header) {
        return Err(Refusal::ControlCharacter);
    }
    let (pair, attrs) = match header.split_once(';') {
        Some((p, a)) => (p, a),
        None => (header, ""),
    };
    let (name, value) = match pair.split_once('=') {
        Some((n, v)) => (trim_wsp(n), trim_wsp(v)),
        None => ("", trim_wsp(pair)),
    };
    if name.is_empty() && value.is_empty() {
        return Err(Refusal::Empty);
    }
    if name.len() + value.len() > limits.max_cookie_bytes {
        return Err(Refusal::TooLarge(name.len() + value.len()));
    }
    let mut sc = SetCookie {
        name: name.to_string(),
        value: value.to_string(),
        ..SetCookie::default()
    };
    for av in attrs.split(';') {
        let (k, v) = match av.split_once('=') {
            Some((k, v)) => (trim_wsp(k), trim_wsp(v)),
            None => (trim_wsp(av), ""),
        };
        if v.len() > limits.max_attribute_bytes {
            continue;
        }
        match k.to_ascii_lowercase().as_str() {
            "expires" => {
                if let Some(t) = parse_cookie_date(v) {
                    sc.expires = Some(t);
                }
            }
            "max-age" => {
                let digits = v.strip_prefix('-').unwrap_or(v);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    // saturate absurd values instead of overflowing
                    let n: i64 = digits.parse().unwrap_or(i64::MAX / 2000);
                    sc.max_age = Some(if v.starts_with('-') { -n } else { n });
                }
            }
            "domain" if !v.is_empty() => {
                sc.domain = Some(v.strip_prefix('.').unwrap_or(v).to_ascii_lowercase());
            }
            "path" => {
                sc.path = v.starts_with('/').then(|| v.to_string());
            }
            "secure" => sc.secure = true,
            "httponly" => sc.http_only = true,
            "samesite" => sc.same_site = Some(SameSite::from_label(v)),
            "partitioned" => sc.partitioned = true,
            "priority" => sc.priority = Some(v.to_string()),
            _ => {}
        }
    }
    Ok(sc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_a_browser() {
        let l = Limits::default();
        let sc = parse_set_cookie(" a = b=c ; PATH=/x; path=/y; Max-Age=60; EXPIRES=Wed, 15 Nov 2023 22:13:20 GMT; secure; HttpOnly; samesite=LAX; Domain=.Example.COM; Priority=High", &l).unwrap();
        assert_eq!((sc.name.as_str(), sc.value.as_str()), ("a", "b=c"));
        assert_eq!(sc.path.as_deref(), Some("/y"));
        assert_eq!(sc.max_age, Some(60));
        assert_eq!(sc.expires, Some(1_700_086_400_000));
        assert_eq!(sc.domain.as_deref(), Some("example.com"));
        assert!(sc.secure && sc.http_only);
        assert_eq!(sc.same_site, Some(SameSite::Lax));
        assert_eq!(parse_set_cookie("novalue", &l).unwrap().value, "novalue");
        assert_eq!(parse_set_cookie("=", &l), Err(Refusal::Empty));
        assert_eq!(
            parse_set_cookie("a=\u{1}", &l),
            Err(Refusal::ControlCharacter)
        );
        let big = format!("a={}", "x".repeat(4096));
        assert_eq!(parse_set_cookie(&big, &l), Err(Refusal::TooLarge(4097)));
        assert_eq!(
            parse_set_cookie("a=1; Path=relative", &l).unwrap().path,
            None
        );
        assert_eq!(
            parse_set_cookie("a=1; Max-Age=1x", &l).unwrap().max_age,
            None
        );
    }

    #[test]
    fn control_characters_are_ctls_other_than_tab() {
        let l = Limits::default();
        assert_eq!(parse_set_cookie("a=x\ty", &l).unwrap().value, "x\ty");
        assert_eq!(parse_set_cookie("a=\u{85}", &l).unwrap().value, "\u{85}");
        for bad in ["a=\u{0}", "a=1; Path=/\n", "a\u{7f}=1"] {
            assert_eq!(
                parse_set_cookie(bad, &l),
                Err(Refusal::ControlCharacter),
                "{bad:?}"
            );
        }
        // an empty Domain attribute is ignored
        assert_eq!(parse_set_cookie("a=1; Domain=", &l).unwrap().domain, None);
    }
}

#[cfg(test)]
mod trim_tests {
    use super::trim_wsp;

    #[test]
    fn trims_spaces_and_tabs_only_as_trim_matches_would() {
        for s in [
            "",
            " ",
            "\t \t",
            " a ",
            "\ta b\t",
            "é ",
            " \u{a0}x\u{a0} ",
            "x",
            "\n x \n",
        ] {
            assert_eq!(
                trim_wsp(s),
                s.trim_matches(|c| c == ' ' || c == '\t'),
                "{s:?}"
            );
        }
    }
}
