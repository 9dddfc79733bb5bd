//! A cookie as the jar holds it, and the one set of rules for a cookie given by hand (DevTools'
//! cells and "add" form, a pasted header, an imported file, a saved jar): what a browser's
//! cookie editor refuses, each refusal typed with the field it is about.

use super::Limits;
use crate::engine::clock::Millis;

/// How long a cookie lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// No Expires/Max-Age: dropped when the browser closes.
    Session,
    /// Expires at this time.
    Until(Millis),
}

impl Persistence {
    /// Whether a cookie that lives this long has expired at `now` (a session cookie never
    /// does: it goes when the browser closes).
    pub fn expired(self, now: Millis) -> bool {
        matches!(self, Persistence::Until(t) if t <= now)
    }
}

/// The SameSite attribute as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// Only sent on same-site requests.
    Strict,
    /// Also sent on cross-site top-level GET navigations.
    Lax,
    /// Always sent (requires Secure).
    None,
    /// Not given: browsers treat it as Lax.
    Unspecified,
}

impl SameSite {
    /// How DevTools shows it.
    pub fn label(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Unspecified => "",
        }
    }
    /// From a label (case-insensitive); anything else is `Unspecified`.
    pub fn from_label(s: &str) -> SameSite {
        match s.trim().to_ascii_lowercase().as_str() {
            "strict" => SameSite::Strict,
            "lax" => SameSite::Lax,
            "none" => SameSite::None,
            _ => SameSite::Unspecified,
        }
    }
}

/// A cookie in the jar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    /// Name (may be empty, as browsers allow).
    pub name: String,
    /// Value, exactly as received (browsers do not decode it).
    pub value: String,
    /// The host (host-only) or the domain (without a leading dot).
    pub domain: String,
    /// Sent only to exactly `domain` (no Domain attribute was given).
    pub host_only: bool,
    /// Path: sent only to request paths under it (RFC 6265 §5.1.4); by default the directory of
    /// the URL that set it.
    pub path: String,
    /// Expiry: a session cookie, or a time (Max-Age wins over Expires, capped at 400 days).
    pub persistence: Persistence,
    /// Secure: only over https, only set from https.
    pub secure: bool,
    /// HttpOnly: invisible to `document.cookie`.
    pub http_only: bool,
    /// SameSite as stored; `Unspecified` is treated as Lax.
    pub same_site: SameSite,
    /// Partitioned (CHIPS); stored and shown, not otherwise simulated.
    pub partitioned: bool,
    /// Priority (Chrome's Low/Medium/High); stored and shown.
    pub priority: String,
    /// When it was first stored (kept across replacements).
    pub created: Millis,
    /// When it was last sent or stored.
    pub last_access: Millis,
}

impl Cookie {
    /// A host-only session cookie for `/`, as DevTools' "add cookie" or a pasted `Cookie`
    /// header makes it: no flags, SameSite unset, Medium priority, created now. Nothing is
    /// checked here: see [`Cookie::check`].
    pub fn by_hand(name: &str, value: &str, host: &str, now: Millis) -> Cookie {
        Cookie {
            name: name.to_string(),
            value: value.to_string(),
            domain: host.to_string(),
            host_only: true,
            path: "/".into(),
            persistence: Persistence::Session,
            secure: false,
            http_only: false,
            same_site: SameSite::Unspecified,
            partitioned: false,
            priority: "Medium".into(),
            created: now,
            last_access: now,
        }
    }

    /// The domain as DevTools shows it and Cookie-Editor and cookies.txt write it: a domain
    /// cookie (set with a Domain attribute, sent to subdomains too) with a leading dot, a
    /// host-only cookie without.
    pub fn domain_shown(&self) -> String {
        if self.host_only {
            self.domain.clone()
        } else {
            format!(".{}", self.domain)
        }
    }

