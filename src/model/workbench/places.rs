//! Where the learner is: a lesson's variant, a challenge, or a scenario being played. Each
//! start is clean (a fresh server, empty jars and timeline); a challenge then plays its setup.

use super::host::Outgoing;
use super::notices::NoticeMsg;
use super::{OpenChallenge, ScenarioRun, Workbench};
use crate::engine::events::BrowserId;
use crate::engine::ids::SeededRandom;
use crate::engine::json::{Map, Value};
use crate::engine::lab::{Action, Lab, LabConfig};
use crate::engine::scenario::Step;
use crate::engine::session::merge;
use crate::engine::trace::{play_step, Player, TRACE_SEED};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::challenges::ChallengeId;
use crate::model::lessons::{LessonId, Variant};

impl Workbench {
    /// A lab for `config` over the page's database, at the current virtual time. A config that
    /// does not start (options from a link that passed validation but still fail) falls back
    /// to the app's own options, which always do.
    pub(super) fn new_lab(&mut self, config: LabConfig) -> Lab {
        let now = self.lab.now;
        let fallback = LabConfig::for_app(config.app);
        let mut lab = match Lab::with_db(config, now, (self.rng)(), self.db.clone()) {
            Ok(lab) => lab,
            Err(_) => Lab::with_db(fallback, now, (self.rng)(), self.db.clone())
                .unwrap_or_else(|_| unreachable!("every app's own options start a server")),
        };
        lab.only_own_origin = true;
        lab
    }

    /// Puts a fresh lab in place and forgets what the last request highlighted.
    pub(super) fn install(&mut self, lab: Lab) {
        self.place += 1;
        self.scenario_problem = None;
        // the offer to go back to a challenge left lasts while its lesson stays as Leave put it
        self.left = None;
        self.watch = crate::model::lessons::Watch::resuming(&self.steps_done);
        if let Some(run) = self.sim.as_mut().filter(|r| r.on_lab) {
            // it was filling the server this lab replaces
            run.cancelled = true;
        }
        self.lab = lab;
        self.recorder.borrow_mut().forget();
        self.lab.after_hop = Some(super::travel::hop_probe(&self.recorder));
        self.timeline.clear(None);
        let after = self.snapshot(Vec::new());
        self.timeline
            .note(self.lab.start_events(), self.lab.now, after);
        self.address = self.lab.home_url();
        self.attacker_address = self.lab.home_url();
        self.ran_lines.clear();
        self.changed_lines.clear();
        self.touched.clear();
        self.jar_problem = None;
        self.last_import = None;
        self.nav_problem = None;
        self.announcement.clear();
        self.jar_view = BrowserId::Victim;
        // another app's forms start from its own options and deployment
        self.pending = [None; super::ServerForm::ALL.len()];
    }

    /// A clean start of a lesson's variant.
    pub(super) fn start_lesson(&mut self, lesson: LessonId, variant: Variant) {
        self.start_lesson_with(lesson, variant, &Map::new());
    }

    /// A clean start of a lesson's variant, with extra options over its own. The database
    /// starts empty too: a lesson is a fresh deployment.
    pub(super) fn start_lesson_with(
        &mut self,
        lesson: LessonId,
        variant: Variant,
        extra: &Map<String, Value>,
    ) {
        self.start_lesson_deployed(lesson, variant, extra, Default::default());
    }

    /// A clean start of a lesson's variant, with extra options and deployment changes over
    /// its own.
    pub(super) fn start_lesson_deployed(
        &mut self,
        lesson: LessonId,
        variant: Variant,
        extra: &Map<String, Value>,
        deploy: crate::model::deploy::DeployPatch,
    ) {
        self.lesson = lesson;
        self.variant = variant;
        self.scenario = None;
        // whatever ends a scenario (its Close, another lesson or challenge) goes on
        // from the clock it was opened at
        if let Some(now) = self.clock_before_scenario.take() {
            self.lab.now = now;
        }
        self.found_secret = None;
        self.db.clear();
        let mut config = lesson.config(variant);
        config.overrides = merge(&config.overrides, extra);
        config.deploy = deploy.applied(config.deploy);
        let lab = self.new_lab(config);
        self.install(lab);
    }

