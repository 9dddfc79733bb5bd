//! Fetching the English texts the module leaves out (`crate::i18n::english`): before the page
//! starts in English, when the learner picks English, and whenever the page finds itself in
//! English without them (a link, the embedding page or another tab chose it).

use crate::i18n::english;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches `strings-en.json` (asking for this build's fingerprint, so a cached file of another
/// build is not used) and installs it.
async fn fetch_english() -> Result<(), String> {
    let w = web_sys::window().ok_or("no window")?;
    let url = format!("./{}?v={}", english::FILE, english::hash_hex());
    let failed = |e: wasm_bindgen::JsValue| format!("{}: {e:?}", english::FILE);
    // the page's loader (scripts/loader.mjs) asked for it beside the wasm when the page
    // starts in English: that request, taken once (a response is read once), else a new one
    let key = wasm_bindgen::JsValue::from_str("labEnglish");
    let asked = js_sys::Reflect::get(&w, &key)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let request = match asked {
        Some(p) => {
            let _ = js_sys::Reflect::delete_property(&w, &key);
            p
        }
        None => w.fetch_with_str(&url),
    };
    let res: web_sys::Response = JsFuture::from(request)
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !res.ok() {
        return Err(format!("{}: HTTP {}", english::FILE, res.status()));
    }
    let text = JsFuture::from(res.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    english::install(&text)
}

/// Runs `then` once the English texts are here: at once if they are, else after fetching
/// them. If they cannot be fetched (offline), `then` still runs and English reads the zh-CN
/// texts; the console says why.
pub(crate) fn with_english(then: impl FnOnce() + 'static) {
    if english::loaded() {
        return then();
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = fetch_english().await {
            web_sys::console::warn_1(&e.into());
        }
        then();
    });
}
