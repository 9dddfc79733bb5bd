//! The `Cookie` request header and the `Set-Cookie` response header as the server reads and
//! writes them: jshttp/cookie 0.7.2 (`index.js` `parse` and `serialize`), the version
//! express-session and cookie-parser pin.
//!
//! Hand-written: no Rust cookie crate reproduces 0.7.2's quirks (first duplicate wins, quotes
//! stripped, `%`-only decoding that keeps the raw value when `decodeURIComponent` throws,
//! backtracking over segments without `=`). The browser side parses `Set-Cookie` differently;
//! see [`super::jar`].

use super::clock::JsDate;
use super::uri::{decode_uri_component, encode_uri_component, DecodeError};

/// One `name=value` pair found in a `Cookie` header, with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookiePair {
    /// The name, trimmed of spaces and tabs, never decoded.
    pub name: String,
    /// The value as the server sees it (quotes stripped, decoded when it contained `%`).
    pub value: String,
    /// The value exactly as it appeared between `=` and `;` (trimmed).
    pub raw: String,
    /// `decodeURIComponent` threw, so the raw value was kept.
    pub decode_error: Option<DecodeError>,
    /// An earlier pair had the same name, so this one is ignored (first wins).
    pub shadowed: bool,
}

/// The result of parsing a `Cookie` header: every pair in order, including ignored duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedCookies {
    /// All pairs in header order.
    pub pairs: Vec<CookiePair>,
}

impl ParsedCookies {
    /// `cookies[name]`: the first pair with that name.
    pub fn get(&self, name: &str) -> Option<&CookiePair> {
        self.pairs.iter().find(|p| p.name == name && !p.shadowed)
    }
    /// The pairs the server actually uses (first occurrence of each name), in order.
    pub fn effective(&self) -> impl Iterator<Item = &CookiePair> {
        self.pairs.iter().filter(|p| !p.shadowed)
    }
}

fn is_sp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn trim_range(s: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && is_sp(s[start]) {
        start += 1;
    }
    while end > start && is_sp(s[end - 1]) {
        end -= 1;
    }
    (start, end)
}

/// The `name=value` segments of a header as jshttp/cookie 0.7.2's `parse` scans them: the
/// name and the raw value (quotes kept), both trimmed.
struct Segments<'a> {
    header: &'a str,
    index: usize,
}

impl<'a> Iterator for Segments<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let header = self.header;
        let (s, len) = (header.as_bytes(), header.len());
        if len < 2 {
            return None;
        }
        while self.index < len {
            let index = self.index;
            let eq = header[index..].find('=')? + index;
            let end = match header[index..].find(';').map(|i| i + index) {
                None => len,
                Some(semi) if eq > semi => {
                    // A segment without '=': restart just after the last ';' before the '='.
                    self.index = header[..eq].rfind(';').map_or(0, |i| i + 1);
                    continue;
                }
                Some(semi) => semi,
            };
            self.index = end + 1;
            let (ks, ke) = trim_range(s, index, eq);
            let (vs, ve) = trim_range(s, eq + 1, end);
            return Some((&header[ks..ke], &header[vs..ve]));
        }
        None
    }
}

/// The value the server sees for a raw value: quotes stripped, decoded when it contains `%`
/// (the raw value kept when `decodeURIComponent` throws).
fn server_value(raw: &str) -> (String, Option<DecodeError>) {
    let r = raw.as_bytes();
    // `a="` strips its one quote from both ends: slice(start+1, end-1) is empty.
    let unquoted = if r.len() >= 2 && r[0] == b'"' && r[r.len() - 1] == b'"' {
        &raw[1..raw.len() - 1]
    } else if r == b"\"" {
        ""
    } else {
        raw
    };
    if unquoted.contains('%') {
        match decode_uri_component(unquoted) {
            Ok(v) => (v, None),
            Err(e) => (unquoted.to_string(), Some(e)),
        }
    } else {
        (unquoted.to_string(), None)
    }
}

