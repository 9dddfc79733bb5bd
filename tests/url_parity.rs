//! The simulated browser's URL parser against the real one: every case in
//! tests/fixtures/url/whatwg.json (written by tests/parity/url.js from Node's `new URL()`, the
//! WHATWG URL parser browsers share) must come out the same here, but for what the lab leaves
//! out on purpose (src/engine/url.rs):
//! - the fragment and credentials (`#x`, `user:pass@`), which a browser never sends, are not
//!   kept, so they are removed from Node's answer before comparing;
//! - schemes other than http(s), bracketed IPv6 hosts and hosts that are not ASCII (which a
//!   browser turns into Punycode) are refused, each with its reason (`UnsupportedScheme`,
//!   `UnsimulatedHost`); a plain `BadHost` must be a host Node refuses too.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use session_lab::engine::url::{Url, UrlError};

fn cases() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/url/whatwg.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Node's href without what the lab's URLs leave out: the fragment and the credentials.
fn without_fragment_and_credentials(href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let Some((scheme, rest)) = href.split_once("://") else {
        return href.to_string();
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    format!("{scheme}://{host}{}", &rest[end..])
}

/// Whether a refusal here is one the lab makes on purpose, for what Node accepted.
fn refused_on_purpose(input: &str, node: &str, got: &UrlError) -> bool {
    match got {
        UrlError::UnsupportedScheme(_) => !node.starts_with("http:") && !node.starts_with("https:"),
        // a host that was not ASCII comes back from Node in Punycode
        UrlError::UnsimulatedHost(_) => {
            without_fragment_and_credentials(node).contains("://[")
                || (node.contains("xn--") && !input.contains("xn--"))
        }
        _ => false,
    }
}

/// Compares one case; `None` when it agrees, else a line saying how it differs.
fn differs(what: &str, got: Result<Url, UrlError>, want: Option<&str>) -> Option<String> {
    let agree = match (&got, want) {
        (Ok(u), Some(w)) => u.href() == without_fragment_and_credentials(w),
        (Err(_), None) => true,
        (Err(e), Some(w)) => refused_on_purpose(what, w, e),
        (Ok(_), None) => false,
    };
    (!agree).then(|| {
        format!(
            "{what}\n    Node: {want:?}\n    lab:  {:?}",
            got.map(|u| u.href())
        )
    })
}

#[test]
fn absolute_addresses_parse_as_in_node() {
    let all = cases();
    let cases = all["absolute"].as_array().unwrap();
    assert!(cases.len() >= 2500, "{} cases", cases.len());
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let input = c["input"].as_str().unwrap();
            differs(&format!("{input:?}"), Url::parse(input), c["href"].as_str())
        })
        .collect();
    assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn references_resolve_as_in_node() {
    let all = cases();
    let cases = all["joined"].as_array().unwrap();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let base = Url::parse(c["base"].as_str().unwrap()).unwrap();
            let input = c["input"].as_str().unwrap();
            differs(
                &format!("{} + {input:?}", base.href()),
                base.join(input),
                c["href"].as_str(),
            )
        })
        .collect();
    assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
}

/// The comparison itself can fail: a case the lab gets wrong is caught.
#[test]
fn a_wrong_answer_is_reported() {
    let u = Url::parse("http://localhost:3000/a").unwrap();
    assert!(differs("x", Ok(u.clone()), Some("http://localhost:3000/b")).is_some());
    assert!(differs("x", Ok(u.clone()), None).is_some());
    assert!(differs("x", Ok(u), Some("http://u:p@localhost:3000/a#f")).is_none());
    assert!(differs("x", Err(UrlError::BadHost("a".into())), Some("http://a/")).is_some());
    // "not simulated" is only for what the lab leaves out: an ASCII name is simulated
    assert!(differs(
        "x",
        Err(UrlError::UnsimulatedHost("a".into())),
        Some("http://a/")
    )
    .is_some());
}

/// A learner told why an address is refused: a host a browser would take is "not simulated",
/// not "invalid", in both languages.
#[test]
fn a_host_left_out_is_said_to_be_left_out() {
    use session_lab::i18n::Lang;
    use session_lab::model::explain::url_error_text;
    let e = Url::parse("http://[::1]:3000/").unwrap_err();
    assert_eq!(
        url_error_text(Lang::En, &e),
        "host [::1] is not simulated (IPv6 addresses and non-ASCII names are left out)"
    );
    let e = Url::parse("http://例子.com/").unwrap_err();
    assert!(url_error_text(Lang::Zh, &e).contains("不在模拟范围内"));
    let e = Url::parse("http://ex ample/").unwrap_err();
    assert_eq!(url_error_text(Lang::En, &e), "invalid host ex ample");
}
