//! One contract, every store: the same tests run against the MemoryStore and the persistent
//! (connect-mongo shaped) store, then each store's own differences are checked.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use session_lab::engine::clock::Millis;
use session_lab::engine::session::{CookieOpt, CookieOptions, Session, SessionCookie, StoreKind};
use session_lab::engine::store::{MemoryStore, PersistentStore, SessionStore, StoreError};

const NOW: Millis = 1_700_000_000_000;

fn session(id: &str, max_age: Option<f64>) -> Session {
    let opts = CookieOptions(
        max_age
            .map(|m| vec![CookieOpt::MaxAge(Some(m))])
            .unwrap_or_default(),
    );
    let mut s = Session::new(id.into(), SessionCookie::from_options(&opts, NOW));
    s.set("views", Some(json!(1)));
    s
}

macro_rules! store_contract {
    ($($name:ident => $make:expr;)*) => {$(
        mod $name {
            use super::*;

            fn store() -> Box<dyn SessionStore> {
                $make
            }

            #[test]
            fn get_missing_is_none() {
                assert_eq!(store().get("nope", NOW).unwrap(), None);
            }

            #[test]
            fn set_then_get_round_trips_json() {
                let mut st = store();
                let s = session("a", Some(60_000.0));
                st.set("a", &s, NOW).unwrap();
                let got = st.get("a", NOW).unwrap().unwrap();
                assert_eq!(session_lab::engine::json::stringify(&got), s.to_json_string());
                let back = Session::from_stored("a".into(), &got).unwrap();
                assert_eq!(back, s);
            }

            #[test]
            fn set_overwrites_in_place() {
                let mut st = store();
                st.set("a", &session("a", None), NOW).unwrap();
                st.set("b", &session("b", None), NOW).unwrap();
                let mut s = session("a", None);
                s.set("views", Some(json!(2)));
                st.set("a", &s, NOW).unwrap();
                let rows = st.rows();
                assert_eq!(rows.iter().map(|r| r.sid.as_str()).collect::<Vec<_>>(), ["a", "b"]);
                assert_eq!(st.get("a", NOW).unwrap().unwrap()["views"], json!(2));
            }

            #[test]
            fn destroy_removes_and_is_idempotent() {
                let mut st = store();
                st.set("a", &session("a", None), NOW).unwrap();
                st.destroy("a").unwrap();
                st.destroy("a").unwrap();
                assert_eq!(st.get("a", NOW).unwrap(), None);
                assert_eq!(st.len_raw(), 0);
            }

            #[test]
            fn expired_sessions_read_as_missing() {
                let mut st = store();
                st.set("a", &session("a", Some(1000.0)), NOW).unwrap();
                assert!(st.get("a", NOW + 999).unwrap().is_some());
                assert_eq!(st.get("a", NOW + 1000).unwrap(), None);
                assert_eq!(st.get("a", NOW + 5000).unwrap(), None);
            }

            #[test]
            fn touch_moves_the_expiry() {
                let mut st = store();
                let mut s = session("a", Some(1000.0));
                st.set("a", &s, NOW).unwrap();
                s.cookie.touch(NOW + 900);
                st.touch("a", &s, NOW + 900).unwrap();
                assert!(st.get("a", NOW + 1500).unwrap().is_some(), "touched to NOW+1900");
                assert_eq!(st.rows()[0].expires, Some(NOW + 1900));
                assert_eq!(st.get("a", NOW + 1900).unwrap(), None);
            }

            #[test]
            fn all_length_and_clear_see_only_live_sessions() {
                let mut st = store();
                st.set("short", &session("short", Some(10.0)), NOW).unwrap();
                st.set("long", &session("long", Some(100_000.0)), NOW).unwrap();
                st.set("none", &session("none", None), NOW).unwrap();
                assert_eq!(st.length(NOW).unwrap(), 3);
                let later = NOW + 50;
                let ids: Vec<String> = st.all(later).unwrap().into_iter().map(|(k, _)| k).collect();
                assert_eq!(ids, ["long", "none"]);
                assert_eq!(st.length(later).unwrap(), 2);
                st.clear().unwrap();
                assert_eq!(st.length(later).unwrap(), 0);
                assert_eq!(st.len_raw(), 0);
            }

            #[test]
            fn rows_show_what_is_held() {
                let mut st = store();
                let s = session("a", Some(60_000.0));
                st.set("a", &s, NOW).unwrap();
                let row = &st.rows()[0];
                assert_eq!(row.sid, "a");
                assert_eq!(row.session_json.as_deref(), Some(s.to_json_string().as_str()));
                assert_eq!(row.expires, Some(NOW + 60_000));
                assert!(row.bytes() >= s.to_json_string().len());
            }
        }
    )*};
}

