//! The page's effects, outside the reducer: the document's language, theme and title, saving
//! to storage, posting to the embedding page, listening to the world outside (storage events,
//! messages, the fragment), and the inspector's address.

use super::state::AppContext;
use super::{embed, storage};
use crate::i18n::{t, Key, Lang};
use crate::model::persist::Theme;
use crate::model::share::Tool;
use crate::model::workbench::{Op, ServerForm};
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub(super) fn apply_document(lang: Lang, theme: Theme, place: &str) {
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
        // the place first, so a list of windows tells them apart
        doc.set_title(&format!("{place} · {}", t(lang, Key::AppTitle)));
    }
}

/// Writes the saved state when it changed (an effect, never part of an operation): a
/// keystroke changes nothing saved, so it writes nothing. Reports a change in how the
/// storage is doing back to the model.
#[hook]
pub(super) fn use_saving(state: &AppContext) {
    let blob = state.model().saved_blob();
    let s = state.clone();
    use_effect_with(blob, move |blob| {
        if let Some(text) = blob {
            let status = storage::write(crate::model::persist::STATE_KEY, text);
            if status != s.model().storage() {
                s.dispatch(Op::Saved(status));
            }
        }
    });
}

/// Tells the model whether a server form's draft differs from what the server runs (only
/// when that changes: a dispatch re-renders every pane), so the bar can say a request ran
/// without it.
#[hook]
pub(super) fn use_form_pending(form: ServerForm, pending: bool) {
    let s = super::use_app();
    use_effect_with(pending, move |&pending| {
        if s.model().form_pending(form) != pending {
            s.dispatch(Op::FormPending(form, pending));
        }
        // the words that say so grow the form's sticky Apply row over what is above it: the
        // field just ticked went under it, ring and all (1440x900 keyboard review)
        if pending {
            reveal_focused_field_later();
        }
    });
}

/// Posts the model's messages for the embedding page, each once.
#[hook]
pub(super) fn use_outbox(state: &AppContext) {
    let latest = state.model().outbox().latest();
    let posted = use_mut_ref(|| 0u64);
    let s = state.clone();
    use_effect_with(latest, move |latest| {
        let seen = *posted.borrow();
        for m in s.model().outbox().after(seen) {
            embed::post(&m.to_json());
        }
        *posted.borrow_mut() = *latest;
    });
}

/// A new place (a lesson, a variant, a challenge, a scenario) shows its panes from the top:
/// they had kept the old place's scrolling (fixation's fixed app showed the course's code
/// around its old lines, away from the `regenerate` that is the point, and the browser pane
/// the attacker's tools). Not at the first render, where nothing has scrolled.
#[hook]
pub(super) fn use_panes_from_the_top(place: u64) {
    let first = use_mut_ref(|| true);
    use_effect_with(place, move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(all) = doc.query_selector_all("main.panes, main.panes *") else {
            return;
        };
        for i in 0..all.length() {
            if let Some(e) = all
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                if e.scroll_top() != 0 {
                    e.set_scroll_top(0);
                }
                if e.scroll_left() != 0 {
                    e.set_scroll_left(0);
                }
            }
        }
    });
}

/// When `list` does not scroll itself and the pane it is in does, scrolls the pane so the
/// list's last entry ends at the pane's foot, if it is below it (only down: what a learner
/// scrolled to above stays). For a moment after, [`use_kept_at_end`] does it again as the
/// list grows: a request's entry fills in as its store calls finish (50 ms each in lesson
/// 6), and the first scroll left its last line 8 px below the edge.
pub(super) fn newest_into_pane(list: &web_sys::Element) {
    FOLLOW_UNTIL.with(|f| f.set(js_sys::Date::now() + 1500.0));
    newest_into_pane_now(list);
}

thread_local! {
    /// Until when (`Date.now()`) a growing log's pane follows its newest entry.
    static FOLLOW_UNTIL: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

fn newest_into_pane_now(list: &web_sys::Element) {
    if list.scroll_height() > list.client_height() {
        return;
    }
    let (Some(last), Ok(Some(pane))) = (list.last_element_child(), list.closest(".pane")) else {
        return;
    };
    let (r, p) = (
        last.get_bounding_client_rect(),
        pane.get_bounding_client_rect(),
    );
    let below = r.bottom() - (p.top() + f64::from(pane.client_height()));
    if r.height() > 0.0 && below > 0.5 && pane.scroll_height() > pane.client_height() {
        pane.set_scroll_top(pane.scroll_top() + below.ceil() as i32);
    }
}

/// Keeps the box `node` shows scrolled to its end when it changes size, unless the learner
/// scrolled it up: a log whose newest entry the last request scrolled into view, shrunk by a
/// form opened elsewhere (the options in an embed at 1280x800: 53 px, showing the first
/// request), kept the old offset and showed the oldest.
#[hook]
pub(super) fn use_kept_at_end(node: &NodeRef) {
    let node = node.clone();
    use_effect_with((), move |_| {
        let el = node.cast::<web_sys::Element>();
        let pinned = std::rc::Rc::new(std::cell::Cell::new(true));
        // only a scroll up unpins it: the browser itself scrolls it down a little as the pane
        // shrinks in steps (scroll anchoring: 171 to 189 of 208 as the options opened)
        let last = std::rc::Rc::new(std::cell::Cell::new(0));
        let at_end =
            |e: &web_sys::Element| e.scroll_height() - e.client_height() - e.scroll_top() <= 2;
        let on_scroll = {
            let (el, pinned, last) = (el.clone(), pinned.clone(), last.clone());
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if let Some(e) = &el {
                    let top = e.scroll_top();
                    if at_end(e) {
                        pinned.set(true);
                    } else if top < last.get() {
                        pinned.set(false);
                    }
                    last.set(top);
                }
            })
        };
        let on_resize = {
            let el = el.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if let Some(e) = el.as_ref().filter(|e| pinned.get() && !at_end(e)) {
                    e.set_scroll_top(e.scroll_height());
                    last.set(e.scroll_top());
                }
                // (a log that does not scroll itself: its pane, just after a new entry)
                if let Some(e) = el.as_ref() {
                    if js_sys::Date::now() <= FOLLOW_UNTIL.with(std::cell::Cell::get) {
                        newest_into_pane_now(e);
                    }
                }
            })
        };
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let (Some(o), Some(e)) = (&observer, &el) {
            o.observe(e);
            let _ =
                e.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            if let Some(e) = &el {
                let _ = e.remove_event_listener_with_callback(
                    "scroll",
                    on_scroll.as_ref().unchecked_ref(),
                );
            }
            drop(on_resize);
            drop(on_scroll);
        }
    });
}

