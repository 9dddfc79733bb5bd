//! Requests in flight: several requests open at once, interleaved the way Node interleaves
//! them. Each request is a [`Task`] that stops at every store call (and at a handler's own
//! timer); the lab keeps a queue of what is due when, ordered by virtual time and then by the
//! order the waits began (as timers of equal delay fire in Node), and runs one due thing at a
//! time, moving its clock to it. With a store whose calls take time (the deployment's
//! [`super::StoreLatency`]), two requests that load the same session both load it before
//! either saves, and the later save wins.
//!
//! The queue also watches the store's writes: a save that replaces what another request wrote
//! after this one loaded the session ([`Event::SaveOverwrote`], the resave race), or that puts
//! back a session another request destroyed ([`Event::DestroyedSessionSaved`], the logout
//! undone).

use super::instances::pin;
use super::{Exchange, Lab, Navigate, Outcome, MAX_REDIRECTS};
use crate::engine::browser::is_redirect;
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Cause, Event};
use crate::engine::jar::RequestContext;
use crate::engine::json::Value;
use crate::engine::server::http::{Request, Response};
use crate::engine::server::task::{Poll, Task, Wait};
use crate::engine::store::{CallResult, StoreOp};
use crate::engine::url::Url;
use crate::engine::{attacker_site, lab::RouteWhy};
use std::collections::{BTreeMap, HashMap};

/// One request fired without waiting for the others: it leaves the browser `after` ms after
/// the action that fires it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fire {
    /// The request.
    pub navigate: Navigate,
    /// Milliseconds after the firing (0: at once).
    pub after: Millis,
}

impl Fire {
    /// A request fired at once.
    pub fn now(navigate: Navigate) -> Fire {
        Fire { navigate, after: 0 }
    }
}

/// What one step in a request's life was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The request left the browser and reached the server.
    Sent,
    /// The store answered a call (and a write took effect).
    Store(StoreOp),
    /// The handler's own timer fired.
    Timer,
    /// The response reached the browser.
    Answered,
}

impl StepKind {
    /// As the trace prints it: `sent`, `get`, `set`, `touch`, `destroy`, `timer`, `answered`.
    pub fn code(self) -> &'static str {
        match self {
            StepKind::Sent => "sent",
            StepKind::Store(op) => op.name(),
            StepKind::Timer => "timer",
            StepKind::Answered => "answered",
        }
    }
}

/// One step of a request in flight, at the virtual time it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct FlightStep {
    /// When it happened.
    pub at: Millis,
    /// The request's number in the flight (from 1).
    pub request: u32,
    /// What happened.
    pub kind: StepKind,
    /// When what ended here began (the store call, the timer; `at` for the others).
    pub since: Millis,
    /// The store right after a write (`set`, `destroy`), when the lab records snapshots.
    pub store: Option<Value>,
    /// The session id a store call was about.
    pub sid: Option<String>,
    /// After a `set`: the session's JSON as the store now holds it (what this write put
    /// there; the page's history of writes shows it).
    pub wrote: Option<String>,
}

struct Due {
    at: Millis,
    seq: u64,
    id: u32,
    since: Millis,
    wait: Option<Wait>,
}

struct InFlight {
    nav: Navigate,
    url: Url,
    method: String,
    hop: u8,
    ctx: RequestContext,
    /// The first request of its navigation (redirect hops are requests of their own).
    root: u32,
    sent: Millis,
    request: Option<std::rc::Rc<Request>>,
    task: Option<(u8, RouteWhy, Task)>,
    events: Vec<Event>,
    /// The session id it loaded, and how many writes the store had seen then.
    loaded: Option<(String, u64)>,
}

struct Written {
    seq: u64,
    by: u32,
    op: StoreOp,
}

/// The requests in flight and what is due when ([`Lab::flight`]).
#[derive(Default)]
pub struct Flight {
    queue: Vec<Due>,
    seq: u64,
    requests: BTreeMap<u32, InFlight>,
    next_id: u32,
    ledger: HashMap<(u8, String), Written>,
    writes: u64,
}

impl std::fmt::Debug for Flight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flight")
            .field("in_flight", &self.requests.len())
            .finish()
    }
}

impl Flight {
    /// How many requests are open.
    pub fn len(&self) -> usize {
        self.requests.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }

