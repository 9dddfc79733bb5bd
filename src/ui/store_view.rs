//! The session store as a live table, newest first, a page at a time: one table per store the
//! lab shows (one per instance when each keeps a MemoryStore, else the one they share), with
//! what the last request did to each row. A connect-redis shaped store shows its keys
//! (`sess:<id>`) and the TTL Redis would report.

use crate::engine::clock::Millis;
use crate::engine::lab::{instance_name, Lab};
use crate::engine::session::StoreKind;
use crate::engine::store::{redis_key, ttl_command, SessionStore};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::store_expiry_text;
use crate::model::workbench::Touch;
use yew::prelude::*;

/// Store rows shown per page.
const STORE_PAGE: usize = 50;

/// The class a row gets for what the last request did to it (the CSS colours it).
pub fn touch_class(t_: Touch) -> &'static str {
    match t_ {
        Touch::Hit => "hit",
        Touch::Miss => "miss",
        Touch::Set => "set",
        Touch::Touch => "touch",
        Touch::Destroy => "destroy",
    }
}

/// What a request can do to a row, the writes first: the row to bring into view is the first
/// kind of these the table has.
pub const TOUCHES_WRITES_FIRST: [Touch; 5] = [
    Touch::Set,
    Touch::Touch,
    Touch::Hit,
    Touch::Miss,
    Touch::Destroy,
];

/// The label and class of what the last request did to a row.
pub fn touch_label(lang: Lang, t_: Touch) -> (&'static str, &'static str) {
    let label = match t_ {
        Touch::Hit => t(lang, Key::TagHit),
        Touch::Miss => t(lang, Key::TagMiss),
        Touch::Set => t(lang, Key::TagSet),
        Touch::Touch => t(lang, Key::TagTouch),
        Touch::Destroy => t(lang, Key::TagDestroy),
    };
    (label, touch_class(t_))
}

/// The tag for a row: what the last request did to this id, if anything (the latest touch).
pub fn tag_for(
    lang: Lang,
    touched: &[(String, Touch)],
    sid: &str,
) -> Option<(&'static str, &'static str)> {
    touched
        .iter()
        .rev()
        .find(|(id, _)| id == sid)
        .map(|(_, t_)| touch_label(lang, *t_))
}

/// What one table needs besides its store.
pub struct TableCtx<'a> {
    /// The page's language.
    pub lang: Lang,
    /// The virtual clock now.
    pub now: Millis,
    /// What the last request did, by id.
    pub touched: &'a [(String, Touch)],
    /// The instance that answered the last request (its own store is the one it touched).
    pub answered: u8,
    /// The page of rows shown (shared by the tables).
    pub page: &'a UseStateHandle<usize>,
}

/// Every store the lab shows, each headed with whose it is when there are two instances.
pub fn session_tables(cx: &TableCtx, lab: &Lab) -> Html {
    let two = lab.config.deploy.balanced();
    let stores = lab.stores();
    html! {
        {for stores.into_iter().map(|(instance, store)| {
            let l = cx.lang;
            let kind = t(l, crate::model::explain::store_kind_key(store.kind()));
            let title = match instance {
                Some(i) if two => fill(t(l, Key::StoreOfInstance), &[("instance", instance_name(i)), ("store", kind)]),
                None if two => fill(t(l, Key::StoreShared), &[("store", kind)]),
                _ => kind.to_string(),
            };
            let mine = instance.is_none_or(|i| i == cx.answered);
            table(cx, store, &title, if mine { cx.touched } else { &[] })
        })}
    }
}