/// Whether the screen is narrow enough for the panes to be tabs
/// ([`crate::model::workbench::NARROW_SCREEN`]), kept current as the window is resized.
#[hook]
pub(super) fn use_narrow() -> bool {
    use_media(crate::model::workbench::NARROW_SCREEN)
}

/// The media query list for `query`, if the window gives one.
fn media_list(query: &str) -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(query).ok()?
}

/// Whether the media query `query` matches now.
pub(super) fn media_matches(query: &str) -> bool {
    media_list(query).is_some_and(|m| m.matches())
}

/// Whether the media query `query` matches, kept current as the window is resized.
#[hook]
pub(super) fn use_media(query: &'static str) -> bool {
    let list = move || media_list(query);
    let matches = use_state(|| media_matches(query));
    {
        let matches = matches.clone();
        use_effect_with((), move |_| {
            let listener = list().map(|m| {
                let l = m.clone();
                gloo::events::EventListener::new(&m, "change", move |_| matches.set(l.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Listens to the world outside the page: another tab's writes to the shared "database", the
/// embedding page's messages, fragment changes; posts the page's size; then says "ready".
#[hook]
pub(super) fn use_outside(state: &AppContext) {
    {
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
                        state.dispatch(Op::DbChanged(sid, e.new_value()));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let state = state.clone();
    use_effect_with((), move |_| {
        let embedded = state.model().embed();
        embed::configure(state.model().allow());
        if !embedded {
            embed::strip_fragment();
        }
        let (a, b) = (state.clone(), state.clone());
        let hooks = embed::install(
            move |v| a.dispatch(Op::HostMessage(v)),
            move |h| {
                b.dispatch(Op::ApplyFragment(h));
                if !embedded {
                    embed::strip_fragment();
                    // a link followed in the page opens its place as the menu does, at its
                    // title: on a phone the page had stayed 2,000 px down, in the last
                    // place's panels, with the challenge's goal out of sight
                    super::access::focus_later(".guide h2, #insp-title");
                }
            },
        );
        move || drop(hooks)
    });
}

/// Keeps `#tool=inspect` in the address bar while the inspector is open (so a reload or a
/// bookmark opens it again), and takes it out when it closes. Nothing else the inspector
/// holds ever goes into the address. Opened from the page, it is a history entry of its own:
/// the browser's Back closes it (Back had left the lab for the tab's blank page; review), and
/// Forward opens it again; its own "Back to the lab" goes back over that entry.
#[hook]
pub(super) fn use_inspector_address(s: &AppContext, inspecting: bool) {
    thread_local! {
        /// Whether the entry the address is on now is the one the inspector pushed.
        static PUSHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    {
        let s = s.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "popstate", move |_| {
                    let to_inspector = embed::fragment() == Tool::Inspect.fragment();
                    PUSHED.with(|p| p.set(to_inspector));
                    if to_inspector != s.model().inspecting() {
                        let op = if to_inspector {
                            crate::model::workbench::InspectorOp::Open
                        } else {
                            crate::model::workbench::InspectorOp::Close
                        };
                        s.dispatch(Op::Inspector(op));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // the page's first drawing: an inspector open from the start (a link, a reload) keeps
    // the entry the page loaded on (pushed, each reload added one more; review)
    let loaded = use_mut_ref(|| true);
    use_effect_with(inspecting, move |&open| {
        let first = std::mem::replace(&mut *loaded.borrow_mut(), false);
        let Some(w) = web_sys::window() else { return };
        let Ok(history) = w.history() else { return };
        let here = embed::fragment();
        let inspector = Tool::Inspect.fragment();
        let loc = w.location();
        let base = format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        );
        let null = wasm_bindgen::JsValue::NULL;
        match (open, here == inspector) {
            (true, false) => {
                let url = format!("{base}#{inspector}");
                if first {
                    let _ = history.replace_state_with_url(&null, "", Some(&url));
                } else if history.push_state_with_url(&null, "", Some(&url)).is_ok() {
                    PUSHED.with(|p| p.set(true));
                }
            }
            (false, true) => {
                if PUSHED.with(|p| p.replace(false)) {
                    let _ = history.back();
                } else {
                    let _ = history.replace_state_with_url(&null, "", Some(&base));
                }
            }
            _ => {}
        }
    });
}

/// A `<details>` element's `ontoggle`: opened, the element `id` (its form) comes into view, as
/// much of it as fits under the summary. In a short server pane the form starts below the
/// code; revealed whole, a form taller than the box scrolled the summary, which holds the
/// focus, out of sight (lesson 3's options at 1280x720: 100 px above the pane).
pub fn reveal_when_opened(id: &'static str) -> yew::Callback<web_sys::Event> {
    yew::Callback::from(move |e: web_sys::Event| {
        let Some(details) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .filter(|d| d.open())
        else {
            return;
        };
        reveal(id);
        if let Ok(Some(summary)) = details.query_selector(":scope > summary") {
            reveal_element(&summary);
        }
        // opened with the focus already on one of its fields (Alt+Shift+O): that field last,
        // or the summary's reveal, coming after the field's, took it under the sticky Apply row
        reveal_active_field();
    })
}

/// The focused field and the words under it into view, when it is a field in a box (`.opt`).
fn reveal_active_field() {
    let Some(field) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return;
    };
    if let Ok(Some(field_box)) = field.closest(".opt") {
        field_box_in_view(&field, &field_box);
    } else if let Ok(Some(row)) = field.closest("form.opts .row") {
        // the form's Apply, with the word beside it that the apply took
        reveal_element(&row);
    }
}

/// A server form's `onkeydown`: Enter on a choice (a `<select>`) applies the form, as it does
/// in a text field (lesson 3's steps 3 and 4 set resave and saveUninitialized, both choices,
/// and a keyboard learner tabbed 15 times to Apply; review). A list open on the select takes
/// its own keys before the page sees them.
pub fn submit_on_enter_in_choice(e: KeyboardEvent) {
    if e.key() != "Enter" || e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
        return;
    }
    let select = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
    if let Some(form) = select.and_then(|s| s.form()) {
        e.prevent_default();
        let _ = form.request_submit();
    }
}

/// A form's `onfocusin`, for a field in a box (`.opt`) that shows what the field does under
/// it: the id of the field that took the focus.
pub fn focused_field(e: &web_sys::Event) -> Option<String> {
    let field = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    field.closest(".opt").ok()??;
    Some(field.id()).filter(|id| !id.is_empty())
}

/// Once the words under the field with DOM id `id` are drawn, its box (`.opt`) comes whole into
/// view where the focus came from the keyboard (a select clicked open is left where it is: its
/// list is open on it). The browser brings only the field itself into view, and the words under
/// a field at the box's foot were cut.
pub fn reveal_field_box(id: &str) {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    let Some(field) = field.filter(|f| f.matches(":focus-visible").unwrap_or(false)) else {
        return;
    };
    if let Ok(Some(field_box)) = field.closest(".opt") {
        field_box_in_view(&field, &field_box);
    }
}

/// The field that has the focus and the words under it brought into view, once those are drawn
/// (see [`reveal_field_box`]): for a focus the page moved, which `:focus-visible` does not
/// mark when the key that moved it was a shortcut with Alt (the options' Alt+Shift+O left its
/// field under the form's sticky Apply row at 1440x900).
/// Again a few frames later: on a loaded machine the words under the field were drawn after
/// the first reveal, and the box they grew went under the row (1 run in 8).
/// Also after a server form's apply (the options', the Deployment's), for the field Enter
/// was pressed in or Apply (with the word beside it): the restart moves the step on and
/// redraws the pane around the form, and the box that scrolls it may be another (lesson 3's
/// step 4 by keyboard at 1440x900 left Apply 458 px under the pane's foot).
pub fn reveal_focused_field_later() {
    wasm_bindgen_futures::spawn_local(async {
        next_frame().await;
        next_frame().await;
        reveal_active_field();
        for _ in 0..4 {
            next_frame().await;
        }
        reveal_active_field();
    });
}

/// A field's box (the field and the words under it) into view by the least scroll, within the
/// scroll padding that keeps it clear of the form's sticky row; then the field itself, where
/// the box is taller than the room: the least scroll of such a box took the field above the
/// top of the box that scrolls it (CSRF's card grown at 1440x900 leaves the options ~95 px).
fn field_box_in_view(field: &web_sys::Element, field_box: &web_sys::Element) {
    reveal_element(field_box);
    reveal_element(field);
}

/// Scrolls the element with DOM id `id` into view by the least amount, in every scrolling box
/// around it (nothing moves when it is already in view): what a learner started should be
/// where they can see it.
pub fn reveal(id: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(el) = el {
        reveal_element(&el);
    }
}

/// In an embed, once drawn, puts the overlay with DOM id `id` (fixed to the frame's top
/// elsewhere) beside `near`, what had the focus: the course page sizes the frame to the whole
/// lab, so its top may be far above the host page's screen, and the shortcuts list opened by
/// its key from the timeline had its title and Close out of sight (285 px above it). Kept
/// within the page's height. Then `then` (the focus goes in: before, it would go to where
/// the overlay was first drawn). Whether this is an embed (else nothing is done).
pub fn beside_in_embed(
    id: &'static str,
    near: web_sys::Element,
    then: impl FnOnce() + 'static,
) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    if !doc
        .document_element()
        .is_some_and(|h| h.has_attribute("data-embed"))
    {
        return false;
    }
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        let el = doc
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let page = doc
                .document_element()
                .map_or(0.0, |h| f64::from(h.scroll_height()));
            let height = el.get_bounding_client_rect().height();
            let top = (near.get_bounding_client_rect().top() - 16.0)
                .min(page - height - 8.0)
                .max(8.0);
            let style = el.style();
            let _ = style.set_property("top", &px(top));
            let _ = style.set_property("position", "absolute");
        }
        then();
    });
    true
}

/// Once drawn, brings the element with DOM id `id` into view, and with it what `above` finds
/// (something above it, as the card's next step) where the two fit on the screen together
/// (else `id` wins): `above` first, then `id` by the least scroll, which moves nothing when
/// both are in view (the page's scroll padding is the browser's to count).
pub fn reveal_with_later(above: fn() -> Option<web_sys::Element>, id: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        if let Some(top) = above() {
            reveal_element(&top);
        }
        reveal(id);
    });
}

/// [`reveal`] once the page has drawn the next frame: for what an action is about to draw.
pub fn reveal_later(id: impl AsRef<str> + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        reveal(id.as_ref());
    });
}

/// [`reveal_later`], then the focus on it where it is: for a result the keyboard's press
/// brought into view and took the pressed button out of (see [`keyboard_focus_within`]).
pub fn reveal_and_focus_later(id: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id));
        if let Some(el) = el {
            reveal_element(&el);
            focus_in_place(&el);
        }
    });
}

