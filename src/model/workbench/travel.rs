//! Time travel through the timeline, like Python Tutor's step slider: every logged entry keeps
//! a [`Snapshot`] of the jars and the store right after it, and [`Workbench::past`] shows the
//! one the learner picked ([`super::Op::TravelTo`]), with what that entry changed.
//!
//! Snapshots share what did not change: a jar or a store row equal to the one in the previous
//! snapshot is the same `Rc`, so a thousand requests that each bump one counter cost a
//! thousand small rows and a few pointers each, not a thousand copies of the store. A store of
//! more than [`FULL_STORE`] rows (the visitor simulation fills it with thousands) is not copied
//! at all: the snapshot keeps its size and the rows the entry touched.

use super::timeline::LogEntry;
use super::Workbench;
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Event};
use crate::engine::jar::{Cookie, Withheld};
use crate::engine::json::stringify;
use crate::engine::lab::{AfterHop, Lab};
use crate::engine::server::{App, Server};
use crate::engine::session::StoreKind;
use crate::engine::store::{CallResult, StoreOp};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::{clock_text, explain};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Most store rows a snapshot keeps whole; a larger store keeps only the rows the entry
/// touched, and its size.
pub const FULL_STORE: usize = 200;

/// The jars and the store right after a timeline entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The learner's jar, every cookie as stored (expired ones not yet purged included).
    pub victim: Rc<[Cookie]>,
    /// The attacker's jar.
    pub attacker: Rc<[Cookie]>,
    /// The server's store (or the hand-built app's notebook); with two instances that each
    /// keep their own, the first instance's (`app1`).
    pub store: Rc<StoreSnap>,
    /// The second instance's own store (`app2`), when each instance keeps its own.
    pub twin: Option<Rc<StoreSnap>>,
    /// The virtual clock then (what "expired" is measured against).
    pub at: Millis,
}

impl Snapshot {
    /// A browser's jar.
    pub fn jar(&self, who: BrowserId) -> &Rc<[Cookie]> {
        match who {
            BrowserId::Victim => &self.victim,
            BrowserId::Attacker => &self.attacker,
        }
    }
}

/// What kind of store a snapshot holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreShape {
    /// The app keeps no sessions on the server (cookie-only apps).
    None,
    /// express-session's store, of this kind.
    Sessions(StoreKind),
    /// The hand-built app's notebook (`sessions[id]`).
    Notebook,
}

/// The store in a snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreSnap {
    /// What kind of store it is.
    pub shape: StoreShape,
    /// Its rows in the store's order: all of them, or for a partial snapshot the touched
    /// rows still held.
    pub rows: Vec<Rc<PastRow>>,
    /// How many rows the store held.
    pub total: usize,
    /// `None` when `rows` is the whole store; else the ids the entry touched, the only ones
    /// this snapshot knows about.
    pub touched: Option<Vec<String>>,
}

/// One store row as the store table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastRow {
    /// The session id (or the notebook's card id).
    pub sid: String,
    /// The session's JSON text as the table shows it (empty when not known: a row removed
    /// before any snapshot saw it).
    pub data: String,
    /// When the store considers it expired, if it knows.
    pub expires: Option<Millis>,
}

/// What a snapshot knows about one id.
enum Known<'a> {
    Present(&'a Rc<PastRow>),
    Absent,
    Unknown,
}

impl StoreSnap {
    /// Whether it holds the whole store.
    pub fn full(&self) -> bool {
        self.touched.is_none()
    }

    fn lookup(&self, sid: &str) -> Known<'_> {
        if let Some(t) = &self.touched {
            if !t.iter().any(|x| x == sid) {
                return Known::Unknown;
            }
        }
        match self.rows.iter().find(|r| r.sid == sid) {
            Some(r) => Known::Present(r),
            None => Known::Absent,
        }
    }
}

/// Whether two cookies are the same but for when they were last sent (which every request
/// changes and no table shows).
pub fn same_cookie(a: &Cookie, b: &Cookie) -> bool {
    if a.last_access == b.last_access {
        return a == b;
    }
    let mut b = b.clone();
    b.last_access = a.last_access;
    *a == b
}

/// The ids an entry's events touched in the store: every store call, and every document the
/// clock swept.
pub fn touched_ids<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |sid: &String| {
        if !out.contains(sid) {
            out.push(sid.clone());
        }
    };
    for e in events {
        match e {
            Event::Store(c) => add(&c.sid),
            Event::StoreSwept { ids, .. } => ids.iter().for_each(&mut add),
            _ => {}
        }
    }
    out
}

