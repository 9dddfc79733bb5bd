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
use session_lab::engine::trace::{exchange_json, Player, TRACE_SEED};
use session_lab::model::workbench::{Op, Workbench};

/// The page's own trace of what it recorded: each request as the trace prints it, and the
/// clock, restarts and closed browsers, from the timeline since the recording started.
fn page_trace(wb: &Workbench, from: usize) -> Vec<Value> {
    let two = wb.lab().config.deploy.balanced();
    let mut out = Vec::new();
    for e in &wb.timeline().entries()[from..] {
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
    wb.apply(Op::RecordStart);
    assert!(wb.recording());
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

    let want = page_trace(&wb, from);
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
        session_lab::engine::trace::trace_text(&page_trace(&wb, from))
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
}
