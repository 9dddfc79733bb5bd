//! The page's saved state, as an older version or a stranger's tampering left it: decoding never
//! panics, and what it keeps encodes and decodes back to itself without new notices.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::model::persist::{decode, encode, valid_document};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let (saved, _) = decode(s, 1_700_000_000_000);
    let text = encode(&saved);
    let (again, notices) = decode(&text, 1_700_000_000_000);
    assert!(notices.is_empty(), "{notices:?} for {text}");
    assert_eq!(encode(&again), text);
    let _ = valid_document("id", s);
});