/// What has the focus in `within`, when it came there from the keyboard (`:focus-visible`,
/// which a text field always is): a press a mouse made has no ring to keep in sight.
pub fn keyboard_focus_within(within: &web_sys::Element) -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .filter(|a| within.contains(Some(a)))
        .filter(|a| a.matches(":focus-visible").unwrap_or(false))
}

/// After the reveals asked for before it in the same frame: the control the keyboard
/// pressed, when they scrolled it partly out of its box, comes back whole (its ring first;
/// the result it brought then shows from its top as far as it fits). Hijack's "XSS: read
/// document.cookie" by Enter at 1440x900: the read and its catch scrolled the browser pane
/// 281 px, the card grew a line, and the focused button showed its lower half (keyboard
/// review of the challenges). A mouse's press has no ring, and is left where it is.
pub fn keep_keyboard_focus_whole_later() {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        // (nearest: a control in view already does not move)
        if let Some(a) = keyboard_focus_within(&root) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            a.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    });
}

/// [`reveal_later`] for what runs from `first` down to `last` (each a DOM id): the whole span
/// where it fits, else from `first`'s top, as much as fits (what happened before the button
/// that follows it). Without `last`, `first` alone.
pub fn reveal_span_later(first: &'static str, last: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        reveal(last);
        reveal(first);
        let foot = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(last));
        LAST_SPAN_FOOT.with(|f| *f.borrow_mut() = foot);
    });
}

