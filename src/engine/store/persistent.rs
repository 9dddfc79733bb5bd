//! A store shaped like connect-mongo 6 (`src/lib/MongoStore.ts`) over a key-value backend:
//! documents `{_id, session, expires}` with `session` the JSON string, a 14-day TTL when the
//! cookie has no expiry, expired documents read as missing, and a TTL sweep like MongoDB's.

use super::ordered::OrderedMap;
use super::{SessionStore, StoreError, StoreResult, StoreRow};
use crate::engine::clock::{JsDate, Millis};
use crate::engine::json;
use crate::engine::json::{Map, Value};
use crate::engine::session::{Session, StoreKind};
use std::cell::RefCell;
use std::rc::Rc;

/// connect-mongo's default `ttl`: 14 days, in seconds.
pub const DEFAULT_TTL_SECONDS: i64 = 1_209_600;

/// Why the backend refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KvError {
    /// Out of space (e.g. localStorage's quota).
    QuotaExceeded,
}

impl std::fmt::Display for KvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KvError::QuotaExceeded => write!(f, "QuotaExceededError: storage is full"),
        }
    }
}

impl From<KvError> for StoreError {
    fn from(e: KvError) -> Self {
        StoreError::Backend(e.to_string())
    }
}

/// Where documents live: an ordered key-value map of strings. In memory here; the page puts
/// it in the browser's storage.
pub trait KvBackend {
    /// Reads a key.
    fn get(&self, key: &str) -> Result<Option<String>, KvError>;
    /// Writes a key (keeping its position if it exists).
    fn put(&mut self, key: &str, value: String) -> Result<(), KvError>;
    /// Deletes a key.
    fn delete(&mut self, key: &str) -> Result<(), KvError>;
    /// All keys, in insertion order.
    fn keys(&self) -> Result<Vec<String>, KvError>;
    /// Bytes of all values.
    fn total_bytes(&self) -> usize {
        self.keys()
            .unwrap_or_default()
            .iter()
            .filter_map(|k| self.get(k).ok().flatten())
            .map(|v| v.len())
            .sum()
    }
    /// Another writer (another tab) changed a key: forget what was cached for it.
    fn external_change(&mut self, _key: &str, _value: Option<String>) {}
}

/// A key-value backend shared between the Lab and whichever server is running, so the
/// "database" outlives restarts and reconfigurations.
#[derive(Clone)]
pub struct SharedKv(pub Rc<RefCell<Box<dyn KvBackend>>>);

impl SharedKv {
    /// Wraps a backend.
    pub fn new(backend: Box<dyn KvBackend>) -> SharedKv {
        SharedKv(Rc::new(RefCell::new(backend)))
    }
}

impl SharedKv {
    /// Deletes every document (a lesson starts with an empty database).
    pub fn clear(&mut self) {
        let keys = self.keys().unwrap_or_default();
        for k in keys {
            let _ = self.delete(&k);
        }
    }
}

impl KvBackend for SharedKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.0.borrow().get(key)
    }
    fn put(&mut self, key: &str, value: String) -> Result<(), KvError> {
        self.0.borrow_mut().put(key, value)
    }
    fn delete(&mut self, key: &str) -> Result<(), KvError> {
        self.0.borrow_mut().delete(key)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        self.0.borrow().keys()
    }
    fn total_bytes(&self) -> usize {
        self.0.borrow().total_bytes()
    }
    fn external_change(&mut self, key: &str, value: Option<String>) {
        self.0.borrow_mut().external_change(key, value);
    }
}

/// A [`KvBackend`] in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemoryKv {
    map: OrderedMap<String>,
}

impl KvBackend for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        Ok(self.map.get(key).cloned())
    }
    fn put(&mut self, key: &str, value: String) -> Result<(), KvError> {
        self.map.insert(key, value);
        Ok(())
    }
    fn delete(&mut self, key: &str) -> Result<(), KvError> {
        self.map.remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        Ok(self.map.keys().cloned().collect())
    }
    fn total_bytes(&self) -> usize {
        self.map.values().map(String::len).sum()
    }
}

/// A connect-mongo shaped store: one document per session (`_id`, the session's JSON text,
/// `expires`), kept across server restarts and swept once the clock passes `expires`.
pub struct PersistentStore {
    backend: Box<dyn KvBackend>,
    /// `ttl` in seconds, used when the cookie has no expiry.
    pub ttl_seconds: i64,
}

impl std::fmt::Debug for PersistentStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersistentStore")
            .field("ttl_seconds", &self.ttl_seconds)
            .finish()
    }
}

/// A document as stored.
struct Doc {
    session: Value,
    expires: Option<JsDate>,
}

impl PersistentStore {
    /// A store over `backend`.
    pub fn new(backend: Box<dyn KvBackend>) -> PersistentStore {
        PersistentStore {
            backend,
            ttl_seconds: DEFAULT_TTL_SECONDS,
        }
    }

    /// A store over a fresh in-memory backend.
    pub fn in_memory() -> PersistentStore {
        PersistentStore::new(Box::<MemoryKv>::default())
    }

