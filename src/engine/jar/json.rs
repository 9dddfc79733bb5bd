//! The one JSON shape of a cookie: the object the Cookie-Editor and EditThisCookie browser
//! extensions export and import (shaped like `chrome.cookies.Cookie`), optionally with the
//! lab's own extras (priority, partitioned, creation and last-access times) for the page's
//! saved state.
//!
//! | key | meaning |
//! |---|---|
//! | `domain` | the domain, with a leading dot when the cookie is not host-only |
//! | `expirationDate` | seconds since the epoch, possibly fractional; absent for a session cookie |
//! | `hostOnly`, `httpOnly`, `secure`, `session` | booleans |
//! | `name`, `value`, `path` | strings (a number is read as a value too) |
//! | `sameSite` | `strict`, `lax`, `no_restriction` or `unspecified` |
//! | `storeId` | always written as `null`, never read |
//! | `priority`, `partitioned` | the lab's extras: Chrome's priority label, and CHIPS |
//! | `created`, `lastAccess` | the lab's extras: milliseconds since the epoch |
//!
//! Reading never panics: anything wrong is a [`JsonError`] naming the key and the problem.

use super::cookie::{
    check_name_value, check_path, parse_domain, parse_host, Cookie, Invalid, Persistence, SameSite,
};
use super::Limits;
use crate::engine::clock::{Millis, MAX_TIME};
use crate::engine::json::{Map, Value};

/// Which keys are written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// What Cookie-Editor exports: its eleven keys. Reading leaves the extras at their
    /// defaults (priority `Medium`, not partitioned, created and accessed now).
    CookieEditor,
    /// Cookie-Editor's keys and the lab's extras, for the saved state.
    WithLabExtras,
}

/// A key of the JSON object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonField {
    /// `name`: a string, required.
    Name,
    /// `value`: a string (a number is read as its text), required.
    Value,
    /// `domain`: a leading dot marks a domain cookie; absent means the default host.
    Domain,
    /// `hostOnly`: overrides what the domain's dot says.
    HostOnly,
    /// `path`: default `/`.
    Path,
    /// `secure`: default `false`.
    Secure,
    /// `httpOnly`: default `false`.
    HttpOnly,
    /// `sameSite`: `strict`, `lax`, `no_restriction` or `unspecified`.
    SameSite,
    /// `session`: `true` makes a session cookie whatever `expirationDate` says.
    Session,
    /// `expirationDate`: seconds since the epoch, possibly fractional; absent for a session
    /// cookie.
    ExpirationDate,
    /// `priority` (lab extra).
    Priority,
    /// `partitioned` (lab extra).
    Partitioned,
    /// `created` (lab extra).
    Created,
    /// `lastAccess` (lab extra).
    LastAccess,
}

impl JsonField {
    /// The key as written in the JSON.
    pub fn key(self) -> &'static str {
        match self {
            JsonField::Name => "name",
            JsonField::Value => "value",
            JsonField::Domain => "domain",
            JsonField::HostOnly => "hostOnly",
            JsonField::Path => "path",
            JsonField::Secure => "secure",
            JsonField::HttpOnly => "httpOnly",
            JsonField::SameSite => "sameSite",
            JsonField::Session => "session",
            JsonField::ExpirationDate => "expirationDate",
            JsonField::Priority => "priority",
            JsonField::Partitioned => "partitioned",
            JsonField::Created => "created",
            JsonField::LastAccess => "lastAccess",
        }
    }
}

/// What is wrong with a JSON cookie (or one of its keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonProblem {
    /// The item is not an object.
    NotAnObject,
    /// A required key is absent (or `null`).
    Missing,
    /// The `domain` key is absent and the default host is not a valid domain.
    NoDefaultHost,
    /// Not a string.
    ExpectedString,
    /// Not a boolean.
    ExpectedBoolean,
    /// Not a number.
    ExpectedNumber,
    /// A number outside what a JavaScript date (or the lab's clock) can hold.
    OutOfRange,
    /// A `sameSite` that is none of the codes or labels (Chrome's `cookies.set` refuses it too).
    UnknownSameSite,
    /// The cookie breaks a rule of cookies given by hand.
    Invalid(Invalid),
}

