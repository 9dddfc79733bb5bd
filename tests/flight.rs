//! Requests in flight, through the page model as the page drives it: a store whose calls take
//! time, two requests sent at once (the resave race and its fix), a logout undone by a slow
//! request that started before it, and the latency carried by share links, the saved state
//! and scenarios. The interleavings themselves are checked against real Node in the parity
//! suite (`tests/scenarios/*-flight-*.json`).
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::BrowserId::Victim;
use session_lab::engine::events::Event;
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::lab::{Action, Deploy, StepKind, StoreLatency};
use session_lab::engine::store::{MemoryKv, StoreOp};
use session_lab::i18n::Lang;
use session_lab::model::explain::explain;
use session_lab::model::workbench::{
    flight_rows, undone_writes, write_history, Fate, Op, RowWhat, Start, Workbench,
};

mod common;
use common::{body, NOW};

const COUNTER: &str = "http://localhost:3000";
const AUTH: &str = "http://localhost:8080";

fn open(fragment: &str) -> Workbench {
    common::open_seeded(fragment, None, 7)
}

fn go(wb: &mut Workbench, url: &str) {
    wb.apply(Op::Type(Victim, url.into()));
    wb.apply(Op::Go(Victim));
}

fn with_latency(wb: &mut Workbench, ms: i64) {
    let mut d: Deploy = wb.lab().config.deploy;
    d.latency = StoreLatency::both(ms);
    wb.apply(Op::Deploy(d));
}

fn fire(wb: &mut Workbench, requests: &[(&str, i64)], wait: bool) -> Vec<Event> {
    let out = wb.apply(Op::Fire {
        browser: Victim,
        requests: requests.iter().map(|(p, a)| (p.to_string(), *a)).collect(),
        wait,
    });
    out.exchanges.into_iter().flat_map(|x| x.events).collect()
}

/// The counter's views as the store holds them now.
fn stored_views(wb: &Workbench) -> String {
    let rows = wb.lab().server.store.rows();
    let json = rows[0].session_json.clone().unwrap();
    let v: session_lab::engine::json::Value = session_lab::engine::json::from_str(&json).unwrap();
    v["views"].to_string()
}

#[test]
fn a_slow_store_moves_the_clock_for_one_request() {
    let mut wb = open("#lesson=middleware");
    with_latency(&mut wb, 50);
    let t0 = wb.lab().now;
    go(&mut wb, &format!("{COUNTER}/"));
    // a new visitor: no get, one set
    assert_eq!(wb.lab().now - t0, 50);
    go(&mut wb, &format!("{COUNTER}/"));
    // get, then set
    assert_eq!(wb.lab().now - t0, 150);
    assert_eq!(body(&wb), "views: 2");
    let x = wb
        .timeline()
        .entries()
        .iter()
        .rev()
        .find_map(|e| e.exchange.as_ref())
        .unwrap();
    assert_eq!((x.at - t0, x.answered - t0), (50, 150));
    assert_eq!(x.flight, None);
}

