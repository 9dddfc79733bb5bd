//! Scenario files: parse, and when valid, replay them in the engine.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::{scenario, trace};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(sc) = scenario::parse(s) {
        if sc.steps.len() <= 64 {
            let _ = trace::trace(&sc, Box::new(SeededRandom(1)));
        }
    }
});
