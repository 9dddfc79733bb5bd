//! What the page-model tests share: a workbench opened as the page opens it, and typing an
//! address. (Each test file that uses it says `mod common;`.)
#![allow(dead_code)]

use session_lab::engine::events::BrowserId;
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::store::MemoryKv;
use session_lab::model::workbench::{Op, Start, Workbench};

/// The virtual clock at start.
pub const NOW: i64 = 1_700_000_000_000;
/// The lesson-4 and -5 apps' origin.
pub const AUTH: &str = "http://localhost:8080";

/// A workbench opened with this URL fragment, nothing stored, an English browser and a seeded
/// random source.
pub fn open(fragment: &str) -> Workbench {
    Workbench::load(
        Start {
            now: NOW,
            fragment: fragment.into(),
            stored: Ok(None),
            docs_dropped: 0,
            languages: vec!["en-GB".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(9))),
    )
}

/// Types an address into a browser's address bar and presses Go.
pub fn go(wb: &mut Workbench, b: BrowserId, url: &str) {
    wb.apply(Op::Type(b, url.into()));
    wb.apply(Op::Go(b));
}
