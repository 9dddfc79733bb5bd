//! What lesson 4's `/user` prints with `console.log(req.session)`, against Node: every case
//! in tests/fixtures/js/console.json (written by tests/parity/console.js from real express
//! and express-session) must come out byte for byte in the server's console here.
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::{BrowserId, Event};
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::jar::{parse_set_cookie, Cookie, Limits, Refusal, SetOutcome};
use session_lab::engine::json::{from_str, Value};
use session_lab::engine::lab::{Action, Lab, LabConfig, Navigate, Outcome};
use session_lab::engine::server::App;
use session_lab::engine::store::MemoryKv;

#[test]
fn the_console_prints_the_session_as_node_does() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/js/console.json"
    );
    let all = from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let now = all["now"].as_f64().unwrap() as i64;
    let cases = all["cases"].as_array().unwrap();
    assert!(cases.len() >= 22);
    let mut bad = Vec::new();
    for c in cases {
        let mut config = LabConfig::for_app(App::AuthSeed);
        if let Value::Object(m) = &c["options"] {
            config.overrides = m.clone();
        }
        let mut lab = Lab::new(
            config,
            now,
            Box::new(SeededRandom(1)),
            Box::<MemoryKv>::default(),
        )
        .unwrap();
        // no query: /user straight away, with no cookie (a session made in that request)
        let query = c["query"].as_str();
        let url = match query {
            None => "http://localhost:8080/user".to_string(),
            Some("") => "http://localhost:8080/login".to_string(),
            Some(q) => format!("http://localhost:8080/login?{q}"),
        };
        let query = query.unwrap_or("(no login)");
        let o = lab.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, &url)));
        let mut printed = console_of(&o);
        // Node's client keeps every cookie; the lab's browser refuses what a browser refuses
        // (`Partitioned` without `Secure`), and /user then printed a new session. The cookie
        // put in by hand, /user again, as Node's client sent it.
        let refused = o.all_events().find_map(|e| match e {
            Event::JarUpdated {
                header, outcome, ..
            } if matches!(
                **outcome,
                SetOutcome::Refused(Refusal::PartitionedWithoutSecure)
            ) =>
            {
                parse_set_cookie(header, &Limits::default()).ok()
            }
            _ => None,
        });
        if let Some(sc) = refused {
            let cookie = Cookie::by_hand(&sc.name, &sc.value, "localhost", now);
            lab.apply(Action::JarPut(BrowserId::Victim, cookie));
            let again = lab.apply(Action::Navigate(Navigate::typed(
                BrowserId::Victim,
                "http://localhost:8080/user",
            )));
            printed = console_of(&again);
        }
        let want = c["printed"].as_str().unwrap();
        if printed.as_deref() != Some(want) {
            bad.push(format!(
                "{query:.60} {:?}:\nNode:\n{want}\nlab:\n{}",
                c["options"],
                printed.unwrap_or_default()
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} differ:\n{}",
        bad.len(),
        bad.join("\n\n")
    );
}

/// What the server's console printed during a navigation.
fn console_of(o: &Outcome) -> Option<String> {
    o.all_events().find_map(|e| match e {
        Event::ConsoleLog(text) => Some(text.clone()),
        _ => None,
    })
}
