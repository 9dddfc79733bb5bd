//! Living in another page: the postMessage API (`session-lab:ready`, `:resize`, `:solved` out;
//! `:load` and `:set` in, only from origins the embedder listed in `#allow=`), and the URL
//! fragment (read at load and on `hashchange`).

use crate::engine::json::{json, Value};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static ALLOW: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static LAST_HEIGHT: Cell<i32> = const { Cell::new(-1) };
    /// The height the page first had while it filled its frame (see [`post_height`]).
    static FILL_HEIGHT: Cell<i32> = const { Cell::new(0) };
}

/// Sets the origins whose messages are accepted (and to which messages are sent).
pub fn configure(allow: &[String]) {
    ALLOW.with(|a| *a.borrow_mut() = allow.to_vec());
}

/// The page that frames the lab, if any.
fn parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let p = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&p, &w)).then_some(p)
}

/// Sends a message to the framing page: to each allowed origin, or to any when none was listed
/// (the lab's messages carry nothing secret: ready, a height, a challenge's name).
pub fn post(v: &Value) {
    let Some(p) = parent() else { return };
    let Ok(msg) = js_sys::JSON::parse(&v.to_string()) else {
        return;
    };
    let targets = ALLOW.with(|a| a.borrow().clone());
    if targets.is_empty() {
        let _ = p.post_message(&msg, "*");
    } else {
        for t in targets {
            let _ = p.post_message(&msg, &t);
        }
    }
}

fn content_height() -> Option<i32> {
    let doc = web_sys::window()?.document()?;
    let body = doc.body()?;
    Some(body.get_bounding_client_rect().height().ceil() as i32)
}

/// Posts the page's height when it changed. Where the page fills its frame, it is as tall as
/// the frame, whatever it holds: there it asks for at least the height it had the first time
/// it filled it. A frame narrowed to a phone's tabs (696 px) and widened again had kept that
/// height, the panes side by side in it (zh teacher embed review).
fn post_height() {
    if let Some(mut h) = content_height() {
        if super::effects::media_matches(crate::model::workbench::FILL_SCREEN) {
            let first = FILL_HEIGHT.with(|f| {
                if f.get() == 0 {
                    f.set(h);
                }
                f.get()
            });
            h = h.max(first);
        }
        if LAST_HEIGHT.with(|l| l.replace(h)) != h {
            post(&json!({"type": "session-lab:resize", "height": h}));
        }
    }
}

/// What keeps the listeners alive; dropping it removes them.
pub struct Hooks {
    _message: Option<gloo::events::EventListener>,
    _hash: Option<gloo::events::EventListener>,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Option<Closure<dyn FnMut()>>,
}

impl Drop for Hooks {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

/// Starts listening: messages from allowed origins go to `on_message`, fragment changes to
/// `on_hash`; size changes are posted to the framing page. Then says `ready`.
pub fn install(on_message: impl Fn(Value) + 'static, on_hash: impl Fn(String) + 'static) -> Hooks {
    let Some(w) = web_sys::window() else {
        return Hooks {
            _message: None,
            _hash: None,
            observer: None,
            _on_resize: None,
        };
    };
    let message = gloo::events::EventListener::new(&w, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        let origin = e.origin();
        if !ALLOW.with(|a| a.borrow().contains(&origin)) {
            return;
        }
        // structured-clone data to JSON; anything that does not convert is not for us
        let text = js_sys::JSON::stringify(&e.data())
            .ok()
            .and_then(|s| s.as_string());
        let Some(v) = text.and_then(|t| crate::engine::json::from_str(&t).ok()) else {
            return;
        };
        let ours = v
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.starts_with("session-lab:"));
        if ours {
            on_message(v);
        }
    });
    let hash = gloo::events::EventListener::new(&w, "hashchange", move |_| {
        let h = fragment();
        // (the inspector's own entry, which Forward comes back to, is the inspector's to
        // open: read as a link it was taken out of the address at once)
        if h.contains('=') && h != crate::model::share::Tool::Inspect.fragment() {
            on_hash(h);
        }
    });
    let on_resize = Closure::<dyn FnMut()>::new(post_height);
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(o), Some(body)) = (&observer, w.document().and_then(|d| d.body())) {
        o.observe(&body);
    }
    post(&json!({"type": "session-lab:ready"}));
    post_height();
    Hooks {
        _message: Some(message),
        _hash: Some(hash),
        observer,
        _on_resize: Some(on_resize),
    }
}

/// The page's URL fragment, without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Takes lab state out of the address bar once applied (a reload then restores what was saved,
/// with the learner's progress, rather than the link's starting point).
pub fn strip_fragment() {
    let Some(w) = web_sys::window() else { return };
    if !fragment().contains('=') {
        return;
    }
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's address without its fragment (for share links).
pub fn base_url() -> String {
    web_sys::window()
        .map(|w| {
            let loc = w.location();
            format!(
                "{}{}{}",
                loc.origin().unwrap_or_default(),
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}
