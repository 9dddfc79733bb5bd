//! The jar's typed refusals in words: a cookie given by hand that the jar refuses (the jar
//! pane's cells and add form, and the timeline), and an edit of a cell that changed nothing.
//! Only the string table holds words; this module picks and fills them.

use crate::engine::jar::{BadText, EditError, Invalid};
use crate::i18n::{fill, t, Key, Lang};

/// Why the jar refused a cookie given by hand, as the jar pane and the timeline word it (one
/// sentence for name and value problems, one for a domain, one for a path).
pub fn jar_refusal_text(lang: Lang, i: &Invalid) -> String {
    let k = |key| t(lang, key).to_string();
    match i {
        Invalid::Name(BadText::ControlCharacter) | Invalid::Value(BadText::ControlCharacter) => {
            k(Key::RefusedControl)
        }
        Invalid::Name(BadText::Separator) | Invalid::Value(BadText::Separator) => {
            k(Key::RefusedSeparator)
        }
        Invalid::Empty => k(Key::RefusedEmpty),
        Invalid::TooLarge { bytes, .. } => {
            fill(t(lang, Key::RefusedTooLarge), &[("n", &bytes.to_string())])
        }
        Invalid::Domain(_) => k(Key::JarBadDomain),
        Invalid::Path(_) => k(Key::JarBadPath),
    }
}

/// Why an edit of the jar by hand changed nothing: `The jar was not changed: …`.
pub fn jar_problem_text(lang: Lang, p: &EditError) -> String {
    let why = match p {
        EditError::Invalid(i) => jar_refusal_text(lang, i),
        EditError::NotADate => t(lang, Key::JarBadExpires).to_string(),
    };
    fill(t(lang, Key::JarEditRefused), &[("reason", &why)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::jar::{BadDomain, BadPath};

    #[test]
    fn jar_pane_words_are_unchanged() {
        let en = |p| jar_problem_text(Lang::En, &p);
        assert_eq!(
            en(EditError::Invalid(Invalid::Value(
                BadText::ControlCharacter
            ))),
            "The jar was not changed: it contains a control character."
        );
        assert_eq!(
            en(EditError::Invalid(Invalid::Name(BadText::Separator))),
            "The jar was not changed: its name contains \";\" or \"=\", or its value contains \";\": a Cookie header could not carry it."
        );
        assert_eq!(
            en(EditError::Invalid(Invalid::TooLarge {
                bytes: 5000,
                max: 4096
            })),
            "The jar was not changed: name plus value is 5000 bytes, over 4096."
        );
        assert_eq!(
            en(EditError::Invalid(Invalid::Path(BadPath::NotAbsolute))),
            "The jar was not changed: a path must start with \"/\" and contain no \";\" or control characters."
        );
        assert_eq!(
            en(EditError::NotADate),
            "The jar was not changed: expires must be a date (such as 2030-01-01T00:00:00.000Z), or empty for a session cookie."
        );
        assert_eq!(
            jar_problem_text(
                Lang::Zh,
                &EditError::Invalid(Invalid::Domain(BadDomain::Empty))
            ),
            "Cookie 罐没有改动：域名不能为空、不能以两个点开头，也不能含空格、“;”、“/”或控制字符。"
        );
    }
}
