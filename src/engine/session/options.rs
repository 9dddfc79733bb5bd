//! The options object passed to `session({...})`, read from JSON as JavaScript would see it,
//! with express-session's defaults and construction-time checks.

use super::cookie::{CookieOpt, CookieOptions, SameSiteOptionValue, SameSiteValue, SecureOption};
use crate::engine::clock::JsDate;
use crate::engine::json::{Map, Value};

/// The session cookie's name when the options give none (`'connect.sid'`).
pub const DEFAULT_NAME: &str = "connect.sid";

/// What `unset` does when `req.session` is set to `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unset {
    /// Leave the store alone (the default).
    Keep,
    /// Delete the session from the store at the end of the request.
    Destroy,
}

/// Which store the server uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StoreKind {
    /// express-session's MemoryStore (lost on restart).
    #[default]
    Memory,
    /// The connect-mongo shaped store (survives restart).
    Persistent,
    /// The connect-redis shaped store: keys `sess:<id>` with a TTL in seconds (survives a
    /// restart of the app, and two app instances can share it).
    Redis,
}

impl StoreKind {
    /// Every kind, in the options form's order.
    pub const ALL: [StoreKind; 3] = [StoreKind::Memory, StoreKind::Persistent, StoreKind::Redis];

    /// The `store` option's value for this kind (`memory`, `persistent`, `redis`).
    pub fn code(self) -> &'static str {
        match self {
            StoreKind::Memory => "memory",
            StoreKind::Persistent => "persistent",
            StoreKind::Redis => "redis",
        }
    }

    /// The kind whose `store` option value is `code`.
    pub fn from_code(code: &str) -> Option<StoreKind> {
        StoreKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The store's package as the course's code names it (`MemoryStore`, express-session's
    /// own; `connect-mongo`; `connect-redis`).
    pub fn package(self) -> &'static str {
        match self {
            StoreKind::Memory => "MemoryStore",
            StoreKind::Persistent => "connect-mongo",
            StoreKind::Redis => "connect-redis",
        }
    }

    /// Whether the sessions live outside the app's process (a database), so they survive a
    /// restart and every instance of the app sees the same ones.
    pub fn outside_the_process(self) -> bool {
        self != StoreKind::Memory
    }
}

/// The options as the middleware uses them.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionOptions {
    /// `opts.name || opts.key || 'connect.sid'`.
    pub name: String,
    /// Secrets (first signs, all verify); `None` when no secret was given.
    pub secret: Option<Vec<String>>,
    /// `resave`; `None` means unset (express then warns and uses `true`).
    pub resave: Option<bool>,
    /// `saveUninitialized`; `None` means unset (warning, `true`).
    pub save_uninitialized: Option<bool>,
    /// `rolling`: send the cookie, with a fresh expiry, on every response (default `false`).
    pub rolling: bool,
    /// `unset`: what `req.session = null` does to the store (default [`Unset::Keep`]).
    pub unset: Unset,
    /// `proxy` (`None` = undefined: use Express's `req.secure`).
    pub proxy: Option<bool>,
    /// `cookie`: the cookie settings, keys in the order written.
    pub cookie: CookieOptions,
    /// `store`: `'memory'` (default), `'persistent'` (connect-mongo) or `'redis'`
    /// (connect-redis); the lab's stand-in for a store instance.
    pub store: StoreKind,
    /// The options as written (after merging), for showing the code.
    pub source: Map<String, Value>,
}

/// What is wrong with an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionProblem {
    /// Not a boolean.
    NotBool,
    /// Not a number.
    NotNumber,
    /// A string over [`MAX_OPTION_LEN`] bytes.
    TooLong,
    /// Not a string.
    NotString,
    /// A key express-session does not have (or the lab does not simulate).
    NotSimulated,
    /// express-session's own TypeError for `secret: []`.
    SecretEmptyArray,
    /// `secret` of another type.
    SecretType,
    /// express-session's own TypeError for a bad `unset`.
    UnsetValue,
    /// `store` is none of memory, persistent and redis.
    StoreValue,
    /// `cookie` is not an object.
    NotObject,
    /// `cookie.expires` does not parse as a date.
    NotADate,
    /// `cookie.expires` of another type.
    ExpiresType,
    /// `cookie.secure` of another value.
    SecureValue,
    /// `cookie.sameSite` of another value.
    SameSiteValue,
    /// A `cookie` key that is not a cookie option.
    NotCookieOption,
    /// The lab's `genid` is not one of the generators it can run.
    GenidValue,
}

