//! What the page can ask the model to do ([`Op`]), and the small types the operations and the
//! page share: panes, panels, the open challenge, a scenario being played, and what the page
//! found at load.

use super::notices::NoticeMsg;
use super::saving::StorageStatus;
use crate::engine::clock::Millis;
use crate::engine::events::BrowserId;
use crate::engine::jar::{Cookie, Field};
use crate::engine::json::{Map, Value};
use crate::engine::lab::Action;
use crate::engine::scenario::{Say, Step};
use crate::i18n::{Key, Lang};
use crate::model::challenges::{ChallengeId, Progress};
use crate::model::lessons::{LessonId, Variant};
use crate::model::persist::Theme;
use crate::model::share::PANE_NAMES;
use crate::model::visitors::SimConfig;

/// What the timeline pane shows where two columns leave it room for one of its views (901 to
/// 1699 px wide; wider screens and phones show both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineView {
    /// The request log.
    Log,
    /// The sequence diagram (or the interleaving of requests sent at once).
    Diagram,
}

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

/// The media query under which the panes are tabs, one shown at a time: the same text as
/// style.css's breakpoint (a test holds them together). Above it the panes are side by side,
/// and no tab list is drawn.
pub const NARROW_SCREEN: &str = "(max-width: 900px)";

/// The media query under which the page fills the window, the panes side by side, each
/// scrolling in its share of the height (style.css's breakpoint, held together by a test):
/// there the page is as tall as the window, or an embed's frame, whatever it holds.
pub const FILL_SCREEN: &str = "(min-width: 901px) and (min-height: 560px)";

/// The media query of a screen with room for a challenge's goal beside the panes: side by side
/// (no tabs) and taller than a laptop's 720 to 820 px, under which style.css gives the panes
/// their short-screen shares (a test holds the two together). There the goal stays open once
/// a stage is done ([`OpenChallenge::goal_shown`]).
pub const ROOMY_SCREEN: &str = "(min-width: 901px) and (min-height: 821px)";

impl Pane {
    /// All panes, in the page's order.
    pub const ALL: [Pane; 4] = [Pane::Browser, Pane::Jar, Pane::Server, Pane::Timeline];
    /// The label of the pane's tab (on a narrow screen the panes become tabs).
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

/// A server form whose draft is applied with a button that restarts the server: the
/// express-session options, and the deployment (instances, balancer, TLS proxy, store
/// delays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerForm {
    /// "express-session options".
    Options,
    /// "Deployment".
    Deploy,
}

impl ServerForm {
    /// Both, in the order the server pane shows them.
    pub const ALL: [ServerForm; 2] = [ServerForm::Options, ServerForm::Deploy];
    /// What the form says by its button while its draft differs from what the server runs.
    pub fn pending_form_key(self) -> Key {
        match self {
            ServerForm::Options => Key::OptionsPendingForm,
            ServerForm::Deploy => Key::DeployPendingForm,
        }
    }
    /// What the bar says of a request made meanwhile.
    pub fn pending_bar_key(self) -> Key {
        match self {
            ServerForm::Options => Key::OptionsPendingBar,
            ServerForm::Deploy => Key::DeployPendingBar,
        }
    }
}

/// A panel the header opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolPanel {
    /// The share link and embed snippet.
    Share,
    /// Loading a scenario file.
    Scenario,
    /// The open lesson's notes and quiz.
    Learn,
    /// The keyboard shortcuts.
    Keys,
}

impl ToolPanel {
    /// Its name, as its opener reads.
    pub fn title(self) -> Key {
        match self {
            ToolPanel::Share => Key::ShareTitle,
            ToolPanel::Scenario => Key::ScenarioTitle,
            ToolPanel::Learn => Key::LearnOpen,
            ToolPanel::Keys => Key::KeysTitle,
        }
    }
}

/// A scenario loaded into the page, played step by step.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioRun {
    /// The scenario's text (to start it again).
    pub text: String,
    /// The parsed steps; the first `results.len()` of them have been played.
    pub steps: Vec<Step>,
    /// What each played step printed (the JSON `session-lab-trace` prints).
    pub results: Vec<Value>,
    /// The scenario's title, if it has one.
    pub title: Option<Say>,
    /// Each step's caption, if it has one.
    pub says: Vec<Option<Say>>,
    /// Whether it plays by itself (`autoplay=1`, or the Play button): the page's timer sends
    /// [`Op::ScenarioTick`] while this is on.
    pub playing: bool,
}

