//! The verdict that stays: what the server made of the cookies the last request carried
//! (verified, or rejected and why, with the expected and presented MACs), shown until the next
//! request; and the markers a timeline row carries for a failed signature, a session the store
//! did not have, and a new session.

use super::{Workbench, WriteRow};
use crate::engine::events::{
    BrowserId, CookieVerdict, Event, NewWhy, NotSentWhy, SetCookieDecision,
};
use crate::engine::jar::set_cookie::{parse_set_cookie, Refusal};
use crate::engine::jar::{Limits, RequestContext, SetOutcome, Withheld};
use crate::engine::lab::{Exchange, Lab};
use crate::engine::server::Signing;
use crate::engine::signature::UnsignError;
use crate::engine::store::{CallResult, StoreCall, StoreOp};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::Tone;

/// The last navigation, as the verdict banner shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastRequest {
    /// Which browser sent it.
    pub browser: BrowserId,
    /// Its requests in order: the first, then one per redirect followed.
    pub hops: Vec<Hop>,
    /// Every check of a cookie on the way (a redirect can hide the interesting one), each
    /// with the index in `hops` of the request that carried the cookie.
    pub checks: Vec<(usize, Check)>,
    /// Whether the jar now holds a different cookie from the one last checked (and holds it
    /// still, not expired or deleted since): the server
    /// started a new session in that request or a later one, and the jar took its cookie (an
    /// uninitialized session, with `saveUninitialized: false`, sends none, and the old cookie
    /// stays; a login that made the session before its redirect carried it back checked the
    /// new cookie itself).
    pub new_session: bool,
    /// The app's cookies the jar held back on the way, each with the index in `hops` of the
    /// request it stayed off and why (a cross-site POST and SameSite): the server never saw
    /// them, which "no cookie to check" alone did not say.
    pub withheld: Vec<(usize, String, Withheld)>,
    /// The session cookies the server kept home, each with the index in `hops` of the
    /// response that had no `Set-Cookie` and why: `cookie.secure` over plain http (or behind
    /// a proxy it does not trust), where the session went to the store and the browser got
    /// nothing; or a new session `saveUninitialized: false` kept (neither stored nor sent).
    /// "No cookie to check" alone said neither.
    pub unsent: Vec<(usize, NotSentWhy)>,
    /// The app's cookies the jar refused on the way, each with the index in `hops` of the
    /// response that sent it and why (`cookie.partitioned` or `sameSite: 'none'` without
    /// `secure`): the jar stayed empty, and the bar said only "No cookie for
    /// the server to check", the reason folded in the timeline's entry (dark-theme review).
    pub refused: Vec<(usize, String, Refusal)>,
    /// When it was one of several requests sent at once: the store's writes that a later
    /// write of the same session undid (a lost update, a destroyed session saved back), each
    /// with the write that won. The store's history says so in the server pane, often below
    /// the fold; the banner, in view, did not.
    pub races: Vec<(WriteRow, WriteRow)>,
    /// When it was one of several requests sent at once: the writes that stand although
    /// another request had loaded the session before them, because that request only touched
    /// it (`resave: false`), each with that request's number (the race fixed had no word).
    pub kept: Vec<(WriteRow, u32)>,
    /// What the app threw on the way (Express then answered 500), each with the index in
    /// `hops` of its request: the first line of the error. A 500 had kept a green banner when
    /// the cookie checked out.
    pub errors: Vec<(usize, String)>,
    /// Sessions the server lost in a restart since (a MemoryStore's): the banner's "the store
    /// has the session" was true when the request came and is no longer, so it stops
    /// reading as a pass and says so. 0 when nothing was lost.
    pub lost_since: usize,
    /// The server restarted with new options since (the code's lines the apply changed are
    /// still marked): the checks were made with the old ones. The rotation challenge's bar
    /// stayed red ("the MAC does not match") after `[new, old]` was applied, the secret that
    /// fixes it already in force.
    pub reconfigured_since: bool,
    /// The session last checked was destroyed after its check, in that request or a later
    /// one, and no new session took its place (lesson 3's `/destroy`, the fixed app's
    /// logout): the check's "the store has the session" was true when the request came, and
    /// the jar's cookie now names a session the store no longer has (the bar stayed green
    /// above a struck-out store row and the jar's "no such id").
    pub destroyed: bool,
    /// The session last checked was destroyed after its check, and the jar no longer holds
    /// its cookie (the fixed app's logout clears it; a new session's may have replaced it):
    /// the bar had said only "signature verified, and the store has the session", green,
    /// after a logout, the moment the logout challenge is about.
    pub destroyed_cleared: bool,
    /// The session the last check found no trace of was in the store before a restart that
    /// lost it (a MemoryStore's, lesson 2's notebook): the miss is the restart's doing, not a
    /// made-up id's.
    pub lost_in_restart: bool,
    /// Cookies the browser's jar dropped as expired since (the clock moved on): the bar's
    /// verdict was about a cookie the next request will not send. With the checked cookie
    /// among them, the verdict is history, as after a restart that lost it.
    pub expired_since: Vec<String>,
    /// Sessions a MemoryStore holds that expired since (the same clock: lesson 3's last
    /// step says "the cookie and the session expire", and the bar named the cookie alone).
    /// With any, what the checks found in the store is history too.
    pub store_expired_since: usize,
    /// Cookies the browser sent that nothing on the server reads, each with the index in
    /// `hops` of the first request that carried them: lesson 4's hand-made `username`
    /// cookie beside "No cookie for the server to check" read as if the server had not
    /// seen it, when it saw it and ignored it.
    pub unread: Vec<(usize, Unread)>,
    /// The hops the fixed app's `checkUser` turned away (redirected to `/`, the session naming
    /// no one): lesson 4's "you are sent back to the login page" showed "GET /user 302 →
    /// GET /" under a green "signature verified, and the store has the session", which did
    /// not say why. None where `withheld` or `unsent` says why already.
    pub guarded: Vec<usize>,
    /// The page that started the navigation when it is on another site (`http://evil.example/`
    /// and the form its script submits): the bar showed `POST /transfer` with its checks as
    /// if the learner had sent it, and only the timeline said where it came from (CSRF review).
    pub cross_site_from: Option<String>,
}

