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
    /// No host, or one a browser refuses too: a forbidden character (space, `<`, `%` left
    /// after decoding...), or a number that is no IPv4 address (`300.1.1.1`).
    BadHost(String),
    /// A host a browser accepts but the lab does not simulate: a bracketed IPv6 address, or
    /// a name that is not ASCII (which a browser turns into Punycode).
    UnsimulatedHost(String),
    /// A port that is not a number from 0 to 65535 (leading zeros allowed).
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
/// one: a letter, then letters, digits, `+`, `-` or `.`, then `:` (RFC 3986 §3.1, the URL
/// Standard's scheme state).
fn scheme_of(s: &str) -> Option<&str> {
    // a byte loop: this runs on every request, and at opt-level "z" `split_once(':')` and a
    // `chars()` walk stay calls into std's searchers
    let b = s.as_bytes();
    if !b.first()?.is_ascii_alphabetic() {
        return None;
    }
    for (i, &c) in b.iter().enumerate().skip(1) {
        match c {
            b':' => return Some(&s[..i]),
            b'+' | b'-' | b'.' => {}
            _ if c.is_ascii_alphanumeric() => {}
            _ => return None,
        }
    }
    None
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

/// `/` or `\`: in http(s) URLs the URL Standard reads a backslash as a slash (outside the
/// query).
fn is_slash(b: u8) -> bool {
    b == b'/' || b == b'\\'
}

/// The URL Standard's forbidden domain code points that are ASCII: C0 controls, space,
/// `# % / : < > ? @ [ \ ] ^ |` and DEL.
fn forbidden_in_host(c: u8) -> bool {
    c <= b' '
        || c == 0x7f
        || matches!(
            c,
            b'#' | b'%'
                | b'/'
                | b':'
                | b'<'
                | b'>'
                | b'?'
                | b'@'
                | b'['
                | b'\\'
                | b']'
                | b'^'
                | b'|'
        )
}

/// A host that is ASCII once percent-decoded and holds no forbidden code point. Everything
/// else ASCII (`_`, `!`, a leading `-`, an empty label) is a host a browser accepts.
fn valid_host(h: &str) -> bool {
    !h.is_empty() && h.bytes().all(|c| c.is_ascii() && !forbidden_in_host(c))
}

/// Where `://` starts in `s`, if anywhere (a byte loop: at opt-level "z" `find("://")` sets up
/// a substring searcher each time).
fn scheme_separator(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(2)).find(|&i| b[i] == b':' && b[i + 1] == b'/' && b[i + 2] == b'/')
}

/// One part of a dotted IPv4 address as the URL Standard reads it: decimal, octal after a
/// leading `0`, hexadecimal after `0x`; `0x` alone is 0. `None` for anything else.
fn ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let b = part.as_bytes();
    let (digits, radix) = if b.len() >= 2 && b[0] == b'0' && (b[1] | 0x20) == b'x' {
        (&part[2..], 16)
    } else if b.len() >= 2 && b[0] == b'0' {
        (&part[1..], 8)
    } else {
        (part, 10)
    };
    if digits.is_empty() {
        return Some(0);
    }
    let mut n: u64 = 0;
    for c in digits.chars() {
        // more than 2^32 is refused below whatever the rest is; saturating keeps it there
        n = n
            .saturating_mul(radix.into())
            .saturating_add(c.to_digit(radix)?.into());
    }
    Some(n)
}

