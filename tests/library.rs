//! The scenario library, captions and autoplay through the page model: every library scenario
//! plays in the page to its parity fixture (real express-session made it), captions change
//! nothing in the trace, autoplay steps by the timer's ticks and tells the embedding page, and
//! a step back plays the scenario again one step shorter.
mod common;

use base64::Engine as _;
use common::open;
use session_lab::engine::json::Value;
use session_lab::engine::scenario::{parse, ScenarioProblem};
use session_lab::i18n::Lang;
use session_lab::model::library::LIBRARY;
use session_lab::model::workbench::{Op, Outgoing};

fn fixture(code: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_to_string(dir.join(format!("library-{code}.json"))).unwrap()
}

#[test]
fn every_library_scenario_plays_in_the_page_to_its_fixture() {
    assert!(LIBRARY.len() >= 8);
    for (code, text) in LIBRARY {
        let mut wb = open("");
        wb.apply(Op::LoadScenario(text.to_string()));
        let run = wb
            .scenario()
            .unwrap_or_else(|| panic!("{code} did not load"));
        assert!(run.title.is_some(), "{code}");
        wb.apply(Op::ScenarioPlayAll);
        assert_eq!(wb.scenario().unwrap().trace_text(), fixture(code), "{code}");
    }
}

#[test]
fn captions_change_nothing_in_the_trace() {
    for (code, text) in LIBRARY {
        let mut v: Value = session_lab::engine::json::from_str(text).unwrap();
        v.as_object_mut().unwrap().shift_remove("title");
        for step in v["steps"].as_array_mut().unwrap() {
            step.as_object_mut().unwrap().shift_remove("say");
        }
        let mut wb = open("");
        wb.apply(Op::LoadScenario(v.to_string()));
        assert!(wb.scenario().unwrap().says.iter().all(Option::is_none));
        wb.apply(Op::ScenarioPlayAll);
        assert_eq!(wb.scenario().unwrap().trace_text(), fixture(code), "{code}");
    }
}

#[test]
fn autoplay_from_a_link_steps_on_each_tick_says_the_caption_and_tells_the_host() {
    let (_, text) = LIBRARY.iter().find(|(c, _)| *c == "4-login").unwrap();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text.as_bytes());
    let mut wb = open(&format!("embed=1&scenario={b64}&autoplay=1"));
    let total = wb.scenario().unwrap().steps.len();
    assert!(wb.scenario().unwrap().playing);
    assert_eq!(wb.scenario().unwrap().played(), 0);
    let seen = wb.outbox().latest();
    wb.apply(Op::ScenarioTick);
    let run = wb.scenario().unwrap();
    assert_eq!(run.played(), 1);
    let caption = run.caption(false).unwrap().to_string();
    assert!(caption.starts_with("Log in"), "{caption}");
    assert!(
        wb.announcement().text.starts_with(&caption),
        "{}",
        wb.announcement().text
    );
    let sent: Vec<&Outgoing> = wb.outbox().after(seen).collect();
    assert_eq!(sent, vec![&Outgoing::Step { index: 1, total }]);
    assert_eq!(
        sent[0].to_json(),
        session_lab::json!({"type": "session-lab:step", "index": 1, "total": total})
    );
    // in Chinese the caption is the Chinese one
    wb.apply(Op::SetLang(Lang::Zh));
    assert!(wb
        .scenario()
        .unwrap()
        .caption(true)
        .unwrap()
        .starts_with("登录"));
    // pause: ticks do nothing
    wb.apply(Op::ScenarioAutoplay(false));
    wb.apply(Op::ScenarioTick);
    assert_eq!(wb.scenario().unwrap().played(), 1);
    // Play plays the next step at once (the timer the rest), and on to the end, where
    // autoplay turns itself off
    wb.apply(Op::ScenarioAutoplay(true));
    assert_eq!(wb.scenario().unwrap().played(), 2);
    assert!(wb.scenario().unwrap().playing);
    for _ in 0..total + 2 {
        wb.apply(Op::ScenarioTick);
    }
    let run = wb.scenario().unwrap();
    assert_eq!(run.played(), total);
    assert!(!run.playing);
    assert_eq!(run.trace_text(), fixture("4-login"));
}

#[test]
fn a_step_back_plays_the_scenario_again_one_step_shorter() {
    let (_, text) = LIBRARY.iter().find(|(c, _)| *c == "2-haircut").unwrap();
    let mut wb = open("");
    wb.apply(Op::LoadScenario(text.to_string()));
    for _ in 0..3 {
        wb.apply(Op::ScenarioStep);
    }
    let three = wb.scenario().unwrap().results.clone();
    wb.apply(Op::ScenarioBack);
    let run = wb.scenario().unwrap();
    assert_eq!(run.played(), 2);
    assert_eq!(run.results[..], three[..2]);
    // playing on from there gives the same third step as before
    wb.apply(Op::ScenarioStep);
    assert_eq!(wb.scenario().unwrap().results, three);
    // back at the start there is nothing to go back to
    for _ in 0..5 {
        wb.apply(Op::ScenarioBack);
    }
    assert_eq!(wb.scenario().unwrap().played(), 0);
}

