//! The page's outside world, as data: a link's fragment (applied at load and when it changes),
//! messages from the embedding page, the share link, and the messages the page posts back.

use super::notices::{HostProblem, NoticeMsg};
use super::Workbench;
use crate::engine::json::Value;
use crate::engine::uri::encode_uri_component;
use crate::model::challenges::ChallengeId;
use crate::model::lessons::Variant;
use crate::model::persist::Theme;
use crate::model::share::{self, Fragment, Ignored, Why};

/// A message for the embedding page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// `{type: "session-lab:solved", challenge}`.
    Solved(ChallengeId),
    /// `{type: "session-lab:step", index, total}`: a scenario played its step number `index`
    /// (1-based) of `total`.
    Step {
        /// How many steps have been played.
        index: usize,
        /// How many the scenario has.
        total: usize,
    },
}

impl Outgoing {
    /// The message as the page posts it.
    pub fn to_json(&self) -> Value {
        match self {
            Outgoing::Solved(id) => {
                crate::json!({"type": "session-lab:solved", "challenge": id.code()})
            }
            Outgoing::Step { index, total } => {
                crate::json!({"type": "session-lab:step", "index": index, "total": total})
            }
        }
    }
}

/// Messages waiting for the page to post them, numbered so the page posts each once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outbox {
    sent: u64,
    queue: Vec<(u64, Outgoing)>,
}

/// Most messages kept for a page that has not posted them yet.
const OUTBOX_KEEP: usize = 32;

impl Outbox {
    fn push(&mut self, m: Outgoing) {
        self.sent += 1;
        self.queue.push((self.sent, m));
        if self.queue.len() > OUTBOX_KEEP {
            self.queue.remove(0);
        }
    }
    /// The number of the latest message (0 before any).
    pub fn latest(&self) -> u64 {
        self.sent
    }
    /// The messages numbered after `seen`.
    pub fn after(&self, seen: u64) -> impl Iterator<Item = &Outgoing> {
        self.queue
            .iter()
            .filter(move |(n, _)| *n > seen)
            .map(|(_, m)| m)
    }
}

impl Workbench {
    pub(super) fn post(&mut self, m: Outgoing) {
        self.outbox.push(m);
    }

    /// The messages for the embedding page.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The open scenario as a link carries it (`scenario=`), or, when it is too long for a
    /// link to be read back ([`share::MAX_FRAGMENT`]), its size in bytes.
    pub fn scenario_link(&self) -> Option<Result<String, usize>> {
        let run = self.scenario.as_ref()?;
        let b64 = share::scenario_to_fragment(&run.text);
        // room for the rest of the fragment (language, theme, embed, allow)
        Some(if b64.len() + 1024 <= share::MAX_FRAGMENT {
            Ok(b64)
        } else {
            Err(run.text.len())
        })
    }

    /// The fragment that restores this state (see [`share`]). With a scenario open it loads
    /// the scenario, from its first step (its app and options are in it); one too long for a
    /// link gives the lesson whose app it runs, and the Share panel says so.
    pub fn share_fragment(&self, include_secret: bool) -> String {
        if let Some(Ok(b64)) = self.scenario_link() {
            let f = Fragment {
                lang: Some(self.lang),
                theme: (self.theme != Theme::System).then_some(self.theme),
                scenario: Some(b64),
                ..Fragment::default()
            };
            return share::build(&f, include_secret);
        }
        let challenge = self.challenge_id();
        let mut f = Fragment {
            challenge,
            tool: self.inspecting.then_some(share::Tool::Inspect),
            ..self.lesson_fragment(self.variant)
        };
        if challenge.is_none() {
            f.options = self.learner_overrides();
            f.deploy = self.learner_deploy();
        }
        share::build(&f, include_secret && !self.hide_secret)
    }

