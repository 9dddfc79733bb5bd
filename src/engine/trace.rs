//! Playing a scenario file (docs/scenario-format.md) in a lab and printing what happened, step
//! by step: the page plays one step at a time, `session-lab-trace` all of them; both print the
//! same JSON, which the parity suite compares with what real express-session printed.

use super::events::{Cause, Event};
use super::ids::RandomSource;
use super::lab::{default_scheme, Action, Exchange, Fire, Lab, LabConfig, Navigate, Outcome};
use super::session::OptionError;
use crate::engine::json::{Map, Value};

/// The seed for ids a scenario does not script, shared by `session-lab-trace` and the page so
/// both print the same trace.
pub const TRACE_SEED: u64 = 0x5e55_10a1;

/// A scenario being played one step at a time: the page steps through it and
/// `session-lab-trace` runs it to the end; both get the same JSON per step.
pub struct Player {
    /// The lab the scenario runs in (an in-memory store, snapshots recorded).
    pub lab: Lab,
    /// The scenario's steps; the first `results.len()` of them have been played.
    pub steps: Vec<super::scenario::Step>,
    /// What each played step printed, in order.
    pub results: Vec<Value>,
}

impl Player {
    /// A fresh lab configured as the scenario says.
    pub fn new(
        s: &super::scenario::Scenario,
        rng: Box<dyn RandomSource>,
    ) -> Result<Player, OptionError> {
        let config = LabConfig {
            app: s.app,
            overrides: s.options.clone(),
            id_scheme: s.id_scheme.unwrap_or(default_scheme(s.app)),
            deploy: s.deploy,
        };
        let mut lab = Lab::new(config, s.now, rng, Box::<super::store::MemoryKv>::default())?;
        lab.server.ids.script(s.genid.iter().cloned());
        lab.record_snapshots = true;
        Ok(Player {
            lab,
            steps: s.steps.clone(),
            results: Vec::new(),
        })
    }

    /// Whether every step has been played.
    pub fn done(&self) -> bool {
        self.results.len() >= self.steps.len()
    }

    /// Plays the next step (if any) in `lab`, returning what the engine did.
    pub fn step(&mut self) -> Option<Outcome> {
        let step = self.steps.get(self.results.len())?.clone();
        let (outcome, v) = play_step(&mut self.lab, &step);
        self.results.push(v);
        Some(outcome)
    }

    /// The trace so far, as `session-lab-trace` prints it.
    pub fn trace_text(&self) -> String {
        trace_text(&self.results)
    }
}

/// Step results as `session-lab-trace` prints them: `JSON.stringify(steps, null, 2)` and a newline.
pub fn trace_text(results: &[Value]) -> String {
    let mut text = super::json::stringify_pretty(&Value::Array(results.to_vec()), 2);
    text.push('\n');
    text
}

/// Plays one scenario step in a lab: the engine's outcome and the step's trace JSON.
pub fn play_step(lab: &mut Lab, step: &super::scenario::Step) -> (Outcome, Value) {
    use super::scenario::Step;
    match step {
        Step::Request(r) => {
            let n = navigate_of(r);
            let o = lab.apply(Action::Navigate(n));
            let two = lab.config.deploy.balanced();
            let v = match o.exchanges.first() {
                Some(x) => exchange_json(x, two),
                None => failed_json(&o),
            };
            (o, v)
        }
        Step::Parallel(list) => {
            let fires = list
                .iter()
                .map(|(r, after)| Fire {
                    navigate: navigate_of(r),
                    after: *after,
                })
                .collect();
            let mut o = lab.apply(Action::Fire(fires));
            let rest = lab.apply(Action::Settle);
            o.events.extend(rest.events);
            o.exchanges.extend(rest.exchanges);
            o.flight.extend(rest.flight);
            let v = parallel_json(lab, &o, list.len());
            (o, v)
        }
        Step::Advance(ms) => {
            let o = lab.apply(Action::Advance(*ms));
            (o, crate::json!({ "now": lab.now }))
        }
        Step::RestartServer => {
            let o = lab.apply(Action::RestartServer);
            (o, crate::json!({ "restarted": true }))
        }
        Step::CloseBrowser(b) => {
            let o = lab.apply(Action::CloseBrowser(*b));
            (o, crate::json!({ "closed": b.code() }))
        }
    }
}

