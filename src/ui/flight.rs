//! Requests in flight on the page: the timeline's "send at once" form (above the diagram
//! that shows what it did) (two addresses, the
//! second after a delay, waiting for the answers or not) with what is still in the air, the
//! timeline's diagram of the interleaving, and the store's writes in the order they landed.

use super::use_app;
use crate::engine::events::BrowserId;
use crate::engine::lab::Action;
use crate::engine::store::StoreOp;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::workbench::{in_air_text, Fate, FlightRow, Lane, Op, RowWhat, WriteRow};
use yew::prelude::*;

/// The timeline pane's form: the learner's browser sends two addresses at once.
#[component]
pub fn FlightPanel() -> Html {
    let s = use_app();
    let (l, pair, in_air) = {
        let wb = s.model();
        (wb.lang(), wb.flight_pair(), wb.in_flight())
    };
    let first = use_state(|| pair.first.to_string());
    let second = use_state(|| pair.second.to_string());
    let after = use_state(|| pair.after.to_string());
    let wait = use_state(|| true);
    {
        // another lesson's app, or the next step's own pair: the form offers it
        let (first, second, after) = (first.clone(), second.clone(), after.clone());
        use_effect_with(pair, move |p| {
            first.set(p.first.into());
            second.set(p.second.into());
            after.set(p.after.to_string());
        });
    }
    let text = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = super::input_value(&e) {
                h.set(v);
            }
        })
    };
    let on_wait = {
        let wait = wait.clone();
        Callback::from(move |_: Event| wait.set(!*wait))
    };
    let send = {
        let (s, first, second, after, wait) = (
            s.clone(),
            first.clone(),
            second.clone(),
            after.clone(),
            wait.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut requests = vec![((*first).clone(), 0)];
            if !second.trim().is_empty() {
                let ms = after.trim().parse::<i64>().unwrap_or(0);
                requests.push(((*second).clone(), ms));
            }
            s.dispatch(Op::Fire {
                browser: BrowserId::Victim,
                requests,
                wait: *wait,
            });
            // the interleaving is drawn below the form, which fills a short pane; sent from
            // the keyboard, the focus follows it there: left on Send together, scrolled out
            // over the figure, its ring showed 5 px at the pane's top (1440x900 keyboard
            // review). One Shift+Tab is back on Send (steps 8 and 9 send again)
            let keyboard = e
                .target_dyn_into::<web_sys::HtmlFormElement>()
                .is_some_and(|form| super::effects::keyboard_focus_within(&form).is_some());
            if keyboard {
                super::effects::reveal_and_focus_later("flight-figure");
            } else {
                super::effects::reveal_later("flight-figure");
            }
        })
    };
    let settle = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Act(Action::Settle)))
    };
    // Opened, the form comes into view down to Send together; the summary stays in sight only
    // when the keyboard is on it (clicked, it has no visible focus, and after a login the
    // Last request bar's three lines left a 1280x720 timeline 199 px: summary and form did not
    // fit, and keeping the summary cut the button), and so does a field "Show me" focused.
    let ontoggle = Callback::from(|e: Event| {
        let Some(details) = e
            .target_dyn_into::<web_sys::HtmlDetailsElement>()
            .filter(|d| d.open())
        else {
            return;
        };
        if let Ok(Some(summary)) = details.query_selector(":scope > summary") {
            super::effects::reveal_element(&summary);
        }
        super::effects::reveal("flight-send");
        if let Some(a) = super::effects::keyboard_focus_within(&details) {
            super::effects::reveal_element(&a);
        }
    });
    html! {
        // the note follows the form: above it, it left the button below a 1280x720 timeline's
        // edge, where lesson 6's step 7 needs only it (the step's addresses are filled in)
        <details class="flight" {ontoggle}>
            <summary>{t(l, Key::FlightTitle)}</summary>
            // (Show me brings its button into view with the field it points at)
            <form class="opts" onsubmit={send} data-reveal-submit="">
                <div class="opt">
                    <label for="flight-first">{t(l, Key::FlightFirst)}</label>
                    <input id="flight-first" class="mono" value={(*first).clone()} oninput={text(&first)} />
                </div>
                <div class="opt">
                    <label for="flight-second">{t(l, Key::FlightSecond)}</label>
                    <input id="flight-second" class="mono" value={(*second).clone()} oninput={text(&second)} />
                </div>
                <div class="opt">
                    <label for="flight-after">{t(l, Key::FlightAfter)}</label>
                    <input id="flight-after" type="number" min="0" max="10000" step="10" value={(*after).clone()} oninput={text(&after)} />
                </div>
                <div class="row">
                    <div class="opt check">
                        <input id="flight-wait" type="checkbox" checked={*wait} onchange={on_wait} />
                        <label for="flight-wait">{t(l, Key::FlightWait)}</label>
                    </div>
                    <button type="submit" class="btn primary" id="flight-send">{t(l, Key::FlightSend)}</button>
                </div>
            </form>
            <p class="note small">{t(l, Key::FlightNote)}</p>
            if in_air > 0 {
                <p class="in-air small" role="status">
                    {in_air_text(l, in_air)}{" "}
                    <button type="button" class="btn small" id="flight-settle" onclick={settle}>{t(l, Key::FlightSettle)}</button>
                </p>
            }
        </details>
    }
}