impl ScenarioRun {
    /// How many steps have been played.
    pub fn played(&self) -> usize {
        self.results.len()
    }
    /// The caption of the step played last, in Chinese or English.
    pub fn caption(&self, chinese: bool) -> Option<&str> {
        let last = self.results.len().checked_sub(1)?;
        self.says.get(last)?.as_ref().map(|s| s.text(chinese))
    }
    /// The trace so far, exactly as `session-lab-trace` prints it.
    pub fn trace_text(&self) -> String {
        crate::engine::trace::trace_text(&self.results)
    }
}

/// The challenge the learner has open.
#[derive(Debug)]
pub struct OpenChallenge {
    /// The challenge open.
    pub id: ChallengeId,
    /// Its stages so far and the latest explanation.
    pub progress: Progress,
    /// How many hints are shown (0 to 3).
    pub hints: u8,
    /// The learner's choice about the goal's text: folded away (`Some(true)`) or open
    /// (`Some(false)`). Until they choose, it folds by itself once a stage is done: it has
    /// been read and acted on by then, and at 1280x720 a long goal left the browser pane
    /// a line or two.
    pub goal_folded: Option<bool>,
}

impl OpenChallenge {
    /// A challenge just opened: no stage done, no hint shown, the goal open.
    pub fn new(id: ChallengeId) -> OpenChallenge {
        OpenChallenge {
            id,
            progress: Progress::new(id),
            hints: 0,
            goal_folded: None,
        }
    }

    /// The number (1 to 3) of the hint "Show a hint" shows next: the first not shown yet that
    /// helps with a stage still to do (the ones passed by are shown folded with the earlier
    /// hints), or simply the next when none does; `None` once all three are shown, and once
    /// the challenge is solved (its button read "(1/3)" again on the solved card, after
    /// "(3/3)" with none shown: a counter that jumped about).
    pub fn next_hint(&self) -> Option<u8> {
        let hints = &self.id.spec().hints;
        let first = usize::from(self.hints);
        if first >= hints.len() || self.progress.solved() {
            return None;
        }
        let i = (first..hints.len())
            .find(|&i| !hints[i].moot(&self.progress))
            .unwrap_or(first);
        u8::try_from(i + 1).ok()
    }

