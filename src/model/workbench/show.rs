//! "Show me": where the control a lesson step names is, so the page can open the pane (a tab
//! on a phone) and the folded panel around it, bring it into view and put the focus on it.

use super::op::{Pane, ServerForm};
use super::Workbench;
use crate::engine::events::BrowserId;
use crate::engine::jar::Persistence;
use crate::engine::json::Value;
use crate::engine::session::option_at;
use crate::engine::session::DEFAULT_NAME;
use crate::i18n::{fill, t, Key};
use crate::model::challenges::Stage;
use crate::model::lessons::{Control, Evidence, Pair, Pick, Ready, Step, Tool, Variant};

/// Where a step's control is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShowTarget {
    /// The pane that holds it (on a phone, the tab to open); `None` for the bar above the
    /// panes, which every layout shows.
    pub pane: Option<Pane>,
    /// CSS selectors for it, best first: the page takes the first that finds an element (a
    /// cookie's Value cell, else the jar when it has no such cookie yet).
    pub selectors: Vec<String>,
    /// The variant to switch to first, when the step runs in another than the one running:
    /// the page switches, then asks again where the control is.
    pub variant: Option<Variant>,
    /// The setting the step's text takes for granted that the lab lacks, whose control this
    /// is (none after a switch, which starts afresh): Show me's words name it.
    pub lacking: Option<Ready>,
    /// What of a text field's value it selects.
    pub pick: Pick,
    /// The address it puts in the learner's address bar first, when it points there (the
    /// bar still held the last page's address, lesson 6's `/slow`, and Enter opened that).
    pub address: Option<String>,
    /// The jar to show first, when the control is in another than the learner's (the
    /// attacker's Plant).
    pub jar: Option<BrowserId>,
}

impl Evidence {
    /// The pane that shows it.
    pub fn pane(self) -> Pane {
        match self {
            Evidence::Store => Pane::Server,
            Evidence::Timeline => Pane::Timeline,
        }
    }
}

impl Control {
    /// The pane that holds it; `None` for the bar above the panes (the clock).
    pub fn pane(self) -> Option<Pane> {
        Some(match self {
            Control::Address
            | Control::LoginField
            | Control::Go
            | Control::Reload
            | Control::CloseBrowser
            | Control::PageLink(_)
            | Control::Tool(_)
            | Control::Inbox => Pane::Browser,
            Control::JarValue(..)
            | Control::JarAdd
            | Control::JarDelete(_)
            | Control::JarExpires(_)
            | Control::Plant
            | Control::AttackerJarValue(_) => Pane::Jar,
            Control::Restart
            | Control::Option(_)
            | Control::TrustProxy
            | Control::StoreLatency
            | Control::ApplyOptions
            | Control::ApplyDeploy => Pane::Server,
            Control::Flight => Pane::Timeline,
            Control::Clock | Control::ClockHour => return None,
        })
    }

    /// Whether it is in the server pane's Deployment panel (a field, or its Apply).
    pub fn in_deployment(self) -> bool {
        matches!(
            self,
            Control::TrustProxy | Control::StoreLatency | Control::ApplyDeploy
        )
    }

    /// Its selectors in the page, best first (the DOM ids the panes give these controls),
    /// where the session cookie has its default name.
    pub fn selectors(self) -> Vec<String> {
        self.selectors_naming(DEFAULT_NAME)
    }

