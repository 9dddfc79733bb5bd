//! The page's behaviour as a pure model. A [`Workbench`] owns the engine's [`Lab`], the
//! timeline, where the learner is (lesson, challenge or scenario), the notices and what the
//! screen reader hears, and changes only through [`Workbench::apply`], one [`Op`] at a time.
//! It never touches the browser: storage, the embedding page, the clipboard and timers are
//! the page's effects, driven by what the model exposes ([`Workbench::saved_blob`],
//! [`Workbench::outbox`]). Everything here runs in `cargo test`.

mod host;
mod jar;
mod notices;
mod places;
mod saving;
mod sim;
mod timeline;

pub use host::{Outbox, Outgoing};
pub use jar::{secret_text, verdict_text, ServerCheck};
pub use notices::{FileProblem, HostProblem, NoticeMsg, Notices};
pub use saving::StorageStatus;
pub use sim::SimRun;
pub use timeline::{announce, LogEntry, Timeline, Touch};

use super::challenges::{ChallengeId, Progress};
use super::explain::explain;
use super::lessons::{LessonId, Variant};
use super::persist::{decode, Saved, Theme};
use super::share::{self, PANE_NAMES};
use super::visitors::SimConfig;
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Cause, Event};
use super::http_text::form_query;
use crate::engine::ids::RandomSource;
use crate::engine::jar::{Cookie, EditError, Field};
use crate::engine::lab::{Action, Lab, Navigate, Outcome, SharedKv};
use crate::engine::scenario::Step;
use crate::engine::session::merge;
use crate::engine::store::KvBackend;
use crate::i18n::{t, Key, Lang};
use serde_json::{Map, Value};

/// Makes a fresh source of randomness for each server the page starts (the browser's crypto
/// on the page, a seeded one in tests).
pub type RngFactory = Box<dyn Fn() -> Box<dyn RandomSource>>;

/// A pane of the workbench (on a phone, one at a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The simulated browser.
    Browser,
    /// The cookie jar.
    Jar,
    /// The server: code, store, options.
    Server,
    /// The timeline of requests.
    Timeline,
}

impl Pane {
    /// All panes, in the page's order.
    pub const ALL: [Pane; 4] = [Pane::Browser, Pane::Jar, Pane::Server, Pane::Timeline];
    /// Its title.
    pub fn title(self) -> Key {
        match self {
            Pane::Browser => Key::PaneBrowser,
            Pane::Jar => Key::PaneJar,
            Pane::Server => Key::PaneServer,
            Pane::Timeline => Key::PaneTimeline,
        }
    }
    /// Its name in `#panes=` ([`PANE_NAMES`]).
    pub fn name(self) -> &'static str {
        PANE_NAMES[self as usize]
    }
    /// The pane with this `#panes=` name.
    pub fn from_name(s: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.name() == s)
    }
}

/// A panel the header opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolPanel {
    /// The share link and embed snippet.
    Share,
    /// Loading a scenario file.
    Scenario,
}

/// A scenario loaded into the page, played step by step.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioRun {
    /// The scenario's text (to start it again).
    pub text: String,
    /// Its steps.
    pub steps: Vec<Step>,
    /// What each played step printed (the JSON `session-lab-trace` prints).
    pub results: Vec<Value>,
}

impl ScenarioRun {
    /// The trace so far, exactly as `session-lab-trace` prints it.
    pub fn trace_text(&self) -> String {
        crate::engine::lab::trace_text(&self.results)
    }
}

/// The challenge the learner has open.
#[derive(Debug)]
pub struct OpenChallenge {
    /// Which.
    pub id: ChallengeId,
    /// Its stages so far and the latest explanation.
    pub progress: Progress,
    /// How many hints are shown (0 to 3).
    pub hints: u8,
}

