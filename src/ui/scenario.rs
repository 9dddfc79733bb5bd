//! Scenarios in the page: the panel that loads one (the library, a file, pasted JSON) and the
//! card that plays it step by step, by itself (autoplay) or back a step, with each step's
//! caption.

use super::use_app;
use crate::engine::json::Value;
use crate::engine::scenario::MAX_SCENARIO_BYTES;
use crate::i18n::{fill, t, Key};
use crate::model::workbench::{FileProblem, Op};
use yew::prelude::*;

/// Loading a scenario: a file picker, or pasted JSON.
#[component]
pub fn ScenarioLoader() -> Html {
    let s = use_app();
    let (l, problem, recorded, ended, recorded_steps) = {
        let wb = s.model();
        (
            wb.lang(),
            wb.scenario_problem().map(|p| p.text(wb.lang())),
            wb.recorded().map(str::to_string),
            wb.record_end().key(),
            wb.recorded_steps(),
        )
    };
    // a problem comes into view, in the panel's box or on a phone's page: at 1440x900 a
    // file's two-line error sat under the panel's edge, the focus on the page's Scenario
    // button; at 390x844 it was 190 px below the screen
    use_effect_with(problem.clone(), |problem| {
        if problem.is_some() {
            super::effects::reveal_later("scenario-problem");
        }
    });
    let pasted = use_state(String::new);
    let example = {
        let pasted = pasted.clone();
        Callback::from(move |_| pasted.set(crate::engine::scenario::EXAMPLE.to_string()))
    };
    let on_file = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            if file.size() > MAX_SCENARIO_BYTES as f64 {
                s.dispatch(Op::ScenarioFileFailed {
                    file: file.name(),
                    problem: FileProblem::TooLarge,
                });
                return;
            }
            let s = s.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(v) => s.dispatch(Op::LoadScenario(v.as_string().unwrap_or_default())),
                    Err(_) => s.dispatch(Op::ScenarioFileFailed {
                        file: file.name(),
                        problem: FileProblem::Unreadable,
                    }),
                }
            });
            input.set_value("");
        })
    };
    let load = {
        let (s, pasted) = (s.clone(), pasted.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            s.dispatch(Op::LoadScenario((*pasted).clone()));
        })
    };
    let zh = l == crate::i18n::Lang::Zh;
    let library = crate::model::library::LIBRARY.iter().map(|(code, text)| {
        let title = crate::model::library::title(text).map(|t_| t_.text(zh).to_string()).unwrap_or_else(|| code.to_string());
        let s = s.clone();
        let onclick = Callback::from(move |_| s.dispatch(Op::LoadScenario(text.to_string())));
        html! { <li><button type="button" class="btn small" data-library={*code} {onclick}>{super::access::mixed(l, &title)}</button></li> }
    }).collect::<Vec<Html>>();
    let close = super::access::panel_closer(
        &s,
        crate::model::workbench::ToolPanel::Scenario,
        "#open-scenario",
    );
    html! {
        <section class="tool-panel" id="scenario-panel" aria-labelledby="scenario-loader-title" onfocusin={super::effects::whole_on_focus}
            onkeydown={super::access::escape_closes(&close, "scenario-panel", "#open-scenario")}>
            // the way out beside the title, as the Share panel's (only the header's Scenario
            // button closed it: a teacher looked for one here)
            <div class="row panel-head">
                <h2 id="scenario-loader-title">{t(l, Key::ScenarioLoaderTitle)}</h2>
                <button type="button" class="btn small" id="scenario-close" onclick={close.reform(|_: MouseEvent| ())}>{t(l, Key::PanelClose)}</button>
            </div>
            // side by side where the screen is wide: one above the other, the panel's 40% of
            // the screen showed the library and cut "Start recording" at 1920x1080
            <div class="tool-cols">
            <div class="tool-col">
            <h3 id="library-title">{t(l, Key::LibraryTitle)}</h3>
            <p class="muted">{t(l, Key::LibraryIntro)}</p>
            <ul class="library" aria-labelledby="library-title">{for library}</ul>
            </div>
            <div class="tool-col">
            <h3 id="record-title">{t(l, Key::RecordTitle)}</h3>
            if let Some(text) = recorded {
                <div class="recorded" role="status">
                    // why it ended, where the learner did not press Stop (a variant chosen ended
                    // it, and nothing said so); a recording of no step offers nothing to play
                    if let Some(k) = ended {
                        <p id="recording-ended">{t(l, k)}</p>
                    }
                    if recorded_steps == 0 {
                        <p><strong>{t(l, Key::RecordedTitle)}</strong>{" · "}{t(l, Key::RecordedNothing)}</p>
                    } else {
                        <p><strong>{t(l, Key::RecordedTitle)}</strong>{" · "}{fill(t(l, Key::RecordedSteps), &[("n", &recorded_steps.to_string())])}</p>
                        <div class="row">
                            <a class="btn small" id="download-recording" download="recording.json"
                                href={format!("data:application/json;charset=utf-8,{}", crate::engine::uri::encode_uri_component(&text))}>{t(l, Key::RecordedDownload)}</a>
                            <button type="button" class="btn small" id="load-recording"
                                onclick={{ let s = s.clone(); Callback::from(move |_| s.dispatch(Op::LoadScenario(text.clone()))) }}>{t(l, Key::RecordedLoad)}</button>
                        </div>
                    }
                </div>
            }
            <p class="muted">{t(l, Key::RecordIntro)}</p>
            <button type="button" class="btn" id="start-recording"
                onclick={{ let s = s.clone(); Callback::from(move |_| {
                    s.dispatch(Op::RecordStart);
                    // the panel closes: the focus goes to the button that stops the recording
                    super::access::focus_later("#stop-recording");
                }) }}>
                <span class="rec-dot" aria-hidden="true"></span>{t(l, Key::RecordStart)}
            </button>
            </div>
            <div class="tool-col">
            <h3 id="scenario-file-title">{t(l, Key::ScenarioFileTitle)}</h3>
            <p class="muted">{t(l, Key::ScenarioLoaderIntro)}</p>
            <label class="btn file">
                {t(l, Key::ScenarioChoose)}
                <input type="file" id="scenario-file" class="sr-only" accept=".json,application/json" onchange={on_file} />
            </label>
            <form class="stack" onsubmit={load}>
                <label for="scenario-text">{t(l, Key::ScenarioPaste)}</label>
                <textarea id="scenario-text" class="mono" rows="6" spellcheck="false" value={(*pasted).clone()} oninput={super::bind_text(&pasted)} />
                <div class="row">
                    <button type="submit" class="btn primary">{t(l, Key::ScenarioLoad)}</button>
                    <button type="button" class="btn" id="scenario-example" onclick={example}>{t(l, Key::ScenarioExample)}</button>
                </div>
                if let Some(text) = problem {
                    <p class="error" role="alert" id="scenario-problem">{text}</p>
                }
            </form>
            </div>
            </div>
        </section>
    }
}

