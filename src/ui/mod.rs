//! The page: a thin Yew layer over the engine (wasm32 only). One reducer ([`state`]) holds the
//! `Lab`; each pane reads it from context and dispatches actions back.

mod access;
mod attacker;
pub mod bench;
mod browser_pane;
mod controls;
mod deploy;
mod effects;
pub mod embed;
mod export;
mod flight;
mod grid;
mod guide;
mod inspector;
mod jar_pane;
mod learn;
mod past;
pub mod probe;
mod scenario;
mod server_pane;
pub mod state;
pub mod storage;
mod store_view;
mod strings;
mod timeline_pane;
mod tools;
mod verdict;
mod visitors;

use crate::i18n::{fill, t, Key};
use crate::model::workbench::{NoticeMsg, Op, Pane, ToolPanel};
use state::{AppContext, AppState};
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

/// A text box that shows a value it commits on `change` (a jar cell, a latency): returns the
/// box's ref and a [`Committed`] for its `onchange`. The value is set after each render rather
/// than through `value=`: Yew puts a `value=` back at every render, and every dispatch renders
/// the whole page (another tab's write to the store, a response arriving late, a scenario's
/// step), so what the learner was typing was wiped. A box being typed in keeps its text until
/// the edit is committed or cancelled; any other shows the value, a new one included.
#[hook]
pub(crate) fn use_typed_box(value: AttrValue) -> (NodeRef, Committed) {
    let node = use_node_ref();
    // what the box showed last; an edit committed counts as shown, so the render after it
    // shows the value as the model keeps it
    let last = use_mut_ref(String::new);
    {
        let (node, last) = (node.clone(), last.clone());
        use_effect(move || {
            if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
                let now = input.value();
                let focused = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_some_and(|a| a == **input);
                let typing = focused && now != *last.borrow();
                if !typing && now != value.as_str() {
                    input.set_value(&value);
                }
                *last.borrow_mut() = value.to_string();
            }
        });
    }
    (node, Committed(last))
}

/// Marks a [`use_typed_box`]'s edit as committed (call it in `onchange`).
#[derive(Clone)]
pub(crate) struct Committed(std::rc::Rc<std::cell::RefCell<String>>);

impl Committed {
    /// The text the box holds was committed.
    pub(crate) fn mark(&self, text: &str) {
        self.0.replace(text.to_string());
    }

    /// An `onchange` that marks the edit committed, then runs `then`.
    pub(crate) fn then(self, then: Callback<Event>) -> Callback<Event> {
        Callback::from(move |e: Event| {
            if let Some(text) = input_value(&e) {
                self.mark(&text);
            }
            then.emit(e);
        })
    }
}

/// The handlers of a text box that a press selects whole, as a browser's address bar: a
/// click or tap that focuses it selects all its text, so what the learner types replaces it,
/// and the release of that press keeps the selection. Only a press that focuses it: the window
/// getting the focus back, or the keyboard (which selects by itself), leaves the caret alone.
/// `touch_only`: a mouse's click places the caret where it is (a jar cell, where a desktop
/// learner clicks into a value to change part of it); a finger cannot place it that well.
#[hook]
pub(crate) fn use_select_on_press(touch_only: bool) -> SelectOnPress {
    let pressed_in = use_mut_ref(|| false);
    let press = {
        let pressed = pressed_in.clone();
        Callback::from(move |e: PointerEvent| {
            let focused = e
                .target()
                .zip(web_sys::window().and_then(|w| w.document()?.active_element()))
                .is_some_and(|(t, a)| js_sys::Object::is(&t, &a));
            *pressed.borrow_mut() = !focused && (!touch_only || e.pointer_type() == "touch");
        })
    };
    let focus = {
        let pressed = pressed_in.clone();
        Callback::from(move |e: FocusEvent| {
            if *pressed.borrow() {
                if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                    i.select();
                }
            }
        })
    };
    let release = Callback::from(move |e: MouseEvent| {
        if std::mem::take(&mut *pressed_in.borrow_mut()) {
            e.prevent_default();
        }
    });
    SelectOnPress {
        press,
        focus,
        release,
    }
}

