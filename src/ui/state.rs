//! The page's state for Yew: the [`Workbench`] (the pure page model) behind a version number.
//! `reduce` is the only place that changes the model, one [`Op`] per message, and every
//! change bumps the version; so two states are equal exactly when they are the same version of
//! the same model, and Yew re-renders after every change and never otherwise. The one
//! exception is a simulation's next chunk beside the lab: only the simulation's own panel
//! shows it, and that panel redraws itself. Side effects
//! (saving, posting to the embedding page) are not here: they are effects in [`super::App`],
//! driven by what the model exposes.

use super::storage::{self, LocalKv};
use crate::engine::ids::RandomSource;
use crate::engine::store::{KvBackend, MemoryKv};
use crate::model::persist::STATE_KEY;
use crate::model::share;
use crate::model::workbench::{Op, Start, Workbench};
use std::cell::{Ref, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Randomness from the browser (`crypto.getRandomValues`, through getrandom).
pub struct BrowserRandom;

impl RandomSource for BrowserRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        if getrandom::fill(buf).is_err() {
            // getrandom cannot fail in a browser with Web Crypto; keep going deterministically
            buf.iter_mut().enumerate().for_each(|(i, b)| *b = i as u8);
        }
    }
}

/// The page model and its version.
pub struct AppState {
    model: Rc<RefCell<Workbench>>,
    version: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model) && self.version == other.version
    }
}

impl AppState {
    /// The page at load: the fragment, what was saved, the browser's languages.
    pub fn load() -> AppState {
        let fragment = super::embed::fragment();
        let embed = share::parse(&fragment).0.embed;
        // an embed keeps nothing, and must not read (or clobber) the hosted lab's data
        let (stored, docs_dropped, db): (_, _, Box<dyn KvBackend>) = if embed {
            (Ok(None), 0, Box::<MemoryKv>::default())
        } else {
            let dropped = storage::sanitize_db();
            (storage::read(STATE_KEY), dropped, Box::new(LocalKv::open()))
        };
        let start = Start {
            now: js_sys::Date::now() as i64,
            fragment,
            stored,
            docs_dropped,
            languages: browser_languages(),
        };
        let model = Workbench::load(start, db, Box::new(|| Box::new(BrowserRandom)));
        AppState {
            model: Rc::new(RefCell::new(model)),
            version: 0,
        }
    }

    /// The model, to read.
    pub fn model(&self) -> Ref<'_, Workbench> {
        self.model.borrow()
    }

    /// The version: it changes with every operation.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The shared model, for the read-only probe.
    pub(super) fn shared(&self) -> Rc<RefCell<Workbench>> {
        self.model.clone()
    }
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

impl Reducible for AppState {
    type Action = Op;

    fn reduce(self: Rc<Self>, op: Op) -> Rc<Self> {
        let quiet = self.model.borrow().changes_only_the_simulation(&op);
        self.model.borrow_mut().apply(op);
        // the last chunk says the result in the live region, outside the panel
        let finished = self.model.borrow().sim().is_some_and(|r| r.done());
        if quiet && !finished {
            // the same state: nothing but the simulation's panel shows what changed, and that
            // panel redraws itself after each chunk (`visitors::Visitors`)
            return self;
        }
        Rc::new(AppState {
            model: self.model.clone(),
            version: self.version + 1,
        })
    }
}

/// The context every component reads.
pub type AppContext = UseReducerHandle<AppState>;
