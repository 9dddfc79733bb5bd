//! Weak secret: recover the signed card's four-letter secret with the brute-forcer, then sign
//! a balance of your own.

use super::{nav, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage};
use crate::engine::events::{BrowserId, Event};
use crate::engine::lab::Exchange;
use crate::engine::server::cookie_only::WELCOME_NEW;
use crate::engine::server::App;
use crate::i18n::Key::*;
use crate::model::lessons::{Control, Tool};
use crate::model::lessons::{LessonId, Variant};
use crate::model::workbench::Pane;

const RECOVERED: Stage = Stage {
    name: "recovered",
    asks: ChWeakStage1,
    why: ChWeakWhy1,
    required: false,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar],
};
const FORGED: Stage = Stage {
    name: "forged",
    asks: ChWeakStage2,
    why: ChWeakWhy2,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar],
};

pub(super) const SPEC: Spec = Spec {
    code: "weak-secret",
    title: ChWeakTitle,
    goal: ChWeakGoal,
    hints: [
        Hint {
            text: ChWeakHint1,
            helps: &[RECOVERED],
            store_row: None,
            show: Some(Control::Tool(Tool::BruteForcer)),
        },
        Hint {
            text: ChWeakHint2,
            helps: &[RECOVERED],
            store_row: None,
            show: None,
        },
        Hint {
            text: ChWeakHint3,
            helps: &[FORGED],
            store_row: None,
            show: Some(Control::Tool(Tool::Signer)),
        },
    ],
    stages: &[RECOVERED, FORGED],
    needs_attacker: true,
    variants: &[],
    setup: || Setup {
        lesson: LessonId::Cookie,
        variant: Variant::Signed,
        hide_secret: true,
        actions: vec![nav(BrowserId::Victim, "http://localhost:3000/")],
        ..Setup::auth()
    },
};

/// Watches cookie-parser's check of balances the learner signed.
#[derive(Default)]
pub(super) struct WeakSecret {
    /// The browser whose jar the learner put a balance in that the server had handed that
    /// browser already: 100 signed with the recovered secret remakes the card in the jar
    /// byte for byte, the server accepts it, and nothing had said why that forged nothing (a
    /// reviewer signed the 100 they held and was left with stage 2 open and no reason).
    own_put: Option<BrowserId>,
}

impl Challenge for WeakSecret {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn secret_found(&mut self, _secret: &str, servers: bool) -> Finding {
        if servers {
            Finding::Done(&RECOVERED)
        } else {
            // the cookie given to the brute-forcer was one the learner signed
            Finding::Failed(ChWeakFailNotServers)
        }
    }

    /// A balance put in a jar that the server handed that jar already, as forge's own id.
    fn event(&mut self, ctx: &Ctx, e: &Event) -> Finding {
        let Some((browser, own)) = ctx.put_watched(e) else {
            return Finding::Nothing;
        };
        self.own_put = own.then_some(browser);
        if own {
            Finding::Failed(ChWeakFailOwnCard)
        } else {
            Finding::Nothing
        }
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        if ctx.lab.config.app != App::CookieOnlySigned {
            return Finding::Nothing;
        }
        let own_put = self.own_put == Some(x.browser);
        if own_put {
            self.own_put = None;
        }
        if !ctx.edited(x) {
            // the card put back is accepted, and the bar's green check reads as success: say
            // again why it forged nothing
            let accepted = x
                .events
                .iter()
                .any(|e| matches!(e, Event::SignedCookieRead { verdict: Ok(_), .. }));
            return if own_put && accepted {
                Finding::Failed(ChWeakFailOwnCard)
            } else {
                Finding::Nothing
            };
        }
        // a value the server signed and handed out (the victim's card copied into the
        // attacker's jar) passes too, but that is a replay: only a balance it never issued is
        // forged (a reviewer solved the challenge with a copied card and no secret)
        let replayed = ctx.sent(x).is_some_and(|v| ctx.issued.any(&v));
        let mut finding = Finding::Nothing;
        for e in &x.events {
            match e {
                Event::SignedCookieRead { verdict: Ok(_), .. } if replayed => {
                    return Finding::Failed(ChWeakFailReplayed)
                }
                Event::SignedCookieRead { verdict: Ok(_), .. } => return Finding::Done(&FORGED),
                Event::SignedCookieRead {
                    verdict: Err(_), ..
                } => finding = Finding::Failed(ChWeakFailMac),
                _ => {}
            }
        }
        if x.response.body == WELCOME_NEW {
            // no `s:` at all: cookie-parser did not even try, and the app gave a new card
            finding = Finding::Failed(ChTamperFailUnsigned);
        }
        finding
    }
}
