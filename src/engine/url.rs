//! A small URL type for the simulated browser: `http`/`https` only, ASCII hosts.
//!
//! Hand-written instead of the `url` crate to keep the WebAssembly small (its IDNA tables alone
//! outweigh the rest of the engine); the lab only needs absolute http(s) URLs, relative
//! references (links, form actions, `Location`) and WHATWG-style percent-encoding of paths.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use std::fmt;

/// The WHATWG path percent-encode set.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');
/// The WHATWG query percent-encode set for special schemes.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'\'');

/// An absolute http or https URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Url {
    /// `true` for https.
    pub secure: bool,
    /// Lower-cased host name or IPv4 address.
    pub host: String,
    /// The port, if one was written and differs from the scheme's default.
    pub port: Option<u16>,
    /// The path, always starting with `/`, percent-encoded.
    pub path: String,
    /// The query without `?`, percent-encoded, if present.
    pub query: Option<String>,
}

/// Why a URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// Nothing but whitespace was given.
    Empty,
    /// Only `http:` and `https:` are simulated.
    UnsupportedScheme(String),
    /// A host with characters outside `a-z 0-9 . -`, or none at all.
    BadHost(String),
    /// A port that is not a number from 1 to 65535.
    BadPort(String),
    /// Too long to be a URL the lab will handle (over 64 KiB).
    TooLong,
    /// A well-formed address where no server of the lab listens: the browser cannot connect.
    NoServer {
        /// The origin asked for (`http://example.com`).
        origin: String,
        /// The origin the lesson's server listens on (`http://localhost:3000`).
        listening: String,
    },
}

/// The scheme a text starts with (`javascript` in `javascript:alert(1)`), if it starts with
/// one: a letter, then letters, digits, `+`, `-` or `.`, then `:` (RFC 3986 §3.1).
fn scheme_of(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Whether `host:1234…` reads as a host and port rather than a scheme: digits follow the
/// colon, up to the end, a `/` or a `?`.
fn after_colon_is_port(s: &str) -> bool {
    let Some((_, rest)) = s.split_once(':') else {
        return false;
    };
    let digits = rest.split(['/', '?', '#']).next().unwrap_or("");
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Longest URL accepted.
pub const MAX_URL_LEN: usize = 65_536;

/// Percent-encodes what the set names. `%` is not in the sets, so existing escapes (and a
/// lone `%`) pass through unchanged, as browsers leave them.
fn encode_part(s: &str, set: &'static AsciiSet) -> String {
    std::borrow::Cow::from(utf8_percent_encode(s, set)).into_owned()
}

/// Letters, digits, `.` and `-`, up to 253 bytes, not starting with a dot and with no empty
/// label (`..`). One pass over the bytes: this runs on every request, and at opt-level "z"
/// `contains("..")` sets up a substring searcher each time.
fn valid_host(h: &str) -> bool {
    let b = h.as_bytes();
    if b.is_empty() || b.len() > 253 || b[0] == b'.' {
        return false;
    }
    let mut prev = 0;
    for &c in b {
        if !(c.is_ascii_alphanumeric() || c == b'-' || c == b'.') || (c == b'.' && prev == b'.') {
            return false;
        }
        prev = c;
    }
    true
}

/// Where `://` starts in `s`, if anywhere (a byte loop, for the reason [`valid_host`] gives).
fn scheme_separator(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2)).find(|&i| b[i] == b':' && b[i + 1] == b'/' && b[i + 2] == b'/')
}

/// Whether a segment of `path` starts with a dot, plain or percent-encoded (`/.`, `/%2e`,
/// `/%2E`): only then can it hold a `.` or `..` segment.
fn has_dot_segment(path: &str) -> bool {
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' {
            match b.get(i + 1) {
                Some(b'.') => return true,
                Some(b'%')
                    if b.get(i + 2) == Some(&b'2') && matches!(b.get(i + 3), Some(b'e' | b'E')) =>
                {
                    return true
                }
                _ => {}
            }
        }
        i += 1;
    }
    false
}