    /// Its selectors where the running app names its session cookie `session` (the steps
    /// name express-session's default: with `opt.name=sid`, Show me had fallen back to the
    /// whole jar).
    pub fn selectors_naming(self, session: &str) -> Vec<String> {
        // (a name from the options, in a CSS string: `"` and `\` escaped)
        let cookie = |name: &str| {
            let name = if name == DEFAULT_NAME { session } else { name };
            let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
            format!("tr[data-cookie=\"{quoted}\"]")
        };
        let row = |name: &str| format!("table.jar:not(.attacker) {}", cookie(name));
        match self {
            Control::Address => vec!["#address".into()],
            Control::LoginField => vec![
                ".window:not(.attacker) .viewport form.page-form input[name=\"username\"]".into(),
                "#address".into(),
            ],
            Control::Go => {
                vec![".window:not(.attacker) form.addressbar button[type=submit]".into()]
            }
            Control::Reload => vec![".window:not(.attacker) form.addressbar button.reload".into()],
            Control::CloseBrowser => {
                vec![".window:not(.attacker) form.addressbar button.close".into()]
            }
            // the link, else the page (which has no such link yet)
            Control::PageLink(end) => vec![
                format!(".window:not(.attacker) .viewport button.linklike[title$=\"{end}\"]"),
                ".window:not(.attacker) .viewport".into(),
            ],
            // the cell's text box (typing goes there), else the cell, else the jar
            Control::JarValue(name, _) => vec![
                format!("{} td.value input", row(name)),
                format!("{} td.value", row(name)),
                "table.jar:not(.attacker)".into(),
            ],
            Control::JarAdd => vec![".add-cookie input".into()],
            Control::JarDelete(name) => vec![
                format!("{} td.actions button.danger", row(name)),
                "table.jar:not(.attacker)".into(),
            ],
            Control::JarExpires(name) => vec![
                format!("{} td.expires input", row(name)),
                format!("{} td.expires", row(name)),
                "table.jar:not(.attacker)".into(),
            ],
            Control::Restart => vec!["#restart-server".into()],
            Control::Option(path) => vec![format!("#opt-{}", path.replace('.', "-"))],
            Control::TrustProxy => vec!["#deploy-trust".into()],
            Control::StoreLatency => vec!["#deploy-latency-get".into()],
            Control::ApplyOptions => vec!["#options-form button[type=submit]".into()],
            Control::ApplyDeploy => vec!["#deploy-form button[type=submit]".into()],
            // the step fills the form ("it holds POST /transfer… and /slow: press Send
            // together"): Show me ends on the button, the filled fields above it in view (it
            // was the first field, four Tabs from Send: keyboard review)
            Control::Flight => vec!["#flight-send".into()],
            Control::Clock => vec!["#clock-plus-minute".into()],
            Control::ClockHour => vec!["#clock-plus-hour".into()],
            Control::Tool(Tool::Signer) => vec!["#sign-value".into()],
            Control::Tool(Tool::BruteForcer) => vec!["#brute-start".into()],
            Control::Tool(Tool::XssRead) => vec!["#xss-read-button".into()],
            Control::Tool(Tool::Loot) => vec![
                "#loot-newest button.put-attacker".into(),
                "#xss-read-button".into(),
            ],
            Control::Inbox => vec!["#inbox-link".into()],
            Control::Plant => vec![
                format!("table.jar.attacker {} button.plant", cookie(DEFAULT_NAME)),
                "table.jar.attacker".into(),
            ],
            Control::AttackerJarValue(name) => vec![
                format!("table.jar.attacker {} td.value input", cookie(name)),
                "table.jar.attacker".into(),
            ],
        }
    }
}

impl Workbench {
    /// Where "Show me" takes the learner for a step's control: `None` when the page does not
    /// show its pane (an embed with `panes=` that leaves it out), or during a challenge or a
    /// scenario, whose cards name no lesson steps.
    pub fn show_target(&self, control: Control) -> Option<ShowTarget> {
        (self.challenge.is_none() && self.scenario.is_none())
            .then(|| self.target_of(control))
            .flatten()
    }

    /// Where "Show me" beside the open challenge's hint `i` (from 0) takes the learner: the
    /// control its words name (the signer, the jar's cookie, an option), its Apply while the
    /// form holds a change not applied; none for a hint that names none.
    pub fn hint_target(&self, i: usize) -> Option<ShowTarget> {
        let open = self.challenge.as_ref()?;
        let control = self.apply_if_pending(open.id.spec().hints.get(i)?.show?);
        self.scenario
            .is_none()
            .then(|| self.target_of(control))
            .flatten()
    }

