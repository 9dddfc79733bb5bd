//! The page's one reducer. It owns the engine's [`Lab`] and delegates every learner action to
//! `Lab::apply`; the rest is view state (language, lesson, the open pane, notices).

use super::storage::{self, LocalKv, StorageStatus};
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Event};
use crate::engine::ids::RandomSource;
use crate::engine::ids::SeededRandom;
use crate::engine::lab::{
    play_step, Action, Exchange, Lab, LabConfig, Outcome, Player, TRACE_SEED,
};
use crate::engine::scenario::Step;
use crate::engine::server::source::line_of;
use crate::engine::store::{CallResult, StoreOp};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::challenges::{ChallengeId, Progress};
use crate::model::explain::explain;
use crate::model::lessons::{LessonId, Variant};
use crate::model::persist::{Notice, Saved, Theme};
use crate::model::share::{self, Fragment, Ignored, Why};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Randomness from the browser (`crypto.getRandomValues`, through getrandom).
pub struct BrowserRandom;

impl RandomSource for BrowserRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        if getrandom::fill(buf).is_err() {
            // getrandom cannot fail in a browser with Web Crypto; keep going deterministically
            buf.iter_mut().enumerate().for_each(|(i, b)| *b = i as u8);
        }
    }
}

/// A pane (on a phone, one at a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The browser.
    Browser,
    /// The cookie jar.
    Jar,
    /// The server.
    Server,
    /// The timeline.
    Timeline,
}

impl Pane {
    /// All panes in order.
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
    /// DOM id.
    pub fn id(self) -> &'static str {
        match self {
            Pane::Browser => "pane-browser",
            Pane::Jar => "pane-jar",
            Pane::Server => "pane-server",
            Pane::Timeline => "pane-timeline",
        }
    }
    /// From its name in `#panes=` ([`share::PANE_NAMES`]).
    pub fn from_name(s: &str) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .zip(share::PANE_NAMES)
            .find(|(_, n)| *n == s)
            .map(|(p, _)| p)
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
pub struct ScenarioRun {
    /// The scenario's text (to start it again).
    pub text: String,
    /// Its steps.
    pub steps: Vec<Step>,
    /// What each played step printed (the same JSON `session-lab-trace` prints).
    pub results: Vec<Value>,
}

impl ScenarioRun {
    /// The trace so far, exactly as `session-lab-trace` prints it.
    pub fn trace_text(&self) -> String {
        crate::engine::lab::trace_text(&self.results)
    }
}

/// One line of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// Stable id (for keys and expansion).
    pub id: u64,
    /// A request, if this entry is one.
    pub exchange: Option<Exchange>,
    /// Events not tied to a request.
    pub events: Vec<Event>,
    /// Virtual time.
    pub at: Millis,
}

/// How the last request touched the store, per id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
    /// get found it.
    Hit,
    /// get missed.
    Miss,
    /// set.
    Set,
    /// touch.
    Touch,
    /// destroy.
    Destroy,
}

/// The heavy, non-cloneable part of the state.
pub struct Shared {
    /// The engine.
    pub lab: Lab,
    /// The timeline, oldest first.
    pub log: Vec<Rc<LogEntry>>,
    /// The scenario being played, if any.
    pub scenario: Option<ScenarioRun>,
    next_id: u64,
}

/// The page state.
#[derive(Clone)]
pub struct AppState {
    /// The engine and the log (mutated in place; `version` says when).
    pub shared: Rc<RefCell<Shared>>,
    /// Bumped on every change to `shared`.
    pub version: u64,
    /// Language.
    pub lang: Lang,
    /// Whether the learner chose the language (else it follows the browser).
    pub lang_chosen: bool,
    /// Theme.
    pub theme: Theme,
    /// Lesson.
    pub lesson: LessonId,
    /// Variant.
    pub variant: Variant,
    /// The pane shown on narrow screens.
    pub tab: Pane,
    /// Show URL-decoded cookie values.
    pub decoded: bool,
    /// Notices to show (id, what), rendered in the current language.
    pub notices: Vec<(u64, NoticeMsg)>,
    /// Lines of the app's source the last request ran.
    pub ran_lines: Vec<usize>,
    /// Store rows the last request touched.
    pub touched: Vec<(String, Touch)>,
    /// Text for the screen-reader live region.
    pub announcement: String,
    /// The address bar's text.
    pub address: String,
    /// Browser storage health.
    pub storage: StorageStatus,
    /// Solved challenges (ids).
    pub solved: Vec<String>,
    /// The open challenge.
    pub challenge: Option<ChallengeId>,
    /// Its detector.
    pub progress: Progress,
    /// Hints shown so far.
    pub hints: u8,
    /// Whether the attacker's browser and tools are on the page.
    pub attacker: bool,
    /// Whose jar the jar pane shows.
    pub jar_view: BrowserId,
    /// The attacker's address bar.
    pub attacker_address: String,
    /// Hide the server's secret (a challenge asks for it).
    pub hide_secret: bool,
    /// Embedded in another page (`#embed=1`): compact, nothing saved.
    pub embed: bool,
    /// The panes an embed shows (all when empty).
    pub panes: Vec<Pane>,
    /// The open header panel.
    pub panel: Option<ToolPanel>,
    /// A scenario is loaded.
    pub scenario: bool,
    /// Why the learner's last edit of the jar was refused (shown until the next action).
    pub jar_problem: Option<JarProblem>,
    /// The address a browser could not open, and why (shown until the next action).
    pub nav_problem: Option<(BrowserId, String, crate::engine::url::UrlError)>,
}

