//! express-session's request lifecycle (`index.js`), step by step, with every decision logged.
//!
//! 1. [`begin`]: the path gate, the secret check, reading and unsigning the cookie, then either
//!    a new session (no usable id, or a store miss) or one inflated from the store.
//! 2. The handler works on [`SessionState`]: data, and the session methods.
//! 3. [`SessionState::on_headers`]: the Set-Cookie decision (runs when headers are written).
//! 4. [`SessionState::on_end`]: destroy, save or touch.

use super::cookie::{SameSiteValue, SessionCookie};
use super::data::{LoadError, Session};
use super::options::{SessionOptions, Unset};
use crate::engine::clock::Millis;
use crate::engine::cookie_header::serialize;
use crate::engine::events::{
    EndAction, Event, NewWhy, NotSentWhy, NothingWhy, SaveWhy, SentWhy, SessionMethod,
    SetCookieDecision,
};
use crate::engine::ids::IdGenerator;
use crate::engine::json::Value;
use crate::engine::signature::sign;
use crate::engine::store::{CallResult, SessionStore, StoreCall, StoreError, StoreOp};

mod entry;
pub use entry::{begin, begin_head, read_cookie, Head, Loading};

/// What the middleware needs from its surroundings for one call.
pub struct Env<'a> {
    /// The session store the server runs (MemoryStore or persistent); every call is logged.
    pub store: &'a mut dyn SessionStore,
    /// The id generator (`genid`).
    pub ids: &'a mut IdGenerator,
    /// Virtual time in ms since the epoch, for expiry and new cookies.
    pub now: Millis,
    /// The event log.
    pub events: &'a mut Vec<Event>,
    /// Only the events that say a session was created or loaded are logged: a simulation of
    /// many visitors counts those and reads nothing else (see [`Env::note`]).
    pub quiet: bool,
}

impl Env<'_> {
    /// Logs the event `e` makes, unless the log is quiet (then it is not even made).
    pub fn note(&mut self, e: impl FnOnce() -> Event) {
        if !self.quiet {
            self.events.push(e());
        }
    }

    fn log_call<T>(
        &mut self,
        op: StoreOp,
        sid: &str,
        r: &Result<T, StoreError>,
        hit: impl Fn(&T) -> bool,
    ) {
        let result = match r {
            Ok(v) if op == StoreOp::Get && !hit(v) => CallResult::Miss,
            Ok(_) if op == StoreOp::Get => CallResult::Hit,
            Ok(_) => CallResult::Done,
            Err(e) => CallResult::Failed(e.clone()),
        };
        self.note(|| {
            Event::Store(StoreCall {
                op,
                sid: sid.to_string(),
                result,
            })
        });
    }
    /// `store.get(sid)`, made into a session on a hit (see [`SessionStore::load`]).
    fn load(&mut self, sid: &str) -> Result<Option<Result<Session, LoadError>>, StoreError> {
        let r = self.store.load(sid, self.now);
        self.log_call(StoreOp::Get, sid, &r, Option::is_some);
        r
    }
    fn set(&mut self, sid: &str, s: &Session) -> Result<(), StoreError> {
        let destroys = self.store.set_destroys(s, self.now);
        let r = self.store.set(sid, s, self.now);
        self.log_call(StoreOp::Set, sid, &r, |_| true);
        if destroys {
            // connect-redis's set calls the store's own destroy, which logs itself
            self.log_call(StoreOp::Destroy, sid, &r, |_| true);
        }
        r
    }
    fn destroy(&mut self, sid: &str) -> Result<(), StoreError> {
        let r = self.store.destroy(sid);
        self.log_call(StoreOp::Destroy, sid, &r, |_| true);
        r
    }
    fn touch(&mut self, sid: &str, s: &Session) -> Result<(), StoreError> {
        let r = self.store.touch(sid, s, self.now);
        self.log_call(StoreOp::Touch, sid, &r, |_| true);
        r
    }
}

/// The parts of the request the middleware reads.
#[derive(Clone, Debug, Default)]
pub struct SessionRequest<'a> {
    /// `parseUrl.original(req).pathname` (`/user`), checked against `cookie.path`.
    pub pathname: &'a str,
    /// The raw `Cookie` header.
    pub cookie_header: Option<&'a str>,
    /// The connection itself is TLS (`req.connection.encrypted`).
    pub encrypted: bool,
    /// The `X-Forwarded-Proto` header.
    pub forwarded_proto: Option<&'a str>,
    /// Express's `trust proxy` setting trusts the peer that sent the request (`app.set('trust
    /// proxy', 1)`): `req.secure` then reads `X-Forwarded-Proto`.
    pub trust_proxy: bool,
    /// cookie-parser's `req.cookies[name]`, when the app uses cookie-parser (express-session
    /// falls back to it).
    pub parser_cookie: Option<&'a Value>,
}

