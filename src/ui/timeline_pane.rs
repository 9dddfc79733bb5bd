//! The timeline: a sequence diagram of recent requests, then every request with its events in
//! words, the raw HTTP and "copy as curl"; events not tied to a request in between.

use crate::model::workbench::{
    entry_title, markers, new_session_id, store_calls_text, LogEntry, Op, TimelineView,
};
use std::rc::Rc;

/// Timeline entries rendered at a time (older ones on request): a thousand entries would
/// make every click slow to paint.
const PAGE: usize = 50;
use super::use_app;
use crate::engine::events::{BrowserId, Event};
use crate::engine::jar::SetOutcome;
use crate::engine::lab::Exchange;
use crate::engine::store::CallResult;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::{browser_name, clock_text, explain, listed};
use crate::model::http_text::{curl, request_text, response_text};
use yew::prelude::*;

fn events_list(lang: Lang, events: &[Event], attacker: bool) -> Html {
    let items = events
        .iter()
        .filter(|e| listed(e, attacker))
        .filter_map(|e| explain(lang, e))
        .map(|(text, tone)| html! { <li class={tone.class()}>{text}</li> });
    html! { <ul class="events">{for items}</ul> }
}

/// What the jar did with this response's cookies, in short (`+connect.sid`, `−balance`, `✗`).
fn jar_change(x: &Exchange) -> String {
    x.events
        .iter()
        .filter_map(|e| match e {
            Event::JarUpdated { outcome, .. } => Some(match &**outcome {
                SetOutcome::Created(c) => format!("+{}", c.name),
                SetOutcome::Updated { new, .. } => format!("~{}", new.name),
                SetOutcome::Deleted(c) => format!("−{}", c.name),
                SetOutcome::ExpiredOnArrival => "∅".to_string(),
                SetOutcome::Refused(_) => "✗".to_string(),
            }),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The request's target as the timeline shows it: the path and query for the lesson's app,
/// with the host in front for the attacker's site (its `/` is not the app's).
fn shown_target(x: &Exchange) -> String {
    if crate::engine::attacker_site::serves(&x.url) {
        format!("{}{}", x.url.host, x.url.target())
    } else {
        x.url.target()
    }
}

/// An SVG sequence diagram of the last few requests: browser ↔ server ↔ store; with two
/// instances each request names the one that answered.
fn diagram(lang: Lang, xs: &[&Exchange]) -> Html {
    const W: i32 = 360;
    let [(xb, _), (xs_, _), (xst, _)] = LANES;
    let row = 22;
    let mut y = 14;
    let mut items = Vec::new();
    for x in xs {
        // the attacker's requests are marked, in the attacker's colour: with one browser lane,
        // fixation's and hijack's scenarios drew the attacker's GET /user as the learner's
        // (zh teacher review); its name takes the path's room, so the label keeps its width
        let attacker = (x.browser == BrowserId::Attacker).then_some("attacker");
        let who = if attacker.is_some() {
            t(lang, Key::DiagramAttacker)
        } else {
            ""
        };
        let who_width: usize = who.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let room = 22usize.saturating_sub(who_width).max(10);
        let path = {
            let t_ = shown_target(x);
            if t_.chars().count() > room {
                format!("{}…", t_.chars().take(room - 1).collect::<String>())
            } else {
                t_
            }
        };
        items.push(html! {
            <g class={classes!("req", attacker)}>
                <line x1={xb.to_string()} y1={y.to_string()} x2={xs_.to_string()} y2={y.to_string()} marker-end="url(#arrow)" />
                <text x={((xb + xs_) / 2).to_string()} y={(y - 4).to_string()} text-anchor="middle">{
                    match x.answered_by() {
                        Some(i) => format!("{who}{} {} → {i}", x.request.method, path),
                        None => format!("{who}{} {}", x.request.method, path),
                    }
                }</text>
            </g>
        });
        y += row;
        for e in &x.events {
            if let Event::Store(c) = e {
                let ok = !matches!(c.result, CallResult::Failed(_) | CallResult::Miss);
                items.push(html! {
                    <g class={classes!("store-call", (!ok).then_some("miss"))}>
                        <line x1={xs_.to_string()} y1={y.to_string()} x2={xst.to_string()} y2={y.to_string()} marker-end="url(#arrow)" />
                        <text x={((xs_ + xst) / 2).to_string()} y={(y - 4).to_string()} text-anchor="middle">{c.op.name()}</text>
                    </g>
                });
                y += row - 6;
            }
        }
        let change = jar_change(x);
        let label = if change.is_empty() {
            x.response.status.to_string()
        } else {
            format!("{} {change}", x.response.status)
        };
        // the session's markers on a line of their own under the arrow: beside the status and
        // the jar's change, a lost session and a new one ran past both lifelines on a phone
        // ("200 ~connect.sid ? 无 session + 新 session")
        let marks = markers(x)
            .iter()
            .map(|m| m.words(lang).0)
            .collect::<Vec<_>>()
            .join(" ");
        let under = if marks.is_empty() { 0 } else { 11 };
        items.push(html! {
            <g class={classes!("res", format!("s{}", x.response.status / 100), attacker)}>
                <line x1={xs_.to_string()} y1={y.to_string()} x2={xb.to_string()} y2={y.to_string()} marker-end="url(#arrow)" />
                <text x={((xb + xs_) / 2).to_string()} y={(y - 4).to_string()} text-anchor="middle">{label}</text>
                if !marks.is_empty() {
                    <text class="marks" x={((xb + xs_) / 2).to_string()} y={(y + under).to_string()} text-anchor="middle">{marks}</text>
                }
            </g>
        });
        y += row + 6 + under;
    }
    let h = y.max(40);
    html! {
        // a picture of what the list below says in words: one name for it (the region's) is
        // enough; it was read three times (figure, region, image)
        <svg class="diagram" viewBox={format!("0 0 {W} {h}")} aria-hidden="true">
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            {for LANES.iter().map(|&(x, _)| html! {
                <g class="lifeline"><line x1={x.to_string()} y1="0" x2={x.to_string()} y2={h.to_string()} /></g>
            })}
            {for items}
        </svg>
    }
}

/// The diagram's lanes: where each lifeline stands, and whose it is. The browser–server gap
/// carries the long labels (`GET /login?username=ali…`, `302 +connect.sid`, and under it
/// `? no session + new session`), the server–store gap only a store call's name (`destroy` at
/// most): most of the width goes to the first, so its text can be set large enough to read on
/// a phone (style.css's `.diagram`).
const LANES: [(i32, Key); 3] = [
    (30, Key::DiagramBrowser),
    (230, Key::DiagramServer),
    (335, Key::DiagramStore),
];

/// The lanes' names, above the box the diagram scrolls in, so they stay in view as it scrolls
/// to the newest request (inside it, they scrolled away after a few).
fn diagram_head(lang: Lang) -> Html {
    html! {
        <svg class="diagram diagram-head" viewBox="0 0 360 18" aria-hidden="true">
            {for LANES.iter().map(|&(x, k)| html! {
                <g class="lifeline">
                    <text x={x.to_string()} y="13" text-anchor="middle" class="actor">{t(lang, k)}</text>
                    <line x1={x.to_string()} y1="16" x2={x.to_string()} y2="18" />
                </g>
            })}
        </svg>
    }
}

#[derive(Properties)]
struct EntryProps {
    entry: Rc<LogEntry>,
    lang: Lang,
    /// The jar and store show the state after this entry.
    current: bool,
    /// The attacker's browser and tools are shown (and with them the sniffer's lines).
    attacker: bool,
    /// The jar or the store is shown, where "State after" shows the past.
    travel: bool,
    /// The page's dispatcher: the same on every render, so an entry is drawn again only when
    /// it changes.
    dispatch: UseReducerDispatcher<super::state::AppState>,
}

impl PartialEq for EntryProps {
    fn eq(&self, o: &Self) -> bool {
        // entries never change once logged
        Rc::ptr_eq(&self.entry, &o.entry)
            && self.lang == o.lang
            && self.current == o.current
            && self.attacker == o.attacker
            && self.travel == o.travel
            && self.dispatch == o.dispatch
    }
}

/// The entry's time-travel control: shows the jar and store as they were right after it
/// (pressed again, as they are now).
fn travel_button(p: &EntryProps) -> Html {
    if !p.travel {
        return Html::default();
    }
    let l = p.lang;
    let (id, current, d) = (p.entry.id, p.current, p.dispatch.clone());
    let onclick = Callback::from(move |_| {
        d.dispatch(if current {
            Op::BackToNow
        } else {
            Op::TravelTo(id)
        })
    });
    let name = fill(
        t(l, Key::TravelShowNamed),
        &[("what", &entry_title(l, &p.entry))],
    );
    html! {
        <button type="button" class="btn small travel" aria-pressed={current.to_string()} aria-label={name.clone()} title={name} {onclick}>
            <span aria-hidden="true">{"↺ "}</span>{t(l, Key::TravelShow)}
        </button>
    }
}

#[component]
fn Entry(p: &EntryProps) -> Html {
    let l = p.lang;
    let copied = use_state(|| false);
    let current = p.current.then_some("true");
    let Some(x) = &p.entry.exchange else {
        return html! {
            <li class={classes!("entry", "lab", p.current.then_some("current"))} aria-current={current}>
                {events_list(l, &p.entry.events, p.attacker)}{travel_button(p)}
            </li>
        };
    };
    let copy = {
        let text = curl(x);
        let (copied, d) = (copied.clone(), p.dispatch.clone());
        Callback::from(move |_| {
            let copied = copied.clone();
            super::copy_text(d.clone(), &text, move || copied.set(true));
        })
    };
    let status = x.response.status;
    let set_cookies = x.response.set_cookies().len();
    // the store's methods the request called, as lesson 3 asks to compare them row by row
    let calls: Vec<&str> = x.store_calls.iter().map(|op| op.name()).collect();
    // "store get·set": the word says whose methods these are (beside the HTTP method, a bare
    // "get" read as one, and a touch screen shows no tooltip)
    let calls_short = format!("{} {}", t(l, Key::TimelineStoreWord), calls.join("·"));
    let calls_long = store_calls_text(l, x).unwrap_or_default();
    html! {
        <li class={classes!("entry", p.current.then_some("current"))} aria-current={current}>
            <details>
                <summary>
                    <span class="time mono">{clock_text(x.at)[11..19].to_string()}</span>
                    if x.browser == BrowserId::Attacker { <span class="tag warn">{browser_name(l, x.browser)}</span> }
                    <span class="mono method">{x.request.method.clone()}</span>
                    <span class="mono target">{shown_target(x)}</span>
                    <span class={classes!("status", format!("s{}", status / 100))}>{status}</span>
                    if let Some(i) = x.answered_by() {
                        <span class="tag info instance mono" title={fill(t(l, Key::AnsweredBy), &[("instance", i)])}>{i}</span>
                    }
                    {for markers(x).into_iter().map(|m| {
                        let (short, long) = m.words(l);
                        html! { <span class={classes!("tag", "marker", m.tone().class())} title={long}><span aria-hidden="true">{short}</span><span class="sr-only">{long}</span></span> }
                    })}
                    // the new session's id, closed: lesson 6 compares it from one row to the next
                    if let Some(sid) = new_session_id(x) {
                        <span class="mono small sid" title={sid.to_string()}>
                            <span aria-hidden="true">{crate::engine::clip(sid, 8).into_owned()}</span>
                            <span class="sr-only">{fill(t(l, Key::TimelineNewId), &[("id", sid)])}</span>
                        </span>
                    }
                    if !calls.is_empty() {
                        <span class="tag store mono" title={calls_long.clone()}><span aria-hidden="true">{calls_short}</span><span class="sr-only">{calls_long}</span></span>
                    }
                    if set_cookies > 0 { <span class="tag ok mono">{format!("Set-Cookie ×{set_cookies}")}</span> }
                    <span class="mono small muted">{jar_change(x)}</span>
                </summary>
                <h3 class="what-happened">{t(l, Key::WhatHappened)}</h3>
                {events_list(l, &x.events, p.attacker)}
                <details class="raw"><summary>{t(l, Key::RawRequest)}</summary><pre class="mono" translate="no">{super::access::mixed(l, &request_text(x))}</pre></details>
                <details class="raw"><summary>{t(l, Key::RawResponse)}</summary><pre class="mono" translate="no">{super::access::mixed(l, &response_text(x))}</pre></details>
                <button type="button" class="btn small" onclick={copy}>{if *copied { t(l, Key::Copied) } else { t(l, Key::CopyCurl) }}</button>
            </details>
            {travel_button(p)}
        </li>
    }
}

/// The pane: the diagram and the list both run oldest to newest, top to bottom, and the list
/// keeps its newest entry in view.
#[component]
pub fn TimelinePane() -> Html {
    let s = use_app();
    let shown = use_state(|| PAGE);
    let list_ref = use_node_ref();
    let diagram_ref = use_node_ref();
    let wb = s.model();
    let l = wb.lang();
    let log = wb.timeline().entries();
    let mut recent: Vec<Rc<LogEntry>> = log
        .iter()
        .rev()
        .filter(|e| e.exchange.is_some())
        .take(3)
        .cloned()
        .collect();
    recent.reverse();
    let total = log.len();
    let mut entries: Vec<Rc<LogEntry>> = log.iter().rev().take(*shown).cloned().collect();
    entries.reverse();
    let newest = log.last().map(|e| e.id);
    // on a phone the pane is a tab: a box hidden while requests came has no height to scroll
    // by, so it is scrolled again when its tab opens
    let on_tab = wb.tab() == crate::model::workbench::Pane::Timeline;
    let travel = wb.travel();
    let can_travel = wb.can_travel();
    let attacker = wb.attacker();
    let past = wb.past();
    let before = wb.challenge_id().map(|id| id.before()).unwrap_or_default();
    // the newest request was one of several in flight: draw their interleaving
    let flight = wb
        .timeline()
        .newest_in_flight()
        .then(|| crate::model::workbench::flight_rows(wb.timeline()))
        .filter(|rows| !rows.is_empty());
    // where the two columns leave the pane too short for both (under 1700 px wide), it shows
    // the log or the diagram (CSS hides the other, and the switch elsewhere)
    let view = wb.timeline_view();
    drop(wb);
    let dispatch = s.dispatcher();
    {
        // a new entry scrolls the list, and the diagram, to the bottom, where it is (a box
        // hidden until now had no height to scroll by)
        let (list_ref, diagram_ref) = (list_ref.clone(), diagram_ref.clone());
        use_effect_with((newest, on_tab, view), move |_| {
            for r in [&list_ref, &diagram_ref] {
                if let Some(el) = r.cast::<web_sys::Element>() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
            // where the pane scrolls as one box (the list not scrolling itself: "Send requests
            // at once" open under it), the pane follows to the newest entry, no further: a
            // login at 1280x720 in lesson 6's step 8 left the pane where it was, the new
            // request's entries below its edge (newcomer review)
            if let Some(list) = list_ref.cast::<web_sys::Element>() {
                super::effects::newest_into_pane(&list);
            }
        });
    }
    // ... and keeps it there as the pane shrinks (a form opened in the server pane)
    super::effects::use_kept_at_end(&list_ref);
    let refs: Vec<&Exchange> = recent.iter().filter_map(|e| e.exchange.as_ref()).collect();
    let has_requests = !refs.is_empty();
    let more = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + PAGE))
    };
    let clear = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::ClearLog))
    };
    let first = total.saturating_sub(*shown) + 1;
    let views = [
        (TimelineView::Log, Key::TimelineViewLog),
        (TimelineView::Diagram, Key::TimelineViewDiagram),
    ]
    .map(|(v, k)| {
        let s = s.clone();
        html! { <button type="button" class="seg" aria-pressed={(v == view).to_string()}
        onclick={Callback::from(move |_| s.dispatch(Op::ShowTimelineView(v)))}>{t(l, k)}</button> }
    });
    let off = |v: TimelineView| (v != view).then_some("tl-off");
    html! {
        <>
            <div class="pane-head">
                <h2 id="h-timeline">{t(l, Key::PaneTimeline)}</h2>
                <div role="group" class="segmented tl-views" aria-label={t(l, Key::TimelineViewLabel)}>{for views}</div>
                <button type="button" class="btn small" onclick={clear}>{t(l, Key::ClearLog)}</button>
            </div>
            // on a phone the jar and the server, with their banners, are other tabs: the way
            // back is here too (hidden beside them on a wide screen)
            if let Some(p) = &past {
                <div class="tl-travel">{super::past::banner(l, p, super::past::back_to_now(&s))}</div>
            }
            // a challenge's setup ran before the timeline starts: say what it did, open while
            // the learner has sent nothing, so the pages and the store it left are explained
            // closed, it and Send requests at once share a line (one each left a 1280x720
            // challenge's log 48 px, with a hint open)
            <div class="tl-folds">
                if !before.is_empty() {
                    <details class="before small" open={!has_requests}>
                        <summary>{t(l, Key::ChBeforeTitle)}</summary>
                        <ol>{for before.iter().map(|b| html! { <li>{crate::model::explain::before_text(l, b)}</li> })}</ol>
                    </details>
                }
                <super::flight::FlightPanel />
            </div>
            if let Some(rows) = flight {
                <figure id="flight-figure" class={classes!("diagram-wrap", off(TimelineView::Diagram))}><figcaption class="small muted">{t(l, Key::FlightDiagram)}</figcaption>{super::flight::flight_diagram(l, &rows)}</figure>
            } else if has_requests {
                // drawn at a readable size in a box that scrolls (shrunk to fit, three requests
                // with their store calls had 6 px text)
                <div class={classes!("diagram-wrap", off(TimelineView::Diagram))}><p class="small muted figcaption" id="diagram-caption">{fill(t(l, Key::DiagramTitle), &[("n", &refs.len().to_string())])}</p>
                    {diagram_head(l)}
                    <div class="diagram-scroll" ref={diagram_ref} tabindex="0" role="region" aria-labelledby="diagram-caption">
                        // the drawing is for the eye; the log has it in words
                        <p class="sr-only">{t(l, Key::DiagramSrNote)}</p>{diagram(l, &refs)}</div>
                </div>
            } else if total == 0 {
                <p class="muted">{t(l, Key::TimelineEmpty)}</p>
            } else {
                // the log has entries but no request (a script's read or write): the diagram's
                // place says why it is empty, and where the entries are ("No requests yet."
                // above an XSS entry read as wrong)
                <p class={classes!("muted", off(TimelineView::Diagram))} id="diagram-empty">{t(l, Key::DiagramNoRequests)}</p>
            }
            <div class={classes!("timeline-list", off(TimelineView::Log))} ref={list_ref} tabindex="0" role="region" aria-label={t(l, Key::TimelineRegionLabel)}>
                if total > *shown {
                    <button type="button" class="btn small more" onclick={more}>{fill(t(l, Key::ShowMore), &[("n", &PAGE.min(total - *shown).to_string())])}</button>
                }
                <ol class="timeline" start={first.to_string()}>
                    {for entries.into_iter().map(|e| {
                        let id = e.id;
                        html! { <Entry key={id} entry={e} lang={l} current={travel == Some(id)} {attacker} travel={can_travel} dispatch={dispatch.clone()} /> }
                    })}
                </ol>
            </div>
        </>
    }
}
