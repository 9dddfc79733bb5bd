//! "Show me" on a lesson step: which steps point at a control, and when the page offers it.

mod common;

use common::open;
use session_lab::model::lessons::{Control, LessonId};
use session_lab::model::workbench::Pane;

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
