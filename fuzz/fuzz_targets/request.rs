//! Whole requests: a fuzzed URL and Cookie header against every app.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::events::BrowserId;
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::lab::{Action, Lab, LabConfig, Navigate};
use session_lab::engine::server::App;
use session_lab::engine::store::MemoryKv;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let (path, cookie) = s.split_once('\n').unwrap_or((s, ""));
    for app in App::ALL {
        let mut lab = Lab::new(LabConfig::for_app(app), 1_700_000_000_000, Box::new(SeededRandom(3)), Box::<MemoryKv>::default()).unwrap();
        let mut n = Navigate::typed(BrowserId::Victim, &format!("http://localhost:3000{path}"));
        n.cookie_override = (!cookie.is_empty()).then(|| cookie.to_string());
        let _ = lab.apply(Action::Navigate(n));
        let _ = lab.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, "http://localhost:3000/")));
    }
});
