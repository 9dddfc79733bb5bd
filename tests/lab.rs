//! The Lab as the page drives it: redirects followed, verdicts logged, restarts, reconfiguring.
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::{BrowserId, CookieVerdict, Event, NewWhy};
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::json::{json, Value};
use session_lab::engine::lab::{Action, Lab, LabConfig, Navigate, Outcome};
use session_lab::engine::server::App;
use session_lab::engine::signature::UnsignError;
use session_lab::engine::store::MemoryKv;

const NOW: i64 = 1_700_000_000_000;

fn lab(app: App, overrides: Value) -> Lab {
    let Value::Object(m) = overrides else {
        unreachable!()
    };
    let mut c = LabConfig::for_app(app);
    c.overrides = m;
    Lab::new(
        c,
        NOW,
        Box::new(SeededRandom(42)),
        Box::<MemoryKv>::default(),
    )
    .unwrap()
}

fn go(lab: &mut Lab, url: &str) -> Outcome {
    lab.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, url)))
}

fn page(lab: &Lab) -> String {
    lab.victim
        .page
        .as_ref()
        .map(|p| p.body.clone())
        .unwrap_or_default()
}

fn verdicts(o: &Outcome) -> Vec<CookieVerdict> {
    o.exchanges
        .iter()
        .flat_map(|x| &x.events)
        .filter_map(|e| match e {
            Event::SessionCookieRead { verdict, .. } => Some(verdict.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn login_follows_the_redirect_and_greets_alice() {
    let mut l = lab(App::AuthSeed, json!({}));
    go(&mut l, "http://localhost:8080/");
    let o = go(&mut l, "http://localhost:8080/login?username=alice");
    assert_eq!(o.exchanges.len(), 2, "302 then /user");
    assert_eq!(o.exchanges[0].response.status, 302);
    assert_eq!(o.exchanges[1].url.path, "/user");
    assert!(page(&l).contains("欢迎你，alice"));
    let c = &l.victim.jar.cookies()[0];
    assert_eq!(c.name, "connect.sid");
    assert!(c.http_only);
    assert!(matches!(
        verdicts(&o)[1],
        CookieVerdict::Valid {
            secret_index: 0,
            ..
        }
    ));
}

#[test]
fn a_changed_mac_is_rejected_and_the_fixed_app_logs_you_out() {
    let mut l = lab(App::AuthFixed, json!({}));
    go(&mut l, "http://localhost:8080/login?username=alice");
    assert!(page(&l).contains("alice"));
    let mut c = l.victim.jar.cookies()[0].clone();
    let last = c.value.pop().unwrap();
    c.value.push(if last == 'A' { 'B' } else { 'A' });
    l.apply(Action::JarPut(BrowserId::Victim, c));
    let o = go(&mut l, "http://localhost:8080/user");
    assert!(matches!(
        &verdicts(&o)[0],
        CookieVerdict::BadSignature {
            error: UnsignError::BadMac { .. },
            ..
        }
    ));
    let created: Vec<NewWhy> = o.exchanges[0]
        .events
        .iter()
        .filter_map(|e| match e {
            Event::SessionCreated { why, .. } => Some(*why),
            _ => None,
        })
        .collect();
    assert_eq!(created, [NewWhy::NoId]);
    assert_eq!(o.exchanges[0].response.status, 302);
    assert_eq!(o.exchanges[1].url.path, "/");
    assert!(page(&l).contains("<form action=\"/login\""));
}

#[test]
fn restart_keeps_persistent_sessions_and_loses_memory_ones() {
    for (store, still_in) in [("persistent", true), ("memory", false)] {
        let mut l = lab(App::AuthSeed, json!({ "store": store }));
        go(&mut l, "http://localhost:8080/login?username=alice");
        let o = l.apply(Action::RestartServer);
        assert!(matches!(
            o.events[0],
            Event::ServerStarted { restart: true, .. }
        ));
        go(&mut l, "http://localhost:8080/user");
        assert_eq!(page(&l).contains("欢迎你，alice"), still_in, "{store}");
    }
}

#[test]
fn invalid_options_do_not_start_and_the_old_server_keeps_running() {
    let mut l = lab(App::Counter, json!({}));
    go(&mut l, "http://localhost:3000/");
    let mut bad = LabConfig::for_app(App::Counter);
    bad.overrides = json!({"unset": "sometimes"}).as_object().unwrap().clone();
    let o = l.apply(Action::Configure(bad));
    assert!(matches!(&o.events[0], Event::ServerFailed { error } if error.path == "options.unset"));
    go(&mut l, "http://localhost:3000/");
    assert_eq!(page(&l), "views: 2");
}

#[test]
fn the_same_actions_give_the_same_outcomes() {
    let run = || {
        let mut l = lab(
            App::Counter,
            json!({"cookie": {"maxAge": 60000}, "rolling": true}),
        );
        let mut all = Vec::new();
        for a in [
            Action::Navigate(Navigate::typed(BrowserId::Victim, "http://localhost:3000/")),
            Action::Advance(30_000),
            Action::Navigate(Navigate::typed(
                BrowserId::Victim,
                "http://localhost:3000/remember",
            )),
            Action::CloseBrowser(BrowserId::Victim),
            Action::Advance(60_000),
            Action::Navigate(Navigate::typed(BrowserId::Victim, "http://localhost:3000/")),
        ] {
            all.push(format!("{:?}", l.apply(a)));
        }
        all
    };
    assert_eq!(run(), run());
}

/// Moving the clock past a cookie's Expires drops it from the jar then, and the log says so
/// in the clock's own outcome (it used to appear only under the next request, after the jar
/// pane had already stopped showing the cookie).
#[test]
fn the_clock_drops_expired_cookies_where_it_moves() {
    let mut l = lab(App::Counter, json!({"cookie": {"maxAge": 60000}}));
    go(&mut l, "http://localhost:3000/");
    assert_eq!(l.victim.jar.cookies().len(), 1);
    let o = l.apply(Action::Advance(30_000));
    assert!(!o
        .events
        .iter()
        .any(|e| matches!(e, Event::CookiesExpired { .. })));
    let o = l.apply(Action::Advance(60_000));
    assert!(o.events.iter().any(|e| matches!(
        e,
        Event::CookiesExpired { browser: BrowserId::Victim, names } if names == &["connect.sid".to_string()]
    )), "{:?}", o.events);
    assert!(l.victim.jar.cookies().is_empty());
    // the next request has nothing left to drop, and goes without a cookie
    let o = go(&mut l, "http://localhost:3000/");
    assert!(!o
        .events
        .iter()
        .any(|e| matches!(e, Event::CookiesExpired { .. })));
}

#[test]
fn bad_urls_fail_without_a_request() {
    let mut l = lab(App::Counter, json!({}));
    for url in ["", "javascript:alert(1)", "http://<img src=x>/", "ftp://x/"] {
        let o = go(&mut l, url);
        assert!(o.exchanges.is_empty());
        assert!(
            matches!(o.events[0], Event::NavigationFailed { .. }),
            "{url}"
        );
    }
}

/// The page plays a scenario one step at a time (`play_step`, which `Player::step` wraps); the
/// result must equal `session-lab-trace`'s (which the parity suite holds to real
/// express-session) at every step.
#[test]
fn stepping_a_scenario_prints_the_same_trace_as_running_it() {
    use session_lab::engine::ids::SeededRandom;
    use session_lab::engine::scenario;
    use session_lab::engine::trace::{trace, Player, TRACE_SEED};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let s = scenario::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let whole = trace(&s, Box::new(SeededRandom(TRACE_SEED))).unwrap();
        let mut p = Player::new(&s, Box::new(SeededRandom(TRACE_SEED))).unwrap();
        let mut played = 0;
        while !p.done() {
            assert!(p.step().is_some());
            played += 1;
            assert_eq!(p.results.len(), played);
        }
        assert!(p.step().is_none(), "a finished player plays nothing more");
        assert_eq!(p.trace_text(), whole, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 80);
}

/// The attacker's signer offers the ids the store holds, newest first.
#[test]
fn the_newest_session_ids_come_first() {
    let mut l = lab(App::AuthSeed, json!({}));
    let ids = |l: &session_lab::engine::lab::Lab, n| -> Vec<String> {
        l.newest_sessions(n).into_iter().map(|r| r.sid).collect()
    };
    assert!(ids(&l, 5).is_empty());
    go(&mut l, "http://localhost:8080/login?username=alice");
    l.apply(Action::Navigate(Navigate::typed(
        BrowserId::Attacker,
        "http://localhost:8080/login?username=bob",
    )));
    let whose = |sid: &str| {
        let row = l.server.store.rows_find(sid).unwrap();
        let data = row.session_json.unwrap();
        ["alice", "bob"]
            .into_iter()
            .find(|n| data.contains(&format!("\"{n}\"")))
            .unwrap_or("nobody")
    };
    let newest = ids(&l, 5);
    assert_eq!(newest.len(), 2, "{newest:?}");
    assert_eq!(whose(&newest[0]), "bob");
    assert_eq!(whose(&newest[1]), "alice");
    assert_eq!(ids(&l, 1), newest[..1]);
    // each says whose it is, as the signer's list shows it
    let users: Vec<_> = l.newest_sessions(5).iter().map(|r| r.username()).collect();
    assert_eq!(users, [Some("bob".to_string()), Some("alice".to_string())]);
    // an expired session the MemoryStore still holds is not offered
    let mut short = lab(App::AuthSeed, json!({"cookie": {"maxAge": 1000}}));
    go(&mut short, "http://localhost:8080/login?username=alice");
    assert_eq!(ids(&short, 5).len(), 1);
    short.apply(Action::Advance(2000));
    assert_eq!(short.server.store.len_raw(), 1, "held, marked expired");
    assert!(ids(&short, 5).is_empty());
}
