//! The simulated browser's URL parser: typed addresses, absolute URLs and references joined
//! to a page. Never panics, and what it prints parses back to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::url::Url;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let (a, b) = s.split_once('\n').unwrap_or((s, ""));
    for parsed in [Url::parse(a), Url::parse_typed(a)] {
        if let Ok(u) = parsed {
            let again = Url::parse(&u.href()).expect("an href parses");
            assert_eq!(again, u);
            if let Ok(j) = u.join(b) {
                assert_eq!(Url::parse(&j.href()).expect("a joined href parses"), j);
            }
        }
    }
});
