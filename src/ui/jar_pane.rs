//! The cookie jar, DevTools style: every cell editable, whether each cookie goes with the next
//! request (and why not), and for a signed value its anatomy and the server's verdict. What
//! the cells mean and what the server will say comes from the page model
//! ([`crate::model::workbench`]); this file draws it.

use super::grid::{grid_keys, COLS};
use super::input_value;
use super::use_app;
use crate::engine::clock::Millis;
use crate::engine::events::BrowserId;
use crate::engine::jar::{check_name_value, Cookie, Field as CookieField, Withheld};
use crate::engine::lab::Action;
use crate::engine::uri::decode_uri_component;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::anatomy::{anatomy, Verdict};
use crate::model::explain::{browser_name, jar_problem_text, withheld_text};
use crate::model::jar_cells::{expires_left, expires_text};
use crate::model::keys::{Cell as GridCell, EditKey};
use crate::model::workbench::{secret_text, verdict_text, Op, ServerCheck};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct CellProps {
    browser: BrowserId,
    cookie: Cookie,
    field: CookieField,
    shown: AttrValue,
    label: AttrValue,
    #[prop_or_default]
    mono: bool,
}

#[component]
fn Cell(p: &CellProps) -> Html {
    let s = use_app();
    let (cookie, field, shown, who) = (p.cookie.clone(), p.field, p.shown.clone(), p.browser);
    // a text cell's value, kept while the learner types in it
    let (text_box, committed) = super::use_typed_box(p.shown.clone());
    // a tap selects the cell's text, as Enter or F2 does (lesson 1's "select all of its text"
    // took a long press and the phone's menu)
    let select = super::use_select_on_press(true);
    // where the last click put the caret, for a double-click's word (see `word_in_cell`)
    let caret = use_mut_ref(|| None::<u32>);
    let onchange = Callback::from(move |e: Event| {
        let Some(text) = input_value(&e) else { return };
        committed.mark(&text);
        s.dispatch(Op::EditCookie {
            browser: who,
            cookie: cookie.clone(),
            field,
            text,
        });
        let wb = s.model();
        if !wb
            .jar_rows(who)
            .iter()
            .any(|d| d.cookie.key() == cookie.key())
        {
            // a new name, domain or path redraws the row under its new key, and a date in the
            // past takes it out: the focus goes to the cell in its place (as a delete's does)
            super::access::focus_later("table.jar td[tabindex='0'], .add-cookie input");
        }
        if wb.jar_problem().is_some() {
            // not acceptable: the model says why; show the stored value again
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                i.set_value(&shown);
            }
        }
    });
    // Escape puts the stored value back before the edit is committed, as DevTools does (the
    // grid then returns the focus to the cell)
    let onkeydown = {
        let shown = p.shown.clone();
        Callback::from(move |e: KeyboardEvent| {
            if EditKey::from_key(&e.key()) != Some(EditKey::Cancel) {
                return;
            }
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                i.set_value(&shown);
            }
        })
    };
    // an expiry being edited grows over the columns to its right (style.css): where the jar
    // scrolls sideways, its cell is scrolled to the sticky name's edge, so the whole text box is
    // inside the jar's box
    let expires = p.field == CookieField::Expires;
    let select_on_tap = select.focus.clone();
    let onfocus = Callback::from(move |e: FocusEvent| {
        select_on_tap.emit(e.clone());
        if expires {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let (Some(td), Some(wrap)) = (
                input.closest("td").ok().flatten(),
                input.closest(".jar-wrap").ok().flatten(),
            ) else {
                return;
            };
            let Some(name) = td.parent_element().and_then(|tr| tr.first_element_child()) else {
                return;
            };
            if wrap.scroll_width() > wrap.client_width() {
                let by =
                    td.get_bounding_client_rect().left() - name.get_bounding_client_rect().right();
                wrap.set_scroll_left(wrap.scroll_left() + by.round() as i32);
            }
        }
    });
    // the select shows the cookie's SameSite after every render: an option's `selected`
    // attribute stops choosing once the learner has picked one by hand, so a SameSite the
    // server set later showed "—" over `SameSite=Lax` (the CSRF challenge)
    let same_site = use_node_ref();
    {
        let (same_site, cur) = (same_site.clone(), p.cookie.same_site.label());
        use_effect(move || {
            if let Some(sel) = same_site.cast::<web_sys::HtmlSelectElement>() {
                if sel.value() != cur {
                    sel.set_value(cur);
                }
            }
        });
    }
    match p.field {
        CookieField::HttpOnly | CookieField::Secure => {
            let checked = if p.field == CookieField::HttpOnly {
                p.cookie.http_only
            } else {
                p.cookie.secure
            };
            // the cell says its state: on the cell, a screen reader heard the box's name only
            html! { <><input type="checkbox" tabindex="-1" checked={checked} aria-label={p.label.clone()} {onchange} /><span class="sr-only">{p.shown.clone()}</span></> }
        }
        CookieField::SameSite => {
            let cur = p.cookie.same_site.label();
            html! {
                <>
                <select tabindex="-1" aria-label={p.label.clone()} ref={same_site.clone()} {onchange}>
                    {for ["", "Strict", "Lax", "None"].iter().map(|o| html! { <option value={*o} selected={*o == cur}>{if o.is_empty() { "—" } else { o }}</option> })}
                </select>
                <span class="sr-only">{p.shown.clone()}</span>
                </>
            }
        }
        _ => {
            let size = p.shown.chars().count().clamp(4, 20).to_string();
            let (word_click, word_double) = word_in_cell(caret);
            html! {
                <input type="text" tabindex="-1" class={classes!("cell", p.mono.then_some("mono"))} ref={text_box} aria-label={p.label.clone()}
                    title={p.shown.clone()} size={size} spellcheck="false" autocomplete="off" {onchange} {onkeydown} {onfocus}
                    onpointerdown={select.press} onmouseup={select.release} onclick={word_click} ondblclick={word_double} />
            }
        }
    }
}