    /// DevTools' "Size": name plus value length in bytes.
    pub fn size(&self) -> usize {
        self.name.len() + self.value.len()
    }
    /// `(name, domain, path)`: the jar holds at most one cookie per key.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.name, &self.domain, &self.path)
    }
    /// Whether it has expired at `now`.
    pub fn expired(&self, now: Millis) -> bool {
        self.persistence.expired(now)
    }
    /// `name=value` as a Cookie header carries it (just the value when the name is empty).
    pub fn pair(&self) -> String {
        let mut out = String::with_capacity(self.name.len() + self.value.len() + 1);
        self.push_pair(&mut out);
        out
    }

    /// Appends [`Cookie::pair`] to `out` (a request's Cookie header is written this way, one
    /// pair after another, without a string for each).
    pub fn push_pair(&self, out: &mut String) {
        // one allocation for the pair rather than one for the name and a regrowth or two
        out.reserve(self.name.len() + 1 + self.value.len());
        if !self.name.is_empty() {
            out.push_str(&self.name);
            out.push('=');
        }
        out.push_str(&self.value);
    }

    /// Whether a browser's cookie editor would take this cookie: its name and value
    /// ([`check_name_value`]), its domain (as stored: not empty, no leading dot, see
    /// [`parse_domain`]) and its path ([`check_path`]), in that order.
    pub fn check(&self, limits: &Limits) -> Result<(), Invalid> {
        check_name_value(&self.name, &self.value, limits)?;
        check_domain(&self.domain)?;
        check_path(&self.path)
    }
}

/// A field of a cookie, as DevTools' columns name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Name; a new name is a new key, so the caller removes the old cookie.
    Name,
    /// Value, taken exactly as typed (browsers do not decode it).
    Value,
    /// Domain: a leading dot is dropped, and the cookie stays host-only or not as it was.
    Domain,
    /// Path: must start with `/`.
    Path,
    /// Expires / Max-Age.
    Expires,
    /// HttpOnly: `"true"` sets it, any other text clears it.
    HttpOnly,
    /// Secure: `"true"` sets it, any other text clears it.
    Secure,
    /// SameSite: `Strict`, `Lax` or `None` in any case; any other text unsets it.
    SameSite,
}

/// What is wrong in a cookie's name or value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadText {
    /// A control character other than horizontal tab.
    ControlCharacter,
    /// A separator the `Cookie` header could not carry: `;` or `=` in a name, `;` in a value.
    Separator,
}

/// What is wrong with a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadDomain {
    /// Empty (or only a dot).
    Empty,
    /// Whitespace, `;`, `/` or a control character.
    Character,
    /// More than one leading dot.
    TwoDots,
}

/// What is wrong with a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadPath {
    /// It does not start with `/`.
    NotAbsolute,
    /// `;` or a control character other than horizontal tab.
    Character,
}

/// Why a cookie given by hand was refused: which field, and what is wrong with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// The name has a control character, `;` or `=`.
    Name(BadText),
    /// The value has a control character or `;`.
    Value(BadText),
    /// Both the name and the value are empty.
    Empty,
    /// Name plus value are over the limit.
    TooLarge {
        /// Their length in bytes.
        bytes: usize,
        /// [`Limits::max_cookie_bytes`].
        max: usize,
    },
    /// The domain is empty, has a bad character or more than one leading dot.
    Domain(BadDomain),
    /// The path does not start with `/`, or has `;` or a control character.
    Path(BadPath),
}

impl Invalid {
    /// The field at fault; `None` when it is the cookie as a whole (empty, too large).
    pub fn field(self) -> Option<Field> {
        match self {
            Invalid::Name(_) => Some(Field::Name),
            Invalid::Value(_) => Some(Field::Value),
            Invalid::Domain(_) => Some(Field::Domain),
            Invalid::Path(_) => Some(Field::Path),
            Invalid::Empty | Invalid::TooLarge { .. } => None,
        }
    }
}

/// A control character as cookies define one (RFC 6265bis's CTL: U+0000–U+001F and U+007F),
/// except horizontal tab, which RFC 6265bis and Chrome accept inside names and values.
pub const fn is_control(c: char) -> bool {
    (c < ' ' && c != '\t') || c == '\u{7f}'
}

/// Whether `s` holds a character [`is_control`] refuses. They are all ASCII, and no byte of a
/// multi-byte UTF-8 character is, so this reads bytes, one table load each (it runs on every
/// `Set-Cookie`, over the whole header).
pub fn has_control(s: &str) -> bool {
    const CONTROL: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 128 {
            t[i] = is_control(i as u8 as char);
            i += 1;
        }
        t
    };
    s.bytes().any(|b| CONTROL[usize::from(b)])
}