fn table(
    cx: &TableCtx,
    store: &dyn SessionStore,
    title: &str,
    touched: &[(String, Touch)],
) -> Html {
    let (l, now, page) = (cx.lang, cx.now, cx.page);
    let redis = store.kind() == StoreKind::Redis;
    // newest first, a page at a time: the store may hold many thousand sessions
    let total = store.len_raw();
    let pages = total.div_ceil(STORE_PAGE).max(1);
    let page_no = (**page).min(pages - 1);
    let end = total.saturating_sub(page_no * STORE_PAGE);
    let start = end.saturating_sub(STORE_PAGE);
    let mut rows = store.rows_page(start, end - start);
    rows.reverse();
    let tag_for = |sid: &str| tag_for(l, touched, sid);
    let body = rows.iter().map(|r| {
        let expired = r.expires.is_some_and(|e| if redis { now > e } else { e <= now });
        let exp = match r.expires {
            Some(e) if redis => fill(t(l, Key::TtlSeconds), &[("s", &ttl_command(e, now).to_string())]),
            e => store_expiry_text(l, e, now, expired),
        };
        let tag = tag_for(&r.sid);
        let data = r.session_json.clone().unwrap_or_else(|| crate::engine::json::stringify(&r.held));
        let key = if redis { redis_key(&r.sid) } else { r.sid.clone() };
        html! {
            <tr key={r.sid.clone()} class={classes!(tag.map(|t_| t_.1), expired.then_some("expired"))}>
                <td class="mono sid">{key}</td>
                <td class="mono data">{data}</td>
                <td class="small">{exp}if expired { <span class="tag bad">{t(l, Key::Expired)}</span> }</td>
                <td>if let Some((label, kind)) = tag { <span class={classes!("tag", kind)}>{label}</span> }</td>
            </tr>
        }
    });
    // ids the last request destroyed are gone from the store; show them once, struck out
    let gone = touched
        .iter()
        .filter(|(sid, k)| *k == Touch::Destroy && store.rows_find(sid).is_none())
        .map(|(sid, _)| {
            let (label, kind) = touch_label(l, Touch::Destroy);
            let key = if redis { redis_key(sid) } else { sid.clone() };
            html! {
                <tr key={format!("gone-{sid}")} class="destroy gone">
                    <td class="mono sid">{key}</td><td class="muted">{"—"}</td><td></td>
                    <td><span class={classes!("tag", kind)}>{label}</span></td>
                </tr>
            }
        })
        .collect::<Vec<Html>>();
    // with nothing left but struck-out rows, "empty" says it is now, and why (beside lesson
    // 3's /destroy row it read as a contradiction)
    let empty = if gone.is_empty() {
        t(l, Key::StoreEmpty).to_string()
    } else {
        fill(t(l, Key::StoreEmptyNow), &[("n", &gone.len().to_string())])
    };
    // connect-mongo's document fields, as lesson 5's steps name them ({_id, session, expires}):
    // code identifiers, the same in both languages
    let (id_head, data_head, exp_head) = match store.kind() {
        StoreKind::Redis => (
            t(l, Key::ColRedisKey),
            t(l, Key::ColData),
            t(l, Key::ColTtl),
        ),
        StoreKind::Persistent => ("_id", "session", "expires"),
        StoreKind::Memory => (
            t(l, Key::ColSid),
            t(l, Key::ColData),
            t(l, Key::ColStoreExpires),
        ),
    };
    // one box for each store, its heading's: a heading that sticks (two instances) goes up
    // with its own store's rows, not over the next store's
    html! {
        <div class="store-one">
            <h3>{t(l, Key::StoreTitle)}{t(l, Key::Colon)}{title}</h3>
            // a labelled region that takes the focus, so a keyboard can scroll it; named by its
            // title, since with two instances there are two
            <div class="table-wrap" tabindex="0" role="region" aria-label={format!("{}{}{}", t(l, Key::StoreTableLabel), t(l, Key::Colon), title)}><table class={classes!("store", redis.then_some("redis"))}>
                <caption class="sr-only">{t(l, Key::StoreTitle)}{t(l, Key::Colon)}{title}</caption>
                <thead><tr><th scope="col">{id_head}</th><th scope="col">{data_head}</th><th scope="col">{exp_head}</th><th scope="col"><span class="sr-only">{t(l, Key::TagHit)}</span></th></tr></thead>
                <tbody>
                    {for body}
                    {for gone}
                    if rows.is_empty() { <tr><td colspan="4" class="muted">{empty}</td></tr> }
                </tbody>
            </table></div>
            if pages > 1 {
                <div class="pager">
                    <button type="button" class="btn small" disabled={page_no == 0} onclick={{ let p = page.clone(); Callback::from(move |_| p.set(page_no.saturating_sub(1))) }}>{t(l, Key::PagePrev)}</button>
                    <span class="small">{fill(t(l, Key::PageRange), &[("from", &(page_no * STORE_PAGE + 1).to_string()), ("to", &(page_no * STORE_PAGE + rows.len()).to_string()), ("total", &total.to_string())])}</span>
                    <button type="button" class="btn small" disabled={page_no + 1 >= pages} onclick={{ let p = page.clone(); Callback::from(move |_| p.set(page_no + 1)) }}>{t(l, Key::PageNext)}</button>
                </div>
            }
        </div>
    }
}
