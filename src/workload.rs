//! The benchmark workload, shared by the host benchmark and the in-browser one: full simulated
//! requests (jar → Cookie header → parse → unsign → store → handler → sign → Set-Cookie → jar)
//! against the counter app with the course's options.

use crate::engine::events::BrowserId;
use crate::engine::ids::SeededRandom;
use crate::engine::lab::{Action, Lab, LabConfig, Navigate};
use crate::engine::server::App;
use crate::engine::store::MemoryKv;

/// The kind of visitor every request of a benchmark run comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visitor {
    /// The same browser again: its cookie is verified and its session loaded and saved.
    Returning,
    /// A browser with an empty jar: a new session is generated, signed and stored.
    New,
}

impl Visitor {
    /// Label for reports.
    pub fn label(self) -> &'static str {
        match self {
            Visitor::Returning => "returning visitor",
            Visitor::New => "new visitor",
        }
    }
}

/// A lab ready for the workload.
pub fn setup() -> Lab {
    let mut lab = Lab::new(
        LabConfig::for_app(App::Counter),
        1_700_000_000_000,
        Box::new(SeededRandom(7)),
        Box::<MemoryKv>::default(),
    )
    .unwrap_or_else(|_| unreachable!("the course's options are valid"));
    lab.apply(Action::Navigate(Navigate::typed(
        BrowserId::Victim,
        "http://localhost:3000/",
    )));
    lab
}

/// Runs `n` requests; returns a checksum (the last body's length) so nothing is optimised away.
pub fn run(lab: &mut Lab, visitor: Visitor, n: usize) -> usize {
    let mut check = 0;
    for _ in 0..n {
        if visitor == Visitor::New {
            lab.victim.jar.clear();
        }
        let o = lab.apply(Action::Navigate(Navigate::typed(
            BrowserId::Victim,
            "http://localhost:3000/",
        )));
        check = o.exchanges.first().map_or(0, |x| x.response.body.len());
    }
    check
}
