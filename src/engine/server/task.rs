//! One request as the server works through it, stopping wherever Node would wait: at each
//! store call (`get` when the session loads, `destroy` inside `regenerate()` and `destroy()`,
//! `set` or `touch` at the end) and at a handler's own timer. [`Server::step`] runs a [`Task`]
//! up to its next wait; whoever drives it (one request at a time, or the lab's queue of
//! requests in flight, `lab/flight.rs`) decides when the wait is over.
//!
//! With every wait over at once, this is exactly the synchronous request the lab always ran
//! ([`Server::handle`]); with a store whose calls take time, several tasks interleave the way
//! Node interleaves their callbacks.

use super::http::{Request, Res, Response};
use super::{auth, counter, express, App, Server};
use crate::engine::clock::Millis;
use crate::engine::events::Event;
use crate::engine::json::Value;
use crate::engine::session::middleware::{
    begin_head, EndOp, Entry, Env, Head, Loading, SessionRequest, SessionState,
};
use crate::engine::store::StoreOp;
use std::rc::Rc;

/// What a task waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wait {
    /// A store call (its callback runs when the store answers).
    Store(StoreOp),
    /// The handler's own `setTimeout(fn, ms)`.
    Timer(Millis),
}

/// Where a route stopped, to go on from when its wait is over.
#[derive(Clone, Debug, PartialEq)]
pub enum Resume {
    /// Lesson 3's `/regenerate`, after the store's `destroy`.
    CounterRegenerate,
    /// Lesson 3's `/destroy`, after the store's `destroy`.
    CounterDestroy,
    /// The fixed login, after `regenerate()`'s `destroy`.
    LoginRegenerate,
    /// The fixed logout, after `destroy()`.
    LogoutDestroy,
    /// Lesson 4's `/slow`, when its timer fires: the name read before it.
    Slow(Option<Value>),
}

/// What a route did: finished, or stopped to wait.
#[derive(Clone, Debug, PartialEq)]
pub enum Flow {
    /// The handler has sent its response (or thrown).
    Done,
    /// It waits for `Wait`, then goes on at `Resume`.
    Await(Wait, Resume),
}

/// What one [`Server::step`] came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Poll {
    /// The task waits; step it again when the wait is over.
    Wait(Wait),
    /// The response is complete.
    Done(Response),
}

#[derive(Debug)]
enum Next {
    Start,
    Load(Loading),
    Route(Resume),
    End(EndOp),
    Finished,
}

/// One request in the server's hands.
#[derive(Debug)]
pub struct Task {
    /// Shared with the lab's record of the exchange (the server only reads it).
    req: Rc<Request>,
    res: Res,
    state: Option<SessionState>,
    ran: Vec<&'static str>,
    next: Next,
}

impl Task {
    /// A request that has just arrived.
    pub fn new(req: Rc<Request>) -> Task {
        Task {
            req,
            res: Res::new(),
            state: None,
            ran: Vec::new(),
            next: Next::Start,
        }
    }

    /// The request.
    pub fn request(&self) -> &Request {
        &self.req
    }

    /// The session id this request works on (`req.sessionID`), once it has one.
    pub fn session_id(&self) -> Option<&str> {
        match &self.next {
            Next::Load(l) => Some(l.sid()),
            _ => self.state.as_ref().map(|s| s.session_id.as_str()),
        }
    }
}

impl Server {
    /// Handles one request to the end, every store call answered at once.
    pub fn handle(&mut self, req: Request, now: Millis, events: &mut Vec<Event>) -> Response {
        let mut task = Task::new(Rc::new(req));
        loop {
            if let Poll::Done(r) = self.step(&mut task, now, events) {
                return r;
            }
        }
    }

