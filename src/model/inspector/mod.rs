//! The cookie inspector, "jwt.io for express-session": paste a `Cookie:` header, `Set-Cookie`
//! lines or a bare `connect.sid` value, and a list of secrets; see every cookie decoded, a
//! signed value taken apart, the verdict express-session would give it, the session id, the
//! `Set-Cookie` attributes explained, and what a security reviewer would flag. It also signs
//! an id, giving the exact value express-session sends.
//!
//! Nothing here is a second parser: the `Cookie` header is read by
//! [`crate::engine::cookie_header::parse`] (the server's view), a `Set-Cookie` line by
//! [`crate::engine::jar::parse_set_cookie`] (the browser's view), the verdict is
//! express-session's own [`read_cookie`] over [`crate::engine::signature`], a signed value is
//! split by [`crate::model::anatomy`], and a weak secret is placed by
//! [`crate::model::bruteforce`]. The inspector only puts them side by side. Wording is in
//! [`words`].
//!
//! What is typed here is never saved, put in a link or sent anywhere: the workbench keeps it in
//! memory only (see `tests/inspector.rs`).

pub mod review;
pub mod words;

pub use review::{
    attributes, cookie_warnings, secret_warnings, sid_bits, Attribute, Note, SecretWarning,
    Warning, MIN_SECRET_LEN, MIN_SID_BITS,
};

use crate::engine::cookie_header::{self, serialize, SerializeError};
use crate::engine::events::CookieVerdict;
use crate::engine::jar::{parse_set_cookie, Limits, Refusal, SetCookie};
use crate::engine::session::middleware::{read_cookie, SessionRequest};
use crate::engine::session::SessionCookie;
use crate::engine::signature::{sign, UnsignError};
use crate::engine::strip_prefix_ci;
use crate::model::anatomy::{split_signed, Anatomy};
use crate::model::bruteforce;

/// express-session's default cookie name, given to a bare value.
pub use crate::engine::session::DEFAULT_NAME;
/// Longest text a field keeps, in bytes (more is cut, and the cut is reported).
pub const MAX_INPUT: usize = 64 * 1024;
/// Most cookies shown.
pub const MAX_COOKIES: usize = 200;
/// Most secrets read from the list.
pub const MAX_SECRETS: usize = 32;
/// The inspector's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The pasted header, lines or value.
    Cookies,
    /// The secrets, one per line (the first is the one express-session signs with).
    Secrets,
    /// The session id to sign.
    SignId,
    /// The cookie name for signing (empty: `connect.sid`).
    SignName,
}

/// What the learner typed. Kept in the page's memory only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inspector {
    cookies: String,
    secrets: String,
    sign_id: String,
    sign_name: String,
    /// Which fields' text was longer than [`MAX_INPUT`] and was cut, each kept until that
    /// field changes (one flag for all four forgot a cut cookie text as soon as a secret was
    /// typed, while its verdict was still about the cut text).
    cut: Cut,
    /// Counts the learner's edits (a status that waits for typing to pause starts its wait
    /// again on each, even when the verdict stays the same).
    edits: u64,
}

/// One "was cut" flag per field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Cut {
    cookies: bool,
    secrets: bool,
    sign_id: bool,
    sign_name: bool,
}

impl Cut {
    fn of(&mut self, field: Field) -> &mut bool {
        match field {
            Field::Cookies => &mut self.cookies,
            Field::Secrets => &mut self.secrets,
            Field::SignId => &mut self.sign_id,
            Field::SignName => &mut self.sign_name,
        }
    }
}