/// Why a JSON cookie could not be read: the key at fault (`None`: the object as a whole) and
/// the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// The key at fault; `None` when it is the object as a whole.
    pub field: Option<JsonField>,
    /// What is wrong with it.
    pub problem: JsonProblem,
}

/// `sameSite` as Cookie-Editor writes it.
fn same_site_code(s: SameSite) -> &'static str {
    match s {
        SameSite::Strict => "strict",
        SameSite::Lax => "lax",
        SameSite::None => "no_restriction",
        SameSite::Unspecified => "unspecified",
    }
}

/// `sameSite` as read: the codes above, or a DevTools label (`Strict`, `None`, ...), in any
/// case, or empty (DevTools' blank for unspecified); anything else is `None`.
fn same_site_from_code(s: &str) -> Option<SameSite> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("no_restriction") {
        Some(SameSite::None)
    } else if s.is_empty() || s.eq_ignore_ascii_case("unspecified") {
        Some(SameSite::Unspecified)
    } else {
        Some(SameSite::from_label(s)).filter(|&v| v != SameSite::Unspecified)
    }
}

/// Milliseconds as `expirationDate` seconds: a whole number when it is one.
fn seconds(ms: Millis) -> Value {
    if ms % 1000 == 0 {
        Value::from(ms / 1000)
    } else {
        Value::from(ms as f64 / 1000.0)
    }
}

/// Seconds since the epoch (possibly fractional) to milliseconds, within JavaScript's range.
/// The whole and fractional parts are converted apart, so any millisecond time written by
/// [`seconds`] reads back exactly.
fn secs_to_ms(secs: f64) -> Option<Millis> {
    if !secs.is_finite() || secs.abs() > MAX_TIME / 1000.0 {
        return None;
    }
    let whole = secs.trunc();
    let ms = whole as Millis * 1000 + ((secs - whole) * 1000.0).round() as Millis;
    (ms.unsigned_abs() <= MAX_TIME as u64).then_some(ms)
}

/// A cookie as a JSON object, keys in Cookie-Editor's (alphabetical) order, then the extras.
pub fn to_json(c: &Cookie, shape: Shape) -> Value {
    let mut m = Map::new();
    m.insert("domain".into(), c.domain_shown().into());
    if let Persistence::Until(ms) = c.persistence {
        m.insert("expirationDate".into(), seconds(ms));
    }
    m.insert("hostOnly".into(), c.host_only.into());
    m.insert("httpOnly".into(), c.http_only.into());
    m.insert("name".into(), c.name.clone().into());
    m.insert("path".into(), c.path.clone().into());
    m.insert("sameSite".into(), same_site_code(c.same_site).into());
    m.insert("secure".into(), c.secure.into());
    m.insert(
        "session".into(),
        (c.persistence == Persistence::Session).into(),
    );
    m.insert("storeId".into(), Value::Null);
    m.insert("value".into(), c.value.clone().into());
    if shape == Shape::WithLabExtras {
        m.insert("priority".into(), c.priority.clone().into());
        m.insert("partitioned".into(), c.partitioned.into());
        m.insert("created".into(), c.created.into());
        m.insert("lastAccess".into(), c.last_access.into());
    }
    Value::Object(m)
}

/// A field reader over one object; `null` counts as absent.
struct Obj<'a>(&'a Map<String, Value>);

fn err(field: JsonField, problem: JsonProblem) -> JsonError {
    JsonError {
        field: Some(field),
        problem,
    }
}

impl<'a> Obj<'a> {
    fn get(&self, f: JsonField) -> Option<&'a Value> {
        self.0.get(f.key()).filter(|v| !v.is_null())
    }
    fn string(&self, f: JsonField) -> Result<Option<&'a str>, JsonError> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(err(f, JsonProblem::ExpectedString)),
        }
    }
    fn boolean(&self, f: JsonField) -> Result<Option<bool>, JsonError> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(err(f, JsonProblem::ExpectedBoolean)),
        }
    }
    fn number(&self, f: JsonField) -> Result<Option<f64>, JsonError> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_f64()
                .map(Some)
                .ok_or(err(f, JsonProblem::ExpectedNumber)),
            Some(_) => Err(err(f, JsonProblem::ExpectedNumber)),
        }
    }
    /// Whole milliseconds (the lab's times), within a JavaScript date's range.
    fn millis(&self, f: JsonField) -> Result<Option<Millis>, JsonError> {
        match self.get(f) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .filter(|ms| ms.unsigned_abs() <= MAX_TIME as u64)
                .map(Some)
                .ok_or(err(f, JsonProblem::OutOfRange)),
            Some(_) => Err(err(f, JsonProblem::ExpectedNumber)),
        }
    }
}

