//! Component tests: the page mounted in headless Chromium by wasm-bindgen-test-runner
//! (`make test-wasm`), driven through the DOM as a learner would.
#![cfg(target_arch = "wasm32")]

use session_lab::i18n::{t, Key, Lang};
use session_lab::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

thread_local! {
    /// The app the last test mounted.
    static MOUNTED: std::cell::RefCell<Option<yew::AppHandle<App>>> = const { std::cell::RefCell::new(None) };
}

async fn mount() -> web_sys::Element {
    // every test starts from a clean browser storage
    if let Ok(Some(s)) = web_sys::window().unwrap().local_storage() {
        let _ = s.clear();
    }
    // and from no other app: a test's app outlives its removed host (its effects and timers
    // still run) unless it is destroyed, so the one before goes first
    if let Some(before) = MOUNTED.with(|m| m.take()) {
        before.destroy();
    }
    // the test runner serves no strings-en.json: the English texts are installed from the
    // committed file, as the page installs what it fetches (e2e covers the fetch)
    session_lab::i18n::english::install(include_str!("../static/strings-en.json")).unwrap();
    let host = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&host).unwrap();
    let app = yew::Renderer::<App>::with_root(host.clone()).render();
    MOUNTED.with(|m| m.replace(Some(app)));
    // the jar, server and timeline panes fill in a task after the first render (ui::Later):
    // a test starts once the whole page is drawn
    let drawn = || {
        ["#h-jar", "#h-server", "#h-timeline"]
            .iter()
            .all(|sel| host.query_selector(sel).ok().flatten().is_some())
    };
    settle_until(drawn).await;
    host
}

async fn settle() {
    // let Yew run its scheduled renders and effects
    gloo::timers::future::TimeoutFuture::new(30).await;
}