store_contract! {
    memory => Box::new(MemoryStore::new());
    persistent => Box::new(PersistentStore::in_memory());
}

#[test]
fn memory_store_is_lazy_and_forgets_on_restart() {
    let mut st = MemoryStore::new();
    st.set("a", &session("a", Some(10.0)), NOW).unwrap();
    // nothing sweeps: the expired entry stays until something reads it
    assert!(st.tick(NOW + 1_000_000).is_empty());
    assert_eq!(st.len_raw(), 1);
    assert_eq!(st.get("a", NOW + 1_000_000).unwrap(), None);
    assert_eq!(st.len_raw(), 0, "the read deleted it");
    st.set("b", &session("b", None), NOW).unwrap();
    st.restart();
    assert_eq!(st.len_raw(), 0);
    assert_eq!(st.kind(), StoreKind::Memory);
}

#[test]
fn memory_store_touch_rewrites_the_cookie_but_not_the_data() {
    let mut st = MemoryStore::new();
    let mut s = session("a", Some(1000.0));
    st.set("a", &s, NOW).unwrap();
    s.set("views", Some(json!(99)));
    s.cookie.touch(NOW + 500);
    st.touch("a", &s, NOW + 500).unwrap();
    let got = st.get("a", NOW + 500).unwrap().unwrap();
    assert_eq!(got["views"], json!(1));
    assert_eq!(got["cookie"]["expires"], json!("2023-11-14T22:13:21.500Z"));
}

#[test]
fn persistent_store_keeps_documents_sweeps_and_uses_a_ttl() {
    let mut st = PersistentStore::in_memory();
    st.set("browser-session", &session("browser-session", None), NOW)
        .unwrap();
    st.set("short", &session("short", Some(10.0)), NOW).unwrap();
    st.restart();
    assert_eq!(st.len_raw(), 2, "the database outlives the process");
    // a cookie without expiry gets connect-mongo's 14-day ttl
    let row = st
        .rows()
        .into_iter()
        .find(|r| r.sid == "browser-session")
        .unwrap();
    assert_eq!(row.expires, Some(NOW + 14 * 86_400_000));
    assert_eq!(row.held["_id"], json!("browser-session"));
    // the TTL monitor removes expires < now
    assert_eq!(st.tick(NOW + 10), Vec::<String>::new());
    assert_eq!(st.tick(NOW + 11), vec!["short".to_string()]);
    assert_eq!(st.kind(), StoreKind::Persistent);
}

#[test]
fn persistent_touch_updates_only_the_document_expiry() {
    let mut st = PersistentStore::in_memory();
    let mut s = session("a", Some(1000.0));
    st.set("a", &s, NOW).unwrap();
    let before = st.rows()[0].session_json.clone();
    s.cookie.touch(NOW + 500);
    st.touch("a", &s, NOW + 500).unwrap();
    assert_eq!(
        st.rows()[0].session_json,
        before,
        "connect-mongo's touch only $sets expires"
    );
    assert_eq!(st.rows()[0].expires, Some(NOW + 1500));
    assert!(matches!(
        st.touch("missing", &s, NOW),
        Err(StoreError::TouchMissing(_))
    ));
}

#[test]
fn corrupt_data_is_an_error_not_a_panic() {
    let mut m = MemoryStore::new();
    for junk in ["{", "null", "", "\u{0}", "[1,", "{\"cookie\":"] {
        m.put_raw("x", junk);
        assert!(
            matches!(m.get("x", NOW), Err(StoreError::Corrupt { .. })),
            "{junk:?}"
        );
    }
    let mut p = PersistentStore::in_memory();
    for junk in [
        "{",
        "{}",
        "{\"session\":5,\"expires\":\"2099-01-01T00:00:00.000Z\"}",
        "{\"session\":\"{\",\"expires\":\"2099-01-01T00:00:00.000Z\"}",
    ] {
        p.put_raw("x", junk).unwrap();
        assert!(p.get("x", NOW).is_err(), "{junk:?}");
        let _ = p.rows();
        let _ = p.tick(NOW);
    }
}
