//! The scenario library: ready, narrated scenarios the Scenario panel offers, one per lesson
//! and one per attack. Each file is also a parity scenario (`tests/scenarios/library-*.json`),
//! so real express-session made its fixture and `tests/parity.rs` replays it byte for byte.

use crate::engine::scenario::{parse, RequestStep, Say, Step};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::{browser_name, duration_text};

/// The library, in the order the panel lists it: (code, the scenario's JSON).
pub const LIBRARY: [(&str, &str); 11] = [
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
        "6-breaks",
        include_str!("../../tests/scenarios/library-6-breaks.json"),
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

/// A scenario's step as the card lists it. A request that carries its own `Cookie` header (a
/// recording's hand edit or forgery, a library file's) says so, with the header: the step
/// read as the one before it, and the forgery was only in the file (review).
pub fn step_text(l: Lang, step: &Step) -> String {
    match step {
        Step::Request(r) => request_text(l, r),
        // as the timeline says it ("1 h", not "3600000 ms")
        Step::Advance(ms) => fill(t(l, Key::StepAdvance), &[("by", &duration_text(l, *ms))]),
        Step::RestartServer => t(l, Key::StepRestart).to_string(),
        Step::CloseBrowser(b) => fill(t(l, Key::StepClose), &[("browser", browser_name(l, *b))]),
        Step::Parallel(list) => {
            let each: Vec<String> = list
                .iter()
                .map(|(r, after)| {
                    let one = request_text(l, r);
                    if *after > 0 {
                        format!("{one} (+{after} ms)")
                    } else {
                        one
                    }
                })
                .collect();
            fill(t(l, Key::StepParallel), &[("requests", &each.join(" ‖ "))])
        }
    }
}

fn request_text(l: Lang, r: &RequestStep) -> String {
    let step = fill(
        t(l, Key::StepRequest),
        &[
            ("browser", browser_name(l, r.browser)),
            ("method", &r.method),
            ("url", &r.url),
        ],
    );
    match r.cookie_override() {
        None => step,
        Some("") => fill(t(l, Key::StepNoCookie), &[("step", &step)]),
        Some(c) => fill(t(l, Key::StepWithCookie), &[("step", &step), ("cookie", c)]),
    }
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

    #[test]
    fn a_step_with_its_own_cookie_says_so_with_the_header() {
        let (_, text) = LIBRARY.iter().find(|(c, _)| *c == "1-cookie").unwrap();
        let s = parse(text).unwrap();
        let shown: Vec<String> = s.steps.iter().map(|st| step_text(Lang::En, st)).collect();
        assert!(
            shown.contains(
                &"Your browser: GET http://localhost:3000/, with its own Cookie: balance=9999"
                    .to_string()
            ),
            "{shown:?}"
        );
        // the jar's own cookie: the step as it was
        assert!(
            shown.contains(&"Your browser: GET http://localhost:3000/".to_string()),
            "{shown:?}"
        );
        let zh: Vec<String> = s.steps.iter().map(|st| step_text(Lang::Zh, st)).collect();
        assert!(
            zh.iter()
                .any(|x| x.ends_with("，带着自己的 Cookie: balance=9999")),
            "{zh:?}"
        );
        // an empty header: the jar's cookies are not sent
        let r = RequestStep {
            method: "GET".into(),
            url: "http://localhost:3000/".into(),
            browser: crate::engine::events::BrowserId::Attacker,
            headers: vec![("cookie".into(), String::new())],
        };
        assert!(step_text(Lang::En, &Step::Request(r)).ends_with("/, with an empty Cookie header"));
    }
}
