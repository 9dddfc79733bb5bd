//! The page: a thin Yew layer over the engine (wasm32 only). One reducer ([`state`]) holds the
//! `Lab`; each pane reads it from context and dispatches actions back.

mod attacker;
pub mod bench;
mod browser_pane;
mod controls;
mod jar_pane;
mod server_pane;
pub mod state;
pub mod storage;
mod timeline_pane;
mod visitors;

use crate::i18n::{t, Key, Lang};
use crate::model::persist::Theme;
use state::{AppContext, AppState, Msg, Pane};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The page state from context (every component is inside the App's provider).
#[hook]
pub(crate) fn use_app() -> AppContext {
    use_context::<AppContext>()
        .unwrap_or_else(|| unreachable!("every component is inside the App's ContextProvider"))
}

fn apply_document(lang: Lang, theme: Theme) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
            match theme {
                Theme::System => {
                    let _ = root.remove_attribute("data-theme");
                }
                th => {
                    let _ = root.set_attribute("data-theme", th.code());
                }
            }
        }
        doc.set_title(&format!(
            "{} · {}",
            t(lang, Key::AppTitle),
            t(Lang::En, Key::AppTitle)
        ));
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::load);
    {
        // another tab of the lab wrote to the shared "database": take its writes in
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    if let Some(sid) = e.key().and_then(|k| {
                        k.strip_prefix(crate::model::persist::DB_PREFIX)
                            .map(str::to_string)
                    }) {
                        state.dispatch(Msg::DbChanged(sid, e.new_value()));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // the first render is on screen with its listeners: the page is interactive
    use_effect_with((), |_| {
        if let Some(w) = web_sys::window() {
            if let Some(p) = w.performance() {
                let _ = p.mark("session-lab-interactive");
            }
            if let Ok(e) = web_sys::Event::new("session-lab-interactive") {
                let _ = w.dispatch_event(&e);
            }
        }
    });
    {
        let (l, th) = (state.lang, state.theme);
        use_effect_with((l, th), move |_| apply_document(l, th));
    }
    let lang = state.lang;
    let tabs = Pane::ALL.iter().map(|&p| {
        let selected = state.tab == p;
        let s = state.clone();
        html! {
            <button type="button" role="tab" id={format!("tab-{}", p.id())} aria-controls={p.id()}
                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("active"))}
                onclick={Callback::from(move |_| s.dispatch(Msg::SetTab(p)))}>{t(lang, p.title())}</button>
        }
    });
    let notices = state.notices.iter().map(|(id, msg)| {
        let s = state.clone();
        let id = *id;
        html! {
            <div class="notice" role="status">
                <span>{msg.text(lang)}</span>
                <button type="button" class="btn small" onclick={Callback::from(move |_| s.dispatch(Msg::DismissNotice(id)))}>{t(lang, Key::Dismiss)}</button>
            </div>
        }
    });
    let pane_class = |p: Pane| classes!("pane", (state.tab == p).then_some("current"));
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <a class="skip" href="#main">{t(lang, Key::SkipToMain)}</a>
            <controls::Header />
            <controls::ChallengeNav />
            if state.challenge.is_some() { <controls::ChallengeCard /> } else { <controls::LessonCard /> }
            if !state.notices.is_empty() { <div class="notices">{for notices}</div> }
            <div class="tabs" role="tablist" aria-label={t(lang, Key::PanesLabel)}>{for tabs}</div>
            <main id="main" class="panes">
                <div class="col">
                    <section class={pane_class(Pane::Browser)} id={Pane::Browser.id()} role="tabpanel" aria-labelledby="h-browser">
                        <browser_pane::BrowserPane />
                    </section>
                    <section class={pane_class(Pane::Jar)} id={Pane::Jar.id()} role="tabpanel" aria-labelledby="h-jar">
                        <jar_pane::JarPane />
                    </section>
                </div>
                <div class="col">
                    <section class={pane_class(Pane::Server)} id={Pane::Server.id()} role="tabpanel" aria-labelledby="h-server">
                        <server_pane::ServerPane />
                    </section>
                    <section class={pane_class(Pane::Timeline)} id={Pane::Timeline.id()} role="tabpanel" aria-labelledby="h-timeline">
                        <timeline_pane::TimelinePane />
                    </section>
                </div>
            </main>
            <div class="sr-only" aria-live="polite" aria-atomic="true" id="announcer">{state.announcement.clone()}</div>
        </ContextProvider<AppContext>>
    }
}

/// Mounts the page on `<body>`.
pub fn run() {
    yew::Renderer::<App>::new().render();
}
