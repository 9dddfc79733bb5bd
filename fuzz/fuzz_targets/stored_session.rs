//! Stored blobs: what a store (or the browser's storage) holds, read back as a session, by the
//! MemoryStore, the connect-mongo shaped store and the connect-redis shaped store.
#![no_main]
use libfuzzer_sys::fuzz_target;
use session_lab::engine::session::Session;
use session_lab::engine::store::{MemoryStore, PersistentStore, RedisStore, SessionStore};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(v) = session_lab::engine::json::parse(s) {
        if let Ok(sess) = Session::from_stored("id".into(), &v) {
            let _ = sess.to_json_string();
            let _ = sess.cookie.serialize_options();
        }
        let _ = session_lab::engine::json::stringify(&v);
    }
    let mut m = MemoryStore::new();
    m.put_raw("id", s);
    let _ = m.get("id", 1_700_000_000_000);
    let _ = m.rows();
    let mut p = PersistentStore::in_memory();
    let _ = p.put_raw("id", s);
    let _ = p.get("id", 1_700_000_000_000);
    let _ = p.tick(1_800_000_000_000);
    let _ = p.rows();
    let mut r = RedisStore::in_memory();
    let _ = r.put_raw("sess:id", s);
    let _ = r.get("id", 1_700_000_000_000);
    let _ = r.tick(1_800_000_000_000);
    let _ = r.rows();
});