/// A text cell's click and double-click: the first click's caret is kept, and the word the
/// double-click selected is cut to one part of a signed value
/// ([`crate::model::jar_cells::word_in_cell`]).
fn word_in_cell(
    caret: std::rc::Rc<std::cell::RefCell<Option<u32>>>,
) -> (Callback<MouseEvent>, Callback<MouseEvent>) {
    let selection = |e: &MouseEvent| {
        let i = e.target_dyn_into::<web_sys::HtmlInputElement>()?;
        let (Ok(Some(start)), Ok(Some(end))) = (i.selection_start(), i.selection_end()) else {
            return None;
        };
        Some((i, start, end))
    };
    let click = {
        let caret = caret.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((_, start, _)) = selection(&e).filter(|(_, s, e)| s == e) {
                *caret.borrow_mut() = Some(start);
            }
        })
    };
    let double = Callback::from(move |e: MouseEvent| {
        if let Some((i, start, end)) = selection(&e) {
            let cut =
                crate::model::jar_cells::word_in_cell(&i.value(), start, end, *caret.borrow());
            if let Some((a, b)) = cut {
                let _ = i.set_selection_range(a, b);
            }
        }
    });
    (click, double)
}

/// The anatomy of a signed value, colour-coded.
fn anatomy_view(lang: Lang, raw: &str) -> Html {
    match anatomy(raw) {
        Some(a) => anatomy_parts(lang, &a),
        None => html! {},
    }
}

/// A signed value's parts, colour-coded, with their legend (the jar and the inspector).
pub(crate) fn anatomy_parts(lang: Lang, a: &crate::model::anatomy::Anatomy) -> Html {
    html! {
        <div class="anatomy mono" role="group" aria-label={t(lang, Key::AnatomyGroup)}>
            <span class="sig-prefix" title={t(lang, Key::AnatomyPrefix)}>{"s:"}</span>
            <span class="sig-id" title={t(lang, Key::AnatomyPayload)}>{a.payload.clone()}</span>
            if let Some(m) = &a.mac {
                <span class="sig-dot">{"."}</span>
                <span class="sig-mac" title={t(lang, Key::AnatomyMac)}>{m.clone()}</span>
            }
            <div class="legend">
                <span class="sig-prefix">{t(lang, Key::AnatomyPrefix)}</span>
                <span class="sig-id">{t(lang, Key::AnatomyPayload)}</span>
                <span class="sig-mac">{t(lang, Key::AnatomyMac)}</span>
            </div>
        </div>
    }
}