impl Inspector {
    /// Sets a field's text (cut at [`MAX_INPUT`] bytes, on a character boundary).
    pub fn set(&mut self, field: Field, text: &str) {
        let mut end = text.len().min(MAX_INPUT);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        *self.cut.of(field) = end < text.len();
        self.edits += 1;
        let kept = text[..end].to_string();
        match field {
            Field::Cookies => self.cookies = kept,
            Field::Secrets => self.secrets = kept,
            Field::SignId => self.sign_id = kept,
            Field::SignName => self.sign_name = kept,
        }
    }
    /// Whether this field's text was cut at [`MAX_INPUT`].
    pub fn cut(&self, field: Field) -> bool {
        let mut cut = self.cut;
        *cut.of(field)
    }
    /// A field's text.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Cookies => &self.cookies,
            Field::Secrets => &self.secrets,
            Field::SignId => &self.sign_id,
            Field::SignName => &self.sign_name,
        }
    }
    /// How many edits the fields have had.
    pub fn edits(&self) -> u64 {
        self.edits
    }
    /// The secrets, in order.
    pub fn secret_list(&self) -> Vec<String> {
        secret_list(&self.secrets)
    }
    /// Everything the inspector shows for the pasted text and the secrets, the secrets typed
    /// with spaces at an end first among the warnings, with no clock (see [`Inspector::report_at`]).
    pub fn report(&self) -> Report {
        self.report_at(i64::MIN)
    }
    /// [`Inspector::report`], `now` the browser's clock (ms since the epoch): an `Expires`
    /// before it is said to delete the cookie.
    pub fn report_at(&self, now: i64) -> Report {
        let mut r = inspect_at(&self.cookies, &self.secret_list(), now);
        let trimmed = (secret_lines(&self.secrets).enumerate())
            .filter(|(_, l)| l.trim() != *l)
            .map(|(index, _)| SecretWarning::Trimmed { index });
        r.secret_warnings.splice(0..0, trimmed);
        r
    }
    /// The id signed with the first secret, as express-session would send it.
    pub fn signed(&self) -> Result<Signed, SignProblem> {
        let name = match self.sign_name.trim() {
            "" => DEFAULT_NAME,
            n => n,
        };
        let secrets = self.secret_list();
        sign_cookie(name, &self.sign_id, secrets.first().map(String::as_str))
    }
}

/// The secrets in a text, one per line, spaces at either end ignored, blank lines skipped, at
/// most [`MAX_SECRETS`].
pub fn secret_list(text: &str) -> Vec<String> {
    secret_lines(text).map(|l| l.trim().to_string()).collect()
}

/// The lines of a text that hold a secret, as typed (spaces kept): those
/// [`secret_list`] reads.
fn secret_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(MAX_SECRETS)
}

/// How a line of the pasted text was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A `Cookie` request header (`Cookie:` optional): the server reads it.
    CookieHeader,
    /// A `Set-Cookie` response header (`Set-Cookie:` optional when it has attributes): the
    /// browser reads it.
    SetCookie,
    /// A cookie value alone, read as `connect.sid`.
    Bare,
}

/// What express-session makes of a cookie's value with the secrets given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The signature verifies: the session id, and which secret (0 = the first).
    Valid {
        /// The session id.
        sid: String,
        /// Which secret of the list verified it, from 0.
        secret_index: usize,
    },
    /// The MAC is not the one any secret makes.
    BadMac {
        /// What the first secret makes for this id.
        expected: String,
        /// What the cookie carries.
        presented: String,
    },
    /// `s:` but no `.`: nothing to check.
    NoDot,
    /// No `s:` after decoding: express-session ignores it (a new session starts).
    NotSigned {
        /// The percent-encoding did not decode, so a raw `s%3A` stayed.
        decode_failed: bool,
    },
    /// Signed, but no secret was given to check it with.
    NoSecret,
    /// An empty value (or an empty id): express-session treats it as no cookie.
    Empty,
}

impl Check {
    fn from_verdict(v: CookieVerdict) -> Check {
        match v {
            CookieVerdict::Absent => Check::Empty,
            CookieVerdict::Unsigned { decode_error, .. } => Check::NotSigned {
                decode_failed: decode_error.is_some(),
            },
            CookieVerdict::BadSignature { error, .. } => match error {
                UnsignError::NoDot => Check::NoDot,
                UnsignError::NoSecret => Check::NoSecret,
                UnsignError::BadMac {
                    expected,
                    presented,
                    ..
                } => Check::BadMac {
                    expected,
                    presented,
                },
            },
            CookieVerdict::Valid { sid, secret_index } => Check::Valid { sid, secret_index },
        }
    }
}

