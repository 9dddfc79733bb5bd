//! What the page reads off the model. Everything here is a view: the only way to change the
//! model is [`Workbench::apply`].

use super::notices::{NoticeMsg, Notices};
use super::op::{OpenChallenge, Pane, ScenarioRun, ToolPanel};
use super::saving::StorageStatus;
use super::timeline::{Timeline, Touch};
use super::{Announcement, Echo, Workbench};
use crate::engine::events::{BrowserId, Event};
use crate::engine::jar::EditError;
use crate::engine::lab::Lab;
use crate::engine::url::UrlError;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::challenges::ChallengeId;
use crate::model::explain::Tone;
use crate::model::lessons::{LessonId, Variant};
use crate::model::persist::Theme;

/// An address a browser could not open, and why: said under the address bar that was
/// used, or under the raw request's form when it was the one that sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct NavProblem {
    /// The browser that tried.
    pub browser: BrowserId,
    /// What was asked for.
    pub url: String,
    /// Why the URL was refused.
    pub reason: UrlError,
    /// Sent by the attacker's raw request, not typed in an address bar.
    pub raw: bool,
}

/// A read or write of `document.cookie` by the XSS tool's script
/// ([`Workbench::last_script_read`], [`Workbench::last_script_write`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptRead {
    /// The timeline entry that logs it (reads at the same virtual time are told apart).
    pub entry: u64,
    /// When.
    pub at: crate::engine::clock::Millis,
    /// What it returned, in the timeline's words.
    pub text: String,
    /// A read: bad when it returned a cookie, good when HttpOnly left it nothing; a write:
    /// good when the jar refused it, a warning when it took it.
    pub tone: Tone,
}