#[test]
fn the_resave_race_loses_the_increment_and_resave_false_keeps_it() {
    for (resave, kept) in [(true, "1"), (false, "2")] {
        let mut wb = open(&format!("#lesson=middleware&opt.resave={resave}"));
        with_latency(&mut wb, 50);
        go(&mut wb, &format!("{COUNTER}/"));
        assert_eq!(stored_views(&wb), "1");
        let events = fire(&mut wb, &[("/", 0), ("/peek", 0)], true);
        assert_eq!(wb.in_flight(), 0);
        let overwrote = events.iter().any(|e| {
            matches!(
                e,
                Event::SaveOverwrote {
                    request: 2,
                    overwritten: 1,
                    ..
                }
            )
        });
        assert_eq!(overwrote, resave, "resave: {resave}");
        if resave {
            // right after the store call that caused it
            let i = events
                .iter()
                .position(|e| matches!(e, Event::SaveOverwrote { .. }))
                .unwrap();
            assert!(matches!(&events[i - 1], Event::Store(c) if c.op == StoreOp::Set));
        }
        assert_eq!(stored_views(&wb), kept, "resave: {resave}");
        // the interleaving: both loaded before either wrote
        let rows = flight_rows(wb.timeline());
        let order: Vec<(u32, String)> = rows
            .iter()
            .map(|r| {
                let what = match &r.what {
                    RowWhat::Sent(..) => "sent".to_string(),
                    RowWhat::Store { op, .. } => op.name().to_string(),
                    RowWhat::Timer(_) => "timer".into(),
                    RowWhat::Answered(s) => s.to_string(),
                };
                (r.request, what)
            })
            .collect();
        let last_write = if resave { "set" } else { "touch" };
        let expect: Vec<(u32, String)> = [
            (1, "sent"),
            (2, "sent"),
            (1, "get"),
            (2, "get"),
            (1, "set"),
            (1, "200"),
            (2, last_write),
            (2, "200"),
        ]
        .iter()
        .map(|(r, w)| (*r, w.to_string()))
        .collect();
        assert_eq!(order, expect);
        assert_eq!(rows[2].at, 50);
        assert_eq!(rows[4].at, 100);
        // the store's history: which write won
        let history = write_history(wb.timeline());
        if resave {
            assert_eq!(history.len(), 2);
            assert_eq!(history[0].fate, Fate::ReplacedBy(2));
            assert_eq!(history[0].data.as_deref(), Some(r#"{"views":2}"#));
            assert_eq!(history[1].fate, Fate::Won);
            assert_eq!(history[1].data.as_deref(), Some(r#"{"views":1}"#));
        } else {
            assert_eq!(history.len(), 1);
            assert_eq!(history[0].fate, Fate::Won);
        }
    }
}

#[test]
fn two_requests_at_once_interleave_even_with_a_store_that_answers_at_once() {
    let mut wb = open("#lesson=middleware");
    go(&mut wb, &format!("{COUNTER}/"));
    let t0 = wb.lab().now;
    let events = fire(&mut wb, &[("/", 0), ("/", 0)], true);
    assert_eq!(wb.lab().now, t0, "nothing takes time");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::SaveOverwrote { .. })));
    assert_eq!(stored_views(&wb), "2", "two visits, one counted");
}

#[test]
fn a_slow_request_brings_a_logout_back() {
    let mut wb = open("#lesson=auth&variant=fixed");
    with_latency(&mut wb, 50);
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    assert!(body(&wb).contains("欢迎你，alice"));
    let sid = wb.lab().server.store.rows()[0].sid.clone();
    // the slow page takes off; it is still in the air when the learner logs out
    fire(&mut wb, &[("/slow", 0)], false);
    assert_eq!(wb.in_flight(), 1);
    go(&mut wb, &format!("{AUTH}/logout"));
    // the logout and its redirect are done; the slow page is not
    assert_eq!(wb.in_flight(), 1);
    assert!(
        !wb.lab().server.store.rows().iter().any(|r| r.sid == sid),
        "destroyed"
    );
    // the clock moves on: the slow page saves the session it loaded before the logout
    let out = wb.apply(Op::Act(Action::Advance(60_000)));
    assert_eq!(wb.in_flight(), 0);
    assert_eq!(out.races().len(), 1);
    let undone = out
        .exchanges
        .iter()
        .flat_map(|x| &x.events)
        .any(|e| matches!(e, Event::DestroyedSessionSaved { sid: s, .. } if *s == sid));
    assert!(undone);
    assert!(
        wb.lab().server.store.rows().iter().any(|r| r.sid == sid),
        "back in the store"
    );
    let history = write_history(wb.timeline());
    let fates: Vec<(StoreOp, Fate)> = history.iter().map(|w| (w.op, w.fate)).collect();
    assert!(
        fates.contains(&(StoreOp::Destroy, Fate::ReplacedBy(1))),
        "{fates:?}"
    );
    assert_eq!(
        history.last().map(|w| (w.op, w.fate)),
        Some((StoreOp::Set, Fate::Won))
    );
    let rows = flight_rows(wb.timeline());
    assert!(rows.iter().any(|r| matches!(r.what, RowWhat::Timer(300))));
    assert!(rows.iter().any(|r| matches!(
        r.what,
        RowWhat::Store {
            undid_destroy: true,
            ..
        }
    )));
}

#[test]
fn with_resave_false_the_logout_stays_done() {
    let mut wb = open("#lesson=auth&variant=fixed&opt.resave=false");
    with_latency(&mut wb, 50);
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    let sid = wb.lab().server.store.rows()[0].sid.clone();
    fire(&mut wb, &[("/slow", 0), ("/logout", 100)], true);
    assert!(!wb.lab().server.store.rows().iter().any(|r| r.sid == sid));
    let steps = wb.timeline().flight();
    assert!(steps
        .iter()
        .any(|s| s.kind == StepKind::Store(StoreOp::Touch)));
}

#[test]
fn the_latency_travels_in_links_saves_and_scenarios() {
    let wb = open("#lesson=middleware&latency_get=50&latency_set=20");
    assert_eq!(
        wb.lab().config.deploy.latency,
        StoreLatency { get: 50, set: 20 }
    );
    let link = wb.share_fragment(false);
    assert!(link.contains("latency_get=50&latency_set=20"), "{link}");
    let bad = open("#lesson=middleware&latency_get=-5");
    assert_eq!(bad.lab().config.deploy.latency, StoreLatency::default());
    let mut wb = open("#lesson=middleware");
    wb.apply(Op::LoadScenario(
        r#"{"app":"counter","deploy":{"store_latency":{"get":30}},"steps":[
            {"request":{"url":"http://localhost:3000/"}},
            {"parallel":[{"request":{"url":"http://localhost:3000/"}},{"request":{"url":"http://localhost:3000/peek"},"after":10}]}]}"#
            .into(),
    ));
    wb.apply(Op::ScenarioPlayAll);
    let run = wb.scenario().unwrap();
    assert_eq!(run.results.len(), 2);
    let trace = run.trace_text();
    assert!(trace.contains("\"flight\""), "{trace}");
    assert_eq!(
        wb.lab().config.deploy.latency,
        StoreLatency { get: 30, set: 0 }
    );
}

