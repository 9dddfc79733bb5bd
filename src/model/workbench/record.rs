//! Recording what the learner does as a scenario file (`docs/scenario-format.md`) that
//! replays to the same trace, byte for byte.
//!
//! Record starts a fresh lab with the options and deployment as they stand (empty jars, an
//! empty store) and logs every id the server hands out. Stop turns the timeline since then
//! into steps: each request (every redirect hop, the attacker's too) a `request` step, the
//! clock an `advance`, a restart `restart_server`, a closed browser `close_browser`. Jar edits
//! and forged values are not steps of their own: the request after them carries its `Cookie`
//! header explicitly, exactly when the replay's own jar would send something else. Requests
//! sent at once (and waited for) become one `parallel` step. The ids logged become `genid`.
//! Changing the options, the deployment or the place ends the recording there, since a
//! scenario runs one configuration; so does a flight a `parallel` step cannot replay (see
//! [`Workbench::record_fire`]).

use super::{LogEntry, Op, Workbench};
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Event};
use crate::engine::ids::SeededRandom;
use crate::engine::jar::{Api, RequestContext};
use crate::engine::json::{json, Map, Value};
use crate::engine::lab::Action;
use crate::engine::lab::{Exchange, LabConfig, Navigate, Outcome};
use crate::engine::scenario::{RequestStep, Scenario, Step};
use crate::engine::trace::{play_step, Player, TRACE_SEED};
use crate::engine::url::Url;
use crate::i18n::Key;

/// A recording under way.
#[derive(Clone, Debug, PartialEq)]
pub struct Recording {
    /// The first timeline entry that belongs to it (ids only grow).
    pub from_id: u64,
    /// The clock when it started (the scenario's `now`).
    pub now: Millis,
    /// The configuration it runs (the scenario's app, options and deployment).
    pub config: LabConfig,
    /// The requests sent at once, each a `parallel` step.
    pub fires: Vec<RecordedFire>,
}

/// Requests sent at once during a recording: the timeline entries they made, and the
/// `parallel` step that replays them.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedFire {
    /// The ids of the timeline entries the flight made (its requests, as their answers came).
    pub ids: std::ops::Range<u64>,
    /// Each request, and when it left after the step began.
    pub requests: Vec<(RequestStep, Millis)>,
}

/// A navigation as a scenario's `request` step writes it (no `Cookie`: the replay's jar sends
/// one, unless the recording finds it must be explicit).
pub(super) fn request_step(n: &Navigate) -> RequestStep {
    RequestStep {
        method: n.method.to_ascii_uppercase(),
        url: Url::parse(&n.url).map_or_else(|_| n.url.clone(), |u| u.href()),
        browser: n.browser,
        headers: Vec::new(),
    }
}

impl Workbench {
    /// Starts recording: a fresh lab with the configuration as it stands, its ids logged.
    pub(super) fn record_start(&mut self) {
        self.db.clear();
        let config = self.lab.config.clone();
        let mut lab = self.new_lab(config.clone());
        lab.server.ids.log_ids(true);
        // the store after each request, as the trace prints it
        lab.record_snapshots = true;
        let now = lab.now;
        self.install(lab);
        self.recorded = None;
        // the learner records in the lab: the panel gives the panes their room back (left
        // open, at 1280x720 it squeezed them to 16 px, and its button had become Stop)
        self.panel = None;
        self.recording = Some(Recording {
            // the server's start, which install() just logged in the cleared timeline
            from_id: self.timeline.last_id(),
            now,
            config,
            fires: Vec::new(),
        });
    }