/// After a cookie was added by hand: once drawn, its row comes into view (the jar had kept
/// its sideways scroll, with the new row's value and domain out of sight) and the focus goes
/// back to the Name box for the next one (it stayed in the emptied Value box).
pub fn added_cookie(name: String) {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(Some(wrap)) = doc.query_selector(".jar-wrap") {
            wrap.set_scroll_left(0);
        }
        if let Some(input) = doc
            .get_element_by_id("add-cookie-name")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
        // then the row (the focus scrolls to the box below the table): the last of that name,
        // the newest, taken in turn (a name may hold what a selector would have to escape)
        let mut row = doc
            .query_selector(".jar-wrap tr[data-cookie]")
            .ok()
            .flatten();
        let mut newest = None;
        while let Some(r) = row {
            if r.get_attribute("data-cookie").as_deref() == Some(name.as_str()) {
                newest = Some(r.clone());
            }
            row = r.next_element_sibling();
        }
        if let Some(r) = newest {
            reveal_element(&r);
        }
    });
}

thread_local! {
    /// Whether [`reveal_element`] ran since [`take_revealed`] last asked.
    static REVEALED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// What [`reveal_element`] last brought into view, and when (`Date.now()`).
    static LAST_REVEALED: std::cell::RefCell<Option<(web_sys::Element, f64)>> =
        const { std::cell::RefCell::new(None) };
    /// The foot of a span [`reveal_span_later`] last brought into view with its head, which
    /// [`reveal_again_if_under`] brings out from under the echo first.
    static LAST_SPAN_FOOT: std::cell::RefCell<Option<web_sys::Element>> =
        const { std::cell::RefCell::new(None) };
}