    fn read(&self, sid: &str) -> StoreResult<Option<Doc>> {
        let Some(text) = self.backend.get(sid)? else {
            return Ok(None);
        };
        let corrupt = |message: String| StoreError::Corrupt {
            sid: sid.to_string(),
            message,
        };
        let v = json::parse(&text).map_err(corrupt)?;
        let session = v
            .get("session")
            .cloned()
            .ok_or_else(|| corrupt("document has no session".into()))?;
        let expires = match v.get("expires") {
            Some(Value::String(s)) => Some(JsDate::parse(s)),
            _ => None,
        };
        Ok(Some(Doc { session, expires }))
    }

    fn write(&mut self, sid: &str, session_text: &str, expires: JsDate) -> StoreResult<()> {
        let mut doc = Map::new();
        doc.insert("_id".into(), Value::String(sid.to_string()));
        doc.insert("session".into(), Value::String(session_text.to_string()));
        doc.insert(
            "expires".into(),
            expires.to_iso_string().map_or(Value::Null, Value::String),
        );
        self.backend
            .put(sid, json::stringify(&Value::Object(doc)))
            .map_err(StoreError::from)
    }

    /// `computeExpires`: the cookie's expiry, else now + ttl.
    fn compute_expires(&self, session: &Session, now: Millis) -> JsDate {
        match session.cookie.expires {
            Some(d) => d,
            None => JsDate::from_millis(now.saturating_add(self.ttl_seconds.saturating_mul(1000))),
        }
    }

    /// `findOne({_id, $or: [{expires: {$exists: false}}, {expires: {$gt: now}}]})`.
    fn live(doc: &Doc, now: Millis) -> bool {
        match doc.expires {
            None => false, // stored as null: neither missing nor greater than now
            Some(d) => d.is_valid() && d.0 > now as f64,
        }
    }

    /// Puts raw text under an id, as if the database were edited directly.
    pub fn put_raw(&mut self, sid: &str, text: &str) -> Result<(), KvError> {
        self.backend.put(sid, text.to_string())
    }
}

impl SessionStore for PersistentStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Persistent
    }

    fn get(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Value>> {
        match self.read(sid)? {
            Some(doc) if Self::live(&doc, now) => {
                let Value::String(text) = &doc.session else {
                    return Err(StoreError::Corrupt {
                        sid: sid.into(),
                        message: "session is not a string".into(),
                    });
                };
                json::parse(text)
                    .map(Some)
                    .map_err(|message| StoreError::Corrupt {
                        sid: sid.to_string(),
                        message,
                    })
            }
            _ => Ok(None),
        }
    }

    fn set(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()> {
        let expires = self.compute_expires(session, now);
        self.write(sid, &session.to_json_string(), expires)
    }

    fn destroy(&mut self, sid: &str) -> StoreResult<()> {
        self.backend.delete(sid).map_err(StoreError::from)
    }

    fn touch(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()> {
        // `$set: {expires}` only: the stored session string is left as it was.
        let Some(text) = self.backend.get(sid)? else {
            return Err(StoreError::TouchMissing(sid.to_string()));
        };
        let mut v = json::parse(&text).map_err(|message| StoreError::Corrupt {
            sid: sid.to_string(),
            message,
        })?;
        let expires = self.compute_expires(session, now);
        if let Value::Object(m) = &mut v {
            m.insert(
                "expires".into(),
                expires.to_iso_string().map_or(Value::Null, Value::String),
            );
        }
        self.backend
            .put(sid, json::stringify(&v))
            .map_err(StoreError::from)
    }

    fn all(&mut self, now: Millis) -> StoreResult<Vec<(String, Value)>> {
        let mut out = Vec::new();
        for k in self.backend.keys()? {
            if let Some(v) = self.get(&k, now)? {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    fn clear(&mut self) -> StoreResult<()> {
        for k in self.backend.keys()? {
            self.backend.delete(&k)?;
        }
        Ok(())
    }

    fn restart(&mut self) {
        // the database outlives the server process
    }

    fn tick(&mut self, now: Millis) -> Vec<String> {
        let mut removed = Vec::new();
        for k in self.backend.keys().unwrap_or_default() {
            // the monitor deletes `expires < now`; unreadable documents are left alone
            if let Ok(Some(Doc {
                expires: Some(d), ..
            })) = self.read(&k)
            {
                if d.is_valid() && d.0 < now as f64 && self.backend.delete(&k).is_ok() {
                    removed.push(k);
                }
            }
        }
        removed
    }

    fn rows(&self) -> Vec<StoreRow> {
        self.rows_page(0, usize::MAX)
    }

    fn rows_page(&self, start: usize, len: usize) -> Vec<StoreRow> {
        self.backend
            .keys()
            .unwrap_or_default()
            .into_iter()
            .skip(start)
            .take(len)
            .filter_map(|sid| self.rows_find(&sid))
            .collect()
    }

    fn rows_find(&self, sid: &str) -> Option<StoreRow> {
        let text = self.backend.get(sid).ok().flatten()?;
        let held = json::parse(&text).unwrap_or(Value::String(text));
        let session_json = held
            .get("session")
            .and_then(Value::as_str)
            .map(str::to_string);
        let expires = held
            .get("expires")
            .and_then(Value::as_str)
            .and_then(|s| JsDate::parse(s).millis());
        Some(StoreRow {
            sid: sid.to_string(),
            held,
            session_json,
            expires,
        })
    }

    fn len_raw(&self) -> usize {
        self.backend.keys().map_or(0, |k| k.len())
    }

    fn bytes_raw(&self) -> usize {
        self.backend.total_bytes()
    }
}
