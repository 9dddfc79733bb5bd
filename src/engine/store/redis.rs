//! A store shaped like connect-redis 10 (`index.ts`) over a key-value backend standing in for
//! Redis: one key `sess:<id>` per session holding the session's JSON string, with a TTL in
//! whole seconds that Redis counts down on its own.
//!
//! connect-redis's rules, as the real package runs them (the parity fixtures check them):
//! - `set` computes the TTL from the cookie: `Math.ceil((cookie.expires - Date.now()) / 1000)`,
//!   or 86400 (one day) when the cookie has no expiry; a TTL that is not positive makes `set`
//!   call the store's own `destroy` instead of writing (`["set", "destroy"]` in the log);
//! - `touch` is `EXPIRE key ttl` with the same rule: only the expiry moves, the stored JSON
//!   keeps its old `cookie.expires`; a TTL that is not positive deletes the key (as Redis
//!   does), and a missing key is left missing;
//! - `get` returns what the key holds; connect-redis never looks at the cookie's expiry.
//!
//! Redis's own rule: a key whose expiry time `when` has passed is gone (`now > when`: at
//! exactly `when` it is still there). Reads delete it lazily and the clock's tick sweeps the
//! rest, as Redis's active expiry would.

use super::{KvBackend, KvError, MemoryKv, SessionStore, StoreError, StoreResult, StoreRow};
use crate::engine::clock::Millis;
use crate::engine::json;
use crate::engine::json::{Map, Value};
use crate::engine::session::{LoadError, Session, StoreKind};

/// connect-redis's default `prefix`.
pub const REDIS_PREFIX: &str = "sess:";
/// connect-redis's default `ttl` (one day, in seconds), used when the cookie has no expiry.
pub const REDIS_DEFAULT_TTL: i64 = 86_400;

/// A connect-redis shaped store: keys `sess:<id>`, each the session's JSON string and an
/// absolute expiry in milliseconds (what Redis keeps for `SET key value EX ttl`).
pub struct RedisStore {
    backend: Box<dyn KvBackend>,
    /// `ttl` in seconds, used when the cookie has no expiry.
    pub ttl_seconds: i64,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("ttl_seconds", &self.ttl_seconds)
            .finish()
    }
}

/// One key as the backend holds it.
struct Entry {
    value: String,
    /// When Redis drops the key (ms since the epoch).
    when: Millis,
}

/// The key connect-redis uses for a session id.
pub fn redis_key(sid: &str) -> String {
    format!("{REDIS_PREFIX}{sid}")
}

impl RedisStore {
    /// A store over `backend` (the lab shares one backend between app instances).
    pub fn new(backend: Box<dyn KvBackend>) -> RedisStore {
        RedisStore {
            backend,
            ttl_seconds: REDIS_DEFAULT_TTL,
        }
    }

    /// A store over a fresh in-memory backend.
    pub fn in_memory() -> RedisStore {
        RedisStore::new(Box::<MemoryKv>::default())
    }

    /// connect-redis's `getTTL(sess)`: whole seconds until the cookie expires (rounded up),
    /// or the default when it has none. `None` stands for JavaScript's `NaN` (an invalid date).
    pub fn ttl_for(&self, session: &Session, now: Millis) -> Option<i64> {
        match session.cookie.expires {
            None => Some(self.ttl_seconds),
            Some(d) if d.is_valid() => Some(((d.0 - now as f64) / 1000.0).ceil() as i64),
            Some(_) => None,
        }
    }

    fn read(&self, key: &str) -> StoreResult<Option<Entry>> {
        let Some(text) = self.backend.get(key)? else {
            return Ok(None);
        };
        let corrupt = |message: String| StoreError::Corrupt {
            sid: key.strip_prefix(REDIS_PREFIX).unwrap_or(key).to_string(),
            message,
        };
        let v = json::parse(&text).map_err(corrupt)?;
        let value = v
            .get("value")
            .and_then(Value::as_str)
            .ok_or_else(|| corrupt("no value".into()))?
            .to_string();
        let when = v
            .get("when")
            .and_then(Value::as_i64)
            .ok_or_else(|| corrupt("no expiry".into()))?;
        Ok(Some(Entry { value, when }))
    }

    fn write(&mut self, key: &str, value: &str, when: Millis) -> StoreResult<()> {
        let mut m = Map::new();
        m.insert("value".into(), Value::String(value.to_string()));
        m.insert("when".into(), Value::from(when));
        self.backend
            .put(key, json::stringify(&Value::Object(m)))
            .map_err(StoreError::from)
    }

    /// The key's entry if Redis still has it at `now`; an expired one is deleted on the way,
    /// as Redis deletes a key its read finds expired.
    fn live(&mut self, key: &str, now: Millis) -> StoreResult<Option<Entry>> {
        match self.read(key)? {
            Some(e) if now > e.when => {
                self.backend.delete(key)?;
                Ok(None)
            }
            other => Ok(other),
        }
    }

    fn sids(&self) -> Vec<String> {
        self.backend
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|k| k.strip_prefix(REDIS_PREFIX).map(str::to_string))
            .collect()
    }

    /// Puts raw text under a key, as if someone wrote to Redis directly.
    pub fn put_raw(&mut self, key: &str, text: &str) -> Result<(), KvError> {
        self.backend.put(key, text.to_string())
    }
}

