//! The jar's typed refusals in words: a cookie given by hand that the jar refuses (the jar
//! pane's cells and add form, and the timeline). Only the string table holds words; this
//! module picks and fills them.

use crate::engine::jar::{BadText, Invalid};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::jar::{BadDomain, BadPath};

    #[test]
    fn jar_pane_words_are_unchanged() {
        let en = |i| jar_refusal_text(Lang::En, &i);
        assert_eq!(
            en(Invalid::Value(BadText::ControlCharacter)),
            "it contains a control character"
        );
        assert_eq!(
            en(Invalid::Name(BadText::Separator)),
            "its name contains \";\" or \"=\", or its value contains \";\": a Cookie header could not carry it"
        );
        assert_eq!(
            en(Invalid::TooLarge {
                bytes: 5000,
                max: 4096
            }),
            "name plus value is 5000 bytes, over 4096"
        );
        assert_eq!(
            en(Invalid::Path(BadPath::NotAbsolute)),
            "a path must start with \"/\" and contain no \";\" or control characters"
        );
        assert_eq!(
            jar_refusal_text(Lang::Zh, &Invalid::Domain(BadDomain::Empty)),
            "域名不能为空、不能以两个点开头，也不能含空格、“;”、“/”或控制字符"
        );
    }
}