/// A bad option, with the JSON path of the offending field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// Where the bad value is, from `options`: `options.cookie.maxAge`, `options.secret[1]`.
    pub path: String,
    /// What is wrong.
    pub problem: OptionProblem,
}

/// A warning express-session prints when it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartupWarning {
    /// `resave` was not given.
    UndefinedResave,
    /// `saveUninitialized` was not given.
    UndefinedSaveUninitialized,
    /// No `secret`: printed at start-up, and every request then fails with a 500.
    NoSecret,
    /// MemoryStore with `NODE_ENV=production`.
    MemoryStoreInProduction,
}

impl StartupWarning {
    /// The exact text express-session prints (through `depd` or `console.warn`).
    pub fn text(&self) -> &'static str {
        match self {
            StartupWarning::UndefinedResave => "express-session deprecated undefined resave option; provide resave option",
            StartupWarning::UndefinedSaveUninitialized => {
                "express-session deprecated undefined saveUninitialized option; provide saveUninitialized option"
            }
            StartupWarning::NoSecret => "express-session deprecated req.secret; provide secret option",
            StartupWarning::MemoryStoreInProduction => {
                "Warning: connect.session() MemoryStore is not\ndesigned for a production environment, as it will leak\nmemory, and will not scale past a single process."
            }
        }
    }
}

/// The value at an option path such as `secret` or `cookie.maxAge`.
pub fn option_at<'a>(m: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    match path.split_once('.') {
        Some((a, b)) => m.get(a)?.as_object()?.get(b),
        None => m.get(path),
    }
}

