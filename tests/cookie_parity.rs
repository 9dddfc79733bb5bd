//! The server's `Cookie` header parser against the real one: every header in
//! tests/fixtures/cookie/cookie.json (written by tests/parity/cookie.js from jshttp/cookie
//! 0.7.2's `parse`, the version express-session and cookie-parser pin) must give the same
//! cookies with the same values here.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use session_lab::engine::cookie_header::parse;

/// tests/fixtures/cookie/cookie.json, read.
fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cookie/cookie.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

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
    let all = fixture();
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

/// `cookie.serialize(name, value, options)` as express-session calls it: the `Set-Cookie`
/// bytes, or the `TypeError`'s message, for 1,200 seeded names, values and option sets.
#[test]
fn every_set_cookie_serializes_as_jshttp_cookie_writes_it() {
    use session_lab::engine::clock::JsDate;
    use session_lab::engine::cookie_header::{serialize, SameSiteOption, SerializeOptions};
    let all = fixture();
    let cases = all["serialized"].as_array().unwrap();
    assert!(cases.len() >= 1200, "{} cases", cases.len());
    let mut errors = 0;
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let o = &c["opts"];
            let text = |k: &str| o[k].as_str().map(str::to_string);
            let flag = |k: &str| o[k].as_bool() == Some(true);
            let opts = SerializeOptions {
                max_age: match &o["maxAge"] {
                    Value::String(s) if s == "Infinity" => Some(f64::INFINITY),
                    v => v.as_f64(),
                },
                domain: text("domain"),
                path: text("path"),
                expires: o["expires"].as_f64().map(JsDate::new),
                http_only: flag("httpOnly"),
                secure: flag("secure"),
                partitioned: flag("partitioned"),
                priority: text("priority"),
                same_site: match &o["sameSite"] {
                    Value::Bool(true) => Some(SameSiteOption::True),
                    Value::String(s) => Some(SameSiteOption::Str(s.clone())),
                    _ => None,
                },
            };
            let (name, value) = (c["name"].as_str().unwrap(), c["value"].as_str().unwrap());
            let want = match &c["out"] {
                Value::String(s) => s.clone(),
                e => {
                    errors += 1;
                    format!("TypeError: {}", e["error"].as_str().unwrap())
                }
            };
            let got = serialize(name, value, &opts)
                .unwrap_or_else(|e| format!("TypeError: {}", e.message()));
            (got != want).then(|| {
                format!("{name:?} {value:?} {o}\n    cookie: {want:?}\n    lab:    {got:?}")
            })
        })
        .collect();
    assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
    // both kinds of answer are exercised
    assert!(
        errors > 100 && errors < cases.len() - 100,
        "{errors} errors"
    );
}

/// cookie-signature 1.0.7, express-session's own copy: `sign`, and `unsign` of the signed
/// value, of it with one character changed, of the value signed with another secret, and of
/// junk (`false` where the package refuses).
#[test]
fn signatures_sign_and_verify_as_cookie_signature_does() {
    use session_lab::engine::signature::{sign, unsign};
    let all = fixture();
    let cases = all["signed"].as_array().unwrap();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let (mut accepted, mut refused) = (0, 0);
    let mut bad = Vec::new();
    for c in cases {
        let (value, secret) = (c["value"].as_str().unwrap(), c["secret"].as_str().unwrap());
        let signed = sign(value, secret);
        if signed != c["signed"].as_str().unwrap() {
            bad.push(format!(
                "sign({value:?}, {secret:?}): lab {signed:?}, Node {}",
                c["signed"]
            ));
        }
        for u in c["unsign"].as_array().unwrap() {
            let input = u[0].as_str().unwrap();
            let want = u[1].as_str().map(str::to_string);
            let got = unsign(input, &[secret.to_string()]).ok().map(|v| v.value);
            match &want {
                Some(_) => accepted += 1,
                None => refused += 1,
            }
            if got != want {
                bad.push(format!(
                    "unsign({input:?}, {secret:?}): lab {got:?}, Node {want:?}"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
    assert!(
        accepted >= 300 && refused >= 600,
        "{accepted} accepted, {refused} refused"
    );
}