/// One cookie found in the pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspected {
    /// The line it came from, from 1.
    pub line: usize,
    /// How that line was read.
    pub source: Source,
    /// The cookie's name.
    pub name: String,
    /// The value as written.
    pub raw: String,
    /// The value as the server reads it (quotes stripped, percent-decoded).
    pub value: String,
    /// The percent-encoding did not decode (the raw value was kept).
    pub decode_failed: bool,
    /// An earlier cookie of the same name in the same header wins: the server ignores this one.
    pub shadowed: bool,
    /// A signed value taken apart (`None` without `s:`).
    pub anatomy: Option<Anatomy>,
    /// The verdict with the secrets given.
    pub check: Check,
    /// For a `Set-Cookie` line, every attribute explained.
    pub attributes: Vec<Attribute>,
    /// What a reviewer would flag.
    pub warnings: Vec<Warning>,
}

impl Inspected {
    /// The session id: verified, or read from a signed value without verifying it (`false`).
    pub fn session_id(&self) -> Option<(&str, bool)> {
        match (&self.check, &self.anatomy) {
            (Check::Valid { sid, .. }, _) => Some((sid.as_str(), true)),
            (_, Some(a)) if !a.payload.is_empty() => Some((a.payload.as_str(), false)),
            _ => None,
        }
    }
    /// The MAC and payload to give the brute-forcer (a signed value with a MAC of the shape a
    /// secret makes: one cut short no secret makes, and the offer to crack it sat under the
    /// warning that says so; review).
    pub fn target(&self) -> Option<bruteforce::Target> {
        let a = self.anatomy.as_ref()?;
        let mac = a.mac.clone()?;
        crate::engine::signature::is_mac_shaped(&mac).then(|| bruteforce::Target {
            payload: a.payload.clone(),
            mac,
        })
    }
}

/// A line the inspector could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// The line, from 1.
    pub line: usize,
    /// Why the browser refuses the `Set-Cookie` line.
    pub refusal: Refusal,
}

/// Everything the inspector shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Every cookie found, in order (at most [`MAX_COOKIES`]).
    pub cookies: Vec<Inspected>,
    /// Lines that gave no cookie and why.
    pub problems: Vec<LineProblem>,
    /// More than [`MAX_COOKIES`] cookies: the rest are not shown.
    pub more: bool,
    /// How many secrets were given.
    pub secrets: usize,
    /// What a reviewer would say about the secrets.
    pub secret_warnings: Vec<SecretWarning>,
}

/// The attribute names a `Set-Cookie` line has and a `Cookie` header does not.
const ATTRIBUTES: [&str; 9] = [
    "expires",
    "max-age",
    "domain",
    "path",
    "secure",
    "httponly",
    "samesite",
    "partitioned",
    "priority",
];

/// Whether a line is some other part of a pasted request or response (`curl -i`, DevTools):
/// a status or request line, or a header other than `Cookie` and `Set-Cookie`.
fn other_http_line(t: &str) -> bool {
    if start_line(t) {
        return true;
    }
    // `Name: value` with a header name of two or more token characters (`s:` is a value), or
    // an HTTP/2 pseudo-header as DevTools copies a request's (`:authority: localhost:3000`,
    // `:method: GET`: each had been read as a bare connect.sid; review)
    let header = |t: &str| {
        t.split_once(':').is_some_and(|(name, _)| {
            name.len() >= 2 && cookie_header::is_token(name) && !name.contains('=')
        })
    };
    header(t) || t.strip_prefix(':').is_some_and(header)
}

/// Whether a line starts a pasted request or response: its status line or request line.
fn start_line(t: &str) -> bool {
    const METHODS: [&str; 7] = [
        "GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ",
    ];
    strip_prefix_ci(t, "http/").is_some() || METHODS.iter().any(|m| t.starts_with(m))
}