    /// Keeps requests just sent at once (their timeline entries `ids`) as a `parallel` step,
    /// or ends the recording before them where a step cannot replay them: when one was
    /// redirected (the flight follows redirects, a `parallel` step does not), never reached a
    /// server, or left from the attacker's page (a cross-site initiator, which a step cannot
    /// name).
    pub(super) fn record_fire(
        &mut self,
        ids: std::ops::Range<u64>,
        requests: Vec<(RequestStep, Millis)>,
        out: &Outcome,
        page: Option<&Url>,
    ) {
        let answered = out.exchanges.iter().filter(|x| x.flight.is_some()).count();
        let replayable = answered == requests.len()
            && out.exchanges.iter().all(|x| x.hop == 0)
            && !page.is_some_and(crate::engine::attacker_site::serves);
        match (&mut self.recording, replayable) {
            (Some(rec), true) => rec.fires.push(RecordedFire { ids, requests }),
            (Some(_), false) => self.record_stop_before(Some(ids.start), RecordEnd::Flight),
            (None, _) => {}
        }
    }

    /// Stops recording and keeps the scenario's text for download.
    pub(super) fn record_stop_because(&mut self, why: RecordEnd) {
        self.record_stop_before(None, why);
    }

    /// Stops recording, keeping the timeline's entries up to `until` (an entry id), or all.
    fn record_stop_before(&mut self, until: Option<u64>, why: RecordEnd) {
        let Some(rec) = self.recording.take() else {
            return;
        };
        self.record_end = why;
        let ids = self.lab.server.ids.logged().to_vec();
        self.lab.server.ids.log_ids(false);
        self.lab.record_snapshots = false;
        let entries: Vec<&LogEntry> = self
            .timeline
            .entries()
            .iter()
            .filter(|e| e.id >= rec.from_id && until.is_none_or(|u| e.id < u))
            .map(|e| &**e)
            .collect();
        let value = scenario_json(&rec, &ids, &entries);
        self.recorded = Some(crate::engine::json::stringify_pretty(&value, 2) + "\n");
        // the recording is offered in the Scenario panel
        self.panel = Some(super::ToolPanel::Scenario);
    }

    /// Whether a recording is under way.
    pub fn recording(&self) -> bool {
        self.recording.is_some()
    }

    /// The last recording's scenario file, once stopped.
    pub fn recorded(&self) -> Option<&str> {
        self.recorded.as_deref()
    }

    /// How many steps the last recording's file has.
    pub fn recorded_steps(&self) -> usize {
        (self.recorded.as_deref())
            .and_then(|text| crate::engine::scenario::parse(text).ok())
            .map_or(0, |s| s.steps.len())
    }

    /// Why the last recording ended.
    pub fn record_end(&self) -> RecordEnd {
        self.record_end
    }
}

/// Why a recording ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordEnd {
    /// The learner pressed Stop.
    Stopped,
    /// The options or the deployment changed (a scenario runs one configuration).
    Configuration,
    /// Another lesson, variant, challenge or scenario, a reset, or a link's place.
    Place,
    /// The timeline was cleared (what was recorded is gone from it).
    Log,
    /// The visitor simulation ran on the lab's server.
    Simulation,
    /// Requests sent at once that a `parallel` step cannot replay.
    Flight,
}

impl RecordEnd {
    /// What the page says about it; nothing for a Stop the learner pressed.
    pub fn key(self) -> Option<Key> {
        Some(match self {
            RecordEnd::Stopped => return None,
            RecordEnd::Configuration => Key::RecordEndedConfig,
            RecordEnd::Place => Key::RecordEndedPlace,
            RecordEnd::Log => Key::RecordEndedLog,
            RecordEnd::Simulation => Key::RecordEndedSim,
            RecordEnd::Flight => Key::RecordEndedFlight,
        })
    }
}