/// Brings what was just revealed (within the last two seconds) into view again if `cover`
/// (the card's echo, fixed at the foot of a phone's screen) now lies over it: the echo
/// appears a frame after the request's reveal, and covered lesson 6's race diagram that the
/// step had just brought into view. With the echo on the page, the page's scroll padding
/// stops the second reveal above it.
///
/// A span's foot goes first (hijack's XSS read, then the catch's "Put in the attacker's jar"
/// under it, which the echo had covered on a phone), then its head as the span's reveal left it.
pub fn reveal_again_if_under(cover: &web_sys::Element) {
    let last = LAST_REVEALED.with(|l| l.borrow().clone());
    let Some((el, at)) = last else {
        return;
    };
    if !el.is_connected() || js_sys::Date::now() - at > 2000.0 {
        return;
    }
    let c = cover.get_bounding_client_rect();
    let under = |e: &web_sys::Element| {
        let r = e.get_bounding_client_rect();
        r.height() > 0.0 && r.bottom() > c.top() && r.top() < c.bottom()
    };
    let foot = LAST_SPAN_FOOT
        .with(|f| f.borrow().clone())
        .filter(|f| f.is_connected() && under(f));
    if let Some(f) = foot {
        reveal_element(&f);
        reveal_element(&el);
    } else if under(&el) {
        reveal_element(&el);
    }
}

/// The first element one of `selectors` finds, best first (a step's control: a cookie's Value
/// cell, else the jar when it has no such cookie yet).
pub fn first_found<S: AsRef<str>>(selectors: &[S]) -> Option<web_sys::Element> {
    let doc = web_sys::window()?.document()?;
    selectors
        .iter()
        .find_map(|sel| doc.query_selector(sel.as_ref()).ok().flatten())
}

/// Lifts the control the card's next step names (the first of `selectors` found) out from
/// under `cover`, the echo at the foot of a phone's screen, when it lies there: lesson 4's
/// step 4 done, the echo came over connect.sid's row in the jar that step 5 deletes (zh phone
/// review: the row at 758-791 px, the echo from 726). It moves only a control already on the
/// screen, and never so far that the control, or what the request just brought into view,
/// goes above the screen's top. Of the Last request bar, its head ("Last request GET /")
/// may go: what must stay is its first check. In English at 390x844 the rejected MAC's
/// lines made the bar 21 px taller than in Chinese, the bar's top held the lift to 8 px,
/// and the echo still covered connect.sid's ✕ (its 28 px from 723, the echo from 726).
pub fn lift_from_under(cover: &web_sys::Element, selectors: &[String]) {
    let Some(el) = first_found(selectors) else {
        return;
    };
    let top = el.get_bounding_client_rect().top();
    let revealed_top = LAST_REVEALED.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|(e, at)| e.is_connected() && js_sys::Date::now() - at <= 2000.0)
            .map(|(e, _)| {
                e.query_selector(":scope > .checks")
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| e.clone())
                    .get_bounding_client_rect()
                    .top()
            })
    });
    lift_clear_of(cover, &el, revealed_top.map_or(top, |t| t.min(top)));
}

/// Lifts the attacker's tool `touched` is in (a typed value, a pressed button) out from under
/// `cover`, the echo at the foot of a phone's screen: the signer's output and its "put in
/// the jar" line grow under the field as the learner types and presses (forge's and
/// weak-secret's echo covered both, the value to send among them; phone review). The
/// control touched stays on the screen, below the phone's tabs.
pub fn keep_tool_clear(cover: &web_sys::Element, touched: &web_sys::Element) {
    if !touched.is_connected() {
        return;
    }
    if let Ok(Some(tool)) = touched.closest(".attacker-tools details.tool") {
        // (below the phone's sticky tabs, which stay on top as the page scrolls)
        let tabs = first_found(&[".tabs"]).map_or(0.0, |t| t.get_bounding_client_rect().height());
        let room = touched.get_bounding_client_rect().top() - tabs - 8.0;
        lift_clear_of(cover, &tool, room);
    }
}

/// Scrolls the page so `el` ends above `cover`, when it lies under it, by no more than
/// `room` px (what must stay on the screen).
fn lift_clear_of(cover: &web_sys::Element, el: &web_sys::Element, room: f64) {
    let (c, r) = (
        cover.get_bounding_client_rect(),
        el.get_bounding_client_rect(),
    );
    // (a pane another tab holds draws nothing: no height)
    if r.height() <= 0.0 || r.bottom() <= c.top() || r.top() >= c.bottom() {
        return;
    }
    // (whole pixels: a scroll by 30.6 px went 31, and took what `room` keeps 0.4 px above)
    let by = (r.bottom() - c.top() + 8.0).min(room).floor();
    if by > 0.0 {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, by);
        }
    }
}

/// Whether something was brought into view since the last call: the browser window does not
/// scroll itself back where it was over it (see `browser_pane::Window`).
pub fn take_revealed() -> bool {
    REVEALED.with(|r| r.replace(false))
}

/// [`reveal`] for an element in hand. `focus()` alone leaves a partly visible element where
/// it is: a jar cell half under the pane's edge, or under the sticky name column.
pub fn reveal_element(el: &web_sys::Element) {
    REVEALED.with(|r| r.set(true));
    LAST_REVEALED.with(|l| *l.borrow_mut() = Some((el.clone(), js_sys::Date::now())));
    LAST_SPAN_FOOT.with(|f| *f.borrow_mut() = None);
    scroll_nearest(el);
}