/// The jar table's column widths and headings, the live jar's and the past one's: DevTools'
/// nine columns, then whether each cookie goes (`sent` says with which request), then the
/// table's own last column (its class and its heading, read by screen readers only).
pub(super) fn jar_columns(l: Lang, sent: Key, (last_class, last): (&'static str, Key)) -> Html {
    // the heads as the log and the live region name the columns
    let col = |f: CookieField| crate::model::explain::column_name(l, f);
    html! {
        <>
            <colgroup>
                <col class="c-name" /><col class="c-value" /><col class="c-domain" /><col class="c-path" />
                <col class="c-expires" /><col class="c-size" /><col class="c-flag" /><col class="c-flag" />
                <col class="c-samesite" /><col class="c-sent" /><col class={last_class} />
            </colgroup>
            <thead><tr>
                <th scope="col">{col(CookieField::Name)}</th><th scope="col">{col(CookieField::Value)}</th>
                <th scope="col">{col(CookieField::Domain)}</th><th scope="col">{col(CookieField::Path)}</th>
                <th scope="col">{col(CookieField::Expires)}</th><th scope="col" title={t(l, Key::ColSize)}>{t(l, Key::ColSize)}</th>
                <th scope="col" title={col(CookieField::HttpOnly)}>{col(CookieField::HttpOnly)}</th><th scope="col" title={col(CookieField::Secure)}>{col(CookieField::Secure)}</th><th scope="col" title={col(CookieField::SameSite)}>{col(CookieField::SameSite)}</th>
                <th scope="col" title={t(l, sent)}><span aria-hidden="true">{t(l, Key::ColSentShort)}</span><span class="sr-only">{t(l, sent)}</span></th>
                <th scope="col" title={t(l, last)}><span class="sr-only">{t(l, last)}</span></th>
            </tr></thead>
        </>
    }
}

/// Under a dated cookie's Expires text, which no column's width shows whole, how long it has
/// left at `now` (`in 23 h 59 min`), a second line; the text before it says it too, so it is
/// not read twice. With the cell's class: a dated one's column gets more room. Nothing under
/// a session cookie's. The live jar's and the past one's (`now` the clock then).
pub(super) fn expires_left_line(l: Lang, c: &Cookie, now: Millis) -> (&'static str, Html) {
    match expires_left(c, l, now) {
        Some(left) => (
            "expires dated",
            html! { <span class="expires-left" aria-hidden="true">{left}</span> },
        ),
        None => ("expires", html! {}),
    }
}

/// A "Sent" cell's mark: a tick that says `yes`, or a cross with the jar's reason, in words
/// for screen readers too.
pub(super) fn sent_tag(l: Lang, withheld: Option<&Withheld>, yes: Key) -> Html {
    let (mark, class, why) = match withheld {
        None => ("✓", "ok", t(l, yes)),
        Some(w) => ("✗", "warn", withheld_text(l, w)),
    };
    html! { <span class={classes!("tag", class)} title={why}>{mark}<span class="sr-only">{format!(" {why}")}</span></span> }
}

/// What [`CopyValue`] copies, and what its button says.
#[derive(Properties, PartialEq)]
pub(super) struct CopyProps {
    pub text: String,
    #[prop_or(Key::CopyCookieValue)]
    pub label: Key,
}

/// Copies the selected cookie's value as the jar holds it: the logout challenge asks to keep
/// connect.sid's value before logging out and put it back after; the cell shows only its
/// start, and a phone has no F2 (a review found no way to copy it). The attacker's tools copy
/// what they make with it (a signed value, the cookies a script stole), which a learner
/// carries to a cell or to the raw request's Cookie header.
#[component]
pub(super) fn CopyValue(p: &CopyProps) -> Html {
    let s = use_app();
    let l = s.model().lang();
    let copied = use_state(|| false);
    {
        // another value: not copied yet
        let copied = copied.clone();
        use_effect_with(p.text.clone(), move |_| copied.set(false));
    }
    let onclick = {
        let (d, text, copied) = (s.dispatcher(), p.text.clone(), copied.clone());
        Callback::from(move |_| {
            let copied = copied.clone();
            super::copy_text(d.clone(), &text, move || copied.set(true));
        })
    };
    html! {
        <button type="button" class="btn small copy-value" {onclick}>
            {t(l, if *copied { Key::Copied } else { p.label })}
        </button>
    }
}

/// The selected cookie whole: its value wrapped (a cell shows only its start), taken apart
/// when signed, and, for the cookie the server reads, the verdict its next request will get.
fn detail(lang: Lang, c: &Cookie, sent: Option<&Withheld>, check: Option<&ServerCheck>) -> Html {
    let sent_text = match sent {
        None => t(lang, Key::SentYes).to_string(),
        Some(w) => withheld_text(lang, w).to_string(),
    };
    let Some(check) = check.filter(|k| k.name == c.name && k.value == c.value) else {
        return html! {
            <section class="cookie-detail" aria-labelledby="h-detail">
                <h3 id="h-detail">{t(lang, Key::DetailTitle)}{t(lang, Key::Colon)}<code>{c.name.clone()}</code></h3>
                if anatomy(&c.value).is_some() { {anatomy_view(lang, &c.value)} } else { <p class="mono value-whole">{c.value.clone()}</p> }
                <CopyValue text={c.value.clone()} />
                <p class="muted small">{t(lang, Key::ColSent)}{crate::i18n::gap_after(t(lang, Key::ColSent))}{sent_text}</p>
            </section>
        };
    };
    let (tone, text) = verdict_text(lang, check);
    html! {
        <section class="cookie-detail verdict-box" aria-labelledby="h-verdict">
            <h3 id="h-verdict">{t(lang, Key::VerdictTitle)}{t(lang, Key::Colon)}<code>{check.name.clone()}</code></h3>
            if anatomy(&check.value).is_some() { {anatomy_view(lang, &check.value)} } else { <p class="mono value-whole">{check.value.clone()}</p> }
            <CopyValue text={check.value.clone()} />
            <div class={classes!("verdict", tone.class())}>
                <strong>{tone.mark()}{" "}</strong>{text}
                if let Verdict::BadMac { expected, presented } = &check.verdict {
                    {super::verdict::macs_view((t(lang, Key::VerdictExpected), t(lang, Key::VerdictPresented)), expected, presented, false, None)}
                    // pasted into the cookie, the expected MAC is accepted (a phone learner
                    // forged lesson 1's signed card that way): that is the lab's window, not
                    // a weakness of signing
                    <p class="small lab-only">{t(lang, if expected == crate::model::workbench::HIDDEN_MAC {
                        Key::VerdictExpectedHidden
                    } else {
                        Key::VerdictExpectedLabOnly
                    })}</p>
                }
            </div>
            <p class="muted small">{t(lang, Key::SecretLabel)}{t(lang, Key::Colon)}<code>{secret_text(lang, check)}</code></p>
        </section>
    }
}

/// A cookie's key in the jar, to remember which row is selected.
type RowKey = (String, String, String);

fn row_key(c: &Cookie) -> RowKey {
    (c.name.clone(), c.domain.clone(), c.path.clone())
}

thread_local! {
    /// The grid cell the keyboard was last on, kept while the pane is not drawn: opening the
    /// cookie inspector takes the panes away, and back in the lab Alt+Shift+J ("the cell you
    /// were last on") landed on the first cell, where a pasted signed id renamed the cookie.
    /// Before the keyboard has been in the grid it is the first row's Value, the cell every
    /// lesson and challenge edits: on the Name cell, Enter and the value a step gives renamed
    /// lesson 2's `session.id` (keyboard review).
    static LAST_CELL: std::cell::Cell<GridCell> = const { std::cell::Cell::new(GridCell { row: 0, col: 1 }) };
}

/// The pane.
#[component]
pub fn JarPane() -> Html {
    let s = use_app();
    let new_name = use_state(String::new);
    let new_value = use_state(String::new);
    let selected = use_state(|| None::<RowKey>);
    // the grid's one tab stop: the cell the keyboard is on
    let active = use_state(|| LAST_CELL.with(std::cell::Cell::get));
    let wb = s.model();
    let l = wb.lang();
    let now = wb.lab().now;
    let who = wb.jar_owner();
    let attacker = wb.attacker();
    let decoded = wb.decoded();
    let url = wb.next_url(who);
    let planted = wb.last_plant().map(str::to_string);
    let rows = wb.jar_rows(who);
    let check = wb.server_check(who);
    let watched = wb.lab().server.cookie_name().to_string();
    let problem = wb.jar_problem().map(|p| jar_problem_text(l, p));
    let refusals = wb.jar_refusals();
    let limits = url.as_ref().map(|u| {
        let jar = &wb.lab().browser(who).jar;
        fill(
            t(l, Key::JarLimits),
            &[
                ("host", &u.host),
                ("n", &jar.count_for(&u.host, now).to_string()),
                ("max", &jar.limits.per_domain.to_string()),
                ("bytes", &jar.limits.max_cookie_bytes.to_string()),
            ],
        )
    });
    let past = wb.past();
    drop(wb);

    // the selected row, else the cookie the server reads, else the first
    let chosen = rows
        .iter()
        .find(|d| Some(row_key(&d.cookie)) == *selected)
        .or_else(|| rows.iter().find(|d| d.cookie.name == watched))
        .or_else(|| rows.first())
        .cloned();
    let plant = |c: Cookie| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Act(Action::JarPut(BrowserId::Victim, c.clone()))))
    };
    let empty = rows.is_empty();
    let n_rows = rows.len();
    // emptied (its last cookie deleted, a lesson's reset), a jar that scrolls sideways goes back
    // to its start: it kept its scroll, and a phone read "mpty." under "Path / Expires / …"
    let wrap = use_node_ref();
    {
        let wrap = wrap.clone();
        use_effect_with(empty, move |&empty| {
            if let Some(w) = wrap.cast::<web_sys::Element>().filter(|_| empty) {
                w.set_scroll_left(0);
            }
        });
    }
    let at = GridCell {
        row: active.row.min(n_rows.saturating_sub(1)),
        col: active.col.min(COLS - 1),
    };
    let names: Vec<String> = {
        let jar: Vec<&Cookie> = rows.iter().map(|d| &d.cookie).collect();
        jar.iter()
            .map(|c| crate::model::jar_cells::row_name(c, &jar))
            .collect()
    };
    let rows = rows.into_iter().zip(names).enumerate().map(|(r, (d, named))| {
        let c = d.cookie;
        let sent = sent_tag(l, d.withheld.as_ref(), Key::SentYes);
        let shown_value = if decoded { decode_uri_component(&c.value).unwrap_or_else(|_| c.value.clone()) } else { c.value.clone() };
        let label = |k: Key| AttrValue::from(fill(t(l, Key::EditCell), &[("what", &format!("{} · {}", t(l, k), named))]));
        let flag = |name: &str| AttrValue::from(format!("{name} · {named}"));
        let state = |on: bool| t(l, if on { Key::FlagOn } else { Key::FlagOff }).to_string();
        let del = {
            let s = s.clone();
            let c = c.clone();
            Callback::from(move |_| {
                s.dispatch(Op::Act(Action::JarRemove {
                    browser: who,
                    name: c.name.clone(),
                    domain: c.domain.clone(),
                    path: c.path.clone(),
                }));
                // the row goes with the focus: it moves to the cell that takes its place
                super::access::focus_later("table.jar td[tabindex='0'], .add-cookie input");
            })
        };
        let select = {
            let (selected, key) = (selected.clone(), row_key(&c));
            Callback::from(move |_: FocusEvent| selected.set(Some(key.clone())))
        };
        let is_chosen = chosen.as_ref().is_some_and(|d| d.cookie.key() == c.key());
        let cell = |field: CookieField, shown: String, label: AttrValue, mono: bool| html! {
            <Cell browser={who} cookie={c.clone()} {field} shown={AttrValue::from(shown)} {label} {mono} />
        };
        let (expires_class, left) = expires_left_line(l, &c, now);
        let cells: [(&str, Html); COLS] = [
            ("", cell(CookieField::Name, c.name.clone(), label(Key::ColName), true)),
            ("value", cell(CookieField::Value, shown_value, label(Key::ColValue), true)),
            ("", cell(CookieField::Domain, c.domain_shown(), label(Key::ColDomain), true)),
            ("", cell(CookieField::Path, c.path.clone(), label(Key::ColPath), true)),
            // (a date, not the session label: the stylesheet gives its column more room, and
            // under the date, which no column's width shows whole, how long the cookie has left;
            // the text box, which says it too, is what is read and edited)
            (expires_class, html! {
                <>
                    {cell(CookieField::Expires, expires_text(&c, l, now), label(Key::ColExpires), false)}
                    {left}
                </>
            }),
            ("num", html! { {c.size()} }),
            ("center", cell(CookieField::HttpOnly, state(c.http_only), flag("HttpOnly"), false)),
            ("center", cell(CookieField::Secure, state(c.secure), flag("Secure"), false)),
            // a set value is the select's own text; unset it shows "—"
            ("", cell(CookieField::SameSite, if c.same_site.label().is_empty() { t(l, Key::FlagUnset).to_string() } else { String::new() }, flag("SameSite"), false)),
            ("sent center", sent),
            ("actions", html! {
                <>
                    // the attacker's jar is there to plant from: Enter on the cell lands on
                    // that, not on ✕ (the arrows move between the two)
                    if who == BrowserId::Attacker {
                        // a short word, its whole name for the ear and the pointer (the long one took
                        // the value's room: "s…" at 1280 px, two reviews)
                        <button type="button" tabindex="-1" class="btn small plant" onclick={plant(c.clone())}
                            aria-label={t(l, Key::PlantInVictim)} title={t(l, Key::PlantInVictim)}>{t(l, Key::PlantShort)}</button>
                    }
                    <button type="button" tabindex="-1" class="btn small danger icon-btn" onclick={del} aria-label={format!("{} {}", t(l, Key::Delete), named)} title={t(l, Key::Delete)}>{"✕"}</button>
                </>
            }),
        ];
        let tds = cells.into_iter().enumerate().map(|(col, (class, content))| {
            let here = GridCell { row: r, col };
            let onfocusin = {
                let active = active.clone();
                Callback::from(move |_: FocusEvent| {
                    LAST_CELL.with(|c| c.set(here));
                    active.set(here);
                })
            };
            html! {
                // the name heads its row: moving down a column, a screen reader says whose cell
                <td class={classes!((!class.is_empty()).then_some(class))} tabindex={if here == at { "0" } else { "-1" }}
                    role={(col == 0).then_some("rowheader")} data-cell={format!("{r}-{col}")} {onfocusin}>{content}</td>
            }
        });
        html! {
            <tr key={format!("{}|{}|{}", c.name, c.domain, c.path)} data-cookie={c.name.clone()}
                class={classes!(is_chosen.then_some("chosen"))} onfocusin={select}>
                {for tds}
            </tr>
        }
    }).collect::<Vec<Html>>();

    let add = {
        let s = s.clone();
        let (n, v) = (new_name.clone(), new_value.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if n.is_empty() && v.is_empty() {
                return;
            }
            // a refused cookie keeps what was typed, so it can be fixed
            let fits = check_name_value(&n, &v, &Default::default()).is_ok();
            s.dispatch(Op::AddCookie(who, (*n).clone(), (*v).clone()));
            if fits {
                super::effects::added_cookie((*n).clone());
                n.set(String::new());
                v.set(String::new());
            }
        })
    };
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::ToggleDecoded))
    };
    let detail_view = chosen.map(|d| detail(l, &d.cookie, d.withheld.as_ref(), check.as_ref()));
    let head = html! {
            <div class="pane-head">
                <h2 id="h-jar">{t(l, Key::PaneJar)}</h2>
                if attacker {
                    <div role="group" class="segmented" aria-label={t(l, Key::PaneJar)}>
                        {for [BrowserId::Victim, BrowserId::Attacker].into_iter().map(|b| {
                            let s2 = s.clone();
                            html! { <button type="button" class="seg" aria-pressed={(b == who).to_string()}
                                onclick={Callback::from(move |_| s2.dispatch(Op::ShowJar(b)))}>{browser_name(l, b)}</button> }
                        })}
                    </div>
                }
                if let Some(u) = &url { <span class="muted small next-url">{fill(t(l, Key::NextRequestTo), &[("url", &u.to_string())])}</span> }
                <label class="switch"><input type="checkbox" checked={decoded} onchange={toggle} />{t(l, Key::ShowDecoded)}</label>
            </div>
    };
    if let Some(p) = past {
        // the jar as it was: read-only, nothing to edit or add
        return html! {
            <>
                {head}
                {super::past::banner(l, &p, super::past::back_to_now(&s))}
                {super::past::jar_table(l, &p, decoded)}
            </>
        };
    }
    html! {
        <>
            {head}
            // an empty jar has no cell to focus: its scrolling box takes the focus instead
            <div ref={wrap} class="table-wrap jar-wrap" role="region" aria-label={t(l, Key::JarScrollLabel)} tabindex={empty.then_some("0")}>
                <table class={classes!("jar", (who == BrowserId::Attacker).then_some("attacker"))} role="grid" aria-labelledby="jar-caption" onkeydown={grid_keys(active.clone(), n_rows)}>
                    <caption id="jar-caption" class="sr-only">{fill(t(l, Key::JarGridLabel), &[("jar", t(l, if who == BrowserId::Attacker { Key::JarOfAttacker } else { Key::JarOfVictim }))])}</caption>
                    {jar_columns(l, Key::ColSent, ("c-actions", Key::ColActions))}
                    <tbody>
                        {for rows}
                        if empty { <tr><td colspan="11" class="muted">{t(l, Key::JarEmpty)}</td></tr> }
                    </tbody>
                </table>
            </div>
            // the jar's limits, and in their place the grid's keys while the keyboard is in it
            // (a sighted keyboard user met them only in the caption a screen reader reads,
            // which says them already); one box holds both, as tall as the taller (style.css)
            <div class="jar-foot">
                if let Some(text) = limits { <p class="muted small jar-limits">{text}</p> }
                if !empty { <p class="muted small jar-keys" aria-hidden="true">{t(l, Key::JarKeysHint)}</p> }
            </div>
            if let Some(name) = planted {
                <p class="small planted" id="jar-planted">{"✓ "}{fill(t(l, Key::PlantedInVictim), &[("name", &name)])}</p>
            }
            <form class="add-cookie" onsubmit={add}>
                <input type="text" class="mono" id="add-cookie-name" placeholder={t(l, Key::ColName)} aria-label={t(l, Key::ColName)} aria-describedby={problem.is_some().then_some("jar-problem")} value={(*new_name).clone()} oninput={super::bind_text(&new_name)} />
                <input type="text" class="mono" placeholder={t(l, Key::ColValue)} aria-label={t(l, Key::ColValue)} value={(*new_value).clone()} oninput={super::bind_text(&new_value)} />
                <button type="submit" class="btn">{t(l, Key::AddCookie)}</button>
            </form>
            // drawn afresh for each refusal (keyed by its number), so a screen reader hears a
            // second one in the same words: an alert whose text does not change says nothing
            <div class="jar-problem-slot">
                if let Some(text) = problem.clone() {
                    <p key={refusals.to_string()} class="error" role="alert" id="jar-problem">{text}</p>
                }
            </div>
            {detail_view.unwrap_or_default()}
            <super::tools::JarIoBox browser={who} />
        </>
    }
}
