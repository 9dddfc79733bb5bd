//! A read-only window on the engine for the monkey test (through trunk's `window.wasmBindings`):
//! what the jar and store views should show, so the test can check the page against the
//! engine after every random action. It reads; it never changes anything.
use super::state::AppState;
use crate::model::workbench::{StoreShape, Workbench};
use serde_json::json;
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
        if let Some(p) = wb.past() {
            let sessions = matches!(p.store.shape, StoreShape::Sessions(_));
            return json!({
                "version": seen.version,
                "decoded": wb.decoded(),
                "travel": p.entry.id,
                "jar": p.jar.iter().map(|c| json!([c.cookie.name, c.cookie.value])).collect::<Vec<_>>(),
                "storeTotal": p.store.rows.len(),
                "storeNewest": p.store.rows.iter().take(50).map(|r| r.row.sid.clone()).collect::<Vec<_>>(),
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
            .map(|c| json!([c.name, c.value]))
            .collect();
        let uses = lab.config.app.uses_session();
        let total = if uses { lab.server.store.len_raw() } else { 0 };
        let newest: Vec<String> = if uses {
            let start = total.saturating_sub(50);
            let mut rows = lab.server.store.rows_page(start, total - start);
            rows.reverse();
            rows.into_iter().map(|r| r.sid).collect()
        } else {
            Vec::new()
        };
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