/// Scrolls `el` into view by the least amount, in every scrolling box around it.
fn scroll_nearest(el: &web_sys::Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// A control that takes the focus in a header panel comes wholly into view, its ring too
/// (`:focus-visible`'s scroll margin), by the least scroll: Chromium leaves a control it finds
/// partly in view where it is, and the Scenario panel's JSON box, reached by Tab from the
/// hidden file input above it, stayed 21 px under the panel's foot.
pub fn whole_on_focus(e: web_sys::FocusEvent) {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    scroll_nearest(&el);
}

/// `el` as an element script can focus: made focusable first if it is not (a paragraph, a
/// box), without adding it to the Tab order.
fn focusable(el: &web_sys::Element) -> Option<&web_sys::HtmlElement> {
    let h = el.dyn_ref::<web_sys::HtmlElement>()?;
    if h.tab_index() < 0 && !h.has_attribute("tabindex") {
        let _ = h.set_attribute("tabindex", "-1");
    }
    Some(h)
}

/// Puts the focus on `el` (see [`focusable`]).
pub fn focus_element(el: &web_sys::Element) {
    if let Some(h) = focusable(el) {
        let _ = h.focus();
    }
}

/// Puts the focus on `el` where it is, without scrolling anything (see [`focusable`]).
pub fn focus_in_place(el: &web_sys::Element) {
    if let Some(h) = focusable(el) {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = h.focus_with_options(&opts);
    }
}

/// Waits for the next animation frame (what was drawn before it is on screen). A page that
/// draws no frames (a hidden tab, an off-screen embed) goes on after 100 ms.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser run what is due (input, a frame) and goes on at once after: a task
/// posted through a `MessageChannel`, which no timer clamp delays (`setTimeout(0)` waits
/// 4 ms once nested). Chromium may run several such tasks before it draws, so the work
/// between two of them should be short (see `visitors::SLICE_MS`).
pub async fn yield_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Ok(ch) = web_sys::MessageChannel::new() {
            ch.port1().set_onmessage(Some(&resolve));
            let _ = ch.port2().post_message(&wasm_bindgen::JsValue::NULL);
        } else if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// "Show me": opens the pane that holds a step's control (its tab on a phone) and every
/// folded panel around it, brings it to the middle of its scrolling boxes, puts the focus
/// on it and rings it for a moment (`[data-spotlight]` in style.css).
pub fn show_control(s: &AppContext, target: crate::model::workbench::ShowTarget) {
    // back to now first: a past jar is read-only (Show me during "State after" focused the
    // past's table, and the cookie could not be edited; keyboard review)
    if s.model().travel().is_some() {
        s.dispatch(Op::BackToNow);
    }
    if let Some(pane) = target.pane {
        s.dispatch(Op::SetTab(pane));
    }
    if let Some(jar) = target.jar {
        s.dispatch(Op::ShowJar(jar));
    }
    // the address the step opens, in the bar before the focus selects it
    if let Some(url) = target.address.clone() {
        s.dispatch(Op::Type(crate::engine::events::BrowserId::Victim, url));
    }
    wasm_bindgen_futures::spawn_local(async move {
        // the tab drawn first, then the panels opened, then their toggle handlers run
        next_frame().await;
        let Some(el) = first_found(&target.selectors) else {
            return;
        };
        let mut at = el.parent_element();
        while let Some(p) = at {
            if let Ok(d) = p.clone().dyn_into::<web_sys::HtmlDetailsElement>() {
                if !d.open() {
                    d.set_open(true);
                }
            }
            at = p.parent_element();
        }
        next_frame().await;
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        // a form's field with its label: centred alone in a short pane (the timeline's, 170 px
        // at 1280x720), the first address's label above it was cut at the pane's top
        let row = el
            .closest(".opt")
            .ok()
            .flatten()
            .unwrap_or_else(|| el.clone());
        row.scroll_into_view_with_scroll_into_view_options(&opts);
        clear_of_sticky_buttons(&el, &row);
        // and the button of a form that asks for it (`data-reveal-submit`: a short form whose
        // button does not stay at the box's foot, "Send requests at once": lesson 6's step 7
        // fills in the addresses, and centred in a 199 px timeline the first left Send
        // together below the edge), the field kept in view; Show me on the button itself
        // (the step filled the form) keeps the form's first field in view above it
        if let Ok(Some(form)) = el.closest("form[data-reveal-submit]") {
            let send = form.query_selector("button[type=submit]").ok().flatten();
            if send.as_ref() == Some(&el) {
                if let Ok(Some(first)) = form.query_selector(".opt") {
                    reveal_element(&first);
                }
                reveal_element(&el);
            } else if let Some(send) = send {
                reveal_element(&send);
                reveal_element(&row);
            }
        }
        // a text field's value selected, as Tab into it selects it: typed after the old value
        // instead, lesson 1's 80 became 809999 where the step promised 9989 (zh phone review)
        // (or the part the step has the learner change: lesson 1's 100, with the whole card
        // selected, became a 9999 that replaced it). Selected before the focus as well: the
        // focus scrolls a box narrower than its value to the selection it finds, and a
        // selection set after it scrolls nothing (at 390 px the box showed the value's end,
        // not the 100 typing would replace)
        let input = el.dyn_ref::<web_sys::HtmlInputElement>().filter(|i| {
            matches!(
                i.type_().as_str(),
                "text" | "search" | "url" | "number" | ""
            )
        });
        let select = |input: &web_sys::HtmlInputElement| match crate::model::jar_cells::pick_span(
            &input.value(),
            target.pick,
        ) {
            Some((a, b)) => {
                let _ = input.set_selection_range(a, b);
            }
            None => input.select(),
        };
        if let Some(i) = input {
            select(i);
        }
        // in view already, so the focus moves nothing
        focus_element(&el);
        if let Some(i) = input {
            select(i);
        }
        // a jar cell's editor grows over the columns to its right once focused, and kept the
        // scroll of its narrow box: lesson 4's last character, selected, was past the right
        // edge at 1440 px (newcomer review)
        if let Some(i) = input.cloned() {
            next_frame().await;
            scroll_to_selection(&i);
        }
        // an attribute, not a class: Yew rewrites the class of the elements it draws
        let _ = el.remove_attribute("data-spotlight");
        let _ = el.set_attribute("data-spotlight", "");
        gloo::timers::callback::Timeout::new(2_500, move || {
            let _ = el.remove_attribute("data-spotlight");
        })
        .forget();
    });
}

/// Scrolls a text box whose value is wider than it so that its selection is in view, placed
/// by its share of the value (the jar's values are in a monospace font).
fn scroll_to_selection(input: &web_sys::HtmlInputElement) {
    let (wide, shown) = (input.scroll_width(), input.client_width());
    let chars = input.value().chars().count() as i32;
    let (Ok(Some(a)), Ok(Some(b))) = (input.selection_start(), input.selection_end()) else {
        return;
    };
    if wide <= shown || chars == 0 {
        return;
    }
    let at = |n: u32| wide * n as i32 / chars;
    let (start, end, left) = (at(a), at(b), input.scroll_left());
    if end > left + shown {
        input.set_scroll_left(end - shown + 8);
    } else if start < left {
        input.set_scroll_left((start - 8).max(0));
    }
}

/// A step's control in a panel drawn open already, brought into view as the step becomes the
/// next one (see `Workbench::reveal_next`): the panel's heading to the top of the box that
/// scrolls it, so the learner sees the panel open (a click on its heading would fold it), with
/// the control's row wholly in view above the form's sticky buttons (in a box too short for
/// both, the row, as Show me places it). The focus stays where
/// it is, and nothing moves when the row is in view already, when the panel is folded or its
/// pane hidden, or when the page itself scrolls (a phone: the learner is in another tab).
pub fn reveal_open_control(selectors: Vec<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        next_frame().await;
        let Some(el) = first_found(&selectors) else {
            return;
        };
        if el.get_bounding_client_rect().height() <= 0.0 {
            return;
        }
        let row = el
            .closest(".opt")
            .ok()
            .flatten()
            .unwrap_or_else(|| el.clone());
        let (Some(scroller), top) = scroller_of(&row) else {
            return;
        };
        let bottom = scroller.get_bounding_client_rect().bottom();
        let bar = el.closest("form.opts").ok().flatten().and_then(|f| {
            f.query_selector(":scope > .row:last-of-type")
                .ok()
                .flatten()
        });
        let bar_top = bar
            .as_ref()
            .map_or(bottom, |b| b.get_bounding_client_rect().top());
        let r = row.get_bounding_client_rect();
        if r.top() >= top - 0.5 && r.bottom() <= bar_top.min(bottom) + 0.5 {
            return;
        }
        let summary = el
            .closest("details")
            .ok()
            .flatten()
            .and_then(|d| d.query_selector(":scope > summary").ok().flatten());
        if let Some(summary) = summary {
            let shift = summary.get_bounding_client_rect().top() - top - 4.0;
            scroller.scroll_by_with_x_and_y(0.0, shift);
        }
        let bar_top = bar
            .as_ref()
            .map_or(bottom, |b| b.get_bounding_client_rect().top());
        let r = row.get_bounding_client_rect();
        if r.top() < top - 0.5 || r.bottom() > bar_top.min(bottom) + 0.5 {
            // a box too short for both: the field wins
            reveal_element(&row);
            clear_of_sticky_buttons(&el, &row);
            return;
        }
        // the heading stays at the top: a row the buttons cut goes back wholly under them
        // (rather than on, over the heading), as long as the field stays above them
        let cut =
            (el.closest("form.opts").ok().flatten()).map_or(0.0, |f| rows_cut_by(&f, bar_top).1);
        if cut > 0.0 && r.bottom() + cut <= bar_top + 0.5 {
            scroller.scroll_by_with_x_and_y(0.0, -cut);
        }
    });
}

