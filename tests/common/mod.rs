//! What the page-model tests share: a workbench opened as the page opens it, and typing an
//! address. (Each test file that uses it says `mod common;`.)
#![allow(dead_code)]

use session_lab::engine::events::BrowserId;
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::store::MemoryKv;
use session_lab::model::page::{render, Block};
use session_lab::model::workbench::{Op, Start, Workbench};

/// The virtual clock at start.
pub const NOW: i64 = 1_700_000_000_000;
/// The lesson-4 and -5 apps' origin.
pub const AUTH: &str = "http://localhost:8080";

/// A workbench opened with this URL fragment, nothing stored, an English browser and a seeded
/// random source.
pub fn open(fragment: &str) -> Workbench {
    open_seeded(fragment, None, 9)
}

/// A workbench opened as the page opens it, from this fragment and this saved state, its
/// random source seeded with `seed`.
pub fn open_seeded(fragment: &str, stored: Option<String>, seed: u64) -> Workbench {
    Workbench::load(
        Start {
            now: NOW,
            fragment: fragment.into(),
            stored: Ok(stored),
            docs_dropped: 0,
            languages: vec!["en-GB".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(move || Box::new(SeededRandom(seed))),
    )
}

/// The learner's page body (empty before the first page).
pub fn body(wb: &Workbench) -> String {
    page_body(wb, BrowserId::Victim)
}

/// A browser's page body (empty before its first page).
pub fn page_body(wb: &Workbench, b: BrowserId) -> String {
    wb.lab()
        .browser(b)
        .page
        .as_ref()
        .map(|p| p.body.clone())
        .unwrap_or_default()
}

/// Types `name` in every field of the page's first form and presses its button, as the
/// browser pane does.
pub fn log_in(wb: &mut Workbench, name: &str) {
    let page = body(wb);
    let (action, method, fields) = render(&page, Some("text/html"))
        .blocks
        .into_iter()
        .find_map(|b| match b {
            Block::Form {
                action,
                method,
                fields,
                ..
            } => Some((action, method, fields)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no form on {page}"));
    let fields = fields
        .into_iter()
        .map(|f| (f.name, name.to_string()))
        .collect();
    wb.apply(Op::Submit {
        browser: BrowserId::Victim,
        action,
        method,
        fields,
    });
}

/// Whether the user page greets alice.
pub fn greeted(wb: &Workbench) -> bool {
    body(wb).contains("欢迎你，alice")
}

/// The names of the current lesson's steps that have ticked.
pub fn ticked(wb: &Workbench) -> Vec<&'static str> {
    let lesson = wb.lesson();
    lesson
        .steps()
        .iter()
        .filter(|s| wb.step_done(lesson, s))
        .map(|s| s.name)
        .collect()
}

/// The learner's cookie of this name (the test fails when the jar has none).
pub fn victim_cookie(wb: &Workbench, name: &str) -> session_lab::engine::jar::Cookie {
    (wb.lab().victim.jar.cookies().iter())
        .find(|c| c.name == name)
        .cloned()
        .unwrap_or_else(|| panic!("no {name} in the learner's jar"))
}

/// Types an address into a browser's address bar and presses Go.
pub fn go(wb: &mut Workbench, b: BrowserId, url: &str) {
    wb.apply(Op::Type(b, url.into()));
    wb.apply(Op::Go(b));
}

/// The exchange of the timeline's newest entry (it must be a request's).
pub fn last_exchange(wb: &Workbench) -> session_lab::engine::lab::Exchange {
    wb.timeline()
        .entries()
        .last()
        .and_then(|e| e.exchange.clone())
        .expect("the newest timeline entry is a request's")
}