fn result_text(l: crate::i18n::Lang, v: &Value) -> String {
    if let Some(status) = v.get("status").and_then(Value::as_u64) {
        let cookies = v
            .get("headers")
            .and_then(Value::as_array)
            .map(|h| {
                h.iter()
                    .filter(|p| {
                        p.get(0)
                            .and_then(Value::as_str)
                            .is_some_and(|n| n.eq_ignore_ascii_case("set-cookie"))
                    })
                    .count()
            })
            .unwrap_or(0);
        if cookies > 0 {
            format!("{status} · Set-Cookie ×{cookies}")
        } else {
            status.to_string()
        }
    } else if let Some(Value::Array(each)) = v.get("parallel") {
        each.iter()
            .map(|one| result_text(l, one))
            .collect::<Vec<_>>()
            .join(" ‖ ")
    } else if let Some(e) = v.get("error") {
        fill(
            t(l, Key::StepError),
            &[(
                "error",
                &e.as_str().map_or_else(|| e.to_string(), str::to_string),
            )],
        )
    } else {
        "✓".into()
    }
}

/// The loaded scenario: its steps, what each printed, and the whole trace.
#[component]
pub fn ScenarioCard() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let lesson = wb.lesson();
    // the list keeps the step just played, or the next, in its box: after Play all it stayed
    // at its top, the last steps and their results out of sight (a reviewer)
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        let at = wb
            .scenario()
            .map(|r| r.results.len().min(r.steps.len().saturating_sub(1)));
        use_effect_with(at, move |&at| {
            let item = (list_ref.cast::<web_sys::Element>())
                .zip(at)
                .and_then(|(ol, at)| ol.children().item(at as u32));
            if let Some(li) = item {
                super::effects::show_in_its_box(&li);
            }
        });
    }
    let Some(run) = wb.scenario() else {
        return html! {};
    };
    let (done, total) = (run.results.len(), run.steps.len());
    let zh = l == crate::i18n::Lang::Zh;
    let steps = run.steps.iter().enumerate().map(|(i, st)| {
        let result = run.results.get(i);
        let current = i == done;
        let say = run.says.get(i).and_then(|s| s.as_ref()).map(|s| s.text(zh).to_string());
        html! {
            <li class={classes!(result.map(|_| "done"), current.then_some("next"))} aria-current={current.then_some("step")}>
                <span class="mono">{crate::model::library::step_text(l, st)}</span>
                if let Some(r) = result { <span class="tag">{result_text(l, r)}</span> }
                if let Some(say) = say { <span class="say small">{super::access::mixed(l, &say)}</span> }
            </li>
        }
    }).collect::<Vec<Html>>();
    let title = run.title.as_ref().map(|s| s.text(zh).to_string());
    let caption = run.caption(zh).map(str::to_string);
    let playing = run.playing;
    let trace = run.trace_text();
    drop(wb);
    let href = format!(
        "data:application/json;charset=utf-8,{}",
        crate::engine::uri::encode_uri_component(&trace)
    );
    let msg = |m: fn() -> Op| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(m()))
    };
    html! {
        <section class="guide lesson-card scenario-card" aria-labelledby="scenario-title">
            <div class="lesson-text">
                <h2 id="scenario-title">{t(l, Key::ScenarioTitle)}{" · "}{title.unwrap_or_else(|| t(l, lesson.texts().0).to_string())}</h2>
                <p id="scenario-progress">{fill(t(l, Key::ScenarioProgress), &[("done", &done.to_string()), ("total", &total.to_string())])}</p>
                if let Some(c) = caption {
                    <p class="caption" id="scenario-caption"><span class="sr-only">{t(l, Key::CaptionLabel)}{t(l, Key::Colon)}</span>{super::access::mixed(l, &c)}</p>
                }
                <ol class="scenario-steps" ref={list_ref}>{for steps}</ol>
            </div>
            <div class="lesson-side">
                <div class="row">
                    <button type="button" class="btn primary" id="scenario-autoplay" disabled={done >= total} aria-pressed={playing.to_string()}
                        onclick={{ let s = s.clone(); Callback::from(move |_| s.dispatch(Op::ScenarioAutoplay(!playing))) }}>
                        {t(l, if playing { Key::AutoplayPause } else { Key::AutoplayStart })}
                    </button>
                    <button type="button" class="btn" id="scenario-back" disabled={done == 0} onclick={msg(|| Op::ScenarioBack)}>{t(l, Key::ScenarioBackStep)}</button>
                    <button type="button" class="btn" id="scenario-step" disabled={done >= total} onclick={msg(|| Op::ScenarioStep)}>{t(l, Key::ScenarioStep)}</button>
                    <button type="button" class="btn" id="scenario-play" disabled={done >= total} onclick={msg(|| Op::ScenarioPlayAll)}>{t(l, Key::ScenarioPlayAll)}</button>
                    <button type="button" class="btn" onclick={msg(|| Op::Reset)}>{t(l, Key::ScenarioRestart)}</button>
                    <button type="button" class="btn" onclick={msg(|| Op::LeaveScenario)}>{t(l, Key::ScenarioLeave)}</button>
                </div>
                <details class="trace">
                    <summary>{t(l, Key::ScenarioTrace)}</summary>
                    <pre id="scenario-trace" class="mono" tabindex="0">{trace}</pre>
                    <a class="btn small" download="trace.json" href={href}>{t(l, Key::ScenarioDownload)}</a>
                </details>
            </div>
        </section>
    }
}

/// How long each step of an autoplaying scenario stays on screen before the next.
const AUTOPLAY_MS: u32 = 2500;

/// Autoplay's timer: while the scenario plays by itself, a tick every [`AUTOPLAY_MS`] (the
/// model plays the next step and stops at the end). The timer is an effect, outside the reducer.
#[hook]
pub fn use_autoplay(state: &super::AppContext) {
    let playing = state.model().scenario().is_some_and(|r| r.playing);
    let s = state.clone();
    use_effect_with(playing, move |playing| {
        let timer = playing.then(|| {
            gloo::timers::callback::Interval::new(AUTOPLAY_MS, move || s.dispatch(Op::ScenarioTick))
        });
        move || drop(timer)
    });
}