    /// When the next thing is due, if anything is.
    pub fn next_due(&self) -> Option<Millis> {
        self.queue.iter().map(|d| d.at).min()
    }

    fn push(&mut self, at: Millis, id: u32, since: Millis, wait: Option<Wait>) {
        self.seq += 1;
        self.queue.push(Due {
            at,
            seq: self.seq,
            id,
            since,
            wait,
        });
    }

    fn pop_due(&mut self, until: Millis) -> Option<Due> {
        let i = self
            .queue
            .iter()
            .enumerate()
            .filter(|(_, d)| d.at <= until)
            .min_by_key(|(_, d)| (d.at, d.seq))
            .map(|(i, _)| i)?;
        Some(self.queue.swap_remove(i))
    }
}

impl Lab {
    /// Fires requests without waiting: each leaves its browser `after` ms from now. Whatever
    /// is due now runs at once (with a store that answers at once, that can be every request
    /// to its end, interleaved). The numbers the requests got, in order.
    pub(super) fn fire(&mut self, fires: Vec<Fire>, out: &mut Outcome) -> Vec<u32> {
        if self.flight.is_empty() {
            self.flight.next_id = 0;
            self.flight.ledger.clear();
        }
        let mut ids = Vec::new();
        for f in fires {
            let n = f.navigate;
            let Some((url, ctx)) = self.resolve(&n, out) else {
                continue;
            };
            self.flight.next_id += 1;
            let id = self.flight.next_id;
            let at = self.now.saturating_add(f.after.max(0));
            self.flight.requests.insert(
                id,
                InFlight {
                    method: n.method.to_ascii_uppercase(),
                    nav: n,
                    url,
                    hop: 0,
                    ctx,
                    root: id,
                    sent: at,
                    request: None,
                    task: None,
                    events: Vec::new(),
                    loaded: None,
                },
            );
            self.flight.push(at, id, at, None);
            ids.push(id);
        }
        let now = self.now;
        self.run_until(now, out);
        ids
    }

    /// Runs everything due up to `until`, in order, the clock moving to each.
    pub(super) fn run_until(&mut self, until: Millis, out: &mut Outcome) {
        while let Some(due) = self.flight.pop_due(until) {
            self.run_due(due, out);
        }
    }

    /// Runs until no request is in flight.
    pub(super) fn settle(&mut self, out: &mut Outcome) {
        self.run_until(Millis::MAX, out);
    }

    /// Fires one navigation and runs until it (with its redirects) has its answer; the
    /// requests already in flight go on as the clock moves.
    pub(super) fn navigate_in_flight(&mut self, n: Navigate, out: &mut Outcome) {
        let ids = self.fire(vec![Fire::now(n)], out);
        let Some(root) = ids.first().copied() else {
            return;
        };
        while self.flight.requests.values().any(|r| r.root == root) {
            match self.flight.pop_due(Millis::MAX) {
                Some(due) => self.run_due(due, out),
                None => break,
            }
        }
    }

    /// Drops every request in flight (the server they were in stopped).
    pub(super) fn drop_flight(&mut self) {
        self.flight = Flight::default();
    }

    fn run_due(&mut self, due: Due, out: &mut Outcome) {
        self.now = self.now.max(due.at);
        let Some(mut r) = self.flight.requests.remove(&due.id) else {
            return;
        };
        let poll = match due.wait {
            None => self.send(due.id, &mut r, out),
            Some(w) => {
                let kind = match w {
                    Wait::Store(op) => StepKind::Store(op),
                    Wait::Timer(_) => StepKind::Timer,
                };
                let k = out.flight.len();
                out.flight.push(FlightStep {
                    at: self.now,
                    request: due.id,
                    kind,
                    since: due.since,
                    store: None,
                    sid: None,
                    wrote: None,
                });
                let Some((instance, why, mut task)) = r.task.take() else {
                    return;
                };
                let before = r.events.len();
                let poll = self.step_on(instance, &mut task, &mut r.events);
                self.watch_writes(due.id, instance, &mut r, before);
                let sid = r.events[before..].iter().find_map(|e| match e {
                    Event::Store(c) => Some(c.sid.clone()),
                    _ => None,
                });
                if kind == StepKind::Store(StoreOp::Set) {
                    out.flight[k].wrote = sid.as_deref().and_then(|sid| {
                        let store = &self.instance(instance).store;
                        store.rows_find(sid).and_then(|row| row.session_json)
                    });
                }
                out.flight[k].sid = sid;
                if matches!(kind, StepKind::Store(StoreOp::Set | StoreOp::Destroy))
                    && self.record_snapshots
                {
                    out.flight[k].store = Some(self.store_snapshot());
                }
                r.task = Some((instance, why, task));
                Some(poll)
            }
        };
        match poll {
            None => {}
            Some(Poll::Wait(w)) => {
                let at = self.now.saturating_add(self.wait_ms(&w));
                self.flight.push(at, due.id, self.now, Some(w));
                self.flight.requests.insert(due.id, r);
            }
            Some(Poll::Done(response)) => self.answer(due.id, r, response, out),
        }
    }