/// The navigation a scenario's request step makes (redirects are not followed).
fn navigate_of(r: &super::scenario::RequestStep) -> Navigate {
    Navigate {
        browser: r.browser,
        method: r.method.clone(),
        url: r.url.clone(),
        cause: if r.cookie_override().is_some() {
            Cause::Raw
        } else {
            Cause::Typed
        },
        headers: r
            .headers
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("cookie"))
            .cloned()
            .collect(),
        cookie_override: r.cookie_override().map(str::to_string),
        follow_redirects: false,
        initiator: None,
    }
}

/// A request that never reached a server: why.
fn failed_json(o: &Outcome) -> Value {
    crate::json!({"error": o.events.iter().find_map(|e| match e {
        Event::NavigationFailed { reason, .. } => Some(reason.to_string()),
        _ => None,
    })})
}

/// One step of requests in flight as a `parallel` step's `flight` prints it.
pub fn flight_step_json(s: &super::lab::FlightStep) -> Value {
    let mut m = Map::new();
    m.insert("at".into(), Value::from(s.at));
    m.insert("request".into(), Value::from(s.request));
    m.insert("step".into(), Value::String(s.kind.code().into()));
    m.insert("since".into(), Value::from(s.since));
    if let Some(st) = &s.store {
        m.insert("store".into(), st.clone());
    }
    Value::Object(m)
}

/// A `parallel` step: each request's trace in the order the step lists them, what happened
/// when (`flight`: the step's requests numbered from 1), and the clock at the end.
fn parallel_json(lab: &Lab, o: &Outcome, n: usize) -> Value {
    let two = lab.config.deploy.balanced();
    let results: Vec<Value> = (1..=n as u32)
        .map(
            |id| match o.exchanges.iter().find(|x| x.flight == Some(id)) {
                Some(x) => exchange_json(x, two),
                None => failed_json(o),
            },
        )
        .collect();
    let steps: Vec<Value> = o.flight.iter().map(flight_step_json).collect();
    let mut m = Map::new();
    m.insert("parallel".into(), Value::Array(results));
    m.insert("flight".into(), Value::Array(steps));
    m.insert("now".into(), Value::from(lab.now));
    Value::Object(m)
}

/// Runs a scenario and prints its trace (`JSON.stringify(steps, null, 2)` plus a newline).
pub fn trace(
    s: &super::scenario::Scenario,
    rng: Box<dyn RandomSource>,
) -> Result<String, OptionError> {
    let mut p = Player::new(s, rng)?;
    while p.step().is_some() {}
    Ok(p.trace_text())
}

/// One request's trace: status, headers, body, store and store calls, and with two instances
/// the one that answered (`"instance": "app2"`).
pub fn exchange_json(x: &Exchange, two_instances: bool) -> Value {
    let mut m = Map::new();
    m.insert("status".into(), Value::from(x.response.status));
    m.insert(
        "headers".into(),
        Value::Array(
            x.response
                .headers
                .iter()
                .map(|(n, v)| {
                    Value::Array(vec![Value::String(n.clone()), Value::String(v.clone())])
                })
                .collect(),
        ),
    );
    m.insert("body".into(), Value::String(x.response.body.clone()));
    m.insert(
        "store".into(),
        x.store.clone().unwrap_or(Value::Object(Map::new())),
    );
    m.insert(
        "store_calls".into(),
        Value::Array(
            x.store_calls
                .iter()
                .map(|c| Value::String(c.name().into()))
                .collect(),
        ),
    );
    if two_instances {
        m.insert(
            "instance".into(),
            Value::String(super::lab::instance_name(x.instance).into()),
        );
    }
    Value::Object(m)
}
