//! The pieces of JavaScript the engine writes by hand, against Node itself: every case in
//! tests/fixtures/js/builtins.json (written by tests/parity/js.js) must come out the same here.
//! `String(n)` and `Number(s)` print a session's counters and read what a learner types;
//! `encodeURIComponent` and `decodeURIComponent` carry cookie values; `JSON.stringify` writes
//! the stored session; escape-html and encodeurl are what express answers with.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use session_lab::engine::js::{number_to_string, string_to_number};
use session_lab::engine::json::quote;
use session_lab::engine::uri::{
    decode_uri_component, encode_uri_component, encode_url, escape_html,
};

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/js/builtins.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Lists the cases where `got` differs from Node, one line each.
fn check(what: &str, cases: Vec<(String, String, String)>) {
    let bad: Vec<String> = cases
        .into_iter()
        .filter(|(_, want, got)| want != got)
        .map(|(input, want, got)| format!("{what}({input}): Node {want:?}, lab {got:?}"))
        .collect();
    assert!(bad.is_empty(), "{} differ:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn numbers_print_as_string_n_does() {
    let all = fixture();
    let cases = all["number_to_string"].as_array().unwrap();
    assert!(cases.len() >= 1500);
    check(
        "String",
        cases
            .iter()
            .map(|c| {
                let n = c[0].as_f64().unwrap();
                (
                    n.to_string(),
                    c[1].as_str().unwrap().into(),
                    number_to_string(n),
                )
            })
            .collect(),
    );
}

#[test]
fn texts_read_as_number_s_reads_them() {
    let all = fixture();
    let cases = all["string_to_number"].as_array().unwrap();
    assert!(cases.len() >= 400);
    check(
        "Number",
        cases
            .iter()
            .map(|c| {
                let s = c[0].as_str().unwrap();
                (
                    format!("{s:?}"),
                    c[1].as_str().unwrap().into(),
                    number_to_string(string_to_number(s)),
                )
            })
            .collect(),
    );
}

#[test]
fn strings_encode_decode_quote_and_escape_as_node_and_express_do() {
    let all = fixture();
    let cases = all["strings"].as_array().unwrap();
    assert!(cases.len() >= 1500);
    let field = |name: &str, f: &dyn Fn(&str) -> String| {
        check(
            name,
            cases
                .iter()
                .map(|c| {
                    let s = c["s"].as_str().unwrap();
                    let want = match &c[name] {
                        Value::String(v) => v.clone(),
                        _ => "URIError".to_string(),
                    };
                    (format!("{s:?}"), want, f(s))
                })
                .collect(),
        )
    };
    field("encodeURIComponent", &encode_uri_component);
    field("decodeURIComponent", &|s| {
        decode_uri_component(s).unwrap_or_else(|_| "URIError".into())
    });
    field("JSON", &quote);
    field("escapeHtml", &escape_html);
    field("encodeUrl", &encode_url);
}

#[test]
fn dates_print_and_read_back_as_javascript_dates_do() {
    use session_lab::engine::clock::JsDate;
    let all = fixture();
    let cases = all["dates"].as_array().unwrap();
    assert!(cases.len() >= 600);
    let ms = |v: &Value| v.as_f64().map_or("null".to_string(), |f| f.to_string());
    let mut out = Vec::new();
    for c in cases {
        let d = JsDate::new(c["t"].as_f64().unwrap());
        let t = ms(&c["t"]);
        out.push((
            format!("toUTCString {t}"),
            c["utc"].as_str().unwrap().to_string(),
            d.to_utc_string(),
        ));
        out.push((
            format!("toISOString {t}"),
            c["iso"].as_str().unwrap_or("RangeError").to_string(),
            d.to_iso_string().unwrap_or_else(|| "RangeError".into()),
        ));
        let read = |s: String| {
            let p = JsDate::parse(&s);
            if p.is_valid() {
                p.0.to_string()
            } else {
                "null".into()
            }
        };
        out.push((
            format!("Date.parse(toUTCString {t})"),
            ms(&c["parsedUtc"]),
            read(d.to_utc_string()),
        ));
        if let Some(iso) = d.to_iso_string() {
            out.push((format!("Date.parse({iso})"), ms(&c["parsedIso"]), read(iso)));
        }
    }
    check("Date", out);
}

/// The browser side: an `Expires` attribute read by RFC 6265's cookie-date algorithm, as
/// tough-cookie (the parity harness's browser jar) reads it.
#[test]
fn cookie_dates_read_as_the_harness_browser_reads_them() {
    use session_lab::engine::jar::parse_cookie_date;
    let all = fixture();
    let cases = all["cookie_dates"].as_array().unwrap();
    assert!(cases.len() >= 800);
    check(
        "parseDate",
        cases
            .iter()
            .map(|c| {
                let s = c[0].as_str().unwrap();
                let want = c[1].as_i64().map_or("null".to_string(), |m| m.to_string());
                let got = parse_cookie_date(s).map_or("null".to_string(), |m| m.to_string());
                (format!("{s:?}"), want, got)
            })
            .collect(),
    );
}