/// Why an edit of the jar by hand changed nothing (the engine's typed reason).
pub use crate::engine::jar::EditError as JarProblem;

impl PartialEq for AppState {
    fn eq(&self, o: &Self) -> bool {
        self.version == o.version
            && self.lang == o.lang
            && self.theme == o.theme
            && self.lesson == o.lesson
            && self.variant == o.variant
            && self.tab == o.tab
            && self.decoded == o.decoded
            && self.notices == o.notices
            && self.address == o.address
            && self.announcement == o.announcement
            && self.storage == o.storage
            && self.challenge == o.challenge
            && self.progress == o.progress
            && self.hints == o.hints
            && self.attacker == o.attacker
            && self.jar_view == o.jar_view
            && self.attacker_address == o.attacker_address
            && self.solved == o.solved
            && self.panel == o.panel
            && self.scenario == o.scenario
            && self.jar_problem == o.jar_problem
            && self.nav_problem == o.nav_problem
    }
}

/// A notice about saved data or storage.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeMsg {
    /// From reading the saved state.
    Saved(Notice),
    /// Unreadable documents removed from the persistent store.
    DocsDropped(usize),
    /// Storage cannot be used.
    StorageUnavailable,
    /// Storage is full.
    Quota,
    /// Something in the link's fragment (or a host's message) was not used.
    Ignored(Ignored),
    /// A scenario failed validation (the error names the bad field's path).
    ScenarioInvalid(String),
    /// A scenario's options do not start a server.
    ScenarioServer(String),
    /// A message from the embedding page was not understood.
    BadMessage(String),
}

impl NoticeMsg {
    /// The notice in words (cut to a readable length: it may quote a stranger's link or file).
    pub fn text(&self, lang: Lang) -> String {
        crate::engine::clip(&self.full_text(lang), 400).into_owned()
    }

    fn full_text(&self, lang: Lang) -> String {
        match self {
            NoticeMsg::Saved(n) => notice_text(lang, n),
            NoticeMsg::DocsDropped(n) => {
                fill(t(lang, Key::NoticeDocsDropped), &[("n", &n.to_string())])
            }
            NoticeMsg::StorageUnavailable => t(lang, Key::NoticeStorageUnavailable).to_string(),
            NoticeMsg::Quota => t(lang, Key::NoticeQuota).to_string(),
            NoticeMsg::Ignored(i) => fill(
                t(lang, Key::NoticeIgnored),
                &[("key", &i.key), ("why", t(lang, why_key(i.why)))],
            ),
            NoticeMsg::ScenarioInvalid(e) => {
                fill(t(lang, Key::NoticeScenarioInvalid), &[("error", e)])
            }
            NoticeMsg::ScenarioServer(e) => {
                fill(t(lang, Key::NoticeScenarioServer), &[("error", e)])
            }
            NoticeMsg::BadMessage(e) => fill(t(lang, Key::NoticeBadMessage), &[("error", e)]),
        }
    }
}

fn why_key(w: Why) -> Key {
    match w {
        Why::TooLong => Key::WhyTooLong,
        Why::UnknownLesson => Key::WhyUnknownLesson,
        Why::UnknownVariant | Why::WrongVariant => Key::WhyUnknownVariant,
        Why::UnknownLanguage => Key::WhyUnknownLanguage,
        Why::UnknownTheme => Key::WhyUnknownTheme,
        Why::UnknownChallenge => Key::WhyUnknownChallenge,
        Why::UnknownPane => Key::WhyUnknownPane,
        Why::NotAnOrigin => Key::WhyNotAnOrigin,
        Why::BadOptions => Key::WhyBadOptions,
        Why::UnknownKey => Key::WhyUnknownKey,
    }
}

