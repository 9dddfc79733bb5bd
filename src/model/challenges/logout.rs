//! Logout: show that the course's logout (which writes `usrename`) leaves you logged in, then
//! that the fixed one destroys the session so even a replayed cookie finds nothing.

use super::{
    created_because, greeted, nav, verdict, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage, AUTH,
};
use crate::engine::events::{BrowserId, CookieVerdict, Event, NewWhy};
use crate::engine::lab::Exchange;
use crate::engine::server::App;
use crate::engine::session::DEFAULT_NAME;
use crate::engine::store::StoreOp;
use crate::i18n::Key::*;
use crate::model::lessons::Variant;
use crate::model::lessons::{Control, Pick};
use crate::model::workbench::Pane;
use std::collections::HashSet;

const STILL_IN: Stage = Stage {
    name: "still-logged-in",
    asks: ChLogoutStage1,
    why: ChLogoutWhy1,
    required: true,
    refused: false,
    uses: &[Pane::Browser],
};
const REPLAY_FAILS: Stage = Stage {
    name: "replay-fails",
    asks: ChLogoutStage2,
    why: ChLogoutWhy2,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Timeline],
};

pub(super) const SPEC: Spec = Spec {
    code: "logout",
    title: ChLogoutTitle,
    goal: ChLogoutGoal,
    hints: [
        Hint {
            text: ChLogoutHint1,
            helps: &[STILL_IN],
            store_row: None,
            show: Some(Control::PageLink("/logout")),
        },
        Hint {
            text: ChLogoutHint2,
            helps: &[STILL_IN],
            // the row the course's logout wrote `"usrename":null` into
            store_row: Some(r#""usrename":null"#),
            show: None,
        },
        Hint {
            text: ChLogoutHint3,
            helps: &[REPLAY_FAILS],
            store_row: None,
            // where the hint starts, after the switch: the session cookie's value to copy
            show: Some(Control::JarValue(DEFAULT_NAME, Pick::All)),
        },
    ],
    stages: &[STILL_IN, REPLAY_FAILS],
    needs_attacker: false,
    variants: &[Variant::Seed, Variant::Fixed],
    setup: || Setup {
        actions: vec![nav(
            BrowserId::Victim,
            &format!("{AUTH}/login?username=alice"),
        )],
        ..Setup::auth()
    },
};

/// Remembers the logouts seen and the sessions they destroyed.
#[derive(Default)]
pub(super) struct Logout {
    destroyed: HashSet<String>,
    /// The course's logout ran, and no login since.
    seed_logout_seen: bool,
    /// A login came after the course's logout: /user knowing you then proves nothing.
    logged_in_again: bool,
    /// The fixed app's logout ran, and no login since.
    fixed_logout_seen: bool,
    /// The old cookie was sent back after the fixed logout and found nothing.
    replayed: bool,
}

impl Challenge for Logout {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        let app = ctx.lab.config.app;
        if x.url.path == "/logout" {
            self.seed_logout_seen |= app == App::AuthSeed;
            for e in &x.events {
                if let Event::Store(c) = e {
                    if c.op == StoreOp::Destroy {
                        self.destroyed.insert(c.sid.clone());
                    }
                }
            }
        }
        if app == App::AuthSeed && x.url.path == "/login" && self.seed_logout_seen {
            self.seed_logout_seen = false;
            self.logged_in_again = true;
        }
        if app == App::AuthSeed && x.url.path == "/logout" {
            self.logged_in_again = false;
        }
        if app == App::AuthSeed && x.url.path == "/user" && greeted(x).is_some() {
            if self.seed_logout_seen {
                return Finding::Done(&STILL_IN);
            }
            if self.logged_in_again {
                return Finding::Failed(ChLogoutFailRelogin);
            }
        }
        if app == App::AuthFixed {
            if let Some(CookieVerdict::Valid { sid, .. }) = verdict(x) {
                if self.destroyed.contains(sid) && created_because(x, NewWhy::StoreMiss) {
                    self.replayed = true;
                    return Finding::Done(&REPLAY_FAILS);
                }
            }
            // after the fixed logout, /user with the cookie it left (or none): a new visitor,
            // the old cookie never tried, and the card had nothing to say (a reviewer). A value
            // the server never set (the old one mistyped) is refused for its own reason.
            let as_left = ctx.sent(x).is_none_or(|v| ctx.issued.to(x.browser, &v));
            if x.url.path == "/user"
                && !self.replayed
                && self.fixed_logout_seen
                && greeted(x).is_none()
                && as_left
            {
                return Finding::Failed(ChLogoutFailNoReplay);
            }
            match x.url.path.as_str() {
                "/logout" => self.fixed_logout_seen = true,
                "/login" => self.fixed_logout_seen = false,
                _ => {}
            }
        }
        Finding::Nothing
    }
}