/// Whether the first value of `X-Forwarded-Proto`, as express-session reads it, is `https`.
fn forwarded_https(req: &SessionRequest) -> bool {
    // no header (nearly every request): no lower-cased copy to make
    match req.forwarded_proto {
        None | Some("") => false,
        Some(_) => forwarded_first(req) == "https",
    }
}

/// The first value of `X-Forwarded-Proto`, as express-session reads it (lower-cased, then
/// trimmed), or `""` when there is none.
fn forwarded_first(req: &SessionRequest) -> String {
    let h = req.forwarded_proto.unwrap_or("");
    let first = h.split(',').next().unwrap_or("");
    first
        .to_lowercase()
        .trim_matches(crate::engine::js::is_js_space)
        .to_string()
}

/// Express's `req.secure`: `req.protocol === 'https'`, where `req.protocol` is the
/// connection's own (`https` when it is TLS) unless `trust proxy` trusts the peer; then it is
/// the first value of `X-Forwarded-Proto`, trimmed but not lower-cased.
pub fn express_secure(req: &SessionRequest) -> bool {
    if req.encrypted {
        return true;
    }
    if !req.trust_proxy {
        return false;
    }
    match req.forwarded_proto {
        None | Some("") => false,
        Some(h) => {
            h.split(',')
                .next()
                .unwrap_or("")
                .trim_matches(crate::engine::js::is_js_space)
                == "https"
        }
    }
}

/// `issecure(req, trustProxy)`.
pub fn is_secure(req: &SessionRequest, proxy: Option<bool>) -> bool {
    if req.encrypted {
        return true;
    }
    match proxy {
        Some(false) => false,
        // no explicit `proxy`: Express's req.secure, which honours `trust proxy`
        None => express_secure(req),
        Some(true) => forwarded_https(req),
    }
}

/// The session as the handler sees it, plus the middleware's bookkeeping.
#[derive(Debug)]
pub struct SessionState {
    /// `req.session` (`None` after destroy or `req.session = null`).
    pub session: Option<Session>,
    /// `req.sessionID`: the id the store key and the cookie use; changes with `regenerate()`.
    pub session_id: String,
    /// The id the request's cookie carried, if valid.
    pub cookie_id: Option<String>,
    original_id: String,
    original_hash: String,
    saved_hash: Option<String>,
    touched: bool,
    /// The fingerprint [`SessionState::on_headers`] took. Headers are written when the route
    /// has finished, and the `res.end` hook follows at once, so [`SessionState::end_plan`]
    /// takes it instead of hashing the same data again.
    hash_at_headers: Option<String>,
    secure: bool,
    /// Not secure, though `X-Forwarded-Proto` says https: a proxy the app does not trust.
    untrusted_https: bool,
}

/// The outcome of the middleware's entry.
// It lives for one match on the stack and is never stored, so the size of `Ready` costs
// nothing; boxing it would add an allocation to every request.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Entry {
    /// The path is outside `cookie.path`: no `req.session` at all.
    Skipped,
    /// An error goes to Express's final handler (500).
    Error(String),
    /// `req.session` is ready.
    Ready(SessionState),
}

pub(super) fn new_cookie(opts: &SessionOptions, secure: bool, now: Millis) -> SessionCookie {
    let mut c = SessionCookie::from_options(&opts.cookie, now);
    if opts.cookie.secure_auto() {
        c.secure = Some(secure);
    }
    if opts.cookie.same_site_auto() {
        c.same_site = Some(SameSiteValue::Str(
            if secure { "none" } else { "lax" }.into(),
        ));
    }
    c
}

/// What the end of the request writes to the store, once decided ([`SessionState::end_plan`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndOp {
    /// `store.destroy(id)` (`unset: 'destroy'` with no session).
    Destroy(String),
    /// `store.set(id, session)`.
    Set,
    /// `store.touch(id, session)`.
    Touch,
}

impl EndOp {
    /// The store method it calls.
    pub fn op(&self) -> StoreOp {
        match self {
            EndOp::Destroy(_) => StoreOp::Destroy,
            EndOp::Set => StoreOp::Set,
            EndOp::Touch => StoreOp::Touch,
        }
    }
}