#[test]
fn a_bad_caption_names_its_path() {
    let bad = |say: &str| {
        let text = format!(r#"{{"app": "counter", "steps": [{{"advance": 1, "say": {say}}}]}}"#);
        parse(&text).unwrap_err()
    };
    let e = bad(r#""hello""#);
    assert_eq!(
        (e.path.as_str(), &e.problem),
        ("steps[0].say", &ScenarioProblem::ExpectedSay)
    );
    let e = bad(r#"{"fr": "bonjour"}"#);
    assert_eq!(
        (e.path.as_str(), &e.problem),
        ("steps[0].say.fr", &ScenarioProblem::UnknownField)
    );
    let e = bad(r#"{"en": ""}"#);
    assert_eq!(e.problem, ScenarioProblem::ExpectedSay);
    let long = "x".repeat(2001);
    let e = bad(&format!(r#"{{"en": "{long}"}}"#));
    assert_eq!(
        (e.path.as_str(), &e.problem),
        ("steps[0].say.en", &ScenarioProblem::SayTooLong)
    );
    // a caption in one language is shown in both
    let ok =
        parse(r#"{"app": "counter", "steps": [{"advance": 1, "say": {"en": "only English"}}]}"#)
            .unwrap();
    assert_eq!(ok.says[0].as_ref().unwrap().text(true), "only English");
}

/// Share while a scenario is open: the link carries the scenario, and opening it plays the
/// same trace from the first step (it used to give the lesson, without the scenario).
#[test]
fn a_shared_link_carries_the_open_scenario() {
    for (code, text) in LIBRARY {
        let mut wb = open("lang=zh");
        wb.apply(Op::LoadScenario(text.to_string()));
        wb.apply(Op::ScenarioStep);
        let link = wb.share_fragment(false);
        assert!(link.contains("scenario="), "{code}: {link}");
        assert!(!link.contains("lesson="), "{code}: {link}");
        let mut other = open(&link);
        assert_eq!(other.lang(), Lang::Zh, "{code}");
        let run = other
            .scenario()
            .unwrap_or_else(|| panic!("{code}: the link loads no scenario"));
        assert_eq!(run.played(), 0, "{code}: from its first step");
        other.apply(Op::ScenarioPlayAll);
        assert_eq!(
            other.scenario().unwrap().trace_text(),
            fixture(code),
            "{code}"
        );
    }
    // one too long for a link: the link gives the lesson, and says how long it is
    let mut wb = open("");
    // (a file pretty-printed with a lot of room: its size is what a link must carry)
    let padded = format!("{}{}", LIBRARY[0].1, " ".repeat(600 * 1024));
    wb.apply(Op::LoadScenario(padded));
    assert!(wb.scenario().is_some());
    assert!(matches!(wb.scenario_link(), Some(Err(n)) if n > 600 * 1024));
    let link = wb.share_fragment(false);
    assert!(
        link.contains("lesson=") && !link.contains("scenario="),
        "{link}"
    );
}

/// A scenario opens under the lesson whose app, store and deployment it runs: the course's
/// lessons 1 to 5 under lessons 1 to 5 (lesson 5's connect-mongo login is lesson 4's app, and
/// was shown as lesson 4).
#[test]
fn each_lesson_scenario_opens_under_its_lesson() {
    use session_lab::model::lessons::LessonId;
    for (code, text) in LIBRARY.iter().take(5) {
        let mut wb = open("");
        wb.apply(Op::LoadScenario(text.to_string()));
        let n: usize = code[..1].parse().unwrap();
        assert_eq!(wb.lesson(), LessonId::ALL[n - 1], "{code}");
    }
}

/// A library scenario's parallel step is logged as requests sent at once by hand are: its
/// interleaving (the diagram's rows), and the Last request bar's race, here the logout that
/// the slow request undid (the bar had stayed green under a caption that said so).
#[test]
fn a_scenario_s_parallel_step_shows_its_race_as_a_flight_by_hand_does() {
    use session_lab::model::workbench::{flight_rows, RowWhat};
    let (_, text) = LIBRARY.iter().find(|(c, _)| *c == "6-breaks").unwrap();
    let mut wb = open("");
    wb.apply(Op::LoadScenario(text.to_string()));
    for _ in 0..3 {
        wb.apply(Op::ScenarioStep);
    }
    let rows = flight_rows(wb.timeline());
    let sent: Vec<String> = rows
        .iter()
        .filter(|r| matches!(r.what, RowWhat::Sent(..)))
        .map(|r| r.label())
        .collect();
    assert_eq!(sent, ["#1 GET /slow", "#2 GET /logout"]);
    assert!(rows.iter().any(|r| matches!(
        r.what,
        RowWhat::Store {
            undid_destroy: true,
            ..
        }
    )));
    let bar = wb.last_request().unwrap();
    assert_eq!(bar.races.len(), 1, "the bar names the undone destroy");
    assert_eq!(bar.tone(), Some(session_lab::model::explain::Tone::Warn));
    // the trace is the real packages' still
    wb.apply(Op::ScenarioPlayAll);
    assert_eq!(wb.scenario().unwrap().trace_text(), fixture("6-breaks"));
}