/// What the page found when it loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The wall clock, for a first visit's virtual clock.
    pub now: Millis,
    /// The URL fragment, without `#`.
    pub fragment: String,
    /// The saved state's text, nothing saved, or storage that cannot be read.
    pub stored: Result<Option<String>, StorageStatus>,
    /// Unreadable documents the page removed from the persistent store before starting.
    pub docs_dropped: usize,
    /// The browser's language preferences, most wanted first.
    pub languages: Vec<String>,
}

/// One thing the learner (or the page on their behalf) does. Each is one call of
/// [`Workbench::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// An engine action: a navigation with details, the clock, a restart, a jar edit, a script.
    Act(Action),
    /// Navigate a browser to the text of its address bar.
    Go(BrowserId),
    /// The text of a browser's address bar changed.
    Type(BrowserId, String),
    /// Reload a browser's current page.
    Reload(BrowserId),
    /// Follow a link on a browser's page (`href` as the page wrote it).
    FollowLink(BrowserId, String),
    /// Submit a form on a browser's page.
    Submit {
        /// Which browser.
        browser: BrowserId,
        /// The form's `action` as written (empty means the current page).
        action: String,
        /// `GET` or `POST`.
        method: String,
        /// The fields' names and values, in order.
        fields: Vec<(String, String)>,
    },
    /// Change one cell of a cookie in a jar.
    EditCookie {
        /// Whose jar.
        browser: BrowserId,
        /// The cookie as it was.
        cookie: Cookie,
        /// Which cell.
        field: Field,
        /// The cell's new text.
        text: String,
    },
    /// Add a cookie by hand (name and value; host-only, path `/`, a session cookie).
    AddCookie(BrowserId, String, String),
    /// Put the cookies of a `Cookie` header in a jar.
    PutHeader(BrowserId, String),
    /// Put imported cookies in a jar.
    ImportCookies(BrowserId, Vec<Cookie>),
    /// Open a challenge from its start.
    StartChallenge(ChallengeId),
    /// Close the challenge and go back to its lesson.
    LeaveChallenge,
    /// Show the next hint.
    ShowHint,
    /// Show or hide the attacker's browser and tools.
    ToggleAttacker,
    /// Choose whose jar the jar pane shows.
    ShowJar(BrowserId),
    /// The brute-forcer found the secret.
    SecretFound(String),
    /// Change the page's language.
    SetLang(Lang),
    /// Change the colour theme.
    SetTheme(Theme),
    /// Open a lesson from its start.
    SelectLesson(LessonId),
    /// Switch the lesson's (or challenge's) variant, from its start.
    SelectVariant(Variant),
    /// Start the lesson, challenge or scenario again.
    Reset,
    /// Show a pane (phones).
    SetTab(Pane),
    /// Show values URL-decoded, or as stored.
    ToggleDecoded,
    /// Drop a notice.
    DismissNotice(u64),
    /// Empty the timeline.
    ClearLog,
    /// New option overrides (the server restarts with them).
    Configure(Map<String, Value>),
    /// Start simulating visitors (on the lab's server when the flag is set).
    SimStart(SimConfig, bool),
    /// Simulate up to this many more requests.
    SimStep(usize),
    /// Stop the simulation.
    SimStop,
    /// Another tab changed a document of the persistent store.
    DbChanged(String, Option<String>),
    /// The URL fragment changed (a link within the host page, or by hand).
    ApplyFragment(String),
    /// Open or close a header panel.
    TogglePanel(ToolPanel),
    /// Load a scenario from its JSON text.
    LoadScenario(String),
    /// Play the scenario's next step.
    ScenarioStep,
    /// Play the rest of the scenario.
    ScenarioPlayAll,
    /// Close the scenario and go back to the lesson.
    LeaveScenario,
    /// A message from the embedding page (already checked to come from an allowed origin).
    HostMessage(Value),
    /// Show a notice.
    Notify(NoticeMsg),
    /// The page wrote the saved state, with this result.
    Saved(StorageStatus),
}