/// The first byte of `s` that `hit` picks (callers look for ASCII delimiters only).
fn position(s: &str, hit: impl Fn(u8) -> bool) -> Option<usize> {
    s.bytes().position(hit)
}

/// Removes `.` and `..` segments (RFC 3986 §5.2.4) from a path that starts with `/`.
fn remove_dot_segments(path: String) -> String {
    // the usual path has no segment that starts with a dot (plain or encoded)
    if !has_dot_segment(&path) {
        return path;
    }
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let n = segments.len();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == n;
        // the URL Standard's single- and double-dot segments, matched ignoring ASCII case
        let dot = |forms: &[&str]| forms.iter().any(|f| seg.eq_ignore_ascii_case(f));
        match *seg {
            _ if dot(&[".", "%2e"]) => {
                if last {
                    out.push("");
                }
            }
            _ if dot(&["..", ".%2e", "%2e.", "%2e%2e"]) => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

impl Url {
    /// Parses an absolute http(s) URL. Whitespace around it is ignored, as in an address bar.
    pub fn parse(input: &str) -> Result<Url, UrlError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        if s.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        // The delimiters are ASCII, so byte positions are char boundaries; scanning bytes
        // spares the char searchers and the lowercased copies (this runs on every request).
        let Some(sep) = scheme_separator(s) else {
            return Err(match scheme_of(s) {
                Some(scheme) => UrlError::UnsupportedScheme(scheme.to_string()),
                None => UrlError::BadHost(s.chars().take(40).collect()),
            });
        };
        let (scheme, rest) = (&s[..sep], &s[sep + 3..]);
        let secure = if scheme.eq_ignore_ascii_case("http") {
            false
        } else if scheme.eq_ignore_ascii_case("https") {
            true
        } else {
            return Err(UrlError::UnsupportedScheme(
                scheme.to_ascii_lowercase().chars().take(40).collect(),
            ));
        };
        let rest = &rest[..position(rest, |c| c == b'#').unwrap_or(rest.len())];
        let auth_end = position(rest, |c| c == b'/' || c == b'?').unwrap_or(rest.len());
        let authority = &rest[..auth_end];
        let tail = &rest[auth_end..];
        // drop userinfo
        let hostport = match authority.bytes().rposition(|c| c == b'@') {
            Some(at) => &authority[at + 1..],
            None => authority,
        };
        let (host, port) = match hostport.bytes().rposition(|c| c == b':') {
            Some(colon) => {
                let (h, p) = (&hostport[..colon], &hostport[colon + 1..]);
                let port: u16 = if p.is_empty() {
                    0
                } else {
                    p.parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| UrlError::BadPort(p.chars().take(12).collect()))?
                };
                (h, (port != 0).then_some(port))
            }
            None => (hostport, None),
        };
        let host = host.to_ascii_lowercase();
        if !valid_host(&host) {
            return Err(UrlError::BadHost(host.chars().take(40).collect()));
        }
        let default_port = if secure { 443 } else { 80 };
        let port = port.filter(|p| *p != default_port);
        let (path, query) = match position(tail, |c| c == b'?') {
            Some(q) => (&tail[..q], Some(&tail[q + 1..])),
            None => (tail, None),
        };
        let path = if path.is_empty() { "/" } else { path };
        Ok(Url {
            secure,
            host,
            port,
            path: remove_dot_segments(encode_part(path, PATH)),
            query: query.map(|q| encode_part(q, QUERY)),
        })
    }

    /// What an address bar makes of typed text: an absolute URL as it is; text that starts
    /// with a scheme other than http(s) (`javascript:alert(1)`, `ftp://x`) refused, naming that
    /// scheme; anything else (`localhost:3000/`, `example.com/a`) taken as `http://` plus the
    /// text, as browsers do.
    pub fn parse_typed(input: &str) -> Result<Url, UrlError> {
        let s = input.trim();
        if scheme_separator(s).is_some() {
            return Url::parse(s);
        }
        match scheme_of(s) {
            Some(scheme) if !after_colon_is_port(s) => Err(UrlError::UnsupportedScheme(
                scheme.chars().take(40).collect(),
            )),
            _ if s.is_empty() => Err(UrlError::Empty),
            _ => Url::parse(&format!("http://{s}")),
        }
    }

    /// Resolves a reference (absolute, `//host/…`, `/path`, `?query` or `relative/path`)
    /// against this URL, as a link or a `Location` header is resolved.
    pub fn join(&self, reference: &str) -> Result<Url, UrlError> {
        let r = reference.trim();
        if r.len() > MAX_URL_LEN {
            return Err(UrlError::TooLong);
        }
        if r.contains("://") && r.find("://") < r.find(['/', '?', '#']) {
            return Url::parse(r);
        }
        if let Some(rest) = r.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.scheme()));
        }
        let r = r.split('#').next().unwrap_or("");
        if r.is_empty() {
            return Ok(self.clone());
        }
        let (path, query) = match r.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (r, None),
        };
        let mut out = self.clone();
        out.query = query.map(|q| encode_part(q, QUERY));
        if path.is_empty() {
            return Ok(out);
        }
        let merged = if path.starts_with('/') {
            path.to_string()
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{path}")
        };
        let merged = if merged.starts_with('/') {
            merged
        } else {
            format!("/{merged}")
        };
        out.path = remove_dot_segments(encode_part(&merged, PATH));
        Ok(out)
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &'static str {
        if self.secure {
            "https"
        } else {
            "http"
        }
    }

    /// `host` or `host:port`, as in the `Host` header.
    pub fn authority(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    /// `scheme://host[:port]`.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme(), self.authority())
    }

    /// Path plus `?query`: the request target a browser sends.
    pub fn target(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        }
    }

    /// The site for SameSite: the registrable domain of the host (`a.example.com` →
    /// `example.com`), by the lab's public-suffix list ([`super::site::site_of`]).
    pub fn site(&self) -> String {
        super::site::site_of(&self.host)
    }
}

