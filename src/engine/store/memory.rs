//! express-session's MemoryStore (`session/memory.js`): JSON strings in an object, expired
//! entries deleted only when something reads them, nothing ever swept.

use super::{SessionStore, StoreError, StoreResult, StoreRow};
use crate::engine::clock::{JsDate, Millis};
use crate::engine::js::ordered_keys;
use crate::engine::json;
use crate::engine::session::{Session, StoreKind};
use indexmap::IndexMap;
use serde_json::Value;

/// The MemoryStore.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemoryStore {
    sessions: IndexMap<String, String>,
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

    /// `getSession`: parse, and delete the entry if its cookie has expired.
    fn get_session(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Value>> {
        let Some(text) = self.sessions.get(sid) else {
            return Ok(None);
        };
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
        if let Some(d) = expires_of(&sess) {
            // `expires <= Date.now()`; an invalid date compares false
            if d.0 <= now as f64 {
                self.sessions.shift_remove(sid);
                return Ok(None);
            }
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

    fn set(&mut self, sid: &str, session: &Session, _now: Millis) -> StoreResult<()> {
        self.sessions
            .insert(sid.to_string(), session.to_json_string());
        Ok(())
    }

    fn destroy(&mut self, sid: &str) -> StoreResult<()> {
        self.sessions.shift_remove(sid);
        Ok(())
    }

    fn touch(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()> {
        if let Some(Value::Object(mut current)) = self.get_session(sid, now)? {
            current.insert("cookie".into(), session.cookie.to_json());
            self.sessions
                .insert(sid.to_string(), json::stringify(&Value::Object(current)));
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
        self.sessions.clear();
        Ok(())
    }

    fn restart(&mut self) {
        self.sessions.clear();
    }

    fn tick(&mut self, _now: Millis) -> Vec<String> {
        Vec::new() // no timer: expired sessions stay until read
    }

    fn rows(&self) -> Vec<StoreRow> {
        ordered_keys(self.sessions.keys())
            .into_iter()
            .map(|sid| {
                let text = &self.sessions[sid.as_str()];
                let parsed = json::parse(text).ok();
                StoreRow {
                    sid: sid.clone(),
                    held: Value::String(text.clone()),
                    session_json: Some(text.clone()),
                    expires: parsed
                        .as_ref()
                        .and_then(expires_of)
                        .and_then(JsDate::millis),
                }
            })
            .collect()
    }

    fn len_raw(&self) -> usize {
        self.sessions.len()
    }
}

impl MemoryStore {
    /// Puts raw text under an id, as if the process memory were edited (tests and the
    /// stored-state lessons use it).
    pub fn put_raw(&mut self, sid: &str, text: &str) {
        self.sessions.insert(sid.to_string(), text.to_string());
    }
}
