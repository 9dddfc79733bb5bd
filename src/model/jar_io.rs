//! Importing and exporting the simulated browser's cookie jar, so cookies can move between
//! the lab and real tools:
//!
//! - **Cookie-Editor JSON**: what the Cookie-Editor and EditThisCookie browser extensions
//!   export and import (an array of objects shaped like `chrome.cookies.Cookie`).
//! - **Netscape `cookies.txt`**: what `curl -c`/`curl -b`, `wget` and yt-dlp read and write,
//!   with curl's `#HttpOnly_` prefix for HttpOnly cookies.
//! - **Cookie header**: `name=value; name2=value2`, as copied from DevTools' request headers.
//!
//! Import never panics: anything malformed is an [`ImportError`] saying where and why.

use crate::engine::clock::Millis;
use crate::engine::jar::json::{from_json, to_json, JsonProblem, Shape};
use crate::engine::jar::{
    self, parse_domain, BadDomain, BadPath, BadText, Cookie, Invalid, Limits, Persistence,
};
use serde_json::Value;
use std::fmt;

/// Most cookies one import accepts, in every format: the engine's cap for a header text.
pub const MAX_COOKIES: usize = jar::header::MAX_PAIRS;

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

/// Guesses the format of pasted text: JSON when it starts with `[` or `{`; Netscape when a
/// line starts with `# Netscape` or `#HttpOnly_` or has 7 tab-separated fields; otherwise a
/// Cookie header.
pub fn detect(text: &str) -> Format {
    let t = text.trim();
    if t.starts_with('[') || t.starts_with('{') {
        return Format::CookieEditorJson;
    }
    let netscape = t.lines().any(|l| {
        l.starts_with("# Netscape") || l.starts_with("#HttpOnly_") || l.split('\t').count() == 7
    });
    if netscape {
        Format::Netscape
    } else {
        Format::Header
    }
}

/// Why an import failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where: `[2].name` (JSON), `line 3` (Netscape), `pair 2` (header), or `input`.
    pub at: String,
    /// What is wrong there.
    pub message: String,
}

