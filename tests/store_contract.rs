//! One contract, every store: the same tests run against the MemoryStore, the persistent
//! (connect-mongo shaped) store and the connect-redis shaped store, then each store's own
//! differences are checked (including what each does at exactly the expiry instant).
#![cfg(not(target_arch = "wasm32"))]

use session_lab::engine::json::json;
use session_lab::engine::session::{Session, StoreKind};
use session_lab::engine::store::{
    redis_key, ttl_command, MemoryStore, PersistentStore, RedisStore, SessionStore, StoreError,
};

use session_lab::engine::store::contract::{session, NOW};

macro_rules! store_contract {
    ($($name:ident => $make:expr;)*) => {$(
        mod $name {
            use super::*;
            use session_lab::engine::store::contract;

            fn store() -> Box<dyn SessionStore> {
                $make
            }

            #[test]
            fn get_missing_is_none() {
                contract::get_missing_is_none(store().as_mut());
            }

            #[test]
            fn set_then_get_round_trips_json() {
                contract::set_then_get_round_trips_json(store().as_mut());
            }

            #[test]
            fn set_overwrites_in_place() {
                contract::set_overwrites_in_place(store().as_mut());
            }

            #[test]
            fn destroy_removes_and_is_idempotent() {
                contract::destroy_removes_and_is_idempotent(store().as_mut());
            }

            #[test]
            fn expired_sessions_read_as_missing() {
                contract::expired_sessions_read_as_missing(store().as_mut());
            }

            #[test]
            fn touch_moves_the_expiry() {
                contract::touch_moves_the_expiry(store().as_mut());
            }

            #[test]
            fn all_length_and_clear_see_only_live_sessions() {
                contract::all_length_and_clear_see_only_live_sessions(store().as_mut());
            }

            #[test]
            fn rows_show_what_is_held() {
                contract::rows_show_what_is_held(store().as_mut());
            }

            #[test]
            fn pages_lookups_and_sizes_agree_with_rows() {
                contract::pages_lookups_and_sizes_agree_with_rows(store().as_mut());
            }
        }
    )*};
}

store_contract! {
    memory => Box::new(MemoryStore::new());
    persistent => Box::new(PersistentStore::in_memory());
    redis => Box::new(RedisStore::in_memory());
}

#[test]
fn each_store_s_expiry_instant() {
    // MemoryStore: expired when expires <= now
    let mut m = MemoryStore::new();
    m.set("a", &session("a", Some(1000.0)), NOW).unwrap();
    assert_eq!(m.get("a", NOW + 1000).unwrap(), None);
    // connect-mongo: findOne needs expires > now
    let mut p = PersistentStore::in_memory();
    p.set("a", &session("a", Some(1000.0)), NOW).unwrap();
    assert_eq!(p.get("a", NOW + 1000).unwrap(), None);
    assert!(!p.has_live("a", NOW + 1000));
    // Redis: a key is gone only when now > its expiry time
    let mut r = RedisStore::in_memory();
    r.set("a", &session("a", Some(1000.0)), NOW).unwrap();
    assert!(r.has_live("a", NOW + 1000));
    assert_eq!(r.expired_held(NOW + 1000), 0);
    assert!(r.get("a", NOW + 1000).unwrap().is_some());
    assert_eq!(r.get("a", NOW + 1001).unwrap(), None);
    assert_eq!(r.len_raw(), 0, "the read deleted the expired key");
}

#[test]
fn redis_store_rounds_the_ttl_up_to_seconds_and_defaults_to_a_day() {
    let mut st = RedisStore::in_memory();
    st.set("none", &session("none", None), NOW).unwrap();
    st.set("short", &session("short", Some(10.0)), NOW).unwrap();
    st.set("odd", &session("odd", Some(1500.0)), NOW).unwrap();
    st.restart();
    assert_eq!(st.len_raw(), 3, "Redis outlives the app's process");
    let when = |st: &RedisStore, sid: &str| st.rows_find(sid).unwrap().expires.unwrap();
    assert_eq!(
        when(&st, "none"),
        NOW + 86_400_000,
        "no expiry: connect-redis's 86400 s"
    );
    assert_eq!(when(&st, "short"), NOW + 1000, "ceil(10 ms) = 1 s");
    assert_eq!(when(&st, "odd"), NOW + 2000, "ceil(1.5 s) = 2 s");
    assert_eq!(ttl_command(when(&st, "odd"), NOW + 499), 2);
    assert_eq!(ttl_command(when(&st, "odd"), NOW + 501), 1);
    assert_eq!(ttl_command(NOW, NOW + 1), -2);
    // the session outlives its cookie by the rounding: connect-redis never reads the expiry
    assert!(st.get("odd", NOW + 1600).unwrap().is_some());
    // the clock's sweep removes keys past their time
    assert_eq!(st.tick(NOW + 1000), Vec::<String>::new());
    assert_eq!(st.tick(NOW + 1001), vec!["short".to_string()]);
    let (key, held) = st.trace_entry(st.rows_find("none").unwrap(), NOW + 1001);
    assert_eq!(key, "sess:none");
    assert_eq!(held["pttl"], json!(86_400_000 - 1001));
    assert_eq!(st.kind(), StoreKind::Redis);
}

