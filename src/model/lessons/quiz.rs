//! Each lesson ends with three short questions (lesson 6 with four), checked in the page and
//! explained.

use super::LessonId;
use crate::i18n::Key;

/// A question with three answers, one of them right.
#[derive(Debug, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub ask: Key,
    /// The three answers, in the order shown.
    pub choices: [Key; 3],
    /// Which answer is right (0, 1 or 2).
    pub answer: u8,
    /// Why it is right, shown once the learner has answered.
    pub why: Key,
    /// What each wrong answer is told, in the order shown, before the reason of the right
    /// one: a learner who picked "the value is encrypted" hears why it is not.
    pub not: [Key; 2],
}

impl Question {
    /// What an answer is told: "Right." or "Not quite.".
    pub fn verdict(&self, choice: u8) -> Key {
        if choice == self.answer {
            Key::QuizRight
        } else {
            Key::QuizWrong
        }
    }

    /// What follows the verdict: the reply to a wrong answer, if that was one, then why the
    /// right answer is right.
    pub fn because(&self, choice: u8) -> Vec<Key> {
        let reply = (choice != self.answer && choice < 3)
            .then(|| self.not[usize::from(choice) - usize::from(choice > self.answer)]);
        reply.into_iter().chain([self.why]).collect()
    }

    /// [`Question::because`] in `lang`, as one text (under the answer, and said after the
    /// verdict).
    pub fn because_text(&self, lang: crate::i18n::Lang, choice: u8) -> String {
        let parts: Vec<&str> = self
            .because(choice)
            .into_iter()
            .map(|k| crate::i18n::t(lang, k))
            .collect();
        crate::i18n::sentences(&parts)
    }
}

macro_rules! q {
    ($ask:ident, $a:ident, $b:ident, $c:ident, $answer:literal, $why:ident, $not1:ident, $not2:ident) => {
        Question {
            ask: Key::$ask,
            choices: [Key::$a, Key::$b, Key::$c],
            answer: $answer,
            why: Key::$why,
            not: [Key::$not1, Key::$not2],
        }
    };
}

const COOKIE: [Question; 3] = [
    q!(
        QCookie1,
        QCookie1A,
        QCookie1B,
        QCookie1C,
        0,
        QCookie1Why,
        QCookie1NotB,
        QCookie1NotC
    ),
    q!(
        QCookie2,
        QCookie2A,
        QCookie2B,
        QCookie2C,
        1,
        QCookie2Why,
        QCookie2NotA,
        QCookie2NotC
    ),
    q!(
        QCookie3,
        QCookie3A,
        QCookie3B,
        QCookie3C,
        0,
        QCookie3Why,
        QCookie3NotB,
        QCookie3NotC
    ),
];
const MANUAL: [Question; 3] = [
    q!(
        QManual1,
        QManual1A,
        QManual1B,
        QManual1C,
        1,
        QManual1Why,
        QManual1NotA,
        QManual1NotC
    ),
    q!(
        QManual2,
        QManual2A,
        QManual2B,
        QManual2C,
        1,
        QManual2Why,
        QManual2NotA,
        QManual2NotC
    ),
    q!(
        QManual3,
        QManual3A,
        QManual3B,
        QManual3C,
        2,
        QManual3Why,
        QManual3NotA,
        QManual3NotB
    ),
];
const MIDDLEWARE: [Question; 3] = [
    q!(
        QMiddleware1,
        QMiddleware1A,
        QMiddleware1B,
        QMiddleware1C,
        1,
        QMiddleware1Why,
        QMiddleware1NotA,
        QMiddleware1NotC
    ),
    q!(
        QMiddleware2,
        QMiddleware2A,
        QMiddleware2B,
        QMiddleware2C,
        2,
        QMiddleware2Why,
        QMiddleware2NotA,
        QMiddleware2NotB
    ),
    q!(
        QMiddleware3,
        QMiddleware3A,
        QMiddleware3B,
        QMiddleware3C,
        0,
        QMiddleware3Why,
        QMiddleware3NotB,
        QMiddleware3NotC
    ),
];
const AUTH: [Question; 3] = [
    q!(QAuth1, QAuth1A, QAuth1B, QAuth1C, 1, QAuth1Why, QAuth1NotA, QAuth1NotC),
    q!(QAuth2, QAuth2A, QAuth2B, QAuth2C, 0, QAuth2Why, QAuth2NotB, QAuth2NotC),
    q!(QAuth3, QAuth3A, QAuth3B, QAuth3C, 0, QAuth3Why, QAuth3NotB, QAuth3NotC),
];
const STORE: [Question; 3] = [
    q!(
        QStore1,
        QStore1A,
        QStore1B,
        QStore1C,
        1,
        QStore1Why,
        QStore1NotA,
        QStore1NotC
    ),
    q!(
        QStore2,
        QStore2A,
        QStore2B,
        QStore2C,
        1,
        QStore2Why,
        QStore2NotA,
        QStore2NotC
    ),
    q!(
        QStore3,
        QStore3A,
        QStore3B,
        QStore3C,
        1,
        QStore3Why,
        QStore3NotA,
        QStore3NotC
    ),
];