impl Workbench {
    /// The engine: browsers, server, store and clock.
    pub fn lab(&self) -> &Lab {
        &self.lab
    }
    /// What the timeline pane lists: requests and other events, oldest first.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }
    /// The newest read of `document.cookie` by a script on the learner's browser's page (the
    /// XSS tool), in the timeline's words, with its time and tone. The tool says it under
    /// its button: after HttpOnly, a read that came back empty showed only at the foot of
    /// the timeline, below the fold, while the tools kept the cookie the last read stole
    /// ("✓ In the attacker's jar now"), as if the attack had worked again.
    pub fn last_script_read(&self) -> Option<ScriptRead> {
        self.last_script(false)
    }
    /// The newest write of `document.cookie` by the XSS tool's script, as
    /// [`Workbench::last_script_read`]: what the jar did with it, said under the tool's Run
    /// (a write with no page to run on, or one the jar refused for HttpOnly, was said only in
    /// the timeline, and a learner planting an id in fixation saw nothing happen).
    pub fn last_script_write(&self) -> Option<ScriptRead> {
        self.last_script(true)
    }
    fn last_script(&self, writes: bool) -> Option<ScriptRead> {
        let victim = BrowserId::Victim;
        self.timeline.entries().iter().rev().find_map(|e| {
            let events = e
                .events
                .iter()
                .chain(e.exchange.iter().flat_map(|x| &x.events));
            let mut runs = events.filter(|ev| match ev {
                Event::ScriptReadCookies { browser, .. } => !writes && *browser == victim,
                Event::ScriptWroteCookie { browser, .. } => writes && *browser == victim,
                Event::ScriptNoPage { browser, writes: w } => *w == writes && *browser == victim,
                _ => false,
            });
            let (text, tone) = super::explain(self.lang, runs.next_back()?)?;
            Some(ScriptRead {
                entry: e.id,
                at: e.at,
                text,
                tone,
            })
        })
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
    /// Whether a challenge hides the server's secret (it asks the learner to recover it).
    pub fn secret_hidden(&self) -> bool {
        self.hide_secret
    }
    /// The open challenge, if any.
    pub fn challenge(&self) -> Option<&OpenChallenge> {
        self.challenge.as_ref()
    }
    /// Whether the store's table is what the page is about now, so that its box keeps its
    /// heads and a session's row before the code keeps its lines: in a challenge (the hints
    /// point at the table), in lesson 5 (each of its steps' results is a stored document:
    /// after step 4's reload, at 1280x720, the box showed the heads and no row under "the
    /// document is still there"), or at a step whose result only the table shows.
    pub fn store_first(&self) -> bool {
        use crate::model::lessons::Evidence;
        let evidence = self.shown_step().map_or(&[][..], |s| s.evidence);
        // (not at lesson 5's flicker, whose result only the timeline shows: it keeps its room;
        // nor while the timeline has the room, one owner of the layout: just after lesson 5's
        // shared-holds ticked the page had both classes, and the store's won)
        if self.timeline_first() || self.timeline_after() {
            return false;
        }
        self.challenge.is_some()
            || (self.scenario.is_none()
                && self.lesson == LessonId::Store
                && evidence != [Evidence::Timeline])
            || evidence.contains(&Evidence::Store)
    }
    /// The challenge Leave just closed, which the lesson card offers to open again as it was
    /// (until the next place: another lesson, variant, reset or challenge).
    pub fn left_challenge(&self) -> Option<&OpenChallenge> {
        self.left.as_ref().map(|(c, _)| c)
    }
    /// Which challenge is open, if any.
    pub fn challenge_id(&self) -> Option<ChallengeId> {
        self.challenge.as_ref().map(|c| c.id)
    }
    /// Whether a challenge has ever been solved here.
    pub fn is_solved(&self, id: ChallengeId) -> bool {
        self.solved.iter().any(|s| s == id.code())
    }
    /// Once the open challenge is solved, the one its card offers next: the first after it in
    /// the page's order not solved yet, round to the start; none when every one is solved (a
    /// solved card had only "Start again" and "Leave", and a learner had to find the picker).
    pub fn next_challenge(&self) -> Option<ChallengeId> {
        let open = self.challenge.as_ref().filter(|c| c.progress.solved())?.id;
        let at = ChallengeId::ALL.iter().position(|&c| c == open)?;
        let n = ChallengeId::ALL.len();
        (1..n)
            .map(|k| ChallengeId::ALL[(at + k) % n])
            .find(|&c| !self.is_solved(c))
    }
    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }
    /// The colour theme.
    pub fn theme(&self) -> Theme {
        self.theme
    }
    /// Whether a bare `?` opens the shortcuts.
    pub fn question_key(&self) -> bool {
        self.question_key
    }
    /// Whether cookie values are shown URL-decoded.
    pub fn decoded(&self) -> bool {
        self.decoded
    }
    /// Whether the page is embedded in another (`#embed=1`).
    pub fn embed(&self) -> bool {
        self.embed
    }
    /// Whether "State after" has somewhere to show the past: the jar or the store (the server
    /// pane) is shown. An embed of the browser and the timeline said it showed the state
    /// after a step, and nothing on it changed (embed review).
    pub fn can_travel(&self) -> bool {
        let shown = self.shown_panes();
        shown.contains(&Pane::Jar) || shown.contains(&Pane::Server)
    }
    /// The panes shown, in order (an embed may show a subset).
    pub fn shown_panes(&self) -> Vec<Pane> {
        if self.embed && !self.panes.is_empty() {
            self.panes.clone()
        } else {
            Pane::ALL.to_vec()
        }
    }
    /// The variants the learner can switch between: the lesson's, or those the open
    /// challenge's card offers.
    pub fn variants(&self) -> &'static [Variant] {
        match &self.challenge {
            Some(open) => open.id.spec().variants,
            None => self.lesson.variants(),
        }
    }
    /// What the timeline shows where it has room for one view: the learner's pick since the
    /// last batch sent at once, else the log, or the interleaving when the newest request was
    /// one of such a batch.
    pub fn timeline_view(&self) -> super::TimelineView {
        self.timeline_view.unwrap_or_else(|| {
            if self.timeline.newest_in_flight() {
                super::TimelineView::Diagram
            } else {
                super::TimelineView::Log
            }
        })
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
    /// What the last request's bar says before the learner's first request: in a challenge
    /// whose setup made requests (hijack's victim already on /user), that those are in the
    /// timeline's "Before you arrived"; "No request yet" beside a page the setup had opened
    /// read as a glitch (en phone reviewer).
    pub fn no_request_key(&self) -> Key {
        if self
            .challenge_id()
            .is_some_and(|id| !id.before().is_empty())
        {
            Key::BannerNoRequestSetUp
        } else if self.reload_text().is_some() {
            // under "After the reload, connect.sid is still in the jar": "No request yet"
            // read as if the lab had forgotten the requests before (newcomer review)
            Key::BannerNoRequestReloaded
        } else {
            Key::BannerNoRequest
        }
    }
    /// "Now: Signed cookie. The lab starts afresh.", while the place a switch of variant
    /// started lasts (the live region said it; the bar shows it above "No request yet").
    pub fn variant_started_text(&self) -> Option<String> {
        (self.variant_started == Some(self.place)).then(|| {
            fill(
                t(self.lang, Key::SayVariantStarted),
                &[("variant", t(self.lang, self.variant.label()))],
            )
        })
    }
    /// What a page reload kept, where it ticked the lesson's step (lesson 5's step 4), or the
    /// session cookie it lost and how to get a new one, until the next place; the bar shows
    /// it until the first request.
    pub fn reload_text(&self) -> Option<String> {
        let (place, key) = self.reloaded?;
        (place == self.place).then(|| {
            fill(
                t(self.lang, key),
                &[
                    ("name", self.lab.server.cookie_name()),
                    ("home", &self.lab.home_url()),
                ],
            )
        })
    }
    /// What the latest request that ticked or explained something on the card did, until
    /// another does, the learner closes it, the place changes or the card no longer says it
    /// (the page shows it while the card is out of sight).
    pub fn echo(&self) -> Option<&Echo> {
        self.echo.as_ref()
    }
    /// The pane that shows what the steps the echo says are done did, when the learner is on
    /// another tab: on a phone lesson 2's step 2 ("the notebook's balance goes to 90, then
    /// 80") ticked in the browser's tab, the notebook in the server's, and only a dot on its
    /// tab said so (lessons 1-3 review). The newest step with a place of its own decides.
    pub fn echo_seen_in(&self) -> Option<Pane> {
        let Some(super::Echoed::Steps { done, .. }) = self.echo.as_ref().map(|e| &e.what) else {
            return None;
        };
        let steps = self.lesson.steps();
        let pane = done
            .iter()
            .rev()
            .filter_map(|n| steps.get(n.checked_sub(1)?))
            .find_map(|s| s.evidence.first())?
            .pane();
        (pane != self.tab() && self.shown_panes().contains(&pane)).then_some(pane)
    }
    /// Whether `pane` changed since its tab was last opened (its tab shows a dot).
    pub fn has_news(&self, pane: Pane) -> bool {
        self.news.contains(&pane)
    }
    /// The origins an embed accepts messages from (`#allow=`).
    pub fn allow(&self) -> &[String] {
        &self.allow
    }
    /// The header panel open, if any.
    pub fn panel(&self) -> Option<ToolPanel> {
        self.panel
    }
    /// Whether a server form holds changes not applied
    /// ([`Op::FormPending`](super::Op::FormPending)).
    pub fn form_pending(&self, form: super::ServerForm) -> bool {
        self.pending[form as usize].is_some()
    }
    /// The forms that held changes not applied when the last request was made: it ran the
    /// server as it was, which the bar says (not while the learner is still editing: the line
    /// would take the form's room at 1280x720).
    pub fn ran_with_pending(&self) -> Vec<super::ServerForm> {
        let last = self.timeline.last_request().map(|e| e.id);
        super::ServerForm::ALL
            .into_iter()
            .filter(|f| {
                self.pending[*f as usize].is_some_and(|from| last.is_some_and(|id| id > from))
            })
            .collect()
    }
    /// Whether the attacker's browser and tools are shown.
    pub fn attacker(&self) -> bool {
        self.attacker
    }
    /// A browser's window's name: the learner's own is "playing the victim" in the challenges
    /// whose goals speak of the victim (hijack, fixation, CSRF).
    pub fn window_name(&self, b: BrowserId) -> &'static str {
        if b == BrowserId::Victim && self.challenge_id().is_some_and(|c| c.plays_victim()) {
            t(self.lang, Key::BrowserPlaysVictim)
        } else {
            crate::model::explain::browser_name(self.lang, b)
        }
    }
    /// Whether the attacker's site (`http://evil.example/`) answers: in the CSRF challenge,
    /// and whenever the attacker is shown. Anything else but the lesson's app cannot connect.
    pub fn attacker_site(&self) -> bool {
        self.attacker || self.challenge_id().is_some_and(|c| c.uses_attacker_site())
    }
    /// Whether the victim's inbox, with the attacker's prize email, is shown: wherever the
    /// attacker's site answers, except in the challenges that do not use it (there the email
    /// only distracts from the attack asked for).
    pub fn inbox(&self) -> bool {
        self.attacker_site() && self.challenge_id().is_none_or(|c| c.uses_attacker_site())
    }
    /// Whether the server's secret is hidden (a challenge asks for it).
    pub fn hide_secret(&self) -> bool {
        self.hide_secret
    }
    /// The secret the brute-forcer found since the lesson or challenge started.
    pub fn found_secret(&self) -> Option<&str> {
        self.found_secret.as_deref()
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
    pub fn announcement(&self) -> &Announcement {
        &self.announcement
    }
    /// The lines of the app's source the last request ran.
    pub fn ran_lines(&self) -> &[usize] {
        &self.ran_lines
    }
    /// Whether the page load itself did something to say once the page is up
    /// ([`super::Op::SayLoaded`]).
    pub fn load_news(&self) -> bool {
        !self.loaded_steps.is_empty() || self.loaded_lost.is_some()
    }
    /// The lines of the app's source the last apply wrote, until the next request.
    pub fn changed_lines(&self) -> &[usize] {
        &self.changed_lines
    }
    /// The store rows the last request touched.
    pub fn touched(&self) -> &[(String, Touch)] {
        &self.touched
    }
    /// What the last import into a jar did, until the next action.
    pub fn last_import(&self) -> Option<&super::ImportReport> {
        self.last_import.as_ref()
    }
    /// Why the learner's last edit of the jar was refused.
    pub fn jar_problem(&self) -> Option<&EditError> {
        self.jar_problem.as_ref()
    }
    /// How many jar edits have been refused so far: a new number is a new refusal, even in
    /// the same words as the last.
    pub fn jar_refusals(&self) -> u32 {
        self.jar_refusals
    }
    /// The address a browser could not open, and why.
    pub fn nav_problem(&self) -> Option<&NavProblem> {
        self.nav_problem.as_ref()
    }
    /// How the browser's storage is doing.
    pub fn storage(&self) -> StorageStatus {
        self.storage
    }
    /// Counts clean starts of a lesson, challenge or scenario: a view keyed on it (the
    /// attacker's tools) starts fresh with each.
    pub fn place(&self) -> u64 {
        self.place
    }
    /// Why the scenario panel's last load failed, shown at its button.
    pub fn scenario_problem(&self) -> Option<&NoticeMsg> {
        self.scenario_problem.as_ref()
    }
    /// Where the learner is, in words: "Lesson 4 · Login, user page and logout", a challenge's
    /// title, or the scenario being played (the place picker and the window's title).
    pub fn place_name(&self, lang: Lang) -> String {
        let lesson = t(lang, self.lesson.texts().0);
        if self.inspecting {
            t(lang, Key::InspectorTitle).to_string()
        } else if let Some(run) = &self.scenario {
            // its own title where it has one, as its card heads it (the embed's bar and the
            // menu had named the lesson under it: "Scenario · Login, user page and logout" over
            // a card "Log in, then log out"; embed review)
            let name = (run.title.as_ref()).map_or(lesson, |say| say.text(lang == Lang::Zh));
            format!("{} · {name}", t(lang, Key::ScenarioTitle))
        } else if let Some(id) = self.challenge_id() {
            format!(
                "{} · {}",
                t(lang, Key::ChallengeLabel),
                t(lang, id.spec().title)
            )
        } else {
            let n = LessonId::ALL
                .iter()
                .position(|x| *x == self.lesson)
                .unwrap_or(0)
                + 1;
            format!(
                "{} · {lesson}",
                fill(t(lang, Key::LessonNumber), &[("n", &n.to_string())])
            )
        }
    }
    /// Whether a step of a lesson is done.
    pub fn step_done(&self, lesson: LessonId, step: &crate::model::lessons::Step) -> bool {
        self.steps_done.contains(&lesson.step_code(step))
    }
    /// Whether every step of a lesson is done (the picker marks it, as it marks a solved
    /// challenge).
    pub fn lesson_done(&self, lesson: LessonId) -> bool {
        lesson.steps().iter().all(|s| self.step_done(lesson, s))
    }
    /// Once every step of the open lesson is done, the lesson after it, which the card offers
    /// (a learner done with lesson 1 had only the picker to find lesson 2). None after the
    /// last, in a challenge, and in an embed (it shows one lesson).
    pub fn next_lesson(&self) -> Option<LessonId> {
        if self.challenge.is_some() || self.embed() || !self.lesson_done(self.lesson) {
            return None;
        }
        let at = LessonId::ALL.iter().position(|&x| x == self.lesson)?;
        LessonId::ALL.get(at + 1).copied()
    }
    /// The step a chip shows in the card's line instead of the next one, not the next step
    /// itself: one not done when picked until its tick (lesson 3's step 3 picked, its first
    /// Go ticked step 1, and the line went back to step 2 in the middle of step 3: a learner
    /// working a later step picked it again after each request); one done already while the
    /// next step stays what it was. Another lesson clears it, as lessons share step names.
    pub fn picked_step(&self) -> Option<&'static crate::model::lessons::Step> {
        let p = self.picked?;
        let step = self.lesson.step(p.name)?;
        let now = self.next_step().map(|s| s.name);
        let holds = match p.was_done {
            false => !self.step_done(self.lesson, step),
            true => p.next == now,
        };
        (holds && Some(p.name) != now).then_some(step)
    }
    /// The step the card's line shows: the one a chip picked, else the next.
    pub fn shown_step(&self) -> Option<&'static crate::model::lessons::Step> {
        self.picked_step().or_else(|| self.next_step())
    }
    /// The step the newest request ticked (the furthest, when it ticked several), until the
    /// next request, unless a step is picked: its result is what the learner reads now, and
    /// the timeline keeps its room for it (see [`Workbench::timeline_first`]; after lesson
    /// 3's first Go the next step's timeline would take the store's row that showed the
    /// session made).
    pub fn just_ticked_step(&self) -> Option<&'static crate::model::lessons::Step> {
        if self.picked_step().is_some() {
            return None;
        }
        (self.lesson.steps().iter().rev()).find(|s| self.ticked_last.contains(&s.name))
    }
    /// The open lesson's next step: the first not done after the furthest one done, so a
    /// learner who went ahead is led on, not back to a step the lab's state has left behind
    /// (lesson 1's "90, then 80" after the balance was made 9999); then the first not done.
    pub fn next_step(&self) -> Option<&'static crate::model::lessons::Step> {
        let steps = self.lesson.steps();
        let undone = |s: &&crate::model::lessons::Step| !self.step_done(self.lesson, s);
        let ahead = steps
            .iter()
            .rposition(|s| self.step_done(self.lesson, s))
            .map_or(0, |i| i + 1);
        steps[ahead..]
            .iter()
            .find(undone)
            .or_else(|| steps.iter().find(undone))
    }
    /// The answer given to a question of a lesson's quiz, if any.
    pub fn answer(&self, lesson: LessonId, question: usize) -> Option<u8> {
        let code = lesson.question_code(question);
        self.answers
            .iter()
            .find(|(q, _)| *q == code)
            .map(|(_, a)| *a)
    }
    /// How many of a lesson's questions are answered right now.
    pub fn quiz_right(&self, lesson: LessonId) -> usize {
        self.count_right(lesson, &self.answers)
    }
    /// How many of a lesson's questions were answered right at the first try.
    pub fn quiz_right_first(&self, lesson: LessonId) -> usize {
        self.count_right(lesson, &self.first_answers)
    }
    fn count_right(&self, lesson: LessonId, given: &[(String, u8)]) -> usize {
        let quiz = lesson.quiz().iter().enumerate();
        quiz.filter(|(n, q)| {
            let code = lesson.question_code(*n);
            given.iter().any(|(c, a)| *c == code && *a == q.answer)
        })
        .count()
    }
    /// The quiz's score, as its heading shows it and the live region says it: the answers
    /// right now and, once the learner changed an answer, the first tries too (trying every
    /// answer in turn read "3 of 3 right", as if all three were known).
    pub fn quiz_score(&self, lesson: LessonId) -> String {
        let (now, first) = (self.quiz_right(lesson), self.quiz_right_first(lesson));
        let total = lesson.quiz().len().to_string();
        if now == first {
            fill(
                t(self.lang, Key::QuizScore),
                &[("n", &now.to_string()), ("total", &total)],
            )
        } else {
            fill(
                t(self.lang, Key::QuizScoreRetried),
                &[
                    ("n", &now.to_string()),
                    ("f", &first.to_string()),
                    ("total", &total),
                ],
            )
        }
    }
}
