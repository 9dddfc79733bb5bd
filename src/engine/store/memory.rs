//! express-session's MemoryStore (`session/memory.js`): JSON strings in an object, expired
//! entries deleted only when something reads them, nothing ever swept.

use super::ordered::OrderedMap;
use super::{SessionStore, StoreError, StoreResult, StoreRow};
use crate::engine::clock::{JsDate, Millis};
use crate::engine::js::ordered_keys;
use crate::engine::json;
use crate::engine::json::Value;
use crate::engine::session::{LoadError, Session, StoreKind};

/// express-session's MemoryStore: each session as its JSON string, lost on restart; expired
/// entries stay until a read finds them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemoryStore {
    /// Each session's JSON text, with its cookie expiry kept beside it so size and expiry
    /// figures need no parsing.
    sessions: OrderedMap<(String, Option<Millis>)>,
    bytes: usize,
}

/// `cookie.expires` of a parsed session, as `getSession` reads it (string → Date).
fn expires_of(sess: &Value) -> Option<JsDate> {
    match sess.get("cookie")?.get("expires")? {
        Value::String(s) => Some(JsDate::parse(s)),
        _ => None,
    }
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn put(&mut self, sid: &str, text: String) {
        let exp = json::parse(&text)
            .ok()
            .as_ref()
            .and_then(expires_of)
            .and_then(JsDate::millis);
        self.write(sid, text, exp);
    }

    fn write(&mut self, sid: &str, text: String, exp: Option<Millis>) {
        self.bytes += text.len();
        if let Some((old, _)) = self.sessions.insert(sid, (text, exp)) {
            self.bytes -= old.len();
        }
    }

    fn remove(&mut self, sid: &str) {
        if let Some((old, _)) = self.sessions.remove(sid) {
            self.bytes -= old.len();
        }
    }

    fn row(&self, sid: &str) -> Option<StoreRow> {
        let (text, expires) = self.sessions.get(sid)?;
        Some(StoreRow {
            sid: sid.to_string(),
            held: Value::String(text.clone()),
            session_json: Some(text.clone()),
            expires: *expires,
        })
    }

    /// `getSession`: parse, and delete the entry if its cookie has expired.
    fn get_session(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Value>> {
        let Some((text, expires)) = self.sessions.get(sid) else {
            return Ok(None);
        };
        let expires = *expires;
        let sess = json::parse(text).map_err(|message| StoreError::Corrupt {
            sid: sid.to_string(),
            message,
        })?;
        if sess.is_null() {
            // `sess.cookie` on null throws a TypeError
            return Err(StoreError::Corrupt {
                sid: sid.to_string(),
                message: "Cannot read properties of null (reading 'cookie')".into(),
            });
        }
        // `expires <= Date.now()`, with the expiry read from this text when it was written
        // (an invalid date, which compares false, is kept as `None`)
        if expires.is_some_and(|e| e <= now) {
            self.remove(sid);
            return Ok(None);
        }
        Ok(Some(sess))
    }
}

impl SessionStore for MemoryStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Memory
    }

    fn get(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Value>> {
        self.get_session(sid, now)
    }

    fn load(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Result<Session, LoadError>>> {
        let Some((text, expires)) = self.sessions.get(sid) else {
            return Ok(None);
        };
        let expires = *expires;
        // the usual text is read straight into the session; any other goes the long way
        let Some(loaded) = Session::from_stored_text(sid, text) else {
            return Ok(self
                .get_session(sid, now)?
                .map(|stored| Session::from_stored(sid.to_string(), stored)));
        };
        // what `getSession` does after parsing (the text is an object, never `null`)
        if expires.is_some_and(|e| e <= now) {
            self.remove(sid);
            return Ok(None);
        }
        Ok(Some(loaded))
    }

    fn set(&mut self, sid: &str, session: &Session, _now: Millis) -> StoreResult<()> {
        let text = session.to_json_string();
        let exp = session.cookie.expires.and_then(JsDate::millis);
        self.write(sid, text, exp);
        Ok(())
    }

    fn destroy(&mut self, sid: &str) -> StoreResult<()> {
        self.remove(sid);
        Ok(())
    }

    fn touch(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()> {
        if let Some(Value::Object(mut current)) = self.get_session(sid, now)? {
            current.insert("cookie".into(), session.cookie.to_json());
            self.put(sid, json::stringify(&Value::Object(current)));
        }
        Ok(())
    }

    fn all(&mut self, now: Millis) -> StoreResult<Vec<(String, Value)>> {
        let keys: Vec<String> = ordered_keys(self.sessions.keys())
            .into_iter()
            .cloned()
            .collect();
        let mut out = Vec::new();
        for k in keys {
            if let Some(v) = self.get_session(&k, now)? {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    fn clear(&mut self) -> StoreResult<()> {
        self.restart();
        Ok(())
    }

    fn restart(&mut self) {
        self.sessions.clear();
        self.bytes = 0;
    }

    fn tick(&mut self, _now: Millis) -> Vec<String> {
        Vec::new() // no timer: expired sessions stay until read
    }

    fn rows(&self) -> Vec<StoreRow> {
        self.rows_page(0, usize::MAX)
    }

    fn rows_page(&self, start: usize, len: usize) -> Vec<StoreRow> {
        ordered_keys(self.sessions.keys())
            .into_iter()
            .skip(start)
            .take(len)
            .filter_map(|sid| self.row(sid))
            .collect()
    }

    fn rows_find(&self, sid: &str) -> Option<StoreRow> {
        self.row(sid)
    }

    fn len_raw(&self) -> usize {
        self.sessions.len()
    }

    fn bytes_raw(&self) -> usize {
        self.bytes
    }

    fn expired_held(&self, now: Millis) -> usize {
        self.sessions
            .values()
            .filter(|(_, e)| e.is_some_and(|t| t <= now))
            .count()
    }
}

impl MemoryStore {
    /// Puts raw text under an id, as if the process memory were edited (tests and the
    /// stored-state lessons use it).
    pub fn put_raw(&mut self, sid: &str, text: &str) {
        self.put(sid, text.to_string());
    }
}