    /// Closes the challenge's extras: the attacker and the hidden secret.
    pub(super) fn leave_challenge_state(&mut self) {
        self.challenge = None;
        self.hide_secret = false;
        self.attacker = false;
    }

    /// Opens a challenge from its start, with no stage done and no hint shown.
    pub(super) fn start_challenge(&mut self, id: ChallengeId) {
        self.challenge = Some(OpenChallenge::new(id));
        self.setup_challenge(id, id.setup().variant);
    }

    /// Opens again a challenge the learner left (by Leave, or for a scenario), in the variant
    /// it was in, with its stages, hints and goal as they were, on a fresh lab; and says so.
    /// (It had started from nothing: a Leave pressed by mistake took every stage done.)
    pub(super) fn resume_challenge(&mut self, open: OpenChallenge, variant: Variant) {
        let id = open.id;
        let done = open.progress.done_count();
        self.challenge = Some(open);
        self.setup_challenge(id, variant);
        let total = id.spec().stages.len();
        let l = self.lang;
        let mut said = vec![fill(
            t(l, Key::SayBackToChallenge),
            &[
                ("title", t(l, id.spec().title)),
                ("variant", t(l, self.variant.label())),
                ("done", &done.to_string()),
                ("total", &total.to_string()),
            ],
        )];
        said.extend(self.challenge_start_said());
        self.announcement.say(crate::i18n::sentences(&said));
    }

    /// What the open challenge's start did, said after it ran again ("The challenge's start
    /// ran again: Your browser opened …"), or nothing when its start does nothing.
    pub(super) fn challenge_start_said(&self) -> Vec<String> {
        let before = self
            .challenge_id()
            .map(|id| id.before())
            .unwrap_or_default();
        if before.is_empty() {
            return Vec::new();
        }
        let again = t(self.lang, Key::SayBeforeAgain).to_string();
        let texts = before
            .iter()
            .map(|b| crate::model::explain::before_text(self.lang, b));
        std::iter::once(again).chain(texts).collect()
    }

    /// A clean start of a challenge in a variant. Progress is kept, so a challenge that spans
    /// variants (tamper, fixation, logout) can be finished in the other one.
    pub(super) fn setup_challenge(&mut self, id: ChallengeId, variant: Variant) {
        let setup = id.setup();
        // a variant the card does not offer (a link's, a host's message) gives the setup's
        let variant = if id.spec().variants.contains(&variant) {
            variant
        } else {
            setup.variant
        };
        let progress = self.challenge.take().filter(|c| c.id == id);
        self.start_lesson(setup.lesson, variant);
        let mut open = progress.unwrap_or_else(|| OpenChallenge::new(id));
        // a fresh start: the last explanation was about the app just left (the course's
        // "why it worked" stayed under the fixed variant's stage still to do)
        open.progress.why = None;
        self.attacker = id.spec().needs_attacker;
        self.jar_view = setup.jar;
        self.hide_secret = setup.hide_secret;
        let mut config = setup.lesson.config(variant);
        config.overrides = merge(&config.overrides, &setup.overrides);
        if let Some(scheme) = setup.id_scheme {
            config.id_scheme = scheme;
        }
        let o = self.lab.apply(Action::Configure(config));
        open.progress.record_setup(&self.lab, &o);
        self.attacker_address = format!("{}{}", self.lab.home_url(), setup.attacker_path);
        for a in setup.actions {
            let cleared = match a {
                Action::JarClear(b) => Some(b),
                _ => None,
            };
            let o = self.lab.apply(a);
            open.progress.record_setup(&self.lab, &o);
            if let Some(b) = cleared {
                open.progress.forget_issued(b);
            }
        }
        self.challenge = Some(open);
        // the setup is the starting point, not part of the learner's timeline (nor the
        // attacker's haul); the learner's first step is measured against it
        self.recorder.borrow_mut().hops();
        let setup_state = self.snapshot(Vec::new());
        self.timeline.clear(Some(setup_state));
        self.lab.loot.clear();
        self.lab.captures.clear();
        if let Some(u) = &self.lab.victim.url {
            self.address = u.to_string();
        }
        if let Some(u) = &self.lab.attacker.url {
            self.attacker_address = u.to_string();
        }
    }