/// How a line reads: `Set-Cookie:` or `Cookie:` (any case) say so, and any other header, status
/// or request line is skipped (`None`); otherwise a value starting with `s:` (or `s%3A`) or
/// without `=` is bare, a line whose later parts are attributes is a `Set-Cookie`, and anything
/// else a `Cookie` header.
pub fn classify(line: &str) -> Option<(Source, &str)> {
    let t = line.trim();
    if let Some(rest) = strip_prefix_ci(t, "set-cookie:") {
        return Some((Source::SetCookie, rest.trim()));
    }
    if let Some(rest) = strip_prefix_ci(t, "cookie:") {
        return Some((Source::CookieHeader, rest.trim()));
    }
    if other_http_line(t) {
        return None;
    }
    Some(classify_bare(t))
}

fn classify_bare(t: &str) -> (Source, &str) {
    if strip_prefix_ci(t, "s:").is_some()
        || strip_prefix_ci(t, "s%3a").is_some()
        || !t.contains('=')
    {
        return (Source::Bare, t);
    }
    let has_attribute = t.split(';').skip(1).any(|part| {
        let key = part.split('=').next().unwrap_or("").trim();
        ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(key))
    });
    if has_attribute {
        (Source::SetCookie, t)
    } else {
        (Source::CookieHeader, t)
    }
}

/// The verdict express-session gives `name=raw` with `secrets`.
fn check(name: &str, raw: &str, secrets: &[String]) -> Check {
    let header = format!("{name}={raw}");
    let req = SessionRequest {
        pathname: "/",
        cookie_header: Some(&header),
        ..Default::default()
    };
    Check::from_verdict(read_cookie(&req, name, secrets))
}

fn inspected(
    line: usize,
    source: Source,
    pair: &cookie_header::CookiePair,
    sc: Option<&SetCookie>,
    secrets: &[String],
    now: i64,
) -> Inspected {
    let anatomy = split_signed(&pair.value);
    let check = check(&pair.name, &pair.raw, secrets);
    let warnings = cookie_warnings((&pair.name, &pair.raw), sc, anatomy.as_ref(), &check, now);
    Inspected {
        line,
        source,
        name: pair.name.clone(),
        raw: pair.raw.clone(),
        value: pair.value.clone(),
        decode_failed: pair.decode_error.is_some(),
        shadowed: pair.shadowed,
        anatomy,
        check,
        attributes: sc.map(|sc| attributes(sc, now)).unwrap_or_default(),
        warnings,
    }
}

/// Reads the pasted text line by line ([`classify`]) and inspects every cookie with `secrets`,
/// with no clock: no `Expires` is said to be past (see [`inspect_at`]).
pub fn inspect(text: &str, secrets: &[String]) -> Report {
    inspect_at(text, secrets, i64::MIN)
}

