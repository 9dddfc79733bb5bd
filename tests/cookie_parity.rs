//! The server's `Cookie` header parser against the real one: every header in
//! tests/fixtures/cookie/parse.json (written by tests/parity/cookie.js from jshttp/cookie
//! 0.7.2's `parse`, the version express-session and cookie-parser pin) must give the same
//! cookies with the same values here.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use session_lab::engine::cookie_header::parse;

/// (name, value) pairs sorted by name: the object's own keys, whose order JavaScript decides
/// (integer-like keys first), compared as a set.
fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort();
    pairs
}

/// What the lab's parser gives for `header`, as the object `parse` returns would hold it.
fn lab(header: &str) -> Vec<(String, String)> {
    sorted(
        parse(header)
            .effective()
            .map(|p| (p.name.clone(), p.value.clone()))
            .collect(),
    )
}

#[test]
fn every_header_parses_as_jshttp_cookie_parses_it() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cookie/parse.json"
    );
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = all["cases"].as_array().unwrap();
    assert!(cases.len() >= 1500, "{} cases", cases.len());
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let header = c["header"].as_str().unwrap();
            let want = sorted(
                c["cookies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|kv| {
                        let kv = kv.as_array().unwrap();
                        (
                            kv[0].as_str().unwrap().into(),
                            kv[1].as_str().unwrap().into(),
                        )
                    })
                    .collect(),
            );
            let got = lab(header);
            (got != want).then(|| format!("{header:?}\n    cookie: {want:?}\n    lab:    {got:?}"))
        })
        .collect();
    assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
}
