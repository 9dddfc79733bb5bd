//! CSRF: a page on another site (the attacker's, `http://evil.example/`, which the lab serves
//! itself) submits a form that makes the logged-in victim's browser `POST /transfer`. Whether
//! the session cookie goes with it is the browser's SameSite decision, modelled on Chrome since
//! version 80 (see [`crate::engine::jar::matching`]): a cookie without `SameSite` is Lax by
//! default, except that one at most two minutes old still rides a cross-site top-level POST
//! ("Lax-allowing-unsafe"). Firefox and Safari do not default to Lax at all, so there the
//! forgery works as long as the session lives; the challenge's texts say so.
//!
//! Stages: the forgery goes through within two minutes of login; an hour later the default Lax
//! withholds the cookie; with `cookie.sameSite` set to `'lax'` or `'strict'` the cookie is
//! withheld from the start, and the timeline says why.

use super::{nav, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage, AUTH};
use crate::engine::events::{BrowserId, Event};
use crate::engine::jar::{Refusal, SameSite, SetOutcome, Withheld};
use crate::engine::js::string_to_number;
use crate::engine::lab::Exchange;
use crate::engine::server::auth::LEFT;
use crate::i18n::Key::*;
use crate::model::lessons::Control;
use crate::model::lessons::Variant;
use crate::model::workbench::Pane;

const FORGED: Stage = Stage {
    name: "forged",
    asks: ChCsrfStage1,
    why: ChCsrfWhy1,
    required: true,
    refused: false,
    uses: &[Pane::Browser],
};
const LAX_BY_DEFAULT: Stage = Stage {
    name: "lax-by-default",
    asks: ChCsrfStage2,
    why: ChCsrfWhy2,
    required: true,
    refused: true,
    uses: &[Pane::Browser],
};
const SAME_SITE_SET: Stage = Stage {
    name: "same-site-set",
    asks: ChCsrfStage3,
    why: ChCsrfWhy3,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Server, Pane::Timeline],
};

pub(super) const SPEC: Spec = Spec {
    code: "csrf",
    title: ChCsrfTitle,
    goal: ChCsrfGoal,
    hints: [
        Hint {
            text: ChCsrfHint1,
            helps: &[FORGED],
            store_row: None,
            show: Some(Control::Inbox),
        },
        Hint {
            text: ChCsrfHint2,
            helps: &[LAX_BY_DEFAULT],
            store_row: None,
            show: Some(Control::ClockHour),
        },
        Hint {
            text: ChCsrfHint3,
            helps: &[SAME_SITE_SET],
            store_row: None,
            show: Some(Control::Option("cookie.sameSite")),
        },
    ],
    stages: &[FORGED, LAX_BY_DEFAULT, SAME_SITE_SET],
    needs_attacker: false,
    variants: &[],
    setup: || Setup {
        actions: vec![nav(
            BrowserId::Victim,
            &format!("{AUTH}/login?username=alice"),
        )],
        // the lab's repaired app: the course's has no card and no /transfer
        variant: Variant::Fixed,
        ..Setup::auth()
    },
};

/// Watches the victim's requests to `/transfer` that another site started, and what the
/// server's Set-Cookie said about SameSite.
#[derive(Default)]
pub(super) struct Csrf {
    /// The server's last session cookie for the victim carried `SameSite=Lax` or `Strict`.
    server_same_site: bool,
    /// The browser refused the server's last session cookie as `SameSite=None` without
    /// `Secure`.
    refused_none: bool,
    /// A forged transfer has gone through already.
    forged: bool,
}

/// Whether the request was started by a page on another site (SameSite's view: schemeful
/// site of the initiator against the request's).
fn cross_site(x: &Exchange) -> bool {
    x.initiator
        .as_ref()
        .is_some_and(|from| from.secure != x.url.secure || from.site() != x.url.site())
}

/// The balance the transfer's page says is left, when the transfer moved money (a finite
/// number: a session without a card gives `NaN`).
fn left(x: &Exchange) -> Option<f64> {
    if x.url.path != "/transfer" || x.response.status != 200 {
        return None;
    }
    let i = x.response.body.find(LEFT)?;
    let rest = &x.response.body[i + LEFT.len()..];
    let n = string_to_number(rest.split('<').next().unwrap_or(""));
    n.is_finite().then_some(n)
}

impl Challenge for Csrf {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        // what the server's Set-Cookie for the session cookie said, read as the jar reads it,
        // and what the jar did with it
        for (sc, outcome) in super::victim_set_cookies(x, ctx.cookie) {
            match outcome {
                SetOutcome::Refused(Refusal::SameSiteNoneWithoutSecure) => self.refused_none = true,
                SetOutcome::Created(_) | SetOutcome::Updated { .. } => {
                    self.refused_none = false;
                    self.server_same_site =
                        matches!(sc.same_site, Some(SameSite::Lax | SameSite::Strict));
                }
                _ => {}
            }
        }
        let forged = x.browser == BrowserId::Victim
            && x.hop == 0
            && x.request.method == "POST"
            && x.url.path.eq_ignore_ascii_case("/transfer")
            && cross_site(x);
        if !forged {
            // the address bar after the forgery holds /transfer, and Go there sends a GET the
            // app has no route for: a 404 that said nothing of why (phone review)
            let typed_get = x.browser == BrowserId::Victim
                && x.hop == 0
                && x.request.method == "GET"
                && x.url.path.eq_ignore_ascii_case("/transfer")
                && x.response.status == 404;
            return if typed_get {
                Finding::Note(ChCsrfGetNote)
            } else {
                Finding::Nothing
            };
        }
        let withheld = x.events.iter().find_map(|e| match e {
            Event::CookieConsidered { name, withheld, .. } if *name == ctx.cookie => {
                withheld.clone()
            }
            _ => None,
        });
        match withheld {
            Some(Withheld::SameSiteLaxByDefault) => Finding::Done(&LAX_BY_DEFAULT),
            // the defence is the server's Set-Cookie, for every user; a SameSite chosen by hand
            // in this one jar protects only this browser
            Some(Withheld::SameSiteLax | Withheld::SameSiteStrict) if self.server_same_site => {
                Finding::Done(&SAME_SITE_SET)
            }
            Some(Withheld::SameSiteLax | Withheld::SameSiteStrict) => {
                Finding::Failed(ChCsrfFailJarEdit)
            }
            None if ctx.sent(x).is_some() && left(x).is_some() => {
                // sent only because it is under two minutes old (Chrome's Lax-allowing-unsafe)
                let young = x.events.iter().any(|e| {
                    matches!(e, Event::CookieConsidered { name, lax_allowing_unsafe: Some(_), .. } if *name == ctx.cookie)
                });
                // again: said why, since the card's stage 1 is ticked already and nothing
                // else changed (a learner who moved the clock one minute, not past two, saw
                // the money go again with no word: en phone review)
                if self.forged && young {
                    Finding::Note(ChCsrfForgedAgain)
                } else {
                    self.forged = true;
                    Finding::Done(&FORGED)
                }
            }
            // the login's cookie never reached the jar (an older one may still be sent)
            _ if self.refused_none => Finding::Failed(ChCsrfFailNoneRefused),
            _ => Finding::Failed(ChCsrfFailNoLogin),
        }
    }
}