/// [`use_select_on_press`]'s handlers: `onpointerdown`, `onfocus`, `onmouseup`.
pub(crate) struct SelectOnPress {
    pub press: Callback<PointerEvent>,
    pub focus: Callback<FocusEvent>,
    pub release: Callback<MouseEvent>,
}

/// An `oninput` handler that keeps a text state in step with its field.
pub(crate) fn bind_text(st: &UseStateHandle<String>) -> Callback<InputEvent> {
    let st = st.clone();
    Callback::from(move |e: InputEvent| st.set(input_value(&e).unwrap_or_default()))
}

/// Copies text to the clipboard. Once it is there, `done` runs (the button says "Copied") and
/// the live region says so; a refusal (a frame whose page does not allow `clipboard-write`)
/// puts up a notice that says to select the text by hand (it left the button as it was, with
/// not a word: a teacher's review of a cross-origin embed). A page that is not a secure context
/// (served over plain http to another machine) has no clipboard at all: the same notice (the
/// call threw "Cannot read properties of undefined").
pub(crate) fn copy_text(
    d: UseReducerDispatcher<state::AppState>,
    text: &str,
    done: impl FnOnce() + 'static,
) {
    if let Some(w) = web_sys::window() {
        let navigator = w.navigator();
        let has_clipboard =
            js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| c.is_object());
        if !has_clipboard {
            d.dispatch(Op::Notify(NoticeMsg::CopyRefused));
            return;
        }
        let promise = navigator.clipboard().write_text(text);
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                done();
                d.dispatch(Op::SayCopied);
            } else {
                d.dispatch(Op::Notify(NoticeMsg::CopyRefused));
            }
        });
    }
}

/// The page state from context (every component is inside the App's provider).
#[hook]
pub(crate) fn use_app() -> AppContext {
    use_context::<AppContext>()
        .unwrap_or_else(|| unreachable!("every component is inside the App's ContextProvider"))
}

