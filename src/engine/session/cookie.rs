//! express-session's `Cookie` (`session/cookie.js`): the cookie settings a session carries,
//! stored with it, and turned into `Set-Cookie` attributes.

use crate::engine::clock::{JsDate, Millis};
use crate::engine::cookie_header::{SameSiteOption, SerializeOptions};
use crate::engine::json::{Map, Value};

/// A `sameSite` value as JavaScript holds it: a boolean or a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SameSiteValue {
    /// `true` (serialised as Strict) or `false` (omitted).
    Bool(bool),
    /// `'lax'`, `'strict'`, `'none'` (any case), or anything else (which fails to serialise).
    Str(String),
}

impl SameSiteValue {
    pub(crate) fn to_json(&self) -> Value {
        match self {
            SameSiteValue::Bool(b) => Value::Bool(*b),
            SameSiteValue::Str(s) => Value::String(s.clone()),
        }
    }
    fn to_option(&self) -> Option<SameSiteOption> {
        match self {
            SameSiteValue::Bool(true) => Some(SameSiteOption::True),
            SameSiteValue::Bool(false) => None,
            SameSiteValue::Str(s) if s.is_empty() => None,
            SameSiteValue::Str(s) => Some(SameSiteOption::Str(s.clone())),
        }
    }
}

/// The `secure` cookie option: a boolean or `'auto'` (decided per request by `issecure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecureOption {
    /// `true` / `false`.
    Bool(bool),
    /// `'auto'`: Secure only when the request counts as secure (`issecure`: TLS, or
    /// `X-Forwarded-Proto: https` with `proxy: true`).
    Auto,
}

/// The `sameSite` cookie option: a value, or `'auto'` (`'none'` on https, `'lax'` on http).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SameSiteOptionValue {
    /// A plain value.
    Value(SameSiteValue),
    /// `'auto'` (case-sensitive): `'none'` on a secure request, `'lax'` otherwise.
    Auto,
}

/// One key of the `cookie` option object. Order matters: `new Cookie(opts)` assigns keys in
/// order, and `maxAge` and `expires` both set the expiry, so the later one wins.
#[derive(Clone, Debug, PartialEq)]
pub enum CookieOpt {
    /// `maxAge`: milliseconds or `null`.
    MaxAge(Option<f64>),
    /// `expires`: a `Date` or `null`.
    Expires(Option<JsDate>),
    /// `path`: the cookie's Path and the middleware's path gate (default `/`).
    Path(String),
    /// `domain`: the cookie's Domain (none by default: a host-only cookie).
    Domain(String),
    /// `httpOnly`: hide the cookie from `document.cookie` (default `true`).
    HttpOnly(bool),
    /// `secure`: send only over https, or `'auto'` (default: not set).
    Secure(SecureOption),
    /// `sameSite`: a boolean, `'lax'`, `'strict'`, `'none'` or `'auto'` (default: not set).
    SameSite(SameSiteOptionValue),
    /// `priority`: `'low'`, `'medium'` or `'high'`, written as `Priority=`.
    Priority(String),
    /// `partitioned`: adds the `Partitioned` attribute (CHIPS).
    Partitioned(bool),
}

/// The `cookie` option object, keys in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CookieOptions(pub Vec<CookieOpt>);

impl CookieOptions {
    /// `cookieOptions.path || '/'`, used by the middleware's path gate.
    pub fn gate_path(&self) -> &str {
        self.0
            .iter()
            .rev()
            .find_map(|o| match o {
                CookieOpt::Path(p) if !p.is_empty() => Some(p.as_str()),
                CookieOpt::Path(_) => Some("/"),
                _ => None,
            })
            .unwrap_or("/")
    }
    /// Whether `secure` is `'auto'`.
    pub fn secure_auto(&self) -> bool {
        matches!(
            self.last(|o| matches!(o, CookieOpt::Secure(_))),
            Some(CookieOpt::Secure(SecureOption::Auto))
        )
    }
    /// Whether `sameSite` is `'auto'`.
    pub fn same_site_auto(&self) -> bool {
        matches!(
            self.last(|o| matches!(o, CookieOpt::SameSite(_))),
            Some(CookieOpt::SameSite(SameSiteOptionValue::Auto))
        )
    }
    fn last(&self, pred: impl Fn(&CookieOpt) -> bool) -> Option<&CookieOpt> {
        self.0.iter().rev().find(|o| pred(o))
    }
}

