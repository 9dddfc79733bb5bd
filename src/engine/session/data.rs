//! `req.session`: the cookie plus the application's data, in JavaScript property order.

use super::cookie::SessionCookie;
use crate::engine::js::{is_array_index, order_like_js, OBJECT_PROTOTYPE_KEYS};
use crate::engine::json;
use indexmap::IndexMap;

/// A fast hasher for the session's few property names (no untrusted flooding concern:
/// the lab runs one learner's data).
type Props = IndexMap<String, Slot, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>;
use serde_json::{Map, Value};

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
        let mut props = Props::default();
        props.insert("cookie".into(), Slot::Cookie);
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
        let mut entries: Vec<(String, Value)> = map.into_iter().collect();
        order_like_js(&mut entries, |(k, _)| k.as_str());
        let mut props = Props::with_capacity_and_hasher(entries.len(), Default::default());
        for (key, value) in entries {
            if RESERVED.contains(&key.as_str()) || OBJECT_PROTOTYPE_KEYS.contains(&key.as_str()) {
                continue;
            }
            let slot = if key == "cookie" {
                Slot::Cookie
            } else {
                Slot::Value(value)
            };
            props.insert(key, slot);
        }
        Ok(Session { id, cookie, props })
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
            None => {
                self.props.insert(key.to_string(), slot);
            }
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
            if !first {
                out.push(',');
            }
            first = false;
            json::write_quoted(&mut out, key);
            out.push(':');
            match slot {
                Slot::Cookie => self.cookie.write_json(&mut out),
                Slot::Value(v) => json::write_to(&mut out, v),
                Slot::Undefined => {}
            }
        });
        out.push('}');
        out
    }

    /// Calls `f` for each property in the order JavaScript enumerates them (without a list
    /// of keys or a lookup per key in the usual case: no array-index keys).
    fn each_in_js_order(&self, mut f: impl FnMut(&str, &Slot)) {
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
    use serde_json::json;

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
}