/// How long after the first render the page says what its load did ([`Op::SayLoaded`]): a
/// screen reader reads the new page's title first, and words sent while it does are dropped.
const LOAD_SAID_MS: u32 = 1500;

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::load);
    effects::use_saving(&state);
    effects::use_outbox(&state);
    scenario::use_autoplay(&state);
    effects::use_outside(&state);
    effects::use_panes_from_the_top(state.model().place());
    // the first render is on screen with its listeners: the page is interactive; the static
    // shell, hidden since the render began, can go
    let said_later = state.clone();
    use_effect_with((), move |_| {
        if let Some(w) = web_sys::window() {
            if let Some(shell) = w.document().and_then(|d| d.get_element_by_id("shell")) {
                // once the browser has timed its paint (index.html's script marks that); until
                // then that script removes it when the timing comes, or this after 3 s
                let timed = w
                    .document()
                    .and_then(|d| d.document_element())
                    .is_some_and(|h| h.has_attribute("data-painted"));
                if timed {
                    shell.remove();
                } else {
                    gloo::timers::callback::Timeout::new(3000, move || shell.remove()).forget();
                }
            }
            if let Some(p) = w.performance() {
                let _ = p.mark("session-lab-interactive");
            }
            if let Ok(e) = web_sys::Event::new("session-lab-interactive") {
                let _ = w.dispatch_event(&e);
            }
        }
        // what the load itself did, once a screen reader has taken in the new page (words in
        // the live region at the first render are not read)
        // (only when it has news: the dispatch redraws the page, under whatever the learner
        // is typing); in English, once its texts are here, or it would speak Chinese
        if said_later.model().load_news() {
            let s = said_later.clone();
            gloo::timers::callback::Timeout::new(LOAD_SAID_MS, move || {
                if s.model().lang() == crate::i18n::Lang::En {
                    let s2 = s.clone();
                    strings::with_english(move || s2.dispatch(Op::SayLoaded));
                } else {
                    s.dispatch(Op::SayLoaded);
                }
            })
            .forget();
        }
    });
    let wb = state.model();
    {
        let (l, th, place) = (wb.lang(), wb.theme(), wb.place_name(wb.lang()));
        use_effect_with((l, th, place), move |(l, th, place)| {
            effects::apply_document(*l, *th, place)
        });
    }
    // in English without its texts (a link, the embedding page or another tab chose it):
    // fetch them, then every pane reads its texts again
    {
        let s = state.clone();
        use_effect_with(wb.lang(), move |l| {
            if *l == crate::i18n::Lang::En && !crate::i18n::english::loaded() {
                strings::with_english(move || s.dispatch(Op::TextsArrived));
            }
        });
    }
    access::use_focus_keeper(state.version());
    let narrow = effects::use_narrow();
    probe::saw(&state);
    let lang = wb.lang();
    let shown = wb.shown_panes();
    // on a narrow screen the jar shares the browser's tab: the address bar, the page and the
    // cookies are one screen
    let merged = shown.contains(&Pane::Browser) && shown.contains(&Pane::Jar);
    let tab = match wb.tab() {
        Pane::Jar if merged => Pane::Browser,
        other => other,
    };
    let on_tab = |p: Pane| p == tab || (merged && p == Pane::Jar && tab == Pane::Browser);
    let tab_panes: Vec<Pane> = shown
        .iter()
        .copied()
        .filter(|&p| !(merged && p == Pane::Jar))
        .collect();
    let tabs = tab_panes.iter().map(|&p| {
        let selected = tab == p;
        let s = state.clone();
        let label = if merged && p == Pane::Browser { t(lang, Key::TabBrowserJar) } else { t(lang, p.title()) };
        // what a request sent from another tab changed here (the store, the log)
        let news = wb.has_news(p).then(|| html! {
            <>
                <span class="tab-news" aria-hidden="true">{"●"}</span>
                <span class="sr-only">{t(lang, Key::TabNews)}</span>
            </>
        });
        // the browser's tab shows the jar too: it controls both
        let controls = if merged && p == Pane::Browser {
            format!("{} {}", pane_id(p), pane_id(Pane::Jar))
        } else {
            pane_id(p)
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", pane_id(p))} aria-controls={controls}
                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("active"))}
                onclick={Callback::from(move |_| s.dispatch(Op::SetTab(p)))}>{label}{news}</button>
        }
    }).collect::<Vec<Html>>();
    // the WAI-ARIA tabs pattern: arrows, Home and End choose a tab and focus it
    let on_tab_key = {
        let s = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(step) = crate::model::keys::Step::from_key(&e.key()) else {
                return;
            };
            let Some(p) = crate::model::keys::roving(&tab_panes, tab, step) else {
                return;
            };
            e.prevent_default();
            s.dispatch(Op::SetTab(p));
            if let Some(b) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", pane_id(p))))
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = b.focus();
            }
        })
    };
    let (shown_notices, folded) = wb.notices().shown();
    let mut notices = shown_notices.iter().map(|(id, msg)| {
        let s = state.clone();
        let id = *id;
        html! {
            <div class="notice" role="status">
                <span>{msg.text(lang)}</span>
                <button type="button" class="btn small" onclick={Callback::from(move |_| s.dispatch(Op::DismissNotice(id)))}>{t(lang, Key::Dismiss)}</button>
            </div>
        }
    }).collect::<Vec<Html>>();
    // past two, the rest fold behind one row (twenty from one bad link pushed the panes away)
    if wb.notices().folds() {
        let toggle = {
            let s = state.clone();
            Callback::from(move |_| s.dispatch(Op::ToggleNotices))
        };
        let s = state.clone();
        let label = if folded > 0 {
            fill(t(lang, Key::NoticesMore), &[("n", &folded.to_string())])
        } else {
            fill(
                t(lang, Key::NoticesFewer),
                &[(
                    "n",
                    &crate::model::workbench::Notices::FOLD_AFTER.to_string(),
                )],
            )
        };
        notices.push(html! {
            <div class="notice more-notices">
                <button type="button" class="btn small" id="notices-more" aria-expanded={(folded == 0).to_string()} onclick={toggle}>{label}</button>
                <button type="button" class="btn small" id="notices-dismiss-all" onclick={Callback::from(move |_| s.dispatch(Op::DismissAllNotices))}>{t(lang, Key::NoticesDismissAll)}</button>
            </div>
        });
    }
    let pane = |p: Pane| {
        if !shown.contains(&p) {
            return html! {};
        }
        let tab_panel = narrow && !(merged && p == Pane::Jar);
        let body = match p {
            Pane::Browser => html! { <browser_pane::BrowserPane /> },
            // each drawn in a task of its own after the rest of the first render (see `Later`)
            Pane::Jar => html! { <Later><jar_pane::JarPane /></Later> },
            Pane::Server => html! { <Later><server_pane::ServerPane /></Later> },
            Pane::Timeline => html! { <Later><timeline_pane::TimelinePane /></Later> },
        };
        html! {
            // a tab's panel only where the panes are tabs (the jar, beside the browser in its
            // tab, is no tab's), named by its tab ("Browser & jar"); side by side each is a
            // region named by its heading
            <section class={classes!("pane", on_tab(p).then_some("current"))} id={pane_id(p)}
                role={tab_panel.then_some("tabpanel")}
                aria-labelledby={if tab_panel { format!("tab-{}", pane_id(p)) } else { format!("h-{}", p.name()) }}>{body}</section>
        }
    };
    let has = |a: Pane, b: Pane| shown.contains(&a) || shown.contains(&b);
    let col = |a: Pane, b: Pane| {
        if has(a, b) {
            html! { <div class="col">{pane(a)}{pane(b)}</div> }
        } else {
            html! {}
        }
    };
    let cols =
        usize::from(has(Pane::Browser, Pane::Jar)) + usize::from(has(Pane::Server, Pane::Timeline));
    let card = if wb.scenario().is_some() {
        html! { <scenario::ScenarioCard /> }
    } else if wb.challenge().is_some() {
        html! { <guide::ChallengeCard /> }
    } else {
        // in an embed too: a course page's learners need the steps as much as the site's
        html! { <guide::LessonCard /> }
    };
    let embedded = wb.embed();
    // the stylesheet gives the store's box a whole row before the code its lines
    let store_first = wb.store_first();
    // and the timeline's log its room, where the step's result is there
    let timeline_first = wb.timeline_first();
    let timeline_after = wb.timeline_after();
    let inspecting = wb.inspecting();
    let panel = wb.panel();
    let any_notice = !wb.notices().is_empty();
    drop(wb);
    access::use_shortcuts(&state);
    effects::use_inspector_address(&state, inspecting && !embedded);
    // a skip link opens its pane's tab on a phone, then lands where the shortcut does
    let skip = |cut: crate::model::keys::Shortcut| {
        let s = state.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            access::go_to(&s, cut);
        })
    };
    let skip_to_main = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        // where the link would have gone: the top of the main part, which takes the focus
        let main = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"));
        if let Some(m) = main {
            m.scroll_into_view();
            effects::focus_in_place(&m);
        }
    });
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
          <div class={classes!("app", embedded.then_some("embedded"), store_first.then_some("store-first"), timeline_first.then_some("timeline-first"), timeline_after.then_some("timeline-after"))}>
            <nav class="skips" aria-label={t(lang, Key::SkipLinksLabel)}>
                // the fragment stays the lab's (an embed's settings: followed, `#main` took
                // their place, and a reload of the frame opened the whole site in English)
                <a class="skip" href="#main" onclick={skip_to_main}>{t(lang, Key::SkipToMain)}</a>
                if !inspecting {
                    <a class="skip" href="#address" onclick={skip(crate::model::keys::Shortcut::AddressBar)}>{t(lang, Key::SkipToAddress)}</a>
                    <a class="skip" href="#pane-jar" onclick={skip(crate::model::keys::Shortcut::Jar)}>{t(lang, Key::SkipToJar)}</a>
                }
            </nav>
            if embedded {
                <tools::EmbedBar />
            } else {
                <controls::Header />
                if panel == Some(ToolPanel::Share) { <tools::SharePanel /> }
                if panel == Some(ToolPanel::Scenario) { <scenario::ScenarioLoader /> }
            }
            // drawn over the page (fixed) but next after the header's "?" in the page's
            // order, so Tab out of it goes on to the lesson card, as out of Share or Scenario
            // (it came after the card and the bar: Tab out of it skipped them)
            if panel == Some(ToolPanel::Keys) { <access::KeysHelp /> }
            if inspecting {
                if any_notice { <div class="notices">{for notices}</div> }
                <inspector::InspectorView />
            } else {
                {card}
                if any_notice { <div class="notices">{for notices}</div> }
                <verdict::LastVerdict />
                if narrow && tabs.len() > 1 {
                    <nav class="tabs-nav" aria-label={t(lang, Key::PanesLabel)}>
                        <div class="tabs" role="tablist" aria-label={t(lang, Key::PanesLabel)} onkeydown={on_tab_key}>{for tabs}</div>
                    </nav>
                }
                if panel == Some(ToolPanel::Learn) {
                    <learn::Learn onclose={{ let s = state.clone(); Callback::from(move |_| {
                        s.dispatch(Op::TogglePanel(ToolPanel::Learn));
                        access::focus_later(".learn-open");
                    }) }} />
                }
                // focusable, so the skip link moves the focus itself (not only where Tab starts)
                <main id="main" tabindex="-1" class={classes!("panes", embedded.then_some("embedded"), (cols == 1).then_some("single"))}>
                    {col(Pane::Browser, Pane::Jar)}
                    {col(Pane::Server, Pane::Timeline)}
                </main>
                <guide::CardEcho />
            }
            <access::Announcer />
          </div>
        </ContextProvider<AppContext>>
    }
}