/// `cookie.parse(str)` from jshttp/cookie 0.7.2.
pub fn parse(header: &str) -> ParsedCookies {
    let mut out = ParsedCookies::default();
    for (name, raw) in (Segments { header, index: 0 }) {
        // `obj.__proto__ = string` is a no-op on a plain object, so the pair vanishes.
        if name == "__proto__" {
            continue;
        }
        let shadowed = out.pairs.iter().any(|p| p.name == name);
        let (value, decode_error) = server_value(raw);
        out.pairs.push(CookiePair {
            name: name.to_string(),
            value,
            raw: raw.to_string(),
            decode_error,
            shadowed,
        });
    }
    out
}

/// `cookie.parse(str)[name]`: what [`parse`]`(header).get(name)` holds as the value and its
/// decode error, without copying and decoding every other pair (the session middleware reads
/// its one cookie on every request). The first pair with the name wins, as there.
pub fn get(header: &str, name: &str) -> Option<(String, Option<DecodeError>)> {
    if name == "__proto__" {
        return None;
    }
    (Segments { header, index: 0 })
        .find(|(n, _)| *n == name)
        .map(|(_, raw)| server_value(raw))
}

/// Whether [`parse`] would find a cookie called `name` in `header` (without decoding or
/// copying any value: a simulated browser asks this of every `Set-Cookie` it receives).
pub fn has_cookie(header: &str, name: &str) -> bool {
    name != "__proto__" && (Segments { header, index: 0 }).any(|(n, _)| n == name)
}

/// The `sameSite` option: `true` or a string (`false`/absent is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameSiteOption {
    /// `sameSite: true`, serialised as `Strict`.
    True,
    /// A string, matched case-insensitively against lax/strict/none.
    Str(String),
}

/// Options of `cookie.serialize`, already reduced from JavaScript values: falsy options are
/// `None`/`false`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SerializeOptions {
    /// Seconds (`Max-Age`); `Math.floor` is applied.
    pub max_age: Option<f64>,
    /// `Domain`, if not empty; it must be a valid domain or serialising fails.
    pub domain: Option<String>,
    /// `Path`, if not empty; `;`, `<` or anything outside printable ASCII makes serialising
    /// fail.
    pub path: Option<String>,
    /// `Expires` (an invalid date is an error).
    pub expires: Option<JsDate>,
    /// Writes `HttpOnly`: scripts cannot read the cookie.
    pub http_only: bool,
    /// Writes `Secure`: the browser sends it only over https.
    pub secure: bool,
    /// Writes `Partitioned` (CHIPS): the browser keys it by top-level site.
    pub partitioned: bool,
    /// `Priority` (low, medium, high).
    pub priority: Option<String>,
    /// `SameSite`: `true` is Strict; a string must be lax, strict or none (any case), else
    /// serialising fails.
    pub same_site: Option<SameSiteOption>,
}

/// The `TypeError`s `cookie.serialize` throws, with their exact messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerializeError {
    /// The name is not an RFC 7230 token.
    Name,
    /// The encoded value has characters a cookie value cannot hold.
    Value,
    /// `maxAge` is not finite.
    MaxAge,
    /// `domain` is not a valid domain.
    Domain,
    /// `path` contains `;` or a control character.
    Path,
    /// `expires` is an invalid date.
    Expires,
    /// `priority` is not low, medium or high.
    Priority,
    /// `sameSite` is not true, lax, strict or none.
    SameSite,
}

impl SerializeError {
    /// The message of the `TypeError` Node throws.
    pub fn message(self) -> &'static str {
        match self {
            SerializeError::Name => "argument name is invalid",
            SerializeError::Value => "argument val is invalid",
            SerializeError::MaxAge => "option maxAge is invalid",
            SerializeError::Domain => "option domain is invalid",
            SerializeError::Path => "option path is invalid",
            SerializeError::Expires => "option expires is invalid",
            SerializeError::Priority => "option priority is invalid",
            SerializeError::SameSite => "option sameSite is invalid",
        }
    }
}

impl std::fmt::Display for SerializeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypeError: {}", self.message())
    }
}

/// `/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/`: an RFC 7230 token.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| TOKEN[usize::from(b)])
}

/// The characters besides ASCII letters and digits that [`is_token`] accepts, as the page
/// lists them (the inspector's "the name must be a token" was RFC jargon to a learner).
pub const TOKEN_SYMBOLS: &str = "!#$%&'*+-.^_`|~";

