//! Each lesson ends with three short questions, checked in the page and explained.

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
}

macro_rules! q {
    ($ask:ident, $a:ident, $b:ident, $c:ident, $answer:literal, $why:ident) => {
        Question {
            ask: Key::$ask,
            choices: [Key::$a, Key::$b, Key::$c],
            answer: $answer,
            why: Key::$why,
        }
    };
}

const COOKIE: [Question; 3] = [
    q!(QCookie1, QCookie1A, QCookie1B, QCookie1C, 0, QCookie1Why),
    q!(QCookie2, QCookie2A, QCookie2B, QCookie2C, 1, QCookie2Why),
    q!(QCookie3, QCookie3A, QCookie3B, QCookie3C, 0, QCookie3Why),
];
const MANUAL: [Question; 3] = [
    q!(QManual1, QManual1A, QManual1B, QManual1C, 1, QManual1Why),
    q!(QManual2, QManual2A, QManual2B, QManual2C, 1, QManual2Why),
    q!(QManual3, QManual3A, QManual3B, QManual3C, 2, QManual3Why),
];
const MIDDLEWARE: [Question; 3] = [
    q!(
        QMiddleware1,
        QMiddleware1A,
        QMiddleware1B,
        QMiddleware1C,
        1,
        QMiddleware1Why
    ),
    q!(
        QMiddleware2,
        QMiddleware2A,
        QMiddleware2B,
        QMiddleware2C,
        2,
        QMiddleware2Why
    ),
    q!(
        QMiddleware3,
        QMiddleware3A,
        QMiddleware3B,
        QMiddleware3C,
        0,
        QMiddleware3Why
    ),
];
const AUTH: [Question; 3] = [
    q!(QAuth1, QAuth1A, QAuth1B, QAuth1C, 1, QAuth1Why),
    q!(QAuth2, QAuth2A, QAuth2B, QAuth2C, 0, QAuth2Why),
    q!(QAuth3, QAuth3A, QAuth3B, QAuth3C, 0, QAuth3Why),
];
const STORE: [Question; 3] = [
    q!(QStore1, QStore1A, QStore1B, QStore1C, 1, QStore1Why),
    q!(QStore2, QStore2A, QStore2B, QStore2C, 1, QStore2Why),
    q!(QStore3, QStore3A, QStore3B, QStore3C, 1, QStore3Why),
];

const BREAKS: [Question; 3] = [
    q!(QBreaks1, QBreaks1A, QBreaks1B, QBreaks1C, 1, QBreaks1Why),
    q!(QBreaks2, QBreaks2A, QBreaks2B, QBreaks2C, 1, QBreaks2Why),
    q!(QBreaks3, QBreaks3A, QBreaks3B, QBreaks3C, 0, QBreaks3Why),
];

impl LessonId {
    /// The lesson's three questions.
    pub fn quiz(self) -> &'static [Question; 3] {
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
}
