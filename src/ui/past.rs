//! Time travel on screen: the banner that says whose state is shown and returns to now, and
//! the jar and the store as they were after a timeline entry ([`Past`]), read-only, with what
//! that entry changed marked by a class and in words.

use crate::engine::clock::Millis;
use crate::engine::uri::decode_uri_component;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::store_expiry_text;
use crate::model::jar_cells::expires_text;
use crate::model::workbench::{banner_text, Change, Op, Past, PastStore, StoreShape, Went};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Rows of the past store drawn per page, as the live store table.
const PAGE: usize = 50;

fn change_class(c: Option<Change>) -> Option<&'static str> {
    c.map(|c| match c {
        Change::Added => "change-added",
        Change::Changed => "change-changed",
        Change::Removed => "change-removed",
    })
}

/// The marker of a changed row: a sign and a word, so colour is not the only cue.
fn change_tag(lang: Lang, c: Option<Change>) -> Html {
    let Some(c) = c else { return html! {} };
    let (sign, key, class) = match c {
        Change::Added => ("+", Key::TravelAdded, "added"),
        Change::Changed => ("~", Key::TravelChanged, "changed"),
        Change::Removed => ("−", Key::TravelRemoved, "removed"),
    };
    html! { <span class={classes!("tag", "change", class)}><span aria-hidden="true">{sign}{" "}</span>{t(lang, key)}</span> }
}

/// Whether the cookie went with the entry's request, marked as the live jar marks the next
/// one; nothing when the jar was not asked.
fn went_tag(lang: Lang, went: Option<&Went>) -> Html {
    match went {
        None => html! {},
        Some(Went::Sent) => super::jar_pane::sent_tag(lang, None, Key::SentThenYes),
        Some(Went::Withheld(w)) => super::jar_pane::sent_tag(lang, Some(w), Key::SentThenYes),
    }
}

/// "Showing the state after 04:01:23 GET /user", how much it changed, and "Back to now" (the
/// live region says the same when the learner travels).
pub fn banner(lang: Lang, past: &Past, back: Callback<MouseEvent>) -> Html {
    let (title, changes) = banner_text(lang, past);
    html! {
        <div class="travel-banner">
            <p><strong>{title.clone()}</strong>{crate::i18n::gap_after(&title)}<span class="small">{changes}</span></p>
            <button type="button" class="btn small primary" aria-keyshortcuts="Escape" onclick={back}>{t(lang, Key::TravelBack)}</button>
        </div>
    }
}

/// The callback of "Back to now".
pub fn back_to_now(s: &super::state::AppContext) -> Callback<MouseEvent> {
    let s = s.clone();
    Callback::from(move |_| go_back_to_now(&s))
}

/// Leaves the past (the banners' "Back to now", and Escape). The button goes away with the
/// past, so the keyboard's focus moves to the control of the entry that was shown, where the
/// learner left off.
pub fn go_back_to_now(s: &super::state::AppContext) {
    let control = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("#pane-timeline li[aria-current] .btn.travel")
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    s.dispatch(Op::BackToNow);
    if let Some(c) = control {
        let _ = c.focus();
    }
}