/// Cookies a request carried that nothing on the server reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// Their names, in the order the `Cookie` header gave them.
    pub names: Vec<String>,
    /// The one cookie the app reads.
    pub read: String,
    /// The app reads it through express-session (whose code is not the app's own).
    pub session: bool,
}

/// One request of a navigation, as the banner names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Its method.
    pub method: String,
    /// Its path and query.
    pub target: String,
    /// The status the server answered it with.
    pub status: u16,
}

impl LastRequest {
    /// The status of the last request: where the navigation ended.
    pub fn status(&self) -> u16 {
        self.hops.last().map_or(0, |h| h.status)
    }
    /// What the bar says of a miss a restart caused: lesson 2's notebook lost a card, a
    /// session store a session (`None` when no restart caused it).
    pub fn lost_in_restart_text(&self, lang: Lang) -> Option<&'static str> {
        let card = matches!(
            self.checks.last(),
            Some((
                _,
                Check {
                    result: CheckResult::Unchecked { .. },
                    ..
                }
            ))
        );
        self.lost_in_restart.then(|| {
            t(
                lang,
                if card {
                    Key::BannerLostInRestartCard
                } else {
                    Key::BannerLostInRestart
                },
            )
        })
    }
    /// What the bar says under its checks of what became of the session last checked
    /// (`None`: nothing since): destroyed with the jar's cookie naming it still; destroyed
    /// and its cookie gone, or replaced by a new session's; or replaced alone; or, in an app
    /// without sessions, a cookie it could not use replaced by a new one ([`Check::replaced`],
    /// whose name fills the text's `{name}`).
    pub fn fate(&self) -> Option<Key> {
        match (self.destroyed, self.destroyed_cleared, self.new_session) {
            (true, ..) => Some(Key::BannerDestroyed),
            (_, true, true) => Some(Key::BannerDestroyedReplaced),
            (_, true, false) => Some(Key::BannerDestroyedCleared),
            (_, _, true) => Some(Key::BannerNewSession),
            _ if self.checks.last().is_some_and(|(_, c)| c.replaced) => Some(Key::BannerNewCookie),
            _ => None,
        }
    }
    /// Whether a cookie it checked has expired from the jar since.
    pub fn checked_expired(&self) -> bool {
        self.checks
            .iter()
            .any(|(_, c)| self.expired_since.contains(&c.name))
    }
    /// Whether what it checked no longer holds (a restart since lost the session, the
    /// checked cookie expired from the jar, or the session it found was then destroyed:
    /// lesson 3's `/destroy`, a logout): its checks read as history, neither pass nor fail
    /// (a green "the store has the session" above a struck-out row read as a contradiction).
    pub fn is_history(&self) -> bool {
        self.lost_since > 0
            || self.reconfigured_since
            || self.checked_expired()
            || self.store_expired_since > 0
            || ((self.destroyed || self.destroyed_cleared) && self.accepted())
    }
    /// What the bar says of the cookies the jar dropped as expired since, and of the
    /// sessions that expired in the store meanwhile (`None`: neither).
    pub fn expired_since_text(&self, lang: Lang) -> Option<String> {
        let jar = (!self.expired_since.is_empty()).then(|| {
            fill(
                t(lang, Key::BannerExpiredSince),
                &[
                    (
                        "names",
                        &crate::model::explain::names(lang, &self.expired_since),
                    ),
                    ("n", &self.expired_since.len().to_string()),
                ],
            )
        });
        let store = (self.store_expired_since > 0).then(|| {
            fill(
                t(lang, Key::SayStoreExpired),
                &[("n", &self.store_expired_since.to_string())],
            )
        });
        match (jar, store) {
            (Some(j), Some(s)) => Some(crate::i18n::sentences(&[j, s])),
            (j, s) => j.or(s),
        }
    }
    /// The worst tone of its checks (`None` when nothing was checked, or when what it says is
    /// history: [`LastRequest::is_history`]).
    pub fn tone(&self) -> Option<Tone> {
        if self.is_history() {
            return None;
        }
        let mut tones: Vec<Tone> = self.checks.iter().map(|(_, c)| c.result.tone()).collect();
        if !self.withheld.is_empty() {
            tones.push(Tone::Warn);
        }
        if !self.refused.is_empty() {
            tones.push(Tone::Bad);
        }
        if !self.races.is_empty() {
            tones.push(Tone::Warn);
        }
        if !self.errors.is_empty() {
            tones.push(Tone::Bad);
        }
        tones.extend(
            self.unsent
                .iter()
                .map(|(_, w)| crate::model::explain::not_sent_tone(w)),
        );
        [Tone::Bad, Tone::Warn, Tone::Good]
            .into_iter()
            .find(|t| tones.contains(t))
    }

    /// Whether every cookie checked on the way was accepted.
    pub fn accepted(&self) -> bool {
        self.checks.iter().all(|(_, c)| c.result.accepted())
    }

    /// The bar's lines in the order of the requests they are about (checks, then the
    /// remarks, within one request; races, about the whole batch, last). Two lists, checks
    /// then remarks, put CSRF's "GET / ✓" above the POST /transfer that led to it, whose
    /// cookie the jar held back.
    pub fn lines(&self) -> Vec<BarLine> {
        let mut lines: Vec<(usize, BarLine)> = (self.checks.iter().enumerate())
            .map(|(i, (h, _))| (*h, BarLine::Check(i)))
            .chain(
                (self.withheld.iter().enumerate()).map(|(i, (h, ..))| (*h, BarLine::Withheld(i))),
            )
            .chain((self.unsent.iter().enumerate()).map(|(i, (h, _))| (*h, BarLine::Unsent(i))))
            .chain((self.refused.iter().enumerate()).map(|(i, (h, ..))| (*h, BarLine::Refused(i))))
            .chain((self.errors.iter().enumerate()).map(|(i, (h, _))| (*h, BarLine::Error(i))))
            .chain((self.unread.iter().enumerate()).map(|(i, (h, _))| (*h, BarLine::Unread(i))))
            .chain((self.guarded.iter().enumerate()).map(|(i, h)| (*h, BarLine::Guarded(i))))
            .chain((0..self.races.len()).map(|i| (usize::MAX, BarLine::Race(i))))
            .chain((0..self.kept.len()).map(|i| (usize::MAX, BarLine::Kept(i))))
            .collect();
        // a stable sort: one request's lines keep the order above
        lines.sort_by_key(|(h, _)| *h);
        lines.into_iter().map(|(_, l)| l).collect()
    }

    /// Whether the server checked nothing and has nothing else to report: only cookies it
    /// does not read, if any, came with the request (the bar says "No cookie for the server
    /// to check" above them).
    pub fn nothing_checked(&self) -> bool {
        self.lines()
            .iter()
            .all(|l| matches!(l, BarLine::Unread(_) | BarLine::Guarded(_)))
    }
}

