//! What the keyboard and a screen reader need beyond each pane's own markup: text in another
//! language marked with `lang`, the live region (two regions taking turns, so a repeat is
//! heard), the shortcuts and their "?" overlay, and a keeper that puts the focus somewhere
//! sensible when the element holding it goes away. What each key means is decided in
//! [`crate::model::keys`]; this file only listens and moves the focus.

use super::effects::focus_element;
use super::use_app;
use crate::i18n::{t, Key, Lang};
use crate::model::gloss::runs;
use crate::model::keys::{escape_returns, Press, Shortcut};
use crate::model::workbench::{Op, ToolPanel};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// `text` with its Chinese pieces marked `lang="zh-CN"` on an English page (a line of code
/// holding a Chinese string, the course's button names in a step).
pub fn mixed(lang: Lang, text: &str) -> Html {
    let parts = runs(text, lang);
    if let [(only, None)] = parts.as_slice() {
        return breakable(only);
    }
    html! {
        {for parts.into_iter().map(|(s, l)| match l {
            Some(tag) => html! { <span lang={tag}>{breakable(s)}</span> },
            None => breakable(s),
        })}
    }
}

/// `text` with a line break allowed after each 、 (a Chinese list's comma): none is before a
/// `/`, so lesson 3's "/peek、/remember、/regenerate、/unset" went whole onto a line of its
/// own at 390 px, "下一步：依次打开" alone above it (phone review). A `<wbr>`, not a character:
/// a copy of the text stays as written.
fn breakable(text: &str) -> Html {
    if !text.contains('、') {
        return html! { {text.to_string()} };
    }
    let pieces: Vec<&str> = text.split_inclusive('、').collect();
    let last = pieces.len() - 1;
    html! {
        {for pieces.into_iter().enumerate().map(|(i, p)| html! {
            <>{p.to_string()}if i < last { <wbr /> }</>
        })}
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Whether an element is on the page and drawn (not removed, not `display: none`).
fn shown(e: &Element) -> bool {
    let r = e.get_bounding_client_rect();
    e.is_connected() && (r.width() > 0.0 || r.height() > 0.0)
}

/// Moves the focus by `step` among `root`'s elements that match `selector` (a roving focus:
/// a cell's buttons, the open place picker's entries), from the one that has it; from outside
/// them, down goes to the first and up to the last. Whether it moved: among fewer than two
/// there is nowhere to go.
pub fn focus_among(root: &Element, selector: &str, step: crate::model::keys::Step) -> bool {
    let Ok(list) = root.query_selector_all(selector) else {
        return false;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into().ok())
        .collect();
    if items.len() < 2 {
        return false;
    }
    let active = document().and_then(|d| d.active_element());
    let at =
        (items.iter()).position(|b| active.as_ref().is_some_and(|a| a == b.as_ref() as &Element));
    let step = if at.is_some() { step } else { step.entering() };
    let indices: Vec<usize> = (0..items.len()).collect();
    match crate::model::keys::roving(&indices, at.unwrap_or(0), step) {
        Some(j) => items[j].focus().is_ok(),
        None => false,
    }
}

/// Focuses the first element matching `selector` that is drawn, once the page has rendered
/// what was just dispatched. An element that is not focusable by itself (a heading, a list
/// item) is made focusable by script only.
pub fn focus_later(selector: &'static str) {
    // on a loaded machine the element may not be drawn yet when the first try runs (a clean
    // clone's test run saw the shortcuts' title left unfocused): a few more tries, a frame
    // apart, for a sixth of a second at most
    fn attempt(selector: &'static str, delay: u32, left: u32) {
        gloo::timers::callback::Timeout::new(delay, move || {
            if !focus_now(selector) && left > 0 {
                attempt(selector, 16, left - 1);
            }
        })
        .forget();
    }
    attempt(selector, 0, 10);
}

fn focus_now(selector: &str) -> bool {
    let Some(list) = document().and_then(|d| d.query_selector_all(selector).ok()) else {
        return false;
    };
    for i in 0..list.length() {
        let e = list.item(i).and_then(|n| n.dyn_into::<Element>().ok());
        if let Some(e) = e.filter(shown) {
            // (focus() on what has it already scrolls nothing: a jar cell the page had
            // scrolled away from stayed off screen when its shortcut was pressed)
            let had = document().and_then(|d| d.active_element()).as_ref() == Some(&e);
            if had {
                super::effects::reveal_element(&e);
            } else {
                focus_element(&e);
            }
            return true;
        }
    }
    false
}

/// The elements that can take the focus by Tab, within a container.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary, [tabindex]";

/// Keeps the keyboard's place: when the element holding the focus is removed or hidden (a
/// "Show hint 3" button that goes away, a menu that closes, a deleted row), the focus goes to
/// the nearest part of the page still there, never to `<body>`.
#[hook]
pub fn use_focus_keeper(version: u64) {
    // the element last focused and its ancestors, nearest first
    let trail = use_mut_ref(Vec::<Element>::new);
    {
        let trail = trail.clone();
        use_effect_with((), move |_| {
            let doc = document();
            let listeners = doc.map(|d| {
                let t1 = trail.clone();
                let on_in = gloo::events::EventListener::new(&d, "focusin", move |e| {
                    let mut chain = Vec::new();
                    let mut at = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                    while let Some(el) = at {
                        at = el.parent_element();
                        chain.push(el);
                    }
                    *t1.borrow_mut() = chain;
                });
                // a click on nothing focusable puts the focus on the body on purpose
                let t2 = trail.clone();
                let on_down = gloo::events::EventListener::new(&d, "pointerdown", move |_| {
                    t2.borrow_mut().clear();
                });
                (on_in, on_down)
            });
            move || drop(listeners)
        });
    }
    use_effect_with(version, move |_| {
        let trail = trail.clone();
        gloo::timers::callback::Timeout::new(0, move || restore(&trail)).forget();
    });
}

fn restore(trail: &Rc<RefCell<Vec<Element>>>) {
    let Some(doc) = document() else { return };
    let on_body = doc
        .active_element()
        .is_none_or(|a| Some(&a) == doc.body().map(|b| b.unchecked_into::<Element>()).as_ref());
    let chain = trail.borrow().clone();
    let Some(lost) = chain.first() else { return };
    // a button that went disabled under the focus (a scenario's "Next step" at its last step,
    // "Play all") drops it on the body: the focus goes on to the next control beside it that
    // still works, else the one before (the next Tab had gone to the pane under the card)
    let disabled = lost.has_attribute("disabled");
    if on_body && disabled && shown(lost) {
        if let Some(e) = lost.parent_element().and_then(|row| beside(&row, lost)) {
            let _ = e.focus();
            return;
        }
    }
    if !on_body || shown(lost) {
        return;
    }
    // the nearest ancestor still drawn, then inside it what takes the focus
    let Some(home) = chain.iter().skip(1).find(|e| shown(e)) else {
        return;
    };
    // a simulated page gave way to the next (a login form submitted by Enter): the focus goes
    // to the start of the new page, as a browser's does after a navigation, not to its first
    // link, where the next Enter followed it (the user page's 退出 logged the learner out)
    // (where it is: the page the learner just used is on screen, and scrolled to its foot
    // the browser pane lost its heading and the attacker's button at 1280x720 after a login)
    if let Ok(Some(page)) = home.closest(".viewport") {
        super::effects::focus_in_place(&page);
        return;
    }
    let app_level = home.class_name().split_whitespace().any(|c| c == "app")
        || home.tag_name().eq_ignore_ascii_case("body");
    if app_level {
        // the whole card or panel went: the place's title says where the learner now is
        if focus_now(".guide h2") || focus_now("#main") {
            return;
        }
    }
    if let Some(e) = tab_stops(home).first() {
        let _ = e.focus();
        return;
    }
    if let Ok(e) = home.clone().dyn_into::<HtmlElement>() {
        let _ = e.set_attribute("tabindex", "-1");
        let _ = e.focus();
    }
}

/// The drawn elements in `root` that Tab stops at, in the page's order.
fn tab_stops(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|e| shown(e) && e.get_attribute("tabindex").as_deref() != Some("-1"))
        .collect()
}

/// In `row`, the first control that takes the focus after `lost`, else the last before it.
fn beside(row: &Element, lost: &Element) -> Option<HtmlElement> {
    let usable = tab_stops(row);
    let after = |e: &HtmlElement| {
        lost.compare_document_position(e) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
    };
    let later = usable.iter().find(|e| after(e)).cloned();
    later.or_else(|| usable.into_iter().rev().find(|e| !after(e)))
}

/// Whether the focus is somewhere that takes typing (there `?` is a character).
pub fn typing(target: Option<web_sys::EventTarget>) -> bool {
    let Some(e) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    match e.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => e
            .get_attribute("type")
            .is_none_or(|k| !matches!(k.as_str(), "checkbox" | "radio" | "button" | "submit")),
        _ => e.get_attribute("contenteditable").is_some(),
    }
}

