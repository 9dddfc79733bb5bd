//! The cookie inspector: any pasted text with any secrets gives a report without a panic,
//! within its limits; and a cookie it signs inspects back as valid, with the same id.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::model::inspector::{inspect, secret_list, sign_cookie, Check, MAX_COOKIES};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // the pasted text, then the secrets field after the first NUL
    let (cookies, secrets) = s.split_once('\0').unwrap_or((s, "tobiiscool"));
    let secrets = secret_list(secrets);
    let report = inspect(cookies, &secrets);
    assert!(report.cookies.len() <= MAX_COOKIES);
    assert_eq!(report.secrets, secrets.len());
    // the first line as a session id, signed with the first secret
    let id = cookies.lines().next().unwrap_or("");
    if let Ok(signed) = sign_cookie("connect.sid", id, secrets.first().map(String::as_str)) {
        let back = inspect(&signed.cookie, &secrets);
        let found = back
            .cookies
            .iter()
            .find(|c| c.name == "connect.sid")
            .unwrap_or_else(|| panic!("the signed cookie is not found in {:?}", signed.cookie));
        assert_eq!(
            found.check,
            Check::Valid {
                sid: id.to_string(),
                secret_index: 0
            },
            "signed {id:?}"
        );
    }
});