/// After Show me has centred a field of a form whose buttons stay at the bottom of its
/// scrolling box (`.opts > .row:last-of-type` in style.css): no row of fields is left half
/// under those buttons, and the field is wholly above them. Lesson 4's step 7 centred "Trust
/// the proxy" and left the "(ms)" line of the latency's label under "Apply and restart". The
/// box scrolls on by what the cut row shows, or back so the row is wholly under the buttons,
/// whichever keeps the field and its label in view. `row` is the field's row (its label and
/// the field), which Show me centred.
fn clear_of_sticky_buttons(el: &web_sys::Element, row: &web_sys::Element) {
    let Some(form) = el.closest("form.opts").ok().flatten() else {
        return;
    };
    let Some(bar) = form
        .query_selector(":scope > .row:last-of-type")
        .ok()
        .flatten()
    else {
        return;
    };
    let b = bar.get_bounding_client_rect();
    if b.height() <= 0.0 || bar.contains(Some(el)) {
        return;
    }
    let bar_top = b.top();
    let own = row.get_bounding_client_rect();
    let (mut up, mut down) = rows_cut_by(&form, bar_top);
    if own.bottom() > bar_top + 0.5 {
        up = up.max(own.bottom() - bar_top + 2.0);
        down = 0.0;
    }
    if up <= 0.0 {
        return;
    }
    let (scroller, top) = scroller_of(&form);
    let shift = if own.top() - up >= top - 0.5 {
        up
    } else if down > 0.0 && own.bottom() + down <= bar_top + 0.5 {
        -down
    } else {
        return;
    };
    match scroller {
        Some(s) => s.scroll_by_with_x_and_y(0.0, shift),
        None => {
            if let Some(w) = web_sys::window() {
                w.scroll_by_with_x_and_y(0.0, shift);
            }
        }
    }
}