impl Url {
    /// The whole URL as text (what `to_string` gives, built without the formatting machinery:
    /// it runs several times per simulated request).
    pub fn href(&self) -> String {
        let mut s = String::with_capacity(self.host.len() + self.path.len() + 24);
        s.push_str(self.scheme());
        s.push_str("://");
        s.push_str(&self.host);
        if let Some(p) = self.port {
            s.push(':');
            super::js::push_padded(&mut s, p.into(), 1);
        }
        s.push_str(&self.path);
        if let Some(q) = &self.query {
            s.push('?');
            s.push_str(q);
        }
        s
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.href())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_bar_reads_what_is_typed() {
        let typed = |s: &str| Url::parse_typed(s).map(|u| u.to_string());
        assert_eq!(typed("localhost:3000/").unwrap(), "http://localhost:3000/");
        assert_eq!(
            typed(" example.com/a?b=1 ").unwrap(),
            "http://example.com/a?b=1"
        );
        assert_eq!(typed("localhost").unwrap(), "http://localhost/");
        assert_eq!(
            typed("https://localhost:8080/user").unwrap(),
            "https://localhost:8080/user"
        );
        assert_eq!(
            typed("javascript:alert(1)"),
            Err(UrlError::UnsupportedScheme("javascript".into()))
        );
        assert_eq!(
            typed("ftp://x/"),
            Err(UrlError::UnsupportedScheme("ftp".into()))
        );
        assert_eq!(
            typed("mailto:a@b"),
            Err(UrlError::UnsupportedScheme("mailto".into()))
        );
        assert_eq!(typed("  "), Err(UrlError::Empty));
        // the strict parser names the scheme too
        assert_eq!(
            Url::parse("data:text/html,hi"),
            Err(UrlError::UnsupportedScheme("data".into()))
        );
        assert!(matches!(
            Url::parse("localhost:3000/"),
            Err(UrlError::UnsupportedScheme(_))
        ));
    }