/// [`inspect`], `now` the clock a `Set-Cookie`'s `Expires` is read by (ms since the epoch).
pub fn inspect_at(text: &str, secrets: &[String], now: i64) -> Report {
    let mut r = Report {
        secrets: secrets.len(),
        secret_warnings: secret_warnings(secrets),
        ..Report::default()
    };
    let limits = Limits::default();
    // the body of a pasted request or response, after the blank line that ends its headers, is
    // skipped up to the next one's start line (`curl -L -i` pastes one per redirect): an
    // Express redirect's "Found. Redirecting to /login", a page or JSON had been read as a bare
    // connect.sid, "not signed" (review)
    let mut in_message = false;
    let mut in_body = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if start_line(t) {
            (in_message, in_body) = (true, false);
            continue;
        }
        if t.is_empty() {
            in_body = in_message;
            continue;
        }
        if in_body {
            continue;
        }
        let Some((source, rest)) = classify(line) else {
            continue;
        };
        let found: Vec<(cookie_header::CookiePair, Option<SetCookie>)> = match source {
            Source::CookieHeader => cookie_header::parse(rest)
                .pairs
                .into_iter()
                .map(|p| (p, None))
                .collect(),
            Source::Bare => cookie_header::parse(&format!("{DEFAULT_NAME}={rest}"))
                .pairs
                .into_iter()
                .map(|p| (p, None))
                .collect(),
            Source::SetCookie => match parse_set_cookie(rest, &limits) {
                Err(refusal) => {
                    r.problems.push(LineProblem {
                        line: i + 1,
                        refusal,
                    });
                    continue;
                }
                Ok(sc) => {
                    // what the server reads when the browser sends it back
                    let back = cookie_header::parse(&format!("{}={}", sc.name, sc.value));
                    back.pairs
                        .into_iter()
                        .take(1)
                        .map(|p| (p, Some(sc.clone())))
                        .collect()
                }
            },
        };
        for (pair, sc) in found {
            if r.cookies.len() == MAX_COOKIES {
                r.more = true;
                return r;
            }
            r.cookies
                .push(inspected(i + 1, source, &pair, sc.as_ref(), secrets, now));
        }
    }
    r
}

/// An id signed as express-session sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// The cookie's value: `encodeURIComponent("s:" + sign(id, secret))`.
    pub value: String,
    /// The `Set-Cookie` express-session sends with its default cookie options.
    pub set_cookie: String,
    /// The `Cookie` header a browser sends back.
    pub cookie: String,
}

/// Why nothing could be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignProblem {
    /// No id to sign.
    NoId,
    /// No secret to sign with.
    NoSecret,
    /// `cookie.serialize` throws (a name that is not a token).
    Serialize(SerializeError),
}