impl SessionState {
    /// `req.session` (panics never: `None` when there is none).
    pub fn session(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    fn is_new(&self) -> bool {
        self.cookie_id.as_deref() != Some(self.session_id.as_str())
    }

    /// `req.session.regenerate(cb)`: destroy the old id in the store, make a new session.
    pub fn regenerate(&mut self, opts: &SessionOptions, env: &mut Env) -> Result<(), StoreError> {
        self.regenerate_call(env);
        self.regenerate_done(opts, env)
    }

    /// The call of `req.session.regenerate(cb)`, before the store's `destroy` (see
    /// [`SessionState::regenerate_done`]).
    pub fn regenerate_call(&mut self, env: &mut Env) {
        env.events.push(Event::SessionMethodCalled {
            method: SessionMethod::Regenerate,
            sid: self.session_id.clone(),
        });
    }

    /// `store.destroy(id)` and its callback: the new session under a new id.
    pub fn regenerate_done(
        &mut self,
        opts: &SessionOptions,
        env: &mut Env,
    ) -> Result<(), StoreError> {
        let r = env.destroy(&self.session_id);
        let sid = env.ids.next_id(env.now);
        self.session = Some(Session::new(
            sid.clone(),
            new_cookie(opts, self.secure, env.now),
        ));
        self.session_id = sid.clone();
        env.events.push(Event::SessionCreated {
            sid,
            why: NewWhy::Regenerated,
        });
        r
    }

    /// `req.session.destroy(cb)`: `delete req.session`, then `store.destroy(id)`.
    pub fn destroy(&mut self, env: &mut Env) -> Result<(), StoreError> {
        self.destroy_call(env);
        self.destroy_done(env)
    }

    /// The call of `req.session.destroy(cb)`: `delete req.session` (the store's `destroy`
    /// follows, [`SessionState::destroy_done`]).
    pub fn destroy_call(&mut self, env: &mut Env) {
        env.events.push(Event::SessionMethodCalled {
            method: SessionMethod::Destroy,
            sid: self.session_id.clone(),
        });
        self.session = None;
    }

    /// `store.destroy(id)` for `req.session.destroy(cb)`.
    pub fn destroy_done(&mut self, env: &mut Env) -> Result<(), StoreError> {
        env.destroy(&self.session_id)
    }

    /// `req.session = null`.
    pub fn unset(&mut self, env: &mut Env) {
        env.events.push(Event::SessionMethodCalled {
            method: SessionMethod::Unset,
            sid: self.session_id.clone(),
        });
        self.session = None;
    }

    /// `req.session.save(cb)`: writes the session now; the end of the request then writes it
    /// again only if it changed since.
    pub fn save(&mut self, env: &mut Env) -> Result<(), StoreError> {
        let Some(s) = &self.session else {
            return Ok(());
        };
        env.events.push(Event::SessionMethodCalled {
            method: SessionMethod::Save,
            sid: s.id.clone(),
        });
        self.saved_hash = Some(s.fingerprint());
        env.set(&s.id, s)
    }

    /// `req.session.reload(cb)`: replace the data with what the store has.
    pub fn reload(&mut self, env: &mut Env) -> Result<(), String> {
        let Some(id) = self.session.as_ref().map(|s| s.id.clone()) else {
            return Ok(());
        };
        env.events.push(Event::SessionMethodCalled {
            method: SessionMethod::Reload,
            sid: id.clone(),
        });
        match env.load(&id) {
            Err(e) => Err(e.to_string()),
            Ok(None) => Err("failed to load session".into()),
            Ok(Some(loaded)) => {
                self.session = Some(loaded.map_err(|e| e.0)?);
                Ok(())
            }
        }
    }

    /// `req.session.touch()`: resets `cookie.maxAge` to `originalMaxAge` (the store is written
    /// at the end of the request).
    pub fn touch(&mut self, env: &mut Env) {
        if let Some(s) = &mut self.session {
            env.events.push(Event::SessionMethodCalled {
                method: SessionMethod::Touch,
                sid: s.id.clone(),
            });
            s.cookie.touch(env.now);
        }
    }

    /// The `onHeaders` hook: decides whether to add `Set-Cookie`, and returns it.
    pub fn on_headers(&mut self, opts: &SessionOptions, env: &mut Env) -> Option<String> {
        let decision = self.set_cookie_decision(opts, env.now);
        let header = match &decision {
            SetCookieDecision::Sent { header, .. } => Some(header.clone()),
            SetCookieDecision::NotSent(_) => None,
        };
        env.note(|| Event::SessionSetCookie(decision));
        header
    }

    fn set_cookie_decision(&mut self, opts: &SessionOptions, now: Millis) -> SetCookieDecision {
        let new = self.is_new();
        let (modified, has_expiry, cookie_secure) = match &self.session {
            None => return SetCookieDecision::NotSent(NotSentWhy::NoSession),
            Some(s) => {
                let fp = s.fingerprint();
                let modified = self.original_id != s.id || self.original_hash != fp;
                self.hash_at_headers = Some(fp);
                (
                    modified,
                    s.cookie.expires.is_some(),
                    s.cookie.secure == Some(true),
                )
            }
        };
        let why = if new {
            if opts.save_uninitialized() {
                SentWhy::NewSaveUninitialized
            } else if modified {
                SentWhy::NewModified
            } else {
                return SetCookieDecision::NotSent(NotSentWhy::Uninitialized);
            }
        } else if opts.rolling {
            SentWhy::Rolling
        } else if has_expiry && modified {
            SentWhy::ModifiedWithExpiry
        } else if modified {
            return SetCookieDecision::NotSent(NotSentWhy::BrowserSessionCookie);
        } else {
            return SetCookieDecision::NotSent(NotSentWhy::Unchanged);
        };
        if cookie_secure && !self.secure {
            return SetCookieDecision::NotSent(if self.untrusted_https {
                NotSentWhy::UntrustedProxy
            } else {
                NotSentWhy::InsecureConnection
            });
        }
        let Some(s) = &mut self.session else {
            return SetCookieDecision::NotSent(NotSentWhy::NoSession);
        };
        if !self.touched {
            s.cookie.touch(now);
            self.touched = true;
        }
        let secret = opts
            .secret
            .as_ref()
            .and_then(|v| v.first())
            .map_or("", String::as_str);
        // 's:' + signature.sign(...), joined without core::fmt (every Set-Cookie)
        let signed = sign(&self.session_id, secret);
        let mut value = String::with_capacity(2 + signed.len());
        value.push_str("s:");
        value.push_str(&signed);
        match serialize(&opts.name, &value, &s.cookie.serialize_options()) {
            Ok(header) => SetCookieDecision::Sent { why, header },
            Err(e) => SetCookieDecision::NotSent(NotSentWhy::SerializeError(e.to_string())),
        }
    }

    /// The `res.end` hook: destroy, save or touch.
    pub fn on_end(&mut self, opts: &SessionOptions, env: &mut Env) -> Result<(), StoreError> {
        match self.end_plan(opts, env) {
            Some(op) => self.end_apply(&op, env),
            None => Ok(()),
        }
    }

    /// The `res.end` hook's decision: what it writes to the store, if anything (the write
    /// itself is [`SessionState::end_apply`], which a delayed store runs later).
    pub fn end_plan(&mut self, opts: &SessionOptions, env: &mut Env) -> Option<EndOp> {
        if opts.unset == Unset::Destroy && self.session.is_none() {
            env.events
                .push(Event::SessionEnd(EndAction::DestroyedUnset));
            return Some(EndOp::Destroy(self.session_id.clone()));
        }
        let Some(s) = self.session.as_mut() else {
            env.events
                .push(Event::SessionEnd(EndAction::Nothing(NothingWhy::NoSession)));
            return None;
        };
        if !self.touched {
            s.cookie.touch(env.now);
            self.touched = true;
        }
        // isModified, isSaved and shouldSave all hash the session: do it once (or not at all,
        // when the headers just did)
        let fp = match self.hash_at_headers.take() {
            Some(fp) => fp,
            None => s.fingerprint(),
        };
        let modified = self.original_id != s.id || self.original_hash != fp;
        let saved = self.original_id == s.id && self.saved_hash.as_deref() == Some(fp.as_str());
        let new = self.is_new();
        let should_save = if !opts.save_uninitialized() && self.saved_hash.is_none() && new {
            modified
        } else {
            !saved
        };
        if should_save {
            let why = if modified {
                SaveWhy::Modified
            } else if new {
                SaveWhy::NewUninitialized
            } else {
                SaveWhy::Resave
            };
            env.note(|| Event::SessionEnd(EndAction::Saved(why)));
            self.saved_hash = Some(fp);
            Some(EndOp::Set)
        } else if !new {
            env.note(|| Event::SessionEnd(EndAction::Touched));
            Some(EndOp::Touch)
        } else {
            let why = if self.saved_hash.is_some() {
                NothingWhy::AlreadySaved
            } else {
                NothingWhy::Uninitialized
            };
            env.note(|| Event::SessionEnd(EndAction::Nothing(why)));
            None
        }
    }

    /// The store write [`SessionState::end_plan`] decided on.
    pub fn end_apply(&mut self, op: &EndOp, env: &mut Env) -> Result<(), StoreError> {
        match (op, &self.session) {
            (EndOp::Destroy(sid), _) => env.destroy(sid),
            (EndOp::Set, Some(s)) => env.set(&s.id, s),
            (EndOp::Touch, Some(s)) => env.touch(&self.session_id, s),
            (_, None) => Ok(()),
        }
    }
}