/// Whether an op changes what a scenario can hold in one file (the app, its options, the
/// deployment, the place, the shared database), so a recording ends before it. Clearing the
/// timeline ends it too (what was recorded is gone from it), and so does sending requests at
/// once without waiting for the answers, which a `parallel` step (it ends when every answer
/// has come) cannot replay.
pub(super) fn ends_recording(op: &Op) -> Option<RecordEnd> {
    Some(match op {
        Op::Configure(_)
        | Op::Deploy(_)
        | Op::TryOption(..)
        | Op::DbChanged(..)
        | Op::Act(Action::Configure(_)) => RecordEnd::Configuration,
        Op::SelectLesson(_)
        | Op::SelectVariant(_)
        | Op::StartChallenge(_)
        | Op::LeaveChallenge
        | Op::BackToChallenge
        | Op::Reset
        | Op::LoadScenario(_)
        | Op::LeaveScenario
        | Op::ApplyFragment(_)
        | Op::HostMessage(_) => RecordEnd::Place,
        Op::ClearLog => RecordEnd::Log,
        Op::SimStart(..) => RecordEnd::Simulation,
        Op::Fire { wait: false, .. } => RecordEnd::Flight,
        _ => return None,
    })
}

/// The scenario a recording makes: its steps, with a `Cookie` header wherever the replay's jar
/// would send another one (found by replaying the steps as they are written).
pub fn scenario_json(rec: &Recording, ids: &[String], entries: &[&LogEntry]) -> Value {
    let (app, variant) = rec.config.app.names();
    let base = Scenario {
        app: rec.config.app,
        options: rec.config.overrides.clone(),
        genid: ids.to_vec(),
        id_scheme: Some(rec.config.id_scheme),
        now: rec.now,
        deploy: rec.config.deploy,
        steps: Vec::new(),
        title: None,
        says: Vec::new(),
    };
    let mut steps: Vec<Value> = Vec::new();
    if let Ok(mut player) = Player::new(&base, Box::new(SeededRandom(TRACE_SEED))) {
        // the end of the flight whose entries are being skipped (its step is written)
        let mut in_flight_until = 0;
        for e in entries {
            if e.id < in_flight_until {
                continue;
            }
            if let Some(f) = rec.fires.iter().find(|f| f.ids.start == e.id) {
                in_flight_until = f.ids.end;
                let step = Step::Parallel(parallel_requests(&mut player, f, entries));
                let _ = play_step(&mut player.lab, &step);
                if let Some(json) = step_json(&step) {
                    steps.push(json);
                }
                continue;
            }
            for (step, json) in entry_steps(e) {
                let step = match step {
                    Step::Request(mut r) => {
                        let ex = e.exchange.as_ref();
                        if let Some(x) = ex {
                            if needs_cookie(&mut player, x) {
                                let sent =
                                    x.request.header("cookie").unwrap_or_default().into_owned();
                                r.headers.push(("Cookie".into(), sent));
                            }
                        }
                        Step::Request(r)
                    }
                    other => other,
                };
                let _ = play_step(&mut player.lab, &step);
                steps.push(step_json(&step).unwrap_or(json));
            }
        }
    }
    let mut top = Map::new();
    top.insert("app".into(), Value::String(app.into()));
    if let Some(v) = variant {
        top.insert("variant".into(), Value::String(v.into()));
    }
    if !rec.config.overrides.is_empty() {
        top.insert(
            "options".into(),
            Value::Object(rec.config.overrides.clone()),
        );
    }
    if let Some(d) = rec.config.deploy.to_json() {
        top.insert("deploy".into(), d);
    }
    if let Some(s) = rec.config.deploy.settings_json() {
        top.insert("app_settings".into(), s);
    }
    top.insert(
        "id_scheme".into(),
        Value::String(rec.config.id_scheme.code().into()),
    );
    if !ids.is_empty() {
        top.insert("genid".into(), json!(ids));
    }
    top.insert("now".into(), Value::from(rec.now));
    top.insert("steps".into(), Value::Array(steps));
    Value::Object(top)
}

