//! Share links: any URL fragment (and any `#scenario=` payload) is read without a panic, and
//! what it yields builds back into a fragment that reads the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::model::share;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let (f, _) = share::parse(s);
    let built = share::build(&f, true);
    let (again, ignored) = share::parse(&built);
    assert!(ignored.is_empty(), "a built fragment reads back cleanly: {built:?} {ignored:?}");
    assert_eq!(again, f, "{built:?}");
    if let Ok(text) = share::scenario_from_fragment(s) {
        let _ = session_lab::engine::scenario::parse(&text);
    }
});
