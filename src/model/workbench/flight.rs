//! Requests in flight as the page sends and shows them: [`Op::Fire`](super::Op::Fire) sends
//! several addresses at once, and two views of what happened: the interleaving, one row per
//! step in time order ([`flight_rows`], the timeline's diagram), and the store's writes in the
//! order they landed, with the one that won ([`write_history`], under the store table).

use super::timeline::Timeline;
use super::Workbench;
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Cause, Event};
use crate::engine::json::Value;
use crate::engine::lab::{Action, Exchange, Fire, FlightStep, Navigate, Outcome, StepKind};
use crate::engine::store::StoreOp;
use crate::engine::url::Url;
use crate::i18n::{fill, t, Key, Lang};

/// An address as typed in "Send requests at once", optionally after a method as in an HTTP
/// request line (`POST /transfer?to=bob&amount=10`): the method (`GET` if none) and the rest.
pub fn split_method(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((m, rest))
            if (1..=16).contains(&m.len()) && m.bytes().all(|c| c.is_ascii_uppercase()) =>
        {
            (m, rest.trim())
        }
        _ => ("GET", text),
    }
}

/// What is still in the air after requests sent without waiting (the form's line and the
/// live region say the same).
pub fn in_air_text(lang: Lang, n: usize) -> String {
    fill(t(lang, Key::FlightInAir), &[("n", &n.to_string())])
}

impl Workbench {
    /// [`super::Op::Fire`]: each address relative to the browser's page (or the app's home),
    /// optionally after a method ([`split_method`]), sent without waiting; with `wait`, run
    /// until every answer has come.
    pub(super) fn fire(
        &mut self,
        b: BrowserId,
        requests: Vec<(String, Millis)>,
        wait: bool,
    ) -> Outcome {
        let page = self.lab.browser(b).url.clone();
        let base = page
            .clone()
            .or_else(|| Url::parse(&self.lab.home_url()).ok());
        let fires: Vec<Fire> = requests
            .into_iter()
            .map(|(text, after)| {
                let (method, href) = split_method(&text);
                let target = base
                    .as_ref()
                    .and_then(|u| u.join(href).ok())
                    .map_or_else(|| href.to_string(), |u| u.to_string());
                let mut n = Navigate::typed(b, &target);
                n.method = method.to_string();
                if page.is_some() {
                    // sent by the page: same-site for SameSite, as a link from it would be
                    n.cause = Cause::AtOnce;
                    n.initiator = page.clone();
                }
                Fire {
                    navigate: n,
                    after: after.clamp(0, crate::engine::lab::MAX_LATENCY),
                }
            })
            .collect();
        // the first id this flight's entries get
        let first = self.timeline.last_id() + 1;
        let steps = self.recording.is_some().then(|| {
            fires
                .iter()
                .map(|f| (super::record::request_step(&f.navigate), f.after))
                .collect::<Vec<_>>()
        });
        // waited for, the answers are one action: said together, in the order they came
        let since = self.announcement.n;
        let out = if wait {
            self.act_all([Action::Fire(fires), Action::Settle])
        } else {
            self.act(Action::Fire(fires))
        };
        // not waited for: the line that says so appears with its words already in it, which
        // a screen reader may not read; the live region says it
        let in_air = self.in_flight();
        if in_air > 0 {
            self.announcement
                .add(since, &in_air_text(self.lang, in_air));
        }
        if let Some(steps) = steps {
            let ids = first..self.timeline.last_id() + 1;
            self.record_fire(ids, steps, &out, page.as_ref());
        }
        out
    }

    /// How many requests are in flight.
    pub fn in_flight(&self) -> usize {
        self.lab.flight.len()
    }
}

/// What one row of the interleaving says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowWhat {
    /// The request left: its method and target.
    Sent(String, String),
    /// A store call (`get`, `set`, ...) that took `took` ms completed: a read's answer
    /// reached the server, a write landed in the store.
    Store {
        /// The call.
        op: StoreOp,
        /// How long it took.
        took: Millis,
        /// A save that replaced another request's write (that request), or put back a
        /// destroyed session (`true` in `undid_destroy`).
        overwrote: Option<u32>,
        /// The save put back a session another request destroyed.
        undid_destroy: bool,
    },
    /// The handler's timer fired after `took` ms.
    Timer(Millis),
    /// The answer came: its status.
    Answered(u16),
}

