//! jshttp/cookie parse, decodeURIComponent and serialize round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::cookie_header::{parse, serialize, SerializeOptions};
use session_lab::engine::uri::{decode_uri_component, encode_uri_component};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let parsed = parse(s);
    for p in parsed.effective() {
        if let Ok(h) = serialize("n", &p.value, &SerializeOptions::default()) {
            assert_eq!(parse(&h).get("n").map(|x| x.value.as_str()), Some(p.value.as_str()));
        }
    }
    let _ = decode_uri_component(s);
    assert_eq!(decode_uri_component(&encode_uri_component(s)).as_deref(), Ok(s));
});