/// What the page can ask for.
pub enum Msg {
    /// An engine action.
    Lab(Action),
    /// Navigate a browser to its address bar's text.
    Go(BrowserId),
    /// Change a browser's address bar text.
    SetAddress(BrowserId, String),
    /// Open a challenge (clean start).
    StartChallenge(ChallengeId),
    /// Close the challenge.
    LeaveChallenge,
    /// Reveal the next hint.
    ShowHint,
    /// Show or hide the attacker.
    ToggleAttacker,
    /// Choose whose jar the jar pane shows.
    SetJarView(BrowserId),
    /// The brute-forcer found the secret.
    SecretFound(String),
    /// Change language.
    SetLang(Lang),
    /// Change theme.
    SetTheme(Theme),
    /// Open a lesson (clean start).
    SelectLesson(LessonId),
    /// Switch variant (clean start of that variant).
    SelectVariant(Variant),
    /// Start the lesson again.
    Reset,
    /// Show a pane (phones).
    SetTab(Pane),
    /// Toggle URL-decoded values.
    ToggleDecoded,
    /// Drop a notice.
    DismissNotice(u64),
    /// Empty the timeline.
    ClearLog,
    /// Apply new option overrides (restarts the server).
    Configure(Map<String, Value>),
    /// The engine changed outside a message (a simulation ran on the lab's server): repaint.
    Refresh,
    /// A simulation on the lab's server reached this virtual time.
    SimFinished(Millis),
    /// Another tab changed a document of the persistent store.
    DbChanged(String, Option<String>),
    /// The URL fragment changed (a link within the host page, or by hand).
    ApplyFragment(String),
    /// Open or close a header panel.
    TogglePanel(ToolPanel),
    /// Load a scenario (JSON text).
    LoadScenario(String),
    /// Play the scenario's next step.
    ScenarioStep,
    /// Play the rest of the scenario.
    ScenarioPlayAll,
    /// Start the scenario again.
    ScenarioRestart,
    /// Close the scenario and go back to the lesson.
    LeaveScenario,
    /// A message from the embedding page (already checked to come from an allowed origin).
    HostMessage(Value),
    /// Show a notice.
    ShowNotice(NoticeMsg),
    /// Put cookies in a browser's jar (an import).
    ImportCookies(BrowserId, Vec<crate::engine::jar::Cookie>),
    /// An edit of the jar could not be used.
    JarProblem(JarProblem),
}

fn now_ms() -> Millis {
    js_sys::Date::now() as Millis
}

fn browser_lang() -> Lang {
    let langs = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect::<Vec<_>>())
        .unwrap_or_default();
    Lang::from_preferences(langs.iter().map(String::as_str))
}

fn notice_text(lang: Lang, n: &Notice) -> String {
    match n {
        Notice::Reset(reason) => fill(
            t(lang, Key::NoticeReset),
            &[(
                "reason",
                &crate::model::explain::reset_reason_text(lang, reason),
            )],
        ),
        Notice::Dropped { part, count } => fill(
            t(lang, Key::NoticeDropped),
            &[("part", part), ("n", &count.to_string())],
        ),
        Notice::Migrated { from } => {
            fill(t(lang, Key::NoticeMigrated), &[("from", &from.to_string())])
        }
    }
}

/// The persistent store's backend: localStorage, or memory in an embed (several embeds on one
/// course page must not share, or clobber, the hosted lab's data).
fn backend(persist: bool) -> Box<dyn crate::engine::store::KvBackend> {
    if persist {
        Box::new(LocalKv::open())
    } else {
        Box::<crate::engine::store::MemoryKv>::default()
    }
}

fn new_lab(config: LabConfig, now: Millis, persist: bool) -> Lab {
    match Lab::new(config, now, Box::new(BrowserRandom), backend(persist)) {
        Ok(lab) => lab,
        // the lesson's own configuration always starts; fall back to it if overrides do not
        Err(_) => Lab::new(
            LabConfig::for_app(crate::engine::server::App::Counter),
            now,
            Box::new(BrowserRandom),
            backend(persist),
        )
        .unwrap_or_else(|_| unreachable!("the course's options are valid")),
    }
}