/// A lifeline of the interleaving's diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// The browser.
    Browser,
    /// The server.
    Server,
    /// The session store.
    Store,
}

impl RowWhat {
    /// Where its arrow goes from and to (`None`: a timer, on the server's own line). A write
    /// goes into the store, at the time it landed (drawn out of the store, as the answers
    /// are, a reviewer read a set as a read: the race is about which write landed last).
    pub fn arrow(&self) -> Option<(Lane, Lane)> {
        match self {
            RowWhat::Sent(..) => Some((Lane::Browser, Lane::Server)),
            RowWhat::Store {
                op: StoreOp::Get, ..
            } => Some((Lane::Store, Lane::Server)),
            RowWhat::Store { .. } => Some((Lane::Server, Lane::Store)),
            RowWhat::Timer(_) => None,
            RowWhat::Answered(_) => Some((Lane::Server, Lane::Browser)),
        }
    }
}

/// One row of the interleaving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlightRow {
    /// Milliseconds since the flight's first step.
    pub at: Millis,
    /// The request's number.
    pub request: u32,
    /// What happened.
    pub what: RowWhat,
}

/// The most characters of a request's target a row's label shows: with its number and
/// method, the label fits between the browser's and the server's lifelines (at 18 a long
/// `/transfer?to=bob&…` ran over the server's; at 14 it ran into its arrowhead).
pub const LABEL_TARGET: usize = 12;

impl FlightRow {
    /// A sent row's request in full (`#1 POST /transfer?to=bob&amount=10`), when its label
    /// cuts the target short: the diagram lists those under it (the cut label hid the
    /// transfer's to= and amount=, the point of lesson 6's race; dark theme review).
    pub fn cut_request(&self) -> Option<String> {
        match &self.what {
            RowWhat::Sent(method, target) if target.chars().count() > LABEL_TARGET => {
                Some(format!("#{} {method} {target}", self.request))
            }
            _ => None,
        }
    }

    /// The row's label in the diagram: `#1 POST /transfer?to=…`, `#2 set 50ms ✗#1`.
    pub fn label(&self) -> String {
        match &self.what {
            RowWhat::Sent(method, target) => {
                let target = if target.chars().count() > LABEL_TARGET {
                    let kept: String = target.chars().take(LABEL_TARGET - 1).collect();
                    format!("{kept}…")
                } else {
                    target.clone()
                };
                format!("#{} {method} {target}", self.request)
            }
            RowWhat::Store {
                op,
                took,
                overwrote,
                undid_destroy,
            } => {
                let mut s = format!("#{} {} {took}ms", self.request, op.name());
                if *undid_destroy {
                    s.push_str(" ⟲");
                } else if let Some(o) = overwrote {
                    s.push_str(&format!(" ✗#{o}"));
                }
                s
            }
            RowWhat::Timer(ms) => format!("#{} setTimeout {ms}ms", self.request),
            RowWhat::Answered(status) => format!("#{} {status}", self.request),
        }
    }
}

/// The exchange of request `id` in the latest flight (the newest one with that number).
fn exchange_of(timeline: &Timeline, id: u32) -> Option<&Exchange> {
    timeline
        .entries()
        .iter()
        .rev()
        .filter_map(|e| e.exchange.as_ref())
        .find(|x| x.flight == Some(id))
}

/// The latest flight, one row per step in the order they happened.
pub fn flight_rows(timeline: &Timeline) -> Vec<FlightRow> {
    let steps = timeline.flight();
    let Some(t0) = steps.first().map(|s| s.at) else {
        return Vec::new();
    };
    steps
        .iter()
        .map(|s| {
            let x = exchange_of(timeline, s.request);
            let what = match s.kind {
                StepKind::Sent => RowWhat::Sent(
                    x.map_or_else(String::new, |x| x.request.method.clone()),
                    x.map_or_else(String::new, |x| x.url.target()),
                ),
                StepKind::Store(op) => {
                    let found = |want: fn(&Event) -> Option<u32>| {
                        x.and_then(|x| x.events.iter().find_map(want))
                    };
                    let overwrote = (op == StoreOp::Set)
                        .then(|| {
                            found(|e| match e {
                                Event::SaveOverwrote { overwritten, .. } => Some(*overwritten),
                                Event::DestroyedSessionSaved { destroyed_by, .. } => {
                                    Some(*destroyed_by)
                                }
                                _ => None,
                            })
                        })
                        .flatten();
                    let undid_destroy = op == StoreOp::Set
                        && found(|e| matches!(e, Event::DestroyedSessionSaved { .. }).then_some(0))
                            .is_some();
                    RowWhat::Store {
                        op,
                        took: s.at - s.since,
                        overwrote,
                        undid_destroy,
                    }
                }
                StepKind::Timer => RowWhat::Timer(s.at - s.since),
                StepKind::Answered => RowWhat::Answered(x.map_or(0, |x| x.response.status)),
            };
            FlightRow {
                at: s.at - t0,
                request: s.request,
                what,
            }
        })
        .collect()
}