    /// Runs `task` at `now` up to its next wait (or its end).
    pub fn step(&mut self, task: &mut Task, now: Millis, events: &mut Vec<Event>) -> Poll {
        let next = std::mem::replace(&mut task.next, Next::Finished);
        let trust = self.trust_proxy.trusts_peer();
        let app = self.app;
        let mut env = Env {
            store: self.store.as_mut(),
            ids: &mut self.ids,
            now,
            events,
            quiet: self.quiet,
        };
        let opts = &self.options;
        let routed = match next {
            Next::Finished => return Poll::Done(task.res.finish()),
            Next::Start => {
                let req = &task.req;
                // read once: the event copies it, the session middleware reads it below
                let header = req.header("cookie");
                env.note(|| Event::RequestReceived {
                    method: req.method.clone(),
                    target: req.target.clone(),
                    cookie: header.as_deref().map(str::to_string),
                });
                express::init(&mut task.res);
                match app {
                    App::CookieOnly | App::CookieOnlySigned => {
                        let routed = super::cookie_only::handle(
                            app,
                            &task.req,
                            &mut task.res,
                            &mut env,
                            &mut task.ran,
                        );
                        settle(task, routed.map(|()| Flow::Done), &mut env);
                        return finish(task, &mut env);
                    }
                    App::Manual => {
                        let routed = super::manual::handle(
                            &mut self.manual,
                            &task.req,
                            &mut task.res,
                            &mut env,
                            &mut task.ran,
                        );
                        settle(task, routed.map(|()| Flow::Done), &mut env);
                        return finish(task, &mut env);
                    }
                    App::Counter | App::AuthSeed | App::AuthFixed => {}
                }
                // the auth app mounts cookieParser() (no secret); express-session falls back
                // to its result
                let parsed = (app != App::Counter)
                    .then(|| super::cookie_parser::parse(header.as_deref(), &[]));
                let forwarded = req.header("x-forwarded-proto");
                let sreq = SessionRequest {
                    pathname: req.pathname(),
                    cookie_header: header.as_deref(),
                    encrypted: req.encrypted,
                    forwarded_proto: forwarded.as_deref(),
                    trust_proxy: trust,
                    parser_cookie: parsed.as_ref().and_then(|p| p.cookie(&opts.name)),
                };
                match begin_head(opts, &sreq, &mut env) {
                    Head::Load(l) => {
                        task.next = Next::Load(l);
                        return Poll::Wait(Wait::Store(StoreOp::Get));
                    }
                    Head::Done(entry) => enter(app, task, entry, opts, &mut env),
                }
            }
            Next::Load(l) => {
                let entry = l.finish(opts, &mut env);
                enter(app, task, entry, opts, &mut env)
            }
            Next::Route(r) => resume(app, r, task, opts, &mut env),
            Next::End(op) => {
                if let Some(st) = task.state.as_mut() {
                    if let Err(e) = st.end_apply(&op, &mut env) {
                        // the response is already on its way; the error only reaches the log
                        env.events.push(Event::ServerError {
                            message: e.to_string(),
                        });
                    }
                }
                return finish(task, &mut env);
            }
        };
        match routed {
            Some(Flow::Await(wait, r)) => {
                task.next = Next::Route(r);
                Poll::Wait(wait)
            }
            // no session (an error before the routes): the response is complete
            None => finish(task, &mut env),
            Some(Flow::Done) => {
                let Some(st) = task.state.as_mut() else {
                    return finish(task, &mut env);
                };
                if let Some(h) = st.on_headers(opts, &mut env) {
                    task.res.append("Set-Cookie", h);
                }
                match st.end_plan(opts, &mut env) {
                    Some(op) => {
                        let wait = Wait::Store(op.op());
                        task.next = Next::End(op);
                        Poll::Wait(wait)
                    }
                    None => finish(task, &mut env),
                }
            }
        }
    }
}

/// After the middleware's entry: the routes, or Express's error page. `None` when the request
/// ended without reaching them.
fn enter(
    app: App,
    task: &mut Task,
    entry: Entry,
    opts: &crate::engine::session::SessionOptions,
    env: &mut Env,
) -> Option<Flow> {
    task.state = match entry {
        Entry::Skipped => None,
        Entry::Error(message) => {
            env.events.push(Event::ServerError { message });
            express::server_error(&task.req, &mut task.res);
            return None;
        }
        Entry::Ready(s) => Some(s),
    };
    let routed = match app {
        App::Counter => counter::route(
            &task.req,
            &mut task.res,
            &mut task.state,
            opts,
            env,
            &mut task.ran,
        ),
        a => auth::route(
            a,
            &task.req,
            &mut task.res,
            &mut task.state,
            opts,
            env,
            &mut task.ran,
        ),
    };
    Some(settle(task, routed, env))
}

fn resume(
    app: App,
    r: Resume,
    task: &mut Task,
    opts: &crate::engine::session::SessionOptions,
    env: &mut Env,
) -> Option<Flow> {
    let routed = match app {
        App::Counter => counter::resume(
            r,
            &task.req,
            &mut task.res,
            &mut task.state,
            opts,
            env,
            &mut task.ran,
        ),
        a => auth::resume(
            a,
            r,
            &task.req,
            &mut task.res,
            &mut task.state,
            opts,
            env,
            &mut task.ran,
        ),
    };
    Some(settle(task, routed, env))
}

/// A route's exception reaches Express's error handler (a 500).
fn settle(task: &mut Task, routed: Result<Flow, String>, env: &mut Env) -> Flow {
    match routed {
        Ok(flow) => flow,
        Err(message) => {
            env.events.push(Event::ServerError { message });
            express::server_error(&task.req, &mut task.res);
            Flow::Done
        }
    }
}

/// The response as it leaves: the lines that ran, and what was sent.
fn finish(task: &mut Task, env: &mut Env) -> Poll {
    task.next = Next::Finished;
    let anchors = std::mem::take(&mut task.ran);
    if !anchors.is_empty() {
        env.note(|| Event::CodeRan { anchors });
    }
    let response = task.res.finish();
    env.note(|| Event::ResponseSent {
        status: response.status,
        set_cookies: response.set_cookie_values().map(str::to_string).collect(),
    });
    Poll::Done(response)
}