    #[test]
    fn parses_and_prints() {
        let u = Url::parse("  HTTP://LocalHost:3000/login?username=alice#x ").unwrap();
        assert_eq!(u.to_string(), "http://localhost:3000/login?username=alice");
        assert_eq!(u.authority(), "localhost:3000");
        assert!(!u.secure);
        assert_eq!(
            Url::parse("https://example.com:443").unwrap().to_string(),
            "https://example.com/"
        );
        assert_eq!(
            Url::parse("http://h/a b/ü?q=a b").unwrap().target(),
            "/a%20b/%C3%BC?q=a%20b"
        );
        assert_eq!(Url::parse("http://h/a/./b/../c").unwrap().path, "/a/c");
        assert_eq!(Url::parse("http://h/a/%2E%2e/b").unwrap().path, "/b");
        assert_eq!(Url::parse("http://h/a/.%2e").unwrap().path, "/");
        assert_eq!(Url::parse("http://h/a/%2e%2E/").unwrap().path, "/");
        assert_eq!(Url::parse("http://h/a.b/c./d").unwrap().path, "/a.b/c./d");
        assert_eq!(Url::parse("http://u:p@h:81/").unwrap().authority(), "h:81");
    }

    #[test]
    fn rejects_with_reasons() {
        assert_eq!(Url::parse(""), Err(UrlError::Empty));
        assert!(matches!(
            Url::parse("ftp://x/"),
            Err(UrlError::UnsupportedScheme(_))
        ));
        assert!(matches!(
            Url::parse("javascript:alert(1)"),
            Err(UrlError::UnsupportedScheme(_))
        ));
        assert!(matches!(
            Url::parse("http://<img>/"),
            Err(UrlError::BadHost(_))
        ));
        assert!(matches!(Url::parse("http:///x"), Err(UrlError::BadHost(_))));
        assert!(matches!(
            Url::parse("http://h:99999/"),
            Err(UrlError::BadPort(_))
        ));
        assert!(matches!(
            Url::parse("http://h:0/"),
            Err(UrlError::BadPort(_))
        ));
    }

    #[test]
    fn joins_references() {
        let base = Url::parse("http://localhost:8080/a/b?x=1").unwrap();
        let j = |r: &str| base.join(r).unwrap().to_string();
        assert_eq!(j("/user"), "http://localhost:8080/user");
        assert_eq!(j("c"), "http://localhost:8080/a/c");
        assert_eq!(j("../c"), "http://localhost:8080/c");
        assert_eq!(j("?y=2"), "http://localhost:8080/a/b?y=2");
        assert_eq!(j("//evil.example/x"), "http://evil.example/x");
        assert_eq!(j("https://other/"), "https://other/");
        assert_eq!(j(""), "http://localhost:8080/a/b?x=1");
        assert_eq!(
            j("/login?username=a b"),
            "http://localhost:8080/login?username=a%20b"
        );
    }

    #[test]
    fn site_follows_the_public_suffix_list() {
        let site = |s: &str| Url::parse(s).unwrap().site();
        assert_eq!(site("http://a.b.example.com:8080/"), "example.com");
        assert_eq!(site("https://shop.x.co.uk/"), "x.co.uk");
        assert_eq!(site("http://localhost:3000/"), "localhost");
        assert_eq!(site("http://127.0.0.1/"), "127.0.0.1");
    }

    proptest::proptest! {
        /// The byte loops say what the plain definitions say.
        #[test]
        fn byte_scans_match_their_definitions(s in "[a-zA-Z0-9.:/%2eE-]{0,12}|\\PC{0,12}") {
            proptest::prop_assert_eq!(
                valid_host(&s),
                !s.is_empty()
                    && s.len() <= 253
                    && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
                    && !s.starts_with('.')
                    && !s.contains("..")
            );
            proptest::prop_assert_eq!(scheme_separator(&s), s.find("://"));
            proptest::prop_assert_eq!(
                has_dot_segment(&s),
                ["/.", "/%2e", "/%2E"].iter().any(|d| s.contains(d))
            );
        }

        #[test]
        fn never_panics(s in "\\PC*", r in "\\PC*") {
            if let Ok(u) = Url::parse(&s) {
                let _ = u.join(&r);
                let again = Url::parse(&u.to_string()).unwrap();
                proptest::prop_assert_eq!(again.to_string(), u.to_string());
            }
        }
    }
}