/// One line of the Last request bar, by its index in its list of [`LastRequest`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarLine {
    /// A cookie the server checked (`checks`).
    Check(usize),
    /// A cookie the jar held back (`withheld`).
    Withheld(usize),
    /// A session cookie the server kept home (`unsent`).
    Unsent(usize),
    /// A cookie the jar refused (`refused`).
    Refused(usize),
    /// What the app threw (`errors`).
    Error(usize),
    /// A write another request undid (`races`).
    Race(usize),
    /// Cookies nothing on the server reads (`unread`).
    Unread(usize),
    /// A write that stands, the other request having only touched the session (`kept`).
    Kept(usize),
    /// `checkUser` turned the request away (`guarded`).
    Guarded(usize),
}

/// One cookie the server checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// The cookie's name.
    pub name: String,
    /// What the server made of it.
    pub result: CheckResult,
    /// The earlier request of the same navigation (`METHOD target`) that made a new session
    /// and gave the jar this cookie: a login's `regenerate`, then the redirect to /user; a
    /// cross-site POST that came without the cookie, then the page it redirects to. The bar
    /// had said only "the store has the session", which read as the session from before.
    pub new_from: Option<String>,
    /// A session id the store of the instance that answered did not have, while the other
    /// instance's MemoryStore holds it: the instance that answered (1 or 2) and the one whose
    /// memory holds the session. Lesson 5's flicker: the bar gave "unknown, expired or
    /// destroyed", none of them the cause.
    pub held_by_other: Option<(u8, u8)>,
    /// A cookie the app could not use (not signed, or its signature failed), and the response
    /// to the same request set a new one of that name, which the jar took in its place: lesson
    /// 1's app takes an unsigned card for none and hands out a new one. The bar had said only
    /// "not signed, so the server ignores the value", and the jar's verdict below it "Accepted",
    /// of the new card, with nothing to say a new card had come. Said by the bar's
    /// [`LastRequest::fate`], as a session app's new session is.
    pub replaced: bool,
}

/// What the server made of one cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckResult {
    /// The signature verifies with secret `secret_index` of the list (0 is the current one);
    /// for a session id, whether the store had the session.
    Verified {
        /// Which secret verified it.
        secret_index: usize,
        /// For a session id: `Some(true)` when the store had it, `Some(false)` when it did
        /// not (so a new session was made); `None` for a signed value that is not an id.
        in_store: Option<bool>,
    },
    /// No `s:` prefix: express-session ignores the value; cookie-parser leaves it unsigned.
    NotSigned {
        /// A %-escape in it did not decode, so the server kept the raw text (`s%3A…`, which
        /// does not start with `s:`): a MAC edited into `%ZZ` is read this way.
        decode_failed: bool,
    },
    /// Signed, and the signature check failed.
    Rejected(UnsignError),
    /// The app does not sign this cookie: it takes the value as sent. For lesson 2's card
    /// number, whether the notebook had that card (`None` for a value that is not looked up).
    Unchecked {
        /// `Some(false)`: an unknown number, so the shop issued a new card.
        in_store: Option<bool>,
    },
}