/// connect-redis's `JSON.parse` of what a key holds (a parse error is the store's error).
fn parse_held(sid: &str, text: &str) -> StoreResult<Value> {
    json::parse(text).map_err(|message| StoreError::Corrupt {
        sid: sid.to_string(),
        message,
    })
}

impl SessionStore for RedisStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Redis
    }

    fn get(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Value>> {
        match self.live(&redis_key(sid), now)? {
            None => Ok(None),
            Some(e) => parse_held(sid, &e.value).map(Some),
        }
    }

    fn load(&mut self, sid: &str, now: Millis) -> StoreResult<Option<Result<Session, LoadError>>> {
        let Some(e) = self.live(&redis_key(sid), now)? else {
            return Ok(None);
        };
        // the usual text straight into the session; any other parsed, as `get` does
        match Session::from_stored_text(sid, &e.value) {
            Some(loaded) => Ok(Some(loaded)),
            None => parse_held(sid, &e.value)
                .map(|stored| Some(Session::from_stored(sid.to_string(), stored))),
        }
    }

    fn set(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()> {
        match self.ttl_for(session, now) {
            Some(ttl) if ttl > 0 => {
                let when = now.saturating_add(ttl.saturating_mul(1000));
                self.write(&redis_key(sid), &session.to_json_string(), when)
            }
            // `return this.destroy(sid, cb)`
            _ => self.destroy(sid),
        }
    }

    fn set_destroys(&self, session: &Session, now: Millis) -> bool {
        self.ttl_for(session, now).is_none_or(|t| t <= 0)
    }

    fn destroy(&mut self, sid: &str) -> StoreResult<()> {
        self.backend
            .delete(&redis_key(sid))
            .map_err(StoreError::from)
    }

    fn touch(&mut self, sid: &str, session: &Session, now: Millis) -> StoreResult<()> {
        let key = redis_key(sid);
        // EXPIRE on a missing (or expired) key does nothing
        let Some(e) = self.live(&key, now)? else {
            return Ok(());
        };
        match self.ttl_for(session, now) {
            Some(ttl) if ttl > 0 => {
                self.write(&key, &e.value, now.saturating_add(ttl.saturating_mul(1000)))
            }
            // EXPIRE with a TTL that is not positive deletes the key
            Some(_) => self.backend.delete(&key).map_err(StoreError::from),
            None => Err(StoreError::Backend(
                "ERR value is not an integer or out of range".into(),
            )),
        }
    }

    fn all(&mut self, now: Millis) -> StoreResult<Vec<(String, Value)>> {
        let mut out = Vec::new();
        for sid in self.sids() {
            if let Some(v) = self.get(&sid, now)? {
                out.push((sid, v));
            }
        }
        Ok(out)
    }

    fn clear(&mut self) -> StoreResult<()> {
        for sid in self.sids() {
            self.destroy(&sid)?;
        }
        Ok(())
    }

    fn restart(&mut self) {
        // Redis is its own process: restarting the app leaves it alone
    }

    fn tick(&mut self, now: Millis) -> Vec<String> {
        let mut removed = Vec::new();
        for sid in self.sids() {
            let key = redis_key(&sid);
            if let Ok(Some(e)) = self.read(&key) {
                if now > e.when && self.backend.delete(&key).is_ok() {
                    removed.push(sid);
                }
            }
        }
        removed
    }

    fn rows(&self) -> Vec<StoreRow> {
        self.rows_page(0, usize::MAX)
    }

    fn rows_page(&self, start: usize, len: usize) -> Vec<StoreRow> {
        self.sids()
            .into_iter()
            .skip(start)
            .take(len)
            .filter_map(|sid| self.rows_find(&sid))
            .collect()
    }

    fn rows_find(&self, sid: &str) -> Option<StoreRow> {
        let key = redis_key(sid);
        let (held, session_json, expires) = match self.read(&key) {
            Ok(Some(e)) => (Value::String(e.value.clone()), Some(e.value), Some(e.when)),
            Ok(None) => return None,
            // shown as it is held, so a broken entry can be seen and read
            Err(_) => (
                Value::String(self.backend.get(&key).ok().flatten()?),
                None,
                None,
            ),
        };
        Some(StoreRow {
            sid: sid.to_string(),
            held,
            session_json,
            expires,
        })
    }

    fn has_live(&self, sid: &str, now: Millis) -> bool {
        self.rows_find(sid)
            .is_some_and(|r| r.expires.is_none_or(|e| now <= e))
    }

    fn expired_held(&self, now: Millis) -> usize {
        self.rows()
            .iter()
            .filter(|r| r.expires.is_some_and(|e| now > e))
            .count()
    }

    fn trace_entry(&self, row: StoreRow, now: Millis) -> (String, Value) {
        let mut m = Map::new();
        m.insert("value".into(), row.held);
        if let Some(e) = row.expires {
            // `PTTL key`: milliseconds left
            m.insert("pttl".into(), Value::from(e - now));
        }
        (redis_key(&row.sid), Value::Object(m))
    }

    fn len_raw(&self) -> usize {
        self.sids().len()
    }
}

/// What `TTL key` prints for a key that expires at `when`: whole seconds left, rounded to the
/// nearest (Redis computes `(ms + 500) / 1000`), or -2 once the key is gone.
pub fn ttl_command(when: Millis, now: Millis) -> i64 {
    let ms = when - now;
    if ms < 0 {
        -2
    } else {
        (ms + 500) / 1000
    }
}
