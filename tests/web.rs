//! Component tests: run in headless Chromium by wasm-bindgen-test-runner (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use session_lab::i18n::{t, Key, Lang};
use session_lab::ui::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<App>::with_root(host.clone()).render();
    host
}

async fn settle() {
    // let Yew run its scheduled renders and effects
    gloo::timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn shell_mounts_with_title_and_four_panes() {
    let host = mount();
    settle().await;
    let h1 = host
        .query_selector("h1")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        h1 == t(Lang::En, Key::AppTitle) || h1 == t(Lang::Zh, Key::AppTitle),
        "{h1}"
    );
    assert_eq!(host.query_selector_all("section.pane").unwrap().length(), 4);
}

#[wasm_bindgen_test]
async fn language_switch_changes_every_string() {
    let host = mount();
    settle().await;
    for (lang, label) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
        let buttons = host.query_selector_all(".segmented button").unwrap();
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().as_deref() == Some(label))
            .unwrap();
        wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&button).click();
        settle().await;
        let h1 = host
            .query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(h1, t(lang, Key::AppTitle));
        let root = web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .document_element()
            .unwrap();
        assert_eq!(root.get_attribute("lang").unwrap(), lang.tag());
        let panes = host.query_selector_all("section.pane h2").unwrap();
        assert_eq!(
            panes.item(0).unwrap().text_content().unwrap(),
            t(lang, Key::PaneBrowser)
        );
    }
}