/// RFC 7230 `tchar`.
const fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

/// `cookie-octet`.
const fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// Tables of the bytes each class allows: every `Set-Cookie` checks its name and value byte
/// by byte, and a lookup is cheaper than the class's ranges.
const fn table(cookie_octet: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if cookie_octet {
            is_cookie_octet(b as u8)
        } else {
            is_tchar(b as u8)
        };
        b += 1;
    }
    t
}
const TOKEN: [bool; 256] = table(false);
const COOKIE_OCTET: [bool; 256] = table(true);

/// `/^("?)[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*\1$/`
fn is_cookie_value(s: &str) -> bool {
    let ok = |b: u8| COOKIE_OCTET[usize::from(b)];
    let b = s.as_bytes();
    let inner = if b.len() >= 2 && b[0] == b'"' && b[b.len() - 1] == b'"' {
        &b[1..b.len() - 1]
    } else {
        b
    };
    inner.iter().all(|&c| ok(c))
}

/// `/^([.]?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)([.][a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i`
pub fn is_valid_domain(d: &str) -> bool {
    let d = d.strip_prefix('.').unwrap_or(d);
    !d.is_empty()
        && d.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        })
}

/// `/^[\x20-\x3A\x3D-\x7E]*$/`
pub fn is_valid_path(p: &str) -> bool {
    p.bytes().all(|b| matches!(b, 0x20..=0x3A | 0x3D..=0x7E))
}