/// Where each shortcut puts the focus (the first of these drawn).
fn targets(s: Shortcut) -> &'static [&'static str] {
    match s {
        // the step's Show me; else its line (every step done), a challenge's or a
        // scenario's card
        Shortcut::ShowMe => &[
            ".lesson-card .next-step .show-me",
            ".lesson-card .next-step",
            // in a challenge, the newest hint's Show me, as a lesson's step's (it went to the
            // title, the hint's control 8 Tabs on; screen reader review)
            ".challenge-card ol.hints li:last-child .hint-show",
            "#challenge-title",
            ".guide h2",
        ],
        Shortcut::AddressBar => &["#address"],
        Shortcut::Jar => &["table.jar td[tabindex='0']", ".add-cookie input", "#h-jar"],
        Shortcut::Server => &["#server-code", "#h-server"],
        // the newest entry's summary, or its "State after" when it is the lab's own line (the
        // clock moved, the server restarted): it has no summary, and the focus went up to the
        // pane's heading, far above the entry on a phone
        Shortcut::Timeline => &[
            "#pane-timeline li.entry:last-of-type :is(summary, button.travel)",
            "#h-timeline",
        ],
        // (lessons 1 and 2 run hand-built apps: no options, the code instead)
        Shortcut::Options => &[
            "#options-form :is(input, select):not([disabled])",
            "#server-code",
            "#h-server",
        ],
        Shortcut::Clock => &["#clock-plus-minute"],
        Shortcut::Help => &["#keys-help h2"],
    }
}

