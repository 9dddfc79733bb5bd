//! The hostile-value table (issue 8) at every engine entry point a learner can reach: the jar
//! editor, the address bar, the login form, the option fields, scenario files and share links.
//! Each value is either accepted and kept exactly as given (the page then shows it as text), or
//! refused with a reason; nothing else changes. The page-side half is e2e/tests/hostile.spec.mjs.
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::{BrowserId, Event};
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::jar::Cookie;
use session_lab::engine::json::{json, Value};
use session_lab::engine::lab::{Action, Lab, LabConfig, Navigate};
use session_lab::engine::scenario;
use session_lab::engine::server::App;
use session_lab::engine::store::MemoryKv;
use session_lab::engine::trace;
use session_lab::engine::uri::encode_uri_component;
use session_lab::model::share;

const NOW: i64 = 1_700_000_000_000;

/// The same table as e2e/hostile.mjs.
fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("img onerror", "<img src=x onerror=alert(1)>".into()),
        (
            "attribute break-out",
            "\"><script>window.__pwned=1</script>".into(),
        ),
        ("10 KB", "A".repeat(10 * 1024)),
        ("1 MB", "B".repeat(1024 * 1024)),
        (
            "control and NUL",
            "a\u{0}b\u{1}c\u{1f}\u{7f}d\r\ne\t".into(),
        ),
        ("lone surrogate escape", "%ED%A0%80".into()),
        ("bad escape", "%ZZ%".into()),
        (
            "emoji, RTL, ZWJ",
            "👩\u{200d}💻🍪 مرحبا \u{202e}evil\u{202c} a\u{200d}b".into(),
        ),
        ("negative", "-1".into()),
        ("zero", "0".into()),
        ("huge", "1e308".into()),
        ("NaN", "NaN".into()),
        ("word for a number", "sixty".into()),
    ]
}

fn new_lab(app: App) -> Lab {
    Lab::new(
        LabConfig::for_app(app),
        NOW,
        Box::new(SeededRandom(7)),
        Box::<MemoryKv>::default(),
    )
    .unwrap()
}

fn cookie(name: &str, value: &str) -> Cookie {
    Cookie::by_hand(name, value, "localhost", NOW)
}

fn jar(l: &Lab) -> Vec<(String, String)> {
    l.victim
        .jar
        .cookies()
        .iter()
        .map(|c| (c.name.clone(), c.value.clone()))
        .collect()
}

fn refused(events: &[Event]) -> bool {
    events.iter().any(|e| matches!(e, Event::Refused(_)))
}

#[test]
fn the_jar_editor_keeps_a_value_exactly_or_refuses_it_and_changes_nothing_else() {
    let mut accepted = 0;
    for (what, v) in hostile() {
        for (name, value) in [("h", v.as_str()), (v.as_str(), "1")] {
            let mut l = new_lab(App::Counter);
            l.apply(Action::JarPut(BrowserId::Victim, cookie("keep", "1")));
            let before = jar(&l);
            let o = l.apply(Action::JarPut(BrowserId::Victim, cookie(name, value)));
            let after = jar(&l);
            if refused(&o.events) {
                assert_eq!(after, before, "{what}: refused, yet the jar changed");
                // exactly the cases a browser's cookie editor refuses
                let control = |s: &str| s.contains(|c: char| c.is_control() && c != '\t');
                assert!(
                    control(name)
                        || control(value)
                        || name.contains([';', '='])
                        || value.contains(';')
                        || name.len() + value.len() > 4096,
                    "{what}: refused without cause"
                );
            } else {
                accepted += 1;
                assert_eq!(after[0], before[0], "{what}: the other cookie changed");
                assert_eq!(after[1], (name.to_string(), value.to_string()), "{what}");
                // and the next request carries it, byte for byte
                let o = l.apply(Action::Navigate(Navigate::typed(
                    BrowserId::Victim,
                    "http://localhost:3000/",
                )));
                let sent = o.exchanges[0].request.header("cookie").unwrap_or_default();
                assert!(
                    sent.contains(&format!("{name}={value}")),
                    "{what}: sent {sent:?}"
                );
            }
        }
    }
    assert!(accepted >= 18, "most of the table is storable ({accepted})");
}

