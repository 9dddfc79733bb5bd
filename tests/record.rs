//! Recording: what the learner does becomes a scenario file that replays to the same trace,
//! byte for byte: requests and redirect hops, a forged cookie (an explicit `Cookie` header, only
//! there), the attacker's requests, the clock, a restart, a closed browser. Changing the
//! options ends the recording where it was.
mod common;

use common::{go, open, AUTH};
use session_lab::engine::events::{BrowserId, Event};
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::jar::Field;
use session_lab::engine::json::Value;
use session_lab::engine::lab::Action;
use session_lab::engine::scenario::{parse, Step};
use session_lab::engine::trace::{exchange_json, flight_step_json, Player, TRACE_SEED};
use session_lab::model::lessons::Variant;
use session_lab::model::workbench::{Op, RecordEnd, ToolPanel, Workbench};

/// The page's own trace of what it recorded: each request as the trace prints it, and the
/// clock, restarts and closed browsers, from the timeline since the recording started.
/// Requests sent at once print as one `parallel` result: their answers in the order they were
/// sent, the flight's steps as the timeline keeps them (the latest flight's, so a test has
/// one), and the clock once all had answered (`flight_now`).
fn page_trace(wb: &Workbench, from: usize, flight_now: Option<i64>) -> Vec<Value> {
    let two = wb.lab().config.deploy.balanced();
    let mut out = Vec::new();
    let mut flight: Vec<&session_lab::engine::lab::Exchange> = Vec::new();
    let end_flight = |flight: &mut Vec<&session_lab::engine::lab::Exchange>,
                      out: &mut Vec<Value>| {
        if flight.is_empty() {
            return;
        }
        flight.sort_by_key(|x| x.flight);
        let steps: Vec<Value> = wb
            .timeline()
            .flight()
            .iter()
            .map(flight_step_json)
            .collect();
        out.push(session_lab::json!({
            "parallel": flight.iter().map(|x| exchange_json(x, two)).collect::<Vec<_>>(),
            "flight": steps,
            "now": flight_now.unwrap(),
        }));
        flight.clear();
    };
    for e in &wb.timeline().entries()[from..] {
        if let Some(x) = e.exchange.as_ref().filter(|x| x.flight.is_some()) {
            flight.push(x);
            continue;
        }
        end_flight(&mut flight, &mut out);
        if let Some(x) = &e.exchange {
            out.push(exchange_json(x, two));
            continue;
        }
        for ev in &e.events {
            match ev {
                Event::ClockAdvanced { now, .. } => out.push(session_lab::json!({ "now": now })),
                Event::ServerStarted { restart: true, .. } => {
                    out.push(session_lab::json!({ "restarted": true }))
                }
                Event::BrowserClosed { browser, .. } => {
                    out.push(session_lab::json!({ "closed": browser.code() }))
                }
                _ => {}
            }
        }
    }
    end_flight(&mut flight, &mut out);
    out
}