/// The interleaving as a sequence diagram: one row per step in time order, each with its time
/// (ms since the first request left) and its request's number; a save that replaced another
/// request's write is marked ✗#n, one that put a destroyed session back ⟲.
pub fn flight_diagram(lang: Lang, rows: &[FlightRow]) -> Html {
    const W: i32 = 380;
    let (xt, xb, xs, xst) = (16, 70, 210, 340);
    let row = 16;
    let mut y = 32;
    let mut items = Vec::new();
    for r in rows {
        let x = |lane| match lane {
            Lane::Browser => xb,
            Lane::Server => xs,
            Lane::Store => xst,
        };
        let (x1, x2) = r.what.arrow().map_or((xs, xs), |(a, b)| (x(a), x(b)));
        let class = match &r.what {
            RowWhat::Sent(..) => "req",
            RowWhat::Store { .. } => "store-call",
            RowWhat::Timer(_) => "timer",
            RowWhat::Answered(_) => "res",
        };
        let bad = matches!(
            r.what,
            RowWhat::Store {
                overwrote: Some(_),
                ..
            }
        ) || matches!(r.what, RowWhat::Answered(s) if s >= 400);
        let odd = r.request % 2 == 1;
        let mid = if x1 == x2 { x1 + 56 } else { (x1 + x2) / 2 };
        items.push(html! {
            <g class={classes!(class, if odd { "r-odd" } else { "r-even" }, bad.then_some("miss"))}>
                <text x={xt.to_string()} y={y.to_string()} class="at">{format!("+{}", r.at)}</text>
                if x1 != x2 {
                    <line x1={x1.to_string()} y1={(y - 3).to_string()} x2={x2.to_string()} y2={(y - 3).to_string()} marker-end="url(#arrow-f)" />
                }
                <text x={mid.to_string()} y={(y - 5).to_string()} text-anchor="middle">{r.label()}</text>
            </g>
        });
        y += row;
    }
    let h = y.max(60);
    let cut: Vec<String> = rows.iter().filter_map(FlightRow::cut_request).collect();
    html! {
        <>
        <svg class="diagram flight-diagram" viewBox={format!("0 0 {W} {h}")} role="img" aria-label={t(lang, Key::FlightDiagram)}>
            <defs>
                <marker id="arrow-f" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            {for [(xb, Key::DiagramBrowser), (xs, Key::DiagramServer), (xst, Key::DiagramStore)].into_iter().map(|(x, k)| html! {
                <g class="lifeline">
                    <text x={x.to_string()} y="12" text-anchor="middle" class="actor">{t(lang, k)}</text>
                    <line x1={x.to_string()} y1="16" x2={x.to_string()} y2={h.to_string()} />
                </g>
            })}
            {for items}
        </svg>
        if !cut.is_empty() {
            <ul class="flight-requests small mono">{for cut.into_iter().map(|r| html! { <li>{r}</li> })}</ul>
        }
        </>
    }
}

/// The store's writes by the requests in flight, in the order they landed, and which won.
pub fn write_history(lang: Lang, rows: &[WriteRow]) -> Html {
    if rows.is_empty() {
        return html! {};
    }
    // writes to more than one session (a logout's redirect made a new one while a slow page
    // saved the old): each line names its session, and a winner is the last of its own
    // session's (two lines both read "it was the last write")
    let several = rows.iter().any(|w| w.sid != rows[0].sid);
    let fate = |f: Fate| match f {
        Fate::Won if several => (t(lang, Key::WriteWonOfSession).to_string(), "won"),
        Fate::Won => (t(lang, Key::WriteWon).to_string(), "won"),
        Fate::ReplacedBy(n) => (
            fill(t(lang, Key::WriteReplaced), &[("n", &n.to_string())]),
            "lost",
        ),
        Fate::DestroyedBy(n) => (
            fill(t(lang, Key::WriteDestroyed), &[("n", &n.to_string())]),
            "lost",
        ),
        Fate::Gone => (t(lang, Key::WriteGone).to_string(), "gone"),
    };
    html! {
        <div class="writes" role="region" aria-labelledby="writes-title">
            <h4 id="writes-title" class="small">{t(lang, Key::WritesTitle)}</h4>
            <ol class="writes-list small">
                {for rows.iter().map(|w| {
                    let (words, class) = fate(w.fate);
                    let what = match (w.op, &w.data) {
                        (StoreOp::Set, Some(d)) => format!("set {d}"),
                        (op, _) => op.name().to_string(),
                    };
                    html! {
                        <li class={classes!("write", class)}>
                            <span class="mono">{format!("+{} ms #{} ", w.at, w.request)}</span>
                            if several {
                                <span class="mono sid" translate="no">{crate::model::workbench::shorten_ids(&w.sid)}{" "}</span>
                            }
                            <span class="mono" translate="no">{what}</span>{" — "}
                            <span class="fate">{words}</span>
                        </li>
                    }
                })}
            </ol>
        </div>
    }
}
