//! cookie-signature unsign with several secrets, and sign/unsign round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::signature::{sign, unsign};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let secrets = vec!["zfpx".to_string(), s.chars().take(8).collect()];
    let _ = unsign(s, &secrets);
    assert_eq!(unsign(&sign(s, "zfpx"), &secrets).map(|u| u.value).as_deref(), Ok(s));
});
