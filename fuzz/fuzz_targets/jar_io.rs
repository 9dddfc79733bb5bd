//! Jar import: any text in any of the three formats is imported or rejected with a reason,
//! and whatever is imported exports and imports back to the same cookies (JSON keeps all).
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::model::jar_io::{export, import, Format};

const NOW: i64 = 1_700_000_000_000;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for f in Format::ALL {
        if let Ok(cookies) = import(s, f, "localhost", NOW) {
            let json = export(&cookies, Format::CookieEditorJson, NOW);
            let back = import(&json, Format::CookieEditorJson, "localhost", NOW)
                .unwrap_or_else(|e| panic!("exported JSON does not import: {e}\n{json}"));
            assert_eq!(back, cookies);
            let _ = export(&cookies, Format::Netscape, NOW);
            let _ = export(&cookies, Format::Header, NOW);
        }
    }
});