impl CheckResult {
    /// For a session id or a card number: whether the store (the notebook) had it.
    pub fn in_store(&self) -> Option<bool> {
        match self {
            CheckResult::Verified { in_store, .. } | CheckResult::Unchecked { in_store } => {
                *in_store
            }
            CheckResult::NotSigned { .. } | CheckResult::Rejected(_) => None,
        }
    }

    /// Whether the server accepted the value as genuine (or, unsigned, took it as sent).
    pub fn accepted(&self) -> bool {
        matches!(
            self,
            CheckResult::Verified { .. } | CheckResult::Unchecked { .. }
        )
    }

    /// How it reads: a genuine signature whose session the store no longer has, or a value
    /// taken unchecked, is neither a pass nor a rejection.
    pub fn tone(&self) -> Tone {
        match self {
            CheckResult::Verified {
                in_store: Some(false),
                ..
            }
            | CheckResult::Unchecked { .. } => Tone::Warn,
            CheckResult::Verified { .. } => Tone::Good,
            CheckResult::NotSigned { .. } | CheckResult::Rejected(_) => Tone::Bad,
        }
    }
}

/// A marker on a timeline row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A signature check failed.
    BadSignature,
    /// The session cookie was not signed (no `s:`): the server took it for no cookie.
    Unsigned,
    /// The cookie's session was not in the store (unknown, expired or destroyed).
    UnknownSession,
    /// A new session was made (no cookie, or after a miss, or regenerated).
    NewSession,
    /// This request's save wrote over another in-flight request's change (the resave race).
    Overwrote,
    /// This request saved back a session another request destroyed (a logout undone).
    Revived,
}

impl Marker {
    /// Every marker.
    pub const ALL: [Marker; 6] = [
        Marker::BadSignature,
        Marker::Unsigned,
        Marker::UnknownSession,
        Marker::NewSession,
        Marker::Overwrote,
        Marker::Revived,
    ];

    /// Its short label, and the sentence a screen reader and a tooltip give.
    pub fn words(self, lang: Lang) -> (&'static str, &'static str) {
        let (short, long) = match self {
            Marker::BadSignature => (Key::MarkShortBadSignature, Key::MarkBadSignature),
            Marker::Unsigned => (Key::MarkShortUnsigned, Key::MarkUnsigned),
            Marker::UnknownSession => (Key::MarkShortUnknownSession, Key::MarkUnknownSession),
            Marker::NewSession => (Key::MarkShortNewSession, Key::MarkNewSession),
            Marker::Overwrote => (Key::MarkShortOverwrote, Key::MarkOverwrote),
            Marker::Revived => (Key::MarkShortRevived, Key::MarkRevived),
        };
        (t(lang, short), t(lang, long))
    }

    /// How its tag looks: a lost write or a revived session is as bad as a failed signature.
    pub fn tone(self) -> Tone {
        match self {
            Marker::BadSignature | Marker::Overwrote | Marker::Revived => Tone::Bad,
            Marker::Unsigned | Marker::UnknownSession => Tone::Warn,
            Marker::NewSession => Tone::Info,
        }
    }
}

/// The id of the session this request made, if it made one: a timeline row shows it without
/// being opened (lesson 6: "a new id each time").
pub fn new_session_id(x: &Exchange) -> Option<&str> {
    x.events.iter().rev().find_map(|e| match e {
        Event::SessionCreated { sid, .. } => Some(sid.as_str()),
        _ => None,
    })
}

/// The markers of one request/response.
pub fn markers(x: &Exchange) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut add = |m| {
        if !out.contains(&m) {
            out.push(m);
        }
    };
    for e in &x.events {
        match e {
            Event::SessionCookieRead {
                verdict: CookieVerdict::BadSignature { .. },
                ..
            }
            | Event::SignedCookieRead {
                verdict: Err(_), ..
            } => add(Marker::BadSignature),
            // (a forged id without its MAC: the timeline said only "+ sess")
            Event::SessionCookieRead {
                verdict: CookieVerdict::Unsigned { .. },
                ..
            } => add(Marker::Unsigned),
            Event::SessionCreated { why, .. } => {
                if *why == NewWhy::StoreMiss {
                    add(Marker::UnknownSession);
                }
                add(Marker::NewSession);
            }
            Event::SaveOverwrote { .. } => add(Marker::Overwrote),
            Event::DestroyedSessionSaved { .. } => add(Marker::Revived),
            _ => {}
        }
    }
    out
}

