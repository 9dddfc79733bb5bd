//! Rotation: change the secret without logging everyone out, by listing the new secret first
//! and the old one after it.

use super::{loaded, nav, obj, verdict, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage, AUTH};
use crate::engine::events::{BrowserId, CookieVerdict};
use crate::engine::json::json;
use crate::engine::lab::Exchange;
use crate::engine::server::COURSE_SECRET;
use crate::i18n::Key::*;
use crate::model::lessons::Control;
use crate::model::workbench::Pane;

const OLD_REJECTED: Stage = Stage {
    name: "old-rejected",
    asks: ChRotStage1,
    why: ChRotWhy1,
    required: false,
    refused: true,
    uses: &[Pane::Browser, Pane::Server],
};
const OLD_ACCEPTED: Stage = Stage {
    name: "old-accepted",
    asks: ChRotStage2,
    why: ChRotWhy2,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Server],
};

pub(super) const SPEC: Spec = Spec {
    code: "rotation",
    title: ChRotTitle,
    goal: ChRotGoal,
    hints: [
        Hint {
            text: ChRotHint1,
            helps: &[OLD_REJECTED],
            store_row: None,
            show: Some(Control::Option("secret")),
        },
        Hint {
            text: ChRotHint2,
            helps: &[OLD_ACCEPTED],
            store_row: None,
            show: Some(Control::Option("secret")),
        },
        Hint {
            text: ChRotHint3,
            helps: &[OLD_ACCEPTED],
            store_row: None,
            show: None,
        },
    ],
    stages: &[OLD_REJECTED, OLD_ACCEPTED],
    needs_attacker: false,
    variants: &[],
    setup: || Setup {
        // a real deployment rotates with a real store: restarts keep the sessions
        overrides: obj(json!({"saveUninitialized": false, "store": "persistent"})),
        actions: vec![nav(
            BrowserId::Victim,
            &format!("{AUTH}/login?username=alice"),
        )],
        ..Setup::auth()
    },
};

/// Watches which secret verified the session cookie.
pub(super) struct Rotation;

impl Challenge for Rotation {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        match verdict(x) {
            Some(CookieVerdict::BadSignature { .. }) => Finding::Done(&OLD_REJECTED),
            Some(CookieVerdict::Valid { secret_index, .. }) if *secret_index >= 1 && loaded(x) => {
                Finding::Done(&OLD_ACCEPTED)
            }
            // a list with the old secret still first: alice survives, but nothing rotated
            Some(CookieVerdict::Valid {
                secret_index: 0, ..
            }) if loaded(x)
                && ctx
                    .lab
                    .server
                    .signing()
                    .secrets()
                    .split_first()
                    .is_some_and(|(first, rest)| first == COURSE_SECRET && !rest.is_empty()) =>
            {
                Finding::Failed(ChRotFailOldFirst)
            }
            _ => Finding::Nothing,
        }
    }
}