/// What the URL Standard makes of a host whose last label is a number (`127.1`,
/// `2130706433`, `0x7f.0.0.1`): the dotted IPv4 address, or `None` where the host is no
/// address at all (`300.1.1.1`). Hosts whose last label is not a number are `Some(None)`:
/// names, left as they are.
fn ipv4_host(host: &str) -> Option<Option<String>> {
    // the last label, without one trailing dot; a name (the usual host) is known by it alone,
    // before anything is split or allocated
    let trimmed = match host.len() {
        n if n > 1 && host.as_bytes()[n - 1] == b'.' => &host[..n - 1],
        _ => host,
    };
    let last = &trimmed[trimmed
        .bytes()
        .rposition(|b| b == b'.')
        .map_or(0, |i| i + 1)..];
    // the URL Standard's "ends in a number": all digits (`08` too), or a number as an
    // address part reads one, which past the digits only `0x…` can be (so a name, the usual
    // host, never reaches the number parser)
    let numeric = !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
    let hex = matches!(last.as_bytes(), [b'0', b'x' | b'X', ..]) && ipv4_number(last).is_some();
    if !numeric && !hex {
        return Some(None);
    }
    let parts: Vec<&str> = trimmed.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let numbers = parts
        .iter()
        .map(|p| ipv4_number(p))
        .collect::<Option<Vec<u64>>>()?;
    let (last, init) = numbers.split_last()?;
    if init.iter().any(|n| *n > 255) || *last >= 256u64.pow(5 - numbers.len() as u32) {
        return None;
    }
    let address = init
        .iter()
        .enumerate()
        .fold(*last, |acc, (i, n)| acc + n * 256u64.pow(3 - i as u32));
    let mut out = String::with_capacity(15);
    for (i, shift) in [24, 16, 8, 0].into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        super::js::push_padded(&mut out, (address >> shift) & 0xff, 1);
    }
    Some(Some(out))
}

/// The host of an authority, as the URL Standard's host parser gives it for ASCII hosts:
/// percent-decoded, lower-cased, checked for forbidden code points, and a number-like host
/// read as an IPv4 address. Bracketed IPv6 hosts and hosts that are not ASCII once decoded
/// (which a browser turns into Punycode with the IDNA tables) are refused: the lab does not
/// simulate them.
fn parse_host(raw: &str) -> Result<String, UrlError> {
    let bad = || UrlError::BadHost(raw.chars().take(40).collect());
    let decoded = if raw.bytes().any(|b| b == b'%') {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| bad())?
            .into_owned()
    } else {
        raw.to_string()
    };
    if !decoded.is_ascii() {
        // a space or another forbidden ASCII character makes it a host no browser takes;
        // otherwise only the IDNA tables could tell, and the lab leaves them out
        if decoded
            .bytes()
            .any(|c| c.is_ascii() && forbidden_in_host(c))
        {
            return Err(bad());
        }
        return Err(UrlError::UnsimulatedHost(raw.chars().take(40).collect()));
    }
    let mut host = decoded;
    host.make_ascii_lowercase();
    if !valid_host(&host) {
        return Err(bad());
    }
    match ipv4_host(&host) {
        Some(None) => Ok(host),
        Some(Some(address)) => Ok(address),
        None => Err(bad()),
    }
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

/// A path as an http(s) URL keeps it: backslashes read as slashes, percent-encoded, without
/// dot segments. `path` starts with `/` or `\`.
fn clean_path(path: &str) -> String {
    let mut encoded = encode_part(path, PATH);
    if encoded.bytes().any(|b| b == b'\\') {
        encoded = encoded.replace('\\', "/");
    }
    remove_dot_segments(encoded)
}

/// Splits what follows a path's start into the path and the query (`None` without `?`),
/// dropping the fragment: a browser never sends it, so the lab's URLs have none.
fn path_and_query(tail: &str) -> (&str, Option<&str>) {
    let tail = &tail[..position(tail, |c| c == b'#').unwrap_or(tail.len())];
    match position(tail, |c| c == b'?') {
        Some(q) => (&tail[..q], Some(&tail[q + 1..])),
        None => (tail, None),
    }
}

/// The input as the URL Standard reads it: C0 controls and spaces around it stripped, tabs
/// and newlines inside it removed.
fn prepared(input: &str) -> Result<std::borrow::Cow<'_, str>, UrlError> {
    // the stripped characters are ASCII, so a byte walk from each end stays on char boundaries
    let b = input.as_bytes();
    let start = b.iter().position(|&c| c > b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&c| c > b' ').map_or(start, |i| i + 1);
    let s = &input[start..end];
    if s.len() > MAX_URL_LEN {
        return Err(UrlError::TooLong);
    }
    Ok(if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        std::borrow::Cow::Owned(s.replace(['\t', '\n', '\r'], ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    })
}

