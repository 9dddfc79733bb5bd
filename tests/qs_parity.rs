//! `req.query` against Express: every case in tests/fixtures/js/qs.json (written by
//! tests/parity/qs.js with Express 4.22.3's own query parser, qs 6.16) must come out of
//! `parse_query` with the same `JSON.stringify` text (key order and arrays against objects
//! included) and the same `util.inspect` text (what `console.log(req.query)` prints). And the
//! parser never panics, whatever the query.
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::inspect::{inspect, Shown};
use session_lab::engine::json::{from_str, stringify, Value};
use session_lab::engine::server::express::parse_query;

fn clip(s: &str) -> String {
    session_lab::engine::clip(s, 120).into_owned()
}

#[test]
fn req_query_is_what_express_parses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/js/qs.json");
    let all = from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(all["qs"], "6.16.2");
    let cases = all["cases"].as_array().unwrap();
    assert!(cases.len() >= 1150, "{} cases", cases.len());
    let mut bad = Vec::new();
    for c in cases {
        let query = c["query"].as_str().unwrap();
        let parsed = Value::Object(parse_query(query));
        let json = stringify(&parsed);
        let inspected = inspect(&Shown::json(&parsed));
        if json != c["json"].as_str().unwrap() {
            bad.push(format!(
                "{:?}\n  Express: {}\n  lab:     {}",
                clip(query),
                clip(c["json"].as_str().unwrap()),
                clip(&json)
            ));
        } else if inspected != c["inspected"].as_str().unwrap() {
            bad.push(format!(
                "{:?} (util.inspect)\n  Express: {}\n  lab:     {}",
                clip(query),
                clip(c["inspected"].as_str().unwrap()),
                clip(&inspected)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} differ:\n{}",
        bad.len(),
        cases.len(),
        bad.join("\n")
    );
}

/// Long and hostile queries finish quickly: qs's limits (1,000 parts, depth 5, arrays up to
/// 1,000) bound the work, whatever the length.
#[test]
fn hostile_queries_stay_cheap() {
    let long = |piece: &str, n: usize| piece.repeat(n);
    let started = std::time::Instant::now();
    for q in [
        long("[", 200_000),
        long("]", 200_000),
        format!("a{}=1", long("[", 100_000)),
        format!("a{}=1", long("[b]", 100_000)),
        format!("a{}=1", long("[[", 50_000)),
        long("a[]=1&", 50_000),
        long("a[999]=1&", 50_000),
        long("a[1000]=1&a=2&", 20_000),
        long("a[][999]=1&", 20_000),
        long("a=1&a[b]=2&", 20_000),
        long("a[99999999999999999999]=1&a=2&", 20_000),
        long("%", 100_000),
        long("%E2%9C", 30_000),
        (0..2000).map(|i| format!("a[{i}]=x&")).collect(),
        (0..2000).map(|i| format!("a[][{i}]=x&")).collect(),
        // a thousand keys, each five arrays deep with the element at 999: sparse, as in V8
        (0..1000)
            .map(|i| format!("k{i}[999][999][999][999][999]=x&"))
            .collect(),
        (0..1000).map(|i| format!("a[{i}][999][999]=x&")).collect(),
    ] {
        let _ = parse_query(&q);
    }
    // generous: debug build on a shared two-core machine
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Any text at all.
    #[test]
    fn never_panics_on_any_text(s in "\\PC*") {
        let _ = parse_query(&s);
    }

    /// Texts made of the pieces qs cares about, so that keys collide, nest and overflow.
    #[test]
    fn never_panics_on_query_pieces(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "a", "b", "[", "]", "[]", "[0]", "[1]", "[20]", "[999]", "[1000]", "[4294967295]",
        "[100000000000000000000]", "=", "&", "%", "%5B", "%5D", "%E2", "%9C%93", "+", ".",
        "__proto__", "constructor", "0", "é", "😀",
    ]), 0..40)) {
        let q = pieces.concat();
        let parsed = Value::Object(parse_query(&q));
        // what the lab prints of it is JSON that reads back to the same value
        proptest::prop_assert_eq!(from_str(&stringify(&parsed)).ok(), Some(parsed));
    }
}
