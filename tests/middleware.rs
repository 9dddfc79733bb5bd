//! The session methods no lesson route calls (save, reload, touch), checked against what
//! express-session 1.19 does (see shared/reference/express-session-behaviour.md, "Session
//! methods", verified there with a spy store).
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::events::Event;
use session_lab::engine::ids::{IdGenerator, IdScheme, SeededRandom};
use session_lab::engine::json::{json, Value};
use session_lab::engine::session::middleware::{begin, Entry, Env, SessionRequest, SessionState};
use session_lab::engine::session::SessionOptions;
use session_lab::engine::signature::sign;
use session_lab::engine::store::{MemoryStore, SessionStore};
use session_lab::engine::uri::encode_uri_component;

const NOW: i64 = 1_700_000_000_000;

fn opts(v: Value) -> SessionOptions {
    let Value::Object(m) = v else { unreachable!() };
    SessionOptions::from_json(&m).unwrap()
}

struct World {
    store: MemoryStore,
    ids: IdGenerator,
    events: Vec<Event>,
}

impl World {
    fn new() -> World {
        World {
            store: MemoryStore::new(),
            ids: IdGenerator::new(IdScheme::Sequential, Box::new(SeededRandom(1))),
            events: Vec::new(),
        }
    }
    fn env(&mut self) -> Env<'_> {
        Env {
            store: &mut self.store,
            ids: &mut self.ids,
            now: NOW,
            events: &mut self.events,
            quiet: false,
        }
    }
    fn calls(&mut self) -> Vec<&'static str> {
        let c = self
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Store(c) => Some(c.op.name()),
                _ => None,
            })
            .collect();
        self.events.clear();
        c
    }
}

fn start(o: &SessionOptions, w: &mut World, cookie: Option<&str>) -> SessionState {
    let req = SessionRequest {
        pathname: "/",
        cookie_header: cookie,
        ..Default::default()
    };
    match begin(o, &req, &mut w.env()) {
        Entry::Ready(s) => s,
        other => panic!("{other:?}"),
    }
}

fn cookie_for(sid: &str) -> String {
    format!(
        "connect.sid={}",
        encode_uri_component(&format!("s:{}", sign(sid, "zfpx")))
    )
}

fn finish(o: &SessionOptions, w: &mut World, st: &mut SessionState) -> Option<String> {
    let h = st.on_headers(o, &mut w.env());
    st.on_end(o, &mut w.env()).unwrap();
    h
}

#[test]
fn save_then_no_change_skips_the_end_save_but_an_existing_session_is_touched() {
    let o = opts(json!({"secret": "zfpx", "resave": false, "saveUninitialized": false}));
    let mut w = World::new();
    w.store.put_raw(
        "s1",
        r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"},"n":1}"#,
    );
    let mut st = start(&o, &mut w, Some(&cookie_for("s1")));
    st.session().unwrap().set("n", Some(json!(2)));
    st.save(&mut w.env()).unwrap();
    finish(&o, &mut w, &mut st);
    // get, set (save), touch (end): the verified pattern
    assert_eq!(w.calls(), ["get", "set", "touch"]);
}

#[test]
fn explicitly_saved_empty_new_session_is_stored_without_a_cookie() {
    let o = opts(json!({"secret": "zfpx", "resave": false, "saveUninitialized": false}));
    let mut w = World::new();
    let mut st = start(&o, &mut w, None);
    st.save(&mut w.env()).unwrap();
    let h = finish(&o, &mut w, &mut st);
    assert_eq!(h, None, "the orphan: stored, but no Set-Cookie");
    assert_eq!(w.calls(), ["set"]);
    assert_eq!(w.store.len_raw(), 1);
}

#[test]
fn regenerate_then_save_writes_twice() {
    let o = opts(json!({"secret": "zfpx", "resave": true, "saveUninitialized": true}));
    let mut w = World::new();
    w.store.put_raw(
        "old",
        r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"}}"#,
    );
    let mut st = start(&o, &mut w, Some(&cookie_for("old")));
    st.regenerate(&o, &mut w.env()).unwrap();
    st.session().unwrap().set("user", Some(json!("alice")));
    st.save(&mut w.env()).unwrap();
    let h = finish(&o, &mut w, &mut st);
    assert!(
        h.unwrap().starts_with("connect.sid=s%3A1."),
        "the new id is sent"
    );
    // express re-wraps nothing after regenerate, so the end-of-request save happens too
    assert_eq!(w.calls(), ["get", "destroy", "set", "set"]);
}

#[test]
fn reload_reads_the_store_and_fails_when_the_session_is_gone() {
    let o = opts(json!({"secret": "zfpx", "resave": false, "saveUninitialized": true}));
    let mut w = World::new();
    w.store.put_raw(
        "s1",
        r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"},"n":1}"#,
    );
    let mut st = start(&o, &mut w, Some(&cookie_for("s1")));
    st.session().unwrap().set("n", Some(json!(5)));
    w.store.put_raw(
        "s1",
        r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"},"n":9}"#,
    );
    st.reload(&mut w.env()).unwrap();
    assert_eq!(
        st.session().unwrap().get("n"),
        Some(&json!(9)),
        "unsaved changes are lost"
    );
    w.store.destroy("s1").unwrap();
    assert_eq!(
        st.reload(&mut w.env()),
        Err("failed to load session".to_string())
    );
}

#[test]
fn touch_resets_expiry_from_original_max_age() {
    let o = opts(
        json!({"secret": "zfpx", "resave": false, "saveUninitialized": true, "cookie": {"maxAge": 2000}}),
    );
    let mut w = World::new();
    let mut st = start(&o, &mut w, None);
    let s = st.session().unwrap();
    s.cookie.set_max_age(Some(5000.0), NOW);
    assert_eq!(s.cookie.original_max_age, Some(5000.0));
    let mut later = Env {
        store: &mut w.store,
        ids: &mut w.ids,
        now: NOW + 100,
        events: &mut w.events,
        quiet: false,
    };
    st.touch(&mut later);
    let s = st.session().unwrap();
    assert_eq!(s.cookie.expires.and_then(|d| d.millis()), Some(NOW + 5100));
}