/// The writes listed under the store are the newest batch's until the server restarts: then
/// they were to a store that is gone (lesson 6's steps 8 and 9 apply options between batches).
#[test]
fn a_restart_after_a_batch_ends_its_write_list() {
    let mut wb = open("#lesson=middleware");
    with_latency(&mut wb, 50);
    assert!(!wb.timeline().restarted_since_flight(), "no batch yet");
    fire(&mut wb, &[("/", 0), ("/", 0)], true);
    assert!(!write_history(wb.timeline()).is_empty());
    assert!(!wb.timeline().restarted_since_flight());
    // a plain request after it leaves the list standing
    go(&mut wb, &format!("{COUNTER}/"));
    assert!(!wb.timeline().restarted_since_flight());
    wb.apply(Op::Act(Action::RestartServer));
    assert!(wb.timeline().restarted_since_flight());
    // a new batch is listed again
    fire(&mut wb, &[("/", 0), ("/", 0)], true);
    assert!(!wb.timeline().restarted_since_flight());
}

#[test]
fn a_restart_drops_what_is_in_flight() {
    let mut wb = open("#lesson=middleware");
    with_latency(&mut wb, 500);
    fire(&mut wb, &[("/", 0)], false);
    assert_eq!(wb.in_flight(), 1);
    wb.apply(Op::Act(Action::RestartServer));
    assert_eq!(wb.in_flight(), 0);
    wb.apply(Op::Act(Action::Advance(1000)));
    assert_eq!(wb.in_flight(), 0);
}

