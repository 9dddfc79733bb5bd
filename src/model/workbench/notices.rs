//! Notices: what the page tells the learner about saved data, storage, links, scenario files
//! and the embedding page, worded in the page's language.

use super::super::explain::{option_error_text, scenario_error_text};
use super::super::persist::Notice;
use super::super::share::{Ignored, Why};
use crate::engine::scenario::ScenarioError;
use crate::engine::session::OptionError;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::challenges::ChallengeId;

/// Something the page tells the learner, until they dismiss it.
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeMsg {
    /// From reading the saved state.
    Saved(Notice),
    /// This many unreadable documents were removed from the persistent store at load.
    DocsDropped(usize),
    /// The browser's storage cannot be used, so nothing is kept.
    StorageUnavailable,
    /// The browser's storage is full: the latest change was not saved.
    Quota,
    /// The challenge open when the page was left started again.
    ChallengeRestarted(ChallengeId),
    /// Something in the link's fragment was not used.
    Ignored(Ignored),
    /// Something in the embedding page's `set` message was not used.
    HostIgnored(Ignored),
    /// A scenario failed validation (the error names the bad field's path).
    ScenarioInvalid(ScenarioError),
    /// A chosen scenario file could not be used.
    ScenarioFile {
        /// The file's name, as the browser gave it.
        file: String,
        /// Too large, or unreadable.
        problem: FileProblem,
    },
    /// A scenario's options do not start a server.
    ScenarioServer(OptionError),
    /// A message from the embedding page was not understood.
    BadMessage(HostProblem),
    /// The browser refused a copy to the clipboard (a frame whose page does not allow
    /// `clipboard-write`, a page without the focus): the text is to be selected by hand.
    CopyRefused,
}

/// Why a scenario file was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Larger than [`crate::engine::scenario::MAX_SCENARIO_BYTES`].
    TooLarge,
    /// The browser could not read it.
    Unreadable,
}

/// Why a message from the embedding page was not handled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostProblem {
    /// A `session-lab:load` without a scenario object or text.
    NoScenario,
    /// A `type` the lab does not know (quoted, cut short).
    UnknownType(String),
}

impl NoticeMsg {
    /// The notice in words (cut to a readable length: it may quote a stranger's link or file).
    pub fn text(&self, lang: Lang) -> String {
        crate::engine::clip(&self.full_text(lang), 400).into_owned()
    }

    fn full_text(&self, lang: Lang) -> String {
        match self {
            NoticeMsg::Saved(n) => saved_text(lang, n),
            NoticeMsg::DocsDropped(n) => {
                fill(t(lang, Key::NoticeDocsDropped), &[("n", &n.to_string())])
            }
            NoticeMsg::StorageUnavailable => t(lang, Key::NoticeStorageUnavailable).to_string(),
            NoticeMsg::Quota => t(lang, Key::NoticeQuota).to_string(),
            NoticeMsg::CopyRefused => t(lang, Key::NoticeCopyRefused).to_string(),
            NoticeMsg::ChallengeRestarted(id) => fill(
                t(lang, Key::NoticeChallengeRestarted),
                &[("title", t(lang, id.spec().title))],
            ),
            NoticeMsg::Ignored(i) => ignored_text(lang, Key::NoticeIgnored, i),
            NoticeMsg::HostIgnored(i) => ignored_text(lang, Key::NoticeHostIgnored, i),
            NoticeMsg::ScenarioInvalid(e) => fill(
                t(lang, Key::NoticeScenarioInvalid),
                &[("error", &scenario_error_text(lang, e))],
            ),
            NoticeMsg::ScenarioFile { file, problem } => {
                let key = match problem {
                    FileProblem::TooLarge => Key::ScenarioFileTooLarge,
                    FileProblem::Unreadable => Key::ScenarioFileUnreadable,
                };
                let max = crate::engine::scenario::MAX_SCENARIO_BYTES.to_string();
                let error = fill(t(lang, key), &[("file", file), ("max", &max)]);
                fill(t(lang, Key::NoticeScenarioInvalid), &[("error", &error)])
            }
            NoticeMsg::ScenarioServer(e) => fill(
                t(lang, Key::NoticeScenarioServer),
                &[("error", &option_error_text(lang, e))],
            ),
            NoticeMsg::BadMessage(p) => {
                let error = match p {
                    HostProblem::NoScenario => t(lang, Key::HostNoScenario).to_string(),
                    HostProblem::UnknownType(ty) => {
                        fill(t(lang, Key::HostUnknownType), &[("type", ty)])
                    }
                };
                fill(t(lang, Key::NoticeBadMessage), &[("error", &error)])
            }
        }
    }
}