/// The page's state and behaviour. Fields are private: every change goes through
/// [`Workbench::apply`].
pub struct Workbench {
    lab: Lab,
    /// The database every lesson's persistent store uses (localStorage on the page).
    db: SharedKv,
    rng: RngFactory,
    timeline: Timeline,
    scenario: Option<ScenarioRun>,
    sim: Option<SimRun>,
    lesson: LessonId,
    variant: Variant,
    challenge: Option<OpenChallenge>,
    solved: Vec<String>,
    lang: Lang,
    lang_chosen: bool,
    theme: Theme,
    decoded: bool,
    embed: bool,
    panes: Vec<Pane>,
    allow: Vec<String>,
    tab: Pane,
    panel: Option<ToolPanel>,
    attacker: bool,
    jar_view: BrowserId,
    hide_secret: bool,
    address: String,
    attacker_address: String,
    notices: Notices,
    announcement: String,
    ran_lines: Vec<usize>,
    touched: Vec<(String, Touch)>,
    jar_problem: Option<EditError>,
    nav_problem: Option<(BrowserId, String, crate::engine::url::UrlError)>,
    storage: StorageStatus,
    outbox: Outbox,
}

impl Workbench {
    /// The page as it starts: what was saved (or a first visit), then what the link's
    /// fragment asks for. `db` is the persistent store's database (an embed gets one in
    /// memory), `rng` makes the randomness for each server.
    pub fn load(start: Start, db: Box<dyn KvBackend>, rng: RngFactory) -> Workbench {
        let (fragment, ignored) = share::parse(&start.fragment);
        let embed = fragment.embed;
        let stored = if embed { Ok(None) } else { start.stored };
        let (saved, saved_notices, storage) = match stored {
            Ok(Some(text)) => {
                let (s, n) = decode(&text, start.now);
                (s, n, StorageStatus::Ok)
            }
            Ok(None) => (Saved::fresh(start.now), Vec::new(), StorageStatus::Ok),
            Err(status) => (Saved::fresh(start.now), Vec::new(), status),
        };
        let lang = saved.lang.unwrap_or_else(|| {
            Lang::from_preferences(start.languages.iter().map(String::as_str))
        });
        let mut config = saved.lesson.config(saved.variant);
        config.overrides = merge(&config.overrides, &saved.overrides);
        let db = SharedKv::new(db);
        let rng_now = rng();
        let lab = Lab::with_db(config, saved.now, rng_now, db.clone()).unwrap_or_else(|_| {
            // persist::decode only keeps options that start the lesson's server
            Lab::with_db(saved.lesson.config(saved.variant), saved.now, rng(), db.clone())
                .unwrap_or_else(|_| unreachable!("every lesson's own options start a server"))
        });
        let panes: Vec<Pane> = fragment
            .panes
            .iter()
            .filter_map(|p| Pane::from_name(p))
            .collect();
        let mut wb = Workbench {
            address: lab.home_url(),
            attacker_address: lab.home_url(),
            lab,
            db,
            rng,
            timeline: Timeline::default(),
            scenario: None,
            sim: None,
            lesson: saved.lesson,
            variant: saved.variant,
            challenge: None,
            solved: saved.solved,
            lang,
            lang_chosen: saved.lang.is_some(),
            theme: saved.theme,
            decoded: false,
            embed,
            tab: panes.first().copied().unwrap_or(Pane::Browser),
            panes,
            allow: fragment.allow.clone(),
            panel: None,
            attacker: false,
            jar_view: BrowserId::Victim,
            hide_secret: false,
            notices: Notices::default(),
            announcement: String::new(),
            ran_lines: Vec::new(),
            touched: Vec::new(),
            jar_problem: None,
            nav_problem: None,
            storage,
            outbox: Outbox::default(),
        };
        for c in saved.jar {
            // persist::decode already dropped (and reported) cookies the jar would refuse
            let _ = wb.lab.victim.jar.put(c);
        }
        wb.timeline.note(wb.lab.start_events(), wb.lab.now);
        for n in saved_notices {
            wb.notices.push(NoticeMsg::Saved(n));
        }
        if start.docs_dropped > 0 {
            wb.notices.push(NoticeMsg::DocsDropped(start.docs_dropped));
        }
        if storage != StorageStatus::Ok {
            wb.notices.push(NoticeMsg::StorageUnavailable);
        }
        wb.apply_fragment(fragment, ignored);
        wb
    }