    /// The fragment of an embed's "Open the full lab": the share link's, except where the step
    /// the card shows is one an embed cannot do (lesson 5's reload) and runs in another
    /// variant than the one open: then that step's variant, without the options and
    /// deployment changed for this one. A student sent there from step 4 landed in MemoryStore,
    /// where the embed had gone for step 3, under a step that says to choose the persistent
    /// store (zh teacher embed review).
    pub fn full_lab_fragment(&self) -> String {
        let elsewhere = self
            .shown_step()
            .filter(|s| s.reloads && self.challenge.is_none() && self.scenario.is_none())
            .and_then(|s| s.variant)
            .filter(|v| *v != self.variant);
        let Some(variant) = elsewhere else {
            return self.share_fragment(false);
        };
        share::build(&self.lesson_fragment(variant), false)
    }

    /// The open lesson in `variant`, with the page's language and chosen theme.
    fn lesson_fragment(&self, variant: Variant) -> Fragment {
        Fragment {
            lesson: Some(self.lesson),
            variant: Some(variant),
            lang: Some(self.lang),
            theme: (self.theme != Theme::System).then_some(self.theme),
            ..Fragment::default()
        }
    }

    /// Applies what a link's fragment (or a host's `set` message) asks for; values that cannot
    /// be used become notices.
    /// `from_host` says who asked, for the notices' words.
    pub(super) fn apply_fragment(&mut self, f: Fragment, ignored: Vec<Ignored>, from_host: bool) {
        let notice = |i| {
            if from_host {
                NoticeMsg::HostIgnored(i)
            } else {
                NoticeMsg::Ignored(i)
            }
        };
        let place = self.place;
        let tool = f.tool;
        if let Some(l) = f.lang {
            self.lang = l;
            self.lang_chosen = true;
        }
        if let Some(th) = f.theme {
            self.theme = th;
        }
        if let Some(c) = f.challenge {
            self.start_challenge(c);
        } else if f.lesson.is_some()
            || f.variant.is_some()
            || !f.options.is_empty()
            || !f.deploy.is_empty()
        {
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
                self.notices.push(notice(Ignored {
                    key: "variant".into(),
                    why: Why::WrongVariant,
                }));
            }
            self.leave_challenge_state();
            self.start_lesson_deployed(lesson, variant, &f.options, f.deploy);
        }
        if let Some(b64) = f.scenario {
            match share::scenario_from_fragment(&b64) {
                Ok(text) => match self.load_scenario(&text) {
                    Ok(()) => {
                        if let Some(run) = self.scenario.as_mut() {
                            run.playing = f.autoplay;
                        }
                    }
                    Err(problem) => self.notices.push(problem),
                },
                Err(e) => self.notices.push(NoticeMsg::ScenarioInvalid(e)),
            }
        }
        for i in ignored {
            self.notices.push(notice(i));
        }
        // `tool=inspect` opens the inspector; a link to another place closes it
        if tool.is_some() {
            self.inspecting = true;
        } else if self.place != place {
            self.inspecting = false;
        }
    }

    /// A message from the embedding page (already checked to come from an allowed origin).
    pub(super) fn host_message(&mut self, v: &Value) {
        let kind = v.get("type").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "session-lab:load" => match v.get("scenario") {
                Some(Value::String(text)) => {
                    if let Err(problem) = self.load_scenario(text) {
                        self.notices.push(problem);
                    }
                }
                Some(obj @ Value::Object(_)) => {
                    if let Err(problem) = self.load_scenario(&obj.to_string()) {
                        self.notices.push(problem);
                    }
                }
                _ => self
                    .notices
                    .push(NoticeMsg::BadMessage(HostProblem::NoScenario)),
            },
            "session-lab:set" => {
                // the same rules as a link's fragment
                let mut parts = Vec::new();
                let deploy = crate::model::deploy::DEPLOY_KEYS;
                for key in ["lesson", "variant", "lang", "theme", "challenge"]
                    .iter()
                    .chain(&deploy)
                {
                    let text = match v.get(key) {
                        Some(Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                        None => continue,
                    };
                    parts.push(format!("{key}={}", encode_uri_component(&text)));
                }
                let (f, ignored) = share::parse(&parts.join("&"));
                self.apply_fragment(f, ignored, true);
            }
            other => {
                let quoted = crate::engine::json::stringify(&Value::String(
                    other.chars().take(60).collect(),
                ));
                self.notices
                    .push(NoticeMsg::BadMessage(HostProblem::UnknownType(quoted)));
            }
        }
    }
}
