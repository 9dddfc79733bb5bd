//! The scenario library: ready, narrated scenarios the Scenario panel offers, one per lesson
//! and one per attack. Each file is also a parity scenario (`tests/scenarios/library-*.json`),
//! so real express-session made its fixture and `tests/parity.rs` replays it byte for byte.

use crate::engine::scenario::{parse, Say};

/// The library, in the order the panel lists it: (code, the scenario's JSON).
pub const LIBRARY: [(&str, &str); 10] = [
    (
        "1-cookie",
        include_str!("../../tests/scenarios/library-1-cookie.json"),
    ),
    (
        "2-haircut",
        include_str!("../../tests/scenarios/library-2-haircut.json"),
    ),
    (
        "3-middleware",
        include_str!("../../tests/scenarios/library-3-middleware.json"),
    ),
    (
        "4-login",
        include_str!("../../tests/scenarios/library-4-login.json"),
    ),
    (
        "5-store",
        include_str!("../../tests/scenarios/library-5-store.json"),
    ),
    (
        "tamper",
        include_str!("../../tests/scenarios/library-tamper.json"),
    ),
    (
        "forge",
        include_str!("../../tests/scenarios/library-forge.json"),
    ),
    (
        "hijack",
        include_str!("../../tests/scenarios/library-hijack.json"),
    ),
    (
        "fixation",
        include_str!("../../tests/scenarios/library-fixation.json"),
    ),
    (
        "logout-replay",
        include_str!("../../tests/scenarios/library-logout-replay.json"),
    ),
];

/// A library entry's title, read from its file.
pub fn title(text: &str) -> Option<Say> {
    parse(text).ok().and_then(|s| s.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_parses_with_a_title_and_a_caption_on_every_step() {
        for (code, text) in LIBRARY {
            let s = parse(text).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            let t = s.title.unwrap_or_else(|| panic!("{code} has no title"));
            assert!(!t.zh.is_empty() && !t.en.is_empty(), "{code}");
            assert_eq!(s.says.len(), s.steps.len());
            for (i, say) in s.says.iter().enumerate() {
                let say = say
                    .as_ref()
                    .unwrap_or_else(|| panic!("{code} step {i} has no caption"));
                assert!(!say.zh.is_empty() && !say.en.is_empty(), "{code} step {i}");
            }
        }
    }
}