/// The jar as it was: plain text cells, the entry's changes marked, removed cookies last.
pub fn jar_table(lang: Lang, past: &Past, decoded: bool) -> Html {
    let l = lang;
    // a flag's ✓ is drawn; a screen reader hears "on" or "off" (the blank cell said nothing)
    let yes = |b: bool| {
        html! {
            <>
                <span aria-hidden="true">{if b { "✓" } else { "" }}</span>
                <span class="sr-only">{t(l, if b { Key::FlagOn } else { Key::FlagOff })}</span>
            </>
        }
    };
    let rows = past.jar.iter().map(|pc| {
        let c = &pc.cookie;
        let value = if decoded {
            decode_uri_component(&c.value).unwrap_or_else(|_| c.value.clone())
        } else {
            c.value.clone()
        };
        let expired = c.expired(past.at) && pc.change != Some(Change::Removed);
        // (how long it had left then, under the date, as the live jar says it now)
        let (expires_class, left) = super::jar_pane::expires_left_line(l, c, past.at);
        // (the date may be cut to the column: the whole of it in the title, and in the text,
        // which is what screen readers read; the ellipsis is only drawn)
        let at = expires_text(c, l, past.at);
        html! {
            <tr key={format!("{}|{}|{}", c.name, c.domain, c.path)} class={classes!(change_class(pc.change))}>
                // the name heads its row, as in the live jar
                <td class="mono name" role="rowheader" title={c.name.clone()}>{c.name.clone()}</td>
                <td class="mono value" title={value.clone()}>{value}</td>
                <td class="mono" title={c.domain_shown()}>{c.domain_shown()}</td>
                <td class="mono">{c.path.clone()}</td>
                <td class={classes!("small", expires_class)}><span class="expires-at" title={at.clone()}>{at}</span>if expired { <span class="tag bad">{t(l, Key::Expired)}</span> }{left}</td>
                <td class="num">{c.size()}</td>
                <td class="center">{yes(c.http_only)}</td>
                <td class="center">{yes(c.secure)}</td>
                <td>
                    if c.same_site.label().is_empty() {
                        <span class="sr-only">{t(l, Key::FlagUnset)}</span>
                    } else {
                        {c.same_site.label()}
                    }
                </td>
                <td class="sent center">{went_tag(l, pc.went.as_ref())}</td>
                <td>{change_tag(l, pc.change)}</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap jar-wrap" tabindex="0" role="region" aria-label={t(l, Key::JarScrollLabel)}>
            <table class="jar past">
                <caption class="sr-only">{banner_text(l, past).0}</caption>
                {super::jar_pane::jar_columns(l, Key::ColSentThen, ("c-change", Key::ColChange))}
                <tbody>
                    {for rows}
                    if past.jar.is_empty() { <tr><td colspan="11" class="muted">{t(l, Key::JarEmpty)}</td></tr> }
                </tbody>
            </table>
        </div>
    }
}

/// The store as it was, a page at a time (`page` is the store table's own page); with two
/// instances that each kept their own, both, named.
pub fn store_view(lang: Lang, past: &Past, page: &UseStateHandle<usize>) -> Html {
    match &past.twin {
        None => store_table(lang, &past.store, past.at, page, None),
        Some(twin) => html! {
            <>
                {store_table(lang, &past.store, past.at, page, Some("app1"))}
                {store_table(lang, twin, past.at, page, Some("app2"))}
            </>
        },
    }
}

/// One store as it was, headed with its instance when there are two.
fn store_table(
    l: Lang,
    store: &PastStore,
    at: Millis,
    page: &UseStateHandle<usize>,
    instance: Option<&str>,
) -> Html {
    let title = match store.shape {
        StoreShape::None => {
            return html! { <><h3>{t(l, Key::StoreTitle)}</h3><p class="muted">{t(l, Key::StoreNone)}</p></> };
        }
        StoreShape::Notebook => Key::StoreNotebook,
        StoreShape::Sessions(kind) => crate::model::explain::store_kind_key(kind),
    };
    let title = match instance {
        Some(i) => fill(
            t(l, Key::StoreOfInstance),
            &[("instance", i), ("store", t(l, title))],
        ),
        None => t(l, title).to_string(),
    };
    let sessions = matches!(store.shape, StoreShape::Sessions(_));
    let total = store.rows.len();
    let pages = total.div_ceil(PAGE).max(1);
    let page_no = (**page).min(pages - 1);
    let shown = &store.rows[(page_no * PAGE).min(total)..((page_no + 1) * PAGE).min(total)];
    let body = shown.iter().map(|r| {
        let row = &r.row;
        let expired = r.change != Some(Change::Removed) && row.expires.is_some_and(|e| e <= at);
        let exp = store_expiry_text(l, row.expires, at, expired);
        let data = if row.data.is_empty() { "—".to_string() } else { row.data.clone() };
        html! {
            <tr key={row.sid.clone()} class={classes!(change_class(r.change), expired.then_some("expired"))}>
                <td class="mono sid">{row.sid.clone()}</td>
                <td class="mono data">{data}</td>
                if sessions { <td class="small">{exp}if expired { <span class="tag bad">{t(l, Key::Expired)}</span> }</td> }
                <td>{change_tag(l, r.change)}</td>
            </tr>
        }
    });
    let sid_head = if sessions {
        t(l, Key::ColSid)
    } else {
        "session.id"
    };
    html! {
        <>
            <h3>{t(l, Key::StoreTitle)}{t(l, Key::Colon)}{title.clone()}</h3>
            if store.partial {
                <p class="note">{fill(t(l, Key::TravelPartial), &[("n", &store.total.to_string())])}</p>
            }
            <div class="table-wrap" tabindex="0" role="region" aria-label={format!("{}{}{}", t(l, Key::StoreTableLabel), t(l, Key::Colon), title)}><table class="store past">
                <caption class="sr-only">{t(l, Key::StoreTitle)}{t(l, Key::Colon)}{title.clone()}</caption>
                <thead><tr>
                    <th scope="col">{sid_head}</th><th scope="col">{t(l, Key::ColData)}</th>
                    if sessions { <th scope="col">{t(l, Key::ColStoreExpires)}</th> }
                    <th scope="col"><span class="sr-only">{t(l, Key::ColChange)}</span></th>
                </tr></thead>
                <tbody>
                    {for body}
                    if total == 0 { <tr><td colspan="4" class="muted">{t(l, Key::StoreEmpty)}</td></tr> }
                </tbody>
            </table></div>
            if pages > 1 {
                <div class="pager">
                    <button type="button" class="btn small" disabled={page_no == 0} onclick={{ let p = page.clone(); Callback::from(move |_| p.set(page_no.saturating_sub(1))) }}>{t(l, Key::PagePrev)}</button>
                    <span class="small">{fill(t(l, Key::PageRange), &[("from", &(page_no * PAGE + 1).to_string()), ("to", &(page_no * PAGE + shown.len()).to_string()), ("total", &total.to_string())])}</span>
                    <button type="button" class="btn small" disabled={page_no + 1 >= pages} onclick={{ let p = page.clone(); Callback::from(move |_| p.set(page_no + 1)) }}>{t(l, Key::PageNext)}</button>
                </div>
            }
        </>
    }
}
