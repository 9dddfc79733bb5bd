//! Session stores: one small synchronous trait shaped like express-session's store contract
//! (get, set, destroy, touch; all, length, clear), a MemoryStore, and two stores over a
//! key-value backend: connect-mongo shaped (persistent) and connect-redis shaped.

pub mod contract;
mod memory;
mod ordered;
mod persistent;
mod redis;

pub use memory::MemoryStore;
pub use persistent::{
    KvBackend, KvError, MemoryKv, PersistentStore, SharedKv, DEFAULT_TTL_SECONDS,
};
pub use redis::{redis_key, ttl_command, RedisStore, REDIS_DEFAULT_TTL, REDIS_PREFIX};

use super::clock::Millis;
use super::session::{LoadError, Session, StoreKind};
use crate::engine::json::Value;

/// Why a store call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// What the store holds for this id cannot be read back (e.g. broken JSON).
    Corrupt {
        /// The session id whose entry is broken.
        sid: String,
        /// The parser's message.
        message: String,
    },
    /// connect-mongo's touch on a missing document.
    TouchMissing(String),
    /// The backend refused (storage full, unavailable, ...).
    Backend(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Corrupt { sid, message } => {
                write!(f, "stored session {sid} is unreadable: {message}")
            }
            StoreError::TouchMissing(_) => write!(f, "Unable to find the session to touch"),
            StoreError::Backend(m) => write!(f, "{m}"),
        }
    }
}

/// `Result` for store calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// One row of a store, as the page and the trace show it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreRow {
    /// The session id.
    pub sid: String,
    /// Exactly what the store holds: a JSON string (MemoryStore) or a document (persistent).
    pub held: Value,
    /// The session's JSON text, if it can be found in what is held.
    pub session_json: Option<String>,
    /// When the store considers it expired, if it knows (cookie expiry, or the document's
    /// `expires`).
    pub expires: Option<Millis>,
}

impl StoreRow {
    /// The user the session is logged in as (the login apps' `username`), if it holds a
    /// non-empty one.
    pub fn username(&self) -> Option<String> {
        let v = crate::engine::json::parse(self.session_json.as_deref()?).ok()?;
        v.get("username")?
            .as_str()
            .filter(|u| !u.is_empty())
            .map(str::to_string)
    }

    /// Bytes held (the JSON text of `held`), for the memory-cost charts.
    pub fn bytes(&self) -> usize {
        match &self.held {
            Value::String(s) => s.len(),
            v => super::json::stringify(v).len(),
        }
    }
}

/// express-session's store contract, synchronously.
pub trait SessionStore {
    /// Which kind of store this is.
    fn kind(&self) -> StoreKind;
    /// `get(sid)`: the stored session (parsed), or `None` if missing or expired.
    fn get(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Value>>;
    /// `store.get(sid)` and, for a hit, express-session's `createSession`: the session, or why
    /// the stored value cannot be one. A store that keeps JSON text may read it straight into
    /// the session ([`Session::from_stored_text`]); the result is the same.
    fn load(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Result<Session, LoadError>>> {
        Ok(self
            .get(sid, now)?
            .map(|stored| Session::from_stored(sid.to_string(), stored)))
    }
    /// `set(sid, session)`.
    fn set(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()>;
    /// Whether `set` of this session would call the store's own `destroy` instead of writing
    /// (connect-redis does when the TTL is not positive), so the log shows both calls.
    fn set_destroys(&self, _session: &Session, _now: Millis) -> bool {
        false
    }
    /// `destroy(sid)`: removes the entry; a missing one is not an error.
    fn destroy(&mut self, sid: &str) -> StoreResult<()>;
    /// `touch(sid, session)`: refresh the expiry without rewriting the data.
    fn touch(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()>;
    /// `all()`: every unexpired session.
    fn all(&mut self, now: Millis) -> StoreResult<Vec<(String, Value)>>;
    /// `length()`: how many live sessions [`SessionStore::all`] finds.
    fn length(&mut self, now: Millis) -> StoreResult<usize> {
        Ok(self.all(now)?.len())
    }
    /// `clear()`: removes every session.
    fn clear(&mut self) -> StoreResult<()>;
    /// The server process restarts: a MemoryStore is gone, a database is not.
    fn restart(&mut self);
    /// Virtual time moved to `now`: background expiry (MongoDB's TTL monitor). Returns the ids
    /// removed.
    fn tick(&mut self, now: Millis) -> Vec<String>;
    /// Everything held, expired or not, in the store's own order.
    fn rows(&self) -> Vec<StoreRow>;
    /// Number of entries held (expired ones included).
    fn len_raw(&self) -> usize {
        self.rows().len()
    }
    /// Rows `start..start + len` in the store's order, reading only those (the page shows
    /// stores of many thousand sessions a page at a time).
    fn rows_page(&self, start: usize, len: usize) -> Vec<StoreRow> {
        self.rows().into_iter().skip(start).take(len).collect()
    }
    /// Whether the store holds a live session with this id, without side effects.
    fn has_live(&self, sid: &str, now: Millis) -> bool {
        self.rows_find(sid)
            .is_some_and(|r| r.expires.is_none_or(|e| e > now))
    }
    /// One row by id.
    fn rows_find(&self, sid: &str) -> Option<StoreRow> {
        self.rows().into_iter().find(|r| r.sid == sid)
    }
    /// Bytes held in all.
    fn bytes_raw(&self) -> usize {
        self.rows().iter().map(StoreRow::bytes).sum()
    }
    /// Entries held whose expiry has passed (a MemoryStore keeps them until read).
    fn expired_held(&self, now: Millis) -> usize {
        self.rows()
            .iter()
            .filter(|r| r.expires.is_some_and(|e| e <= now))
            .count()
    }
    /// One row as the trace prints it at `now`: the key the store files it under and what it
    /// holds there (the id and the held value, unless the store says otherwise).
    fn trace_entry(&self, row: StoreRow, _now: Millis) -> (String, Value) {
        (row.sid, row.held)
    }
}

/// A store method, as logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreOp {
    /// `get(sid)`: a lookup.
    Get,
    /// `set(sid, session)`: the whole session written.
    Set,
    /// `destroy(sid)`: the session deleted.
    Destroy,
    /// `touch(sid, session)`: only the expiry refreshed.
    Touch,
}

impl StoreOp {
    /// The method name.
    pub fn name(self) -> &'static str {
        match self {
            StoreOp::Get => "get",
            StoreOp::Set => "set",
            StoreOp::Destroy => "destroy",
            StoreOp::Touch => "touch",
        }
    }
}

/// The result of one logged store call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallResult {
    /// get found the session.
    Hit,
    /// get found nothing (missing or expired).
    Miss,
    /// set/destroy/touch succeeded.
    Done,
    /// The call failed.
    Failed(StoreError),
}

/// One logged store call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreCall {
    /// The method called.
    pub op: StoreOp,
    /// For which id.
    pub sid: String,
    /// Hit or miss for `get`; done or failed otherwise.
    pub result: CallResult,
}
