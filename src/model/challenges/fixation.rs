//! Fixation: plant the attacker's session id in the learner's browser before alice logs in,
//! ride her session in the course's app, then see the fixed app's regenerate defeat it.

use super::{
    created_because, greeted, nav, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage, AUTH,
};
use crate::engine::events::{BrowserId, Event, NewWhy};
use crate::engine::jar::{parse_set_cookie, Limits, Refusal, SetOutcome};
use crate::engine::lab::Exchange;
use crate::engine::server::App;
use crate::i18n::Key::*;
use crate::model::lessons::Control;
use crate::model::lessons::Variant;
use crate::model::workbench::Pane;

const RODE: Stage = Stage {
    name: "rode-session",
    asks: ChFixStage1,
    why: ChFixWhy1,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar],
};
const REGENERATED: Stage = Stage {
    name: "regenerated",
    asks: ChFixStage2,
    why: ChFixWhy2,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Jar],
};

pub(super) const SPEC: Spec = Spec {
    code: "fixation",
    title: ChFixTitle,
    goal: ChFixGoal,
    hints: [
        Hint {
            text: ChFixHint1,
            helps: &[RODE],
            store_row: None,
            show: None,
        },
        Hint {
            text: ChFixHint2,
            helps: &[RODE],
            store_row: None,
            show: Some(Control::Plant),
        },
        Hint {
            text: ChFixHint3,
            helps: &[RODE, REGENERATED],
            store_row: None,
            show: None,
        },
    ],
    stages: &[RODE, REGENERATED],
    needs_attacker: true,
    variants: &[Variant::Seed, Variant::Fixed],
    setup: || Setup {
        actions: vec![nav(BrowserId::Attacker, &format!("{AUTH}/"))],
        ..Setup::auth()
    },
};

/// Remembers which planted id alice logged in with, whether the attacker rode it, whether
/// the fixed app's login changed it, and whether the attacker then found the planted id
/// worth nothing.
#[derive(Default)]
pub(super) struct Fixation {
    planted_login: Option<String>,
    rode: bool,
    /// The fixed app's login replaced the planted id: the stage waits for the attacker to
    /// try it (the card said "solved" and "why it was refused" at the login, before any
    /// attack had been refused).
    replaced: bool,
    regenerated: bool,
}

impl Challenge for Fixation {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        let app = ctx.lab.config.app;
        let value = ctx.sent(x);
        // an id the attacker was given and the learner's browser was not: planted
        let planted = value.as_deref().is_some_and(|v| {
            ctx.issued.to(BrowserId::Attacker, v) && !ctx.issued.to(BrowserId::Victim, v)
        });
        if x.browser == BrowserId::Victim && x.url.path == "/login" && planted {
            let replaced = app == App::AuthFixed && created_because(x, NewWhy::Regenerated);
            if !named(x) {
                // the session took an empty name: nobody is logged in for the attacker to
                // ride (an empty login form had the card say "alice logged in with the planted
                // id", the attacker's /user then showed nobody, and the fixed app's regenerate
                // counted as refusing an attack on a login that never was: keyboard review)
                return Finding::Failed(if replaced {
                    ChFixFailNoNameReplaced
                } else {
                    ChFixFailNoName
                });
            }
            self.planted_login = value.clone();
            self.replaced = replaced;
            // the card's "why it failed" (a login before the plant) gives way to what is next
            return Finding::Note(if self.replaced {
                ChFixNoteReplaced
            } else {
                ChFixNotePlanted
            });
        } else if x.browser == BrowserId::Victim
            && x.url.path == "/login"
            && !(self.rode && self.regenerated)
        {
            // a login with her own id (or none) gives the attacker nothing: say what comes first
            return Finding::Failed(ChFixFailNoPlant);
        }
        if x.browser == BrowserId::Attacker
            && greeted(x).is_some()
            && value.is_some()
            && value == self.planted_login
        {
            self.rode = true;
            return Finding::Done(&RODE);
        }
        // the planted id, tried after the fixed app's login replaced it: the fix held, on
        // any page (a reviewer pressed Go on the attacker's `/` before /user: the server
        // answered the dead id with a new session, and the planted one was gone for good)
        if x.browser == BrowserId::Attacker
            && app == App::AuthFixed
            && self.replaced
            && !self.regenerated
            && greeted(x).is_none()
            && value.is_some()
            && value == self.planted_login
        {
            self.regenerated = true;
            return Finding::Done(&REGENERATED);
        }
        // the attacker holds another id than the one planted: nothing was tried, and the
        // stage waits for a plant of the id it holds now ("worth nothing" read as done)
        if x.browser == BrowserId::Attacker
            && x.url.path == "/user"
            && app == App::AuthFixed
            && self.replaced
            && !self.regenerated
            && value != self.planted_login
        {
            return Finding::Failed(ChFixFailLostPlant);
        }
        if x.browser == BrowserId::Attacker
            && x.url.path == "/user"
            && app == App::AuthFixed
            && self.rode
            && greeted(x).is_none()
        {
            // the attack failed because the fix held: read as a refusal, not a mistake
            return Finding::Held(ChFixFailFixed);
        }
        Finding::Nothing
    }

    fn event(&mut self, ctx: &Ctx, e: &Event) -> Finding {
        // the attacker's XSS tool writing the id into the victim's page: her jar refuses it
        // for her own HttpOnly connect.sid (the tool's placeholder invites it, and the
        // reviewer saw nothing happen near it)
        match e {
            Event::ScriptWroteCookie {
                browser: BrowserId::Victim,
                text,
                outcome,
            } if matches!(&**outcome, SetOutcome::Refused(Refusal::OverwritesHttpOnly))
                && parse_set_cookie(text, &Limits::default())
                    .is_ok_and(|c| c.name == ctx.cookie) =>
            {
                Finding::Failed(ChFixFailXssHttpOnly)
            }
            _ => Finding::Nothing,
        }
    }
}

/// Whether a login request names someone: `?username=` given and not empty (the course's
/// /login stores whatever the query says, an empty name too, and its /user then greets
/// nobody).
fn named(x: &Exchange) -> bool {
    let query = crate::engine::server::qs::parse(x.url.query.as_deref().unwrap_or(""));
    query
        .get("username")
        .is_some_and(|v| v.as_str() != Some(""))
}
