//! The browser jar: Set-Cookie parsing and storage, then building a Cookie header.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::jar::{parse_cookie_date, Api, Jar, RequestContext};
use session_lab::engine::url::Url;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = parse_cookie_date(s);
    let mut jar = Jar::new();
    let url = Url::parse("https://a.example.com/x/y").unwrap();
    let ctx = RequestContext::typed("GET");
    for (i, line) in s.split('\n').enumerate() {
        let _ = jar.set_from(line, &url, &ctx, if i % 2 == 0 { Api::Http } else { Api::Script }, 1_700_000_000_000 + i as i64);
    }
    let _ = jar.cookie_header(&url, &ctx, Api::Http, 1_700_000_000_000);
    let _ = jar.close_browser();
});