/// Opens the shortcut's pane (on a phone, its tab) and focuses its target.
pub fn go_to(s: &super::state::AppContext, cut: Shortcut) {
    if let Some(p) = cut.pane() {
        s.dispatch(Op::SetTab(p));
    }
    if cut == Shortcut::Timeline {
        // its newest entry is in the log, which the diagram may be showing in place of
        s.dispatch(Op::ShowTimelineView(
            crate::model::workbench::TimelineView::Log,
        ));
    }
    let wanted = targets(cut);
    gloo::timers::callback::Timeout::new(0, move || {
        if cut == Shortcut::Options {
            if let Some(d) = document()
                .and_then(|d| {
                    d.query_selector("#pane-server details.options")
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                d.set_open(true);
            }
        }
        let _ = wanted.iter().any(|sel| focus_now(sel));
        if cut == Shortcut::Options {
            super::effects::reveal_focused_field_later();
        }
        // the address bar's text selected, as a browser's Ctrl+L selects it: a learner who
        // typed the URL a step names after the skip link got it twice in a row
        // (http://localhost:3000/http://localhost:3000/, a 404)
        if cut == Shortcut::AddressBar {
            if let Some(input) = document()
                .and_then(|d| d.query_selector("#address").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.select();
            }
        }
    })
    .forget();
}

/// Listens for the shortcuts of [`Shortcut`] anywhere on the page.
#[hook]
pub fn use_shortcuts(s: &super::state::AppContext) {
    let s = s.clone();
    use_effect_with((), move |_| {
        let listener = document().map(|d| {
            let active = gloo::events::EventListenerOptions::enable_prevent_default();
            gloo::events::EventListener::new_with_options(&d, "keydown", active, move |e| {
                let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let (key, code) = (k.key(), k.code());
                let press = Press {
                    key: &key,
                    code: &code,
                    alt: k.alt_key(),
                    shift: k.shift_key(),
                    ctrl: k.ctrl_key(),
                    meta: k.meta_key(),
                    typing: typing(k.target()),
                    question_key: s.model().question_key(),
                };
                let travelling = s.model().travel().is_some();
                // (what had the focus ran first: a panel or menu that took Escape refused it;
                // a panel open elsewhere, the focus out of it, leaves it to the past: it did
                // nothing at all there, with "Back to now" saying its key is Escape)
                let taken = k.default_prevented();
                if escape_returns(&press, travelling, taken) {
                    k.prevent_default();
                    super::past::go_back_to_now(&s);
                    return;
                }
                let Some(cut) = Shortcut::from_press(&press) else {
                    return;
                };
                k.prevent_default();
                let was = document().and_then(|d| d.active_element());
                // a field being edited commits first, as leaving it by Tab does: the redraw
                // the shortcut brings put a jar cell's stored value back, and the edit was
                // lost without a word (its `change` fires on the blur)
                if let Some(field) = document()
                    .and_then(|d| d.active_element())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                    .filter(|a| matches!(a.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
                {
                    let _ = field.blur();
                }
                if cut == Shortcut::Help {
                    s.dispatch(Op::TogglePanel(ToolPanel::Keys));
                    if s.model().panel() == Some(ToolPanel::Keys) {
                        // (in an embed, once it is placed beside what had the focus)
                        let placed = was.as_ref().is_some_and(|w| {
                            super::effects::beside_in_embed("keys-help", w.clone(), || {
                                focus_later("#keys-help h2")
                            })
                        });
                        // closed, the list gives the focus back here, not to its "?" button
                        RETURN_TO.with(|r| *r.borrow_mut() = was.map(|w| (ToolPanel::Keys, w)));
                        if !placed {
                            focus_later("#keys-help h2");
                        }
                    } else {
                        give_back(ToolPanel::Keys, "#open-keys");
                    }
                    return;
                }
                go_to(&s, cut);
            })
        });
        move || drop(listener)
    });
}

/// Closes a header panel and gives the focus back to the button that opened it.
pub fn panel_closer(
    s: &super::state::AppContext,
    panel: ToolPanel,
    opener: &'static str,
) -> Callback<()> {
    let s = s.clone();
    Callback::from(move |_| {
        s.dispatch(Op::TogglePanel(panel));
        give_back(panel, opener);
    })
}

thread_local! {
    /// Where the focus was when a shortcut opened a panel (only "?" does), to go back there.
    static RETURN_TO: RefCell<Option<(ToolPanel, Element)>> = const { RefCell::new(None) };
}

/// A panel opened from its button gives the focus back to the button, not to where an earlier
/// "?" found it.
pub fn opened_by_button() {
    RETURN_TO.with(|r| r.borrow_mut().take());
}

/// Once `panel` has closed, the focus goes back where it was when a shortcut opened it (a
/// jar cell, the address bar), if that is still drawn; else to the panel's `opener`.
fn give_back(panel: ToolPanel, opener: &'static str) {
    let back = RETURN_TO
        .with(|r| r.borrow_mut().take())
        .filter(|(p, _)| *p == panel)
        .map(|(_, e)| e)
        .filter(|e| !e.tag_name().eq_ignore_ascii_case("body"))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match back {
        Some(e) => {
            gloo::timers::callback::Timeout::new(0, move || {
                if shown(&e) {
                    let _ = e.focus();
                } else {
                    focus_later(opener);
                }
            })
            .forget();
        }
        None => focus_later(opener),
    }
}

/// The keys of a header panel (Share, Scenario): Escape anywhere in it closes it (see
/// [`panel_closer`]), and Tab and Shift+Tab keep the order [`panel_order`] gives.
pub fn escape_closes(
    close: &Callback<()>,
    panel_id: &'static str,
    opener: &'static str,
) -> Callback<KeyboardEvent> {
    let close = close.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            close.emit(());
        } else {
            panel_order(&e, panel_id, opener);
        }
    })
}