/// `s:` + cookie-signature's `sign(id, secret)`, serialized by jshttp/cookie with
/// express-session's default cookie options (`Path=/; HttpOnly`), as its `setcookie` does.
pub fn sign_cookie(name: &str, id: &str, secret: Option<&str>) -> Result<Signed, SignProblem> {
    if id.is_empty() {
        return Err(SignProblem::NoId);
    }
    let secret = secret.ok_or(SignProblem::NoSecret)?;
    let options = SessionCookie::defaults().serialize_options();
    let set_cookie = serialize(name, &format!("s:{}", sign(id, secret)), &options)
        .map_err(SignProblem::Serialize)?;
    let pair = set_cookie.split(';').next().unwrap_or_default();
    let value = pair.get(name.len() + 1..).unwrap_or_default().to_string();
    Ok(Signed {
        cookie: pair.to_string(),
        value,
        set_cookie,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::signature::mac;
    use crate::engine::uri::encode_uri_component;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn lines_are_read_as_what_they_are() {
        let source = |l| classify(l).map(|c| c.0);
        assert_eq!(source("Cookie: a=1; b=2"), Some(Source::CookieHeader));
        assert_eq!(source("a=1; b=2"), Some(Source::CookieHeader));
        assert_eq!(source("set-cookie: a=1"), Some(Source::SetCookie));
        assert_eq!(source("a=1; Path=/; HttpOnly"), Some(Source::SetCookie));
        assert_eq!(source("a=1; secure"), Some(Source::SetCookie));
        assert_eq!(source("s%3Aabc.def"), Some(Source::Bare));
        assert_eq!(source("s:abc.def="), Some(Source::Bare));
        assert_eq!(classify(" abc ").unwrap().1, "abc");
        assert_eq!(classify("Cookie:").unwrap().1, "");
        // the rest of a pasted response or request is skipped
        for other in [
            "HTTP/1.1 302 Found",
            "GET /user HTTP/1.1",
            "content-type: text/html",
            "Location: /",
        ] {
            assert_eq!(classify(other), None, "{other}");
        }
        let pasted = "HTTP/2 200\r\nx-powered-by: Express\r\nset-cookie: connect.sid=s%3Aa.b; Path=/; HttpOnly\r\ndate: Mon, 30 Nov 2026 07:00:00 GMT\r\n";
        let r = inspect(pasted, &[]);
        assert_eq!(r.cookies.len(), 1);
        assert_eq!(r.cookies[0].source, Source::SetCookie);
    }

    /// A whole pasted message: its body is not a cookie, nor are HTTP/2's pseudo-headers;
    /// cookie lines apart from a message keep their blank lines between them.
    #[test]
    fn a_pasted_body_and_pseudo_headers_are_skipped() {
        let sid = encode_uri_component(&format!("s:{}", sign("abc", "zfpx")));
        let names = |text: &str| -> Vec<(usize, String)> {
            let r = inspect(text, &s(&["zfpx"]));
            r.cookies.iter().map(|c| (c.line, c.raw.clone())).collect()
        };
        // curl -i -L: a redirect's body, then the page after it
        let curl = format!(
            "HTTP/1.1 302 Found\nLocation: /user\nSet-Cookie: connect.sid={sid}; Path=/; HttpOnly\n\nFound. Redirecting to /user\n\nHTTP/1.1 200 OK\ncontent-type: application/json\nset-cookie: b=2; Path=/\n\n{{\"ok\":true}}\n<html>x=1</html>\n"
        );
        assert_eq!(names(&curl), [(3, sid.clone()), (9, "2".to_string())]);
        // DevTools' copy of an HTTP/2 request's headers
        let h2 = format!(":authority: localhost:3000\n:method: GET\n:path: /user\naccept: text/html\ncookie: connect.sid={sid}\n");
        assert_eq!(names(&h2), [(5, sid.clone())]);
        // no message: blank lines between cookies are only blank lines
        assert_eq!(
            names(&format!("a=1\n\n{sid}\n")),
            [(1, "1".into()), (3, sid)]
        );
    }

    #[test]
    fn a_bare_value_is_checked_as_connect_sid() {
        let raw = encode_uri_component(&format!("s:{}", sign("abc", "zfpx")));
        for text in [raw.clone(), format!("s:{}", sign("abc", "zfpx"))] {
            let r = inspect(&text, &s(&["other", "zfpx"]));
            let c = &r.cookies[0];
            assert_eq!((c.source, c.name.as_str()), (Source::Bare, DEFAULT_NAME));
            assert_eq!(
                c.check,
                Check::Valid {
                    sid: "abc".into(),
                    secret_index: 1
                }
            );
            assert_eq!(c.session_id(), Some(("abc", true)));
        }
        let r = inspect(&raw, &[]);
        assert_eq!(r.cookies[0].check, Check::NoSecret);
        assert_eq!(r.cookies[0].session_id(), Some(("abc", false)));
        let r = inspect(&raw, &s(&["wrong"]));
        assert_eq!(
            r.cookies[0].check,
            Check::BadMac {
                expected: mac("abc", "wrong"),
                presented: mac("abc", "zfpx")
            }
        );
        assert_eq!(
            inspect("abc", &s(&["x"])).cookies[0].check,
            Check::NotSigned {
                decode_failed: false
            }
        );
        assert_eq!(
            inspect("s%3Aabc%ZZ", &s(&["x"])).cookies[0].check,
            Check::NotSigned {
                decode_failed: true
            }
        );
        assert_eq!(
            inspect("s%3Aabc", &s(&["x"])).cookies[0].check,
            Check::NoDot
        );
    }

    #[test]
    fn a_cookie_header_gives_every_cookie_and_the_first_of_a_name_wins() {
        let r = inspect(
            "Cookie: _ga=GA1.2.3; connect.sid=s%3Aa.b; connect.sid=x; empty=",
            &s(&["k"]),
        );
        let names: Vec<_> = r
            .cookies
            .iter()
            .map(|c| (c.name.as_str(), c.shadowed))
            .collect();
        assert_eq!(
            names,
            [
                ("_ga", false),
                ("connect.sid", false),
                ("connect.sid", true),
                ("empty", false)
            ]
        );
        assert_eq!(r.cookies[3].check, Check::Empty);
        assert!(r.cookies.iter().all(|c| c.attributes.is_empty()));
    }

    /// An `Expires` already past deletes the cookie, as a negative Max-Age does: it read as
    /// any date (review). By the clock given; with none, no date is past.
    #[test]
    fn an_expires_in_the_past_is_said_to_delete_the_cookie() {
        let note = |line: &str, now: i64| {
            let r = inspect_at(line, &[], now);
            r.cookies[0]
                .attributes
                .iter()
                .find(|a| a.name == "Expires")
                .map(|a| a.note.clone())
        };
        let line = "Set-Cookie: old=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT";
        let then = 1_445_412_480_000; // that very moment
        assert!(matches!(
            note(line, 1_700_000_000_000),
            Some(Note::ExpiresPast(_))
        ));
        assert!(matches!(note(line, then), Some(Note::ExpiresPast(_))));
        assert!(matches!(note(line, then - 1), Some(Note::ExpiresAt(_))));
        assert!(matches!(
            inspect(line, &[]).cookies[0].attributes[0].note,
            Note::ExpiresAt(_)
        ));
        // Max-Age present: it wins, and the Expires is ignored whatever its date
        let both = "Set-Cookie: a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=60";
        assert!(matches!(
            note(both, 1_700_000_000_000),
            Some(Note::ExpiresIgnored(_))
        ));
        let words = crate::model::inspector::words::note_text(
            crate::i18n::Lang::En,
            &note(line, 1_700_000_000_000).unwrap(),
        );
        assert!(words.contains("deletes the cookie at once"), "{words}");
        // and, a deletion, no advice on its flags follows (it did)
        let deletion = "Set-Cookie: connect.sid=; Expires=Wed, 21 Oct 2015 07:28:00 GMT";
        assert!(inspect_at(deletion, &[], 1_700_000_000_000).cookies[0]
            .warnings
            .is_empty());
        assert!(!inspect(deletion, &[]).cookies[0].warnings.is_empty());
    }

    #[test]
    fn set_cookie_attributes_and_warnings() {
        let r = inspect(
            "Set-Cookie: sid=s%3A42.x; Path=/; Expires=Wed, 15 Nov 2023 22:13:20 GMT; Max-Age=60; SameSite=None; Partitioned; Priority=High",
            &s(&["zfpx"]),
        );
        let c = &r.cookies[0];
        let notes: Vec<&Note> = c.attributes.iter().map(|a| &a.note).collect();
        assert!(notes.contains(&&Note::ExpiresIgnored(
            "Wed, 15 Nov 2023 22:13:20 GMT".into()
        )));
        assert!(notes.contains(&&Note::MaxAge(60)));
        assert!(notes.contains(&&Note::HostOnly));
        assert!(notes.contains(&&Note::Priority(Some("High".into()))));
        assert_eq!(
            c.warnings,
            [
                Warning::NoHttpOnly,
                Warning::NoSecure,
                Warning::SameSiteNoneWithoutSecure,
                Warning::PartitionedWithoutSecure,
                Warning::MacShape { len: 1 },
                Warning::ShortSid { bits: 6 }
            ]
        );
        let ok = inspect("a=1; Path=/; HttpOnly; Secure; SameSite=Lax", &[]);
        assert!(ok.cookies[0].warnings.is_empty());
        assert_eq!(ok.cookies[0].attributes[0].note, Note::SessionOnly);
        let bad = inspect("Set-Cookie: =", &[]);
        assert_eq!(
            bad.problems,
            [LineProblem {
                line: 1,
                refusal: Refusal::Empty
            }]
        );
    }

    /// A MAC cut short is said to be of the wrong length; one of the right length in
    /// base64url, to have the wrong characters (it was said to be "43 characters, not … 43").
    #[test]
    fn a_mac_of_the_wrong_shape_says_what_is_wrong_with_it() {
        use super::words::warning_text;
        use crate::i18n::Lang;
        let mac = sign("abc", "zfpx").split_once('.').unwrap().1.to_string();
        let url = mac.replace('+', "-").replace('/', "_");
        assert_ne!(url, mac, "the test's MAC has a + or a /");
        let said = |mac: &str| {
            let r = inspect(&format!("s%3Aabc.{mac}"), &s(&["zfpx"]));
            let w = r.cookies[0]
                .warnings
                .iter()
                .find(|w| matches!(w, Warning::MacShape { .. }));
            w.map(|w| warning_text(Lang::En, w))
        };
        assert_eq!(said(&mac), None);
        let chars = said(&url).unwrap();
        assert!(
            chars.contains("right length") && chars.contains("base64url"),
            "{chars}"
        );
        let short = said(&mac[..20]).unwrap();
        assert!(short.starts_with("The MAC is 20 characters"), "{short}");
    }

    #[test]
    fn secrets_a_reviewer_flags() {
        let w = secret_warnings(&s(&[
            "keyboard cat",
            "zfpx",
            "0123456789abcdef",
            &"k".repeat(32),
        ]));
        assert_eq!(w[0], SecretWarning::Dictionary { index: 0 });
        assert!(matches!(w[1], SecretWarning::BruteForce { index: 1, tries } if tries > 400_000));
        assert_eq!(w[2], SecretWarning::Short { index: 2, len: 16 });
        assert_eq!(w.len(), 3);
        assert_eq!(secret_list(" a \n\n b\r\n"), ["a", "b"]);
    }

    #[test]
    fn id_bits() {
        assert_eq!(sid_bits("AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"), 192);
        assert_eq!(sid_bits("42"), 6);
        assert_eq!(sid_bits("0123456789abcdef0123456789abcdef"), 128);
        assert_eq!(sid_bits(""), 0);
    }

    #[test]
    fn signing_is_what_express_session_sends() {
        let got = sign_cookie("connect.sid", "abc", Some("zfpx")).unwrap();
        let mac = mac("abc", "zfpx");
        assert_eq!(got.value, encode_uri_component(&format!("s:abc.{mac}")));
        assert_eq!(
            got.set_cookie,
            format!("connect.sid={}; Path=/; HttpOnly", got.value)
        );
        assert_eq!(got.cookie, format!("connect.sid={}", got.value));
        assert_eq!(sign_cookie("a", "", Some("k")), Err(SignProblem::NoId));
        assert_eq!(sign_cookie("a", "x", None), Err(SignProblem::NoSecret));
        assert_eq!(
            sign_cookie("a b", "x", Some("k")),
            Err(SignProblem::Serialize(SerializeError::Name))
        );
        // and says which characters a name may hold
        let said = super::words::sign_problem_text(
            crate::i18n::Lang::En,
            &SignProblem::Serialize(SerializeError::Name),
        );
        assert!(
            said.ends_with("a name may hold only letters, digits and !#$%&'*+-.^_`|~ (no spaces, quotes, semicolons and the like)."),
            "{said}"
        );
    }

    #[test]
    fn fields_are_cut_at_the_limit() {
        let mut i = Inspector::default();
        i.set(Field::Cookies, &"é".repeat(MAX_INPUT));
        assert!(i.cut(Field::Cookies) && i.get(Field::Cookies).len() <= MAX_INPUT);
        // typing a secret leaves the cookie text cut, and says so
        i.set(Field::Secrets, "k");
        assert!(i.cut(Field::Cookies) && !i.cut(Field::Secrets));
        i.set(Field::Secrets, &"k".repeat(MAX_INPUT + 1));
        assert!(i.cut(Field::Secrets));
        i.set(Field::Cookies, "a=1");
        assert!(!i.cut(Field::Cookies) && i.cut(Field::Secrets));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC*", secret in "\\PC{0,8}") {
            let r = inspect(&text, std::slice::from_ref(&secret));
            proptest::prop_assert!(r.cookies.len() <= MAX_COOKIES);
            let _ = sign_cookie(&text, &text, Some(&secret));
        }
    }
}