/// What became of one write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// It is what the store holds now (the write that won).
    Won,
    /// A later write by this request replaced it.
    ReplacedBy(u32),
    /// This request destroyed the session afterwards.
    DestroyedBy(u32),
    /// A destroy, and the session stayed gone.
    Gone,
}

/// One write to the store in the latest flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteRow {
    /// Milliseconds since the flight's first step.
    pub at: Millis,
    /// The request that wrote.
    pub request: u32,
    /// `set` or `destroy`.
    pub op: StoreOp,
    /// The session id.
    pub sid: String,
    /// For a `set`: the session's data as written, without its cookie (`{"views":2}`).
    pub data: Option<String>,
    /// What became of it.
    pub fate: Fate,
}

/// The store's writes in the latest flight, in the order they landed, each with what became
/// of it: the last write of each session is the one the store holds.
pub fn write_history(timeline: &Timeline) -> Vec<WriteRow> {
    let steps = timeline.flight();
    let t0 = steps.first().map_or(0, |s| s.at);
    let writes: Vec<&FlightStep> = steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Store(StoreOp::Set | StoreOp::Destroy)))
        .filter(|s| s.sid.is_some())
        .collect();
    writes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let sid = s.sid.clone().unwrap_or_default();
            let op = match s.kind {
                StepKind::Store(op) => op,
                _ => StoreOp::Set,
            };
            let next = writes[i + 1..]
                .iter()
                .find(|w| w.sid.as_deref() == Some(sid.as_str()));
            let fate = match (next, op) {
                (None, StoreOp::Destroy) => Fate::Gone,
                (None, _) => Fate::Won,
                (Some(n), _) if n.kind == StepKind::Store(StoreOp::Destroy) => {
                    Fate::DestroyedBy(n.request)
                }
                (Some(n), _) => Fate::ReplacedBy(n.request),
            };
            WriteRow {
                at: s.at - t0,
                request: s.request,
                op,
                sid,
                data: s.wrote.as_deref().map(data_only),
                fate,
            }
        })
        .collect()
}

/// The writes of the latest flight that a later write of the same session undid without
/// having seen them, each with that later write: its request loaded the session before the
/// first write landed, then saved its own copy over it (a lost update), or saved back the
/// session the first had destroyed. A later write whose request read the first one (a second
/// visit sent after the first had answered, a login's redirect) undoes nothing. This is the
/// engine's own test (`SaveOverwrote`, `DestroyedSessionSaved`), read from the flight's steps.
pub fn undone_writes(timeline: &Timeline) -> Vec<(WriteRow, WriteRow)> {
    let steps = timeline.flight();
    let rows = write_history(timeline);
    // the step of each row, in the same order (write_history lists the writes with an id)
    let writes: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, StepKind::Store(StoreOp::Set | StoreOp::Destroy)))
        .filter(|(_, s)| s.sid.is_some())
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (n, first) in rows.iter().enumerate() {
        let Fate::ReplacedBy(by) = first.fate else {
            continue;
        };
        let Some(m) =
            (n + 1..rows.len()).find(|&m| rows[m].sid == first.sid && rows[m].request == by)
        else {
            continue;
        };
        let then = &rows[m];
        let (Some(&i), Some(&j)) = (writes.get(n), writes.get(m)) else {
            continue;
        };
        // the last load of the session by the later request before it wrote
        let loaded = steps[..j].iter().rposition(|s| {
            s.request == by
                && s.kind == StepKind::Store(StoreOp::Get)
                && s.sid.as_deref() == Some(first.sid.as_str())
        });
        if then.op == StoreOp::Set && loaded.is_some_and(|k| k < i) {
            out.push((first.clone(), then.clone()));
        }
    }
    out
}