impl ImportError {
    fn new(at: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

/// Writes `cookies` in `format`. Everything the jar holds is written, expired cookies
/// included. `now` is the virtual time of the export; the formats carry absolute times, so it
/// does not currently change the output.
pub fn export(cookies: &[Cookie], format: Format, now: Millis) -> String {
    let _ = now;
    match format {
        Format::CookieEditorJson => export_json(cookies),
        Format::Netscape => export_netscape(cookies),
        Format::Header => cookies
            .iter()
            .map(Cookie::pair)
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn dotted(c: &Cookie) -> String {
    if c.host_only {
        c.domain.clone()
    } else {
        format!(".{}", c.domain)
    }
}

fn export_json(cookies: &[Cookie]) -> String {
    let items: Vec<Value> = cookies
        .iter()
        .map(|c| to_json(c, Shape::CookieEditor))
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into())
}

fn flag(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

fn export_netscape(cookies: &[Cookie]) -> String {
    let mut out = String::from("# Netscape HTTP Cookie File\n");
    for c in cookies {
        let expiry = match c.persistence {
            Persistence::Session => 0,
            // Whole seconds, rounded down; 0 would read back as a session cookie, so an
            // expiry in the first second of 1970 is written as -1 (expired either way).
            Persistence::Until(ms) => match ms.div_euclid(1000) {
                0 => -1,
                s => s,
            },
        };
        let prefix = if c.http_only { "#HttpOnly_" } else { "" };
        out.push_str(&format!(
            "{prefix}{}\t{}\t{}\t{}\t{expiry}\t{}\t{}\n",
            dotted(c),
            flag(!c.host_only),
            c.path,
            flag(c.secure),
            c.name,
            c.value
        ));
    }
    out
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
    if text.len() > MAX_INPUT {
        return Err(ImportError::new(
            "input",
            format!("larger than {} KiB", MAX_INPUT / 1024),
        ));
    }
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    match format {
        Format::CookieEditorJson => import_json(text, default_host, now),
        Format::Netscape => import_netscape(text, now),
        Format::Header => import_header(text, default_host, now),
    }
}

fn new_cookie(name: String, value: String, domain: String, now: Millis) -> Cookie {
    Cookie::by_hand(&name, &value, &domain, now)
}

fn too_many(at: &str) -> ImportError {
    ImportError::new(at, format!("more than {MAX_COOKIES} cookies"))
}

/// A problem with one field (`None`: with the cookie as a whole) and what it is.
type FieldError = (Option<&'static str>, &'static str);

/// For the line-based formats: `line 3`, `name contains a control character`.
fn in_text(at: &str, (field, message): FieldError) -> ImportError {
    match field {
        Some(f) => ImportError::new(at, format!("{f} {message}")),
        None => ImportError::new(at, message),
    }
}

/// The jar's verdict on a cookie given by hand ([`jar::check_name_value`] and the domain and
/// path rules beside it), as the field it blames and what is wrong.
fn field_error(i: Invalid) -> FieldError {
    match i {
        Invalid::Name(BadText::ControlCharacter) => (Some("name"), "contains a control character"),
        Invalid::Name(BadText::Separator) => (Some("name"), "contains \";\" or \"=\""),
        Invalid::Value(BadText::ControlCharacter) => {
            (Some("value"), "contains a control character")
        }
        Invalid::Value(BadText::Separator) => (Some("value"), "contains \";\""),
        Invalid::Empty => (None, "has an empty name and an empty value"),
        Invalid::TooLarge { .. } => (None, "is over 4096 bytes (name plus value)"),
        Invalid::Domain(BadDomain::Empty) => (Some("domain"), "must not be empty"),
        Invalid::Domain(BadDomain::Character) => (
            Some("domain"),
            "must not contain spaces, \";\", \"/\" or control characters",
        ),
        Invalid::Domain(BadDomain::TwoDots) => (Some("domain"), "must not start with two dots"),
        Invalid::Path(BadPath::NotAbsolute) => (Some("path"), "must start with \"/\""),
        Invalid::Path(BadPath::Character) => {
            (Some("path"), "must not contain \";\" or control characters")
        }
    }
}

fn check_name_value(name: &str, value: &str) -> Result<(), FieldError> {
    jar::check_name_value(name, value, &Limits::default()).map_err(field_error)
}

fn check_path(path: &str) -> Result<(), FieldError> {
    jar::check_path(path).map_err(field_error)
}

// ---- Cookie-Editor JSON -------------------------------------------------------------------

fn import_json(text: &str, default_host: &str, now: Millis) -> Result<Vec<Cookie>, ImportError> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        ImportError::new(
            format!("line {}, column {}", e.line(), e.column()),
            format!("invalid JSON ({e})"),
        )
    })?;
    match root {
        Value::Array(items) => {
            if items.len() > MAX_COOKIES {
                return Err(too_many(&format!("[{MAX_COOKIES}]")));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| json_cookie(item, Some(i), default_host, now))
                .collect()
        }
        obj @ Value::Object(_) => Ok(vec![json_cookie(&obj, None, default_host, now)?]),
        _ => Err(ImportError::new(
            "input",
            "expected an array of cookie objects",
        )),
    }
}

/// One cookie object, read by the engine's codec; `index` is its place in the array (`None`:
/// the input is one object).
fn json_cookie(
    item: &Value,
    index: Option<usize>,
    default_host: &str,
    now: Millis,
) -> Result<Cookie, ImportError> {
    from_json(
        item,
        Shape::CookieEditor,
        default_host,
        now,
        &Limits::default(),
    )
    .map_err(|e| {
        let message = match e.problem {
            JsonProblem::NotAnObject => "expected an object",
            JsonProblem::Missing => "missing",
            JsonProblem::NoDefaultHost => "missing, and there is no valid default host",
            JsonProblem::ExpectedString => "expected a string",
            JsonProblem::ExpectedBoolean => "expected a boolean",
            JsonProblem::ExpectedNumber => "expected a number",
            JsonProblem::OutOfRange => "out of range",
            JsonProblem::Invalid(i) => field_error(i).1,
        };
        let at = match (index, e.field) {
            (Some(i), Some(f)) => format!("[{i}].{}", f.key()),
            (Some(i), None) => format!("[{i}]"),
            (None, Some(f)) => f.key().to_string(),
            (None, None) => "input".to_string(),
        };
        ImportError::new(at, message)
    })
}

// ---- Netscape cookies.txt -----------------------------------------------------------------

fn tf(field: &str, what: &'static str, at: &str) -> Result<bool, ImportError> {
    let f = field.trim();
    if f.eq_ignore_ascii_case("TRUE") {
        Ok(true)
    } else if f.eq_ignore_ascii_case("FALSE") {
        Ok(false)
    } else {
        Err(in_text(at, (Some(what), "must be TRUE or FALSE")))
    }
}

/// The largest expiry, in seconds, a JavaScript date can hold.
const MAX_TIME_SECS: u64 = 8_640_000_000_000;

fn import_netscape(text: &str, now: Millis) -> Result<Vec<Cookie>, ImportError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let at = format!("line {}", i + 1);
        if raw.trim().is_empty() {
            continue;
        }
        let (line, http_only) = match raw.strip_prefix("#HttpOnly_") {
            Some(rest) => (rest, true),
            None if raw.trim_start().starts_with('#') => continue,
            None => (raw, false),
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let [domain, sub, path, secure, expiry, name, value] = fields[..] else {
            return Err(ImportError::new(
                at,
                format!("expected 7 tab-separated fields, found {}", fields.len()),
            ));
        };
        if out.len() == MAX_COOKIES {
            return Err(too_many(&at));
        }
        let (domain, _dotted) =
            parse_domain(domain.trim()).map_err(|i| in_text(&at, field_error(i)))?;
        let include_subdomains = tf(sub, "includeSubdomains", &at)?;
        check_path(path).map_err(|e| in_text(&at, e))?;
        let secure = tf(secure, "secure", &at)?;
        let secs: i64 = expiry
            .trim()
            .parse()
            .map_err(|_| in_text(&at, (Some("expiry"), "must be a whole number of seconds")))?;
        let persistence = match secs {
            0 => Persistence::Session,
            s if s.unsigned_abs() > MAX_TIME_SECS => {
                return Err(in_text(&at, (Some("expiry"), "out of range")))
            }
            s => Persistence::Until(s * 1000),
        };
        check_name_value(name, value).map_err(|e| in_text(&at, e))?;
        out.push(Cookie {
            host_only: !include_subdomains,
            path: path.to_string(),
            persistence,
            secure,
            http_only,
            ..new_cookie(name.to_string(), value.to_string(), domain, now)
        });
    }
    Ok(out)
}

