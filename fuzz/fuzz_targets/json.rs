//! Our JSON.parse (src/engine/json/parse.rs) against serde_json on any text: both accept it or
//! both refuse it with the same message, line and column; an accepted text prints back as the
//! same JSON.stringify text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::json;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let ours = json::from_str(s);
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(theirs) => {
            let ours = ours.expect("serde_json reads it, so must we");
            // serde_json prints JSON our parser reads back: the two trees then print alike
            let again = json::from_str(&theirs.to_string()).expect("serde_json's own output");
            assert_eq!(json::stringify(&ours), json::stringify(&again), "{s:?}");
        }
        Err(e) => {
            let ours = ours.expect_err("serde_json refuses it, so must we");
            assert_eq!(ours.to_string(), e.to_string(), "{s:?}");
        }
    }
});