#[test]
fn redis_set_with_a_spent_ttl_destroys_and_touch_moves_only_the_expiry() {
    let mut st = RedisStore::in_memory();
    let mut s = session("a", Some(1000.0));
    st.set("a", &s, NOW).unwrap();
    let before = st.rows()[0].session_json.clone();
    s.cookie.touch(NOW + 500);
    st.touch("a", &s, NOW + 500).unwrap();
    assert_eq!(
        st.rows()[0].session_json,
        before,
        "EXPIRE leaves the value alone"
    );
    assert_eq!(st.rows()[0].expires, Some(NOW + 1500));
    // a touch of a missing key is not an error, and creates nothing
    st.touch("missing", &s, NOW).unwrap();
    assert_eq!(st.len_raw(), 1);
    // maxAge 0: the TTL is 0, so set calls destroy instead
    let zero = session("a", Some(0.0));
    assert!(st.set_destroys(&zero, NOW));
    assert!(!st.set_destroys(&s, NOW));
    st.set("a", &zero, NOW).unwrap();
    assert_eq!(st.len_raw(), 0);
    // an EXPIRE to a TTL that is not positive deletes the key
    st.set("b", &session("b", Some(1000.0)), NOW).unwrap();
    st.touch("b", &zero, NOW).unwrap();
    assert_eq!(st.len_raw(), 0);
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
    let mut r = RedisStore::in_memory();
    for junk in [
        "{",
        "{}",
        "{\"value\":\"{\",\"when\":4102444800000}",
        "{\"value\":5}",
    ] {
        r.put_raw("sess:x", junk).unwrap();
        assert!(r.get("x", NOW).is_err(), "{junk:?}");
        assert_eq!(r.rows().len(), 1);
        let _ = r.tick(NOW);
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

#[test]
fn load_is_get_then_create_session_in_the_stores_that_keep_text() {
    // MemoryStore and the Redis store read the usual text straight into a session; every
    // text must come out as `get` followed by `Session::from_stored` would make it, misses,
    // expiry and errors included
    let held = [
        r#"{"cookie":{"originalMaxAge":1000,"expires":"2023-11-14T22:13:21.000Z","httpOnly":true,"path":"/"},"views":2}"#,
        r#"{"cookie":{"originalMaxAge":null,"expires":null,"httpOnly":true,"path":"/"},"user":{"name":"a"}}"#,
        r#"{"cookie":{"originalMaxAge":1000,"expires":"2023-11-14T22:13:20.500Z"},"views":2}"#,
        r#"{ "cookie":{"expires":null},"views":1.5}"#,
        r#"{"cookie":{"secure":"yes"}}"#,
        r#"{"views":1}"#,
        "null",
        "{",
    ];
    fn compare<S: SessionStore>(make: impl Fn() -> S, what: &str, text: &str, now: i64) {
        let (mut a, mut b) = (make(), make());
        let loaded = a.load("s", now).map(|o| o.map(|r| format!("{r:?}")));
        let made = b
            .get("s", now)
            .map(|o| o.map(|v| format!("{:?}", Session::from_stored("s".into(), v))));
        assert_eq!(loaded, made, "{what}: {text} at {now}");
        assert_eq!(
            a.rows(),
            b.rows(),
            "{what}: {text} at {now}: the same entries are left"
        );
    }
    for text in held {
        // at NOW + 1000 the first and third texts have expired in the MemoryStore, and every
        // Redis key (each is written to expire at NOW + 500)
        for now in [NOW, NOW + 1000] {
            let memory = || {
                let mut m = MemoryStore::new();
                m.put_raw("s", text);
                m
            };
            compare(memory, "memory", text, now);
            let redis = || {
                let mut r = RedisStore::in_memory();
                // the backend keeps each key's text beside its expiry
                let entry = json!({"value": text, "when": NOW + 500}).to_string();
                r.put_raw(&redis_key("s"), &entry).unwrap();
                r
            };
            compare(redis, "redis", text, now);
        }
    }
}