    /// The request leaves the browser and reaches the server (or the attacker's site, which
    /// answers at once). `None` when it has already been answered.
    fn send(&mut self, id: u32, r: &mut InFlight, out: &mut Outcome) -> Option<Poll> {
        let now = self.now;
        r.sent = now;
        r.events.push(Event::RequestStarted {
            browser: r.nav.browser,
            method: r.method.clone(),
            url: r.url.href(),
            cause: if r.hop == 0 {
                r.nav.cause.clone()
            } else {
                Cause::Redirect(r.hop)
            },
        });
        let ctx = RequestContext {
            method: r.method.clone(),
            ..r.ctx.clone()
        };
        let headers = if r.hop == 0 {
            r.nav.headers.clone()
        } else {
            Vec::new()
        };
        let cookie = if r.hop == 0 {
            r.nav.cookie_override.clone()
        } else {
            None
        };
        let outgoing = crate::engine::browser::Outgoing {
            method: &r.method,
            url: &r.url,
            ctx: &ctx,
            headers: &headers,
            cookie_override: cookie.as_deref(),
        };
        let request = std::rc::Rc::new(self.browser_mut(r.nav.browser).build_request(
            &outgoing,
            now,
            &mut r.events,
        ));
        if r.nav.browser == BrowserId::Victim {
            let url = r.url.clone();
            self.sniff(&url, url.href(), &request, now, &mut r.events);
        }
        out.flight.push(FlightStep {
            at: now,
            request: id,
            kind: StepKind::Sent,
            since: now,
            store: None,
            sid: None,
            wrote: None,
        });
        r.request = Some(request.clone());
        if self.attackers(&r.url) {
            let (res, _) = attacker_site::respond(&request, self.config.app.port());
            r.events.push(Event::AttackerSiteAnswered {
                path: request.pathname().to_string(),
                status: res.status,
            });
            r.task = None;
            return Some(Poll::Done(res));
        }
        let (instance, why, req) = self.route_in(&request, &mut r.events);
        let mut task = Task::new(req);
        let poll = self.step_on(instance, &mut task, &mut r.events);
        r.task = Some((instance, why, task));
        Some(poll)
    }

    /// Which store a write went to: each instance's own MemoryStore, or the one they share.
    fn store_key(&self, instance: u8) -> u8 {
        if self.twin.is_some() && !self.server.store.kind().outside_the_process() {
            instance
        } else {
            0
        }
    }