const BREAKS: [Question; 5] = [
    q!(
        QBreaks1,
        QBreaks1A,
        QBreaks1B,
        QBreaks1C,
        1,
        QBreaks1Why,
        QBreaks1NotA,
        QBreaks1NotC
    ),
    q!(
        QBreaks2,
        QBreaks2A,
        QBreaks2B,
        QBreaks2C,
        1,
        QBreaks2Why,
        QBreaks2NotA,
        QBreaks2NotC
    ),
    q!(
        QBreaks3,
        QBreaks3A,
        QBreaks3B,
        QBreaks3C,
        0,
        QBreaks3Why,
        QBreaks3NotB,
        QBreaks3NotC
    ),
    // the resave race, the lesson's subtlest (its last three steps), which no question asked
    // (zh phone review)
    q!(
        QBreaks4,
        QBreaks4A,
        QBreaks4B,
        QBreaks4C,
        1,
        QBreaks4Why,
        QBreaks4NotA,
        QBreaks4NotC
    ),
    // the logout a slow request undoes (the lesson's last step, and its library scenario),
    // which no question asked either (zh phone review)
    q!(
        QBreaks5,
        QBreaks5A,
        QBreaks5B,
        QBreaks5C,
        1,
        QBreaks5Why,
        QBreaks5NotA,
        QBreaks5NotC
    ),
];

impl LessonId {
    /// The lesson's questions.
    pub fn quiz(self) -> &'static [Question] {
        match self {
            LessonId::Cookie => &COOKIE,
            LessonId::Manual => &MANUAL,
            LessonId::Middleware => &MIDDLEWARE,
            LessonId::Auth => &AUTH,
            LessonId::Store => &STORE,
            LessonId::Breaks => &BREAKS,
        }
    }

    /// The saved name of question `n` (0-based): `cookie.q1`.
    pub fn question_code(self, n: usize) -> String {
        format!("{}.q{}", self.code(), n + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{t, Lang};

    #[test]
    fn every_question_has_one_right_answer_and_distinct_choices() {
        for l in LessonId::ALL {
            for q in l.quiz() {
                assert!(q.answer < 3);
                for lang in Lang::ALL {
                    let texts: Vec<&str> = q.choices.iter().map(|k| t(lang, *k)).collect();
                    assert!(texts[0] != texts[1] && texts[1] != texts[2] && texts[0] != texts[2]);
                }
            }
        }
    }

    /// The right answer does not give itself away by its length: it had been the longest of
    /// the three in most questions of lessons 1-3 (newcomer review). In each language it is
    /// the longest in at most a third of the questions, and never half as long again as the
    /// longest wrong one (give or take a few characters).
    #[test]
    fn the_right_answer_is_not_told_by_its_length() {
        for lang in Lang::ALL {
            let mut longest = Vec::new();
            let mut total = 0;
            for l in LessonId::ALL {
                for (i, q) in l.quiz().iter().enumerate() {
                    total += 1;
                    let len = |k: Key| t(lang, k).chars().count();
                    let right = len(q.choices[usize::from(q.answer)]);
                    let wrong: Vec<usize> = (0..3u8)
                        .filter(|c| *c != q.answer)
                        .map(|c| len(q.choices[usize::from(c)]))
                        .collect();
                    if wrong.iter().all(|w| right > *w) {
                        longest.push((l.code(), i + 1));
                    }
                    let most = wrong.iter().copied().max().unwrap_or(0);
                    assert!(
                        2 * right <= 3 * most + 8,
                        "{lang:?} {} question {}: the right answer is {right} characters, the \
                         longest wrong one {most}",
                        l.code(),
                        i + 1
                    );
                }
            }
            assert!(
                longest.len() * 3 <= total,
                "{lang:?}: the right answer is the longest in {longest:?}"
            );
        }
    }

    #[test]
    fn a_wrong_answer_hears_its_own_reply_then_the_reason() {
        let q = &LessonId::Cookie.quiz()[1]; // answer B
        assert_eq!(q.because(1), vec![Key::QCookie2Why]);
        assert_eq!(q.because(0), vec![Key::QCookie2NotA, Key::QCookie2Why]);
        assert_eq!(q.because(2), vec![Key::QCookie2NotC, Key::QCookie2Why]);
        // an answer that is not one of the three is told only the reason
        assert_eq!(q.because(7), vec![Key::QCookie2Why]);
        for l in LessonId::ALL {
            for q in l.quiz() {
                for lang in Lang::ALL {
                    let replies: Vec<&str> = (0..3)
                        .filter(|c| *c != q.answer)
                        .map(|c| t(lang, q.because(c)[0]))
                        .collect();
                    // two different replies, neither of them the reason itself
                    assert_ne!(replies[0], replies[1]);
                    assert!(replies.iter().all(|r| *r != t(lang, q.why)));
                }
            }
        }
    }
}