/// The checks of one exchange, in order.
fn checks(x: &Exchange, signing: &Signing, watched: &str) -> Vec<Check> {
    let mut out = Vec::new();
    for e in &x.events {
        match e {
            Event::SessionCookieRead { name, verdict } => {
                let result = match verdict {
                    CookieVerdict::Absent => continue,
                    CookieVerdict::Unsigned { decode_error, .. } => CheckResult::NotSigned {
                        decode_failed: decode_error.is_some(),
                    },
                    CookieVerdict::BadSignature { error, .. } => {
                        CheckResult::Rejected(error.clone())
                    }
                    CookieVerdict::Valid { secret_index, .. } => CheckResult::Verified {
                        secret_index: *secret_index,
                        in_store: Some(!x.events.iter().any(|e| {
                            matches!(
                                e,
                                Event::SessionCreated {
                                    why: NewWhy::StoreMiss,
                                    ..
                                }
                            )
                        })),
                    },
                };
                out.push(Check {
                    name: name.clone(),
                    result,
                    new_from: None,
                    held_by_other: None,
                    replaced: false,
                });
            }
            Event::SignedCookieRead { name, verdict } => out.push(Check {
                name: name.clone(),
                result: match verdict {
                    Ok(_) => CheckResult::Verified {
                        secret_index: 0,
                        in_store: None,
                    },
                    Err(error) => CheckResult::Rejected(error.clone()),
                },
                new_from: None,
                held_by_other: None,
                replaced: false,
            }),
            _ => {}
        }
    }
    // a signed card sent without `s:`: cookie-parser never got to check it
    let sent = || {
        (x.request.header("cookie")).and_then(|h| crate::engine::cookie_header::get(&h, watched))
    };
    if let Some((_, decode_error)) = out.is_empty().then(sent).flatten() {
        out.push(Check {
            name: watched.to_string(),
            result: match signing {
                // lesson 2 looks the number up in its notebook, and logs the lookup
                Signing::None => CheckResult::Unchecked {
                    in_store: x.events.iter().find_map(|e| match e {
                        Event::Store(StoreCall {
                            op: StoreOp::Get,
                            result,
                            ..
                        }) => Some(*result == CallResult::Hit),
                        _ => None,
                    }),
                },
                _ => CheckResult::NotSigned {
                    decode_failed: decode_error.is_some(),
                },
            },
            new_from: None,
            held_by_other: None,
            replaced: false,
        });
    }
    out
}