/// A flight's requests as its `parallel` step writes them. When the replay's jar would not
/// send what the lab's sent with the first of them (the jar was edited before), every request
/// carries the `Cookie` header it was sent with, explicitly.
fn parallel_requests(
    player: &mut Player,
    f: &RecordedFire,
    entries: &[&LogEntry],
) -> Vec<(RequestStep, Millis)> {
    let sent: Vec<&Exchange> = entries
        .iter()
        .filter(|e| f.ids.contains(&e.id))
        .filter_map(|e| e.exchange.as_ref())
        .collect();
    let by_flight = |i: usize| {
        sent.iter()
            .find(|x| x.flight == Some(i as u32 + 1))
            .copied()
    };
    let explicit = by_flight(0).is_some_and(|x| needs_cookie(player, x));
    f.requests
        .iter()
        .enumerate()
        .map(|(i, (r, after))| {
            let mut r = r.clone();
            if let Some(x) = by_flight(i).filter(|_| explicit) {
                let cookie = x.request.header("cookie").unwrap_or_default().into_owned();
                r.headers.push(("Cookie".into(), cookie));
            }
            (r, *after)
        })
        .collect()
}

/// Whether the replay's jar would send a different `Cookie` header than the lab sent.
fn needs_cookie(player: &mut Player, x: &Exchange) -> bool {
    let mut jar = player.lab.browser(x.browser).jar.clone();
    let ctx = RequestContext::typed(&x.request.method);
    let (would, _, _) = jar.cookie_header(&x.url, &ctx, Api::Http, player.lab.now);
    would.as_deref() != x.request.header("cookie").as_deref()
}

/// The steps a timeline entry makes (a request, or what happened outside one), each with its
/// JSON as written without a `Cookie` header.
fn entry_steps(e: &LogEntry) -> Vec<(Step, Value)> {
    if let Some(x) = &e.exchange {
        let by_attackers_site = x
            .events
            .iter()
            .any(|ev| matches!(ev, Event::AttackerSiteAnswered { .. }));
        if by_attackers_site {
            // the attacker's own site is not part of a scenario; what it made the browser do
            // next is a request of its own
            return Vec::new();
        }
        let headers: Vec<(String, String)> = x
            .request
            .headers
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("cookie"))
            .cloned()
            .collect();
        let step = Step::Request(RequestStep {
            method: x.request.method.clone(),
            url: x.url.to_string(),
            browser: x.browser,
            headers,
        });
        let json = step_json(&step).unwrap_or(Value::Null);
        return vec![(step, json)];
    }
    e.events
        .iter()
        .filter_map(|ev| {
            let step = match ev {
                Event::ClockAdvanced { by, .. } => Step::Advance(*by),
                Event::ServerStarted { restart: true, .. } => Step::RestartServer,
                Event::BrowserClosed { browser, .. } => Step::CloseBrowser(*browser),
                _ => return None,
            };
            let json = step_json(&step)?;
            Some((step, json))
        })
        .collect()
}

/// A request as a scenario's `request` step (or an item of a `parallel` one) writes it.
fn request_json(r: &RequestStep) -> Value {
    let mut m = Map::new();
    if r.method != "GET" {
        m.insert("method".into(), Value::String(r.method.clone()));
    }
    m.insert("url".into(), Value::String(r.url.clone()));
    if r.browser == BrowserId::Attacker {
        m.insert("browser".into(), Value::String(r.browser.code().into()));
    }
    if !r.headers.is_empty() {
        let h: Map<String, Value> = r
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        m.insert("headers".into(), Value::Object(h));
    }
    Value::Object(m)
}

/// A step as the scenario file writes it.
fn step_json(step: &Step) -> Option<Value> {
    Some(match step {
        Step::Request(r) => json!({ "request": request_json(r) }),
        Step::Advance(ms) => json!({ "advance": ms }),
        Step::RestartServer => json!({ "restart_server": {} }),
        Step::CloseBrowser(b) => json!({ "close_browser": { "browser": b.code() } }),
        Step::Parallel(list) => {
            let items: Vec<Value> = list
                .iter()
                .map(|(r, after)| {
                    let mut m = Map::new();
                    m.insert(
                        "request".into(),
                        step_json(&Step::Request(r.clone()))?
                            .get("request")?
                            .clone(),
                    );
                    if *after != 0 {
                        m.insert("after".into(), Value::from(*after));
                    }
                    Some(Value::Object(m))
                })
                .collect::<Option<_>>()?;
            json!({ "parallel": items })
        }
    })
}