#[test]
fn the_address_bar_loads_or_says_why_and_never_echoes_raw_html() {
    for (what, v) in hostile() {
        for url in [
            v.clone(),
            format!("http://localhost:3000/{v}"),
            format!("http://localhost:3000/?q={v}"),
        ] {
            let mut l = new_lab(App::Counter);
            let o = l.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, &url)));
            if o.exchanges.is_empty() {
                // not a URL: the outcome says so
                assert!(
                    !o.events.is_empty(),
                    "{what}: {url:.40} did nothing, silently"
                );
                assert!(l.server.store.len_raw() == 0, "{what}: the store changed");
                continue;
            }
            for x in &o.exchanges {
                // Express's 404 page escapes the path it echoes
                assert!(
                    !x.response.body.contains("<img") && !x.response.body.contains("<script"),
                    "{what}: the server echoed raw HTML"
                );
            }
        }
    }
}

#[test]
fn the_login_form_keeps_the_username_exactly_as_the_seed_app_would() {
    for (what, v) in hostile() {
        let mut l = new_lab(App::AuthSeed);
        let url = format!(
            "http://localhost:8080/login?username={}",
            encode_uri_component(&v)
        );
        let o = l.apply(Action::Navigate(Navigate::typed(BrowserId::Victim, &url)));
        let Some(last) = o.exchanges.last() else {
            // refused before it was sent (a 1 MB address): with a reason, and nothing stored
            assert!(
                o.events
                    .iter()
                    .any(|e| matches!(e, Event::NavigationFailed { reason, .. } if !reason.to_string().is_empty())),
                "{what}: no response and no reason"
            );
            assert_eq!(l.server.store.len_raw(), 0, "{what}");
            continue;
        };
        assert_eq!(last.url.path, "/user", "{what}");
        // the seed renders it through an EJS template, which escapes HTML: the name arrives
        // intact and inert
        let escaped = v
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&#34;")
            .replace('\'', "&#39;");
        let body = &last.response.body;
        assert!(
            !body.contains("<img") && !body.contains("<script"),
            "{what}"
        );
        assert!(body.contains(&escaped), "{what}: {:.200}", body);
        assert_eq!(l.server.store.len_raw(), 1, "{what}: one session");
    }
}

fn configure(l: &mut Lab, overrides: Value) -> Vec<Event> {
    let Value::Object(m) = overrides else {
        unreachable!()
    };
    let mut c = l.config.clone();
    c.overrides = m;
    l.apply(Action::Configure(c)).events
}

#[test]
fn option_fields_start_the_server_with_the_value_or_fail_with_a_reason_and_keep_the_old_one() {
    let number = |v: &str| {
        session_lab::engine::json::from_str(v)
            .ok()
            .filter(Value::is_number)
            .unwrap_or_else(|| Value::String(v.into()))
    };
    for (what, v) in hostile() {
        for overrides in [
            json!({ "secret": &v }),
            json!({ "name": &v }),
            json!({ "cookie": { "maxAge": number(&v) } }),
            json!({ "cookie": { "maxAge": &v } }),
            json!({ "cookie": { "path": &v } }),
        ] {
            let mut l = new_lab(App::Counter);
            l.apply(Action::Navigate(Navigate::typed(
                BrowserId::Victim,
                "http://localhost:3000/",
            )));
            let (config, store) = (l.config.clone(), l.server.store.len_raw());
            let events = configure(&mut l, overrides.clone());
            let failed = events.iter().find_map(|e| match e {
                Event::ServerFailed { error } => Some(error.to_string()),
                _ => None,
            });
            match failed {
                Some(message) => {
                    assert!(!message.is_empty(), "{what}: a reason");
                    assert!(message.chars().count() < 500, "{what}: a readable reason");
                    assert_eq!(
                        l.config, config,
                        "{what}: {overrides:.60} changed the config"
                    );
                    assert_eq!(l.server.store.len_raw(), store, "{what}");
                }
                None => {
                    assert!(
                        events
                            .iter()
                            .any(|e| matches!(e, Event::ServerStarted { .. })),
                        "{what}"
                    );
                    assert_eq!(
                        Value::Object(l.config.overrides.clone()),
                        overrides,
                        "{what}: kept exactly"
                    );
                    // the restarted server answers (a 500 with a reason is an answer)
                    let o = l.apply(Action::Navigate(Navigate::typed(
                        BrowserId::Victim,
                        "http://localhost:3000/",
                    )));
                    assert!(!o.exchanges.is_empty(), "{what}");
                }
            }
        }
    }
}