/// What a browser's cookie editor refuses in a name and value it is given by hand (Chrome's
/// DevTools goes through the same canonical-cookie checks as `Set-Cookie`), checked in this
/// order: a control character other than tab in the name, `;` or `=` in the name, a control
/// character in the value, `;` in the value, both empty, more than
/// [`Limits::max_cookie_bytes`] together.
///
/// ```
/// use session_lab::engine::jar::{check_name_value, BadText, Invalid, Limits};
/// let l = Limits::default();
/// assert_eq!(check_name_value("a", "x\ty", &l), Ok(()));
/// assert_eq!(check_name_value("a=b", "1", &l), Err(Invalid::Name(BadText::Separator)));
/// assert_eq!(check_name_value("", "", &l), Err(Invalid::Empty));
/// ```
pub fn check_name_value(name: &str, value: &str, limits: &Limits) -> Result<(), Invalid> {
    if has_control(name) {
        return Err(Invalid::Name(BadText::ControlCharacter));
    }
    if name.contains([';', '=']) {
        return Err(Invalid::Name(BadText::Separator));
    }
    if has_control(value) {
        return Err(Invalid::Value(BadText::ControlCharacter));
    }
    if value.contains(';') {
        return Err(Invalid::Value(BadText::Separator));
    }
    if name.is_empty() && value.is_empty() {
        return Err(Invalid::Empty);
    }
    let bytes = name.len() + value.len();
    if bytes > limits.max_cookie_bytes {
        return Err(Invalid::TooLarge {
            bytes,
            max: limits.max_cookie_bytes,
        });
    }
    Ok(())
}

/// A domain as the jar stores it: not empty, no whitespace, `;`, `/` or control character
/// (any Unicode control: a host name has none), no leading dot.
fn check_domain(domain: &str) -> Result<(), Invalid> {
    let bad = |b| Err(Invalid::Domain(b));
    if domain.is_empty() {
        return bad(BadDomain::Empty);
    }
    if domain
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == ';' || c == '/')
    {
        return bad(BadDomain::Character);
    }
    if domain.starts_with('.') {
        return bad(BadDomain::TwoDots);
    }
    Ok(())
}

/// Reads a domain as a person or a file writes it: at most one leading dot, which means the
/// cookie is not host-only (a domain cookie), then the rules of a stored domain; lower-cased.
/// Returns the domain without its dot, and whether it had one.
///
/// ```
/// use session_lab::engine::jar::{parse_domain, BadDomain, Invalid};
/// assert_eq!(parse_domain(".Example.COM"), Ok(("example.com".to_string(), true)));
/// assert_eq!(parse_domain("localhost"), Ok(("localhost".to_string(), false)));
/// assert_eq!(parse_domain("..a.com"), Err(Invalid::Domain(BadDomain::TwoDots)));
/// ```
pub fn parse_domain(text: &str) -> Result<(String, bool), Invalid> {
    let (domain, dotted) = match text.strip_prefix('.') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    check_domain(domain)?;
    Ok((domain.to_ascii_lowercase(), dotted))
}

/// Reads the host a by-hand cookie belongs to: a stored domain (no leading dot), lower-cased.
pub fn parse_host(text: &str) -> Result<String, Invalid> {
    check_domain(text)?;
    Ok(text.to_ascii_lowercase())
}