    /// Does one thing, and returns what the engine did (empty for what is only the page's).
    pub fn apply(&mut self, op: Op) -> Outcome {
        match op {
            Op::Act(action) => return self.act(action),
            Op::Go(b) => {
                let url = self.address_of(b).trim().to_string();
                return self.act(Action::Navigate(Navigate::typed(b, &url)));
            }
            Op::Type(b, text) => match b {
                BrowserId::Victim => self.address = text,
                BrowserId::Attacker => self.attacker_address = text,
            },
            Op::Reload(b) => {
                if let Some(u) = self.lab.browser(b).url.clone() {
                    return self.act(Action::Navigate(Navigate::typed(b, &u.to_string())));
                }
            }
            Op::FollowLink(b, href) => return self.open_from_page(b, href, Cause::Link, "GET"),
            Op::Submit {
                browser,
                action,
                method,
                fields,
            } => {
                let base = action.split('?').next().unwrap_or("");
                let href = format!("{base}?{}", form_query(&fields));
                let method = if method.eq_ignore_ascii_case("POST") { "POST" } else { "GET" };
                return self.open_from_page(browser, href, Cause::Form, method);
            }
            Op::EditCookie {
                browser,
                cookie,
                field,
                text,
            } => self.edit_cookie(browser, &cookie, field, &text),
            Op::AddCookie(b, name, value) => self.add_cookie(b, &name, &value),
            Op::PutHeader(b, header) => self.put_header(b, &header),
            Op::ImportCookies(b, cookies) => self.import_cookies(b, cookies),
            Op::StartChallenge(id) => self.start_challenge(id),
            Op::LeaveChallenge => {
                self.leave_challenge_state();
                self.start_lesson(self.lesson, self.variant);
            }
            Op::ShowHint => {
                if let Some(c) = self.challenge.as_mut() {
                    c.hints = (c.hints + 1).min(3);
                }
            }
            Op::ToggleAttacker => {
                self.attacker = !self.attacker;
                if !self.attacker {
                    self.jar_view = BrowserId::Victim;
                }
            }
            Op::ShowJar(b) => self.jar_view = b,
            Op::SecretFound(secret) => {
                if let Some(c) = self.challenge.as_mut() {
                    if c.progress.secret_found(&secret).solved {
                        let id = c.id;
                        self.mark_solved(id);
                    }
                }
            }
            Op::SetLang(l) => {
                self.lang = l;
                self.lang_chosen = true;
                // the live region spoke the old language; it has nothing new to say
                self.announcement.clear();
            }
            Op::SetTheme(th) => self.theme = th,
            Op::SelectLesson(l) => {
                self.challenge = None;
                self.hide_secret = false;
                self.start_lesson(l, l.default_variant());
            }
            Op::SelectVariant(v) => match self.challenge_id() {
                Some(id) => self.setup_challenge(id, v),
                None => self.start_lesson(self.lesson, v),
            },
            Op::Reset => match (self.challenge_id(), self.scenario.as_ref()) {
                (Some(id), _) => self.start_challenge(id),
                (None, Some(run)) => {
                    let text = run.text.clone();
                    self.load_scenario(&text);
                }
                (None, None) => self.start_lesson(self.lesson, self.variant),
            },
            Op::SetTab(p) => self.tab = p,
            Op::ToggleDecoded => self.decoded = !self.decoded,
            Op::DismissNotice(id) => self.notices.dismiss(id),
            Op::ClearLog => self.timeline.clear(),
            Op::Configure(overrides) => {
                let mut config = self.lab.config.clone();
                config.overrides = overrides;
                return self.act(Action::Configure(config));
            }
            Op::SimStart(config, on_lab) => self.sim_start(config, on_lab),
            Op::SimStep(n) => self.sim_step(n),
            Op::SimStop => self.sim_stop(),
            Op::DbChanged(key, value) => {
                if !self.embed && self.scenario.is_none() {
                    self.db.external_change(&key, value);
                }
            }
            Op::ApplyFragment(hash) => {
                let (f, ignored) = share::parse(&hash);
                self.apply_fragment(f, ignored);
            }
            Op::TogglePanel(p) => {
                self.panel = if self.panel == Some(p) { None } else { Some(p) };
            }
            Op::LoadScenario(text) => {
                if self.load_scenario(&text) {
                    self.panel = None;
                }
            }
            Op::ScenarioStep => {
                self.scenario_step();
            }
            Op::ScenarioPlayAll => while self.scenario_step() {},
            Op::LeaveScenario => self.start_lesson(self.lesson, self.variant),
            Op::HostMessage(v) => self.host_message(&v),
            Op::Notify(n) => self.notices.push(n),
            Op::Saved(status) => {
                if status == StorageStatus::Full && self.storage != StorageStatus::Full {
                    self.notices.push(NoticeMsg::Quota);
                }
                self.storage = status;
            }
        }
        Outcome::default()
    }