impl Workbench {
    /// The last navigation and the server's checks of its cookies (until the next request).
    pub fn last_request(&self) -> Option<LastRequest> {
        let entry = self.timeline.last_request()?;
        let last = entry.exchange.as_ref()?;
        let hops = self.timeline.last_navigation(last.browser);
        if hops.is_empty() {
            return None;
        }
        let signing = self.lab.server.signing();
        let watched = self.lab.server.cookie_name();
        let mut checks: Vec<(usize, Check)> = hops
            .iter()
            .enumerate()
            .flat_map(|(i, x)| {
                checks(x, &signing, watched)
                    .into_iter()
                    .map(move |c| (i, c))
            })
            .collect();
        let jar = self.lab.browser(last.browser).jar.cookies();
        for (i, c) in checks.iter_mut() {
            let Some(sent) = hops[*i].sent_cookie(&c.name) else {
                continue;
            };
            c.new_from = hops[..*i]
                .iter()
                .rposition(|x| gave_new_session(x, &c.name, Some(&sent)))
                .map(|h| format!("{} {}", hops[h].request.method, hops[h].url.target()));
            c.held_by_other = held_by_other(&self.lab, hops[*i], c);
            c.replaced = !matches!(signing, Signing::Session(_))
                && matches!(
                    c.result,
                    CheckResult::NotSigned { .. } | CheckResult::Rejected(_)
                )
                && holds_what_it_set(jar, hops[*i], &c.name);
        }
        // the last request that made a new session and gave the jar its cookie
        let replaced = hops
            .iter()
            .rposition(|x| gave_new_session(x, watched, None));
        // ... and the jar holds it still
        let still_held = replaced.is_some_and(|r| holds_what_it_set(jar, hops[r], watched));
        let last_checked = checks.last().map(|(i, _)| *i);
        let withheld: Vec<_> = hops
            .iter()
            .enumerate()
            .flat_map(|(i, x)| withheld_in(x, watched).map(move |(n, w)| (i, n, w)))
            .collect();
        let refused: Vec<_> = hops
            .iter()
            .enumerate()
            .flat_map(|(i, x)| refused_in(x, watched).map(move |(n, r)| (i, n, r)))
            .collect();
        // each reason once, at the first response it kept a cookie from (the login, then the
        // pages its redirects lead to, each with a new session that stays home too); and a
        // new session saveUninitialized: false kept home (lesson 6's step 2: the bar said only
        // "No cookie for the server to check", the reason folded in the timeline's entry)
        let mut unsent: Vec<(usize, NotSentWhy)> = Vec::new();
        for (i, x) in hops.iter().enumerate() {
            for e in &x.events {
                if let Event::SessionSetCookie(SetCookieDecision::NotSent(
                    w @ (NotSentWhy::InsecureConnection
                    | NotSentWhy::UntrustedProxy
                    | NotSentWhy::Uninitialized),
                )) = e
                {
                    if !unsent.iter().any(|(_, u)| u == w) {
                        unsent.push((i, w.clone()));
                    }
                }
            }
        }
        let (races, kept) = if last.flight.is_some() {
            (
                super::undone_writes(&self.timeline),
                super::kept_writes(&self.timeline),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let errors = hops
            .iter()
            .enumerate()
            .flat_map(|(i, x)| errors_in(x).map(move |m| (i, m)))
            .collect();
        let lost_since = match self.timeline.restart_since_request() {
            Some(Event::ServerStarted { lost, .. }) => *lost,
            _ => 0,
        };
        let new_session =
            still_held && matches!((replaced, last_checked), (Some(r), Some(c)) if r >= c);
        // (and whether the jar holds the cookie checked still: the fixed logout's clearCookie
        // took it)
        let still_holds_checked = |c: usize| {
            hops[c]
                .sent_cookie(watched)
                .is_some_and(|v| jar.iter().any(|k| k.name == watched && k.value == v))
        };
        let destroyed_since = last_checked.is_some_and(|c| {
            hops[c..].iter().any(|x| {
                x.events.iter().any(|e| {
                    matches!(
                        e,
                        Event::Store(StoreCall {
                            op: StoreOp::Destroy,
                            result: CallResult::Done,
                            ..
                        })
                    )
                })
            })
        });
        let holds_checked = last_checked.is_some_and(still_holds_checked);
        let destroyed = destroyed_since && holds_checked && !new_session;
        let destroyed_cleared = destroyed_since && !holds_checked;
        let lost_in_restart = checks.last().is_some_and(|(c, check)| {
            check.result.in_store() == Some(false)
                && hops[*c]
                    .sent_cookie(watched)
                    .is_some_and(|v| self.timeline.lost_in_restart(last.browser, watched, &v))
        });
        let reconfigured_since =
            self.timeline.restart_since_request().is_some() && !self.changed_lines.is_empty();
        // each name once, at the first request that carried it (a redirect carries it again)
        let mut unread: Vec<(usize, Unread)> = Vec::new();
        for (i, x) in hops.iter().enumerate() {
            if let Some(mut u) = unread_in(x, &self.lab) {
                u.names
                    .retain(|n| !unread.iter().any(|(_, seen)| seen.names.contains(n)));
                if !u.names.is_empty() {
                    unread.push((i, u));
                }
            }
        }
        // (not where a cookie held back or kept home says already why no one is logged in:
        // behind the TLS proxy the bar grew to five lines and took the browser pane's room)
        let guarded = if withheld.is_empty() && unsent.is_empty() {
            (hops.iter().enumerate())
                .filter(|(_, x)| guarded(x))
                .map(|(i, _)| i)
                .collect()
        } else {
            Vec::new()
        };
        // (the jar's own rule of what is cross-site, schemeful as Chrome's)
        let cross_site_from = hops.first().and_then(|x| {
            let from = x.initiator.as_ref()?;
            RequestContext::navigation_from(from, &x.request.method)
                .cross_site(&x.url)
                .then(|| from.to_string())
        });
        Some(LastRequest {
            guarded,
            cross_site_from,
            browser: last.browser,
            lost_since,
            reconfigured_since,
            lost_in_restart,
            expired_since: self.timeline.expired_since_request(last.browser),
            store_expired_since: self.expired_held_since(entry.at),
            unread,
            destroyed,
            destroyed_cleared,
            errors,
            withheld,
            unsent,
            refused,
            races,
            kept,
            new_session,
            checks,
            hops: hops
                .iter()
                .map(|x| Hop {
                    method: x.request.method.clone(),
                    target: x.url.target(),
                    status: x.response.status,
                })
                .collect(),
        })
    }
}

/// A cookie the jar held back, in words: the timeline's sentence, with its mark.
pub fn withheld_text(lang: Lang, name: &str, w: &Withheld) -> String {
    format!(
        "{} {}",
        Tone::Warn.mark(),
        crate::model::explain::withheld_sentence(lang, name, w)
    )
}

/// A cookie the jar refused, in words, with its mark.
pub fn refused_text(lang: Lang, name: &str, r: &Refusal) -> String {
    format!("{} {}", Tone::Bad.mark(), refused_words(lang, name, r))
}

/// [`refused_text`] without its mark.
fn refused_words(lang: Lang, name: &str, r: &Refusal) -> String {
    fill(
        t(lang, Key::BannerJarRefused),
        &[
            ("name", name),
            ("reason", &crate::model::explain::refusal_text(lang, r)),
        ],
    )
}

/// The app's cookies the jar refused from one response (a `Set-Cookie` it parsed, whose
/// attributes it would not store: a header it could not parse names no cookie).
fn refused_in<'a>(
    x: &'a Exchange,
    watched: &'a str,
) -> impl Iterator<Item = (String, Refusal)> + 'a {
    x.events.iter().filter_map(move |e| match e {
        Event::JarUpdated {
            header, outcome, ..
        } => match &**outcome {
            SetOutcome::Refused(r) => {
                let sc = parse_set_cookie(header, &Limits::default()).ok()?;
                (sc.name == watched).then(|| (sc.name, r.clone()))
            }
            _ => None,
        },
        _ => None,
    })
}

/// An error as the banner gives it: its first line, and, for ejs's (which puts the file and
/// line first, then the template around it, then the thrown message), its last, each cut
/// to 200 characters (a username may be megabytes long).
fn error_summary(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    let cut = |l: &str| crate::engine::clip(l, 200).into_owned();
    match lines.next_back() {
        Some(last) if last != first => format!("{} … {}", cut(first), cut(last)),
        _ => cut(first),
    }
}

/// What the app threw, in words, with its mark.
pub fn error_text(lang: Lang, message: &str) -> String {
    format!("{} {}", Tone::Bad.mark(), error_words(lang, message))
}