/// Takes snapshots, sharing what did not change with the last one it took.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    last: Option<Snapshot>,
    /// Snapshots taken after each request of the navigation running now.
    hops: Vec<Snapshot>,
}

/// The recorder the workbench and its lab's [`AfterHop`] probe share.
pub(super) type SharedRecorder = Rc<RefCell<Recorder>>;

/// The probe that snapshots the lab after every request (redirect hops included).
pub(super) fn hop_probe(rec: &SharedRecorder) -> AfterHop {
    let rec = rec.clone();
    Box::new(move |lab, x| {
        let mut r = rec.borrow_mut();
        let s = r.take(lab, touched_ids(&x.events));
        r.hops.push(s);
    })
}

impl Recorder {
    /// The state of `lab` now; `touched` names the store rows a partial snapshot keeps.
    pub(super) fn take(&mut self, lab: &Lab, touched: Vec<String>) -> Snapshot {
        let last = self.last.as_ref();
        let separate = lab.stores().len() > 1;
        let twin = separate.then(|| {
            let prev = last.and_then(|s| s.twin.as_ref());
            store_snap(lab, lab.instance(2), touched.clone(), prev)
        });
        let s = Snapshot {
            victim: jar_snap(lab.victim.jar.cookies(), last.map(|s| &s.victim)),
            attacker: jar_snap(lab.attacker.jar.cookies(), last.map(|s| &s.attacker)),
            store: store_snap(lab, &lab.server, touched, last.map(|s| &s.store)),
            twin,
            at: lab.now,
        };
        self.last = Some(s.clone());
        s
    }

    /// The snapshots of the requests made since the last call.
    pub(super) fn hops(&mut self) -> Vec<Snapshot> {
        std::mem::take(&mut self.hops)
    }

    /// Forgets the last snapshot (a new lab shares nothing with the old one's).
    pub(super) fn forget(&mut self) {
        self.last = None;
        self.hops.clear();
    }
}

fn jar_snap(jar: &[Cookie], prev: Option<&Rc<[Cookie]>>) -> Rc<[Cookie]> {
    match prev {
        Some(p) if p.len() == jar.len() && p.iter().zip(jar).all(|(a, b)| same_cookie(a, b)) => {
            p.clone()
        }
        _ => Rc::from(jar.to_vec()),
    }
}

/// The store (or notebook) of one instance, `server`, of `lab`.
fn store_snap(
    lab: &Lab,
    server: &Server,
    touched: Vec<String>,
    prev: Option<&Rc<StoreSnap>>,
) -> Rc<StoreSnap> {
    let app = lab.config.app;
    let (shape, total) = if app.uses_session() {
        (
            StoreShape::Sessions(server.options.store),
            server.store.len_raw(),
        )
    } else if app == App::Manual {
        (StoreShape::Notebook, server.manual.cards.len())
    } else {
        (StoreShape::None, 0)
    };
    let full = total <= FULL_STORE;
    let fresh: Vec<PastRow> = match shape {
        StoreShape::None => Vec::new(),
        StoreShape::Sessions(_) if full => server.store.rows().into_iter().map(row_of).collect(),
        StoreShape::Sessions(_) => touched
            .iter()
            .filter_map(|sid| server.store.rows_find(sid))
            .map(row_of)
            .collect(),
        StoreShape::Notebook => match server.manual.to_json() {
            crate::engine::json::Value::Object(m) => m
                .into_iter()
                .filter(|(id, _)| full || touched.contains(id))
                .map(|(sid, v)| PastRow {
                    sid,
                    data: stringify(&v),
                    expires: None,
                })
                .collect(),
            _ => Vec::new(),
        },
    };
    let touched = (!full).then_some(touched);
    let prev_rows: &[Rc<PastRow>] = prev.map_or(&[], |p| &p.rows);
    let mut by_sid: Option<HashMap<&str, &Rc<PastRow>>> = None;
    let mut all_shared = prev_rows.len() == fresh.len();
    // not collected in place: that would keep the rows' allocation, seven times the pointers'
    let mut rows: Vec<Rc<PastRow>> = Vec::with_capacity(fresh.len());
    rows.extend(fresh.into_iter().enumerate().map(|(i, r)| {
        // the usual case: the same rows in the same order
        let same_place = prev_rows.get(i).filter(|p| ***p == r);
        let found = same_place.or_else(|| {
            all_shared = false;
            let map = by_sid
                .get_or_insert_with(|| prev_rows.iter().map(|p| (p.sid.as_str(), p)).collect());
            map.get(r.sid.as_str()).copied().filter(|p| ***p == r)
        });
        match found {
            Some(p) => p.clone(),
            None => Rc::new(r),
        }
    }));
    let snap = StoreSnap {
        shape,
        rows,
        total,
        touched,
    };
    match prev {
        Some(p)
            if all_shared
                && p.shape == snap.shape
                && p.total == total
                && p.touched == snap.touched =>
        {
            p.clone()
        }
        _ => Rc::new(snap),
    }
}

