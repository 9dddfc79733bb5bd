//! A read-only window on the engine for the monkey test (through trunk's `window.wasmBindings`):
//! what the jar and store views should show, so the test can check the page against the
//! engine after every random action. It reads; it never changes anything.
use super::state::AppState;
use crate::engine::json::json;
use crate::model::workbench::{StoreShape, Workbench};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

struct Seen {
    model: Rc<RefCell<Workbench>>,
    version: u64,
}

thread_local! {
    static SEEN: RefCell<Option<Seen>> = const { RefCell::new(None) };
}

/// Called by the App on every render with the state it rendered.
pub fn saw(s: &AppState) {
    SEEN.with(|x| {
        *x.borrow_mut() = Some(Seen {
            model: s.shared(),
            version: s.version(),
        })
    });
}

/// JSON: the jar the jar pane shows (unexpired cookies, name and raw value), the store's
/// size and its newest ids (up to 50, as the first page shows them), the clock, the version.
/// While travelling (`travel`: the entry's id), the jar and the store as they were after that
/// entry, as the past views list them (removed cookies and rows included).
#[wasm_bindgen]
pub fn lab_probe() -> String {
    SEEN.with(|x| {
        let x = x.borrow();
        let Some(seen) = x.as_ref() else {
            return "null".into();
        };
        let Ok(wb) = seen.model.try_borrow() else {
            return "null".into();
        };
        // the cookie inspector shows no jar and no store
        if wb.inspecting() {
            return "null".into();
        }
        if let Some(p) = wb.past() {
            let sessions = matches!(p.store.shape, StoreShape::Sessions(_));
            // as the past view draws it: app1's table, then app2's when each kept its own,
            // each its first 50 rows; the total is the one the first pager counts
            let tables: Vec<_> = std::iter::once(&p.store).chain(p.twin.as_ref()).collect();
            let totals: Vec<usize> = tables.iter().map(|t| t.rows.len()).collect();
            let total = totals.iter().copied().find(|n| *n > 50).unwrap_or(totals.iter().sum());
            let newest: Vec<String> = tables
                .iter()
                .flat_map(|t| t.rows.iter().take(50).map(|r| r.row.sid.clone()))
                .collect();
            return json!({
                "version": seen.version,
                "decoded": wb.decoded(),
                "travel": p.entry.id,
                "jar": p.jar.iter().map(|c| json!([&c.cookie.name, &c.cookie.value])).collect::<Vec<_>>(),
                "storeTotal": total,
                "storeNewest": newest,
                "usesSession": sessions,
                "now": wb.lab().now,
            })
            .to_string();
        }
        let lab = wb.lab();
        let who = wb.jar_owner();
        let jar: Vec<_> = lab
            .browser(who)
            .jar
            .cookies()
            .iter()
            .filter(|c| !c.expired(lab.now))
            .map(|c| json!([&c.name, &c.value]))
            .collect();
        let uses = lab.config.app.uses_session();
        // as the store view draws it: a table per store shown (one per instance, or the shared
        // one), each its newest 50 rows, keys as shown (Redis's `sess:<id>`); the total is the
        // one the first pager counts
        let stores = if uses { lab.stores() } else { Vec::new() };
        let totals: Vec<usize> = stores.iter().map(|(_, st)| st.len_raw()).collect();
        let total = totals
            .iter()
            .copied()
            .find(|n| *n > 50)
            .unwrap_or(totals.iter().sum());
        let newest: Vec<String> = stores
            .iter()
            .flat_map(|(_, st)| {
                let n = st.len_raw();
                let start = n.saturating_sub(50);
                let mut rows = st.rows_page(start, n - start);
                rows.reverse();
                let redis = st.kind() == crate::engine::session::StoreKind::Redis;
                rows.into_iter().map(move |r| {
                    if redis { crate::engine::store::redis_key(&r.sid) } else { r.sid }
                })
            })
            .collect();
        json!({
            "version": seen.version,
            "decoded": wb.decoded(),
            "jar": jar,
            "storeTotal": total,
            "storeNewest": newest,
            "usesSession": uses,
            "now": lab.now,
        })
        .to_string()
    })
}
