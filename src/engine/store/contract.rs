//! The store contract: checks every [`SessionStore`] must pass, shared by the host tests
//! (tests/store_contract.rs: MemoryStore, and the persistent and redis stores over memory) and
//! the in-browser tests (tests/web.rs, the persistent store over localStorage).
//!
//! What happens at exactly the expiry instant differs between the real stores (MemoryStore and
//! MongoDB's `$gt` drop a session at its expiry, Redis one millisecond later), so the contract
//! checks just before and just after; each store's own tests pin its boundary.
#![allow(missing_docs)]

use super::SessionStore;
use crate::engine::clock::Millis;
use crate::engine::json::json;
use crate::engine::session::{CookieOpt, CookieOptions, Session, SessionCookie};

/// The contract's clock.
pub const NOW: Millis = 1_700_000_000_000;

/// A session with `views: 1`, created at `NOW`, with an optional `maxAge` (the contract's
/// fixture; the store-specific tests use it too).
pub fn session(id: &str, max_age: Option<f64>) -> Session {
    let opts = CookieOptions(
        max_age
            .map(|m| vec![CookieOpt::MaxAge(Some(m))])
            .unwrap_or_default(),
    );
    let mut s = Session::new(id.into(), SessionCookie::from_options(&opts, NOW));
    s.set("views", Some(json!(1)));
    s
}

pub fn get_missing_is_none(st: &mut dyn SessionStore) {
    assert_eq!(st.get("nope", NOW).unwrap(), None);
}

pub fn set_then_get_round_trips_json(st: &mut dyn SessionStore) {
    let st = &mut *st;
    let s = session("a", Some(60_000.0));
    st.set("a", &s, NOW).unwrap();
    let got = st.get("a", NOW).unwrap().unwrap();
    assert_eq!(crate::engine::json::stringify(&got), s.to_json_string());
    let back = Session::from_stored("a".into(), got).unwrap();
    assert_eq!(back, s);
}

pub fn set_overwrites_in_place(st: &mut dyn SessionStore) {
    let st = &mut *st;
    st.set("a", &session("a", None), NOW).unwrap();
    st.set("b", &session("b", None), NOW).unwrap();
    let mut s = session("a", None);
    s.set("views", Some(json!(2)));
    st.set("a", &s, NOW).unwrap();
    let rows = st.rows();
    assert_eq!(
        rows.iter().map(|r| r.sid.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(st.get("a", NOW).unwrap().unwrap()["views"], json!(2));
}

pub fn destroy_removes_and_is_idempotent(st: &mut dyn SessionStore) {
    let st = &mut *st;
    st.set("a", &session("a", None), NOW).unwrap();
    st.destroy("a").unwrap();
    st.destroy("a").unwrap();
    assert_eq!(st.get("a", NOW).unwrap(), None);
    assert_eq!(st.len_raw(), 0);
}

pub fn expired_sessions_read_as_missing(st: &mut dyn SessionStore) {
    let st = &mut *st;
    st.set("a", &session("a", Some(1000.0)), NOW).unwrap();
    assert!(st.get("a", NOW + 999).unwrap().is_some());
    assert_eq!(st.get("a", NOW + 1001).unwrap(), None);
    assert_eq!(st.get("a", NOW + 5000).unwrap(), None);
}

pub fn touch_moves_the_expiry(st: &mut dyn SessionStore) {
    let st = &mut *st;
    let mut s = session("a", Some(1000.0));
    st.set("a", &s, NOW).unwrap();
    s.cookie.touch(NOW + 900);
    st.touch("a", &s, NOW + 900).unwrap();
    assert!(
        st.get("a", NOW + 1500).unwrap().is_some(),
        "touched to NOW+1900"
    );
    assert_eq!(st.rows()[0].expires, Some(NOW + 1900));
    assert_eq!(st.get("a", NOW + 1901).unwrap(), None);
}

pub fn all_length_and_clear_see_only_live_sessions(st: &mut dyn SessionStore) {
    let st = &mut *st;
    st.set("short", &session("short", Some(10.0)), NOW).unwrap();
    st.set("long", &session("long", Some(100_000.0)), NOW)
        .unwrap();
    st.set("none", &session("none", None), NOW).unwrap();
    assert_eq!(st.length(NOW).unwrap(), 3);
    // later than `short`'s expiry, also when a store rounds it up to a whole second (Redis)
    let later = NOW + 1_500;
    let ids: Vec<String> = st.all(later).unwrap().into_iter().map(|(k, _)| k).collect();
    assert_eq!(ids, ["long", "none"]);
    assert_eq!(st.length(later).unwrap(), 2);
    st.clear().unwrap();
    assert_eq!(st.length(later).unwrap(), 0);
    assert_eq!(st.len_raw(), 0);
}

pub fn rows_show_what_is_held(st: &mut dyn SessionStore) {
    let st = &mut *st;
    let s = session("a", Some(60_000.0));
    st.set("a", &s, NOW).unwrap();
    let row = &st.rows()[0];
    assert_eq!(row.sid, "a");
    assert_eq!(
        row.session_json.as_deref(),
        Some(s.to_json_string().as_str())
    );
    assert_eq!(row.expires, Some(NOW + 60_000));
    assert!(row.bytes() >= s.to_json_string().len());
}

pub fn pages_lookups_and_sizes_agree_with_rows(st: &mut dyn SessionStore) {
    for i in 0..7 {
        let id = format!("s{i}");
        st.set(
            &id,
            &session(&id, if i % 2 == 0 { Some(1000.0) } else { None }),
            NOW,
        )
        .unwrap();
    }
    let all = st.rows();
    assert_eq!(st.len_raw(), 7);
    assert_eq!(st.rows_page(2, 3), all[2..5].to_vec());
    assert_eq!(st.rows_page(6, 10), all[6..].to_vec());
    assert!(st.rows_page(9, 3).is_empty());
    assert_eq!(st.rows_find("s3"), Some(all[3].clone()));
    assert_eq!(st.rows_find("nope"), None);
    assert!(
        st.has_live("s0", NOW)
            && !st.has_live("s0", NOW + 1001)
            && st.has_live("s1", NOW + 5_000_000)
    );
    assert_eq!(st.bytes_raw(), all.iter().map(|r| r.bytes()).sum::<usize>());
    // s0, s2, s4, s6 are past their expiry
    assert_eq!(st.expired_held(NOW + 1001), 4);
    st.destroy("s0").unwrap();
    assert_eq!(
        st.bytes_raw(),
        st.rows().iter().map(|r| r.bytes()).sum::<usize>()
    );
}

/// One check of the contract, run against a fresh store.
pub type Check = fn(&mut dyn SessionStore);

/// Every check, by name.
pub const ALL: &[(&str, Check)] = &[
    ("get_missing_is_none", get_missing_is_none),
    (
        "set_then_get_round_trips_json",
        set_then_get_round_trips_json,
    ),
    ("set_overwrites_in_place", set_overwrites_in_place),
    (
        "destroy_removes_and_is_idempotent",
        destroy_removes_and_is_idempotent,
    ),
    (
        "expired_sessions_read_as_missing",
        expired_sessions_read_as_missing,
    ),
    ("touch_moves_the_expiry", touch_moves_the_expiry),
    (
        "all_length_and_clear_see_only_live_sessions",
        all_length_and_clear_see_only_live_sessions,
    ),
    ("rows_show_what_is_held", rows_show_what_is_held),
    (
        "pages_lookups_and_sizes_agree_with_rows",
        pages_lookups_and_sizes_agree_with_rows,
    ),
];