    /// Reads the store calls a step made: what this request loaded, and whether a write of
    /// its replaced (or undid) another request's write made since.
    fn watch_writes(&mut self, id: u32, instance: u8, r: &mut InFlight, from: usize) {
        let store = self.store_key(instance);
        let calls: Vec<(usize, _)> = r.events[from..]
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match e {
                Event::Store(c) => Some((from + i, c.clone())),
                _ => None,
            })
            .collect();
        // the events go right after the store call that caused them
        let mut inserted = 0;
        for (at, c) in calls {
            let key = (store, c.sid.clone());
            match c.op {
                StoreOp::Get => r.loaded = Some((c.sid.clone(), self.flight.writes)),
                StoreOp::Set | StoreOp::Destroy if matches!(c.result, CallResult::Done) => {
                    if c.op == StoreOp::Set {
                        let since_load = match &r.loaded {
                            Some((sid, seq)) if *sid == c.sid => Some(*seq),
                            _ => None,
                        };
                        if let (Some(seq0), Some(w)) = (since_load, self.flight.ledger.get(&key)) {
                            if w.seq > seq0 && w.by != id {
                                let e = if w.op == StoreOp::Destroy {
                                    Event::DestroyedSessionSaved {
                                        sid: c.sid.clone(),
                                        request: id,
                                        destroyed_by: w.by,
                                    }
                                } else {
                                    Event::SaveOverwrote {
                                        sid: c.sid.clone(),
                                        request: id,
                                        overwritten: w.by,
                                    }
                                };
                                inserted += 1;
                                r.events.insert(at + inserted, e);
                            }
                        }
                    }
                    self.flight.writes += 1;
                    let seq = self.flight.writes;
                    self.flight.ledger.insert(
                        key,
                        Written {
                            seq,
                            by: id,
                            op: c.op,
                        },
                    );
                }
                _ => {}
            }
        }
    }

    /// The response reaches the browser: its cookies go in the jar, the exchange is logged,
    /// and a redirect sends the next request.
    fn answer(&mut self, id: u32, mut r: InFlight, mut response: Response, out: &mut Outcome) {
        let now = self.now;
        let instance = match &r.task {
            Some((instance, why, _)) => {
                pin(*why, *instance, &mut response);
                *instance
            }
            None => 1,
        };
        let ctx = RequestContext {
            method: r.method.clone(),
            ..r.ctx.clone()
        };
        self.browser_mut(r.nav.browser)
            .receive(&r.url, &ctx, &response, now, &mut r.events);
        let store_calls = r
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Store(c) => Some(c.op),
                _ => None,
            })
            .collect();
        let store = self.record_snapshots.then(|| self.store_snapshot());
        let response = std::rc::Rc::new(response);
        out.flight.push(FlightStep {
            at: now,
            request: id,
            kind: StepKind::Answered,
            since: r.sent,
            store: None,
            sid: None,
            wrote: None,
        });
        let exchange = Exchange {
            browser: r.nav.browser,
            url: r.url.clone(),
            request: r.request.take().unwrap_or_else(|| {
                std::rc::Rc::new(Request {
                    method: r.method.clone(),
                    target: r.url.target(),
                    headers: Vec::new(),
                    encrypted: r.url.secure,
                })
            }),
            response: std::rc::Rc::clone(&response),
            events: std::mem::take(&mut r.events),
            store_calls,
            store,
            hop: r.hop,
            at: r.sent,
            answered: now,
            flight: Some(id),
            initiator: r.nav.initiator.clone(),
            instance,
        };
        out.exchanges.push(exchange);
        if let Some(mut probe) = self.after_hop.take() {
            if let Some(x) = out.exchanges.last() {
                probe(self, x);
            }
            self.after_hop = Some(probe);
        }
        let next = response
            .header("location")
            .filter(|_| r.nav.follow_redirects && is_redirect(response.status))
            .and_then(|l| r.url.join(l).ok());
        match next {
            Some(next) if r.hop < MAX_REDIRECTS => {
                out.events.push(Event::Redirected {
                    browser: r.nav.browser,
                    status: response.status,
                    to: next.href(),
                    hop: r.hop + 1,
                });
                if let Err(reason) = self.reach(&next) {
                    out.events.push(Event::NavigationFailed {
                        browser: r.nav.browser,
                        url: next.href(),
                        reason,
                    });
                    return;
                }
                let status = response.status;
                let method =
                    if status == 303 || ((status == 301 || status == 302) && r.method == "POST") {
                        "GET".to_string()
                    } else {
                        r.method.clone()
                    };
                self.flight.next_id += 1;
                let next_id = self.flight.next_id;
                self.flight.requests.insert(
                    next_id,
                    InFlight {
                        nav: r.nav,
                        url: next,
                        method,
                        hop: r.hop + 1,
                        ctx: r.ctx,
                        root: r.root,
                        sent: now,
                        request: None,
                        task: None,
                        events: Vec::new(),
                        loaded: None,
                    },
                );
                self.flight.push(now, next_id, now, None);
            }
            Some(_) => out.events.push(Event::TooManyRedirects {
                browser: r.nav.browser,
            }),
            None => {
                let b = self.browser_mut(r.nav.browser);
                b.url = Some(r.url);
                b.page = Some(response);
            }
        }
    }
}