    /// Runs an engine action, lets the open challenge look at it, and records it.
    fn act(&mut self, action: Action) -> Outcome {
        let outcome = self.lab.apply(action);
        self.jar_problem = outcome.events.iter().find_map(|e| match e {
            Event::Refused(r) => Some(EditError::Invalid(*r)),
            _ => None,
        });
        self.nav_problem = outcome.events.iter().find_map(|e| match e {
            Event::NavigationFailed {
                browser,
                url,
                reason,
            } => Some((*browser, url.clone(), reason.clone())),
            _ => None,
        });
        let solved = match self.challenge.as_mut() {
            Some(c) => c.progress.observe(&self.lab, &outcome).solved.then_some(c.id),
            None => None,
        };
        self.absorb(outcome.clone());
        if let Some(id) = solved {
            self.mark_solved(id);
        }
        outcome
    }

    /// A navigation a page started (a link or a form): relative to the page, and with the
    /// page as its initiator, for SameSite.
    fn open_from_page(&mut self, b: BrowserId, href: String, cause: Cause, method: &str) -> Outcome {
        let base = self.lab.browser(b).url.clone();
        let target = match &base {
            Some(u) => u.join(&href).map(|u| u.to_string()).unwrap_or(href),
            None => href,
        };
        let mut n = Navigate::typed(b, &target);
        n.cause = cause;
        n.method = method.to_string();
        n.initiator = base;
        self.act(Action::Navigate(n))
    }

    /// Records an outcome: the timeline, the highlighted lines, the touched rows, the
    /// announcement, and the address bar.
    fn absorb(&mut self, outcome: Outcome) {
        if !outcome.events.is_empty() {
            self.timeline.note(outcome.events.clone(), self.lab.now);
        }
        if let Some(last) = outcome.exchanges.last() {
            self.ran_lines = timeline::ran_lines(last, &self.lab.server.source());
            self.touched = timeline::touched(last);
            let url = last.url.to_string();
            match last.browser {
                BrowserId::Victim => self.address = url,
                BrowserId::Attacker => self.attacker_address = url,
            }
            self.announcement = announce(self.lang, &outcome.exchanges);
        } else if let Some((text, _)) = outcome.events.iter().find_map(|e| explain(self.lang, e)) {
            self.announcement = text;
        }
        for x in outcome.exchanges {
            let quota = x.events.iter().any(
                |e| matches!(e, Event::ServerError { message } if message.contains("Quota")),
            );
            self.timeline.request(x);
            if quota {
                self.notices.push(NoticeMsg::Quota);
            }
        }
    }