/// `false` for http, `true` for https (either case); every other scheme is refused, named.
fn secure_scheme(scheme: &str) -> Result<bool, UrlError> {
    if scheme.eq_ignore_ascii_case("http") {
        Ok(false)
    } else if scheme.eq_ignore_ascii_case("https") {
        Ok(true)
    } else {
        Err(UrlError::UnsupportedScheme(
            scheme.to_ascii_lowercase().chars().take(40).collect(),
        ))
    }
}

impl Url {
    /// Parses an absolute http(s) URL as a browser does (the URL Standard): whitespace around
    /// it is ignored, any number of slashes or backslashes may follow the scheme, the host is
    /// percent-decoded and lower-cased, and a numeric host is read as an IPv4 address. The
    /// fragment is dropped and so are credentials (`user:pass@`): neither is ever sent.
    pub fn parse(input: &str) -> Result<Url, UrlError> {
        let s = prepared(input)?;
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        let Some(scheme) = scheme_of(&s) else {
            return Err(UrlError::BadHost(s.chars().take(40).collect()));
        };
        let secure = secure_scheme(scheme)?;
        Url::authority_and_rest(secure, &s[scheme.len() + 1..])
    }

    /// What follows `http:` when it names a host: slashes and backslashes, the authority,
    /// then path, query and fragment.
    fn authority_and_rest(secure: bool, rest: &str) -> Result<Url, UrlError> {
        let rest = &rest[position(rest, |c| !is_slash(c)).unwrap_or(rest.len())..];
        let auth_end =
            position(rest, |c| is_slash(c) || c == b'?' || c == b'#').unwrap_or(rest.len());
        let authority = &rest[..auth_end];
        let tail = &rest[auth_end..];
        // credentials end at the last `@`
        let hostport = match authority.bytes().rposition(|c| c == b'@') {
            Some(at) => &authority[at + 1..],
            None => authority,
        };
        if hostport.as_bytes().first() == Some(&b'[') {
            // an IPv6 address, named without its port
            let end = hostport.find(']').map_or(hostport.len(), |i| i + 1);
            return Err(UrlError::UnsimulatedHost(
                hostport[..end].chars().take(40).collect(),
            ));
        }
        let (host, port) = match position(hostport, |c| c == b':') {
            Some(colon) => {
                let (h, p) = (&hostport[..colon], &hostport[colon + 1..]);
                let bad = || UrlError::BadPort(p.chars().take(12).collect());
                if !p.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                // leading zeros are allowed (`:03000` is port 3000); the digits are checked
                // above, and any number past 65,535 is refused as soon as it gets there
                let mut n: u32 = 0;
                for d in p.bytes() {
                    n = n * 10 + u32::from(d - b'0');
                    if n > 65_535 {
                        return Err(bad());
                    }
                }
                let port = (!p.is_empty()).then_some(n as u16);
                (h, port)
            }
            None => (hostport, None),
        };
        let host = parse_host(host)?;
        let default_port = if secure { 443 } else { 80 };
        let port = port.filter(|p| *p != default_port);
        let (path, query) = path_and_query(tail);
        Ok(Url {
            secure,
            host,
            port,
            path: if path.is_empty() {
                "/".to_string()
            } else {
                clean_path(path)
            },
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
            Some(scheme) if secure_scheme(scheme).is_ok() => Url::parse(s),
            Some(scheme) if !after_colon_is_port(s) => Err(UrlError::UnsupportedScheme(
                scheme.chars().take(40).collect(),
            )),
            _ if s.is_empty() => Err(UrlError::Empty),
            _ => Url::parse(&format!("http://{s}")),
        }
    }

    /// Resolves a reference (absolute, `//host/…`, `/path`, `?query` or `relative/path`)
    /// against this URL, as a link or a `Location` header is resolved (the URL Standard with
    /// this URL as the base).
    pub fn join(&self, reference: &str) -> Result<Url, UrlError> {
        let r = prepared(reference)?;
        let mut r: &str = &r;
        if let Some(scheme) = scheme_of(r) {
            let secure = secure_scheme(scheme)?;
            let rest = &r[scheme.len() + 1..];
            // the base's own scheme followed by anything but `//` is a reference relative to
            // the base (`http:/x`, `http:x`); any other is an absolute URL
            if secure != self.secure || rest.starts_with("//") {
                return Url::authority_and_rest(secure, rest);
            }
            r = rest;
        }
        let b = r.as_bytes();
        if b.len() >= 2 && is_slash(b[0]) && is_slash(b[1]) {
            return Url::authority_and_rest(self.secure, r);
        }
        let (path, query) = path_and_query(r);
        let mut out = self.clone();
        if path.is_empty() && query.is_none() {
            // `#f`, or nothing at all: the page itself
            return Ok(out);
        }
        out.query = query.map(|q| encode_part(q, QUERY));
        if path.is_empty() {
            // `?q` keeps the path
            return Ok(out);
        }
        out.path = if is_slash(b[0]) {
            clean_path(path)
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            clean_path(&format!("{dir}{path}"))
        };
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
        assert!(matches!(Url::parse("http:///"), Err(UrlError::BadHost(_))));
        assert!(matches!(
            Url::parse("http://300.1.1.1/"),
            Err(UrlError::BadHost(_))
        ));
        assert_eq!(
            Url::parse("http://[::1]:3000/"),
            Err(UrlError::UnsimulatedHost("[::1]".into()))
        );
        assert_eq!(
            Url::parse("http://例子.com/"),
            Err(UrlError::UnsimulatedHost("例子.com".into()))
        );
        // a space is refused by a browser too, whatever else the name holds
        assert!(matches!(
            Url::parse("http://例子 com/"),
            Err(UrlError::BadHost(_))
        ));
        assert!(matches!(
            Url::parse("http://h:99999/"),
            Err(UrlError::BadPort(_))
        ));
        assert!(matches!(
            Url::parse("http://h:+1/"),
            Err(UrlError::BadPort(_))
        ));
        assert!(matches!(
            Url::parse("http://h:65536/"),
            Err(UrlError::BadPort(_))
        ));
        let base = Url::parse("http://localhost:3000/").unwrap();
        assert!(matches!(
            base.join("javascript:alert(1)"),
            Err(UrlError::UnsupportedScheme(_))
        ));
    }

    /// What the URL Standard does that a simpler parser would not (checked against Node for
    /// thousands of addresses in tests/url_parity.rs).
    #[test]
    fn reads_addresses_as_a_browser_does() {
        let href = |s: &str| Url::parse(s).unwrap().href();
        // numeric hosts are IPv4 addresses in any form
        assert_eq!(href("http://127.1:3000/"), "http://127.0.0.1:3000/");
        assert_eq!(href("http://0x7f.0.0.1/"), "http://127.0.0.1/");
        assert_eq!(href("http://2130706433/"), "http://127.0.0.1/");
        assert_eq!(href("http://0177.0.0.01/"), "http://127.0.0.1/");
        // the host is percent-decoded; slashes after the scheme may be any number of either
        assert_eq!(href("http://loc%41lhost:3000/"), "http://localhost:3000/");
        assert_eq!(href("http:\\\\localhost\\a\\b"), "http://localhost/a/b");
        assert_eq!(href("http:localhost:3000/x"), "http://localhost:3000/x");
        // tabs and newlines inside vanish; port 0 and leading zeros are ports
        assert_eq!(
            href("http://local\thost:3\n000/a\tb"),
            "http://localhost:3000/ab"
        );
        assert_eq!(href("http://h:0/"), "http://h:0/");
        assert_eq!(href("http://h:03000/"), "http://h:3000/");
        // names a DNS server would refuse are still hosts to a browser
        assert_eq!(href("http://ex_ample.com/"), "http://ex_ample.com/");
        let base = Url::parse("http://localhost:3000/a/b").unwrap();
        let j = |r: &str| base.join(r).unwrap().href();
        assert_eq!(j("\\x"), "http://localhost:3000/x");
        assert_eq!(j("http:c"), "http://localhost:3000/a/c");
        assert_eq!(j("https:x"), "https://x/");
        assert_eq!(j("///evil.example/"), "http://evil.example/");
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
                    && s.is_ascii()
                    && !s.contains(|c: char| c.is_ascii_control() || " #%/:<>?@[\\]^|".contains(c))
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
