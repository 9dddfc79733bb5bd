//! Recording what the learner does as a scenario file (`docs/scenario-format.md`) that
//! replays to the same trace, byte for byte.
//!
//! Record starts a fresh lab with the options and deployment as they stand (empty jars, an
//! empty store) and logs every id the server hands out. Stop turns the timeline since then
//! into steps: each request (every redirect hop, the attacker's too) a `request` step, the
//! clock an `advance`, a restart `restart_server`, a closed browser `close_browser`. Jar edits
//! and forged values are not steps of their own: the request after them carries its `Cookie`
//! header explicitly, exactly when the replay's own jar would send something else. The ids
//! logged become `genid`. Changing the options, the deployment or the place ends the
//! recording there, since a scenario runs one configuration.

use super::{LogEntry, Op, Workbench};
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Event};
use crate::engine::ids::SeededRandom;
use crate::engine::jar::{Api, RequestContext};
use crate::engine::json::{json, Map, Value};
use crate::engine::lab::Action;
use crate::engine::lab::{Exchange, LabConfig};
use crate::engine::scenario::{RequestStep, Scenario, Step};
use crate::engine::trace::{play_step, Player, TRACE_SEED};

/// A recording under way.
#[derive(Clone, Debug, PartialEq)]
pub struct Recording {
    /// The first timeline entry that belongs to it (ids only grow).
    pub from_id: u64,
    /// The clock when it started (the scenario's `now`).
    pub now: Millis,
    /// The configuration it runs (the scenario's app, options and deployment).
    pub config: LabConfig,
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
        self.recording = Some(Recording {
            from_id: self.timeline.next_id(),
            now,
            config,
        });
    }

    /// Stops recording and keeps the scenario's text for download.
    pub(super) fn record_stop(&mut self) {
        let Some(rec) = self.recording.take() else {
            return;
        };
        let ids = self.lab.server.ids.logged().to_vec();
        self.lab.server.ids.log_ids(false);
        self.lab.record_snapshots = false;
        let entries: Vec<&LogEntry> = self
            .timeline
            .entries()
            .iter()
            .filter(|e| e.id >= rec.from_id)
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
}

/// Whether an op changes what a scenario can hold in one file (the app, its options, the
/// deployment, the place, the shared database), so a recording ends before it. Clearing the
/// timeline ends it too (what was recorded is gone from it), and so does sending requests at
/// once, which a recording does not turn into `parallel` steps yet.
pub(super) fn ends_recording(op: &Op) -> bool {
    matches!(
        op,
        Op::Configure(_)
            | Op::Deploy(_)
            | Op::TryOption(..)
            | Op::SelectLesson(_)
            | Op::SelectVariant(_)
            | Op::StartChallenge(_)
            | Op::LeaveChallenge
            | Op::Reset
            | Op::LoadScenario(_)
            | Op::LeaveScenario
            | Op::ApplyFragment(_)
            | Op::HostMessage(_)
            | Op::DbChanged(..)
            | Op::ClearLog
            | Op::SimStart(..)
            | Op::Fire { .. }
            | Op::Act(Action::Configure(_))
    )
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
        for e in entries {
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

/// A step as the scenario file writes it.
fn step_json(step: &Step) -> Option<Value> {
    Some(match step {
        Step::Request(r) => {
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
            json!({ "request": m })
        }
        Step::Advance(ms) => json!({ "advance": ms }),
        Step::RestartServer => json!({ "restart_server": {} }),
        Step::CloseBrowser(b) => json!({ "close_browser": { "browser": b.code() } }),
        // a recording never makes one: sending at once ends it (see ends_recording)
        Step::Parallel(_) => return None,
    })
}