impl AppState {
    /// The state at page load: what was saved, or a clean start.
    pub fn load() -> AppState {
        let (fragment, ignored) = share::parse(&super::embed::fragment());
        let embed = fragment.embed;
        let read = if embed {
            Ok(None)
        } else {
            storage::read(crate::model::persist::STATE_KEY)
        };
        let (saved, notices, storage) = match read {
            Ok(Some(text)) => {
                let (s, n) = crate::model::persist::decode(&text, now_ms());
                (s, n, StorageStatus::Ok)
            }
            Ok(None) => (Saved::fresh(now_ms()), Vec::new(), StorageStatus::Ok),
            Err(status) => (Saved::fresh(now_ms()), Vec::new(), status),
        };
        let lang = saved.lang.unwrap_or_else(browser_lang);
        let mut config = saved.lesson.config(saved.variant);
        config.overrides = crate::engine::session::merge(&config.overrides, &saved.overrides);
        let dropped_docs = if embed { 0 } else { storage::sanitize_db() };
        let lab = new_lab(config, saved.now, !embed);
        let mut shared = Shared {
            lab,
            log: Vec::new(),
            scenario: None,
            next_id: 1,
        };
        for c in saved.jar.iter().cloned() {
            // persist::decode already dropped (and reported) cookies the jar would refuse
            let _ = shared.lab.victim.jar.put(c);
        }
        let start = shared.lab.start_events();
        shared.push(None, start);
        let mut msgs: Vec<NoticeMsg> = notices.into_iter().map(NoticeMsg::Saved).collect();
        if dropped_docs > 0 {
            msgs.push(NoticeMsg::DocsDropped(dropped_docs));
        }
        if storage != StorageStatus::Ok {
            msgs.push(NoticeMsg::StorageUnavailable);
        }
        let address = shared.lab.home_url();
        let panes: Vec<Pane> = fragment
            .panes
            .iter()
            .filter_map(|p| Pane::from_name(p))
            .collect();
        let mut state = AppState {
            shared: Rc::new(RefCell::new(shared)),
            version: 0,
            lang,
            lang_chosen: saved.lang.is_some(),
            theme: saved.theme,
            lesson: saved.lesson,
            variant: saved.variant,
            decoded: false,
            notices: msgs
                .into_iter()
                .enumerate()
                .map(|(i, m)| (i as u64 + 1, m))
                .collect(),
            ran_lines: Vec::new(),
            touched: Vec::new(),
            announcement: String::new(),
            address,
            storage,
            solved: saved.solved,
            challenge: None,
            progress: Progress::default(),
            hints: 0,
            attacker: false,
            jar_view: BrowserId::Victim,
            attacker_address: String::new(),
            hide_secret: false,
            embed,
            tab: panes.first().copied().unwrap_or(Pane::Browser),
            panes,
            panel: None,
            scenario: false,
            jar_problem: None,
            nav_problem: None,
        };
        super::embed::configure(&fragment.allow);
        state.apply_fragment(fragment, ignored);
        // what a link set up is the learner's starting point from now on
        state.save();
        state
    }

    /// The options the learner set, over the lesson's own.
    pub fn learner_overrides(&self) -> Map<String, Value> {
        let mut overrides = self.shared.borrow().lab.config.overrides.clone();
        let own = self.lesson.config(self.variant).overrides;
        for (k, v) in &own {
            if overrides.get(k) == Some(v) {
                overrides.shift_remove(k);
            }
        }
        overrides
    }

    /// The fragment that restores this state (see [`share`]).
    pub fn share_fragment(&self, include_secret: bool) -> String {
        let mut f = Fragment {
            lesson: Some(self.lesson),
            variant: Some(self.variant),
            lang: Some(self.lang),
            theme: (self.theme != Theme::System).then_some(self.theme),
            challenge: self.challenge,
            ..Fragment::default()
        };
        if self.challenge.is_none() {
            f.options = self.learner_overrides();
        }
        share::build(&f, include_secret && !self.hide_secret)
    }

    fn save(&mut self) {
        // an embed keeps nothing; a scenario is not the learner's own work
        if self.embed || self.scenario {
            return;
        }
        let overrides = self.learner_overrides();
        let sh = self.shared.borrow();
        let lab = &sh.lab;
        let saved = Saved {
            lesson: self.lesson,
            variant: self.variant,
            lang: self.lang_chosen.then_some(self.lang),
            theme: self.theme,
            now: lab.now,
            overrides,
            jar: lab.victim.jar.cookies().to_vec(),
            solved: self.solved.clone(),
        };
        let status = storage::write(
            crate::model::persist::STATE_KEY,
            &crate::model::persist::encode(&saved),
        );
        drop(sh);
        if status != self.storage {
            if status == StorageStatus::Full {
                self.push_notice(NoticeMsg::Quota);
            }
            self.storage = status;
        }
    }