/// What Tab stops at inside `root`, in the page's order (shown and enabled).
fn controls(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(all) = root
        .query_selector_all("button, input, select, textarea, a[href], summary, [tabindex='0']")
    else {
        return Vec::new();
    };
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|h| !h.has_attribute("disabled") && h.offset_parent().is_some())
        .collect()
}

/// Tab and Shift+Tab while a header panel is open: the panel is drawn below the header, so the
/// page's order visited the header's other buttons between the one that opened it and the
/// panel. The order is the header's controls up to that button (`opener`, an id selector),
/// the panel's controls, the rest of the header's, then the page after the panel. Returns
/// whether it moved the focus.
pub fn panel_order(e: &KeyboardEvent, panel_id: &str, opener: &str) -> bool {
    if e.key() != "Tab" || e.alt_key() || e.ctrl_key() || e.meta_key() {
        return false;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let (Some(panel), Some(header)) = (
        doc.get_element_by_id(panel_id),
        doc.query_selector(".topbar").ok().flatten(),
    ) else {
        return false;
    };
    let head = controls(&header);
    let opener_id = opener.trim_start_matches('#');
    let Some(o) = head.iter().position(|h| h.id() == opener_id) else {
        return false;
    };
    let mut order = head[..=o].to_vec();
    order.extend(controls(&panel));
    order.extend_from_slice(&head[o + 1..]);
    let active = doc.active_element();
    let Some(i) = order
        .iter()
        .position(|x| Some::<&web_sys::Element>(x) == active.as_ref())
    else {
        return false;
    };
    let target = if e.shift_key() {
        i.checked_sub(1).and_then(|p| order.get(p)).cloned()
    } else if let Some(n) = order.get(i + 1) {
        Some(n.clone())
    } else {
        // past the end: the page's first control after the panel (the header's last button
        // would otherwise go into the panel again)
        let mut after = panel.next_element_sibling();
        let mut found = None;
        while let (Some(el), None) = (after.clone(), found.as_ref()) {
            found = controls(&el).into_iter().next();
            after = el.next_element_sibling();
        }
        found
    };
    match target {
        Some(t) => {
            e.prevent_default();
            let _ = t.focus();
            true
        }
        None => false,
    }
}

/// The keys of a panel that lies over the page (the notes, the shortcuts): Escape closes it
/// (`close`, which gives the focus back to its opener), and so does Tab past either of its
/// ends, before the focus goes on to what the panel covers (WCAG 2.4.11); the focus stays
/// where Tab took it, now in view. A click elsewhere leaves the panel open.
#[hook]
pub fn use_overlay_keys(
    panel: ToolPanel,
    close: Callback<()>,
    within: NodeRef,
) -> (Callback<KeyboardEvent>, Callback<FocusEvent>) {
    let s = use_app();
    let tabbing = use_mut_ref(|| false);
    let onkeydown = {
        let tabbing = tabbing.clone();
        Callback::from(move |e: KeyboardEvent| {
            *tabbing.borrow_mut() = e.key() == "Tab";
            if e.key() == "Escape" {
                e.prevent_default();
                close.emit(());
            }
        })
    };
    let onfocusout = Callback::from(move |e: FocusEvent| {
        let tabbed = std::mem::replace(&mut *tabbing.borrow_mut(), false);
        let node =
            |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        // the panel's own node (Yew delegates events, so `currentTarget` is not the panel)
        if let (true, Some(inside), Some(to)) = (tabbed, within.get(), node(e.related_target())) {
            if !inside.contains(Some(&to)) && s.model().panel() == Some(panel) {
                s.dispatch(Op::LeavePanel(panel));
            }
        }
    });
    (onkeydown, onfocusout)
}

/// The "?" overlay: every shortcut, and how the tabs and the jar's grid are worked.
#[component]
pub fn KeysHelp() -> Html {
    let s = use_app();
    let l = s.model().lang();
    let close = panel_closer(&s, ToolPanel::Keys, "#open-keys");
    let within = use_node_ref();
    let (onkeydown, onfocusout) = use_overlay_keys(ToolPanel::Keys, close.clone(), within.clone());
    let question_key = s.model().question_key();
    let rows = Shortcut::ALL.iter().map(|&c| {
        html! { <tr><th scope="row"><kbd>{c.keys(question_key)}</kbd></th><td>{t(l, c.label())}</td></tr> }
    });
    let toggle = {
        let s = s.clone();
        Callback::from(move |_: Event| s.dispatch(Op::SetQuestionKey(!question_key)))
    };
    html! {
        <section id="keys-help" class="keys-help" role="dialog" aria-labelledby="keys-title" ref={within} {onkeydown} {onfocusout}>
            <div class="learn-head">
                <h2 id="keys-title" tabindex="-1">{t(l, Key::KeysTitle)}</h2>
                <button type="button" class="btn small" onclick={close.reform(|_: MouseEvent| ())}>{t(l, Key::KeysClose)}</button>
            </div>
            <table class="keys">
                <caption class="sr-only">{t(l, Key::KeysTitle)}</caption>
                <tbody>{for rows}</tbody>
            </table>
            <label class="keys-toggle"><input id="question-key" type="checkbox" checked={question_key} onchange={toggle} />{t(l, Key::KeysQuestionKey)}</label>
            <h3>{t(l, Key::KeysGridTitle)}</h3>
            <ul>
                <li>{t(l, Key::KeysGridMove)}</li>
                <li>{t(l, Key::KeysGridEdit)}</li>
                <li>{t(l, Key::KeysOptionsEnter)}</li>
                <li>{t(l, Key::KeysTabs)}</li>
                <li>{t(l, Key::KeysPicker)}</li>
                <li>{t(l, Key::KeysTravelBack)}</li>
            </ul>
        </section>
    }
}

/// How long typing must pause before a [`SettledStatus`] speaks.
const SETTLE_MS: u32 = 900;

#[derive(Properties, PartialEq)]
pub struct SettledProps {
    /// What the status says once the text stops changing.
    pub text: AttrValue,
    /// Changes with each keystroke: the wait starts again.
    pub edits: u64,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A status for a result that follows each keystroke (the cookie inspector's verdicts): it
/// takes the text once typing has paused for a moment, so a screen reader hears the result
/// of what was typed, not a verdict per letter over the typing's own echo. Shown to a
/// sighted reader elsewhere, at once.
#[component]
pub fn SettledStatus(props: &SettledProps) -> Html {
    let said = use_state(|| props.text.clone());
    {
        let said = said.clone();
        use_effect_with((props.text.clone(), props.edits), move |(text, _)| {
            let text = text.clone();
            let timer = gloo::timers::callback::Timeout::new(SETTLE_MS, move || said.set(text));
            move || drop(timer)
        });
    }
    html! { <p class="sr-only" role="status" id={props.id.clone()}>{(*said).clone()}</p> }
}

/// The live region: two regions taking turns, so that the same words said twice (a second
/// visit with the same result) are a change a screen reader announces.
#[component]
pub fn Announcer() -> Html {
    let s = use_app();
    let wb = s.model();
    let (lang, said) = (wb.lang(), wb.announcement().clone());
    drop(wb);
    let turn = said.n % 2;
    let region = |i: u64| {
        html! {
            <div class="sr-only" aria-live="polite" aria-atomic="true" id={format!("announcer-{i}")}>
                if turn == i { {mixed(lang, &said.text)} }
            </div>
        }
    };
    html! { <div id="announcer" data-n={said.n.to_string()}>{region(0)}{region(1)}</div> }
}