/// The validator's verdict, blamed on its key (`None` for the cookie as a whole).
fn invalid(i: Invalid) -> JsonError {
    use super::cookie::Field;
    JsonError {
        field: i.field().map(|f| match f {
            Field::Name => JsonField::Name,
            Field::Value => JsonField::Value,
            Field::Domain => JsonField::Domain,
            // the validator only blames these four
            _ => JsonField::Path,
        }),
        problem: JsonProblem::Invalid(i),
    }
}

/// Reads one JSON cookie. `name` and `value` are required; without `domain` the cookie is
/// host-only on `default_host` (an error if that is not a valid domain); a leading dot makes
/// it a domain cookie unless `hostOnly` says otherwise; `path` defaults to `/`; `session:
/// true` or no `expirationDate` is a session cookie. With [`Shape::CookieEditor`] the extras
/// are not read: priority `Medium`, not partitioned, created and accessed at `now`; with
/// [`Shape::WithLabExtras`] they are read when present, with the same defaults. Every rule of
/// a cookie given by hand applies (see [`super::check_name_value`]).
pub fn from_json(
    item: &Value,
    shape: Shape,
    default_host: &str,
    now: Millis,
    limits: &Limits,
) -> Result<Cookie, JsonError> {
    use JsonField as F;
    let Value::Object(map) = item else {
        return Err(JsonError {
            field: None,
            problem: JsonProblem::NotAnObject,
        });
    };
    let o = Obj(map);
    let name = o
        .string(F::Name)?
        .ok_or(err(F::Name, JsonProblem::Missing))?
        .to_string();
    let value = match o.get(F::Value) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(err(F::Value, JsonProblem::ExpectedString)),
        None => return Err(err(F::Value, JsonProblem::Missing)),
    };
    check_name_value(&name, &value, limits).map_err(invalid)?;
    let (domain, dotted) = match o.string(F::Domain)? {
        Some(d) => parse_domain(d).map_err(invalid)?,
        None => (
            parse_host(default_host).map_err(|_| err(F::Domain, JsonProblem::NoDefaultHost))?,
            false,
        ),
    };
    let host_only = o.boolean(F::HostOnly)?.unwrap_or(!dotted);
    let path = o.string(F::Path)?.unwrap_or("/").to_string();
    check_path(&path).map_err(invalid)?;
    let secure = o.boolean(F::Secure)?.unwrap_or(false);
    let http_only = o.boolean(F::HttpOnly)?.unwrap_or(false);
    let same_site = match o.string(F::SameSite)? {
        None => SameSite::Unspecified,
        Some(code) => {
            same_site_from_code(code).ok_or(err(F::SameSite, JsonProblem::UnknownSameSite))?
        }
    };
    let session = o.boolean(F::Session)?;
    let expires = o.number(F::ExpirationDate)?;
    let persistence = match (session, expires) {
        (Some(true), _) | (_, None) => Persistence::Session,
        (_, Some(secs)) => Persistence::Until(
            secs_to_ms(secs).ok_or(err(F::ExpirationDate, JsonProblem::OutOfRange))?,
        ),
    };
    let mut c = Cookie {
        host_only,
        path,
        persistence,
        secure,
        http_only,
        same_site,
        ..Cookie::by_hand(&name, &value, &domain, now)
    };
    if shape == Shape::WithLabExtras {
        if let Some(p) = o.string(F::Priority)? {
            c.priority = p.to_string();
        }
        c.partitioned = o.boolean(F::Partitioned)?.unwrap_or(false);
        c.created = o.millis(F::Created)?.unwrap_or(now);
        c.last_access = o.millis(F::LastAccess)?.unwrap_or(now);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;

    const NOW: Millis = 1_700_000_000_000;

    fn read(v: Value, shape: Shape) -> Result<Cookie, JsonError> {
        from_json(&v, shape, "localhost", NOW, &Limits::default())
    }

    fn lab_cookie() -> Cookie {
        Cookie {
            host_only: false,
            path: "/shop".into(),
            persistence: Persistence::Until(1_735_689_600_250),
            secure: true,
            http_only: true,
            same_site: SameSite::None,
            partitioned: true,
            priority: "High".into(),
            created: 5,
            last_access: 7,
            ..Cookie::by_hand("cart", "3 items", "example.com", NOW)
        }
    }

    #[test]
    fn cookie_editor_shape_has_no_extras() {
        let c = lab_cookie();
        let v = to_json(&c, Shape::CookieEditor);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "domain",
                "expirationDate",
                "hostOnly",
                "httpOnly",
                "name",
                "path",
                "sameSite",
                "secure",
                "session",
                "storeId",
                "value"
            ]
        );
        assert_eq!(v["domain"], ".example.com");
        assert_eq!(v["expirationDate"], 1_735_689_600.25);
        // the extras are neither written nor read
        let back = read(v, Shape::CookieEditor).unwrap();
        assert_eq!(
            back,
            Cookie {
                partitioned: false,
                priority: "Medium".into(),
                created: NOW,
                last_access: NOW,
                ..c.clone()
            }
        );
        let mut with = to_json(&c, Shape::WithLabExtras);
        assert_eq!(
            with.as_object()
                .unwrap()
                .keys()
                .skip(11)
                .collect::<Vec<_>>(),
            ["priority", "partitioned", "created", "lastAccess"]
        );
        assert_eq!(read(with.clone(), Shape::WithLabExtras).unwrap(), c);
        with["priority"] = json!(1);
        assert_eq!(
            read(with.clone(), Shape::CookieEditor).unwrap().priority,
            "Medium"
        );
    }

    #[test]
    fn extras_are_typed_and_default() {
        let base = json!({"name": "a", "value": "1"});
        let c = read(base.clone(), Shape::WithLabExtras).unwrap();
        assert_eq!(
            (c.priority.as_str(), c.partitioned, c.created, c.last_access),
            ("Medium", false, NOW, NOW)
        );
        let with = |k: &str, v: Value| {
            let mut o = base.clone();
            o[k] = v;
            read(o, Shape::WithLabExtras)
        };
        let e = |f, p| {
            Err(JsonError {
                field: Some(f),
                problem: p,
            })
        };
        use JsonProblem::*;
        assert_eq!(
            with("priority", json!(true)),
            e(JsonField::Priority, ExpectedString)
        );
        assert_eq!(
            with("partitioned", json!("no")),
            e(JsonField::Partitioned, ExpectedBoolean)
        );
        assert_eq!(
            with("created", json!("x")),
            e(JsonField::Created, ExpectedNumber)
        );
        assert_eq!(
            with("created", json!(1.5)),
            e(JsonField::Created, OutOfRange)
        );
        assert_eq!(
            with("lastAccess", json!(1e300)),
            e(JsonField::LastAccess, OutOfRange)
        );
        assert_eq!(with("lastAccess", json!(-3)).unwrap().last_access, -3);
    }

    #[test]
    fn errors_name_the_key() {
        use JsonProblem::*;
        let e = |f: Option<JsonField>, p| {
            Err(JsonError {
                field: f,
                problem: p,
            })
        };
        let r = |v: Value| read(v, Shape::CookieEditor);
        assert_eq!(r(json!(1)), e(None, NotAnObject));
        assert_eq!(r(json!({"value": "1"})), e(Some(JsonField::Name), Missing));
        assert_eq!(
            r(json!({"name": "a", "value": "x\u{1}"})),
            e(
                Some(JsonField::Value),
                Invalid(super::Invalid::Value(
                    super::super::BadText::ControlCharacter
                ))
            )
        );
        assert_eq!(
            r(json!({"name": "", "value": ""})),
            e(None, Invalid(super::Invalid::Empty))
        );
        assert_eq!(
            r(json!({"name": "a", "value": "1", "path": "x"})),
            e(
                Some(JsonField::Path),
                Invalid(super::Invalid::Path(super::super::BadPath::NotAbsolute))
            )
        );
        assert_eq!(
            from_json(
                &json!({"name": "a", "value": "1"}),
                Shape::CookieEditor,
                "",
                NOW,
                &Limits::default()
            ),
            e(Some(JsonField::Domain), NoDefaultHost)
        );
        // a tab is a character a browser accepts in a value
        assert_eq!(
            r(json!({"name": "a", "value": "x\ty"})).unwrap().value,
            "x\ty"
        );
    }

    #[test]
    fn seconds_round_trip() {
        for ms in [
            0,
            1,
            -1,
            999,
            1_735_689_600_250,
            -8_640_000_000_000_000,
            8_640_000_000_000_000,
        ] {
            let s = seconds(ms).as_f64().unwrap();
            assert_eq!(secs_to_ms(s), Some(ms), "{ms}");
        }
        assert_eq!(secs_to_ms(f64::NAN), None);
        assert_eq!(secs_to_ms(8.64e12 + 1.0), None);
    }

    fn arb_cookie() -> impl proptest::strategy::Strategy<Value = Cookie> {
        use proptest::prelude::*;
        (
            (
                "[A-Za-z0-9_.\t-]{1,8}",
                "[ -:<-~\t]{0,12}",
                "[a-z]{1,6}(\\.[a-z]{2,4}){0,2}",
                any::<bool>(),
                "/[a-z/\t]{0,6}",
                proptest::option::of(-8_640_000_000_000_000i64..=8_640_000_000_000_000),
            ),
            (
                any::<bool>(),
                any::<bool>(),
                0..4usize,
                any::<bool>(),
                "\\PC{0,8}",
                -8_640_000_000_000_000i64..=8_640_000_000_000_000,
                -8_640_000_000_000_000i64..=8_640_000_000_000_000,
            ),
        )
            .prop_map(
                |(
                    (name, value, domain, host_only, path, exp),
                    (secure, http_only, ss, partitioned, priority, created, last_access),
                )| Cookie {
                    host_only,
                    path,
                    persistence: exp.map_or(Persistence::Session, Persistence::Until),
                    secure,
                    http_only,
                    same_site: [
                        SameSite::Strict,
                        SameSite::Lax,
                        SameSite::None,
                        SameSite::Unspecified,
                    ][ss],
                    partitioned,
                    priority,
                    created,
                    last_access,
                    ..Cookie::by_hand(&name, &value, &domain, 0)
                },
            )
    }

    proptest::proptest! {
        #[test]
        fn round_trip_with_lab_extras(c in arb_cookie()) {
            let text = crate::engine::json::stringify(&to_json(&c, Shape::WithLabExtras));
            let v: Value = crate::engine::json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(read(v, Shape::WithLabExtras).unwrap(), c.clone());
            // Cookie-Editor's shape keeps everything but the extras
            let v = to_json(&c, Shape::CookieEditor);
            let back = read(v, Shape::CookieEditor).unwrap();
            proptest::prop_assert_eq!(back, Cookie {
                partitioned: false,
                priority: "Medium".into(),
                created: NOW,
                last_access: NOW,
                ..c
            });
        }

        #[test]
        fn never_panics(
            key in "(name|value|domain|path|secure|httpOnly|hostOnly|sameSite|session|expirationDate|priority|partitioned|created|lastAccess)",
            val in "(null|true|false|-?[0-9]{1,30}(\\.[0-9]{1,5})?(e[0-9]{1,3})?|\"[ -~]{0,8}\"|\\[\\]|\\{\\})",
        ) {
            let text = format!(r#"{{"name":"n","value":"v","{key}":{val}}}"#);
            // (a generated string may hold a quote: not every text is JSON)
            let Ok(v) = crate::engine::json::from_str(&text) else {
                return Ok(());
            };
            for shape in [Shape::CookieEditor, Shape::WithLabExtras] {
                let _ = read(v.clone(), shape);
            }
        }
    }
}