    fn push_notice(&mut self, msg: NoticeMsg) {
        let id = self.notices.iter().map(|n| n.0).max().unwrap_or(0) + 1;
        if !self.notices.iter().any(|n| n.1 == msg) {
            self.notices.push((id, msg));
        }
    }

    fn start_lesson(&mut self, lesson: LessonId, variant: Variant) {
        self.start_lesson_with(lesson, variant, &Map::new());
    }

    /// A clean start of a lesson's variant, with extra options over its own.
    fn start_lesson_with(
        &mut self,
        lesson: LessonId,
        variant: Variant,
        extra: &Map<String, Value>,
    ) {
        self.lesson = lesson;
        self.variant = variant;
        self.scenario = false;
        if !self.embed {
            storage::clear_db();
        }
        let mut config = lesson.config(variant);
        config.overrides = crate::engine::session::merge(&config.overrides, extra);
        let lab = new_lab(config, self.shared.borrow().lab.now, !self.embed);
        let mut sh = self.shared.borrow_mut();
        sh.lab = lab;
        sh.scenario = None;
        sh.log.clear();
        let start = sh.lab.start_events();
        sh.push(None, start);
        self.address = sh.lab.home_url();
        self.attacker_address = sh.lab.home_url();
        drop(sh);
        self.ran_lines.clear();
        self.touched.clear();
        self.jar_problem = None;
        self.nav_problem = None;
        self.announcement.clear();
        self.jar_view = BrowserId::Victim;
    }

    fn start_challenge(&mut self, id: ChallengeId) {
        self.progress = Progress::new(id);
        self.hints = 0;
        self.setup_challenge(id, id.setup().variant);
    }

    /// A clean start of a challenge in a variant; progress is kept, so a challenge that spans
    /// variants (tamper, fixation, logout) can be finished in the other one.
    fn setup_challenge(&mut self, id: ChallengeId, variant: Variant) {
        let setup = id.setup();
        self.start_lesson(setup.lesson, variant);
        self.challenge = Some(id);
        self.attacker = id.needs_attacker();
        self.hide_secret = setup.hide_secret;
        let mut config = setup.lesson.config(variant);
        config.overrides = crate::engine::session::merge(&config.overrides, &setup.overrides);
        if let Some(scheme) = setup.id_scheme {
            config.id_scheme = scheme;
        }
        let mut sh = self.shared.borrow_mut();
        let o = sh.lab.apply(Action::Configure(config));
        self.progress.record_setup(&sh.lab, &o);
        for a in setup.actions {
            let o = sh.lab.apply(a);
            self.progress.record_setup(&sh.lab, &o);
        }
        // the setup is the starting point, not part of the learner's timeline (nor the
        // attacker's haul)
        sh.log.clear();
        sh.lab.loot.clear();
        sh.lab.captures.clear();
        if let Some(u) = sh.lab.victim.url.as_ref() {
            self.address = u.to_string();
        }
        if let Some(u) = sh.lab.attacker.url.as_ref() {
            self.attacker_address = u.to_string();
        }
    }