    /// A control's place, where its pane is shown.
    fn target_of(&self, control: Control) -> Option<ShowTarget> {
        let pane = control.pane();
        let shown = pane.is_none_or(|p| self.shown_panes().contains(&p));
        shown.then(|| ShowTarget {
            pane,
            selectors: control.selectors_naming(self.lab.server.cookie_name()),
            variant: None,
            lacking: None,
            pick: match control {
                Control::JarValue(_, pick) => pick,
                _ => Pick::All,
            },
            address: None,
            jar: matches!(control, Control::Plant | Control::AttackerJarValue(_))
                .then_some(BrowserId::Attacker),
        })
    }

    /// Where "Show me" takes the learner for a step: the variant its text runs in, when
    /// another runs now; else the control its text has the learner set first while the lab
    /// does not have that setting yet (the store's latency, `resave`, a login), else its own
    /// control.
    pub fn show_step(&self, step: &Step) -> Option<ShowTarget> {
        let (control, variant, lacking) = self.step_control(step)?;
        // (after a switch the page asks again, in the variant switched to)
        let address = variant
            .is_none()
            .then(|| self.address_to_open(step, control))
            .flatten();
        self.show_target(control).map(|target| ShowTarget {
            variant,
            lacking,
            address,
            ..target
        })
    }

    /// The address Show me puts in the address bar when it points there: the path the step's
    /// text opens ([`Step::opens`]) at the step's own control; the app's home for a request
    /// the text has first (a card to get, a cookie with an expiry) and for a login while the
    /// learner's page has no login form (the apps have theirs on the home page).
    fn address_to_open(&self, step: &Step, control: Control) -> Option<String> {
        let home = self.lab.home_url();
        match control {
            Control::Address => match (self.first_to_make(step), step.opens) {
                (None, Some(path)) => Some(format!("{}{path}", home.trim_end_matches('/'))),
                (None, None) => None,
                (Some(_), _) => Some(home),
            },
            Control::LoginField => (!self.page_has_login_form()).then_some(home),
            _ => None,
        }
    }

    /// Whether the learner's page shows a form with a `username` field.
    fn page_has_login_form(&self) -> bool {
        use crate::model::page::{render, Block};
        let Some(page) = &self.lab.browser(BrowserId::Victim).page else {
            return false;
        };
        let shown = render(&page.body, page.header("content-type"));
        (shown.blocks.iter()).any(|b| {
            matches!(b, Block::Form { fields, .. } if fields.iter().any(|f| f.name == "username"))
        })
    }

    /// The control "Show me" points at for a step, the variant to switch to first, and the
    /// setting that control makes, which the lab lacks (none after a switch).
    fn step_control(&self, step: &Step) -> Option<(Control, Option<Variant>, Option<Ready>)> {
        let control = step.show?;
        let variant = step
            .variant
            .filter(|v| *v != self.variant && self.lesson.variants().contains(v));
        // after a switch the lab starts afresh: the first setting is the one to make
        let first = match variant {
            Some(_) => step.first.first(),
            None => self.first_to_make(step),
        };
        // (what the step takes for granted, not what its text asks the learner to do: "change
        // it", before "then press Go"; "log in, log out")
        let lacking = first
            .filter(|_| variant.is_none())
            .map(|(ready, _)| *ready)
            .filter(|r| step.takes == Some(*r));
        let control = first.map_or(control, |(_, c)| *c);
        // express-session's `proxy: false` beats trust proxy: ticking the box would change
        // nothing, so the option (Show me had named the box; review)
        let control = match control {
            Control::TrustProxy
                if variant.is_none() && self.lab.server.options.proxy == Some(false) =>
            {
                Control::Option("proxy")
            }
            c => c,
        };
        // (after a variant switch the forms start afresh)
        let control = match variant {
            None => self.apply_if_pending(control),
            Some(_) => control,
        };
        Some((control, variant, lacking))
    }

    /// A field of a server form that holds a change not applied yet: the form's Apply button,
    /// not the field changed already; any other control as it is.
    fn apply_if_pending(&self, control: Control) -> Control {
        match control {
            c if c.in_deployment() && self.form_pending(ServerForm::Deploy) => Control::ApplyDeploy,
            Control::Option(_) if self.form_pending(ServerForm::Options) => Control::ApplyOptions,
            c => c,
        }
    }