/// Checks a path: it starts with `/` and holds no `;` or control character (other than tab).
pub fn check_path(path: &str) -> Result<(), Invalid> {
    if !path.starts_with('/') {
        return Err(Invalid::Path(BadPath::NotAbsolute));
    }
    if path.contains(|c| c == ';' || is_control(c)) {
        return Err(Invalid::Path(BadPath::Character));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_control_reads_bytes_as_chars_would() {
        for s in [
            "", "a=b", "a\tb", "a\u{7f}", "x\ny", "é\u{1}", "中文", "\u{85}", "\u{2028}", "a\u{0}",
        ] {
            assert_eq!(has_control(s), s.chars().any(is_control), "{s:?}");
        }
    }

    #[test]
    fn names_and_values_follow_the_browser() {
        let l = Limits::default();
        let ok = |n: &str, v: &str| check_name_value(n, v, &l);
        assert_eq!(ok("a", "1"), Ok(()));
        assert_eq!(ok("", "nameless"), Ok(()));
        assert_eq!(ok("empty", ""), Ok(()));
        // horizontal tab is allowed, as RFC 6265bis and Chrome allow it
        assert_eq!(ok("a\tb", "x\ty"), Ok(()));
        // "=" in a value is fine: the first "=" ends the name
        assert_eq!(ok("a", "b=c"), Ok(()));
        // C1 controls are not CTLs
        assert_eq!(ok("a", "\u{85}"), Ok(()));
        use BadText::*;
        for (n, v, want) in [
            ("a\u{0}", "1", Invalid::Name(ControlCharacter)),
            ("a\n", "1", Invalid::Name(ControlCharacter)),
            ("a\u{7f}", "1", Invalid::Name(ControlCharacter)),
            ("a;b", "1", Invalid::Name(Separator)),
            ("a=b", "1", Invalid::Name(Separator)),
            ("a", "x\u{1}", Invalid::Value(ControlCharacter)),
            ("a", "x\r\n", Invalid::Value(ControlCharacter)),
            ("a", "x;y", Invalid::Value(Separator)),
            // the name is checked first
            ("a;", "\u{1}", Invalid::Name(Separator)),
            ("", "", Invalid::Empty),
        ] {
            assert_eq!(ok(n, v), Err(want), "{n:?} {v:?}");
        }
        let big = "x".repeat(4095);
        assert_eq!(ok("a", &big), Ok(()));
        assert_eq!(
            ok("ab", &big),
            Err(Invalid::TooLarge {
                bytes: 4097,
                max: 4096
            })
        );
        let small = Limits {
            max_cookie_bytes: 3,
            ..Limits::default()
        };
        assert_eq!(
            check_name_value("ab", "cd", &small),
            Err(Invalid::TooLarge { bytes: 4, max: 3 })
        );
        assert_eq!(Invalid::Empty.field(), None);
        assert_eq!(Invalid::Value(Separator).field(), Some(Field::Value));
    }

    #[test]
    fn domains_and_paths() {
        let dom = |b| Err(Invalid::Domain(b));
        assert_eq!(parse_domain("a.com"), Ok(("a.com".into(), false)));
        assert_eq!(parse_domain(".A.com"), Ok(("a.com".into(), true)));
        assert_eq!(parse_domain(""), dom(BadDomain::Empty));
        assert_eq!(parse_domain("."), dom(BadDomain::Empty));
        assert_eq!(parse_domain("..a.com"), dom(BadDomain::TwoDots));
        for bad in ["a b", "a\tb", "a;b", "a/b", "a\u{0}", "a\u{85}", " a"] {
            assert_eq!(parse_domain(bad), dom(BadDomain::Character), "{bad:?}");
        }
        assert_eq!(parse_host("LocalHost"), Ok("localhost".into()));
        assert_eq!(parse_host(".x"), Err(Invalid::Domain(BadDomain::TwoDots)));
        assert_eq!(parse_host(""), Err(Invalid::Domain(BadDomain::Empty)));

        assert_eq!(check_path("/"), Ok(()));
        assert_eq!(check_path("/a b/\tc"), Ok(()));
        assert_eq!(check_path(""), Err(Invalid::Path(BadPath::NotAbsolute)));
        assert_eq!(check_path("x/"), Err(Invalid::Path(BadPath::NotAbsolute)));
        assert_eq!(check_path("/a;b"), Err(Invalid::Path(BadPath::Character)));
        assert_eq!(check_path("/\n"), Err(Invalid::Path(BadPath::Character)));
    }

    #[test]
    fn a_whole_cookie() {
        let l = Limits::default();
        let c = Cookie::by_hand("a", "1", "localhost", 0);
        assert_eq!(c.check(&l), Ok(()));
        let bad = |f: fn(&mut Cookie)| {
            let mut c = c.clone();
            f(&mut c);
            c.check(&l)
        };
        assert_eq!(
            bad(|c| c.domain = ".x".into()),
            Err(Invalid::Domain(BadDomain::TwoDots))
        );
        assert_eq!(
            bad(|c| c.domain.clear()),
            Err(Invalid::Domain(BadDomain::Empty))
        );
        assert_eq!(
            bad(|c| c.path = "p".into()),
            Err(Invalid::Path(BadPath::NotAbsolute))
        );
        assert_eq!(
            bad(|c| c.name = "=".into()),
            Err(Invalid::Name(BadText::Separator))
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(n in "\\PC*", v in "\\PC*", d in "\\PC*") {
            let l = Limits::default();
            if check_name_value(&n, &v, &l).is_ok() {
                proptest::prop_assert!(!n.contains([';', '=']) && !v.contains(';'));
            }
            if let Ok((d, _)) = parse_domain(&d) {
                proptest::prop_assert_eq!(parse_domain(&d), Ok((d.clone(), false)));
            }
            let _ = check_path(&d);
        }
    }

    #[test]
    fn a_domain_cookie_shows_its_dot_as_devtools_does() {
        let mut c = Cookie::by_hand("a", "1", "localhost", 0);
        assert_eq!(c.domain_shown(), "localhost");
        c.host_only = false;
        assert_eq!(c.domain_shown(), ".localhost");
        assert_eq!(c.domain, "localhost", "the jar keeps it without the dot");
    }
}