fn row_of(r: crate::engine::store::StoreRow) -> PastRow {
    PastRow {
        data: r.session_json.unwrap_or_else(|| stringify(&r.held)),
        sid: r.sid,
        expires: r.expires,
    }
}

// ---- the view ---------------------------------------------------------------------------------

/// How an entry changed a cookie or a store row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// It was not there before.
    Added,
    /// It was there, different.
    Changed,
    /// It was there and is gone.
    Removed,
}

/// A cookie of the jar in the past, and how the entry changed it.
#[derive(Clone, Debug, PartialEq)]
pub struct PastCookie {
    /// The cookie as it was (for a removed one, as it was before).
    pub cookie: Cookie,
    /// What the entry did to it, if anything.
    pub change: Option<Change>,
    /// Whether it went with the entry's request: `None` when the entry sent no request from
    /// this jar, the jar was not asked (a hand-written `Cookie` header, a cookie that expired
    /// on the way out) or the cookie only came with the answer.
    pub went: Option<Went>,
}

/// What the jar decided for one cookie when the entry's request left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Went {
    /// In the `Cookie` header.
    Sent,
    /// Held back, and why.
    Withheld(Withheld),
}

/// A store row in the past, and how the entry changed it.
#[derive(Clone, Debug, PartialEq)]
pub struct PastStoreRow {
    /// The row as it was (for a removed one, as it was before, if known).
    pub row: Rc<PastRow>,
    /// What the entry did to it, if anything.
    pub change: Option<Change>,
}

/// The store in the past.
#[derive(Clone, Debug, PartialEq)]
pub struct PastStore {
    /// What kind of store it was.
    pub shape: StoreShape,
    /// The rows the snapshot kept, newest first as the store table shows them, then the
    /// removed ones.
    pub rows: Vec<PastStoreRow>,
    /// How many rows the store held.
    pub total: usize,
    /// Only the rows the entry touched were kept (the store was larger than [`FULL_STORE`]).
    pub partial: bool,
}

/// The state right after a timeline entry, as the jar pane and the store table show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Past {
    /// The entry.
    pub entry: Rc<LogEntry>,
    /// The browser whose jar this is ([`Workbench::jar_owner`]).
    pub browser: BrowserId,
    /// Its cookies in the jar's order, then the ones the entry removed.
    pub jar: Vec<PastCookie>,
    /// The store (with two instances that each keep their own, `app1`'s).
    pub store: PastStore,
    /// `app2`'s own store, when each instance keeps its own.
    pub twin: Option<PastStore>,
    /// The virtual clock then.
    pub at: Millis,
}

impl Past {
    /// How many cookies, and how many store rows (both stores' where there are two), the
    /// entry changed.
    pub fn changes(&self) -> (usize, usize) {
        let jar = self.jar.iter().filter(|c| c.change.is_some()).count();
        let store = (self.store.rows.iter())
            .chain(self.twin.iter().flat_map(|t| t.rows.iter()))
            .filter(|r| r.change.is_some())
            .count();
        (jar, store)
    }
}

/// The time-travel banner's two sentences: which entry's state is shown (read-only), and how
/// much that entry changed. The banner shows them; the live region says them when the
/// learner travels.
pub fn banner_text(lang: Lang, past: &Past) -> (String, String) {
    // an event's title comes quoted without its full stop ([`entry_title`])
    let title = fill(
        t(lang, Key::TravelBanner),
        &[("what", &entry_title(lang, &past.entry))],
    );
    // each place's own count: the banner shows over the jar and over the store, and a total
    // of 2 read as two rows in each, where each marked one (a reviewer)
    let changes = match past.changes() {
        (0, 0) => t(lang, Key::TravelNoChanges).to_string(),
        // an app that keeps nothing on the server has no store to count in
        (jar, _) if past.store.shape == StoreShape::None => {
            fill(t(lang, Key::TravelChangesJar), &[("jar", &jar.to_string())])
        }
        (jar, store) => fill(
            t(lang, Key::TravelChanges),
            &[("jar", &jar.to_string()), ("store", &store.to_string())],
        ),
    };
    (title, changes)
}