    /// The first of the settings a step's text has the learner make before its own control
    /// that the lab lacks, short of one a later setting moved past (a login that the logout
    /// or the restart after it undid); none once all are made.
    fn first_to_make(&self, step: &Step) -> Option<&'static (Ready, Control)> {
        // (a login undone, not one never made: a restart without a login before it had
        // counted as one in Persistent, where a restart undoes none; review)
        let undone = |i: usize| {
            self.timeline.logged_in_once()
                && (step.first[i + 1..].iter())
                    .any(|(later, _)| later.moves_past() && self.has(*later))
        };
        (step.first.iter().enumerate())
            .find(|(i, (ready, _))| {
                let made = self.has(*ready) || (*ready == Ready::LoggedIn && undone(*i));
                !made
            })
            .map(|(_, f)| f)
    }

    /// Whether the timeline is what the page is about now, so that its log takes the room
    /// the server pane's code and forms would, an open form or not: at a step whose result
    /// only the timeline shows (lesson 3's store calls, compared request by request; lesson
    /// 5's two servers), in its variant, once what the step sets first is set (lesson 3's
    /// resave: the options form keeps its room until applied); and once the newest request
    /// ticked such a step whose form it was, until a form holds a change again (the next
    /// step's). At 1280x720 lesson 3's log had 58 px, 48 with the options open after Apply:
    /// one request of seven, under "compare each request's store calls" (newcomer review).
    pub fn timeline_first(&self) -> bool {
        match self.just_ticked_step() {
            Some(s) => {
                self.result_in_timeline(s)
                    && sets_a_server_form(s)
                    && !self.form_pending(ServerForm::Options)
                    && !self.form_pending(ServerForm::Deploy)
            }
            None => self
                .shown_step()
                .is_some_and(|s| self.result_in_timeline(s) && self.first_to_make(s).is_none()),
        }
    }

    /// Whether the newest request ticked such a step that set no form: the reading comes
    /// after the requests that tick it, so the log keeps that room until the next request,
    /// while no server form is open (the stylesheet yields it to a form the learner opens for
    /// the next step: taken from a form being filled in, its rows moved under the learner).
    pub fn timeline_after(&self) -> bool {
        self.just_ticked_step()
            .is_some_and(|s| self.result_in_timeline(s) && !sets_a_server_form(s))
    }

    /// Whether a step's result shows only in the timeline, here (its variant running, no
    /// challenge or scenario over the lesson).
    fn result_in_timeline(&self, s: &Step) -> bool {
        (self.challenge.is_none() && self.scenario.is_none())
            && s.evidence.contains(&Evidence::Timeline)
            && s.variant.is_none_or(|v| v == self.variant)
    }

    /// What the page brings into view (the focus stays where it is) when a step becomes the
    /// next one: its control, when it sits in the Deployment panel and the running variant,
    /// with a deployment of its own, drew that panel open. Lesson 4's step 7 says to tick
    /// "trust proxy" in the Deployment; behind the TLS proxy the panel is open already, and
    /// after step 6's logins had filled the store it sat under the server pane's fold
    /// (1440x900: its heading 146 px below): a learner who clicked the heading, as one opens
    /// a panel, folded it. Folded panels stay for "Show me", which opens them.
    pub fn reveal_next(&self) -> Option<ShowTarget> {
        let step = self.next_step()?;
        let (control, variant, _) = self.step_control(step)?;
        let drawn_open =
            self.lesson.config(self.variant).deploy != crate::engine::lab::Deploy::single();
        // (not an option in an options form left open: lesson 3's step 3 is read in the store,
        // which that scroll took out of view; lesson 6's step 2 at 1440x900 has its Show me)
        (variant.is_none() && drawn_open && control.in_deployment())
            .then(|| self.show_target(control))
            .flatten()
    }

    /// What the page adds to a step's text in an embed, where the full lab is the place to
    /// do it: a step that reloads the page (an embed saves nothing, so it cannot keep
    /// anything), or one whose controls are in a pane the embed's `panes=` leaves out (lesson
    /// 2's Restart server in a `panes=browser,jar` embed: the step named a button that was not
    /// there, and Show me had nothing to show).
    pub fn step_caveat(&self, step: &Step) -> Option<String> {
        if !self.embed {
            return None;
        }
        let lang = self.lang;
        if step.reloads {
            return Some(t(lang, Key::StepNeedsFullLab).to_string());
        }
        let missing = step
            .show
            .iter()
            .chain(step.first.iter().map(|(_, c)| c))
            .filter_map(|c| c.pane());
        // the step can be done here, but its result shows in a pane left out (lesson 3's
        // store calls in a browser-and-jar embed: the step ticked, and nothing said where to
        // compare them)
        self.missing_pane_text(missing, Key::StepNeedsPane)
            .or_else(|| {
                self.missing_pane_text(step.evidence.iter().map(|e| e.pane()), Key::StepSeenInPane)
            })
    }

    /// How far the step has come, for the card to say after its words while it is to do, when
    /// it is done in parts: "Opened: /peek, /remember. Still to open: /regenerate, /unset,
    /// /destroy." (lesson 3's routes: its chip said "not yet" after four of the five, and
    /// nothing showed the four; newcomer review).
    pub fn step_progress(&self, step: &Step) -> Option<String> {
        // (the parts first: every request asks of each step, and only lesson 3's has any)
        let (done, left) = self.watch.parts(self.lesson, step.name)?;
        if self.step_done(self.lesson, step) {
            return None;
        }
        let comma = t(self.lang, Key::ListComma);
        Some(fill(
            t(self.lang, Key::StepPartsSoFar),
            &[("done", &done.join(comma)), ("left", &left.join(comma))],
        ))
    }

    /// What the challenge card adds to a stage in an embed that leaves out a pane the stage
    /// is done or read in: the same words as a lesson's step.
    pub fn stage_caveat(&self, stage: &Stage) -> Option<String> {
        if !self.embed {
            return None;
        }
        self.missing_pane_text(stage.uses.iter().copied(), Key::StepNeedsPane)
    }

    /// `key` (a text with `{pane}`) about the first of `panes` this page does not show.
    fn missing_pane_text(&self, panes: impl IntoIterator<Item = Pane>, key: Key) -> Option<String> {
        let shown = self.shown_panes();
        let p = panes.into_iter().find(|p| !shown.contains(p))?;
        Some(fill(
            t(self.lang, key),
            &[("pane", t(self.lang, p.title()))],
        ))
    }

    /// The two requests the timeline's "Send requests at once" form offers: in a lesson, the
    /// pair of the step the card shows (a chip picked, or the next) or of the first step
    /// after it that sends one, else the server's own. A learner who picked lesson 6's step 7
    /// from a fresh start had been offered the app's /slow and /logout (step 9's race) under
    /// step 7's text naming a transfer and /slow; one who tried the form at step 1 sent step
    /// 9's pair, which ticked step 9 first (newcomer review).
    pub fn flight_pair(&self) -> Pair {
        (self.challenge.is_none() && self.scenario.is_none())
            .then(|| {
                let shown = self.shown_step()?;
                let steps = self.lesson.steps();
                let at = steps.iter().position(|s| s.name == shown.name)?;
                steps[at..].iter().find_map(|s| s.sends)
            })
            .flatten()
            .unwrap_or_else(|| Pair::for_app(self.lab.config.app))
    }

    /// Whether the learner's jar holds the app's session cookie, such that `pick`.
    fn holds_session_cookie(&self, pick: impl Fn(&crate::engine::jar::Cookie) -> bool) -> bool {
        (self.lab).holds_app_cookie(crate::engine::events::BrowserId::Victim, pick)
    }

    /// The options' `cookie.maxAge`, as a number.
    fn max_age(&self) -> Option<f64> {
        option_at(&self.lab.server.options.source, "cookie.maxAge").and_then(Value::as_f64)
    }

    /// Whether the lab has the setting.
    fn has(&self, ready: Ready) -> bool {
        match ready {
            Ready::StoreSlow => {
                let l = self.lab.config.deploy.latency;
                l.get > 0 && l.set > 0
            }
            Ready::Resave(on) => (self.lab.server.options.resave != Some(false)) == on,
            Ready::SaveUninitializedOff => {
                self.lab.server.options.save_uninitialized == Some(false)
            }
            Ready::MaxAgeWithin(ms) => self.max_age().is_some_and(|m| m > 0.0 && m <= ms as f64),
            Ready::MaxAgeSet => self.max_age().is_some_and(|m| m > 0.0),
            Ready::LoginSent => self.timeline.logged_in_once(),
            Ready::HasCookie => self.holds_session_cookie(|_| true),
            Ready::CookieExpires => {
                self.holds_session_cookie(|c| c.persistence != Persistence::Session)
            }
            Ready::NoBrowserSessionCookie => {
                !self.holds_session_cookie(|c| c.persistence == Persistence::Session)
            }
            // the jar's cookie now, against the jar right after the newest request (or the
            // timeline's start, once cleared): an edit of another column, or one set back,
            // is no "change it" done, nor a cookie deleted since
            Ready::EditedSinceRequest => {
                let name = self.lab.server.cookie_name();
                let value = |jar: &[crate::engine::jar::Cookie]| {
                    jar.iter().find(|c| c.name == name).map(|c| c.value.clone())
                };
                let then = (self.timeline.last_request().map(|e| &e.after))
                    .or(self.timeline.base())
                    .map(|s| value(&s.victim));
                let now = value(self.lab.victim.jar.cookies());
                now.is_some() && then.is_some_and(|then| then != now)
            }
            Ready::WentThrough(path) => self.timeline.learner_went_through(path),
            // (express-session's `proxy` when set, over Express's trust proxy)
            Ready::ProxyTrusted => self
                .lab
                .server
                .options
                .proxy
                .unwrap_or_else(|| self.lab.config.deploy.trust_proxy.trusts_peer()),
            Ready::RestartedSinceRequest => self.timeline.restart_since_request().is_some(),
            Ready::NoSessionCookie => !self.has(Ready::HasCookie),
            Ready::JarHolds(name) => (self.lab.victim.jar.cookies().iter()).any(|c| c.name == name),
            Ready::LoggedIn => self.holds_session_cookie(|c| {
                crate::model::anatomy::names_logged_in(&self.lab, &c.value)
            }),
        }
    }
}

