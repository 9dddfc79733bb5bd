//! Tamper: raise the balance by editing the plain cookie, then see the signed card refuse the
//! same edit with 403.

use super::{Challenge, Ctx, Finding, Hint, Setup, Spec, Stage};
use crate::engine::lab::Exchange;
use crate::engine::server::cookie_only::{WELCOME_BACK, WELCOME_NEW};
use crate::engine::server::App;
use crate::i18n::Key::*;
use crate::model::lessons::{Control, Pick};
use crate::model::lessons::{LessonId, Variant};
use crate::model::workbench::Pane;

const BELIEVED: Stage = Stage {
    name: "plain-believed",
    asks: ChTamperStage1,
    why: ChTamperWhy1,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar],
};
const REFUSED: Stage = Stage {
    name: "signed-refused",
    asks: ChTamperStage2,
    why: ChTamperWhy2,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Jar],
};

pub(super) const SPEC: Spec = Spec {
    code: "tamper",
    title: ChTamperTitle,
    goal: ChTamperGoal,
    hints: [
        Hint {
            text: ChTamperHint1,
            helps: &[BELIEVED],
            store_row: None,
            show: Some(Control::Go),
        },
        Hint {
            text: ChTamperHint2,
            helps: &[BELIEVED],
            store_row: None,
            show: Some(Control::JarValue("balance", Pick::All)),
        },
        Hint {
            text: ChTamperHint3,
            helps: &[REFUSED],
            store_row: None,
            show: Some(Control::JarValue("balance", Pick::Payload)),
        },
    ],
    stages: &[BELIEVED, REFUSED],
    needs_attacker: false,
    variants: &[Variant::Plain, Variant::Signed],
    setup: || Setup {
        lesson: LessonId::Cookie,
        variant: Variant::Plain,
        // the verdict's expected MAC, pasted over the edited card's, forged it: a tamperer
        // without the secret has neither, so the challenge shows neither
        hide_secret: true,
        ..Setup::auth()
    },
};

/// Watches the card's balance and the signed card's 403.
pub(super) struct Tamper;

impl Challenge for Tamper {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        let body = &x.response.body;
        match ctx.lab.config.app {
            App::CookieOnly => {
                let balance = body
                    .strip_prefix(WELCOME_BACK)
                    .and_then(|n| n.parse::<f64>().ok());
                if balance.is_some_and(|n| n > 100.0) {
                    return Finding::Done(&BELIEVED);
                }
                // "9999元" or "a lot": Number() of it is NaN, and so is NaN - 10; the page
                // prints NaN. "Write more than 110" had answered a learner who wrote 9999元
                if balance.is_some_and(f64::is_nan) && ctx.edited(x) {
                    return Finding::Failed(ChTamperFailNaN);
                }
                // believed, but the visit's 10 took it back to 100 or less; or it was no more
                // than 100 as written (50 had been told the visit's 10 was to blame)
                if let Some(n) = balance.filter(|_| ctx.edited(x)) {
                    return Finding::Failed(if n + 10.0 > 100.0 {
                        ChTamperFailLow
                    } else {
                        ChTamperFailNotAbove
                    });
                }
            }
            App::CookieOnlySigned => {
                if x.response.status == 403 {
                    return Finding::Done(&REFUSED);
                }
                if ctx.edited(x) && body == WELCOME_NEW {
                    return Finding::Failed(ChTamperFailUnsigned);
                }
            }
            _ => {}
        }
        Finding::Nothing
    }
}