/// The entry in a few words: its time and request (`04:01:23 GET /user`), or its time and
/// what happened, quoted (`04:01:23 “The clock moved forward 1 min”`).
pub fn entry_title(lang: Lang, e: &LogEntry) -> String {
    let clock = clock_text(e.at);
    let time = clock.get(11..19).unwrap_or(&clock);
    match &e.exchange {
        Some(x) => format!("{time} {} {}", x.request.method, x.url.target()),
        None => {
            let what = e
                .events
                .iter()
                .find_map(|ev| explain(lang, ev))
                .map(|(s, _)| s);
            let mut what = what.unwrap_or_default();
            if what.chars().count() > 60 {
                what = what.chars().take(59).collect::<String>() + "…";
            }
            // quoted, without its full stop: inside "the state after …" an unquoted sentence
            // ran on ("after 06:01:18 The server restarted: 1 session lost, 0 kept (read-only)")
            let what = what.trim_end().trim_end_matches(['.', '。']);
            if what.is_empty() {
                time.to_string()
            } else {
                format!("{time} “{what}”")
            }
        }
    }
}

fn jar_changes(now: &[Cookie], before: Option<&[Cookie]>) -> Vec<PastCookie> {
    let Some(before) = before else {
        return now
            .iter()
            .map(|c| PastCookie {
                cookie: c.clone(),
                change: None,
                went: None,
            })
            .collect();
    };
    let mut out: Vec<PastCookie> = now
        .iter()
        .map(|c| {
            let change = match before.iter().find(|b| b.key() == c.key()) {
                None => Some(Change::Added),
                Some(b) if !same_cookie(b, c) => Some(Change::Changed),
                Some(_) => None,
            };
            PastCookie {
                cookie: c.clone(),
                change,
                went: None,
            }
        })
        .collect();
    out.extend(
        before
            .iter()
            .filter(|b| !now.iter().any(|c| c.key() == b.key()))
            .map(|b| PastCookie {
                cookie: b.clone(),
                change: Some(Change::Removed),
                went: None,
            }),
    );
    out
}

/// Marks each cookie with what the jar decided for it when `who`'s request in `entry` left,
/// from the request's `CookieConsidered` events. They name the cookie only, so two cookies of
/// one name (another path or domain) take the decisions in the jar's order; a cookie this
/// entry added came with the answer and was not asked about.
fn mark_went(jar: &mut [PastCookie], entry: &LogEntry, who: BrowserId) {
    let Some(x) = entry.exchange.as_ref().filter(|x| x.browser == who) else {
        return;
    };
    let mut decided: Vec<(&str, Went)> = x
        .events
        .iter()
        .filter_map(|e| match e {
            Event::CookieConsidered {
                browser,
                name,
                withheld,
                ..
            } if *browser == who => Some((
                name.as_str(),
                withheld.clone().map_or(Went::Sent, Went::Withheld),
            )),
            _ => None,
        })
        .collect();
    for pc in jar.iter_mut().filter(|pc| pc.change != Some(Change::Added)) {
        if let Some(i) = decided.iter().position(|(n, _)| *n == pc.cookie.name) {
            pc.went = Some(decided.remove(i).1);
        }
    }
}

/// What the entry's own events say happened to a row no earlier snapshot knew.
fn inferred(sid: &str, present: bool, events: &[&Event]) -> Option<Change> {
    let call = |op: StoreOp, hit: bool| {
        events.iter().any(|e| match e {
            Event::Store(c) => {
                c.sid == sid
                    && c.op == op
                    && (!hit || c.result == CallResult::Hit)
                    && !matches!(c.result, CallResult::Failed(_))
            }
            _ => false,
        })
    };
    let swept = events
        .iter()
        .any(|e| matches!(e, Event::StoreSwept { ids, .. } if ids.iter().any(|i| i == sid)));
    match present {
        true if call(StoreOp::Get, true) => {
            (call(StoreOp::Set, false) || call(StoreOp::Touch, false)).then_some(Change::Changed)
        }
        true => Some(Change::Added),
        false if call(StoreOp::Destroy, false) || swept => Some(Change::Removed),
        false => None,
    }
}

