//! "Show me" on a lesson step: which steps point at a control, and when the page offers it.

mod common;

use common::open;
use session_lab::engine::json::{Map, Value};
use session_lab::engine::lab::{Deploy, StoreLatency};
use session_lab::model::lessons::{Control, LessonId, Step, Variant};
use session_lab::model::workbench::{Op, Pane};

fn show(lesson: LessonId, name: &str) -> Option<Control> {
    lesson
        .steps()
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.show)
}

#[test]
fn the_steps_that_name_a_folded_control_point_at_it() {
    // lesson 3: resave and maxAge sit in the folded options form
    assert_eq!(
        show(LessonId::Middleware, "only-touched"),
        Some(Control::Option("resave"))
    );
    assert_eq!(
        show(LessonId::Middleware, "expired"),
        Some(Control::Option("cookie.maxAge"))
    );
    // lesson 4's trust proxy is in the folded deployment form; lesson 6's last race starts
    // in the timeline's Send requests at once
    assert_eq!(
        show(LessonId::Auth, "proxy-trusted"),
        Some(Control::TrustProxy)
    );
    assert_eq!(
        show(LessonId::Breaks, "resurrected").map(Control::pane),
        Some(Pane::Timeline)
    );
    // a step whose control sits beside it (a variant button) names none
    assert_eq!(show(LessonId::Auth, "fixed-out"), None);
}

#[test]
fn the_page_offers_it_where_the_pane_is_shown() {
    let wb = open("lesson=middleware");
    let target = wb.show_target(Control::Option("resave")).unwrap();
    assert_eq!(target.pane, Pane::Server);
    assert_eq!(target.selectors, vec!["#opt-resave".to_string()]);

    // an embed that shows the browser and the jar cannot point into the server pane
    let embed = open("embed=1&lesson=middleware&panes=browser,jar");
    assert_eq!(embed.show_target(Control::Option("resave")), None);
    assert!(embed.show_target(Control::Address).is_some());

    // a challenge's card has no lesson steps
    let challenge = open("challenge=forge");
    assert_eq!(challenge.show_target(Control::Address), None);
}

fn step(lesson: LessonId, name: &str) -> &'static Step {
    lesson.steps().iter().find(|s| s.name == name).unwrap()
}

#[test]
fn a_step_run_in_another_variant_switches_to_it_first() {
    // lesson 6's race says "Back on One server": from the TLS proxy, Show me switches first
    // (a latency set there would be reset by the switch the text asks for)
    let mut wb = open("lesson=breaks&variant=tls-proxy");
    let race = step(LessonId::Breaks, "race");
    let target = wb.show_step(race).unwrap();
    assert_eq!(target.variant, Some(Variant::OneServer));
    assert_eq!(target.selectors, vec!["#deploy-latency-get".to_string()]);
    wb.apply(Op::SelectVariant(Variant::OneServer));
    let target = wb.show_step(race).unwrap();
    assert_eq!(target.variant, None);
    assert_eq!(target.selectors, vec!["#deploy-latency-get".to_string()]);
    // lesson 4's trust proxy only matters behind the proxy
    let wb = open("lesson=auth&variant=fixed");
    let trusted = wb.show_step(step(LessonId::Auth, "proxy-trusted")).unwrap();
    assert_eq!(trusted.variant, Some(Variant::Proxy));
    let wb = open("lesson=auth&variant=tls-proxy");
    assert_eq!(
        wb.show_step(step(LessonId::Auth, "proxy-trusted"))
            .unwrap()
            .variant,
        None
    );
}

#[test]
fn a_step_points_at_what_its_text_sets_first_until_the_lab_has_it() {
    let mut wb = open("lesson=breaks");
    let race = step(LessonId::Breaks, "race");
    assert_eq!(wb.show_step(race).unwrap().pane, Pane::Server);
    // the store slowed down: the next thing is Send requests at once
    wb.apply(Op::Deploy(Deploy {
        latency: StoreLatency::both(50),
        ..Deploy::default()
    }));
    let target = wb.show_step(race).unwrap();
    assert_eq!(target.pane, Pane::Timeline);
    assert_eq!(target.selectors, vec!["#flight-first".to_string()]);

    // race-fixed sets resave to false first; resurrected sets it back to true
    let fixed = step(LessonId::Breaks, "race-fixed");
    let back = step(LessonId::Breaks, "resurrected");
    assert_eq!(
        wb.show_step(fixed).unwrap().selectors,
        vec!["#opt-resave".to_string()]
    );
    assert_eq!(
        wb.show_step(back).unwrap().selectors,
        vec!["#flight-first".to_string()]
    );
    let mut off = Map::new();
    off.insert("resave".into(), Value::Bool(false));
    wb.apply(Op::Configure(off));
    assert_eq!(
        wb.show_step(fixed).unwrap().selectors,
        vec!["#flight-first".to_string()]
    );
    assert_eq!(
        wb.show_step(back).unwrap().selectors,
        vec!["#opt-resave".to_string()]
    );

    // a step with nothing to set first points at its own control
    let seconds = step(LessonId::Breaks, "seconds");
    assert_eq!(
        wb.show_step(seconds).unwrap().selectors,
        vec!["#opt-cookie-maxAge".to_string()]
    );
}