    fn mark_solved(&mut self, id: ChallengeId) {
        if !self.solved.iter().any(|s| s == id.code()) {
            self.solved.push(id.code().to_string());
        }
        self.post(Outgoing::Solved(id));
        self.announcement = format!(
            "{} {}",
            t(self.lang, Key::ChallengeSolved),
            t(self.lang, id.spec().title)
        );
    }

    // ---- what the page reads ------------------------------------------------------------

    /// The engine: browsers, server, store and clock.
    pub fn lab(&self) -> &Lab {
        &self.lab
    }
    /// The timeline.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }
    /// The scenario being played, if any.
    pub fn scenario(&self) -> Option<&ScenarioRun> {
        self.scenario.as_ref()
    }
    /// The open lesson.
    pub fn lesson(&self) -> LessonId {
        self.lesson
    }
    /// The lesson's variant running now.
    pub fn variant(&self) -> Variant {
        self.variant
    }
    /// The open challenge, if any.
    pub fn challenge(&self) -> Option<&OpenChallenge> {
        self.challenge.as_ref()
    }
    /// Which challenge is open, if any.
    pub fn challenge_id(&self) -> Option<ChallengeId> {
        self.challenge.as_ref().map(|c| c.id)
    }
    /// Whether a challenge has ever been solved here.
    pub fn is_solved(&self, id: ChallengeId) -> bool {
        self.solved.iter().any(|s| s == id.code())
    }
    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }
    /// The colour theme.
    pub fn theme(&self) -> Theme {
        self.theme
    }
    /// Whether cookie values are shown URL-decoded.
    pub fn decoded(&self) -> bool {
        self.decoded
    }
    /// Whether the page is embedded in another (`#embed=1`).
    pub fn embed(&self) -> bool {
        self.embed
    }
    /// The panes shown, in order (an embed may show a subset).
    pub fn shown_panes(&self) -> Vec<Pane> {
        if self.embed && !self.panes.is_empty() {
            self.panes.clone()
        } else {
            Pane::ALL.to_vec()
        }
    }
    /// The pane shown on a narrow screen (always one of [`Workbench::shown_panes`]).
    pub fn tab(&self) -> Pane {
        let shown = self.shown_panes();
        if shown.contains(&self.tab) {
            self.tab
        } else {
            shown[0]
        }
    }
    /// The origins an embed accepts messages from (`#allow=`).
    pub fn allow(&self) -> &[String] {
        &self.allow
    }
    /// The header panel open, if any.
    pub fn panel(&self) -> Option<ToolPanel> {
        self.panel
    }
    /// Whether the attacker's browser and tools are shown.
    pub fn attacker(&self) -> bool {
        self.attacker
    }
    /// Whether the server's secret is hidden (a challenge asks for it).
    pub fn hide_secret(&self) -> bool {
        self.hide_secret
    }
    /// A browser's address bar text.
    pub fn address_of(&self, b: BrowserId) -> &str {
        match b {
            BrowserId::Victim => &self.address,
            BrowserId::Attacker => &self.attacker_address,
        }
    }
    /// The notices on screen.
    pub fn notices(&self) -> &Notices {
        &self.notices
    }
    /// What the screen reader's live region says.
    pub fn announcement(&self) -> &str {
        &self.announcement
    }
    /// The lines of the app's source the last request ran.
    pub fn ran_lines(&self) -> &[usize] {
        &self.ran_lines
    }
    /// The store rows the last request touched.
    pub fn touched(&self) -> &[(String, Touch)] {
        &self.touched
    }
    /// Why the learner's last edit of the jar was refused.
    pub fn jar_problem(&self) -> Option<&EditError> {
        self.jar_problem.as_ref()
    }
    /// The address a browser could not open, and why.
    pub fn nav_problem(&self) -> Option<&(BrowserId, String, crate::engine::url::UrlError)> {
        self.nav_problem.as_ref()
    }
    /// How the browser's storage is doing.
    pub fn storage(&self) -> StorageStatus {
        self.storage
    }
}