fn store_changes(cur: &StoreSnap, earlier: &[&StoreSnap], events: &[&Event]) -> PastStore {
    let mut present: Vec<PastStoreRow> = cur
        .rows
        .iter()
        .rev()
        .map(|r| PastStoreRow {
            row: r.clone(),
            change: None,
        })
        .collect();
    let mut removed: Vec<PastStoreRow> = Vec::new();
    if let Some(before) = earlier.first() {
        // what the latest snapshot that knows an id says it was
        let was = |sid: &str| {
            earlier
                .iter()
                .map(|s| s.lookup(sid))
                .find(|k| !matches!(k, Known::Unknown))
                .unwrap_or(Known::Unknown)
        };
        for p in &mut present {
            p.change = match was(&p.row.sid) {
                Known::Present(b) if **b == *p.row => None,
                Known::Present(_) => Some(Change::Changed),
                Known::Absent => Some(Change::Added),
                Known::Unknown => inferred(&p.row.sid, true, events),
            };
        }
        // ids held before and not now
        let mut gone: Vec<String> = Vec::new();
        if cur.full() {
            gone.extend(before.rows.iter().map(|r| r.sid.clone()));
        }
        gone.extend(cur.touched.iter().flatten().cloned());
        gone.extend(touched_ids(events.iter().copied()));
        let mut seen: Vec<&str> = Vec::new();
        for sid in &gone {
            if seen.contains(&sid.as_str()) || cur.rows.iter().any(|r| &r.sid == sid) {
                continue;
            }
            seen.push(sid);
            let row = match was(sid) {
                Known::Present(b) => Some(b.clone()),
                Known::Absent => None,
                Known::Unknown => inferred(sid, false, events).map(|_| {
                    Rc::new(PastRow {
                        sid: sid.clone(),
                        data: String::new(),
                        expires: None,
                    })
                }),
            };
            removed.extend(row.map(|row| PastStoreRow {
                row,
                change: Some(Change::Removed),
            }));
        }
    }
    present.extend(removed);
    PastStore {
        shape: cur.shape,
        rows: present,
        total: cur.total,
        partial: !cur.full(),
    }
}

/// The state after `entry`, given the snapshots before it (newest first: the entries before
/// it, then the timeline's base), for `who`'s jar.
pub fn past_view(entry: &Rc<LogEntry>, earlier: &[&Snapshot], who: BrowserId) -> Past {
    let after = &entry.after;
    let events: Vec<&Event> = entry
        .events
        .iter()
        .chain(entry.exchange.iter().flat_map(|x| x.events.iter()))
        .collect();
    let stores: Vec<&StoreSnap> = earlier.iter().map(|s| &*s.store).collect();
    let twins: Vec<&StoreSnap> = earlier.iter().filter_map(|s| s.twin.as_deref()).collect();
    let mut jar = jar_changes(after.jar(who), earlier.first().map(|s| &**s.jar(who)));
    mark_went(&mut jar, entry, who);
    Past {
        entry: entry.clone(),
        browser: who,
        jar,
        store: store_changes(&after.store, &stores, &events),
        twin: after
            .twin
            .as_ref()
            .map(|t| store_changes(t, &twins, &events)),
        at: after.at,
    }
}

impl Workbench {
    /// The id of the entry whose state the jar and store show, while travelling (and while
    /// that entry is still in the timeline).
    pub fn travel(&self) -> Option<u64> {
        let id = self.travel?;
        self.timeline.position(id).map(|_| id)
    }

    /// The state after the entry the learner travelled to, or `None` for now.
    pub fn past(&self) -> Option<Past> {
        let i = self.timeline.position(self.travel?)?;
        let entries = self.timeline.entries();
        let earlier: Vec<&Snapshot> = entries[..i]
            .iter()
            .rev()
            .map(|e| &e.after)
            .chain(self.timeline.base())
            .collect();
        Some(past_view(&entries[i], &earlier, self.jar_owner()))
    }

    /// The state now, for an entry about to be logged (`touched`: the store rows it names).
    pub(super) fn snapshot(&self, touched: Vec<String>) -> Snapshot {
        self.recorder.borrow_mut().take(&self.lab, touched)
    }
}