/// Its children, drawn one task after it first is (each `Later` has its own timer, so its own
/// task). The first render is one long task (the browser compiles each wasm function on its
/// first call, then lays out what it made), and the page answers no input until it ends: the
/// jar, server and timeline panes are drawn in tasks of their own after the header, the
/// lesson card and the browser (whose Go button the first click needs) are on screen and
/// working. The panes' frames are drawn at once, so nothing moves when they fill.
#[component]
fn Later(props: &LaterProps) -> Html {
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let later = gloo::timers::callback::Timeout::new(0, move || ready.set(true));
            move || drop(later)
        });
    }
    if *ready {
        props.children.clone()
    } else {
        html! {}
    }
}

#[derive(Properties, PartialEq)]
struct LaterProps {
    children: Html,
}

/// A pane's DOM id.
pub(crate) fn pane_id(p: Pane) -> String {
    format!("pane-{}", p.name())
}

/// Mounts the page on index.html's `<div id="root">` (or `<body>`).
pub fn run() {
    // The static shell index.html painted (model::shell) lies over the page until the app is
    // drawn: it is hidden here and Yew renders the whole app in a microtask of this same
    // callback, before the frame is drawn, so no frame shows both or neither. In an animation
    // frame rather than at once, so the browser has timed the shell's paint (its largest text
    // is the page's largest contentful paint); or after 100 ms if no frame comes (a hidden tab
    // or an off-screen embed draws no frames).
    //
    // A page that starts in English (index.html's script chose the language as the model will)
    // first fetches the English texts, while that frame comes.
    let Some(w) = web_sys::window() else {
        return start();
    };
    let english = w
        .document()
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.get_attribute("lang").as_deref() == Some(crate::i18n::Lang::En.tag()));
    // what still has to happen before the start: the frame (or the timeout), the texts
    let waiting = std::rc::Rc::new(std::cell::Cell::new(if english { 2 } else { 1 }));
    let done = move || {
        waiting.set(waiting.get() - 1);
        if waiting.get() == 0 {
            start();
        }
    };
    if english {
        strings::with_english(done.clone());
    }
    let framed = std::rc::Rc::new(std::cell::Cell::new(false));
    let once = move || {
        if !framed.replace(true) {
            done();
        }
    };
    let (a, b) = (once.clone(), once);
    let frame = wasm_bindgen::closure::Closure::once_into_js(a);
    let _ = w.request_animation_frame(frame.unchecked_ref());
    gloo::timers::callback::Timeout::new(100, b).forget();
}

/// Hides the shell and mounts the app. The shell is hidden rather than removed (it is out of
/// the flow, so hiding it moves nothing): a removed element can lose its paint timing when the
/// browser has not reported it yet. It goes once the paint is timed and the app is drawn.
fn start() {
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(shell) = doc.as_ref().and_then(|d| d.get_element_by_id("shell")) {
        let _ = shell.set_attribute("data-gone", "");
    }
    // its text (both languages, unmarked) is for a browser without scripts only
    if let Some(n) = doc.as_ref().and_then(|d| d.get_element_by_id("noscript")) {
        n.remove();
    }
    // index.html's <div id="root">: mounting on <body> would clear the shell with everything else
    match doc.and_then(|d| d.get_element_by_id("root")) {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