fn replay(text: &str) -> Vec<Value> {
    let s = parse(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let mut p = Player::new(&s, Box::new(SeededRandom(TRACE_SEED))).unwrap();
    while p.step().is_some() {}
    p.results
}

fn cookie_value(wb: &Workbench, b: BrowserId, name: &str) -> session_lab::engine::jar::Cookie {
    wb.lab()
        .browser(b)
        .jar
        .cookies()
        .iter()
        .find(|c| c.name == name)
        .cloned()
        .unwrap()
}

#[test]
fn a_recording_replays_to_the_same_trace_byte_for_byte() {
    let mut wb = open("lesson=auth");
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/"));
    wb.apply(Op::TogglePanel(ToolPanel::Scenario));
    wb.apply(Op::RecordStart);
    assert!(wb.recording());
    assert_eq!(
        wb.panel(),
        None,
        "the panel closes while the learner records"
    );
    // recording starts clean: empty jar and store, the timeline goes on
    assert!(wb.lab().browser(BrowserId::Victim).jar.cookies().is_empty());
    let from = wb.timeline().entries().len();
    go(
        &mut wb,
        BrowserId::Victim,
        &format!("{AUTH}/login?username=alice"),
    );
    // a forged value: one character of the MAC changed by hand in the jar
    let c = cookie_value(&wb, BrowserId::Victim, "connect.sid");
    let mut forged = c.value.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    wb.apply(Op::EditCookie {
        browser: BrowserId::Victim,
        cookie: c,
        field: Field::Value,
        text: forged.clone(),
    });
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/user"));
    // the attacker's own request, the clock, a restart, a closed browser
    wb.apply(Op::ToggleAttacker);
    go(&mut wb, BrowserId::Attacker, &format!("{AUTH}/user"));
    wb.apply(Op::Act(Action::Advance(3_600_000)));
    wb.apply(Op::Act(Action::RestartServer));
    wb.apply(Op::Act(Action::CloseBrowser(BrowserId::Victim)));
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/user"));
    wb.apply(Op::RecordStop);
    assert!(!wb.recording());
    let text = wb.recorded().expect("a recording").to_string();

    let want = page_trace(&wb, from, None);
    let got = replay(&text);
    assert_eq!(got.len(), want.len(), "{text}");
    assert_eq!(
        session_lab::engine::trace::trace_text(&got),
        session_lab::engine::trace::trace_text(&want),
        "{text}"
    );
    // the login's redirect hop is a step of its own; only the forged request names its Cookie
    let s = parse(&text).unwrap();
    let explicit: Vec<&str> = s
        .steps
        .iter()
        .filter_map(|st| match st {
            Step::Request(r) => r.cookie_override(),
            _ => None,
        })
        .collect();
    assert_eq!(
        explicit,
        vec![format!("connect.sid={forged}").as_str()],
        "{text}"
    );
    assert!(s
        .steps
        .iter()
        .any(|st| matches!(st, Step::Request(r) if r.browser == BrowserId::Attacker)));
    assert!(s.steps.contains(&Step::Advance(3_600_000)));
    assert!(s.steps.contains(&Step::RestartServer));
    assert!(s.steps.contains(&Step::CloseBrowser(BrowserId::Victim)));
    // the ids the server handed out are the scenario's genid, in order
    assert!(!s.genid.is_empty());
    // session-lab-trace prints the same
    let path = std::env::temp_dir().join(format!("lab-recording-{}.json", std::process::id()));
    std::fs::write(&path, &text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_session-lab-trace"))
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        session_lab::engine::trace::trace_text(&want)
    );
}

#[test]
fn two_instances_and_options_are_recorded_too() {
    let mut wb = open("lesson=store&variant=two-memory&opt.cookie.maxAge=60000");
    wb.apply(Op::RecordStart);
    let from = wb.timeline().entries().len();
    go(
        &mut wb,
        BrowserId::Victim,
        &format!("{AUTH}/login?username=alice"),
    );
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/user"));
    wb.apply(Op::RecordStop);
    let text = wb.recorded().unwrap().to_string();
    let v: Value = session_lab::engine::json::from_str(&text).unwrap();
    assert_eq!(v["deploy"]["instances"], 2, "{text}");
    assert_eq!(v["options"]["cookie"]["maxAge"], 60000, "{text}");
    assert_eq!(
        session_lab::engine::trace::trace_text(&replay(&text)),
        session_lab::engine::trace::trace_text(&page_trace(&wb, from, None))
    );
}

#[test]
fn changing_the_options_ends_the_recording_where_it_was() {
    let mut wb = open("lesson=middleware");
    wb.apply(Op::RecordStart);
    go(&mut wb, BrowserId::Victim, "http://localhost:3000/");
    let mut m = session_lab::engine::json::Map::new();
    m.insert("resave".into(), Value::Bool(false));
    wb.apply(Op::Configure(m));
    assert!(!wb.recording());
    let s = parse(wb.recorded().unwrap()).unwrap();
    assert_eq!(s.steps.len(), 1);
    // and says why, after what the apply said (nothing had: a reviewer found the recording
    // cut short in the panel)
    assert_eq!(wb.record_end(), RecordEnd::Configuration);
    let said = &wb.announcement().text;
    assert!(said.starts_with("Applied"), "{said}");
    assert!(said.ends_with("The recording ended when the options or the deployment changed: a scenario runs one configuration."), "{said}");
}

#[test]
fn a_variant_chosen_ends_the_recording_and_says_so_a_stop_says_nothing_more() {
    let mut wb = open("lesson=auth");
    wb.apply(Op::RecordStart);
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/"));
    wb.apply(Op::SelectVariant(Variant::Fixed));
    assert!(!wb.recording());
    assert_eq!(wb.record_end(), RecordEnd::Place);
    let said = &wb.announcement().text;
    assert!(said.contains("Fixed"), "{said}");
    assert!(
        said.contains("The recording ended when you changed the lesson, variant"),
        "{said}"
    );
    // Stop pressed: no reason to give, what was recorded said (start and stop were silent)
    wb.apply(Op::RecordStart);
    assert_eq!(
        wb.announcement().text,
        "Recording: what you do next is recorded."
    );
    wb.apply(Op::RecordStop);
    assert_eq!(wb.record_end(), RecordEnd::Stopped);
    assert_eq!(RecordEnd::Stopped.key(), None);
    assert_eq!(wb.recorded_steps(), 0);
    assert_eq!(
        wb.announcement().text,
        "Nothing was recorded: no request was made while recording."
    );
    assert!(parse(wb.recorded().unwrap()).unwrap().steps.is_empty());
    wb.apply(Op::RecordStart);
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/"));
    wb.apply(Op::RecordStop);
    assert_eq!(wb.recorded_steps(), 1);
    assert_eq!(
        wb.announcement().text,
        "Recording stopped. Steps recorded: 1."
    );
}

/// Sends requests at once, as the page's "Send requests at once" does.
fn fire(wb: &mut Workbench, requests: &[(&str, i64)], wait: bool) {
    wb.apply(Op::Fire {
        browser: BrowserId::Victim,
        requests: requests.iter().map(|(p, a)| (p.to_string(), *a)).collect(),
        wait,
    });
}

#[test]
fn requests_sent_at_once_are_recorded_as_one_parallel_step_and_replay_the_race() {
    let mut wb = open("lesson=middleware");
    let mut d = wb.lab().config.deploy;
    d.latency = session_lab::engine::lab::StoreLatency::both(50);
    wb.apply(Op::Deploy(d));
    wb.apply(Op::RecordStart);
    let from = wb.timeline().entries().len();
    go(&mut wb, BrowserId::Victim, "http://localhost:3000/");
    // two visits at once, the second 10 ms later: both load views 1, the later save wins
    fire(&mut wb, &[("/", 0), ("/", 10)], true);
    assert!(
        wb.recording(),
        "waiting for every answer keeps the recording going"
    );
    let flight_now = wb.lab().now;
    go(&mut wb, BrowserId::Victim, "http://localhost:3000/");
    wb.apply(Op::RecordStop);
    let text = wb.recorded().unwrap().to_string();

    let s = parse(&text).unwrap();
    let parallel: Vec<&Vec<(session_lab::engine::scenario::RequestStep, i64)>> = s
        .steps
        .iter()
        .filter_map(|st| match st {
            Step::Parallel(list) => Some(list),
            _ => None,
        })
        .collect();
    assert_eq!(parallel.len(), 1, "{text}");
    let list = parallel[0];
    assert_eq!(
        list.iter()
            .map(|(r, after)| (r.url.as_str(), *after, r.cookie_override().is_some()))
            .collect::<Vec<_>>(),
        vec![
            ("http://localhost:3000/", 0, false),
            ("http://localhost:3000/", 10, false)
        ],
        "{text}"
    );
    assert_eq!(s.steps.len(), 3, "{text}");
    let want = page_trace(&wb, from, Some(flight_now));
    let got = replay(&text);
    assert_eq!(
        session_lab::engine::trace::trace_text(&got),
        session_lab::engine::trace::trace_text(&want),
        "{text}"
    );
    // the race itself is in it: the last visit counts 3 views, not 4
    assert!(
        session_lab::engine::trace::trace_text(&got).contains("views: 3"),
        "{text}"
    );
}

#[test]
fn a_flight_a_parallel_step_cannot_replay_ends_the_recording_before_it() {
    // not waited for: a step ends when every answer has come
    let mut wb = open("lesson=middleware");
    wb.apply(Op::RecordStart);
    go(&mut wb, BrowserId::Victim, "http://localhost:3000/");
    fire(&mut wb, &[("/", 0), ("/", 10)], false);
    assert!(!wb.recording());
    assert_eq!(wb.record_end(), RecordEnd::Flight);
    assert_eq!(parse(wb.recorded().unwrap()).unwrap().steps.len(), 1);

    // redirected: the flight follows the redirect, a parallel step does not
    let mut wb = open("lesson=auth");
    wb.apply(Op::RecordStart);
    go(&mut wb, BrowserId::Victim, &format!("{AUTH}/"));
    fire(
        &mut wb,
        &[("/login?username=alice", 0), ("/user", 10)],
        true,
    );
    assert!(!wb.recording());
    assert_eq!(wb.record_end(), RecordEnd::Flight);
    assert!(wb.announcement().text.ends_with("they cannot be replayed."));
    let s = parse(wb.recorded().unwrap()).unwrap();
    assert_eq!(s.steps.len(), 1, "only the visit before the flight");
    assert!(matches!(&s.steps[0], Step::Request(r) if r.url.ends_with("/")));
}
