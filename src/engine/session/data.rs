//! `req.session`: the cookie plus the application's data, in JavaScript property order.

use super::cookie::SessionCookie;
use crate::engine::js::{
    is_array_index, is_one_of, order_like_js, same_str, OBJECT_PROTOTYPE_KEYS,
};
use crate::engine::json;
use crate::engine::json::{Map, Value};

/// The session's properties in the order they were added, each name once. A session has a
/// handful, so a list searched from the front beats a hash map: an `IndexMap` insert cost a
/// returning visitor's request about 390 instructions, and its table one more allocation.
#[derive(Clone, Debug, Default, PartialEq)]
struct Props(Vec<(String, Slot)>);

impl Props {
    fn get(&self, key: &str) -> Option<&Slot> {
        self.0
            .iter()
            .find(|(k, _)| same_str(k, key))
            .map(|(_, s)| s)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Slot> {
        self.0
            .iter_mut()
            .find(|(k, _)| same_str(k, key))
            .map(|(_, s)| s)
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &Slot)> {
        self.0.iter().map(|(k, s)| (k, s))
    }
}

/// One property of the session object.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    /// Where `cookie` sits among the properties.
    Cookie,
    /// A JSON value.
    Value(Value),
    /// A property set to `undefined` (present, but left out of JSON).
    Undefined,
}

/// Names a stored session cannot bring back: `Session`'s own properties and methods and
/// everything inherited from `Object.prototype` (`if (!(prop in this))` in `session.js`).
const RESERVED: [&str; 8] = [
    "req",
    "id",
    "touch",
    "resetMaxAge",
    "save",
    "reload",
    "destroy",
    "regenerate",
];

/// `req.session`: its id, its cookie and the application's properties, in JavaScript order.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// `req.session.id` (fixed when the session object is made).
    pub id: String,
    /// `req.session.cookie`: the settings the next `Set-Cookie` is written from.
    pub cookie: SessionCookie,
    props: Props,
}

/// Why a stored session could not be turned back into a session (express answers 500).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError(pub String);

impl Session {
    /// A brand-new session (`new Session(req)` then `.cookie = new Cookie(...)`).
    pub fn new(id: String, cookie: SessionCookie) -> Session {
        let props = Props(vec![("cookie".into(), Slot::Cookie)]);
        Session { id, cookie, props }
    }

    /// `store.createSession(req, sess)` for a value the store returned.
    pub fn from_stored(id: String, stored: Value) -> Result<Session, LoadError> {
        let Value::Object(map) = stored else {
            return Err(LoadError(
                "Cannot read properties of undefined (reading 'expires')".into(),
            ));
        };
        let cookie_json = map.get("cookie").ok_or_else(|| {
            LoadError("Cannot read properties of undefined (reading 'expires')".into())
        })?;
        let cookie = SessionCookie::from_stored(cookie_json).map_err(LoadError)?;
        // the parsed values move into the session (it runs on every returning request)
        Ok(Session::from_members(id, cookie, map.into_iter().collect()))
    }