    /// The session store's row the newest shown hint sends the learner to (a piece of its
    /// data, [`crate::model::challenges::Hint::store_row`]), which the page brings into view.
    pub fn newest_hint_store_row(&self) -> Option<&'static str> {
        let newest = usize::from(self.hints).checked_sub(1)?;
        self.id.spec().hints.get(newest)?.store_row
    }

    /// How many of the shown hints the card folds behind "Show the earlier hints": each one
    /// before the newest, and the newest too once the challenge is solved, or once every stage
    /// it helps with is done while a hint not shown yet still helps (tamper switched to Signed kept showing "Hint 2 Change
    /// it to 9999", about the stage just done, above "Show a hint (3/3)").
    pub fn hints_folded(&self) -> usize {
        let hints = &self.id.spec().hints;
        let shown = usize::from(self.hints).min(hints.len());
        let Some(newest) = shown.checked_sub(1) else {
            return 0;
        };
        let useful_ahead = hints[shown..].iter().any(|h| !h.moot(&self.progress));
        // a solved card keeps none open (tamper's solved card still showed "Hint 1 Press Go
        // first")
        if self.progress.solved() || (hints[newest].moot(&self.progress) && useful_ahead) {
            shown
        } else {
            newest
        }
    }

    /// Whether the card shows the goal and every stage, or only the next stage to do, on a
    /// screen with room for it or not ([`ROOMY_SCREEN`]). Until the learner chooses, a short or
    /// narrow screen folds it once a stage is done; a roomy one keeps it (at 1440x900 and
    /// 1920x1080 four learners read the fold as the instructions vanishing, with CSRF's third
    /// stage said only in the goal). Solved, it folds on every screen: the goal is met, and
    /// "Why it worked" with the other stages' reasons took a 1440x900 card to ~264 px, the
    /// server's code left 58 px.
    pub fn goal_shown(&self, roomy: bool) -> bool {
        !self
            .goal_folded
            .unwrap_or_else(|| self.progress.started() && (!roomy || self.progress.solved()))
    }
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
/// [`super::Workbench::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// An engine action: a navigation with details, the clock, a restart, a jar edit, a script.
    Act(Action),
    /// Navigate a browser to the text of its address bar.
    Go(BrowserId),
    /// Send requests without waiting for each other, as a page that loads several addresses
    /// at once does: each address (relative to the browser's page, or the app's home) with
    /// the milliseconds after which it leaves. With `wait`, the lab then runs until every
    /// answer has come; without, they stay in flight while the clock moves (the clock's
    /// buttons, or a navigation, which joins them).
    Fire {
        /// The browser that sends them.
        browser: BrowserId,
        /// Each address and its delay in ms.
        requests: Vec<(String, Millis)>,
        /// Run until every answer has come.
        wait: bool,
    },
    /// The text of a browser's address bar changed.
    Type(BrowserId, String),
    /// Reload a browser's current page.
    Reload(BrowserId),
    /// Follow a link on a browser's page (`href` as the page wrote it).
    FollowLink(BrowserId, String),
    /// Submit a form on a browser's page.
    Submit {
        /// The browser whose page holds the form.
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
        /// The browser whose jar holds the cookie.
        browser: BrowserId,
        /// The cookie as it was.
        cookie: Cookie,
        /// The column edited; a new name, domain or path replaces the cookie under a new key.
        field: Field,
        /// The cell's new text.
        text: String,
    },
    /// Add a cookie by hand (name and value; host-only, path `/`, a session cookie).
    AddCookie(BrowserId, String, String),
    /// Put the cookies of a `Cookie` header in a jar, with the tool that made it (the
    /// signer's value, a stolen header).
    PutHeader(BrowserId, String, crate::engine::events::EditBy),
    /// Put imported cookies in a jar (and say what the text held that gave none).
    ImportCookies(BrowserId, crate::model::jar_io::Imported),
    /// Open a challenge from its start.
    StartChallenge(ChallengeId),
    /// Close the challenge and go back to its lesson.
    LeaveChallenge,
    /// Open again the challenge just left, with its stages and hints as they were (a fresh
    /// lab, in the variant it was left in): the undo of a Leave pressed by mistake.
    BackToChallenge,
    /// Show the next hint.
    ShowHint,
    /// Show the challenge's goal and finished stages (`true`), or fold them away: the
    /// learner's choice, which holds until the challenge changes.
    ShowGoal(bool),
    /// Show or hide the attacker's browser and tools.
    ToggleAttacker,
    /// A server form holds changes not applied (`true`), or none: the form's draft is the
    /// page's, but the bar says while it differs that the server still runs as before (a
    /// learner set saveUninitialized, pressed Go, and the request ran the old settings
    /// without a word; another typed lesson 6's store delays and sent the requests at once
    /// without applying them, and no race came).
    FormPending(ServerForm, bool),
    /// Choose whose jar the jar pane shows.
    ShowJar(BrowserId),
    /// The brute-forcer found the secret.
    SecretFound(String),
    /// Change the page's language.
    SetLang(Lang),
    /// The English texts the module leaves out have arrived (`i18n::english`): nothing in
    /// the page changes, but every pane reads its texts again.
    TextsArrived,
    /// Change the colour theme.
    SetTheme(Theme),
    /// Turn the bare `?` shortcut on or off.
    SetQuestionKey(bool),
    /// Open a lesson from its start.
    SelectLesson(LessonId),
    /// Switch the lesson's (or challenge's) variant, from its start.
    SelectVariant(Variant),
    /// Start the lesson, challenge or scenario again, with the clock back where it was when
    /// the page loaded.
    Reset,
    /// Forget which challenges were solved.
    ForgetSolved,
    /// Answer a question of a lesson's quiz.
    Answer {
        /// Which lesson.
        lesson: LessonId,
        /// Which question (0-based).
        question: usize,
        /// The answer chosen (0-based).
        choice: u8,
    },
    /// Forget the open lesson's ticked steps and quiz answers.
    ForgetProgress,
    /// Show this step of the open lesson (by its name) in the card's line instead of the
    /// next one (a chip pressed), or the next one again (`None`).
    PickStep(Option<&'static str>),
    /// Set one option (by its path, as the options editor names it, or Express's
    /// `trust proxy`) and restart the server: the options reference's "try it".
    TryOption(String, Value),
    /// A scenario file chosen in the panel could not be read.
    ScenarioFileFailed {
        /// The file's name, as the browser gave it.
        file: String,
        /// Why.
        problem: super::notices::FileProblem,
    },
    /// Show a pane (phones).
    SetTab(Pane),
    /// Show the timeline's log or its diagram (two columns).
    ShowTimelineView(TimelineView),
    /// Show values URL-decoded, or as stored.
    ToggleDecoded,
    /// The page is up, a moment after its first render: the live region says what the load
    /// itself did (a lesson step it completed), which words present at the first render
    /// would not have said.
    SayLoaded,
    /// A copy button put its text on the clipboard: the live region says so (the button's
    /// own "Copied" is not read out while the focus stays on it).
    SayCopied,
    /// The jar's Export filled its text box with this many cookies: the live region says so
    /// (the box filled in silence, the focus still on the button).
    SayExported(usize),
    /// Drop a notice.
    DismissNotice(u64),
    /// Closes the card's echo (its close button, Escape in it, or its "See it on the card").
    DismissEcho,
    /// Drop every notice.
    DismissAllNotices,
    /// Open or close the fold of notices past the first two.
    ToggleNotices,
    /// Empty the timeline.
    ClearLog,
    /// New option overrides (the server restarts with them).
    Configure(Map<String, Value>),
    /// A new deployment: instances, balancer, TLS proxy, `trust proxy` (the server restarts).
    Deploy(crate::engine::lab::Deploy),
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
    /// Tab went past the end of a panel that lies over the page: it closes, and says so (the
    /// focus moves on to the page, where nothing said the notes had gone).
    LeavePanel(ToolPanel),
    /// Load a scenario from its JSON text (from the panel: a problem is shown there).
    LoadScenario(String),
    /// Play the scenario's next step.
    ScenarioStep,
    /// Play the rest of the scenario.
    ScenarioPlayAll,
    /// Autoplay on (from where it is) or off.
    ScenarioAutoplay(bool),
    /// The autoplay timer: the next step, if autoplay is on; off at the end.
    ScenarioTick,
    /// One step back: the scenario played again from the start, one step fewer.
    ScenarioBack,
    /// Start recording what the learner does (a fresh lab, the configuration kept).
    RecordStart,
    /// Stop recording: the scenario file is ready to download.
    RecordStop,
    /// Close the scenario and go back to the lesson.
    LeaveScenario,
    /// A message from the embedding page (already checked to come from an allowed origin).
    HostMessage(Value),
    /// Show a notice.
    Notify(NoticeMsg),
    /// The page wrote the saved state, with this result.
    Saved(StorageStatus),
    /// Show the jar and the store as they were right after this timeline entry (by id).
    TravelTo(u64),
    /// Show the jar and the store as they are now.
    BackToNow,
    /// Open, close or type into the cookie inspector.
    Inspector(super::InspectorOp),
}

