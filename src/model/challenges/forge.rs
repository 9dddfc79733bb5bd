//! Forge: make express-session accept a changed session cookie, after meeting its three
//! rejections (no `s:`, a wrong MAC, an id the store does not have).

use super::{
    created_because, loaded, nav, verdict, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage, AUTH,
};
use crate::engine::events::{BrowserId, CookieVerdict, Event, NewWhy};
use crate::engine::lab::{Action, Exchange};
use crate::engine::session::DEFAULT_NAME;
use crate::engine::signature::UnsignError;
use crate::i18n::Key::*;
use crate::model::lessons::{Control, Pick, Tool};
use crate::model::workbench::Pane;

const UNSIGNED: Stage = Stage {
    name: "unsigned",
    asks: ChForgeStage1,
    why: ChForgeWhy1,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Jar],
};
const BAD_MAC: Stage = Stage {
    name: "bad-mac",
    asks: ChForgeStage2,
    why: ChForgeWhy2,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Jar],
};
const UNKNOWN_ID: Stage = Stage {
    name: "unknown-id",
    asks: ChForgeStage3,
    why: ChForgeWhy3,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Jar],
};
const ACCEPTED: Stage = Stage {
    name: "accepted",
    asks: ChForgeStage4,
    why: ChForgeWhy4,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar, Pane::Server],
};

pub(super) const SPEC: Spec = Spec {
    code: "forge",
    title: ChForgeTitle,
    goal: ChForgeGoal,
    hints: [
        Hint {
            text: ChForgeHint1,
            helps: &[UNSIGNED, BAD_MAC],
            store_row: None,
            show: Some(Control::JarValue(DEFAULT_NAME, Pick::LastChar)),
        },
        Hint {
            text: ChForgeHint2,
            helps: &[UNKNOWN_ID, ACCEPTED],
            store_row: None,
            show: Some(Control::Tool(Tool::Signer)),
        },
        Hint {
            text: ChForgeHint3,
            helps: &[ACCEPTED],
            store_row: Some(r#""username":"bob""#),
            show: Some(Control::Tool(Tool::Signer)),
        },
    ],
    stages: &[UNSIGNED, BAD_MAC, UNKNOWN_ID, ACCEPTED],
    needs_attacker: true,
    variants: &[],
    setup: || Setup {
        // bob logs in in the attacker's browser, which then forgets him: his session is in
        // the store for the learner to find
        actions: vec![
            nav(BrowserId::Attacker, &format!("{AUTH}/login?username=bob")),
            Action::JarClear(BrowserId::Attacker),
            nav(BrowserId::Victim, &format!("{AUTH}/login?username=alice")),
        ],
        ..Setup::auth()
    },
};

/// Watches express-session's verdict on session cookies the learner changed.
#[derive(Default)]
pub(super) struct Forge {
    /// The learner put alice's own cookie back (signed her id): the request that sends it is
    /// accepted, and says again why that is not a forgery (said at the put, the words went
    /// with the request's green bar, and a reviewer was left with 0 of 4 and no reason).
    own_put: bool,
}

impl Challenge for Forge {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    /// Signing alice's own id remakes the cookie the server gave her: nothing forged, and it
    /// said nothing.
    fn event(&mut self, ctx: &Ctx, e: &Event) -> Finding {
        let Some((BrowserId::Victim, own)) = ctx.put_watched(e) else {
            return Finding::Nothing;
        };
        self.own_put = own;
        if own {
            Finding::Failed(ChForgeFailOwnId)
        } else {
            Finding::Nothing
        }
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        if !ctx.lab.config.app.uses_session() {
            return Finding::Nothing;
        }
        let own_put = x.browser == BrowserId::Victim && std::mem::take(&mut self.own_put);
        if !ctx.edited(x) {
            let accepted = matches!(verdict(x), Some(CookieVerdict::Valid { .. })) && loaded(x);
            return if own_put && accepted {
                Finding::Failed(ChForgeFailOwnId)
            } else {
                Finding::Nothing
            };
        }
        match verdict(x) {
            Some(CookieVerdict::Unsigned { .. }) => Finding::Done(&UNSIGNED),
            Some(CookieVerdict::BadSignature {
                error: UnsignError::BadMac { .. } | UnsignError::NoDot,
                ..
            }) => Finding::Done(&BAD_MAC),
            Some(CookieVerdict::Valid { .. }) if created_because(x, NewWhy::StoreMiss) => {
                Finding::Done(&UNKNOWN_ID)
            }
            Some(CookieVerdict::Valid { .. }) if loaded(x) => Finding::Done(&ACCEPTED),
            _ => Finding::Nothing,
        }
    }
}