#[test]
fn scenario_files_run_or_name_the_bad_path() {
    for (what, v) in hostile() {
        let files = [
            json!({ "app": "counter", "steps": [{ "request": { "url": &v } }] }),
            json!({ "app": "counter", "steps": [{ "request": { "url": "http://localhost:3000/",
                "headers": { "Cookie": &v } } }] }),
            json!({ "app": "counter", "options": { "secret": &v }, "steps": [{ "request": { "url": "http://localhost:3000/" } }] }),
            json!({ "app": "counter", "options": { "cookie": { "maxAge": &v } }, "steps": [] }),
            json!({ "app": &v, "steps": [] }),
            json!({ "app": "counter", "steps": [{ "advance": &v }] }),
        ];
        for f in files {
            let text = f.to_string();
            match scenario::parse(&text) {
                Err(e) => {
                    let shown = e.to_string();
                    assert!(!shown.is_empty(), "{what}: an error with a path");
                    assert!(
                        shown.chars().count() < 500,
                        "{what}: a readable error, not the file back"
                    );
                }
                Ok(s) => {
                    // runs to the end, or the server refuses its options with a reason
                    if let Err(e) = trace::trace(&s, Box::new(SeededRandom(1))) {
                        let shown = e.to_string();
                        assert!(!shown.is_empty() && shown.chars().count() < 500, "{what}");
                    }
                }
            }
        }
        // and as text that is not JSON at all
        assert!(scenario::parse(&v).is_err(), "{what}");
    }
}

#[test]
fn share_links_apply_a_value_or_ignore_it_with_a_notice() {
    for (what, v) in hostile() {
        let enc = encode_uri_component(&v);
        for key in [
            "lesson",
            "variant",
            "lang",
            "theme",
            "challenge",
            "panes",
            "allow",
            "opt.secret",
            "opt.cookie.maxAge",
            "opt.name",
            "scenario",
        ] {
            for raw in [format!("{key}={enc}"), format!("{key}={v}")] {
                let (f, ignored) = share::parse(&raw);
                let applied = f.lesson.is_some()
                    || f.variant.is_some()
                    || f.lang.is_some()
                    || f.theme.is_some()
                    || f.challenge.is_some()
                    || !f.panes.is_empty()
                    || !f.allow.is_empty()
                    || !f.options.is_empty()
                    || f.scenario.is_some();
                assert!(
                    applied || !ignored.is_empty(),
                    "{what}: {key} neither applied nor reported"
                );
                if !f.options.is_empty() {
                    // an option is kept only if a server starts with it
                    let mut c = LabConfig::for_app(App::Counter);
                    c.overrides = f.options.clone();
                    assert!(c.options().is_ok(), "{what}: {key}");
                }
                if let Some(b64) = f.scenario {
                    // a scenario that is not base64url JSON is an error, not a crash
                    let _ = share::scenario_from_fragment(&b64).map(|t| scenario::parse(&t));
                }
            }
        }
    }
}