impl Op {
    /// Whether the learner changes by hand what the next request sends or meets: a cookie,
    /// a raw header, the server's options or deployment (a challenge's next request is a new
    /// attempt).
    pub fn by_hand(&self) -> bool {
        matches!(
            self,
            Op::EditCookie { .. }
                | Op::AddCookie(..)
                | Op::PutHeader(..)
                | Op::ImportCookies(..)
                | Op::Configure(_)
                | Op::Deploy(_)
        )
    }

    /// Whether this operation ends time travel: everything the learner does that changes the
    /// lab or the timeline (a simulation on the lab's own server included; stopping one ends
    /// travel when it moves the lab's clock). Looking (a language, a tab, whose jar, typing in
    /// the address bar, a hint) does not; nor does a running simulation's next chunk, which
    /// the page's timer asks for, not the learner. A new place (a link or the embedding page
    /// opening another lesson) ends it too.
    pub fn leaves_the_past(&self) -> bool {
        match self {
            Op::SimStart(_, on_lab) => *on_lab,
            Op::Act(_)
            | Op::Fire { .. }
            | Op::Go(_)
            | Op::Reload(_)
            | Op::FollowLink(..)
            | Op::Submit { .. }
            | Op::EditCookie { .. }
            | Op::AddCookie(..)
            | Op::PutHeader(..)
            | Op::ImportCookies(..)
            | Op::StartChallenge(_)
            | Op::LeaveChallenge
            | Op::BackToChallenge
            | Op::SelectLesson(_)
            | Op::SelectVariant(_)
            | Op::Reset
            | Op::ClearLog
            | Op::Configure(_)
            | Op::Deploy(_)
            | Op::LoadScenario(_)
            | Op::ScenarioStep
            | Op::ScenarioPlayAll
            | Op::ScenarioAutoplay(_)
            | Op::ScenarioTick
            | Op::ScenarioBack
            | Op::RecordStart
            | Op::LeaveScenario
            | Op::TryOption(..) => true,
            // it leaves the past itself, and says so
            Op::BackToNow => false,
            Op::Type(..)
            | Op::ShowHint
            | Op::ShowGoal(_)
            | Op::ToggleAttacker
            | Op::FormPending(..)
            | Op::ShowJar(_)
            | Op::SecretFound(_)
            | Op::SetLang(_)
            | Op::TextsArrived
            | Op::SetTheme(_)
            | Op::SetQuestionKey(_)
            | Op::ForgetSolved
            | Op::Answer { .. }
            | Op::ForgetProgress
            | Op::ScenarioFileFailed { .. }
            | Op::SetTab(_)
            | Op::PickStep(_)
            | Op::ShowTimelineView(_)
            | Op::ToggleDecoded
            | Op::SayCopied
            | Op::SayLoaded
            | Op::SayExported(_)
            | Op::DismissNotice(_)
            | Op::DismissEcho
            | Op::DismissAllNotices
            | Op::ToggleNotices
            | Op::SimStep(_)
            | Op::SimStop
            | Op::RecordStop
            | Op::DbChanged(..)
            | Op::ApplyFragment(_)
            | Op::TogglePanel(_)
            | Op::LeavePanel(_)
            | Op::HostMessage(_)
            | Op::Notify(_)
            | Op::Saved(_)
            | Op::TravelTo(_)
            | Op::Inspector(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_narrow_screen_is_the_stylesheets_breakpoint_for_tabs() {
        let css = include_str!("../../../static/style.css");
        let rule = format!("@media {} {{", super::NARROW_SCREEN);
        // (other rules share the breakpoint: the one that shows the tabs is the one that counts)
        let blocks: Vec<usize> = css.match_indices(&rule).map(|(at, _)| at).collect();
        assert!(!blocks.is_empty(), "style.css has the breakpoint");
        assert!(
            blocks.iter().any(|&at| css[at..]
                .lines()
                .take(6)
                .any(|l| l.trim_start().starts_with(".tabs {"))),
            "the tabs show under it"
        );
    }

    #[test]
    fn a_roomy_screen_is_above_the_stylesheets_short_screen() {
        let css = include_str!("../../../static/style.css");
        // the panes side by side from 901 px, their short-screen shares up to 820 px tall
        assert!(css.contains("and (min-height: 560px) and (max-height: 820px) {"));
        assert!(css.contains(&format!("@media {} {{", super::ROOMY_SCREEN)));
        // the page fills the window
        let fill = format!(
            "@media {} {{\n  body {{ height: 100vh; overflow: hidden; }}",
            super::FILL_SCREEN
        );
        assert!(css.contains(&fill), "{fill}");
        assert!(super::NARROW_SCREEN.contains("max-width: 900px"));
        assert_eq!(
            super::ROOMY_SCREEN,
            "(min-width: 901px) and (min-height: 821px)"
        );
    }
}