// ---- Cookie header ------------------------------------------------------------------------

/// A Cookie header (or several lines of them), read by the engine's one header reader.
fn import_header(text: &str, default_host: &str, now: Millis) -> Result<Vec<Cookie>, ImportError> {
    let pair_at = |line: Option<usize>, pair: usize| match line {
        Some(l) => format!("line {l}, pair {pair}"),
        None => format!("pair {pair}"),
    };
    jar::read_cookie_header(text, default_host, now, &Limits::default()).map_err(|e| match e {
        jar::HeaderError::Host(i) => {
            ImportError::new("input", format!("default host {}", field_error(i).1))
        }
        jar::HeaderError::Pair {
            line,
            pair,
            problem,
        } => in_text(&pair_at(line, pair), field_error(problem)),
        jar::HeaderError::TooMany { line, pair, .. } => too_many(&pair_at(line, pair)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::jar::SameSite;

    const NOW: Millis = 1_700_000_000_000;

    fn cookie(name: &str, value: &str, domain: &str) -> Cookie {
        new_cookie(name.into(), value.into(), domain.into(), NOW)
    }

    /// A jar with every kind of cookie the lab produces.
    fn sample_jar() -> Vec<Cookie> {
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

    fn pairs(cs: &[Cookie]) -> Vec<String> {
        cs.iter().map(Cookie::pair).collect()
    }

    fn err(text: &str, format: Format) -> ImportError {
        import(text, format, "localhost", NOW).expect_err(text)
    }

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
    fn json_export_shape() {
        let jar = sample_jar();
        let text = export(&jar[1..3], Format::CookieEditorJson, NOW);
        let expected = r#"[
  {
    "domain": ".example.com",
    "expirationDate": 1735689600,
    "hostOnly": false,
    "httpOnly": false,
    "name": "cart",
    "path": "/shop",
    "sameSite": "no_restriction",
    "secure": true,
    "session": false,
    "storeId": null,
    "value": "3 items"
  },
  {
    "domain": "app.example.com",
    "expirationDate": 1735689600.25,
    "hostOnly": true,
    "httpOnly": false,
    "name": "theme",
    "path": "/",
    "sameSite": "lax",
    "secure": false,
    "session": false,
    "storeId": null,
    "value": "dark"
  }
]"#;
        assert_eq!(text, expected);
        let session = export(&jar[..1], Format::CookieEditorJson, NOW);
        assert!(!session.contains("expirationDate"));
        assert!(session.contains("\"session\": true"));
        assert!(session.contains("\"sameSite\": \"strict\""));
        assert!(session.contains("\"httpOnly\": true"));
        let unspecified = export(&jar[3..4], Format::CookieEditorJson, NOW);
        assert!(unspecified.contains("\"sameSite\": \"unspecified\""));
        assert_eq!(export(&[], Format::CookieEditorJson, NOW), "[]");
    }

    #[test]
    fn json_round_trip_keeps_everything() {
        let jar = sample_jar();
        let text = export(&jar, Format::CookieEditorJson, NOW);
        let back = import(&text, Format::CookieEditorJson, "elsewhere", NOW).unwrap();
        assert_eq!(back, jar);
    }

    #[test]
    fn netscape_export_shape() {
        let jar = sample_jar();
        let text = export(&jar[..3], Format::Netscape, NOW);
        assert_eq!(
            text,
            "# Netscape HTTP Cookie File\n\
             #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tconnect.sid\ts%3Aabc.def\n\
             .example.com\tTRUE\t/shop\tTRUE\t1735689600\tcart\t3 items\n\
             app.example.com\tFALSE\t/\tFALSE\t1735689600\ttheme\tdark\n"
        );
        assert_eq!(
            export(&[], Format::Netscape, NOW),
            "# Netscape HTTP Cookie File\n"
        );
        // An expiry inside the first second of 1970 must not read back as a session cookie.
        let early = Cookie {
            persistence: Persistence::Until(500),
            ..cookie("a", "1", "h")
        };
        let back = import(
            &export(&[early], Format::Netscape, NOW),
            Format::Netscape,
            "",
            0,
        );
        assert_eq!(back.unwrap()[0].persistence, Persistence::Until(-1000));
    }

    #[test]
    fn netscape_round_trip_loses_only_same_site_and_subseconds() {
        let jar = sample_jar();
        let text = export(&jar, Format::Netscape, NOW);
        assert_eq!(detect(&text), Format::Netscape);
        let back = import(&text, Format::Netscape, "ignored", NOW).unwrap();
        let expected: Vec<Cookie> = jar
            .iter()
            .map(|c| Cookie {
                same_site: SameSite::Unspecified,
                persistence: match c.persistence {
                    Persistence::Until(ms) => Persistence::Until(ms / 1000 * 1000),
                    p => p,
                },
                ..c.clone()
            })
            .collect();
        assert_eq!(back, expected);
        assert!(back[0].http_only);
    }

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
    fn imports_a_cookie_editor_file() {
        let text = r#"[
{
    "domain": ".example.com",
    "expirationDate": 1767225600.123456,
    "hostOnly": false,
    "httpOnly": false,
    "name": "_ga",
    "path": "/",
    "sameSite": "no_restriction",
    "secure": true,
    "session": false,
    "storeId": "0",
    "value": "GA1.2.123456789.1700000000",
    "id": 1
},
{
    "domain": "www.example.com",
    "hostOnly": true,
    "httpOnly": true,
    "name": "sessionid",
    "path": "/",
    "sameSite": "lax",
    "secure": true,
    "session": true,
    "storeId": null,
    "value": "abc123",
    "id": 2
},
{
    "domain": "www.example.com",
    "expirationDate": 1767225600,
    "hostOnly": true,
    "httpOnly": false,
    "name": "prefs",
    "path": "/account",
    "sameSite": "unspecified",
    "secure": false,
    "session": false,
    "storeId": null,
    "value": 42,
    "id": 3
}
]"#;
        assert_eq!(detect(text), Format::CookieEditorJson);
        let cs = import(text, Format::CookieEditorJson, "localhost", NOW).unwrap();
        assert_eq!(cs.len(), 3);
        let ga = &cs[0];
        assert_eq!((ga.domain.as_str(), ga.host_only), ("example.com", false));
        assert_eq!(ga.persistence, Persistence::Until(1_767_225_600_123));
        assert_eq!(ga.same_site, SameSite::None);
        assert!(ga.secure && !ga.http_only);
        assert_eq!(ga.value, "GA1.2.123456789.1700000000");
        let sid = &cs[1];
        assert_eq!(
            (sid.domain.as_str(), sid.host_only),
            ("www.example.com", true)
        );
        assert_eq!(sid.persistence, Persistence::Session);
        assert_eq!(sid.same_site, SameSite::Lax);
        assert!(sid.http_only);
        let prefs = &cs[2];
        assert_eq!(prefs.value, "42");
        assert_eq!(prefs.path, "/account");
        assert_eq!(prefs.same_site, SameSite::Unspecified);
        assert_eq!(prefs.persistence, Persistence::Until(1_767_225_600_000));
        for c in &cs {
            assert_eq!((c.created, c.last_access), (NOW, NOW));
            assert_eq!(c.priority, "Medium");
            assert!(!c.partitioned);
        }
    }

    #[test]
    fn json_defaults_and_spellings() {
        let cs = import(
            r#"{"name": "a", "value": "1"}"#,
            Format::CookieEditorJson,
            "LocalHost",
            NOW,
        )
        .unwrap();
        assert_eq!(cs, vec![cookie("a", "1", "localhost")]);

        let one = |extra: &str| {
            let text = format!(r#"[{{"name": "a", "value": "1", {extra}}}]"#);
            import(&text, Format::CookieEditorJson, "localhost", NOW)
                .unwrap()
                .remove(0)
        };
        for (s, want) in [
            ("Strict", SameSite::Strict),
            ("LAX", SameSite::Lax),
            ("None", SameSite::None),
            ("NO_RESTRICTION", SameSite::None),
            ("unspecified", SameSite::Unspecified),
            ("bogus", SameSite::Unspecified),
        ] {
            assert_eq!(one(&format!(r#""sameSite": "{s}""#)).same_site, want, "{s}");
        }
        assert_eq!(one(r#""sameSite": null"#).same_site, SameSite::Unspecified);
        // A leading dot means a domain cookie unless hostOnly says otherwise.
        let c = one(r#""domain": ".Example.com""#);
        assert_eq!((c.domain.as_str(), c.host_only), ("example.com", false));
        let c = one(r#""domain": ".example.com", "hostOnly": true"#);
        assert!(c.host_only);
        let c = one(r#""domain": "example.com", "hostOnly": false"#);
        assert!(!c.host_only);
        let c = one(r#""hostOnly": false"#);
        assert_eq!((c.domain.as_str(), c.host_only), ("localhost", false));
        // session: true wins over an expiry; no expiry means a session cookie.
        let c = one(r#""session": true, "expirationDate": 1767225600"#);
        assert_eq!(c.persistence, Persistence::Session);
        let c = one(r#""session": false"#);
        assert_eq!(c.persistence, Persistence::Session);
        let c = one(r#""expirationDate": 1767225600.0004"#);
        assert_eq!(c.persistence, Persistence::Until(1_767_225_600_000));
        let c = one(r#""expirationDate": -5"#);
        assert!(c.expired(NOW));
        let c = one(r#""value": 1.5e3"#);
        assert_eq!(c.value, "1500.0");
        let c = one(r#""path": "/a/b", "secure": true, "httpOnly": true, "storeId": "1""#);
        assert_eq!(c.path, "/a/b");
        assert!(c.secure && c.http_only);
        assert_eq!(
            import("[]", Format::CookieEditorJson, "h", NOW).unwrap(),
            vec![]
        );
    }

    #[test]
    fn json_errors() {
        let j = Format::CookieEditorJson;
        let cases = [
            (
                r#"[{"name":"a","value":"1"},{"name":"b","value":"2","secure":"yes"}]"#,
                "[1].secure: expected a boolean",
            ),
            (
                r#"[{"name":"a","value":"1","httpOnly":1}]"#,
                "[0].httpOnly: expected a boolean",
            ),
            (
                r#"[{"name":"a","value":"1","hostOnly":"true"}]"#,
                "[0].hostOnly: expected a boolean",
            ),
            (
                r#"[{"name":"a","value":"1","session":0}]"#,
                "[0].session: expected a boolean",
            ),
            (r#"[{"value":"1"}]"#, "[0].name: missing"),
            (r#"[{"name":null,"value":"1"}]"#, "[0].name: missing"),
            (r#"[{"name":1,"value":"1"}]"#, "[0].name: expected a string"),
            (r#"[{"name":"a"}]"#, "[0].value: missing"),
            (
                r#"[{"name":"a","value":true}]"#,
                "[0].value: expected a string",
            ),
            (
                r#"[{"name":"a","value":["x"]}]"#,
                "[0].value: expected a string",
            ),
            (
                r#"[{"name":"a","value":"1","domain":7}]"#,
                "[0].domain: expected a string",
            ),
            (
                r#"[{"name":"a","value":"1","domain":""}]"#,
                "[0].domain: must not be empty",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"."}]"#,
                "[0].domain: must not be empty",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"..a.com"}]"#,
                "[0].domain: must not start with two dots",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"a .com"}]"#,
                "[0].domain: must not contain spaces, \";\", \"/\" or control characters",
            ),
            (
                r#"[{"name":"a","value":"1","path":"x"}]"#,
                "[0].path: must start with \"/\"",
            ),
            (
                r#"[{"name":"a","value":"1","path":""}]"#,
                "[0].path: must start with \"/\"",
            ),
            (
                r#"[{"name":"a","value":"1","path":"/\n"}]"#,
                "[0].path: must not contain \";\" or control characters",
            ),
            (
                r#"[{"name":"a","value":"1","sameSite":1}]"#,
                "[0].sameSite: expected a string",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":"1"}]"#,
                "[0].expirationDate: expected a number",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":1e300}]"#,
                "[0].expirationDate: out of range",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":-8640000000001}]"#,
                "[0].expirationDate: out of range",
            ),
            (
                r#"[{"name":"a;b","value":"1"}]"#,
                "[0].name: contains \";\" or \"=\"",
            ),
            (
                r#"[{"name":"a=b","value":"1"}]"#,
                "[0].name: contains \";\" or \"=\"",
            ),
            (
                r#"[{"name":"a\u0000","value":"1"}]"#,
                "[0].name: contains a control character",
            ),
            (
                r#"[{"name":"a","value":"x\u0001y"}]"#,
                "[0].value: contains a control character",
            ),
            (
                r#"[{"name":"a","value":"x\u007f"}]"#,
                "[0].value: contains a control character",
            ),
            (
                r#"[{"name":"","value":""}]"#,
                "[0]: has an empty name and an empty value",
            ),
            (
                r#"{"name":"a","value":"1","secure":null,"httpOnly":"no"}"#,
                "httpOnly: expected a boolean",
            ),
            (
                r#"{"name":"a\n","value":"1"}"#,
                "name: contains a control character",
            ),
            (
                r#"{"name":"","value":""}"#,
                "input: has an empty name and an empty value",
            ),
            (
                r#"[{"name":"a","value":"1"}, 1]"#,
                "[1]: expected an object",
            ),
            (r#""cookies""#, "input: expected an array of cookie objects"),
            ("null", "input: expected an array of cookie objects"),
        ];
        for (text, want) in cases {
            assert_eq!(err(text, j).to_string(), want, "{text}");
        }
        // A tab inside a value is accepted now, as the jar's own rule (and Chrome) accepts it.
        let tab = import(r#"[{"name":"a","value":"x\ty"}]"#, j, "h", NOW).unwrap();
        assert_eq!(tab[0].value, "x\ty");
    }

    #[test]
    fn json_syntax_and_default_host_errors() {
        let e = err("[{\"name\": \"a\",\n oops}]", Format::CookieEditorJson);
        assert_eq!(e.at, "line 2, column 2");
        assert!(e.message.starts_with("invalid JSON"), "{}", e.message);
        let one = r#"[{"name":"a","value":"1"}]"#;
        for host in ["", "a b", "."] {
            let e = import(one, Format::CookieEditorJson, host, NOW).unwrap_err();
            assert_eq!(
                e.to_string(),
                "[0].domain: missing, and there is no valid default host"
            );
        }
        // With an explicit domain the default host does not matter.
        let with_domain = r#"[{"name":"a","value":"1","domain":"x.org"}]"#;
        assert!(import(with_domain, Format::CookieEditorJson, "", NOW).is_ok());
    }

    #[test]
    fn imports_curls_cookie_file() {
        let text = "# Netscape HTTP Cookie File\n\
                    # https://curl.se/docs/http-cookies.html\n\
                    # This file was generated by libcurl! Edit at your own risk.\n\
                    \n\
                    #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tconnect.sid\ts%3AAbC.dEf\n\
                    .Example.com\tTRUE\t/\tTRUE\t1767225600\t_ga\tGA1.2.3\r\n\
                    www.example.com\tfalse\t/shop\tfalse\t1767225600\tcart\t\n";
        assert_eq!(detect(text), Format::Netscape);
        let cs = import(text, Format::Netscape, "ignored", NOW).unwrap();
        assert_eq!(cs.len(), 3);
        assert_eq!(
            cs[0],
            Cookie {
                http_only: true,
                ..cookie("connect.sid", "s%3AAbC.dEf", "localhost")
            }
        );
        assert_eq!(
            cs[1],
            Cookie {
                host_only: false,
                secure: true,
                persistence: Persistence::Until(1_767_225_600_000),
                ..cookie("_ga", "GA1.2.3", "example.com")
            }
        );
        assert_eq!(
            cs[2],
            Cookie {
                path: "/shop".into(),
                persistence: Persistence::Until(1_767_225_600_000),
                ..cookie("cart", "", "www.example.com")
            }
        );
        // The flag field decides, not the dot.
        let cs = import(
            ".a.com\tFALSE\t/\tFALSE\t0\tn\tv",
            Format::Netscape,
            "",
            NOW,
        )
        .unwrap();
        assert!(cs[0].host_only);
        assert_eq!(cs[0].domain, "a.com");
        // Negative expiries are expired cookies, not errors.
        let cs = import(
            "a.com\tFALSE\t/\tFALSE\t-1\tn\tv",
            Format::Netscape,
            "",
            NOW,
        )
        .unwrap();
        assert!(cs[0].expired(NOW));
    }

    #[test]
    fn netscape_errors() {
        let n = Format::Netscape;
        let cases = [
            (
                "# c\nexample.com\tTRUE\t/\tFALSE\t0\tname",
                "line 2: expected 7 tab-separated fields, found 6",
            ),
            (
                "a b c d e f g",
                "line 1: expected 7 tab-separated fields, found 1",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\tn\tv\textra",
                "line 1: expected 7 tab-separated fields, found 8",
            ),
            (
                "#HttpOnly_h\tTRUE\t/\tFALSE\t0",
                "line 1: expected 7 tab-separated fields, found 5",
            ),
            (
                "h\tYES\t/\tFALSE\t0\tn\tv",
                "line 1: includeSubdomains must be TRUE or FALSE",
            ),
            (
                "h\tTRUE\t/\t1\t0\tn\tv",
                "line 1: secure must be TRUE or FALSE",
            ),
            (
                "h\tTRUE\t/\tFALSE\tsoon\tn\tv",
                "line 1: expiry must be a whole number of seconds",
            ),
            (
                "h\tTRUE\t/\tFALSE\t1.5\tn\tv",
                "line 1: expiry must be a whole number of seconds",
            ),
            (
                "h\tTRUE\t/\tFALSE\t99999999999999999\tn\tv",
                "line 1: expiry out of range",
            ),
            (
                "h\tTRUE\t/\tFALSE\t-9223372036854775808\tn\tv",
                "line 1: expiry out of range",
            ),
            (
                "\tTRUE\t/\tFALSE\t0\tn\tv",
                "line 1: domain must not be empty",
            ),
            (
                "a b\tTRUE\t/\tFALSE\t0\tn\tv",
                "line 1: domain must not contain spaces, \";\", \"/\" or control characters",
            ),
            (
                "h\tTRUE\tx\tFALSE\t0\tn\tv",
                "line 1: path must start with \"/\"",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\tn;x\tv",
                "line 1: name contains \";\" or \"=\"",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\tn\tv\u{1}",
                "line 1: value contains a control character",
            ),
            (
                "h\tTRUE\t/\tFALSE\t0\t\t",
                "line 1: has an empty name and an empty value",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(err(text, n).to_string(), want, "{text:?}");
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
        assert_eq!(e.to_string(), "input: default host must not be empty");
        // No cookie, no need for a host.
        assert!(import("garbage", h, "", NOW).unwrap().is_empty());
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

        let big = format!("a={}", "x".repeat(MAX_INPUT));
        for f in Format::ALL {
            assert_eq!(err(&big, f).to_string(), "input: larger than 256 KiB");
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
    fn detection() {
        assert_eq!(detect("  [\n{}]"), Format::CookieEditorJson);
        assert_eq!(detect("{\"name\":\"a\"}"), Format::CookieEditorJson);
        assert_eq!(detect("# Netscape HTTP Cookie File\n"), Format::Netscape);
        assert_eq!(detect("#HttpOnly_h\tFALSE\t/"), Format::Netscape);
        assert_eq!(detect("\n\nh\tTRUE\t/\tFALSE\t0\tn\tv\n"), Format::Netscape);
        assert_eq!(detect("Cookie: a=1; b=2"), Format::Header);
        assert_eq!(detect("a=1"), Format::Header);
        assert_eq!(detect(""), Format::Header);
        assert_eq!(detect("# just a comment"), Format::Header);
        assert_eq!(detect("a\tb\tc"), Format::Header);
    }

    #[test]
    fn error_display() {
        assert_eq!(ImportError::new("", "bad").to_string(), "bad");
        assert_eq!(ImportError::new("line 3", "bad").to_string(), "line 3: bad");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = detect(&s);
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
