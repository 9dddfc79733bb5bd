//! Predictable ids: with sequential card numbers, guess the learner's and spend their balance
//! from the attacker's browser (or, the other way round, the attacker's from the learner's).

use super::{nav, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage};
use crate::engine::events::{BrowserId, Event};
use crate::engine::ids::IdScheme;
use crate::engine::lab::Exchange;
use crate::engine::server::App;
use crate::engine::store::{CallResult, StoreOp};
use crate::i18n::Key::*;
use crate::model::lessons::{Control, LessonId};
use crate::model::workbench::Pane;

const GUESSED: Stage = Stage {
    name: "guessed",
    asks: ChPredStage1,
    why: ChPredWhy1,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar],
};

const HAIRCUT: &str = "http://localhost:9090/";

pub(super) const SPEC: Spec = Spec {
    code: "predictable-ids",
    title: ChPredTitle,
    goal: ChPredGoal,
    hints: [
        Hint {
            text: ChPredHint1,
            helps: &[GUESSED],
            store_row: None,
            show: None,
        },
        Hint {
            text: ChPredHint2,
            helps: &[GUESSED],
            store_row: None,
            show: None,
        },
        Hint {
            text: ChPredHint3,
            helps: &[GUESSED],
            store_row: None,
            show: Some(Control::AttackerJarValue("session.id")),
        },
    ],
    stages: &[GUESSED],
    needs_attacker: true,
    variants: &[],
    setup: || Setup {
        lesson: LessonId::Manual,
        variant: LessonId::Manual.default_variant(),
        id_scheme: Some(IdScheme::Sequential),
        actions: vec![
            nav(BrowserId::Victim, HAIRCUT),
            nav(BrowserId::Victim, HAIRCUT),
            nav(BrowserId::Attacker, HAIRCUT),
        ],
        jar: BrowserId::Attacker,
        ..Setup::auth()
    },
};

/// Watches the attacker's card numbers against the notebook.
#[derive(Default)]
pub(super) struct Predictable {
    /// The browser whose jar the learner put a card number in that the server had handed
    /// that browser already (the attacker's earlier card, after a miss gave it a new one): it
    /// spends the browser's own balance, and nothing had said why that guessed nothing.
    own_put: Option<BrowserId>,
}

impl Challenge for Predictable {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn event(&mut self, ctx: &Ctx, e: &Event) -> Finding {
        if let Some((browser, own)) = ctx.put_watched(e) {
            self.own_put = own.then_some(browser);
        }
        Finding::Nothing
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        if ctx.lab.config.app != App::Manual {
            return Finding::Nothing;
        }
        let own_put = self.own_put == Some(x.browser);
        if own_put {
            self.own_put = None;
        }
        // the guess usually comes from the attacker's browser; the learner's own browser
        // spending the attacker's card by its number is the same attack the other way round
        let other = match x.browser {
            BrowserId::Attacker => BrowserId::Victim,
            BrowserId::Victim => BrowserId::Attacker,
        };
        let Some(v) = ctx.sent(x) else {
            return Finding::Nothing;
        };
        let hit = x.events.iter().any(
            |e| matches!(e, Event::Store(c) if c.op == StoreOp::Get && c.result == CallResult::Hit),
        );
        if hit && ctx.issued.to(other, &v) && !ctx.issued.to(x.browser, &v) {
            // the goal says no stealing: a number the XSS read was not guessed (a reviewer
            // solved it with the XSS and was told the guess worked)
            if x.browser == BrowserId::Attacker && ctx.read_by_xss(&v) {
                return Finding::Failed(ChPredFailStolen);
            }
            return Finding::Done(&GUESSED);
        }
        if x.browser == BrowserId::Attacker && !hit && !ctx.issued.any(&v) {
            return Finding::Failed(ChPredFailMiss);
        }
        if own_put && hit && ctx.issued.to(x.browser, &v) && !ctx.issued.to(other, &v) {
            return Finding::Failed(ChPredFailOwn);
        }
        Finding::Nothing
    }
}