fn saved_text(lang: Lang, n: &Notice) -> String {
    match n {
        Notice::Reset(reason) => fill(
            t(lang, Key::NoticeReset),
            &[(
                "reason",
                &super::super::explain::reset_reason_text(lang, reason),
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

/// "The link's (or the embedding page's) {key} was not used: {why}."
fn ignored_text(lang: Lang, sentence: Key, i: &Ignored) -> String {
    fill(
        t(lang, sentence),
        &[("key", &i.key), ("why", &why_text(lang, i.why, &i.key))],
    )
}

fn why_text(lang: Lang, w: Why, name: &str) -> String {
    let key = match w {
        Why::TooLong => Key::WhyTooLong,
        Why::UnknownLesson => Key::WhyUnknownLesson,
        Why::UnknownVariant | Why::WrongVariant => Key::WhyUnknownVariant,
        Why::UnknownLanguage => Key::WhyUnknownLanguage,
        Why::UnknownTheme => Key::WhyUnknownTheme,
        Why::UnknownChallenge => Key::WhyUnknownChallenge,
        Why::UnknownPane => Key::WhyUnknownPane,
        Why::NotAnOrigin => Key::WhyNotAnOrigin,
        Why::BadOption(p) => return crate::model::explain::option_refused_text(lang, p),
        Why::UnknownKey => Key::WhyUnknownKey,
        // a deployment key names the values it takes, as a refused option does
        Why::BadDeploy => {
            let values = crate::model::deploy::DeployPatch::accepted(name).unwrap_or_default();
            return fill(t(lang, Key::WhyBadDeploy), &[("values", &values)]);
        }
        Why::UnknownTool => Key::WhyUnknownTool,
    };
    t(lang, key).to_string()
}

/// The notices on screen, each with an id for dismissing it. The same notice twice is shown
/// once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notices {
    list: Vec<(u64, NoticeMsg)>,
    /// The learner opened the fold: all show.
    all: bool,
}

impl Notices {
    /// How many notices show before the rest fold behind one row.
    pub const FOLD_AFTER: usize = 2;

    /// Adds a notice unless the same one is already shown.
    pub fn push(&mut self, msg: NoticeMsg) {
        if self.list.iter().any(|n| n.1 == msg) {
            return;
        }
        let id = self.list.iter().map(|n| n.0).max().unwrap_or(0) + 1;
        self.list.push((id, msg));
    }
    /// Removes the notice with this id; with none left to fold, the fold closes.
    pub fn dismiss(&mut self, id: u64) {
        self.retain(|n| n.0 != id);
    }
    /// Removes the notices a learner's first action makes old news: "the challenge started
    /// again" stayed at the top, and in a status region, for the whole challenge.
    pub fn acted(&mut self) {
        self.retain(|n| !matches!(n.1, NoticeMsg::ChallengeRestarted(_)));
    }
    /// Keeps the notices `keep` says to; with none left to fold, the fold closes.
    fn retain(&mut self, keep: impl FnMut(&(u64, NoticeMsg)) -> bool) {
        self.list.retain(keep);
        if !self.folds() {
            self.all = false;
        }
    }
    /// Removes them all, and closes the fold for the next ones.
    pub fn clear(&mut self) {
        self.list.clear();
        self.all = false;
    }
    /// Opens or closes the fold.
    pub fn toggle_all(&mut self) {
        self.all = !self.all && self.folds();
    }
    /// The notices, oldest first, with their ids.
    pub fn iter(&self) -> impl Iterator<Item = &(u64, NoticeMsg)> {
        self.list.iter()
    }
    /// Whether there are more than [`Notices::FOLD_AFTER`]: a link with twenty bad keys made
    /// twenty rows that pushed every pane off the screen.
    pub fn folds(&self) -> bool {
        self.list.len() > Self::FOLD_AFTER
    }
    /// The notices shown, oldest first, and how many more are folded until the learner asks.
    pub fn shown(&self) -> (&[(u64, NoticeMsg)], usize) {
        let n = if self.all {
            self.list.len()
        } else {
            self.list.len().min(Self::FOLD_AFTER)
        };
        (&self.list[..n], self.list.len() - n)
    }
    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn a_refused_deployment_value_names_the_values_it_takes() {
        let (_, ignored) = crate::model::share::parse("instances=3&balancer=random&latency_get=-1");
        let said: Vec<String> = ignored
            .into_iter()
            .map(|i| NoticeMsg::Ignored(i).text(Lang::En))
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said[0].contains("instances") && said[0].ends_with("(it takes 1, 2)."),
            "{said:?}"
        );
        assert!(
            said[1].contains("(it takes round-robin, sticky)"),
            "{said:?}"
        );
        assert!(said[2].contains("(it takes 0–10000)"), "{said:?}");
        let zh = NoticeMsg::Ignored(crate::model::share::parse("tls_proxy=maybe").1.remove(0))
            .text(Lang::Zh);
        assert!(zh.contains("（可取：true, false）"), "{zh}");
    }

    #[test]
    fn past_two_the_notices_fold_and_all_can_go_at_once() {
        let mut n = Notices::default();
        for count in 1..=5 {
            n.push(NoticeMsg::DocsDropped(count));
        }
        // the same notice twice is one
        n.push(NoticeMsg::DocsDropped(1));
        let (shown, folded) = n.shown();
        assert_eq!(shown.len(), 2);
        assert_eq!(folded, 3);
        assert_eq!(shown[0].1, NoticeMsg::DocsDropped(1));
        n.toggle_all();
        let (shown, folded) = n.shown();
        assert_eq!((shown.len(), folded), (5, 0));
        // "Dismiss all" closes the fold too: the next link's twenty notices fold again
        n.clear();
        assert!(n.is_empty());
        for count in 1..=4 {
            n.push(NoticeMsg::DocsDropped(count));
        }
        assert_eq!(n.shown().1, 2);
        // dismissed down to two, nothing folds, and the fold is closed for what comes next
        n.toggle_all();
        n.dismiss(1);
        n.dismiss(2);
        assert!(!n.folds());
        n.push(NoticeMsg::DocsDropped(9));
        assert_eq!(n.shown().1, 1);
    }
}
