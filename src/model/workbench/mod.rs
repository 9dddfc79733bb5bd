//! The page's behaviour as a pure model. A [`Workbench`] owns the engine's [`Lab`], the
//! timeline, where the learner is (lesson, challenge or scenario), the notices and what the
//! screen reader hears, and changes only through [`Workbench::apply`], one [`Op`] at a time.
//! It never touches the browser: storage, the embedding page, the clipboard and timers are
//! the page's effects, driven by what the model exposes ([`Workbench::saved_blob`],
//! [`Workbench::outbox`]). Everything here runs in `cargo test`.

mod announce;
mod echo;
mod flight;
mod host;
mod jar;
mod notices;
mod op;
mod places;
mod read;
pub use read::{NavProblem, ScriptRead};
mod record;
mod saving;
mod show;
mod sim;
mod timeline;
mod tool;
mod travel;
mod verdict;

pub use announce::{navigation as announce_navigation, shorten_ids, Announcement, Said};
pub use echo::{Echo, Echoed};
pub use flight::{
    flight_rows, in_air_text, kept_writes, undone_writes, write_history, Fate, FlightRow, Lane,
    RowWhat, WriteRow,
};
pub use host::{Outbox, Outgoing};
pub use jar::{quoted_secret, secret_text, verdict_text, ImportReport, ServerCheck, HIDDEN_MAC};
pub use notices::{FileProblem, HostProblem, NoticeMsg, Notices};
pub use op::{
    Op, OpenChallenge, Pane, ScenarioRun, ServerForm, Start, TimelineView, ToolPanel, FILL_SCREEN,
    NARROW_SCREEN, ROOMY_SCREEN,
};
pub use record::RecordEnd;
pub use saving::StorageStatus;
pub use show::ShowTarget;
pub use sim::SimRun;
pub use timeline::{code_marks_summary, line_ranges, store_calls_text, LogEntry, Timeline, Touch};
pub use tool::{InspectorOp, EXAMPLE_COOKIE, EXAMPLE_SECRET};
pub use travel::{
    banner_text, entry_title, past_view, same_cookie, touched_ids, Change, Past, PastCookie,
    PastRow, PastStore, PastStoreRow, Snapshot, StoreShape, StoreSnap, Went, FULL_STORE,
};
pub use verdict::{
    check_aside, check_text, error_text, kept_text, markers, new_session_id, race_text,
    refused_text, unread_text, unsent_text, withheld_text, BarLine, Check, CheckResult, Hop,
    LastRequest, Marker, Unread,
};

use super::challenges::{ChallengeId, Observation};
use super::explain::explain;
use super::http_text::form_query;
use super::lessons::{LessonId, Variant};
use super::persist::{decode, Saved, Theme};
use super::share;
use crate::engine::events::{BrowserId, Cause, Event};
use crate::engine::ids::RandomSource;
use crate::engine::jar::{Cookie, EditError};
use crate::engine::lab::{Action, Lab, Navigate, Outcome};
use crate::engine::session::merge;
use crate::engine::store::KvBackend;
use crate::engine::store::SharedKv;
use crate::i18n::{fill, t, Key, Lang};

/// A step a chip picked (see [`Workbench::picked_step`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Picked {
    /// The next step when it was picked.
    next: Option<&'static str>,
    /// Its name.
    name: &'static str,
    /// Whether it was done when picked.
    was_done: bool,
}

/// Where a scenario was opened from, for its Close to go back to.
#[derive(Debug)]
enum Before {
    /// A lesson, in a variant.
    Lesson(LessonId, Variant),
    /// A challenge, in a variant: it opens again with its stages and hints as they were.
    Challenge(OpenChallenge, Variant),
}

