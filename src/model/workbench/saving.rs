//! What the page keeps between visits, as an effect of the model rather than a step of every
//! operation: the model says what would be saved ([`Workbench::saved_blob`]); the page writes
//! it when it differs from what it wrote last, and reports back how the write went.

use super::Workbench;
use crate::engine::json::{Map, Value};
use crate::engine::session::merge;
use crate::model::persist::{encode, Saved};

/// How the browser's storage is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    /// Reads and writes work (also the state before anything was written).
    Ok,
    /// Not available at all (access throws, as in some private modes).
    Unavailable,
    /// A write failed because the quota is used up.
    Full,
}

impl Workbench {
    /// The options the learner set, over the lesson's own: what share links and the saved
    /// state carry.
    /// Options equal to what the app and the lesson already set are left out, so a link
    /// carries only the learner's changes.
    pub fn learner_overrides(&self) -> Map<String, Value> {
        let mut overrides = self.lab.config.overrides.clone();
        let lesson = self.lesson.config(self.variant);
        let base = merge(&lesson.app.own_options(), &lesson.overrides);
        overrides.retain(|k, v| base.get(k) != Some(v));
        overrides
    }

    /// The deployment the learner changed from the lesson variant's own: what share links and
    /// the saved state carry.
    pub fn learner_deploy(&self) -> crate::model::deploy::DeployPatch {
        let own = self.lesson.config(self.variant).deploy;
        crate::model::deploy::DeployPatch::diff(&own, &self.lab.config.deploy)
    }

    /// What would be saved now; `None` when nothing is (an embed keeps nothing, and a scenario
    /// is not the learner's own work).
    pub fn saved(&self) -> Option<Saved> {
        if self.embed || self.scenario.is_some() {
            return None;
        }
        Some(Saved {
            lesson: self.lesson,
            variant: self.variant,
            lang: self.lang_chosen.then_some(self.lang),
            theme: self.theme,
            now: self.lab.now,
            overrides: self.learner_overrides(),
            jar: self.lab.victim.jar.cookies().to_vec(),
            solved: self.solved.clone(),
            steps: self.steps_done.clone(),
            answers: self.answers.clone(),
            first_answers: self.first_answers.clone(),
            deploy: self.learner_deploy(),
            question_key: self.question_key,
            challenge: self.challenge_id(),
            ended: self.lab.victim.jar.session_cookie_names(20),
        })
    }

    /// The saved state as the text to store, if anything is saved. Typing in a field changes
    /// nothing here, so the page writes nothing for a keystroke.
    pub fn saved_blob(&self) -> Option<String> {
        self.saved().map(|s| encode(&s))
    }
}