#[test]
fn the_latency_survives_a_reload_and_the_events_read_in_both_languages() {
    let mut wb = open("#lesson=middleware");
    with_latency(&mut wb, 40);
    let blob = wb.saved_blob().unwrap();
    let back = Workbench::load(
        Start {
            now: NOW,
            fragment: String::new(),
            stored: Ok(Some(blob)),
            docs_dropped: 0,
            languages: vec!["en-GB".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(7))),
    );
    assert_eq!(back.lab().config.deploy.latency, StoreLatency::both(40));
    use session_lab::i18n::Lang;
    use session_lab::model::explain::explain;
    for e in [
        Event::SaveOverwrote {
            sid: "abc".into(),
            request: 2,
            overwritten: 1,
        },
        Event::DestroyedSessionSaved {
            sid: "abc".into(),
            request: 1,
            destroyed_by: 2,
        },
    ] {
        let (en, _) = explain(Lang::En, &e).unwrap();
        let (zh, _) = explain(Lang::Zh, &e).unwrap();
        assert!(
            en.contains("#1") && en.contains("#2") && en.contains("abc"),
            "{en}"
        );
        assert!(
            zh.contains("#1") && zh.contains("#2") && !zh.contains('{'),
            "{zh}"
        );
    }
}

#[test]
fn the_embedding_page_can_set_the_latency() {
    let mut wb = open("#embed=1&allow=https://course.example");
    wb.apply(Op::HostMessage(session_lab::json!({
        "type": "session-lab:set", "lesson": "middleware", "latency_get": 50, "latency_set": 25
    })));
    assert_eq!(
        wb.lab().config.deploy.latency,
        StoreLatency { get: 50, set: 25 }
    );
}

#[test]
fn hostile_addresses_fired_at_once_are_refused_without_a_panic() {
    let mut wb = open("#lesson=middleware");
    let long = "a".repeat(100_000);
    for bad in [
        "",
        "ftp://x/",
        "http://evil.test:1/",
        "%ZZ%",
        "\u{0}",
        long.as_str(),
    ] {
        wb.apply(Op::Fire {
            browser: Victim,
            requests: vec![(bad.to_string(), -5), ("/".into(), i64::MAX)],
            wait: true,
        });
    }
    assert_eq!(wb.in_flight(), 0);
}

/// A request of a batch sent at once says so in the log: it had read "clicked a link", for a
/// POST no link can send.
#[test]
fn requests_sent_at_once_say_so() {
    let mut wb = open("#lesson=middleware");
    go(&mut wb, &format!("{COUNTER}/"));
    let events = fire(&mut wb, &[("/", 0), ("POST /peek", 0)], true);
    let causes: Vec<String> = events
        .iter()
        .filter(|e| matches!(e, Event::RequestStarted { .. }))
        .filter_map(|e| explain(Lang::En, e).map(|(text, _)| text))
        .collect();
    assert_eq!(causes.len(), 2, "{causes:?}");
    for c in &causes {
        assert!(
            c.contains("one of the requests the page sent at once"),
            "{c}"
        );
    }
    assert!(causes[1].contains("POST"), "{causes:?}");
}

/// The banner's "#1's update is lost" only when it was: the later write's request loaded the
/// session before the earlier write landed. A second visit sent after the first had answered
/// reads the first one's write, and a login's redirect reads the login's: neither loses
/// anything (both were reported as lost updates).
#[test]
fn an_undone_write_is_one_the_later_request_never_saw() {
    // two visits, the second leaving 2 s later: it counts on from the first
    let mut wb = open("#lesson=middleware");
    with_latency(&mut wb, 50);
    go(&mut wb, &format!("{COUNTER}/"));
    fire(&mut wb, &[("/", 0), ("/", 2000)], true);
    assert_eq!(body(&wb), "views: 3");
    assert!(undone_writes(wb.timeline()).is_empty());
    assert!(wb.last_request().unwrap().races.is_empty());
    // sent together, both load views 1 and both write 2: the first's update is lost
    fire(&mut wb, &[("/", 0), ("/", 0)], true);
    let lost = undone_writes(wb.timeline());
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!((lost[0].0.request, lost[0].1.request), (1, 2));
    // a login alone: its redirect's /user re-saves the session the login wrote, having read it
    let mut wb = open("#lesson=auth");
    with_latency(&mut wb, 50);
    go(&mut wb, &format!("{AUTH}/"));
    fire(&mut wb, &[("/login?username=bob", 0)], true);
    assert!(body(&wb).contains("bob"), "{}", body(&wb));
    assert!(
        undone_writes(wb.timeline()).is_empty(),
        "{:?}",
        undone_writes(wb.timeline())
    );
}

