//! The card's echo: what the latest request ticked or explained on the lesson's or the
//! challenge's card, for a learner who cannot see the card. On a phone the card is far above
//! the pane the learner works in (a hijack learner at the attacker's browser saw no sign of
//! the stage it completed: its "why" was 260 px above the screen), so the page repeats it at
//! the foot of the screen while the card is out of sight, until another replaces it, the
//! learner closes it, the place changes or the card no longer says it.

use super::announce;
use crate::i18n::{Key, Lang};
use crate::model::challenges::{Because, ChallengeId, Observation};

/// One echo, numbered so the page tells a new one from the one it showed or closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Echo {
    /// Counts echoes since the page opened.
    pub n: u64,
    /// What it repeats.
    pub what: Echoed,
}

/// What an echo repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Echoed {
    /// Lesson steps the request ticked, by number, of `total`, and the next step's text.
    Steps {
        /// The numbers of the steps ticked (from 1).
        done: Vec<usize>,
        /// How many steps of the lesson are done now, these included, when they are not its
        /// first ones in order (a step done out of order).
        count: Option<usize>,
        /// How many steps the lesson has.
        total: usize,
        /// The text of the step the card shows now, with its number when a chip picked it
        /// rather than it being the next one, or `None` when every step is done.
        next: Option<(Option<usize>, Key)>,
    },
    /// What the request did in the open challenge: stages, the card's new explanation, a
    /// solve.
    Challenge(ChallengeId, Observation),
}

impl Echoed {
    /// What an action did that the card shows, if anything.
    pub fn challenge(id: ChallengeId, obs: &Observation) -> Option<Echoed> {
        (!obs.completed.is_empty() || obs.said.is_some() || obs.solved)
            .then(|| Echoed::Challenge(id, obs.clone()))
    }

    /// Its words, in `lang`: the live region's, which say the same thing.
    pub fn text(&self, lang: Lang) -> String {
        self.said(lang).whole()
    }

    /// Its words in the live region's two parts (see [`Said`](super::Said)).
    pub fn said(&self, lang: Lang) -> announce::Said {
        match self {
            Echoed::Steps {
                done,
                count,
                total,
                next,
            } => announce::steps_done(lang, done, (*count, *total), *next),
            Echoed::Challenge(id, obs) => announce::challenge_progress(lang, id.spec(), obs),
        }
    }

    /// Its colour, as the card's explanation box has it ([`Because::class`]), except that a
    /// stage done or a solve reads as having worked whatever its explanation says (a defence
    /// that held is a stage's point in some challenges, and reads as held); steps ticked read
    /// as having worked.
    pub fn tone(&self) -> Because {
        let Echoed::Challenge(_, obs) = self else {
            return Because::Worked;
        };
        let done = obs.solved || !obs.completed.is_empty();
        match obs.said {
            Some((_, Because::Refused)) => Because::Refused,
            Some((_, Because::Failed)) if !done => Because::Failed,
            Some((_, Because::Noted)) | None if !done => Because::Noted,
            _ => Because::Worked,
        }
    }
}