/// How far the form's rows of fields that its sticky buttons (their top at `bar_top`) cut in
/// two are from being clear of them: up, the scroll that puts every such row wholly above the
/// buttons; down, the scroll back that puts it wholly under them (0, 0 when none is cut).
fn rows_cut_by(form: &web_sys::Element, bar_top: f64) -> (f64, f64) {
    let Ok(rows) = form.query_selector_all(":scope > .opt") else {
        return (0.0, 0.0);
    };
    let (mut up, mut down) = (0.0f64, 0.0f64);
    for i in 0..rows.length() {
        let Some(r) = rows
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let r = r.get_bounding_client_rect();
        if r.height() > 0.0 && r.top() < bar_top - 0.5 && r.bottom() > bar_top + 0.5 {
            up = up.max(r.bottom() - bar_top + 2.0);
            down = down.max(bar_top - r.top());
        }
    }
    (up, down)
}

/// Scrolls the box around `el` (its [`scroller_of`]) by the least amount that shows it
/// whole, and nothing else: unlike [`reveal_element`], the page stays where the learner has
/// it (the scenario's list of steps after Play all, under its buttons).
pub fn show_in_its_box(el: &web_sys::Element) {
    if let (Some(bx), _) = scroller_of(el) {
        let r = el.get_bounding_client_rect();
        scroll_span_into(
            &bx,
            &bx.get_bounding_client_rect(),
            0.0,
            r.top(),
            r.bottom(),
        );
    }
}

/// Scrolls `scroller` (whose box is `b`, its top `covered` px hidden under sticky heads) the
/// least that shows the span from `top` to `bottom` whole under the heads, or from its top
/// when it is taller than that room; nothing when it shows already.
pub fn scroll_span_into(
    scroller: &web_sys::Element,
    b: &web_sys::DomRect,
    covered: f64,
    top: f64,
    bottom: f64,
) {
    let room_top = b.top() + covered;
    let by = if bottom > b.bottom() + 0.5 {
        (bottom - b.bottom()).min(top - room_top)
    } else if top < room_top - 0.5 {
        top - room_top
    } else {
        return;
    };
    scroller.set_scroll_top(scroller.scroll_top() + by.ceil() as i32);
}

/// A length in whole CSS pixels, `"12px"`. (Through an integer: an f64 printed by `{}` or
/// `{:.0}` links core's float formatting, 9.5 KB of code in the module, for these two lines.)
pub fn px(v: f64) -> String {
    format!("{}px", v.round() as i32)
}

/// The window's height in CSS pixels (0 where there is no window).
pub fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
}

/// Scrolls `scroller` (whose box is `b`) so a point now at `y` comes to the box's top, below
/// `covered` pixels of what sticks there.
pub fn scroll_to_top_of(scroller: &web_sys::Element, b: &web_sys::DomRect, covered: f64, y: f64) {
    let by = y - (b.top() + covered);
    scroller.set_scroll_top(scroller.scroll_top() + by.round() as i32);
}

/// The box that scrolls `el` up and down, with its top on screen: the nearest ancestor whose
/// content is taller than it and scrolls (overflow-y auto or scroll), else the page (None, 0).
pub fn scroller_of(el: &web_sys::Element) -> (Option<web_sys::Element>, f64) {
    let Some(w) = web_sys::window() else {
        return (None, 0.0);
    };
    let mut at = el.parent_element();
    while let Some(p) = at {
        if p.scroll_height() > p.client_height() + 1 && p.client_height() > 0 {
            let scrolls = w
                .get_computed_style(&p)
                .ok()
                .flatten()
                .and_then(|cs| cs.get_property_value("overflow-y").ok())
                .is_some_and(|v| v == "auto" || v == "scroll");
            if scrolls {
                let top = p.get_bounding_client_rect().top();
                return (Some(p), top);
            }
        }
        at = p.parent_element();
    }
    (None, 0.0)
}
