//! The middleware's entry (`session(req, res, next)` up to `next()`): the path gate, the
//! secret, reading and unsigning the cookie, then a new session or `store.get`, whose answer
//! ([`Loading::finish`]) a delayed store gives later.

use super::{forwarded_https, is_secure, new_cookie, Entry, Env, SessionRequest, SessionState};
use crate::engine::cookie_header;
use crate::engine::events::{CookieVerdict, Event, NewWhy};
use crate::engine::json::Value;
use crate::engine::session::data::Session;
use crate::engine::session::options::SessionOptions;
use crate::engine::signature::unsign;

/// `getcookie(req, name, secrets)`.
pub fn read_cookie(req: &SessionRequest, name: &str, secrets: &[String]) -> CookieVerdict {
    // only the one cookie is read (see cookie_header::get)
    let found = req.cookie_header.and_then(|h| cookie_header::get(h, name));
    let verdict = match found.filter(|(value, _)| !value.is_empty()) {
        None => CookieVerdict::Absent,
        Some((value, decode_error)) => match value.strip_prefix("s:") {
            None => CookieVerdict::Unsigned {
                value,
                decode_error,
            },
            Some(signed) => match unsign(signed, secrets) {
                Ok(u) if !u.value.is_empty() => CookieVerdict::Valid {
                    sid: u.value,
                    secret_index: u.secret_index,
                },
                // an empty id is falsy: treated as no cookie
                Ok(_) => CookieVerdict::Absent,
                Err(error) => CookieVerdict::BadSignature {
                    value: signed.to_string(),
                    error,
                },
            },
        },
    };
    if matches!(verdict, CookieVerdict::Valid { .. }) {
        return verdict;
    }
    // Back-compat: read cookie-parser's req.cookies (its values may have been JSON-decoded
    // from `j:`). A JSON string starting with `s:` is unsigned like the header value.
    if let Some(Value::String(raw)) = req.parser_cookie {
        if let Some(signed) = raw.strip_prefix("s:") {
            if let Ok(u) = unsign(signed, secrets) {
                if !u.value.is_empty() {
                    return CookieVerdict::Valid {
                        sid: u.value,
                        secret_index: u.secret_index,
                    };
                }
            }
        }
    }
    verdict
}

/// Whether cookie-parser's value makes express-session throw (`raw.substr is not a function`
/// for a truthy non-string, such as `j:{}` or `j:5`).
fn parser_cookie_throws(req: &SessionRequest) -> bool {
    match req.parser_cookie {
        None | Some(Value::String(_)) | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::Array(_)) | Some(Value::Object(_)) => true,
    }
}

/// express-session's entry for one request, up to `next()`.
pub fn begin(opts: &SessionOptions, req: &SessionRequest, env: &mut Env) -> Entry {
    match begin_head(opts, req, env) {
        Head::Done(entry) => entry,
        Head::Load(loading) => loading.finish(opts, env),
    }
}

/// The middleware's entry up to the store: either done ([`Entry`]) or waiting for
/// `store.get(id)` ([`Loading`]), which a delayed store answers later.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Head {
    /// No store call needed.
    Done(Entry),
    /// `store.get(id)` was called; [`Loading::finish`] runs its callback.
    Load(Loading),
}

/// A session id whose `store.get` is under way.
#[derive(Debug)]
pub struct Loading {
    sid: String,
    secure: bool,
    untrusted_https: bool,
}

impl Loading {
    /// The id being loaded.
    pub fn sid(&self) -> &str {
        &self.sid
    }

    /// The `store.get` call and its callback: a session inflated from the store, or a new one
    /// on a miss.
    pub fn finish(self, opts: &SessionOptions, env: &mut Env) -> Entry {
        let Loading {
            sid: id,
            secure,
            untrusted_https,
        } = self;
        match env.load(&id) {
            Err(e) => Entry::Error(e.to_string()),
            Ok(None) => Entry::Ready(generate(
                opts,
                env,
                NewWhy::StoreMiss,
                Some(id),
                secure,
                untrusted_https,
            )),
            Ok(Some(loaded)) => match loaded {
                Err(e) => {
                    env.events.push(Event::SessionLoadFailed {
                        sid: id,
                        message: e.0.clone(),
                    });
                    Entry::Error(format!("TypeError: {}", e.0))
                }
                Ok(session) => {
                    env.events.push(Event::SessionLoaded { sid: id.clone() });
                    // hash(sess) of the stored object: the same data the session now holds
                    let hash = session.fingerprint();
                    Entry::Ready(SessionState {
                        session: Some(session),
                        session_id: id.clone(),
                        cookie_id: Some(id.clone()),
                        original_id: id,
                        saved_hash: (!opts.resave()).then(|| hash.clone()),
                        original_hash: hash,
                        touched: false,
                        hash_at_headers: None,
                        secure,
                        untrusted_https,
                    })
                }
            },
        }
    }
}

/// `generate()`: a new session under a new id.
fn generate(
    opts: &SessionOptions,
    env: &mut Env,
    why: NewWhy,
    cookie_id: Option<String>,
    secure: bool,
    untrusted_https: bool,
) -> SessionState {
    let sid = env.ids.next_id(env.now);
    let session = Session::new(sid.clone(), new_cookie(opts, secure, env.now));
    env.events.push(Event::SessionCreated {
        sid: sid.clone(),
        why,
    });
    SessionState {
        original_hash: session.fingerprint(),
        session: Some(session),
        session_id: sid.clone(),
        cookie_id,
        original_id: sid,
        saved_hash: None,
        touched: false,
        hash_at_headers: None,
        secure,
        untrusted_https,
    }
}

/// The middleware's entry up to `store.get` (see [`begin`]).
pub fn begin_head(opts: &SessionOptions, req: &SessionRequest, env: &mut Env) -> Head {
    let gate = opts.cookie.gate_path();
    if !req.pathname.starts_with(gate) {
        env.events.push(Event::SessionPathSkipped {
            path: req.pathname.to_string(),
            cookie_path: gate.to_string(),
        });
        return Head::Done(Entry::Skipped);
    }
    let Some(secrets) = opts.secret.as_deref() else {
        env.events.push(Event::SecretMissing);
        return Head::Done(Entry::Error("secret option required for sessions".into()));
    };
    let verdict = read_cookie(req, &opts.name, secrets);
    let cookie_id = match &verdict {
        CookieVerdict::Valid { sid, .. } => Some(sid.clone()),
        _ => None,
    };
    env.note(|| Event::SessionCookieRead {
        name: opts.name.clone(),
        verdict,
    });
    if cookie_id.is_none() && parser_cookie_throws(req) {
        return Head::Done(Entry::Error(
            "TypeError: raw.substr is not a function".into(),
        ));
    }
    let secure = is_secure(req, opts.proxy);
    // a proxy said https and nothing in the app believes it
    let untrusted_https =
        !secure && !req.trust_proxy && opts.proxy.is_none() && forwarded_https(req);
    match cookie_id {
        None => Head::Done(Entry::Ready(generate(
            opts,
            env,
            NewWhy::NoId,
            None,
            secure,
            untrusted_https,
        ))),
        Some(sid) => Head::Load(Loading {
            sid,
            secure,
            untrusted_https,
        }),
    }
}