/// Makes a fresh source of randomness for each server the page starts (the browser's crypto
/// on the page, a seeded one in tests).
pub type RngFactory = Box<dyn Fn() -> Box<dyn RandomSource>>;
/// The page's state and behaviour. Fields are private: every change goes through
/// [`Workbench::apply`].
pub struct Workbench {
    lab: Lab,
    /// The database every lesson's persistent store uses (localStorage on the page).
    db: SharedKv,
    rng: RngFactory,
    timeline: Timeline,
    scenario: Option<ScenarioRun>,
    /// Where the learner was when a scenario opened: closing it goes back.
    before_scenario: Option<Before>,
    /// The lab's clock when the open scenario was loaded, for the place after it: a
    /// scenario runs at its own time (the library's, 2023-11-14), and the lessons after it
    /// had gone on there, recordings made later starting then too (zh teacher review).
    clock_before_scenario: Option<crate::engine::clock::Millis>,
    sim: Option<SimRun>,
    lesson: LessonId,
    variant: Variant,
    challenge: Option<OpenChallenge>,
    /// The challenge Leave closed, in the variant it was in: the lesson card offers to go
    /// back to it until the next place (Leave sits among the card's buttons, one Shift+Tab
    /// from the hints, and took every stage and hint with it; keyboard review).
    left: Option<(OpenChallenge, Variant)>,
    solved: Vec<String>,
    lang: Lang,
    lang_chosen: bool,
    theme: Theme,
    question_key: bool,
    decoded: bool,
    embed: bool,
    panes: Vec<Pane>,
    allow: Vec<String>,
    tab: Pane,
    /// Panes with news the learner has not seen: a phone shows one pane at a time, and a
    /// request sent from the browser's tab changes the store and the timeline in theirs (lessons
    /// 2 and 3 send the learner there). Their tabs say so until opened.
    news: Vec<Pane>,
    /// What the latest request that ticked or explained something on the card did (the page
    /// repeats it while the card is out of sight: [`echo`]).
    echo: Option<Echo>,
    /// Counts echoes, so a new one is told from the one the page showed.
    echoes: u64,
    /// The place a switch of variant started (the bar says so until the next place: the
    /// jar, the store and the timeline emptied under a learner who pressed a toggle).
    variant_started: Option<u64>,
    /// The place where a page reload ticked lesson 5's step (F5 with a dated cookie) or
    /// lost its session cookie (F5 without cookie.maxAge), and which text says it: the bar
    /// says what the reload kept or lost until the first request (the browser came back
    /// blank, "No request yet", and only the step's chip said it had worked; an empty jar
    /// said nothing at all).
    reloaded: Option<(u64, crate::i18n::Key)>,
    /// The step a chip of the lesson card shows in place of the next one, with the next step
    /// it was picked beside and whether it was done then: its own tick ends the pick (a step
    /// done already, the next step moving on), and another lesson or a challenge clears it
    /// (see [`Workbench::picked_step`]).
    picked: Option<Picked>,
    /// The timeline view the learner picked since the last batch sent at once (`None`: the
    /// log, or that batch's interleaving).
    timeline_view: Option<TimelineView>,
    panel: Option<ToolPanel>,
    attacker: bool,
    /// See [`Op::FormPending`]: for each [`ServerForm`] (in [`ServerForm::ALL`]'s order)
    /// that holds changes not applied, the timeline's newest entry id when they began
    /// (requests after it ran the server as it was).
    pending: [Option<u64>; ServerForm::ALL.len()],
    jar_view: BrowserId,
    hide_secret: bool,
    /// The secret the brute-forcer found since the lesson or challenge started: the signer
    /// takes it into its empty Secret field (weak-secret's learner was left with "Found the
    /// secret" and an empty signer).
    found_secret: Option<String>,
    address: String,
    attacker_address: String,
    notices: Notices,
    announcement: Announcement,
    ran_lines: Vec<usize>,
    /// The lines of the app's source the last apply wrote (options or deployment), until the
    /// next request or place.
    changed_lines: Vec<usize>,
    /// The lesson steps the newest request ticked (none when it ticked none), until the next
    /// request or place: the page keeps the room for their result, which the learner reads
    /// now, rather than for the next step's.
    ticked_last: Vec<&'static str>,
    touched: Vec<(String, Touch)>,
    jar_problem: Option<EditError>,
    /// How many refusals of a jar edit there have been: the page draws each afresh, so a
    /// second refusal in the same words is announced too (its alert's text did not change, and
    /// a screen reader said nothing).
    jar_refusals: u32,
    /// What the last import into a jar did, until the next action.
    last_import: Option<jar::ImportReport>,
    nav_problem: Option<NavProblem>,
    storage: StorageStatus,
    outbox: Outbox,
    /// The wall clock when the page loaded: where Reset puts the virtual clock back.
    epoch: crate::engine::clock::Millis,
    /// Counts clean starts (lesson, challenge, scenario), so views keyed on it start fresh.
    place: u64,
    /// Why the scenario panel's last load failed.
    scenario_problem: Option<NoticeMsg>,
    /// A recording under way.
    recording: Option<record::Recording>,
    /// The last recording's scenario file.
    recorded: Option<String>,
    /// Why the last recording ended.
    record_end: record::RecordEnd,
    /// Lesson steps done (`cookie.first-card`), in the order they were done.
    steps_done: Vec<String>,
    /// Steps the page load itself completed (lesson 5's reload), said once the page is up
    /// ([`Op::SayLoaded`]): the live region's words at the first render are not read.
    loaded_steps: Vec<&'static str>,
    /// What to say of the app's session cookie the page load took with it
    /// ([`crate::model::lessons::lost_on_load`]), said once the page is up as
    /// [`Workbench::loaded_steps`] are.
    loaded_lost: Option<crate::i18n::Key>,
    /// The live region's count when the page loaded: [`Op::SayLoaded`] speaks only if
    /// nothing was said since.
    loaded_n: u64,
    /// What the lesson's step detector remembers since the lesson's clean start.
    watch: crate::model::lessons::Watch,
    /// Quiz answers given, by question code (`cookie.q1`).
    answers: Vec<(String, u8)>,
    /// The first answer given to each question, by question code: the score counts first
    /// tries beside the answers now.
    first_answers: Vec<(String, u8)>,
    /// The timeline entry whose state the jar and store show (time travel), or `None` for now.
    travel: Option<u64>,
    /// Takes the snapshots the timeline keeps; the lab's probe shares it.
    recorder: travel::SharedRecorder,
    /// The cookie inspector is shown instead of the workbench.
    inspecting: bool,
    /// What was typed into the inspector (never saved or shared).
    inspector: crate::model::inspector::Inspector,
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
        let lang = saved
            .lang
            .unwrap_or_else(|| Lang::from_preferences(start.languages.iter().map(String::as_str)));
        let mut config = saved.lesson.config(saved.variant);
        config.overrides = merge(&config.overrides, &saved.overrides);
        config.deploy = saved.deploy.applied(config.deploy);
        let db = SharedKv::new(db);
        let rng_now = rng();
        let lab = Lab::with_db(config, saved.now, rng_now, db.clone()).unwrap_or_else(|_| {
            // persist::decode only keeps options that start the lesson's server
            Lab::with_db(
                saved.lesson.config(saved.variant),
                saved.now,
                rng(),
                db.clone(),
            )
            .unwrap_or_else(|_| unreachable!("every lesson's own options start a server"))
        });
        let mut lab = lab;
        lab.only_own_origin = true;
        let recorder = travel::SharedRecorder::default();
        lab.after_hop = Some(travel::hop_probe(&recorder));
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
            before_scenario: None,
            clock_before_scenario: None,
            sim: None,
            lesson: saved.lesson,
            variant: saved.variant,
            challenge: None,
            left: None,
            solved: saved.solved,
            lang,
            lang_chosen: saved.lang.is_some(),
            theme: saved.theme,
            question_key: saved.question_key,
            decoded: false,
            embed,
            tab: panes.first().copied().unwrap_or(Pane::Browser),
            news: Vec::new(),
            echo: None,
            echoes: 0,
            variant_started: None,
            reloaded: None,
            picked: None,
            timeline_view: None,
            panes,
            allow: fragment.allow.clone(),
            panel: None,
            attacker: false,
            pending: [None; ServerForm::ALL.len()],
            jar_view: BrowserId::Victim,
            hide_secret: false,
            found_secret: None,
            notices: Notices::default(),
            announcement: Announcement::default(),
            ran_lines: Vec::new(),
            changed_lines: Vec::new(),
            ticked_last: Vec::new(),
            touched: Vec::new(),
            jar_problem: None,
            jar_refusals: 0,
            last_import: None,
            nav_problem: None,
            storage,
            outbox: Outbox::default(),
            epoch: start.now,
            place: 0,
            scenario_problem: None,
            recording: None,
            recorded: None,
            record_end: record::RecordEnd::Stopped,
            watch: crate::model::lessons::Watch::resuming(&saved.steps),
            steps_done: saved.steps,
            loaded_steps: Vec::new(),
            loaded_lost: None,
            loaded_n: 0,
            answers: saved.answers,
            first_answers: saved.first_answers,
            travel: None,
            recorder,
            inspecting: false,
            inspector: Default::default(),
        };
        for c in saved.jar {
            // persist::decode already dropped (and reported) cookies the jar would refuse
            let _ = wb.lab.victim.jar.put(c);
        }
        let after = wb.snapshot(Vec::new());
        wb.timeline.note(wb.lab.start_events(), wb.lab.now, after);
        // a page load can be a lesson's step (lesson 5: the cookie and document survive it)
        let loaded = crate::model::lessons::on_load(wb.lesson, wb.variant, &wb.lab);
        wb.loaded_steps = wb.tick_steps(loaded);
        wb.loaded_lost = crate::model::lessons::lost_on_load(
            wb.lesson,
            wb.variant,
            &wb.lab,
            &saved.ended,
            wb.lesson_done(wb.lesson),
        );
        let loaded_place = wb.place;
        for n in saved_notices {
            wb.notices.push(NoticeMsg::Saved(n));
        }
        if start.docs_dropped > 0 {
            wb.notices.push(NoticeMsg::DocsDropped(start.docs_dropped));
        }
        if storage != StorageStatus::Ok {
            wb.notices.push(NoticeMsg::StorageUnavailable);
        }
        // a challenge open at the reload starts again from its setup, and says so, unless the
        // link opens another place over it
        if let Some(id) = saved.challenge {
            wb.start_challenge(id);
        }
        wb.apply_fragment(fragment, ignored, false);
        if let Some(id) = saved.challenge.filter(|&id| wb.challenge_id() == Some(id)) {
            wb.notices.push(NoticeMsg::ChallengeRestarted(id));
        }
        // what the load did to the saved place is not said in another (a challenge started
        // again, a link to another lesson)
        if wb.place != loaded_place {
            wb.loaded_steps.clear();
            wb.loaded_lost = None;
        }
        wb.loaded_n = wb.announcement.n;
        wb
    }

    /// Does one thing, and returns what the engine did (empty for what is only the page's).
    /// Whatever changes the lab, or starts a new place, ends time travel first.
    pub fn apply(&mut self, op: Op) -> Outcome {
        let place = self.place;
        let (recording, since) = (self.recording.is_some(), self.announcement.n);
        if recording {
            if let Some(why) = record::ends_recording(&op) {
                self.record_stop_because(why);
            }
        }
        if op.leaves_the_past() {
            self.travel = None;
        }
        // a link or the embedding page says itself whether the inspector stays open
        let from_outside = matches!(op, Op::ApplyFragment(_) | Op::HostMessage(_));
        if op.by_hand() {
            if let Some(c) = self.challenge.as_mut() {
                c.progress.new_attempt();
            }
        }
        let lesson = self.lesson;
        let outcome = self.apply_op(op);
        // where to go back to belongs to the scenario open (another lesson picked meanwhile
        // closed it)
        if self.scenario.is_none() {
            self.before_scenario = None;
        }
        // a recording the action ended says why, after what the action said (the variant's
        // "Now: Fixed" had been all, and the panel then showed a recording cut short)
        if recording && self.recording.is_none() {
            if let Some(k) = self.record_end.key() {
                self.announcement.add(since, t(self.lang, k));
            }
        }
        // another lesson (or a challenge) ends a step picked in this one; a variant the pick's
        // Show me switched to does not
        if self.lesson != lesson || self.challenge.is_some() {
            self.picked = None;
        }
        if self.place != place {
            self.travel = None;
            self.news.clear();
            self.echo = None;
            self.ticked_last.clear();
            if !from_outside {
                self.inspecting = false;
            }
        }
        self.announcement.end_action(since);
        outcome
    }

    fn apply_op(&mut self, op: Op) -> Outcome {
        match op {
            Op::Act(action) => return self.act(action),
            Op::Fire {
                browser,
                requests,
                wait,
            } => return self.fire(browser, requests, wait),
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
                let post = method.eq_ignore_ascii_case("POST");
                // a GET form's fields replace the action's query; a POST keeps the action's
                // query and (the lab has no request bodies) adds its fields to it
                let href = match (post, fields.is_empty()) {
                    (true, true) => action.clone(),
                    (true, false) if action.contains('?') => {
                        format!("{action}&{}", form_query(&fields))
                    }
                    _ => format!("{base}?{}", form_query(&fields)),
                };
                let method = if post { "POST" } else { "GET" };
                return self.open_from_page(browser, href, Cause::Form, method);
            }
            Op::EditCookie {
                browser,
                cookie,
                field,
                text,
            } => self.edit_cookie(browser, &cookie, field, &text),
            Op::AddCookie(b, name, value) => self.add_cookie(b, &name, &value),
            Op::PutHeader(b, header, by) => self.put_header(b, &header, by),
            Op::ImportCookies(b, cookies) => self.import_cookies(b, cookies),
            Op::StartChallenge(id) => self.start_challenge(id),
            Op::LeaveChallenge => {
                let left = self.challenge.take().map(|c| (c, self.variant));
                let since = self.announcement.n;
                self.leave_challenge_state();
                // back to the lesson as it starts, in its first variant: kept in the
                // challenge's (tamper's signed cookie, CSRF's fixed app), lesson 1's first step
                // could never tick and lesson 4's step 2 described the other app
                let lesson = self.lesson;
                self.start_lesson(lesson, lesson.default_variant());
                self.say_back_to_lesson();
                if left.is_some() {
                    let offer = t(self.lang, Key::SayCanGoBackToChallenge);
                    self.announcement.add(since, offer);
                }
                self.left = left;
            }
            Op::BackToChallenge => {
                if let Some((open, variant)) = self.left.take() {
                    self.resume_challenge(open, variant);
                }
            }
            Op::ShowHint => {
                if let Some(c) = self.challenge.as_mut() {
                    let n = c.next_hint().unwrap_or(c.hints);
                    c.hints = n;
                    let hint = usize::from(n)
                        .checked_sub(1)
                        .and_then(|i| c.id.spec().hints.get(i));
                    if let Some(h) = hint {
                        // "Hint 1: …" (it had read "Hint 1 Press Go")
                        let label = fill(t(self.lang, Key::HintLabel), &[("n", &n.to_string())])
                            + t(self.lang, Key::Colon);
                        self.announcement.say(label + t(self.lang, h.text));
                    }
                }
            }
            Op::ShowGoal(show) => {
                if let Some(c) = self.challenge.as_mut() {
                    c.goal_folded = Some(!show);
                }
            }
            Op::ToggleAttacker => {
                self.attacker = !self.attacker;
                if !self.attacker {
                    self.jar_view = BrowserId::Victim;
                }
            }
            Op::ShowJar(b) => self.jar_view = b,
            Op::FormPending(form, pending) => {
                let last_id = self.timeline.last_id();
                let slot = &mut self.pending[form as usize];
                if !pending {
                    *slot = None;
                } else if slot.is_none() {
                    *slot = Some(last_id);
                    // the words by the Apply button, said once as they appear: a screen
                    // reader heard the new value of the select and nothing of the server
                    // still running the old options (screen reader review)
                    self.announcement
                        .say(t(self.lang, form.pending_form_key()).to_string());
                }
            }
            Op::SecretFound(secret) => {
                if let Some(c) = self.challenge.as_mut() {
                    let obs = c.progress.secret_found(&secret, &self.lab);
                    let (id, since) = (c.id, self.announcement.n);
                    self.challenge_said(id, &obs, since);
                }
                self.found_secret = Some(secret);
            }
            Op::SetLang(l) => {
                let changed = l != self.lang;
                self.lang = l;
                self.lang_chosen = true;
                // the live region spoke the old language: what it said no longer applies. A
                // switch is said in the new language, so a screen reader knows every label
                // around the focus changed (the button itself kept its name)
                if changed {
                    self.announcement.say(t(l, Key::SayLangNow).to_string());
                } else {
                    self.announcement.clear();
                }
            }
            Op::TextsArrived => {}
            Op::SetTheme(th) => self.theme = th,
            Op::SetQuestionKey(on) => self.question_key = on,
            Op::SelectLesson(l) => {
                self.challenge = None;
                self.hide_secret = false;
                self.start_lesson(l, l.default_variant());
            }
            Op::SelectVariant(v) => {
                match self.challenge_id() {
                    Some(id) => self.setup_challenge(id, v),
                    None => self.start_lesson(self.lesson, v),
                }
                // the page changed under the learner (a Show me that switches moves the focus
                // away from the variants): a screen reader hears which one, and that it is new
                let label = t(self.lang, self.variant.label());
                self.variant_started = Some(self.place);
                let mut said = vec![fill(
                    t(self.lang, Key::SayVariantStarted),
                    &[("variant", label)],
                )];
                // and what the challenge's start did again: the logout challenge's Fixed was
                // heard as "the lab starts afresh" alone, though its start logs alice in
                // (keyboard review of the challenges)
                said.extend(self.challenge_start_said());
                self.announcement.say(crate::i18n::sentences(&said));
            }
            Op::Reset => {
                self.lab.now = self.epoch;
                self.reset();
                // the jar, the store and the timeline emptied, and the focus stayed on the
                // button: a screen reader heard nothing
                self.announcement
                    .say(t(self.lang, Key::SayReset).to_string());
            }
            Op::ForgetSolved => self.solved.clear(),
            Op::Answer {
                lesson,
                question,
                choice,
            } => {
                if let Some(q) = lesson.quiz().get(question).filter(|_| choice < 3) {
                    let code = lesson.question_code(question);
                    if !self.first_answers.iter().any(|(q, _)| *q == code) {
                        self.first_answers.push((code.clone(), choice));
                    }
                    self.answers.retain(|(q, _)| *q != code);
                    self.answers.push((code, choice));
                    // the verdict appears under the question; a screen reader hears it here
                    // then the score, which the quiz's heading shows
                    let score = self.quiz_score(lesson);
                    self.announcement.say(crate::i18n::sentences(&[
                        t(self.lang, q.verdict(choice)),
                        &q.because_text(self.lang, choice),
                        &score,
                    ]));
                }
            }
            Op::ForgetProgress => {
                self.steps_done
                    .retain(|s| !s.starts_with(&format!("{}.", self.lesson.code())));
                let prefix = format!("{}.q", self.lesson.code());
                self.answers.retain(|(q, _)| !q.starts_with(&prefix));
                self.first_answers.retain(|(q, _)| !q.starts_with(&prefix));
            }
            Op::TryOption(path, value) => {
                let mut config = self.lab.config.clone();
                if path == crate::model::lessons::TRUST_PROXY_SETTING {
                    // Express's own setting, beside the session's options: the deployment's
                    let Some(trust) = crate::engine::lab::TrustProxy::from_json(&value) else {
                        return Outcome::default();
                    };
                    config.deploy.trust_proxy = trust;
                } else {
                    crate::engine::session::set_option_at(&mut config.overrides, &path, value);
                }
                return self.act(Action::Configure(config));
            }
            Op::ScenarioFileFailed { file, problem } => {
                self.scenario_problem = Some(NoticeMsg::ScenarioFile { file, problem });
            }
            Op::LoadScenario(text) => {
                // the challenge open is kept for the scenario's Close (and put back if the file
                // does not load)
                let from_place = self.scenario.is_none();
                let open = self.challenge.take().filter(|_| from_place);
                let (lesson, variant, now) = (self.lesson, self.variant, self.lab.now);
                match self.load_scenario(&text) {
                    Ok(()) => {
                        self.panel = None;
                        // from a lesson: Close goes back there (it stayed in the lesson whose
                        // app the scenario ran: lesson 3's, opened from lesson 4; review); from
                        // a challenge, to the challenge as it was (it went to the scenario's
                        // lesson, and then started the challenge from nothing)
                        if from_place {
                            self.clock_before_scenario = Some(now);
                            self.before_scenario = Some(match open {
                                Some(c) => Before::Challenge(c, variant),
                                None => Before::Lesson(lesson, variant),
                            });
                        }
                    }
                    Err(problem) => {
                        self.challenge = open;
                        self.scenario_problem = Some(problem);
                    }
                }
            }

            Op::SetTab(p) => {
                // on a phone the echo has been read once the learner moves to another tab,
                // and there it covered the next step's controls (lesson 3's options, under
                // "Step 3 of 5 done", until closed by hand)
                if self.tab != p {
                    self.echo = None;
                }
                self.tab = p;
                self.news.retain(|&n| n != p);
            }
            Op::PickStep(name) => {
                let next = self.next_step().map(|s| s.name);
                self.picked = name.map(|name| Picked {
                    next,
                    name,
                    was_done: (self.lesson.step(name))
                        .is_some_and(|s| self.step_done(self.lesson, s)),
                });
            }
            Op::ShowTimelineView(v) => self.timeline_view = Some(v),
            Op::ToggleDecoded => self.decoded = !self.decoded,
            Op::SayLoaded => {
                // lesson 5's reload: what it kept, then the step (after F5 the page was
                // silent, its Last request bar empty and its timeline started afresh), or
                // the session cookie it lost (the jar came back empty without a word)
                let ticked = std::mem::take(&mut self.loaded_steps);
                let lost = self.loaded_lost.take();
                if !ticked.is_empty() {
                    self.reloaded = Some((self.place, Key::SayReloadKept));
                } else if let Some(key) = lost {
                    self.reloaded = Some((self.place, key));
                }
                // a learner quicker than the timer has heard their own action: it stays
                if (!ticked.is_empty() || lost.is_some()) && self.announcement.n == self.loaded_n {
                    let mut said = self.reload_text().unwrap_or_default();
                    crate::i18n::push_sentence(
                        &mut said,
                        &self.steps_echoed(&ticked).text(self.lang),
                    );
                    self.announcement.say(said);
                }
            }
            Op::SayCopied => self
                .announcement
                .say(t(self.lang, Key::CopiedSaid).to_string()),
            Op::SayExported(n) => self.announcement.say(fill(
                t(self.lang, Key::JarExportedSaid),
                &[("n", &n.to_string())],
            )),
            Op::DismissNotice(id) => self.notices.dismiss(id),
            Op::DismissEcho => self.echo = None,
            Op::DismissAllNotices => self.notices.clear(),
            Op::ToggleNotices => self.notices.toggle_all(),
            Op::ClearLog => {
                let now = self.snapshot(Vec::new());
                self.timeline.clear_log(Some(now));
                self.announcement
                    .say(t(self.lang, Key::SayLogCleared).to_string());
            }
            Op::TravelTo(id) => {
                if self.can_travel() && self.timeline.position(id).is_some() {
                    self.travel = Some(id);
                    // the banner appears in the jar pane, on a phone in another tab: say it
                    if let Some(past) = self.past() {
                        let (title, changes) = travel::banner_text(self.lang, &past);
                        self.announcement
                            .say(crate::i18n::sentences(&[title, changes]));
                    }
                }
            }
            Op::BackToNow => {
                if self.travel.take().is_some() {
                    self.announcement
                        .say(t(self.lang, Key::TravelNowSaid).to_string());
                }
            }
            Op::Inspector(op) => self.inspect(op),
            Op::Configure(overrides) => {
                let mut config = self.lab.config.clone();
                config.overrides = overrides;
                let before = self.lab.server.options.source.clone();
                return self.restart_with(config, |wb| {
                    let changed = crate::model::options_form::changed_fields(
                        &before,
                        &wb.lab.server.options.source,
                    );
                    announce::options_applied(wb.lang, &changed, wb.hide_secret)
                });
            }
            Op::Deploy(deploy) => {
                let mut config = self.lab.config.clone();
                let scheme_changed = config.deploy.tls_proxy != deploy.tls_proxy;
                // what changed, in the form's words: a screen reader heard only that it was
                // applied
                let changes = deploy.changes(&config.deploy);
                config.deploy = deploy;
                let done = self.restart_with(config, |wb| {
                    announce::deploy_applied(wb.lang, &changes, &wb.lab.config.deploy)
                });
                if scheme_changed {
                    // the proxy moves the app's origin between http and https
                    self.address = self.lab.home_url();
                }
                return done;
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
                self.apply_fragment(f, ignored, false);
            }
            Op::TogglePanel(p) => {
                self.panel = if self.panel == Some(p) { None } else { Some(p) };
            }
            Op::LeavePanel(p) => {
                if self.panel == Some(p) {
                    self.panel = None;
                    let name = t(self.lang, p.title());
                    self.announcement
                        .say(fill(t(self.lang, Key::SayPanelClosed), &[("panel", name)]));
                }
            }

            Op::ScenarioStep => {
                self.scenario_step();
            }
            Op::ScenarioPlayAll => while self.scenario_step() {},
            Op::ScenarioAutoplay(on) => {
                // Play plays its first step at once and the timer the rest: the first came
                // 2.5 s after the press, only the button's word changing meanwhile, and the
                // reviewer took Play for broken (dark theme review)
                if on {
                    self.scenario_step();
                }
                if let Some(run) = self.scenario.as_mut() {
                    run.playing = on && run.played() < run.steps.len();
                }
            }
            Op::ScenarioTick => {
                if self.scenario.as_ref().is_some_and(|r| r.playing) {
                    self.scenario_step();
                    if let Some(run) = self.scenario.as_mut() {
                        run.playing = run.played() < run.steps.len();
                    }
                }
            }
            Op::ScenarioBack => self.scenario_back(),
            Op::RecordStart => {
                self.record_start();
                // heard, as the panel closes and the focus goes to Stop
                self.announcement
                    .say(t(self.lang, Key::SayRecordingStarted).to_string());
            }
            Op::RecordStop => {
                self.record_stop_because(record::RecordEnd::Stopped);
                let said = match self.recorded_steps() {
                    0 => t(self.lang, Key::RecordedNothing).to_string(),
                    n => fill(
                        t(self.lang, Key::SayRecordingStopped),
                        &[("n", &n.to_string())],
                    ),
                };
                self.announcement.say(said);
            }
            Op::LeaveScenario => match self.before_scenario.take() {
                Some(Before::Challenge(open, variant)) => self.resume_challenge(open, variant),
                before => {
                    let (lesson, variant) = match before {
                        Some(Before::Lesson(l, v)) => (l, v),
                        _ => (self.lesson, self.variant),
                    };
                    self.start_lesson(lesson, variant);
                    // said, as leaving a challenge is (the live region was empty)
                    self.say_back_to_lesson();
                }
            },
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

    /// Says that the lab is back in its lesson, as it now stands, afresh.
    fn say_back_to_lesson(&mut self) {
        self.announcement.say(fill(
            t(self.lang, Key::SayBackToLesson),
            &[
                ("lesson", t(self.lang, self.lesson.texts().0)),
                ("variant", t(self.lang, self.variant.label())),
            ],
        ));
    }

    /// Starts the challenge, scenario or lesson again.
    fn reset(&mut self) {
        match (self.challenge_id(), self.scenario.as_ref()) {
            (Some(id), _) => self.start_challenge(id),
            (None, Some(run)) => {
                let text = run.text.clone();
                if let Err(problem) = self.load_scenario(&text) {
                    self.notices.push(problem);
                }
            }
            (None, None) => self.start_lesson(self.lesson, self.variant),
        }
    }

    /// Runs an engine action, lets the open challenge look at it, and records it.
    fn act(&mut self, action: Action) -> Outcome {
        self.act_all([action])
    }

    /// Sessions a MemoryStore holds past their expiry (it keeps them, marked in the store
    /// table, until a request reads one); 0 for the stores that sweep.
    fn expired_held(&self) -> usize {
        self.expired_held_at(self.lab.now)
    }

    /// The sessions a MemoryStore holds that expired after `at` (the last request's time):
    /// none without scanning while the clock has not moved past it, as after most requests
    /// (the bar asks on every render, and the store may hold 100,000 sessions).
    pub(super) fn expired_held_since(&self, at: crate::engine::clock::Millis) -> usize {
        if self.lab.now <= at {
            return 0;
        }
        (self.expired_held()).saturating_sub(self.expired_held_at(at))
    }

    /// [`Workbench::expired_held`] as of `at`: the sessions it holds now whose expiry had
    /// passed by then.
    fn expired_held_at(&self, at: crate::engine::clock::Millis) -> usize {
        let store = &self.lab.server.store;
        if store.kind() == crate::engine::session::StoreKind::Memory {
            store.expired_held(at)
        } else {
            0
        }
    }

    /// Runs engine actions one after another as one action of the learner's (requests sent
    /// at once, then the wait for their answers): one outcome, observed, recorded and said
    /// once (said twice, the second had replaced the first answers in the live region).
    fn act_all(&mut self, actions: impl IntoIterator<Item = Action>) -> Outcome {
        let actions: Vec<Action> = actions.into_iter().collect();
        // a raw request's refused URL is said at its form, not at the address bar, which
        // never held it (the attacker's bar said it, scrolled out of its pane at 1280x720)
        let raw = actions.iter().any(
            |a| matches!(a, Action::Navigate(n) if n.cause == crate::engine::events::Cause::Raw),
        );
        self.notices.acted();
        // a MemoryStore's sessions expire where nothing is said (lesson 3's last step, whose
        // +1 min was heard only as the jar dropping its cookie)
        let advancing = actions.iter().any(|a| matches!(a, Action::Advance(_)));
        let held_before = if advancing { self.expired_held() } else { 0 };
        // the jars as they were, to say which cookies the request changed
        let before = [BrowserId::Victim, BrowserId::Attacker]
            .map(|b| self.lab.browser(b).jar.cookies().to_vec());
        self.lab.attacker_site = self.attacker_site();
        // a flight that starts with nothing in the air starts the flight's log afresh
        let fresh = self.lab.flight.is_empty();
        let mut outcome = Outcome::default();
        for action in actions {
            let o = self.lab.apply(action);
            outcome.events.extend(o.events);
            outcome.exchanges.extend(o.exchanges);
            outcome.flight.extend(o.flight);
        }
        self.last_import = None;
        self.timeline.add_flight(&outcome.flight, fresh);
        let refused = outcome.events.iter().find_map(|e| match e {
            Event::Refused(r) => Some(EditError::Invalid(*r)),
            _ => None,
        });
        match refused {
            Some(p) => self.refuse_jar_edit(p),
            None => self.jar_problem = None,
        }
        self.nav_problem = outcome.events.iter().find_map(|e| match e {
            Event::NavigationFailed {
                browser,
                url,
                reason,
            } => Some(NavProblem {
                browser: *browser,
                url: url.clone(),
                reason: reason.clone(),
                raw,
            }),
            _ => None,
        });
        let since = self.announcement.n;
        let observed = self
            .challenge
            .as_mut()
            .map(|c| (c.id, c.progress.observe(&self.lab, &outcome)));
        let mut ticked = Vec::new();
        // a step done in parts that this request took a part further (said after what the
        // request did, as the card's line says it)
        let mut further = None;
        if self.challenge.is_none() && self.scenario.is_none() {
            let parts = |wb: &Self| {
                (wb.lesson.steps().iter())
                    .filter_map(|st| wb.step_progress(st))
                    .collect::<Vec<_>>()
            };
            let before_parts = parts(self);
            let done = self.watch.observe(self.lesson, &self.lab, &outcome);
            ticked = self.tick_steps(done);
            further = parts(self).into_iter().find(|p| !before_parts.contains(p));
        }
        if !outcome.exchanges.is_empty() || !ticked.is_empty() {
            self.ticked_last = ticked.clone();
        }
        if self.hide_secret {
            // the challenge has seen the real MACs; the page shows none
            jar::hide_expected_macs(&mut outcome.events);
            for x in &mut outcome.exchanges {
                jar::hide_expected_macs(&mut x.events);
            }
        }
        self.absorb(outcome.clone(), &before);
        if advancing {
            let newly = self.expired_held().saturating_sub(held_before);
            if newly > 0 {
                // the store's rows now say "expired"
                self.mark_news(Pane::Server);
                let said = fill(
                    t(self.lang, Key::SayStoreExpired),
                    &[("n", &newly.to_string())],
                );
                self.announcement.add(since, &said);
            }
        }
        // after what the request did, what it completed: a step, a stage, a solve. The echo
        // stays until one replaces it (told to press ⟳ a few times, a learner saw it only
        // flash), unless the card no longer says what it repeats (an old failure gone)
        if let Some(Echo {
            what: Echoed::Challenge(_, obs),
            ..
        }) = &self.echo
        {
            let on_card = self.challenge.as_ref().and_then(|c| c.progress.why);
            if obs.said.is_some() && obs.said != on_card {
                self.echo = None;
            }
        }
        if !ticked.is_empty() {
            let steps = self.steps_echoed(&ticked);
            steps.said(self.lang).around(&mut self.announcement, since);
            self.echo_with(steps);
        }
        if let Some(p) = further {
            self.announcement.add(since, &p);
        }
        if let Some((id, obs)) = observed {
            self.challenge_said(id, &obs, since);
        }
        outcome
    }

    /// A navigation a page started (a link or a form): relative to the page, and with the
    /// page as its initiator, for SameSite.
    fn open_from_page(
        &mut self,
        b: BrowserId,
        href: String,
        cause: Cause,
        method: &str,
    ) -> Outcome {
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

    /// Marks `pane`'s tab as having news, unless it is the tab shown.
    fn mark_news(&mut self, pane: Pane) {
        if self.tab() != pane && !self.news.contains(&pane) {
            self.news.push(pane);
        }
    }

    /// Records an outcome: the timeline, the highlighted lines, the touched rows, the
    /// announcement, and the address bar.
    fn absorb(&mut self, outcome: Outcome, jars_before: &[Vec<Cookie>; 2]) {
        let since = self.announcement.n;
        let requests = !outcome.exchanges.is_empty();
        // the state after each request; any older ones are from requests never logged
        let hops = self.recorder.borrow_mut().hops();
        let unlogged = hops.len().saturating_sub(outcome.exchanges.len());
        let mut hops = hops.into_iter().skip(unlogged);
        let (first, mut following) = place_notes(&outcome);
        // the store was called, swept or emptied by a restart: the server's pane shows it
        let store_news = outcome.exchanges.iter().any(|x| !x.store_calls.is_empty())
            || outcome
                .events
                .iter()
                .any(|e| matches!(e, Event::ServerStarted { .. } | Event::StoreSwept { .. }));
        if store_news {
            self.mark_news(Pane::Server);
        }
        if requests || !first.is_empty() {
            self.mark_news(Pane::Timeline);
        }
        if !first.is_empty() {
            let before = self.timeline.entries().last().map(|e| e.after.clone());
            let after = match before.or_else(|| self.timeline.base().cloned()) {
                // a navigation's own notes (an address that failed) come before its requests
                // and change nothing
                Some(s) if !outcome.exchanges.is_empty() => s,
                _ => self.snapshot(travel::touched_ids(&first)),
            };
            self.timeline.note(first, self.lab.now, after);
        }
        // a restart with other options shows other code (a `cookie: {…}` block moves the lines
        // below it): the last request's lines are found again in it, or it highlighted
        // comments where its statements had been
        let restarted = outcome
            .events
            .iter()
            .any(|e| matches!(e, Event::ServerStarted { .. }));
        if restarted && outcome.exchanges.is_empty() {
            let source = self.lab.server.source();
            self.ran_lines = self
                .timeline
                .entries()
                .iter()
                .rev()
                .find_map(|e| e.exchange.as_ref())
                .map(|x| timeline::ran_lines(x, &source))
                .unwrap_or_default();
        }
        if let Some(last) = outcome.exchanges.last() {
            self.changed_lines.clear();
            self.ran_lines = timeline::ran_lines(last, &self.lab.server.source());
            self.touched = timeline::touched(last);
            let url = last.url.to_string();
            match last.browser {
                BrowserId::Victim => self.address = url,
                BrowserId::Attacker => self.attacker_address = url,
            }
            let who = last.browser;
            // the jar pane follows the browser that just went somewhere, as each browser's
            // DevTools shows its own jar: in hijack it stayed on the attacker's tab (where
            // "Put in the attacker's jar" had turned it) through the stages about the
            // victim's cookie (review)
            if self.attacker {
                self.jar_view = who;
            }
            let before = &jars_before[who as usize];
            let after = self.lab.browser(who).jar.cookies();
            self.announcement.say(announce::navigation(
                self.lang,
                &outcome.exchanges,
                before,
                after,
                |x| verdict::request_remarks(self.lang, x, &self.lab),
            ));
        } else {
            // every line an action without requests wrote (a hand edit, then the jar dropping
            // the cookie it made expire), as the log lists them
            let lines: Vec<String> = outcome
                .events
                .iter()
                .filter_map(|e| {
                    let (mut text, _) = explain(self.lang, e)?;
                    // a long value cut to its start for the ear: where it changed, if the cut
                    // hides it (before the sentence's full stop)
                    let at = self
                        .value_before(e, jars_before)
                        .and_then(|(was, now)| announce::value_change(self.lang, &was, now));
                    if let Some(at) = at {
                        let gap = if self.lang == Lang::Zh { "" } else { " " };
                        text = format!("{text}{gap}{at}");
                    }
                    Some(announce::as_sentence(self.lang, &text))
                })
                .collect();
            if let Some(name) = self.last_plant() {
                // the attacker's plant button: said as the line under the attacker's jar says it
                self.announcement
                    .say(fill(t(self.lang, Key::PlantedInVictim), &[("name", name)]));
            } else if !lines.is_empty() {
                self.announcement
                    .say(announce::shorten_ids(&crate::i18n::sentences(&lines)));
            }
        }
        // each new batch sent at once shows its interleaving, whatever was picked before
        if outcome.exchanges.iter().any(|x| x.flight.is_some()) {
            self.timeline_view = None;
        }
        for (x, notes) in outcome.exchanges.into_iter().zip(following.iter_mut()) {
            let quota = x
                .events
                .iter()
                .any(|e| matches!(e, Event::ServerError { message } if message.contains("Quota")));
            let after = match hops.next() {
                Some(s) => s,
                None => self.snapshot(travel::touched_ids(&x.events)),
            };
            // a redirect's note comes with the response that carried it
            let at = x.answered;
            self.timeline.request(x, after.clone());
            if !notes.is_empty() {
                self.timeline.note(std::mem::take(notes), at, after);
            }
            if quota {
                self.notices.push(NoticeMsg::Quota);
            }
        }
        // after the navigation's words (which say a withheld cookie and an error with their
        // requests), what the banner adds about the batch: a write another request undid
        if let Some(last) = self.last_request().filter(|_| requests) {
            for remark in verdict::race_remarks(self.lang, &last) {
                self.announcement
                    .add(since, &announce::shorten_ids(&remark));
            }
            // and the banner's "⚠ This ran with the server's old options…": a screen-reader
            // learner who forgot Apply heard the response and no reason why the change made
            // no difference (review)
            for form in self.ran_with_pending() {
                self.announcement
                    .add(since, t(self.lang, form.pending_bar_key()));
            }
        }
    }

    /// Restarts the server with `config` (an apply of the options or the deployment): the
    /// code marks the lines the new code has, and once the server started the live region
    /// leads with what the apply changed (`applied`, from the lab after it): the form's
    /// "✓ Applied" is in view, and a screen reader had heard only the restart's counts.
    fn restart_with(
        &mut self,
        config: crate::engine::lab::LabConfig,
        applied: impl FnOnce(&Self) -> String,
    ) -> Outcome {
        let (since, code) = (self.announcement.n, self.lab.server.source());
        let done = self.act(Action::Configure(config));
        self.changed_lines = timeline::new_lines(&code, &self.lab.server.source());
        let started = (done.events.iter()).any(|e| matches!(e, Event::ServerStarted { .. }));
        if started {
            let said = applied(self);
            self.announcement.lead(since, &said);
        }
        done
    }

    /// For a hand edit of a cookie's Value: its value before (from the jar as it was) and
    /// after.
    fn value_before<'a>(
        &self,
        e: &'a Event,
        jars_before: &[Vec<Cookie>; 2],
    ) -> Option<(String, &'a str)> {
        use crate::engine::events::HandEdit;
        use crate::engine::jar::Field;
        let Event::JarEdited {
            browser,
            edit:
                HandEdit::Changed {
                    columns,
                    was,
                    after,
                },
            ..
        } = e
        else {
            return None;
        };
        if !columns.contains(&Field::Value) {
            return None;
        }
        // an edit changes one column: a Value edit keeps the name, domain and path
        let old = jars_before[*browser as usize]
            .iter()
            .find(|c| c.key() == (was.as_str(), &after.domain, &after.path))?;
        Some((old.value.clone(), after.value.as_str()))
    }

    /// "Step 4 of 6 done. Next: …" for steps just ticked, by name; the step the card shows
    /// next, as it shows it (a step a chip picked, which the live region had passed over for
    /// the next one: the card said "Step 3:", the ear "Next:" and step 2; review).
    fn steps_echoed(&self, ticked: &[&str]) -> Echoed {
        let steps = self.lesson.steps();
        let done: Vec<usize> = (1..=steps.len())
            .filter(|&n| ticked.contains(&steps[n - 1].name))
            .collect();
        let is_done = |s: &crate::model::lessons::Step| self.step_done(self.lesson, s);
        let count = steps.iter().filter(|s| is_done(s)).count();
        // in order: the steps done are the lesson's first ones, the one ticked last of them
        // ("Step 3 of 7 done" with step 4 done before it had read as three done; review)
        let in_order = steps[..count].iter().all(is_done) && done.last() == Some(&count);
        let count = (!in_order).then_some(count);
        // the step the card shows: a chip's, by its number, else the next
        let next = match self.picked_step() {
            Some(p) => {
                let n = steps.iter().position(|s| s.name == p.name).map(|i| i + 1);
                Some((n, p.text))
            }
            None => self.next_step().map(|s| (None, s.text)),
        };
        Echoed::Steps {
            done,
            count,
            total: steps.len(),
            next,
        }
    }

    /// Makes `what` the card's echo.
    fn echo_with(&mut self, what: Echoed) {
        self.echoes += 1;
        self.echo = Some(Echo {
            n: self.echoes,
            what,
        });
    }

    /// Records lesson steps as done (once each); the ones new to the list.
    fn tick_steps(&mut self, names: Vec<&'static str>) -> Vec<&'static str> {
        let mut new = Vec::new();
        for name in names {
            let code = format!("{}.{name}", self.lesson.code());
            if !self.steps_done.contains(&code) && self.steps_done.len() < 200 {
                self.steps_done.push(code);
                new.push(name);
            }
        }
        new
    }

    /// Says what an action did in the open challenge (after what its request did, numbered
    /// `since` before it), and marks a solve.
    fn challenge_said(&mut self, id: ChallengeId, obs: &Observation, since: u64) {
        if let Some(what) = Echoed::challenge(id, obs) {
            what.said(self.lang).around(&mut self.announcement, since);
            self.echo_with(what);
        }
        if obs.solved {
            self.mark_solved(id);
        }
    }

    fn mark_solved(&mut self, id: ChallengeId) {
        if !self.solved.iter().any(|s| s == id.code()) {
            self.solved.push(id.code().to_string());
        }
        self.post(Outgoing::Solved(id));
    }
}

/// Where an outcome's own notes go in the timeline: a redirect right after the request that
/// answered with it (the k-th redirect a browser followed after its k-th redirecting
/// response; it had been logged before the request), giving up on redirects after that
/// browser's last request, and the rest (an address that failed) first. Returns the notes
/// that come first, and those after each exchange.
fn place_notes(outcome: &Outcome) -> (Vec<Event>, Vec<Vec<Event>>) {
    let xs = &outcome.exchanges;
    let mut first = Vec::new();
    let mut after = vec![Vec::new(); xs.len()];
    let mut used = vec![false; xs.len()];
    for e in &outcome.events {
        let slot = match e {
            Event::Redirected { browser, .. } => (0..xs.len())
                .find(|&i| {
                    !used[i]
                        && xs[i].browser == *browser
                        && crate::engine::browser::is_redirect(xs[i].response.status)
                })
                .inspect(|&i| used[i] = true),
            Event::TooManyRedirects { browser, .. } => {
                (0..xs.len()).rev().find(|&i| xs[i].browser == *browser)
            }
            _ => None,
        };
        match slot {
            Some(i) => after[i].push(e.clone()),
            None => first.push(e.clone()),
        }
    }
    (first, after)
}