/// Settles, then waits (up to 2 s) until `done` holds; the assertions after it say what failed.
async fn settle_until(done: impl Fn() -> bool) {
    settle().await;
    for _ in 0..100 {
        if done() {
            return;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
}

fn click(el: &web_sys::Element) {
    el.unchecked_ref::<web_sys::HtmlElement>().click();
}

fn button(host: &web_sys::Element, text: &str) -> web_sys::Element {
    let all = host.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .find(|b| b.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no button {text}"))
}

fn text(host: &web_sys::Element, sel: &str) -> String {
    host.query_selector(sel)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

async fn go(host: &web_sys::Element, url: &str) {
    let input: web_sys::HtmlInputElement = host
        .query_selector("#address")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(url);
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    click(
        &host
            .query_selector("form.addressbar button[type=submit]")
            .unwrap()
            .unwrap(),
    );
    settle().await;
}

#[wasm_bindgen_test]
async fn the_page_has_four_panes_and_six_lessons() {
    let host = mount().await;
    let h1 = text(&host, "h1");
    assert!(
        h1 == t(Lang::En, Key::AppTitle) || h1 == t(Lang::Zh, Key::AppTitle),
        "{h1}"
    );
    assert_eq!(host.query_selector_all("section.pane").unwrap().length(), 4);
    assert_eq!(
        host.query_selector_all("nav.lessons button")
            .unwrap()
            .length(),
        6
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn language_switch_changes_every_pane_title() {
    let host = mount().await;
    for (lang, label) in [(Lang::Zh, "中文"), (Lang::En, "English")] {
        click(&button(&host, label));
        // the document's language is an effect of the render: on a just-mounted app it can
        // follow the panes that fill in after the first render (ui::Later)
        let html_lang = || doc().document_element().unwrap().get_attribute("lang");
        settle_until(|| html_lang().as_deref() == Some(lang.tag())).await;
        assert_eq!(text(&host, "h1"), t(lang, Key::AppTitle));
        assert_eq!(
            doc()
                .document_element()
                .unwrap()
                .get_attribute("lang")
                .unwrap(),
            lang.tag()
        );
        assert_eq!(text(&host, "#h-browser"), t(lang, Key::PaneBrowser));
        assert_eq!(text(&host, "#h-jar"), t(lang, Key::PaneJar));
        assert_eq!(text(&host, "#h-server"), t(lang, Key::PaneServer));
        assert_eq!(text(&host, "#h-timeline"), t(lang, Key::PaneTimeline));
    }
    host.remove();
}

#[wasm_bindgen_test]
async fn a_visit_renders_the_page_fills_the_jar_and_logs_the_request() {
    let host = mount().await;
    click(&button(&host, "English"));
    settle().await;
    go(&host, "http://localhost:3000/").await;
    assert_eq!(
        text(&host, "#pane-browser .viewport .said"),
        "欢迎你新顾客，送你一张价值100元的剪发卡"
    );
    let name: web_sys::HtmlInputElement = host
        .query_selector("input[aria-label='Edit Name · balance']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(name.value(), "balance");
    assert_eq!(
        host.query_selector_all("#pane-timeline li.entry")
            .unwrap()
            .length(),
        2,
        "the start and one request"
    );
    // the lines that ran are highlighted
    assert!(
        host.query_selector_all("#pane-server .line.ran")
            .unwrap()
            .length()
            >= 5
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn hostile_values_are_shown_as_text() {
    let host = mount().await;
    click(&button(&host, "English"));
    settle().await;
    click(
        &host
            .query_selector_all("nav.lessons button")
            .unwrap()
            .item(3)
            .unwrap()
            .unchecked_into(),
    );
    settle().await;
    go(
        &host,
        "http://localhost:8080/login?username=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    )
    .await;
    let viewport = host
        .query_selector("#pane-browser .viewport")
        .unwrap()
        .unwrap();
    assert!(viewport
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    assert_eq!(
        viewport.query_selector_all("img").unwrap().length(),
        0,
        "no element was injected"
    );
    assert_eq!(host.query_selector_all("img").unwrap().length(), 0);
    host.remove();
}

fn clear_storage() {
    if let Ok(Some(s)) = web_sys::window().unwrap().local_storage() {
        s.clear().unwrap();
    }
}

#[wasm_bindgen_test]
fn the_store_contract_holds_over_local_storage() {
    use session_lab::engine::store::{contract, PersistentStore};
    use session_lab::ui::storage::LocalKv;
    for (name, check) in contract::ALL {
        clear_storage();
        let mut st = PersistentStore::new(Box::new(LocalKv::open()));
        check(&mut st);
        web_sys::console::log_1(&format!("contract over localStorage: {name} ok").into());
    }
}

#[wasm_bindgen_test]
fn local_storage_documents_outlive_the_page_and_take_other_tabs_writes() {
    use session_lab::engine::store::{KvBackend, PersistentStore, SessionStore};
    use session_lab::ui::storage::LocalKv;
    clear_storage();
    let doc = r#"{"_id":"a","session":"{\"cookie\":{\"originalMaxAge\":null,\"expires\":null,\"httpOnly\":true,\"path\":\"/\"},\"n\":1}","expires":"2099-01-01T00:00:00.000Z"}"#;
    let mut kv = LocalKv::open();
    kv.put("a", doc.to_string()).unwrap();
    // a fresh backend (as after a reload) reads what the first one wrote
    let mut st = PersistentStore::new(Box::new(LocalKv::open()));
    assert_eq!(st.get("a", 1_700_000_000_000).unwrap().unwrap()["n"], 1);
    // another tab's write arrives as a storage event
    let mut kv2 = LocalKv::open();
    kv2.external_change("b", Some(doc.replace("\"a\"", "\"b\"")));
    assert_eq!(kv2.keys().unwrap(), ["a", "b"]);
    kv2.external_change("a", None);
    assert_eq!(kv2.keys().unwrap(), ["b"]);
    // junk from another version is not taken
    kv2.external_change("c", Some("not json".into()));
    assert_eq!(kv2.keys().unwrap(), ["b"]);
    let _ = st.len_raw();
}

#[wasm_bindgen_test]
fn english_texts_come_from_the_file_the_module_expects() {
    use session_lab::i18n::english;
    let file = include_str!("../static/strings-en.json");
    english::install(file).unwrap();
    assert!(english::loaded());
    let texts = english::parse(file).unwrap();
    assert_eq!(t(Lang::En, Key::AppTitle), texts[Key::AppTitle as usize]);
    assert_ne!(t(Lang::En, Key::AppTitle), t(Lang::Zh, Key::AppTitle));
    // a file of another build is refused, and what is installed stays
    let other = file.replacen(&english::hash_hex(), "0000000000000000", 1);
    assert!(english::parse(&other).is_err());
}