/// A session's cookie (`req.session.cookie`).
#[derive(Clone, Debug, PartialEq)]
pub struct SessionCookie {
    /// `originalMaxAge`: the lifetime in ms each touch restores, or `null` (may be NaN).
    pub original_max_age: Option<f64>,
    /// `expires`: a `Date` (possibly invalid) or `null` for a browser-session cookie.
    pub expires: Option<JsDate>,
    /// `partitioned`, when set: writes `Partitioned`.
    pub partitioned: Option<bool>,
    /// `priority`, when set: `Priority=Low|Medium|High` (anything else fails to serialise).
    pub priority: Option<String>,
    /// `secure`, when set: writes `Secure` (`'auto'` is resolved when the session is made).
    pub secure: Option<bool>,
    /// `httpOnly`: writes `HttpOnly` when true (`new Cookie()` sets it).
    pub http_only: Option<bool>,
    /// `domain`, when set and not empty: writes `Domain=`.
    pub domain: Option<String>,
    /// `path`: writes `Path=` unless empty (`/` from `new Cookie()`).
    pub path: Option<String>,
    /// `sameSite`, when set: a boolean or a string, as the options gave it.
    pub same_site: Option<SameSiteValue>,
}

impl SessionCookie {
    /// `new Cookie()`: path `/`, no expiry, HttpOnly.
    pub fn defaults() -> SessionCookie {
        SessionCookie {
            original_max_age: None,
            expires: None,
            partitioned: None,
            priority: None,
            secure: None,
            http_only: Some(true),
            domain: None,
            path: Some("/".into()),
            same_site: None,
        }
    }

    /// `new Cookie(options)` at `now`. `'auto'` values are left for the caller to resolve
    /// (as `store.generate` does); until then `secure: 'auto'` reads as truthy.
    pub fn from_options(opts: &CookieOptions, now: Millis) -> SessionCookie {
        let mut c = SessionCookie::defaults();
        for o in &opts.0 {
            match o {
                CookieOpt::MaxAge(ms) => c.set_max_age(*ms, now),
                CookieOpt::Expires(d) => c.set_expires(*d, now),
                CookieOpt::Path(p) => c.path = Some(p.clone()),
                CookieOpt::Domain(d) => c.domain = Some(d.clone()),
                CookieOpt::HttpOnly(b) => c.http_only = Some(*b),
                CookieOpt::Secure(SecureOption::Bool(b)) => c.secure = Some(*b),
                CookieOpt::Secure(SecureOption::Auto) => c.secure = Some(true),
                CookieOpt::SameSite(SameSiteOptionValue::Value(v)) => c.same_site = Some(v.clone()),
                CookieOpt::SameSite(SameSiteOptionValue::Auto) => {
                    c.same_site = Some(SameSiteValue::Str("auto".into()))
                }
                CookieOpt::Priority(p) => c.priority = Some(p.clone()),
                CookieOpt::Partitioned(b) => c.partitioned = Some(*b),
            }
        }
        c
    }

    /// The `expires` setter: also sets `originalMaxAge = this.maxAge`.
    pub fn set_expires(&mut self, d: Option<JsDate>, now: Millis) {
        self.expires = d;
        self.original_max_age = self.max_age(now);
    }

    /// The `maxAge` setter: a number sets `expires = new Date(now + ms)`; `null` clears it.
    pub fn set_max_age(&mut self, ms: Option<f64>, now: Millis) {
        let d = ms.map(|ms| JsDate::new(now as f64 + ms));
        self.set_expires(d, now);
    }

    /// The `maxAge` getter: ms left (NaN for an invalid date), or `null`.
    pub fn max_age(&self, now: Millis) -> Option<f64> {
        self.expires.map(|d| d.0 - now as f64)
    }

    /// `session.touch()` / `resetMaxAge()`: `maxAge = originalMaxAge`.
    pub fn touch(&mut self, now: Millis) {
        let oma = self.original_max_age;
        self.set_max_age(oma, now);
    }

