//! "Simulate N visitors": runs [`Sim`] in chunks that yield to the browser, with a progress
//! bar, requests per second, cancel, and charts of the store's entries and bytes.

use super::use_app;
use crate::engine::js::number_to_string;
use crate::engine::session::StoreKind;
use crate::i18n::{fill, grouped, t, Key, Lang};
use crate::model::visitors::{
    cancelled_text, clock_moved_text, cookie_only_text, progress_text, result_text, BadField,
    Pacer, Sample, SimConfig, Stats,
};
use crate::model::workbench::Op;
use yew::prelude::*;

/// What the panel shows of a run.
#[derive(Clone, PartialEq)]
struct View {
    stats: Stats,
    samples: Vec<Sample>,
    total: usize,
    rate: f64,
    running: bool,
    cancelled: bool,
    memory: bool,
    cookie_bytes: usize,
    moved: crate::engine::clock::Millis,
}

fn polyline(
    samples: &[Sample],
    max_x: usize,
    max_y: usize,
    pick: impl Fn(&Sample) -> usize,
) -> String {
    let (w, h) = (300.0, 100.0);
    samples
        .iter()
        .map(|s| {
            let x = 30.0 + w * s.requests as f64 / max_x.max(1) as f64;
            let y = 5.0 + h - h * pick(s) as f64 / max_y.max(1) as f64;
            // to a tenth, written by the engine's number printer (no float formatting from
            // core::fmt in the module)
            let tenth = |v: f64| number_to_string((v * 10.0).round() / 10.0);
            format!("{},{}", tenth(x), tenth(y))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn chart(lang: Lang, v: &View, bytes: bool) -> Html {
    let max_x = v.total;
    let max_y = v
        .samples
        .iter()
        .map(|s| if bytes { s.bytes } else { s.entries })
        .max()
        .unwrap_or(0);
    let title = if bytes {
        t(lang, Key::ChartBytes)
    } else {
        t(lang, Key::ChartEntries)
    };
    let main = polyline(&v.samples, max_x, max_y, |s| {
        if bytes {
            s.bytes
        } else {
            s.entries
        }
    });
    let expired =
        (!bytes && v.memory).then(|| polyline(&v.samples, max_x, max_y, |s| s.expired_held));
    // the numbers grouped as the result's are, the words from the table (a "(max 8308)" of
    // its own read half English in the zh page)
    let top = fill(
        t(lang, Key::ChartMax),
        &[("title", title), ("max", &grouped(max_y))],
    );
    html! {
        <svg class="chart" viewBox="0 0 340 130" role="img" aria-label={top.clone()}>
            <text x="30" y="12" class="label">{top}</text>
            <line x1="30" y1="105" x2="330" y2="105" class="axis" />
            <line x1="30" y1="5" x2="30" y2="105" class="axis" />
            <text x="330" y="122" text-anchor="end" class="label">{fill(t(lang, Key::ChartRequestsN), &[("n", &grouped(max_x))])}</text>
            <polyline points={main} class="line main" />
            if let Some(p) = expired {
                <polyline points={p} class="line expired" />
                <text x="30" y="122" class="label expired">{t(lang, Key::ChartExpired)}</text>
            }
        </svg>
    }
}

/// Milliseconds of requests a run does before it lets the browser in (input, a frame). Short
/// slices in tasks of their own: Chromium draws a frame between them when one is due, so a
/// frame waits for at most a few slices. One long step per animation frame, as before, left
/// the main thread idle until the next display refresh after each step (measured: the same
/// total time, and frames up to 50 ms against 33 ms now).
const SLICE_MS: f64 = 8.0;
/// How often the panel redraws its progress and charts while a run goes on.
const REDRAW_MS: f64 = 100.0;

/// The panel.
#[component]
pub fn Visitors() -> Html {
    let s = use_app();
    let n = use_state(|| "10000".to_string());
    let pct = use_state(|| "50".to_string());
    let store = use_state(|| StoreKind::Memory.code().to_string());
    let max_age = use_state(|| "10".to_string());
    let spacing = use_state(|| "1".to_string());
    let on_lab = use_state(|| false);
    let rate = use_state(|| 0.0f64);
    let bad = use_state(|| None::<BadField>);
    let (l, view, lab_fields, place) = {
        let wb = s.model();
        // (only while the switch is on: the panel redraws after each chunk of a run)
        let lab_fields =
            (*on_lab).then(|| crate::model::visitors::lab_fields(&wb.lab().server.options));
        let view = wb.sim().map(|run| View {
            stats: run.sim.stats,
            samples: run.sim.samples.clone(),
            total: run.sim.config.visitors,
            rate: *rate,
            running: !run.done(),
            cancelled: run.cancelled,
            memory: run.memory,
            cookie_bytes: run.sim.cookie_bytes(),
            moved: run.moved,
        });
        (wb.lang(), view, lab_fields, wb.place())
    };
    // a refused field's words belong to the place they were typed in: they had followed the
    // learner into a challenge, still read out as an alert there
    {
        let bad = bad.clone();
        use_effect_with(place, move |_| bad.set(None));
    }
    // run on the lab's server, the greyed store and maxAge are that server's
    let (shown_store, shown_max_age, lab_store) = match lab_fields {
        Some((max_age, kind)) => (kind.code().to_string(), max_age, Some(kind)),
        None => ((*store).clone(), (*max_age).clone(), None),
    };
    let store_choices: Vec<StoreKind> = [StoreKind::Memory, StoreKind::Persistent]
        .into_iter()
        .chain(lab_store.filter(|k| *k == StoreKind::Redis))
        .collect();

    let setter = |st: &UseStateHandle<String>| {
        let st = st.clone();
        Callback::from(move |e: Event| st.set(super::input_value(&e).unwrap_or_default()))
    };
    let start = {
        let (s, rate, bad) = (s.clone(), rate.clone(), bad.clone());
        let (n, pct, store, max_age, spacing, on_lab) = (
            n.clone(),
            pct.clone(),
            store.clone(),
            max_age.clone(),
            spacing.clone(),
            on_lab.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let config = match SimConfig::from_form(&n, &pct, &max_age, &spacing) {
                Ok(c) => SimConfig {
                    store: StoreKind::from_code(&store).unwrap_or_default(),
                    seed: js_sys::Date::now() as u64,
                    ..c
                },
                Err(field) => {
                    // refuse, and say which field and what it takes
                    bad.set(Some(field));
                    return;
                }
            };
            bad.set(None);
            s.dispatch(Op::SimStart(config, *on_lab));
            let (s, rate) = (s.clone(), rate.clone());
            yew::platform::spawn_local(async move {
                let t0 = js_sys::Date::now();
                let mut pacer = Pacer::new(SLICE_MS);
                // the click's own frame draws the empty charts; the first step runs in the next
                super::effects::next_frame().await;
                // the progress, below the form, may be out of the pane's view
                super::effects::reveal("sim-progress");
                let mut shown = js_sys::Date::now();
                loop {
                    super::effects::yield_task().await;
                    let (c0, n) = (js_sys::Date::now(), pacer.next());
                    s.dispatch(Op::SimStep(n));
                    pacer.took(n, js_sys::Date::now() - c0);
                    let (done, requests) = {
                        let wb = s.model();
                        wb.sim()
                            .map_or((true, 0), |r| (r.done(), r.sim.stats.requests))
                    };
                    if !done && js_sys::Date::now() - shown < REDRAW_MS {
                        continue;
                    }
                    shown = js_sys::Date::now();
                    let secs = ((js_sys::Date::now() - t0) / 1000.0).max(0.001);
                    // this panel's own state: it redraws the panel, which is all a chunk
                    // beside the lab changes (the page's state keeps its version for it)
                    rate.set(requests as f64 / secs);
                    if done {
                        // once the result is drawn, bring it into view (a cancelled run has none)
                        super::effects::next_frame().await;
                        super::effects::reveal("sim-result");
                        break;
                    }
                }
            });
        })
    };
    // Cancel redraws its button as Start before the click is over: the click's default then
    // submitted the form, and a cancelled run started again from nothing (a reviewer). The
    // default is refused. (One element for both keeps the focus on it from Start to Cancel and
    // back: keyed apart, each redraw dropped the focus to the page.)
    let stop = {
        let s = s.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            s.dispatch(Op::SimStop)
        })
    };
    let running = view.as_ref().is_some_and(|v| v.running);
    // a refused form hides the last run's outcome, which is not the answer to what it says
    let result = view.as_ref().filter(|_| bad.is_none()).map(|v| {
        let st = v.stats;
        html! {
            <>
                <progress max={v.total.to_string()} value={st.requests.to_string()} aria-label={t(l, Key::SimTitle)}></progress>
                <p class="small" id="sim-progress">{progress_text(l, st.requests, v.total, v.rate)}</p>
                <div class="charts">{chart(l, v, false)}{chart(l, v, true)}</div>
                if !v.running {
                    if v.cancelled { <p class="small" id="sim-cancelled"><strong>{cancelled_text(l, st.requests, v.total)}</strong></p> }
                    <p class="small" id="sim-result">{result_text(l, &st)}</p>
                    if v.moved > 0 { <p class="small" id="sim-clock">{clock_moved_text(l, v.moved)}</p> }
                    // why expired sessions stay, where some did
                    if !v.memory || st.expired_held > 0 {
                        <p class="small note">{t(l, if v.memory { Key::SimMemoryNote } else { Key::SimPersistentNote })}</p>
                    }
                    <p class="small">{cookie_only_text(l, v.cookie_bytes, st.bytes)}</p>
                }
            </>
        }
    });
    // opened, its form comes into view: in a short server pane it starts below the code
    let ontoggle = super::effects::reveal_when_opened("sim-form");
    html! {
        <details class="visitors" {ontoggle}>
            <summary>{t(l, Key::SimTitle)}</summary>
            <p class="small muted">{t(l, Key::SimIntro)}</p>
            <form class="opts" id="sim-form" onsubmit={start} novalidate=true>
                // its fields follow each keystroke (`oninput`): the panel redraws itself after
                // each chunk of a run, and a field's `value=` set back what was being typed
                <div class="opt"><label for="sim-n">{t(l, Key::SimVisitors)}</label><input id="sim-n" type="number" min="1" max="100000" value={(*n).clone()} oninput={super::bind_text(&n)} /></div>
                <div class="opt"><label for="sim-pct">{t(l, Key::SimReturning)}</label><input id="sim-pct" type="number" min="0" max="100" value={(*pct).clone()} oninput={super::bind_text(&pct)} /></div>
                <div class="opt"><label for="sim-store">{t(l, Key::SimStore)}</label>
                    <select id="sim-store" onchange={setter(&store)} disabled={*on_lab} key={on_lab.to_string()}>
                        {for store_choices.iter().map(|k| html! {
                            <option value={k.code()} selected={shown_store == k.code()}>{k.package()}</option>
                        })}
                    </select></div>
                <div class="opt"><label for="sim-maxage">{t(l, Key::SimMaxAge)}</label><input id="sim-maxage" type="text" value={shown_max_age} key={on_lab.to_string()} oninput={super::bind_text(&max_age)} disabled={*on_lab} /></div>
                <div class="opt"><label for="sim-spacing">{t(l, Key::SimSpacing)}</label><input id="sim-spacing" type="text" value={(*spacing).clone()} oninput={super::bind_text(&spacing)} /></div>
                <label class="switch wide"><input id="sim-onlab" type="checkbox" checked={*on_lab} onchange={{ let o = on_lab.clone(); Callback::from(move |_| o.set(!*o)) }} />{t(l, Key::SimOnLab)}</label>
                if let Some(field) = *bad {
                    <p class="error" role="alert" id="sim-error">{t(l, match field {
                        BadField::Visitors => Key::SimBadVisitors,
                        BadField::Returning => Key::SimBadReturning,
                        BadField::MaxAge => Key::SimBadMaxAge,
                        BadField::Spacing => Key::SimBadSpacing,
                    })}</p>
                }
                <div class="row">
                    if running {
                        <button type="button" class="btn" onclick={stop}>{t(l, Key::SimCancel)}</button>
                    } else {
                        <button type="submit" class="btn primary">{t(l, Key::SimStart)}</button>
                    }
                </div>
            </form>
            {result.unwrap_or_default()}
        </details>
    }
}