    /// [`Session::from_stored`] straight from a store's JSON text, for the shape nearly every
    /// stored session has (see [`json::parse_flat`]); `None` for any other text, which the
    /// caller parses and gives to [`Session::from_stored`]. What this returns is what that
    /// would (a test compares the two).
    pub fn from_stored_text(id: &str, text: &str) -> Option<Result<Session, LoadError>> {
        let mut members = json::parse_flat(text)?;
        // a missing or non-object cookie is an error the general path words
        let cookie = match members.iter_mut().find(|(k, _)| same_str(k, "cookie")) {
            Some((_, json::Flat::Object(fields))) => std::mem::take(fields),
            _ => return None,
        };
        let cookie = match SessionCookie::from_members(|k| {
            cookie.iter().find(|(n, _)| same_str(n, k)).map(|(_, v)| v)
        }) {
            Ok(c) => c,
            Err(e) => return Some(Err(LoadError(e))),
        };
        // `cookie` keeps its place; its value, taken above, is not read again
        let entries = members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_value()))
            .collect();
        Some(Ok(Session::from_members(id.to_string(), cookie, entries)))
    }

    /// The session made of a stored cookie and the stored object's members (`cookie` among
    /// them, for its place), leaving out the names a session cannot take back.
    fn from_members(
        id: String,
        cookie: SessionCookie,
        mut entries: Vec<(String, Value)>,
    ) -> Session {
        order_like_js(&mut entries, |(k, _)| k.as_str());
        // the members' names are distinct already (JSON.parse keeps one of each)
        let mut props = Props(Vec::with_capacity(entries.len()));
        for (key, value) in entries {
            if is_one_of(&key, &RESERVED) || is_one_of(&key, &OBJECT_PROTOTYPE_KEYS) {
                continue;
            }
            let slot = if same_str(&key, "cookie") {
                Slot::Cookie
            } else {
                Slot::Value(value)
            };
            props.0.push((key, slot));
        }
        Session { id, cookie, props }
    }

    /// `req.session[key]`; `None` is `undefined`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self.props.get(key) {
            Some(Slot::Value(v)) => Some(v),
            _ => None,
        }
    }

    /// `req.session[key] = value` (`None` assigns `undefined`).
    pub fn set(&mut self, key: &str, value: Option<Value>) {
        let slot = value.map_or(Slot::Undefined, Slot::Value);
        match self.props.get_mut(key) {
            Some(s) => *s = slot,
            None => self.props.0.push((key.to_string(), slot)),
        }
    }

    /// The data properties (not the cookie), as JSON would list them.
    pub fn data(&self) -> Map<String, Value> {
        let mut m = Map::new();
        self.each_in_js_order(|key, slot| {
            if let Slot::Value(v) = slot {
                m.insert(key.to_string(), v.clone());
            }
        });
        m
    }

    /// `JSON.stringify(req.session)`: what MemoryStore keeps.
    pub fn to_json_string(&self) -> String {
        self.write_json(true)
    }

    /// What express-session hashes to detect a change: the JSON without the top-level
    /// `cookie` (it compares SHA-1 digests; comparing the strings decides the same).
    pub fn fingerprint(&self) -> String {
        self.write_json(false)
    }

    /// Writes the JSON text directly (this runs several times per request, so it avoids
    /// building an intermediate map).
    fn write_json(&self, with_cookie: bool) -> String {
        let mut out = String::with_capacity(160);
        out.push('{');
        let mut first = true;
        self.each_in_js_order(|key, slot| {
            if matches!(slot, Slot::Undefined) || (matches!(slot, Slot::Cookie) && !with_cookie) {
                return;
            }
            json::write_member_name(&mut out, key, first);
            first = false;
            match slot {
                Slot::Cookie => self.cookie.write_json(&mut out),
                Slot::Value(v) => json::write_to(&mut out, v),
                Slot::Undefined => {}
            }
        });
        out.push('}');
        out
    }

    /// Calls `f` for each own property, `cookie` included, in the order JavaScript enumerates
    /// them (without a list of keys or a lookup per key in the usual case: no array-index
    /// keys).
    pub fn each_in_js_order(&self, mut f: impl FnMut(&str, &Slot)) {
        if self.props.keys().any(|k| is_array_index(k)) {
            let mut all: Vec<(&String, &Slot)> = self.props.iter().collect();
            order_like_js(&mut all, |(k, _)| k.as_str());
            all.into_iter().for_each(|(k, slot)| f(k, slot));
        } else {
            self.props.iter().for_each(|(k, slot)| f(k, slot));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;

    #[test]
    fn json_order_undefined_and_fingerprint() {
        let mut s = Session::new("sid".into(), SessionCookie::defaults());
        let before = s.fingerprint();
        s.set("username", None);
        assert_eq!(s.fingerprint(), before, "undefined is invisible to JSON");
        s.set("views", Some(json!(1)));
        s.set("username", Some(json!("alice")));
        assert_eq!(
            s.to_json_string(),
            r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"},"username":"alice","views":1}"#
        );
        // changing only the cookie is not a modification
        let fp = s.fingerprint();
        s.cookie.secure = Some(true);
        assert_eq!(s.fingerprint(), fp);
        // a nested `cookie` is data
        s.set("user", Some(json!({"cookie": 1})));
        assert_ne!(s.fingerprint(), fp);
    }

    #[test]
    fn load_keeps_order_and_drops_reserved() {
        let stored = json!({"a": 1, "cookie": {"originalMaxAge": null, "expires": null, "httpOnly": true, "path": "/"}, "save": 2, "constructor": 3, "2": "x"});
        let s = Session::from_stored("id".into(), stored).unwrap();
        assert_eq!(
            s.to_json_string(),
            r#"{"2":"x","a":1,"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"}}"#
        );
        assert!(Session::from_stored("id".into(), json!({"foo": "bar"})).is_err());
        assert!(Session::from_stored("id".into(), json!(5)).is_err());
    }

    #[test]
    fn stored_text_is_read_straight_into_the_session() {
        let text = r#"{"2":"x","cookie":{"originalMaxAge":60000,"expires":"2023-11-14T22:14:20.000Z","httpOnly":true,"path":"/"},"views":3,"save":1,"user":{"name":"a","2":true}}"#;
        let fast = Session::from_stored_text("id", text).expect("the usual shape");
        let slow = Session::from_stored("id".into(), json::parse(text).unwrap());
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        assert_eq!(
            fast.unwrap().to_json_string(),
            slow.unwrap().to_json_string()
        );
        // a wrongly typed member is refused with the general path's reason
        let bad = r#"{"cookie":{"secure":"yes"}}"#;
        assert_eq!(
            Session::from_stored_text("id", bad),
            Some(Session::from_stored("id".into(), json::parse(bad).unwrap()))
        );
        // no cookie, or one that is not an object: the general path words the error
        for other in [r#"{"a":1}"#, r#"{"cookie":1}"#, r#"{"cookie":{"a":[]}}"#] {
            assert_eq!(Session::from_stored_text("id", other), None, "{other}");
        }
    }

    fn cookie_member() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let name = prop::sample::select(vec![
            "originalMaxAge",
            "expires",
            "httpOnly",
            "path",
            "secure",
            "domain",
            "sameSite",
            "priority",
            "partitioned",
            "maxAge",
            "x",
        ]);
        let value = prop::sample::select(vec![
            "null",
            "true",
            "false",
            "0",
            "60000",
            "-5",
            "\"/\"",
            "\"lax\"",
            "\"\"",
            "\"2023-11-14T22:14:20.000Z\"",
            "\"not a date\"",
            "1.5",
            "{}",
        ]);
        (name, value).prop_map(|(n, v)| format!("\"{n}\":{v}"))
    }

    fn session_member() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let cookie = proptest::collection::vec(cookie_member(), 0..6)
            .prop_map(|m| format!("\"cookie\":{{{}}}", m.join(",")));
        let name = prop::sample::select(vec!["views", "2", "save", "toString", "user", "cookie"]);
        let value = prop::sample::select(vec![
            "1",
            "\"x\"",
            "null",
            "{\"a\":1,\"0\":2}",
            "{}",
            "[1]",
            "-0",
        ]);
        prop_oneof![
            2 => cookie,
            3 => (name, value).prop_map(|(n, v)| format!("\"{n}\":{v}")),
        ]
    }

    proptest::proptest! {
        /// Read straight from the text, a session is what parsing and `from_stored` make.
        #[test]
        fn from_stored_text_agrees_with_from_stored(
            members in proptest::collection::vec(session_member(), 0..6),
        ) {
            let text = format!("{{{}}}", members.join(","));
            if let Some(fast) = Session::from_stored_text("id", &text) {
                let slow = Session::from_stored("id".into(), json::parse(&text).unwrap());
                // compared as printed: an invalid date is NaN, which `==` never matches
                proptest::prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
            }
        }
    }
}
