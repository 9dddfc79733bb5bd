//! The page: a thin Yew layer over the engine (wasm32 only). One reducer ([`state`]) holds the
//! `Lab`; each pane reads it from context and dispatches actions back.

mod attacker;
pub mod bench;
mod browser_pane;
mod controls;
pub mod embed;
mod jar_pane;
pub mod probe;
mod server_pane;
pub mod state;
pub mod storage;
mod timeline_pane;
mod tools;
mod visitors;

use crate::i18n::{t, Key, Lang};
use crate::model::persist::Theme;
use state::{AppContext, AppState, Msg, Pane, ToolPanel};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The value of the input, select or textarea an event came from (checkboxes give
/// `"true"`/`"false"`).
pub(crate) fn input_value(e: &Event) -> Option<String> {
    let t = e.target()?;
    if let Ok(i) = t.clone().dyn_into::<web_sys::HtmlInputElement>() {
        return Some(if i.type_() == "checkbox" {
            i.checked().to_string()
        } else {
            i.value()
        });
    }
    if let Ok(a) = t.clone().dyn_into::<web_sys::HtmlTextAreaElement>() {
        return Some(a.value());
    }
    t.dyn_into::<web_sys::HtmlSelectElement>()
        .ok()
        .map(|s| s.value())
}

/// An `oninput` handler that keeps a text state in step with its field.
pub(crate) fn bind_text(st: &UseStateHandle<String>) -> Callback<InputEvent> {
    let st = st.clone();
    Callback::from(move |e: InputEvent| st.set(input_value(&e).unwrap_or_default()))
}

/// Copies text to the clipboard (best effort: a page without permission shows the text to
/// select instead).
pub(crate) fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let promise = w.navigator().clipboard().write_text(text);
        // a refusal (no permission, page not focused) is not an error worth a console line
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

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
    {
        // the embedding page's messages, fragment changes, size reports; then "ready"
        let state = state.clone();
        use_effect_with((), move |_| {
            let embedded = state.embed;
            if !embedded {
                embed::strip_fragment();
            }
            let (a, b) = (state.clone(), state.clone());
            let hooks = embed::install(
                move |v| a.dispatch(Msg::HostMessage(v)),
                move |h| {
                    b.dispatch(Msg::ApplyFragment(h));
                    if !embedded {
                        embed::strip_fragment();
                    }
                },
            );
            move || drop(hooks)
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
    probe::saw(&state);
    let lang = state.lang;
    let shown: Vec<Pane> = if state.embed && !state.panes.is_empty() {
        state.panes.clone()
    } else {
        Pane::ALL.to_vec()
    };
    let tabs = shown.iter().map(|&p| {
        let selected = shown.contains(&state.tab) && state.tab == p || !shown.contains(&state.tab) && shown[0] == p;
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
    let tab = if shown.contains(&state.tab) {
        state.tab
    } else {
        shown[0]
    };
    let pane_class = |p: Pane| classes!("pane", (tab == p).then_some("current"));
    let pane = |p: Pane| {
        if !shown.contains(&p) {
            return html! {};
        }
        let body = match p {
            Pane::Browser => html! { <browser_pane::BrowserPane /> },
            Pane::Jar => html! { <jar_pane::JarPane /> },
            Pane::Server => html! { <server_pane::ServerPane /> },
            Pane::Timeline => html! { <timeline_pane::TimelinePane /> },
        };
        let heading = match p {
            Pane::Browser => "h-browser",
            Pane::Jar => "h-jar",
            Pane::Server => "h-server",
            Pane::Timeline => "h-timeline",
        };
        html! {
            <section class={pane_class(p)} id={p.id()} role="tabpanel" aria-labelledby={heading}>{body}</section>
        }
    };
    let col = |a: Pane, b: Pane| {
        if shown.contains(&a) || shown.contains(&b) {
            html! { <div class="col">{pane(a)}{pane(b)}</div> }
        } else {
            html! {}
        }
    };
    let has = |a: Pane, b: Pane| shown.contains(&a) || shown.contains(&b);
    let cols =
        usize::from(has(Pane::Browser, Pane::Jar)) + usize::from(has(Pane::Server, Pane::Timeline));
    let card = if state.scenario {
        html! { <tools::ScenarioCard /> }
    } else if state.challenge.is_some() {
        html! { <controls::ChallengeCard /> }
    } else if state.embed {
        html! {}
    } else {
        html! { <controls::LessonCard /> }
    };
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <a class="skip" href="#main">{t(lang, Key::SkipToMain)}</a>
            if state.embed {
                <tools::EmbedBar />
            } else {
                <controls::Header />
                if state.panel == Some(ToolPanel::Share) { <tools::SharePanel /> }
                if state.panel == Some(ToolPanel::Scenario) { <tools::ScenarioLoader /> }
                <controls::ChallengeNav />
            }
            {card}
            if !state.notices.is_empty() { <div class="notices">{for notices}</div> }
            if shown.len() > 1 {
                <div class="tabs" role="tablist" aria-label={t(lang, Key::PanesLabel)}>{for tabs}</div>
            }
            <main id="main" class={classes!("panes", state.embed.then_some("embedded"), (cols == 1).then_some("single"))}>
                {col(Pane::Browser, Pane::Jar)}
                {col(Pane::Server, Pane::Timeline)}
            </main>
            <div class="sr-only" aria-live="polite" aria-atomic="true" id="announcer">{state.announcement.clone()}</div>
        </ContextProvider<AppContext>>
    }
}

/// Mounts the page on `<body>`.
pub fn run() {
    yew::Renderer::<App>::new().render();
}