    /// `cookie.data` / `toJSON()`: keys in express-session's order, undefined ones dropped.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        let num =
            |n: f64| crate::engine::json::Number::from_f64(n).map_or(Value::Null, Value::Number);
        m.insert(
            "originalMaxAge".into(),
            self.original_max_age.map_or(Value::Null, num),
        );
        if let Some(p) = self.partitioned {
            m.insert("partitioned".into(), Value::Bool(p));
        }
        if let Some(p) = &self.priority {
            m.insert("priority".into(), Value::String(p.clone()));
        }
        m.insert(
            "expires".into(),
            self.expires
                .and_then(|d| d.to_iso_string())
                .map_or(Value::Null, Value::String),
        );
        if let Some(s) = self.secure {
            m.insert("secure".into(), Value::Bool(s));
        }
        if let Some(h) = self.http_only {
            m.insert("httpOnly".into(), Value::Bool(h));
        }
        if let Some(d) = &self.domain {
            m.insert("domain".into(), Value::String(d.clone()));
        }
        if let Some(p) = &self.path {
            m.insert("path".into(), Value::String(p.clone()));
        }
        if let Some(s) = &self.same_site {
            m.insert("sameSite".into(), s.to_json());
        }
        Value::Object(m)
    }

    /// Appends `JSON.stringify(cookie)` (the same keys and order as [`SessionCookie::to_json`]).
    pub fn write_json(&self, out: &mut String) {
        use crate::engine::json::write_quoted;
        out.push_str("{\"originalMaxAge\":");
        match self.original_max_age.filter(|n| n.is_finite()) {
            Some(n) => out.push_str(&crate::engine::js::number_to_string(n)),
            None => out.push_str("null"),
        }
        if let Some(p) = self.partitioned {
            out.push_str(if p {
                ",\"partitioned\":true"
            } else {
                ",\"partitioned\":false"
            });
        }
        if let Some(p) = &self.priority {
            out.push_str(",\"priority\":");
            write_quoted(out, p);
        }
        out.push_str(",\"expires\":");
        match self.expires.and_then(|d| d.to_iso_string()) {
            Some(iso) => write_quoted(out, &iso),
            None => out.push_str("null"),
        }
        if let Some(v) = self.secure {
            out.push_str(if v {
                ",\"secure\":true"
            } else {
                ",\"secure\":false"
            });
        }
        if let Some(v) = self.http_only {
            out.push_str(if v {
                ",\"httpOnly\":true"
            } else {
                ",\"httpOnly\":false"
            });
        }
        if let Some(d) = &self.domain {
            out.push_str(",\"domain\":");
            write_quoted(out, d);
        }
        if let Some(p) = &self.path {
            out.push_str(",\"path\":");
            write_quoted(out, p);
        }
        match &self.same_site {
            None => {}
            Some(SameSiteValue::Bool(b)) => out.push_str(if *b {
                ",\"sameSite\":true"
            } else {
                ",\"sameSite\":false"
            }),
            Some(SameSiteValue::Str(v)) => {
                out.push_str(",\"sameSite\":");
                write_quoted(out, v);
            }
        }
        out.push('}');
    }

    /// The attributes `cookie.serialize(name, val, cookie.data)` writes. There is no
    /// `maxAge` in `data`, so express-session only ever sends `Expires`.
    pub fn serialize_options(&self) -> SerializeOptions {
        SerializeOptions {
            max_age: None,
            domain: self.domain.clone().filter(|d| !d.is_empty()),
            path: self.path.clone().filter(|p| !p.is_empty()),
            expires: self.expires,
            http_only: self.http_only == Some(true),
            secure: self.secure == Some(true),
            partitioned: self.partitioned == Some(true),
            priority: self.priority.clone().filter(|p| !p.is_empty()),
            same_site: self.same_site.as_ref().and_then(SameSiteValue::to_option),
        }
    }

    /// `store.createSession`: `new Cookie(stored)`, then `expires` string → `Date`, and the
    /// stored `originalMaxAge` kept. Values of unexpected types are refused with a reason.
    pub fn from_stored(v: &Value) -> Result<SessionCookie, String> {
        let Value::Object(m) = v else {
            return Err("Cannot read properties of undefined (reading 'expires')".into());
        };
        SessionCookie::from_members(|k| m.get(k))
    }

    /// [`SessionCookie::from_stored`] for a stored cookie object whose members `m` looks up
    /// (by name, as JSON.parse left them: a repeated name has its last value).
    pub fn from_members<'v>(
        m: impl Fn(&str) -> Option<&'v Value>,
    ) -> Result<SessionCookie, String> {
        let mut c = SessionCookie::defaults();
        let bad = |k: &str| format!("stored cookie.{k} has an unexpected type");
        let opt_bool = |k: &str| -> Result<Option<bool>, String> {
            match m(k) {
                None => Ok(None),
                Some(Value::Bool(b)) => Ok(Some(*b)),
                Some(_) => Err(bad(k)),
            }
        };
        let opt_str = |k: &str| -> Result<Option<String>, String> {
            match m(k) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(bad(k)),
            }
        };
        c.original_max_age = match m("originalMaxAge") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64(),
            Some(_) => return Err(bad("originalMaxAge")),
        };
        c.expires = match m("expires") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(JsDate::parse(s)),
            Some(_) => return Err(bad("expires")),
        };
        c.partitioned = opt_bool("partitioned")?;
        c.priority = opt_str("priority")?;
        c.secure = opt_bool("secure")?;
        if m("httpOnly").is_some() {
            c.http_only = opt_bool("httpOnly")?;
        }
        c.domain = opt_str("domain")?;
        if m("path").is_some() {
            c.path = opt_str("path")?;
        }
        c.same_site = match m("sameSite") {
            None => None,
            Some(Value::Bool(b)) => Some(SameSiteValue::Bool(*b)),
            Some(Value::String(s)) => Some(SameSiteValue::Str(s.clone())),
            Some(_) => return Err(bad("sameSite")),
        };
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cookie_header::serialize;
    use crate::engine::json::stringify;

    const NOW: Millis = 1_700_000_000_000;

    #[test]
    fn default_cookie_json_matches_express() {
        let c = SessionCookie::from_options(&CookieOptions::default(), NOW);
        assert_eq!(
            stringify(&c.to_json()),
            r#"{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"}"#
        );
    }

    #[test]
    fn max_age_and_same_site_like_the_spec_vector() {
        let opts = CookieOptions(vec![
            CookieOpt::MaxAge(Some(86_400_000.0)),
            CookieOpt::SameSite(SameSiteOptionValue::Value(SameSiteValue::Str("lax".into()))),
        ]);
        let c = SessionCookie::from_options(&opts, NOW);
        assert_eq!(
            stringify(&c.to_json()),
            r#"{"originalMaxAge":86400000,"expires":"2023-11-15T22:13:20.000Z","httpOnly":true,"path":"/","sameSite":"lax"}"#
        );
        assert_eq!(
            serialize("connect.sid", "s:x", &c.serialize_options()).unwrap(),
            "connect.sid=s%3Ax; Path=/; Expires=Wed, 15 Nov 2023 22:13:20 GMT; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn later_key_wins_and_touch_slides() {
        let d = JsDate::from_millis(NOW + 5000);
        let c = SessionCookie::from_options(
            &CookieOptions(vec![
                CookieOpt::MaxAge(Some(1000.0)),
                CookieOpt::Expires(Some(d)),
            ]),
            NOW,
        );
        assert_eq!((c.expires, c.original_max_age), (Some(d), Some(5000.0)));
        let mut c = SessionCookie::from_options(
            &CookieOptions(vec![
                CookieOpt::Expires(Some(d)),
                CookieOpt::MaxAge(Some(1000.0)),
            ]),
            NOW,
        );
        assert_eq!(c.original_max_age, Some(1000.0));
        c.touch(NOW + 10);
        assert_eq!(c.expires, Some(JsDate::from_millis(NOW + 1010)));
        // a huge maxAge gives an invalid date, and touch turns originalMaxAge into NaN
        let mut big =
            SessionCookie::from_options(&CookieOptions(vec![CookieOpt::MaxAge(Some(1e308))]), NOW);
        assert!(!big.expires.unwrap().is_valid());
        assert!(big.original_max_age.unwrap().is_nan());
        big.touch(NOW);
        assert_eq!(
            stringify(&big.to_json()),
            r#"{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"}"#
        );
    }

    #[test]
    fn direct_json_writer_matches_the_value_path() {
        let d = JsDate::from_millis(NOW + 5);
        for opts in [
            CookieOptions::default(),
            CookieOptions(vec![CookieOpt::MaxAge(Some(1e308))]),
            CookieOptions(vec![
                CookieOpt::Expires(Some(d)),
                CookieOpt::Domain("a\"b".into()),
                CookieOpt::Partitioned(false),
                CookieOpt::Priority("high".into()),
                CookieOpt::Secure(SecureOption::Bool(true)),
                CookieOpt::HttpOnly(false),
                CookieOpt::Path("/x".into()),
                CookieOpt::SameSite(SameSiteOptionValue::Value(SameSiteValue::Bool(false))),
            ]),
        ] {
            let c = SessionCookie::from_options(&opts, NOW);
            let mut direct = String::new();
            c.write_json(&mut direct);
            assert_eq!(direct, stringify(&c.to_json()));
        }
    }

    #[test]
    fn stored_round_trip() {
        let c = SessionCookie::from_options(
            &CookieOptions(vec![
                CookieOpt::MaxAge(Some(60000.0)),
                CookieOpt::Domain("example.com".into()),
                CookieOpt::Partitioned(true),
            ]),
            NOW,
        );
        let back = SessionCookie::from_stored(&c.to_json()).unwrap();
        assert_eq!(back, c);
        assert!(SessionCookie::from_stored(&Value::Null).is_err());
        assert!(SessionCookie::from_stored(&crate::json!({"secure": "yes"})).is_err());
    }
}