/// The writes of the latest flight that stand although another request of it had loaded
/// the same session before they landed and then only touched it (`resave: false`, a handler
/// that changed nothing): each with that request's number. Lesson 6's step 8, the race
/// fixed: the bar said only "✓ … the store has the session", nothing of the write that
/// would have been lost and was not.
pub fn kept_writes(timeline: &Timeline) -> Vec<(WriteRow, u32)> {
    let steps = timeline.flight();
    let t0 = steps.first().map_or(0, |s| s.at);
    let mut out = Vec::new();
    for row in write_history(timeline) {
        if row.op != StoreOp::Set || row.fate != Fate::Won {
            continue;
        }
        let same = |s: &&FlightStep| s.sid.as_deref() == Some(row.sid.as_str());
        // a request that loaded the session before this write landed and touched it after
        let other = steps.iter().filter(same).find_map(|s| {
            let loaded_before = s.kind == StepKind::Store(StoreOp::Get) && s.at - t0 < row.at;
            let touched_after = steps.iter().filter(same).any(|t| {
                t.request == s.request
                    && t.kind == StepKind::Store(StoreOp::Touch)
                    && t.at - t0 >= row.at
            });
            (s.request != row.request && loaded_before && touched_after).then_some(s.request)
        });
        if let Some(r) = other {
            out.push((row, r));
        }
    }
    out
}

/// A session's JSON without its cookie: the data the handlers wrote.
fn data_only(json: &str) -> String {
    match crate::engine::json::from_str(json) {
        Ok(Value::Object(mut m)) => {
            m.swap_remove("cookie");
            crate::engine::json::stringify(&Value::Object(m))
        }
        _ => json.to_string(),
    }
}

#[cfg(test)]
mod method_tests {
    use super::split_method;
    use crate::engine::store::StoreOp;

    #[test]
    fn a_method_may_come_before_the_address() {
        assert_eq!(
            split_method("POST /transfer?to=bob&amount=10"),
            ("POST", "/transfer?to=bob&amount=10")
        );
        assert_eq!(
            split_method("  http://localhost:8080/slow "),
            ("GET", "http://localhost:8080/slow")
        );
        assert_eq!(split_method("post /x"), ("GET", "post /x"));
        assert_eq!(split_method(""), ("GET", ""));
    }

    #[test]
    fn reads_come_out_of_the_store_and_writes_go_into_it() {
        use super::{Lane, RowWhat};
        let store = |op| RowWhat::Store {
            op,
            took: 50,
            overwrote: None,
            undid_destroy: false,
        };
        assert_eq!(
            store(StoreOp::Get).arrow(),
            Some((Lane::Store, Lane::Server))
        );
        for op in [StoreOp::Set, StoreOp::Touch, StoreOp::Destroy] {
            assert_eq!(
                store(op).arrow(),
                Some((Lane::Server, Lane::Store)),
                "{op:?}"
            );
        }
        assert_eq!(
            RowWhat::Sent("GET".into(), "/".into()).arrow(),
            Some((Lane::Browser, Lane::Server))
        );
        assert_eq!(
            RowWhat::Answered(200).arrow(),
            Some((Lane::Server, Lane::Browser))
        );
        assert_eq!(RowWhat::Timer(100).arrow(), None);
    }

    #[test]
    fn a_long_target_is_cut_so_its_label_stays_between_the_lifelines() {
        use super::{FlightRow, RowWhat, LABEL_TARGET};
        let row = |target: &str| FlightRow {
            at: 0,
            request: 1,
            what: RowWhat::Sent("POST".into(), target.into()),
        };
        assert_eq!(
            row("/transfer?to=bob&amount=10").label(),
            "#1 POST /transfer?t…"
        );
        assert_eq!(row("/slow").label(), "#1 POST /slow");
        // a target of exactly the limit is whole; a multi-byte one is cut by characters
        let exact: String = "x".repeat(LABEL_TARGET);
        assert_eq!(row(&exact).label(), format!("#1 POST {exact}"));
        assert_eq!(
            row("/用户页面用户页面用户页面用户页面")
                .label()
                .chars()
                .count(),
            8 + LABEL_TARGET
        );
    }
}