/// What the timeline shows where two columns leave room for one view: the log; after a batch
/// sent at once, its interleaving; the learner's pick until the next batch, which shows its
/// interleaving again (a learner who had picked the log never saw another).
#[test]
fn the_timeline_shows_each_batch_and_otherwise_the_learner_s_pick() {
    use session_lab::model::workbench::TimelineView::{Diagram, Log};
    let mut wb = open("#lesson=middleware");
    assert_eq!(wb.timeline_view(), Log);
    go(&mut wb, &format!("{COUNTER}/"));
    assert_eq!(wb.timeline_view(), Log);
    fire(&mut wb, &[("/", 0), ("/peek", 0)], true);
    assert_eq!(wb.timeline_view(), Diagram);
    wb.apply(Op::ShowTimelineView(Log));
    assert_eq!(wb.timeline_view(), Log);
    // an ordinary request keeps the pick
    go(&mut wb, &format!("{COUNTER}/"));
    assert_eq!(wb.timeline_view(), Log);
    wb.apply(Op::ShowTimelineView(Diagram));
    go(&mut wb, &format!("{COUNTER}/"));
    assert_eq!(wb.timeline_view(), Diagram);
    // the next batch shows its interleaving, whatever was picked
    wb.apply(Op::ShowTimelineView(Log));
    fire(&mut wb, &[("/", 0), ("/peek", 0)], true);
    assert_eq!(wb.timeline_view(), Diagram);
}

#[test]
fn answers_that_do_not_overlap_are_all_said() {
    // the first answered before the second left; waited for, both are said (the second's
    // words had replaced the first's, a 404 never heard)
    let mut wb = open("lesson=auth");
    go(&mut wb, &format!("{AUTH}/"));
    fire(&mut wb, &[("/nothing", 0), ("/user", 100)], true);
    let said = wb.announcement().text.clone();
    assert!(
        said.starts_with("Requests sent at once, in the order answered:"),
        "{said}"
    );
    assert!(said.contains("GET /nothing: response 404."), "{said}");
    assert!(said.contains("GET /user: response 200."), "{said}");
    assert_eq!(wb.in_flight(), 0);
}

#[test]
fn requests_left_in_flight_are_said() {
    let mut wb = open("lesson=auth&variant=fixed&latency_get=50&latency_set=50");
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    fire(&mut wb, &[("/slow", 0)], false);
    assert_eq!(wb.in_flight(), 1);
    assert!(
        wb.announcement().text.contains("1 request still in flight"),
        "{}",
        wb.announcement().text
    );
}

/// A request's label in the diagram cuts a long target short; the figure lists that request
/// in full under it (lesson 6's race hid the transfer's to= and amount=), and no other.
#[test]
fn the_diagram_lists_in_full_the_requests_it_cuts_short() {
    let mut wb = open("#lesson=auth&variant=fixed");
    go(&mut wb, &format!("{AUTH}/login?username=alice"));
    fire(
        &mut wb,
        &[("POST /transfer?to=bob&amount=10", 0), ("/slow", 0)],
        true,
    );
    let rows = flight_rows(wb.timeline());
    let sent: Vec<(String, Option<String>)> = rows
        .iter()
        .filter(|r| matches!(r.what, RowWhat::Sent(..)))
        .map(|r| (r.label(), r.cut_request()))
        .collect();
    assert_eq!(
        sent,
        [
            (
                "#1 POST /transfer?t…".to_string(),
                Some("#1 POST /transfer?to=bob&amount=10".to_string())
            ),
            ("#2 GET /slow".to_string(), None),
        ]
    );
    assert!(rows
        .iter()
        .filter(|r| !matches!(r.what, RowWhat::Sent(..)))
        .all(|r| r.cut_request().is_none()));
}