/// `cookie.serialize(name, val, opt)` with the default `encodeURIComponent` encoder.
/// Attributes come in the package's fixed order.
pub fn serialize(
    name: &str,
    value: &str,
    opt: &SerializeOptions,
) -> Result<String, SerializeError> {
    if !is_token(name) {
        return Err(SerializeError::Name);
    }
    let value = encode_uri_component(value);
    if !is_cookie_value(&value) {
        return Err(SerializeError::Value);
    }
    let mut s = String::with_capacity(name.len() + value.len() + 96);
    s.push_str(name);
    s.push('=');
    s.push_str(&value);
    if let Some(max_age) = opt.max_age {
        let m = max_age.floor();
        if !m.is_finite() {
            return Err(SerializeError::MaxAge);
        }
        s.push_str("; Max-Age=");
        s.push_str(&super::js::number_to_string(m));
    }
    if let Some(domain) = opt.domain.as_deref().filter(|d| !d.is_empty()) {
        if !is_valid_domain(domain) {
            return Err(SerializeError::Domain);
        }
        s.push_str("; Domain=");
        s.push_str(domain);
    }
    if let Some(path) = opt.path.as_deref().filter(|p| !p.is_empty()) {
        if !is_valid_path(path) {
            return Err(SerializeError::Path);
        }
        s.push_str("; Path=");
        s.push_str(path);
    }
    if let Some(expires) = opt.expires {
        if !expires.is_valid() {
            return Err(SerializeError::Expires);
        }
        s.push_str("; Expires=");
        s.push_str(&expires.to_utc_string());
    }
    if opt.http_only {
        s.push_str("; HttpOnly");
    }
    if opt.secure {
        s.push_str("; Secure");
    }
    if opt.partitioned {
        s.push_str("; Partitioned");
    }
    if let Some(p) = opt.priority.as_deref().filter(|p| !p.is_empty()) {
        s.push_str(match p.to_lowercase().as_str() {
            "low" => "; Priority=Low",
            "medium" => "; Priority=Medium",
            "high" => "; Priority=High",
            _ => return Err(SerializeError::Priority),
        });
    }
    match &opt.same_site {
        None => {}
        Some(SameSiteOption::Str(v)) if v.is_empty() => {}
        Some(SameSiteOption::True) => s.push_str("; SameSite=Strict"),
        Some(SameSiteOption::Str(v)) => s.push_str(match v.to_lowercase().as_str() {
            "lax" => "; SameSite=Lax",
            "strict" => "; SameSite=Strict",
            "none" => "; SameSite=None",
            _ => return Err(SerializeError::SameSite),
        }),
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// One cookie read alone is what the whole parse holds for it.
        #[test]
        fn get_is_parse_then_get(header in "[a-c_=; \"%0-9A-Fp]{0,30}", name in "[a-c_p]{0,2}|__proto__") {
            let whole = parse(&header);
            let want = whole.get(&name).map(|p| (p.value.clone(), p.decode_error.clone()));
            proptest::prop_assert_eq!(get(&header, &name), want);
        }
    }

    #[test]
    fn get_reads_the_first_pair() {
        let h = "__proto__=x; a=1; b=\"q%20\"; a=2; c=%E0%A4%A";
        for name in ["__proto__", "a", "b", "c", "d", ""] {
            let want = parse(h)
                .get(name)
                .map(|p| (p.value.clone(), p.decode_error.clone()));
            assert_eq!(get(h, name), want, "{name}");
        }
        assert_eq!(get(h, "a"), Some(("1".into(), None)));
        assert_eq!(get(h, "b"), Some(("q ".into(), None)));
        assert!(get(h, "c").is_some_and(|(v, e)| v == "%E0%A4%A" && e.is_some()));
    }

    #[test]
    fn byte_tables_match_their_classes() {
        for b in 0..=255u8 {
            assert_eq!(TOKEN[usize::from(b)], is_tchar(b), "{b}");
            assert_eq!(
                is_tchar(b) && !b.is_ascii_alphanumeric(),
                TOKEN_SYMBOLS.as_bytes().contains(&b),
                "{b}"
            );
            assert_eq!(COOKIE_OCTET[usize::from(b)], is_cookie_octet(b), "{b}");
        }
        assert!(is_token("connect.sid") && is_token("a!#$%&'*+-.^_`|~9") && !is_token(""));
        assert!(!is_token("a b") && !is_token("a=b") && !is_token("名"));
        assert!(is_cookie_value("s%3Aabc.def") && is_cookie_value("\"x\"") && is_cookie_value(""));
        assert!(!is_cookie_value("a;b") && !is_cookie_value("a b") && !is_cookie_value("a,b"));
        assert!(!is_cookie_value("\"x") && !is_cookie_value("a\\b"));
    }

    fn map(h: &str) -> Vec<(String, String)> {
        parse(h)
            .effective()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect()
    }
    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parse_matches_cookie_0_7_2() {
        // Expected objects printed by cookie@0.7.2's parse in Node 20.
        assert_eq!(map("a=1,b=2"), pairs(&[("a", "1,b=2")]));
        assert_eq!(map("foo; a=1"), pairs(&[("a", "1")]));
        assert_eq!(map("a=b=c"), pairs(&[("a", "b=c")]));
        assert_eq!(map(" a \t= \t1 ;b=2"), pairs(&[("a", "1"), ("b", "2")]));
        assert_eq!(map("=x"), pairs(&[("", "x")]));
        assert_eq!(map("a=1; a=2"), pairs(&[("a", "1")]));
        assert_eq!(map("a=\"x y\""), pairs(&[("a", "x y")]));
        assert_eq!(map("a=\"\""), pairs(&[("a", "")]));
        assert_eq!(map("a=\""), pairs(&[("a", "")]));
        assert_eq!(map("a=%zz%41"), pairs(&[("a", "%zz%41")]));
        assert_eq!(map("a=%41+b"), pairs(&[("a", "A+b")]));
        assert_eq!(map("__proto__=x; b=1"), pairs(&[("b", "1")]));
        assert_eq!(map("x"), pairs(&[]));
        assert_eq!(map("a=1;"), pairs(&[("a", "1")]));
        assert_eq!(map("a=1;;b=2"), pairs(&[("a", "1"), ("b", "2")]));
        assert_eq!(map("foo;bar;a=1"), pairs(&[("a", "1")]));
        let p = parse("connect.sid=s%3Afoo.bar; connect.sid=other");
        assert!(p.pairs[1].shadowed);
        assert_eq!(p.get("connect.sid").unwrap().value, "s:foo.bar");
        assert!(parse("a=%ZZ").pairs[0].decode_error.is_some());
    }

    #[test]
    fn serialize_matches_cookie_0_7_2() {
        let sid = "s:AAECAwQFBgcICQoLDA0ODxAREhMUFRYX.W/83IrtQEUmVbFEfq+GGkGbwYCJTR8nk91zVwjtDN0E";
        let opt = SerializeOptions {
            path: Some("/".into()),
            http_only: true,
            ..Default::default()
        };
        assert_eq!(
            serialize("connect.sid", sid, &opt).unwrap(),
            "connect.sid=s%3AAAECAwQFBgcICQoLDA0ODxAREhMUFRYX.W%2F83IrtQEUmVbFEfq%2BGGkGbwYCJTR8nk91zVwjtDN0E; Path=/; HttpOnly"
        );
        let all = SerializeOptions {
            max_age: Some(59.9),
            domain: Some(".example.com".into()),
            path: Some("/".into()),
            expires: Some(JsDate::new(1_700_086_400_000.0)),
            http_only: true,
            secure: true,
            partitioned: true,
            priority: Some("HIGH".into()),
            same_site: Some(SameSiteOption::True),
        };
        assert_eq!(
            serialize("sid", "v", &all).unwrap(),
            "sid=v; Max-Age=59; Domain=.example.com; Path=/; Expires=Wed, 15 Nov 2023 22:13:20 GMT; HttpOnly; Secure; Partitioned; Priority=High; SameSite=Strict"
        );
    }

    #[test]
    fn serialize_errors() {
        let e = |o: SerializeOptions| serialize("a", "b", &o).unwrap_err();
        assert_eq!(
            serialize("a b", "x", &Default::default()),
            Err(SerializeError::Name)
        );
        assert_eq!(
            serialize("", "x", &Default::default()),
            Err(SerializeError::Name)
        );
        assert_eq!(
            e(SerializeOptions {
                max_age: Some(f64::NAN),
                ..Default::default()
            }),
            SerializeError::MaxAge
        );
        assert_eq!(
            e(SerializeOptions {
                domain: Some("a..b".into()),
                ..Default::default()
            }),
            SerializeError::Domain
        );
        assert_eq!(
            e(SerializeOptions {
                path: Some("/a;b".into()),
                ..Default::default()
            }),
            SerializeError::Path
        );
        assert_eq!(
            e(SerializeOptions {
                expires: Some(JsDate(f64::NAN)),
                ..Default::default()
            }),
            SerializeError::Expires
        );
        assert_eq!(
            e(SerializeOptions {
                priority: Some("urgent".into()),
                ..Default::default()
            }),
            SerializeError::Priority
        );
        assert_eq!(
            e(SerializeOptions {
                same_site: Some(SameSiteOption::Str("auto".into())),
                ..Default::default()
            }),
            SerializeError::SameSite
        );
        assert_eq!(
            SerializeError::SameSite.message(),
            "option sameSite is invalid"
        );
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(h in "\\PC*", b in proptest::collection::vec(proptest::sample::select(&[b'a', b'=', b';', b' ', b'"', b'%', b'\t', b'4', b'1'][..]), 0..40)) {
            let _ = parse(&h);
            let _ = parse(std::str::from_utf8(&b).unwrap());
        }

        #[test]
        fn has_cookie_is_what_parse_finds(b in proptest::collection::vec(proptest::sample::select(&[b'a', b'b', b'=', b';', b' ', b'"', b'%', b'\t', b'4'][..]), 0..30)) {
            let h = std::str::from_utf8(&b).unwrap();
            for name in ["a", "b", "ab", "a b", "", "__proto__"] {
                proptest::prop_assert_eq!(has_cookie(h, name), parse(h).get(name).is_some(), "{:?} in {:?}", name, h);
            }
            proptest::prop_assert!(!has_cookie("__proto__=1", "__proto__"));
        }

        #[test]
        fn serialize_then_parse_round_trips(name in "[a-zA-Z0-9!#$&'*+.^_`|~-]{1,10}", value in "\\PC*") {
            let header = serialize(&name, &value, &SerializeOptions::default()).unwrap();
            let parsed = parse(&header);
            proptest::prop_assert_eq!(&parsed.get(&name).unwrap().value, &value);
        }
    }
}