/// [`error_text`] without its mark.
fn error_words(lang: Lang, message: &str) -> String {
    fill(t(lang, Key::BannerServerError), &[("message", message)])
}

/// The app's cookie the jar held back from one request: only what was meant for its address
/// and held back anyway (SameSite, Secure); a cookie of another host or path was never this
/// request's.
fn withheld_in<'a>(
    x: &'a Exchange,
    watched: &'a str,
) -> impl Iterator<Item = (String, Withheld)> + 'a {
    x.events.iter().filter_map(move |e| match e {
        Event::CookieConsidered {
            name,
            withheld:
                Some(
                    w @ (Withheld::SameSiteStrict
                    | Withheld::SameSiteLax
                    | Withheld::SameSiteLaxByDefault
                    | Withheld::Secure),
                ),
            ..
        } if name == watched => Some((name.clone(), w.clone())),
        _ => None,
    })
}

/// Whether the jar took a cookie `name` from this request's response and holds it still (the
/// clock may have expired it since, or the learner deleted it: a note in the present tense
/// would be stale).
fn holds_what_it_set(jar: &[crate::engine::jar::Cookie], x: &Exchange, name: &str) -> bool {
    x.jar_took(name)
        .last()
        .is_some_and(|took| jar.iter().any(|k| k.name == name && k.value == took.value))
}

/// Whether a request made a new session and the jar took its cookie `name` (with this value,
/// when given).
fn gave_new_session(x: &Exchange, name: &str, value: Option<&str>) -> bool {
    markers(x).contains(&Marker::NewSession)
        && x.jar_took(name).any(|k| value.is_none_or(|v| k.value == v))
}

/// The cookies one request carried that nothing on the server reads (`None`: none).
fn unread_in(x: &Exchange, lab: &Lab) -> Option<Unread> {
    let header = x.request.header("cookie")?;
    let mut names: Vec<String> = Vec::new();
    for p in crate::engine::cookie_header::parse(&header).effective() {
        if !lab.reads_cookie(&p.name) && !names.contains(&p.name) {
            names.push(p.name.clone());
        }
    }
    (!names.is_empty()).then(|| Unread {
        names,
        read: lab.server.cookie_name().to_string(),
        session: matches!(lab.server.signing(), Signing::Session(_)),
    })
}

/// Cookies nothing on the server reads, in words (no mark: neither good nor bad news).
pub fn unread_text(lang: Lang, u: &Unread) -> String {
    fill(
        t(
            lang,
            if u.session {
                Key::BannerUnreadSession
            } else {
                Key::BannerUnread
            },
        ),
        &[
            ("names", &u.names.join(", ")),
            ("n", &u.names.len().to_string()),
            ("cookie", &u.read),
        ],
    )
}

/// Whether the fixed app's `checkUser` turned `x` away: its test ran and `next()` did not.
fn guarded(x: &Exchange) -> bool {
    use crate::engine::server::auth::lines::{CHECK_IF, CHECK_NEXT};
    let ran = |line: &str| {
        x.events
            .iter()
            .any(|e| matches!(e, Event::CodeRan { anchors } if anchors.contains(&line)))
    };
    ran(CHECK_IF) && !ran(CHECK_NEXT)
}

/// What the app threw while answering one request, cut to its first and last lines.
fn errors_in(x: &Exchange) -> impl Iterator<Item = String> + '_ {
    x.events.iter().filter_map(|e| match e {
        Event::ServerError { message } => Some(error_summary(message)),
        _ => None,
    })
}

/// What the banner says beside its checks about one request (`watched` is the app's
/// cookie), without the marks, for the live region: the cookie the jar held back and what the
/// app threw. The banner showed them in view; a screen reader had heard the pages only, and
/// took them for a success. The live region says them with the request they are about, as
/// the banner lists them (after the navigation's words, CSRF's held-back cookie came after
/// the GET / the POST was sent back to).
pub fn request_remarks(lang: Lang, x: &Exchange, lab: &Lab) -> Vec<String> {
    let watched = lab.server.cookie_name();
    let withheld = withheld_in(x, watched)
        .map(|(name, w)| crate::model::explain::withheld_sentence(lang, &name, &w));
    withheld
        .chain(refused_in(x, watched).map(|(name, r)| refused_words(lang, &name, &r)))
        .chain(errors_in(x).map(|m| error_words(lang, &m)))
        .chain(unread_in(x, lab).map(|u| unread_text(lang, &u)))
        .chain(
            (guarded(x) && withheld_in(x, watched).next().is_none())
                .then(|| t(lang, Key::BannerGuarded).to_string()),
        )
        .collect()
}

/// The writes a later one undid, in words without their marks, for the live region (about
/// the whole batch sent at once: said after its requests, as the banner lists them last).
pub fn race_remarks(lang: Lang, last: &LastRequest) -> Vec<String> {
    let kept = last.kept.iter().map(|(row, b)| kept_words(lang, row, *b));
    last.races
        .iter()
        .map(|r| race_words(lang, r))
        .chain(kept)
        .collect()
}

/// A write undone by a later one, in words, with its mark.
pub fn race_text(lang: Lang, race: &(WriteRow, WriteRow)) -> String {
    format!("{} {}", Tone::Warn.mark(), race_words(lang, race))
}