/// Sets the value at an option path such as `cookie.maxAge` (a `cookie` that is not an
/// object becomes one).
pub fn set_option_at(m: &mut Map<String, Value>, path: &str, v: Value) {
    match path.split_once('.') {
        Some((a, b)) => {
            let entry = m
                .entry(a.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(o) = entry {
                o.insert(b.to_string(), v);
            }
        }
        None => {
            m.insert(path.to_string(), v);
        }
    }
}

/// Merges `over` onto `base`: a key set to `null` is removed, `cookie` merges key by key.
pub fn merge(base: &Map<String, Value>, over: &Map<String, Value>) -> Map<String, Value> {
    let mut out = base.clone();
    for (k, v) in over {
        match (k.as_str(), v) {
            (_, Value::Null) => {
                out.shift_remove(k);
            }
            ("cookie", Value::Object(o)) => {
                let mut c = match out.get("cookie") {
                    Some(Value::Object(b)) => b.clone(),
                    _ => Map::new(),
                };
                for (ck, cv) in o {
                    if cv.is_null() && ck != "maxAge" && ck != "expires" {
                        c.shift_remove(ck);
                    } else {
                        c.insert(ck.clone(), cv.clone());
                    }
                }
                out.insert(k.clone(), Value::Object(c));
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

fn err(path: &str, problem: OptionProblem) -> OptionError {
    OptionError {
        path: path.into(),
        problem,
    }
}

fn opt_bool(m: &Map<String, Value>, key: &str, path: &str) -> Result<Option<bool>, OptionError> {
    match m.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(err(&format!("{path}.{key}"), OptionProblem::NotBool)),
    }
}

fn finite_number(v: &Value, path: &str) -> Result<f64, OptionError> {
    v.as_f64()
        .ok_or_else(|| err(path, OptionProblem::NotNumber))
}

/// Longest string option accepted (names, paths, domains, secrets).
pub const MAX_OPTION_LEN: usize = 4096;

fn string(v: &Value, path: &str) -> Result<String, OptionError> {
    match v {
        Value::String(s) if s.len() <= MAX_OPTION_LEN => Ok(s.clone()),
        Value::String(_) => Err(err(path, OptionProblem::TooLong)),
        _ => Err(err(path, OptionProblem::NotString)),
    }
}

impl SessionOptions {
    /// Reads merged options. Unknown keys are refused so typos do not pass silently.
    pub fn from_json(m: &Map<String, Value>) -> Result<SessionOptions, OptionError> {
        const KNOWN: [&str; 10] = [
            "name",
            "key",
            "secret",
            "resave",
            "saveUninitialized",
            "rolling",
            "unset",
            "proxy",
            "cookie",
            "store",
        ];
        if let Some(k) = m.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(err(&format!("options.{k}"), OptionProblem::NotSimulated));
        }
        let name_of = |k: &str| -> Result<Option<String>, OptionError> {
            m.get(k)
                .map(|v| string(v, &format!("options.{k}")))
                .transpose()
        };
        let name = name_of("name")?
            .filter(|s| !s.is_empty())
            .or(name_of("key")?.filter(|s| !s.is_empty()))
            .unwrap_or_else(|| DEFAULT_NAME.into());
        let secret = match m.get("secret") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(v @ Value::String(_)) => Some(vec![string(v, "options.secret")?]),
            Some(Value::Array(a)) if a.is_empty() => {
                return Err(err("options.secret", OptionProblem::SecretEmptyArray))
            }
            Some(Value::Array(a)) => Some(
                a.iter()
                    .enumerate()
                    .map(|(i, v)| string(v, &format!("options.secret[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            Some(_) => return Err(err("options.secret", OptionProblem::SecretType)),
        };
        let unset = match m.get("unset") {
            None | Some(Value::Null) => Unset::Keep,
            Some(Value::String(s)) if s == "keep" => Unset::Keep,
            Some(Value::String(s)) if s == "destroy" => Unset::Destroy,
            Some(Value::Bool(false)) => Unset::Keep,
            Some(_) => return Err(err("options.unset", OptionProblem::UnsetValue)),
        };
        let store = match m.get("store") {
            None => Some(StoreKind::Memory),
            Some(Value::String(s)) => StoreKind::from_code(s),
            Some(_) => None,
        }
        .ok_or_else(|| err("options.store", OptionProblem::StoreValue))?;
        let cookie = match m.get("cookie") {
            None => CookieOptions::default(),
            Some(Value::Object(c)) => parse_cookie(c)?,
            Some(_) => return Err(err("options.cookie", OptionProblem::NotObject)),
        };
        Ok(SessionOptions {
            name,
            secret,
            resave: opt_bool(m, "resave", "options")?,
            save_uninitialized: opt_bool(m, "saveUninitialized", "options")?,
            rolling: opt_bool(m, "rolling", "options")?.unwrap_or(false),
            unset,
            proxy: opt_bool(m, "proxy", "options")?,
            cookie,
            store,
            source: m.clone(),
        })
    }

    /// `resave` as used (unset means `true`).
    pub fn resave(&self) -> bool {
        self.resave.unwrap_or(true)
    }

    /// `saveUninitialized` as used (unset means `true`).
    pub fn save_uninitialized(&self) -> bool {
        self.save_uninitialized.unwrap_or(true)
    }

    /// What express-session prints at start-up with these options (the server runs with
    /// `NODE_ENV=production`).
    pub fn startup_warnings(&self) -> Vec<StartupWarning> {
        let mut w = Vec::new();
        if self.resave.is_none() {
            w.push(StartupWarning::UndefinedResave);
        }
        if self.save_uninitialized.is_none() {
            w.push(StartupWarning::UndefinedSaveUninitialized);
        }
        if self.secret.is_none() {
            w.push(StartupWarning::NoSecret);
        }
        if self.store == StoreKind::Memory {
            w.push(StartupWarning::MemoryStoreInProduction);
        }
        w
    }
}

fn parse_cookie(c: &Map<String, Value>) -> Result<CookieOptions, OptionError> {
    let mut out = Vec::new();
    for (k, v) in c {
        let path = format!("options.cookie.{k}");
        let opt = match (k.as_str(), v) {
            ("maxAge", Value::Null) => CookieOpt::MaxAge(None),
            ("maxAge", v) => CookieOpt::MaxAge(Some(finite_number(v, &path)?)),
            ("expires", Value::Null) => CookieOpt::Expires(None),
            ("expires", Value::String(s)) => {
                let d = JsDate::parse(s);
                if !d.is_valid() {
                    return Err(err(&path, OptionProblem::NotADate));
                }
                CookieOpt::Expires(Some(d))
            }
            ("expires", _) => return Err(err(&path, OptionProblem::ExpiresType)),
            ("path", v) => CookieOpt::Path(string(v, &path)?),
            ("domain", v) => CookieOpt::Domain(string(v, &path)?),
            ("httpOnly", Value::Bool(b)) => CookieOpt::HttpOnly(*b),
            ("partitioned", Value::Bool(b)) => CookieOpt::Partitioned(*b),
            ("secure", Value::Bool(b)) => CookieOpt::Secure(SecureOption::Bool(*b)),
            ("secure", Value::String(s)) if s == "auto" => CookieOpt::Secure(SecureOption::Auto),
            ("secure", _) => return Err(err(&path, OptionProblem::SecureValue)),
            ("sameSite", Value::Bool(b)) => {
                CookieOpt::SameSite(SameSiteOptionValue::Value(SameSiteValue::Bool(*b)))
            }
            ("sameSite", Value::String(s)) if s == "auto" => {
                CookieOpt::SameSite(SameSiteOptionValue::Auto)
            }
            ("sameSite", v @ Value::String(_)) => CookieOpt::SameSite(SameSiteOptionValue::Value(
                SameSiteValue::Str(string(v, &path)?),
            )),
            ("sameSite", _) => return Err(err(&path, OptionProblem::SameSiteValue)),
            ("priority", v) => CookieOpt::Priority(string(v, &path)?),
            ("httpOnly" | "partitioned", _) => return Err(err(&path, OptionProblem::NotBool)),
            _ => return Err(err(&path, OptionProblem::NotCookieOption)),
        };
        out.push(opt);
    }
    Ok(CookieOptions(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn merge_nulls_remove_and_cookie_merges() {
        let base =
            obj(json!({"secret": "zfpx", "resave": true, "cookie": {"path": "/", "maxAge": 5}}));
        let m = merge(
            &base,
            &obj(json!({"resave": null, "cookie": {"maxAge": null, "httpOnly": false}})),
        );
        assert_eq!(
            Value::Object(m),
            json!({"secret": "zfpx", "cookie": {"path": "/", "maxAge": null, "httpOnly": false}})
        );
    }

    #[test]
    fn defaults_and_warnings() {
        let o = SessionOptions::from_json(&Map::new()).unwrap();
        assert_eq!(o.name, "connect.sid");
        assert!(o.resave() && o.save_uninitialized() && !o.rolling);
        assert_eq!(o.startup_warnings().len(), 4);
        let o = SessionOptions::from_json(&obj(
            json!({"name": "", "key": "sid", "secret": ["a", "b"]}),
        ))
        .unwrap();
        assert_eq!(o.name, "sid");
        assert_eq!(o.secret.unwrap(), ["a", "b"]);
    }

    #[test]
    fn rejections_name_the_path() {
        let e = |v: Value| SessionOptions::from_json(&obj(v)).unwrap_err();
        assert_eq!(e(json!({"secret": []})).path, "options.secret");
        assert_eq!(
            e(json!({"unset": "bogus"})).problem,
            OptionProblem::UnsetValue
        );
        assert_eq!(
            e(json!({"unset": "bogus"})).to_string(),
            "options.unset: TypeError: unset option must be \"destroy\" or \"keep\""
        );
        assert_eq!(
            e(json!({"cookie": {"maxAge": "60"}})).path,
            "options.cookie.maxAge"
        );
        assert_eq!(
            e(json!({"cookie": {"secure": "yes"}})).path,
            "options.cookie.secure"
        );
        assert_eq!(e(json!({"resave": 1})).path, "options.resave");
        assert_eq!(e(json!({"genid": 1})).path, "options.genid");
        assert_eq!(
            e(json!({"cookie": {"expires": "soon"}})).path,
            "options.cookie.expires"
        );
    }
}