    /// Loads a scenario in place of the lesson: a fresh lab as the scenario configures it,
    /// with the same seed `session-lab-trace` uses, so the page prints the same trace. If it
    /// cannot, the lab is left as it was and the notice says why.
    pub(super) fn load_scenario(&mut self, text: &str) -> Result<(), NoticeMsg> {
        let s = match crate::engine::scenario::parse(text) {
            Ok(s) => s,
            Err(e) => return Err(NoticeMsg::ScenarioInvalid(e)),
        };
        let player = match Player::new(&s, Box::new(SeededRandom(TRACE_SEED))) {
            Ok(p) => p,
            Err(e) => return Err(NoticeMsg::ScenarioServer(e)),
        };
        // the lesson whose app the scenario runs, for the lesson card and the code view: of
        // those, the one whose store and deployment are the scenario's (lesson 5's
        // connect-mongo login runs lesson 4's app), else the first
        let fit = |l: LessonId, v: Variant| {
            let c = l.config(v);
            2 * u8::from(c.overrides.get("store") == s.options.get("store"))
                + u8::from(c.deploy.instances == s.deploy.instances)
                + u8::from(c.deploy.tls_proxy == s.deploy.tls_proxy)
        };
        let place = LessonId::ALL
            .iter()
            .flat_map(|&l| l.variants().iter().map(move |&v| (l, v)))
            .filter(|&(l, v)| l.app(v) == s.app)
            .rev()
            .max_by_key(|&(l, v)| fit(l, v));
        if let Some((l, v)) = place {
            self.lesson = l;
            self.variant = v;
        }
        self.leave_challenge_state();
        self.attacker = s.steps.iter().any(|st| match st {
            Step::Request(r) => r.browser == BrowserId::Attacker,
            Step::CloseBrowser(b) => *b == BrowserId::Attacker,
            _ => false,
        });
        let Player {
            lab,
            steps,
            results,
        } = player;
        self.install(lab);
        self.scenario = Some(ScenarioRun {
            text: text.to_string(),
            steps,
            results,
            title: s.title.clone(),
            says: s.says.clone(),
            playing: false,
        });
        self.announcement
            .say(t(self.lang, Key::ScenarioLoaded).to_string());
        Ok(())
    }

    /// Plays the scenario's next step; false when there is none.
    pub(super) fn scenario_step(&mut self) -> bool {
        let Some(run) = self.scenario.as_mut() else {
            return false;
        };
        let Some(step) = run.steps.get(run.results.len()).cloned() else {
            return false;
        };
        let before = [BrowserId::Victim, BrowserId::Attacker]
            .map(|b| self.lab.browser(b).jar.cookies().to_vec());
        let fresh = self.lab.flight.is_empty();
        let (outcome, v) = play_step(&mut self.lab, &step);
        if let Some(run) = self.scenario.as_mut() {
            run.results.push(v);
        }
        // a parallel step's interleaving, as requests sent at once by hand log it: without
        // it the bar stayed green over the logout a slow request undid, the diagram drew the
        // two one after the other, and the log put /logout first (zh phone review)
        self.timeline.add_flight(&outcome.flight, fresh);
        self.absorb(outcome, &before);
        if let Some(run) = &self.scenario {
            // the caption is heard first, then what the step did
            if let Some(caption) = run.caption(self.lang == Lang::Zh) {
                let what = self.announcement.text.clone();
                self.announcement
                    .say(format!("{caption} {what}").trim().to_string());
            }
            let (index, total) = (run.played(), run.steps.len());
            self.post(Outgoing::Step { index, total });
        }
        true
    }

    /// Plays the scenario again from the start, one step fewer than now (autoplay off).
    pub(super) fn scenario_back(&mut self) {
        let Some(run) = &self.scenario else {
            return;
        };
        let (text, target) = (run.text.clone(), run.played().saturating_sub(1));
        if self.load_scenario(&text).is_ok() {
            for _ in 0..target {
                self.scenario_step();
            }
        }
    }
}
