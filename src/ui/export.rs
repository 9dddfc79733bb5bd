//! The "Export as a Node project" button: builds the archive from the page model
//! ([`crate::model::export`]) when clicked, and hands it to the browser as a download.

use super::use_app;
use crate::i18n::{t, Key};
use crate::model::export::{folder_name, node_project, zip, zip_data_url};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Starts a download of `href` saved as `file`, through a link that is never shown.
fn download(href: &str, file: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let _ = a.set_attribute("href", href);
    let _ = a.set_attribute("download", file);
    let _ = a.set_attribute("hidden", "");
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// The button in the server pane's header.
#[component]
pub fn ExportButton() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let refused = wb.secret_hidden();
    let onclick = {
        let s = s.clone();
        Callback::from(move |_| {
            let wb = s.model();
            if let Ok(files) = node_project(&wb, wb.lang()) {
                let folder = folder_name(&wb);
                download(
                    &zip_data_url(&zip(&folder, &files)),
                    &format!("{folder}.zip"),
                );
            }
        })
    };
    let title = if refused {
        t(l, Key::ExportSecretHidden)
    } else {
        t(l, Key::ExportNodeHint)
    };
    html! {
        <button type="button" class="btn small" id="export-node" disabled={refused} {title} {onclick}>
            {t(l, Key::ExportNode)}
        </button>
    }
}