    fn apply(&mut self, action: Action) {
        let outcome = self.shared.borrow_mut().lab.apply(action);
        self.jar_problem = outcome.events.iter().find_map(|e| match e {
            Event::Refused(r) => Some(JarProblem::Invalid(*r)),
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
        if let Some(id) = self.challenge {
            let obs = self
                .progress
                .observe(id, &self.shared.borrow().lab, &outcome);
            self.absorb(outcome);
            if obs.solved {
                self.mark_solved(id);
            }
        } else {
            self.absorb(outcome);
        }
    }

    /// Applies what a link's fragment (or a host's `set` message) asks for; values that cannot
    /// be used become notices.
    fn apply_fragment(&mut self, f: Fragment, ignored: Vec<Ignored>) {
        if let Some(l) = f.lang {
            self.lang = l;
            self.lang_chosen = true;
        }
        if let Some(th) = f.theme {
            self.theme = th;
        }
        if let Some(c) = f.challenge {
            self.start_challenge(c);
        } else if f.lesson.is_some() || f.variant.is_some() || !f.options.is_empty() {
            let lesson = f.lesson.unwrap_or(self.lesson);
            let fallback = if f.lesson.is_none() && lesson.variants().contains(&self.variant) {
                self.variant
            } else {
                lesson.default_variant()
            };
            let variant = f
                .variant
                .filter(|v| lesson.variants().contains(v))
                .unwrap_or(fallback);
            if f.variant.is_some_and(|v| v != variant) {
                self.push_notice(NoticeMsg::Ignored(Ignored {
                    key: "variant".into(),
                    why: Why::WrongVariant,
                }));
            }
            self.challenge = None;
            self.hide_secret = false;
            self.attacker = false;
            self.start_lesson_with(lesson, variant, &f.options);
        }
        if let Some(b64) = f.scenario {
            match share::scenario_from_fragment(&b64) {
                Ok(text) => {
                    self.load_scenario(&text);
                }
                Err(e) => self.push_notice(NoticeMsg::ScenarioInvalid(format!("#scenario: {e}"))),
            }
        }
        for i in ignored {
            self.push_notice(NoticeMsg::Ignored(i));
        }
    }

    /// A message from the embedding page.
    fn host_message(&mut self, v: &Value) {
        let kind = v.get("type").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "session-lab:load" => match v.get("scenario") {
                Some(Value::String(text)) => {
                    self.load_scenario(text);
                }
                Some(obj @ Value::Object(_)) => {
                    self.load_scenario(&obj.to_string());
                }
                _ => self.push_notice(NoticeMsg::ScenarioInvalid(
                    "scenario: expected a scenario object or its JSON text".into(),
                )),
            },
            "session-lab:set" => {
                // the same rules as a link's fragment
                let mut parts = Vec::new();
                for key in ["lesson", "variant", "lang", "theme", "challenge"] {
                    match v.get(key) {
                        Some(Value::String(s)) => parts.push(format!(
                            "{key}={}",
                            crate::engine::uri::encode_uri_component(s)
                        )),
                        Some(other) => parts.push(format!(
                            "{key}={}",
                            crate::engine::uri::encode_uri_component(&other.to_string())
                        )),
                        None => {}
                    }
                }
                let (f, ignored) = share::parse(&parts.join("&"));
                self.apply_fragment(f, ignored);
            }
            other => self.push_notice(NoticeMsg::BadMessage(format!(
                "unknown type {}",
                crate::engine::json::stringify(&Value::String(other.chars().take(60).collect()))
            ))),
        }
    }

    /// Loads a scenario in place of the lesson: a fresh lab as the scenario configures it,
    /// with the same seed `session-lab-trace` uses, so the page prints the same trace.
    fn load_scenario(&mut self, text: &str) -> bool {
        let s = match crate::engine::scenario::parse(text) {
            Ok(s) => s,
            Err(e) => {
                self.push_notice(NoticeMsg::ScenarioInvalid(e.to_string()));
                return false;
            }
        };
        let player = match Player::new(&s, Box::new(SeededRandom(TRACE_SEED))) {
            Ok(p) => p,
            Err(e) => {
                self.push_notice(NoticeMsg::ScenarioServer(e.to_string()));
                return false;
            }
        };
        // the lesson whose app the scenario runs, for the lesson card and the code view
        if let Some((l, v)) = LessonId::ALL.iter().find_map(|&l| {
            l.variants()
                .iter()
                .find(|&&v| l.app(v) == s.app)
                .map(|&v| (l, v))
        }) {
            self.lesson = l;
            self.variant = v;
        }
        self.challenge = None;
        self.hide_secret = false;
        self.attacker = s.steps.iter().any(|st| {
            matches!(st, Step::Request(r) if r.browser == BrowserId::Attacker)
                || matches!(st, Step::CloseBrowser(BrowserId::Attacker))
        });
        self.scenario = true;
        self.ran_lines.clear();
        self.touched.clear();
        self.jar_problem = None;
        self.nav_problem = None;
        self.jar_view = BrowserId::Victim;
        let Player {
            lab,
            steps,
            results,
        } = player;
        let mut sh = self.shared.borrow_mut();
        sh.lab = lab;
        sh.log.clear();
        sh.scenario = Some(ScenarioRun {
            text: text.to_string(),
            steps,
            results,
        });
        let start = sh.lab.start_events();
        sh.push(None, start);
        self.address = sh.lab.home_url();
        self.attacker_address = sh.lab.home_url();
        drop(sh);
        self.announcement = t(self.lang, Key::ScenarioLoaded).to_string();
        true
    }

    /// Plays the scenario's next step; false when there is none.
    fn scenario_step(&mut self) -> bool {
        let outcome = {
            let mut guard = self.shared.borrow_mut();
            let sh = &mut *guard;
            let Some(run) = sh.scenario.as_mut() else {
                return false;
            };
            let Some(step) = run.steps.get(run.results.len()).cloned() else {
                return false;
            };
            let (outcome, v) = play_step(&mut sh.lab, &step);
            run.results.push(v);
            outcome
        };
        self.absorb(outcome);
        true
    }

    fn mark_solved(&mut self, id: ChallengeId) {
        if !self.solved.iter().any(|s| s == id.code()) {
            self.solved.push(id.code().to_string());
        }
        super::embed::solved(id.code());
        self.announcement = format!(
            "{} {}",
            t(self.lang, Key::ChallengeSolved),
            t(self.lang, id.texts().title)
        );
    }

    /// Records an outcome: the timeline, the highlighted lines, the touched rows, the
    /// announcement, and the address bar.
    fn absorb(&mut self, outcome: Outcome) {
        let mut sh = self.shared.borrow_mut();
        if !outcome.events.is_empty() {
            sh.push(None, outcome.events.clone());
        }
        if let Some(last) = outcome.exchanges.last() {
            let source = sh.lab.server.source();
            self.ran_lines = last
                .events
                .iter()
                .filter_map(|e| match e {
                    Event::CodeRan { anchors } => Some(anchors),
                    _ => None,
                })
                .flatten()
                .filter_map(|a| line_of(&source, a))
                .collect();
            self.touched = last
                .events
                .iter()
                .filter_map(|e| match e {
                    Event::Store(c) => Some((
                        c.sid.clone(),
                        match (c.op, &c.result) {
                            (StoreOp::Get, CallResult::Hit) => Touch::Hit,
                            (StoreOp::Get, _) => Touch::Miss,
                            (StoreOp::Set, _) => Touch::Set,
                            (StoreOp::Touch, _) => Touch::Touch,
                            (StoreOp::Destroy, _) => Touch::Destroy,
                        },
                    )),
                    _ => None,
                })
                .collect();
            match last.browser {
                BrowserId::Victim => self.address = last.url.to_string(),
                BrowserId::Attacker => self.attacker_address = last.url.to_string(),
            }
            self.announcement = announce(self.lang, &outcome.exchanges);
        } else if let Some((text, _)) = outcome.events.iter().find_map(|e| explain(self.lang, e)) {
            self.announcement = text;
        }
        for x in outcome.exchanges {
            let at = x.at;
            let id = sh.next_id;
            sh.next_id += 1;
            let quota = x
                .events
                .iter()
                .any(|e| matches!(e, Event::ServerError { message } if message.contains("Quota")));
            sh.log.push(Rc::new(LogEntry {
                id,
                exchange: Some(x),
                events: Vec::new(),
                at,
            }));
            if quota {
                drop(sh);
                self.push_notice(NoticeMsg::Quota);
                sh = self.shared.borrow_mut();
            }
        }
        // keep the timeline bounded (trimmed in batches)
        if sh.log.len() > 1200 {
            sh.log.drain(..200);
        }
    }
}

impl Shared {
    fn push(&mut self, exchange: Option<Exchange>, events: Vec<Event>) {
        let id = self.next_id;
        self.next_id += 1;
        let at = self.lab.now;
        self.log.push(Rc::new(LogEntry {
            id,
            exchange,
            events,
            at,
        }));
    }
}

/// What the live region says after a navigation: every signature verdict on the way (a
/// redirect can hide the interesting one) and the final response.
fn announce(lang: Lang, xs: &[Exchange]) -> String {
    let mut parts: Vec<String> = xs
        .iter()
        .flat_map(|x| x.events.iter())
        .filter(|e| {
            matches!(
                e,
                Event::SessionCookieRead { .. } | Event::SignedCookieRead { .. }
            )
        })
        .filter_map(|e| explain(lang, e).map(|(s, _)| s))
        .collect();
    if let Some(x) = xs.last() {
        let done = Event::ResponseSent {
            status: x.response.status,
            set_cookies: x
                .response
                .set_cookies()
                .into_iter()
                .map(str::to_string)
                .collect(),
        };
        parts.extend(explain(lang, &done).map(|(s, _)| s));
    }
    parts.join(" ")
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Lab(action) => next.apply(action),
            Msg::Go(b) => {
                let url = if b == BrowserId::Victim {
                    next.address.trim().to_string()
                } else {
                    next.attacker_address.trim().to_string()
                };
                next.apply(Action::Navigate(crate::engine::lab::Navigate::typed(
                    b, &url,
                )));
            }
            Msg::SetAddress(BrowserId::Victim, a) => next.address = a,
            Msg::SetAddress(BrowserId::Attacker, a) => next.attacker_address = a,
            Msg::StartChallenge(id) => next.start_challenge(id),
            Msg::LeaveChallenge => {
                next.challenge = None;
                next.hide_secret = false;
                next.attacker = false;
                next.start_lesson(next.lesson, next.variant);
            }
            Msg::ShowHint => next.hints = (next.hints + 1).min(3),
            Msg::ToggleAttacker => {
                next.attacker = !next.attacker;
                if !next.attacker {
                    next.jar_view = BrowserId::Victim;
                }
            }
            Msg::SetJarView(b) => next.jar_view = b,
            Msg::SecretFound(secret) => {
                if let Some(id) = next.challenge {
                    if next.progress.secret_found(id, &secret).solved {
                        next.mark_solved(id);
                    }
                }
            }
            Msg::SetLang(l) => {
                next.lang = l;
                next.lang_chosen = true;
                // the live region spoke the old language; it has nothing new to say
                next.announcement.clear();
            }
            Msg::SetTheme(th) => next.theme = th,
            Msg::SelectLesson(l) => {
                next.challenge = None;
                next.hide_secret = false;
                next.start_lesson(l, l.default_variant());
            }
            Msg::SelectVariant(v) => match next.challenge {
                Some(id) => next.setup_challenge(id, v),
                None => next.start_lesson(next.lesson, v),
            },
            Msg::Reset => match next.challenge {
                Some(id) => next.start_challenge(id),
                None if next.scenario => {
                    let text = next
                        .shared
                        .borrow()
                        .scenario
                        .as_ref()
                        .map(|r| r.text.clone());
                    next.load_scenario(&text.unwrap_or_default());
                }
                None => next.start_lesson(next.lesson, next.variant),
            },
            Msg::SetTab(p) => next.tab = p,
            Msg::ToggleDecoded => next.decoded = !next.decoded,
            Msg::DismissNotice(id) => next.notices.retain(|n| n.0 != id),
            Msg::ClearLog => next.shared.borrow_mut().log.clear(),
            Msg::Configure(overrides) => {
                let mut config = next.shared.borrow().lab.config.clone();
                config.overrides = overrides;
                next.apply(Action::Configure(config));
            }
            Msg::Refresh => {}
            Msg::SimFinished(at) => {
                let by = at - next.shared.borrow().lab.now;
                if by > 0 {
                    next.apply(Action::Advance(by));
                }
            }
            Msg::DbChanged(key, value) => {
                use crate::engine::store::KvBackend;
                if !next.embed && !next.scenario {
                    let mut sh = next.shared.borrow_mut();
                    sh.lab.db.external_change(&key, value);
                }
            }
            Msg::ApplyFragment(hash) => {
                let (f, ignored) = share::parse(&hash);
                next.apply_fragment(f, ignored);
            }
            Msg::TogglePanel(p) => {
                next.panel = if next.panel == Some(p) { None } else { Some(p) };
            }
            Msg::LoadScenario(text) => {
                if next.load_scenario(&text) {
                    next.panel = None;
                }
            }
            Msg::ScenarioStep => {
                next.scenario_step();
            }
            Msg::ScenarioPlayAll => while next.scenario_step() {},
            Msg::ScenarioRestart => {
                let text = next
                    .shared
                    .borrow()
                    .scenario
                    .as_ref()
                    .map(|r| r.text.clone());
                if let Some(text) = text {
                    next.load_scenario(&text);
                }
            }
            Msg::LeaveScenario => next.start_lesson(next.lesson, next.variant),
            Msg::HostMessage(v) => next.host_message(&v),
            Msg::ShowNotice(n) => next.push_notice(n),
            Msg::JarProblem(p) => next.jar_problem = Some(p),
            Msg::ImportCookies(b, cookies) => {
                // jar_io checked every cookie against the jar's rules; count any it refuses anyway
                let mut sh = next.shared.borrow_mut();
                let jar = &mut sh.lab.browser_mut(b).jar;
                let n = cookies
                    .into_iter()
                    .filter(|c| jar.put(c.clone()).is_ok())
                    .count();
                drop(sh);
                next.announcement = fill(t(next.lang, Key::JarImported), &[("n", &n.to_string())]);
            }
        }
        next.version += 1;
        next.save();
        Rc::new(next)
    }
}

/// The context every component reads.
pub type AppContext = UseReducerHandle<AppState>;
