//! Hijack: carry alice's session cookie into the attacker's browser (sniffed on plain http or
//! read by XSS), then watch HttpOnly stop the script and Secure stop the sniffer.

use super::{greeted, nav, obj, Challenge, Ctx, Finding, Hint, Setup, Spec, Stage, AUTH};
use crate::engine::events::{BrowserId, Event, NotSentWhy, SetCookieDecision};
use crate::engine::jar::SetOutcome;
use crate::engine::json::json;
use crate::engine::lab::Exchange;
use crate::engine::session::SessionCookie;
use crate::i18n::Key::*;
use crate::model::lessons::{Control, Tool};
use crate::model::workbench::Pane;

const STOLEN: Stage = Stage {
    name: "stolen",
    asks: ChHijackStage1,
    why: ChHijackWhy1,
    required: true,
    refused: false,
    uses: &[Pane::Browser, Pane::Jar],
};
const HTTP_ONLY: Stage = Stage {
    name: "http-only",
    asks: ChHijackStage2,
    why: ChHijackWhy2,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Server],
};
const SECURE: Stage = Stage {
    name: "secure",
    asks: ChHijackStage3,
    why: ChHijackWhy3,
    required: true,
    refused: true,
    uses: &[Pane::Browser, Pane::Server],
};

pub(super) const SPEC: Spec = Spec {
    code: "hijack",
    title: ChHijackTitle,
    goal: ChHijackGoal,
    hints: [
        Hint {
            text: ChHijackHint1,
            helps: &[STOLEN],
            store_row: None,
            show: Some(Control::Tool(Tool::XssRead)),
        },
        Hint {
            text: ChHijackHint2,
            helps: &[STOLEN],
            store_row: None,
            show: Some(Control::Tool(Tool::Loot)),
        },
        Hint {
            text: ChHijackHint3,
            helps: &[HTTP_ONLY, SECURE],
            store_row: None,
            show: Some(Control::Option("cookie.httpOnly")),
        },
    ],
    stages: &[STOLEN, HTTP_ONLY, SECURE],
    needs_attacker: true,
    variants: &[],
    setup: || Setup {
        overrides: obj(json!({"cookie": {"httpOnly": false}})),
        actions: vec![nav(
            BrowserId::Victim,
            &format!("{AUTH}/login?username=alice"),
        )],
        // the goal sends the attacker to alice's /user: its address bar is there already (at
        // the home, a stolen cookie's first Go showed the login form, as if it had failed)
        attacker_path: "user",
        ..Setup::auth()
    },
};

/// Watches the attacker's requests and both channels a cookie can leak through.
#[derive(Default)]
pub(super) struct Hijack {
    /// Secure's stage is done: an https request needs no more saying that TLS, not Secure,
    /// hid it.
    secure_done: bool,
    /// The server's last Set-Cookie for the victim's session cookie said HttpOnly, and
    /// Secure: a flag ticked by hand in the victim's jar protects that one browser only, and
    /// solved nothing (as CSRF's SameSite chosen by hand does not).
    server_http_only: bool,
    server_secure: bool,
}

impl Challenge for Hijack {
    fn spec(&self) -> &'static Spec {
        &SPEC
    }

    fn event(&mut self, ctx: &Ctx, e: &Event) -> Finding {
        let Event::ScriptReadCookies {
            hidden, visible, ..
        } = e
        else {
            return Finding::Nothing;
        };
        if hidden.iter().any(|h| h == ctx.cookie) {
            if self.server_http_only {
                Finding::Done(&HTTP_ONLY)
            } else {
                Finding::Failed(ChHijackFailJarEdit)
            }
        } else if visible.contains(&format!("{}=", ctx.cookie)) {
            // HttpOnly applied in the options reaches a cookie only when the server next sets
            // one: the jar's was set before the change (a walkthrough applied it, ran XSS
            // again, and nothing said why it still worked)
            let now_http_only = SessionCookie::from_options(&ctx.lab.server.options.cookie, 0)
                .http_only
                == Some(true);
            Finding::Note(if now_http_only {
                ChHijackXssOldCookie
            } else {
                ChHijackXssStole
            })
        } else {
            Finding::Failed(ChHijackFailXss)
        }
    }

    fn exchange(&mut self, ctx: &Ctx, x: &Exchange) -> Finding {
        for (sc, outcome) in super::victim_set_cookies(x, ctx.cookie) {
            if matches!(outcome, SetOutcome::Created(_) | SetOutcome::Updated { .. }) {
                self.server_http_only = sc.http_only;
                self.server_secure = sc.secure;
            }
        }
        if x.browser == BrowserId::Attacker && greeted(x).as_deref() == Some("alice") {
            // only alice's own cookie, carried over, is a hijack: the course's login takes no
            // password, so the attacker can also just log in with her name
            let stolen = ctx
                .sent(x)
                .is_some_and(|v| ctx.issued.to(BrowserId::Victim, &v));
            return if stolen {
                Finding::Done(&STOLEN)
            } else {
                Finding::Failed(ChHijackFailOwnLogin)
            };
        }
        // the attacker's /user without a cookie of the victim's: the course's /user has no
        // guard, so it answers a nameless welcome, and the card said nothing (a reviewer tried
        // it first). (With the stolen cookie and no name, her session is gone: a restart, a
        // logout; the jar is not the problem then, and nothing is said.)
        if x.browser == BrowserId::Attacker && x.url.path == "/user" && greeted(x).is_none() {
            let stolen = ctx
                .sent(x)
                .is_some_and(|v| ctx.issued.to(BrowserId::Victim, &v));
            if !stolen {
                return Finding::Failed(ChHijackFailNoCookie);
            }
        }
        // with cookie.secure on, a login over plain http gets no cookie: the jar keeps the old
        // one, which XSS and the sniffer still take, and nothing on the card said why
        if x.browser == BrowserId::Victim
            && x.url.path == "/login"
            && x.events.iter().any(|e| {
                matches!(
                    e,
                    Event::SessionSetCookie(SetCookieDecision::NotSent(
                        NotSentWhy::InsecureConnection
                    ))
                )
            })
        {
            return Finding::Failed(ChHijackFailHttpLogin);
        }
        if x.browser == BrowserId::Victim {
            let secure_cookie = ctx
                .lab
                .victim
                .jar
                .cookies()
                .iter()
                .any(|c| c.name == ctx.cookie && c.secure);
            // what Secure stops is the cookie going out on plain http, where the sniffer reads
            // every byte; over https the sniffer reads nothing, Secure or not, so a request
            // over https (the login itself) shows TLS at work, not Secure
            let pair = format!("{}=", ctx.cookie);
            let mut plain = false;
            let mut leaked = false;
            let mut encrypted = false;
            for e in &x.events {
                match e {
                    Event::Sniffed { cookie, .. } => {
                        plain = true;
                        leaked |= cookie.as_ref().is_some_and(|c| c.contains(&pair));
                    }
                    Event::SniffBlocked { .. } => encrypted = true,
                    _ => {}
                }
            }
            if secure_cookie && plain && !leaked {
                if !self.server_secure {
                    return Finding::Failed(ChHijackFailJarEdit);
                }
                self.secure_done = true;
                return Finding::Done(&SECURE);
            }
            if secure_cookie && encrypted && !plain && !self.secure_done {
                return Finding::Note(ChHijackNoteTls);
            }
        }
        Finding::Nothing
    }
}