/// [`race_text`] without its mark.
fn race_words(lang: Lang, (first, then): &(WriteRow, WriteRow)) -> String {
    let data = |w: &WriteRow| w.data.clone().unwrap_or_default();
    let (a, b) = (first.request.to_string(), then.request.to_string());
    match first.op {
        StoreOp::Destroy => fill(
            t(lang, Key::BannerRevived),
            &[("a", &a), ("b", &b), ("then", &data(then))],
        ),
        _ => fill(
            t(lang, Key::BannerLostUpdate),
            &[
                ("a", &a),
                ("b", &b),
                ("first", &data(first)),
                ("then", &data(then)),
            ],
        ),
    }
}

/// A write that stood, the other request having only touched the session, in words, with its
/// mark.
pub fn kept_text(lang: Lang, (row, other): &(WriteRow, u32)) -> String {
    format!("{} {}", Tone::Good.mark(), kept_words(lang, row, *other))
}

/// [`kept_text`] without its mark.
fn kept_words(lang: Lang, row: &WriteRow, other: u32) -> String {
    fill(
        t(lang, Key::BannerKept),
        &[
            ("a", &row.request.to_string()),
            ("b", &other.to_string()),
            ("first", row.data.as_deref().unwrap_or_default()),
        ],
    )
}

/// A session cookie the server kept home, in words: the timeline's sentence, with its mark.
pub fn unsent_text(lang: Lang, why: &NotSentWhy) -> String {
    let (text, tone) = crate::model::explain::not_sent(lang, why);
    format!("{} {text}", tone.mark())
}

/// What the bar adds to a check, in the line's plain weight: the cookie is a new session's an
/// earlier request of the navigation gave the jar; or its session is in the other instance's
/// memory (`None`: neither).
pub fn check_aside(lang: Lang, c: &Check) -> Option<String> {
    // the value sent starts with s%3A: "no s: prefix" alone read as a wrong verdict
    if c.result
        == (CheckResult::NotSigned {
            decode_failed: true,
        })
    {
        return Some(t(lang, Key::BannerDecodeFailed).to_string());
    }
    // both, when a login on one instance redirected to the other (lesson 5's two
    // MemoryStores): "a new session the login made" alone read as contradicting the miss
    let new_from = (c.new_from.as_deref())
        .map(|request| fill(t(lang, Key::BannerFromNewSession), &[("request", request)]));
    let held = c.held_by_other.map(|(here, there)| {
        fill(
            t(lang, Key::BannerHeldByOther),
            &[
                ("here", crate::engine::lab::instance_name(here)),
                ("there", crate::engine::lab::instance_name(there)),
            ],
        )
    });
    let both: Vec<String> = new_from.into_iter().chain(held).collect();
    (!both.is_empty()).then(|| crate::i18n::sentences(&both))
}

/// For a verified id the answering instance's store did not have: the instances (answered,
/// holder) when the other instance's own MemoryStore holds the session now.
fn held_by_other(lab: &Lab, x: &Exchange, c: &Check) -> Option<(u8, u8)> {
    if c.result.in_store() != Some(false) || lab.twin.is_none() {
        return None;
    }
    let sid = x.events.iter().find_map(|e| match e {
        Event::SessionCookieRead {
            name,
            verdict: CookieVerdict::Valid { sid, .. },
        } if *name == c.name => Some(sid.as_str()),
        _ => None,
    })?;
    let stores = lab.stores();
    let (_, other) = stores
        .iter()
        .find(|(i, _)| i.is_some_and(|i| i != x.instance))?;
    other
        .has_live(sid, lab.now)
        .then_some((x.instance, 3 - x.instance))
}

/// One check in words: whether it passed, and the sentence.
pub fn check_text(lang: Lang, c: &Check) -> String {
    format!("{} {}", c.result.tone().mark(), check_words(lang, c))
}

/// [`check_text`] without its mark.
fn check_words(lang: Lang, c: &Check) -> String {
    let name = c.name.as_str();
    let f = |key, args: &[(&str, &str)]| fill(t(lang, key), args);
    match &c.result {
        CheckResult::Verified {
            secret_index,
            in_store,
        } => {
            let mut s = if *secret_index == 0 {
                f(Key::BannerVerified, &[("name", name)])
            } else {
                f(
                    Key::BannerVerifiedOld,
                    &[("name", name), ("n", &(secret_index + 1).to_string())],
                )
            };
            match in_store {
                Some(true) => s.push_str(t(lang, Key::BannerInStore)),
                Some(false) => s.push_str(t(lang, Key::BannerNotInStore)),
                None => {}
            }
            s
        }
        CheckResult::NotSigned { .. } => f(Key::BannerNotSigned, &[("name", name)]),
        CheckResult::Rejected(UnsignError::BadMac { .. }) => {
            f(Key::BannerBadMac, &[("name", name)])
        }
        CheckResult::Rejected(UnsignError::NoDot) => f(Key::BannerNoDot, &[("name", name)]),
        CheckResult::Rejected(UnsignError::NoSecret) => f(Key::BannerNoSecret, &[("name", name)]),
        CheckResult::Unchecked { in_store } => {
            let mut s = f(Key::BannerUnchecked, &[("name", name)]);
            match in_store {
                Some(true) => s.push_str(t(lang, Key::BannerCardKnown)),
                Some(false) => s.push_str(t(lang, Key::BannerCardUnknown)),
                None => {}
            }
            s
        }
    }
}