/// Whether a step's text has the learner set something in a server form first (an option,
/// the deployment), which stays open once applied.
fn sets_a_server_form(s: &Step) -> bool {
    s.first
        .iter()
        .any(|(_, c)| matches!(c, Control::Option(_)) || c.in_deployment())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lessons::LessonId;

    #[test]
    fn every_option_a_step_names_is_a_field_of_the_form() {
        let fields: Vec<&str> = crate::model::options_form::FIELDS
            .iter()
            .map(|(p, _)| *p)
            .collect();
        let mut named = 0;
        for lesson in LessonId::ALL {
            for step in lesson.steps() {
                let firsts = step.first.iter().map(|(_, c)| *c);
                for control in step.show.into_iter().chain(firsts) {
                    if let Control::Option(path) = control {
                        assert!(fields.contains(&path), "{}: {path}", step.name);
                        named += 1;
                    }
                }
            }
        }
        assert!(named >= 5, "{named}");
    }

    #[test]
    fn the_selectors_are_the_ids_the_panes_give() {
        assert_eq!(
            Control::Option("cookie.maxAge").selectors(),
            vec!["#opt-cookie-maxAge".to_string()]
        );
        assert_eq!(
            Control::JarValue("connect.sid", Pick::All).selectors()[0],
            "table.jar:not(.attacker) tr[data-cookie=\"connect.sid\"] td.value input"
        );
        assert_eq!(Control::Flight.pane(), Some(Pane::Timeline));
        assert_eq!(Control::TrustProxy.pane(), Some(Pane::Server));
        assert_eq!(Control::Clock.pane(), None);
    }
}
