//! The header's panels (share link and embed code, loading a scenario), the scenario card that
//! plays one step by step, and the compact bar an embed shows instead of the site's header.

use super::{copy_text, embed, input_value, use_app};
use crate::model::workbench::{FileProblem, Op, ToolPanel};
use crate::engine::scenario::{Step, MAX_SCENARIO_BYTES};
use crate::i18n::{fill, t, Key};
use crate::model::explain::browser_name;
use serde_json::Value;
use yew::prelude::*;

/// Escapes text for an HTML attribute value in double quotes.
fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The share link (with "include secret") and the iframe snippet.
#[component]
pub fn SharePanel() -> Html {
    let s = use_app();
    let include = use_state(|| false);
    let copied = use_state(|| None::<Key>);
    let base = embed::base_url();
    let (l, link, src, hide_secret) = {
        let wb = s.model();
        (
            wb.lang(),
            format!("{base}#{}", wb.share_fragment(*include)),
            format!("{base}#{}&embed=1", wb.share_fragment(false)),
            wb.hide_secret(),
        )
    };
    let snippet = format!(
        "<iframe src=\"{}\" title=\"Session Lab\" width=\"100%\" height=\"720\" style=\"border:0\" loading=\"lazy\"></iframe>",
        attr_escape(&src)
    );
    let toggle = {
        let include = include.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            include.set(input_value(&e).as_deref() == Some("true"));
            copied.set(None);
        })
    };
    let copy = |text: String, which: Key| {
        let copied = copied.clone();
        Callback::from(move |_| {
            copy_text(&text);
            copied.set(Some(which));
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            i.select();
        } else if let Some(a) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            a.select();
        }
    });
    let close = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::TogglePanel(ToolPanel::Share)))
    };
    html! {
        <section class="tool-panel" id="share-panel" aria-labelledby="share-title">
            <h2 id="share-title">{t(l, Key::ShareTitle)}</h2>
            <p class="muted">{t(l, Key::ShareIntro)}</p>
            <label class="check">
                <input type="checkbox" id="share-secret" checked={*include} onchange={toggle} disabled={hide_secret} />
                {t(l, Key::IncludeSecret)}
            </label>
            <p class="muted small">{t(l, Key::IncludeSecretHint)}</p>
            <label for="share-link">{t(l, Key::ShareLink)}</label>
            <div class="row">
                <input id="share-link" class="mono grow" readonly=true value={link.clone()} onfocus={select_all.clone()} />
                <button type="button" class="btn primary" id="share-copy" onclick={copy(link, Key::CopyLink)}>
                    {t(l, if *copied == Some(Key::CopyLink) { Key::Copied } else { Key::CopyLink })}
                </button>
            </div>
            <label for="share-embed">{t(l, Key::EmbedSnippet)}</label>
            <textarea id="share-embed" class="mono" readonly=true rows="3" value={snippet.clone()} onfocus={select_all} />
            <div class="row">
                <button type="button" class="btn" onclick={copy(snippet, Key::CopySnippet)}>
                    {t(l, if *copied == Some(Key::CopySnippet) { Key::Copied } else { Key::CopySnippet })}
                </button>
                <button type="button" class="btn" onclick={close}>{t(l, Key::Dismiss)}</button>
            </div>
        </section>
    }
}

/// Loading a scenario: a file picker, or pasted JSON.
#[component]
pub fn ScenarioLoader() -> Html {
    let s = use_app();
    let (l, problem) = {
        let wb = s.model();
        (wb.lang(), wb.scenario_problem().map(|p| p.text(wb.lang())))
    };
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
    html! {
        <section class="tool-panel" id="scenario-panel" aria-labelledby="scenario-loader-title">
            <h2 id="scenario-loader-title">{t(l, Key::ScenarioLoaderTitle)}</h2>
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
        </section>
    }
}

fn step_text(l: crate::i18n::Lang, step: &Step) -> String {
    match step {
        Step::Request(r) => fill(
            t(l, Key::StepRequest),
            &[
                ("browser", browser_name(l, r.browser)),
                ("method", &r.method),
                ("url", &r.url),
            ],
        ),
        Step::Advance(ms) => fill(t(l, Key::StepAdvance), &[("ms", &ms.to_string())]),
        Step::RestartServer => t(l, Key::StepRestart).to_string(),
        Step::CloseBrowser(b) => fill(t(l, Key::StepClose), &[("browser", browser_name(l, *b))]),
        Step::Parallel(list) => {
            let each: Vec<String> = list
                .iter()
                .map(|(r, after)| {
                    let one = fill(
                        t(l, Key::StepRequest),
                        &[("browser", browser_name(l, r.browser)), ("method", &r.method), ("url", &r.url)],
                    );
                    if *after > 0 { format!("{one} (+{after} ms)") } else { one }
                })
                .collect();
            fill(t(l, Key::StepParallel), &[("requests", &each.join(" ‖ "))])
        }
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
        each.iter().map(|one| result_text(l, one)).collect::<Vec<_>>().join(" ‖ ")
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
    let Some(run) = wb.scenario() else {
        return html! {};
    };
    let (done, total) = (run.results.len(), run.steps.len());
    let steps = run.steps.iter().enumerate().map(|(i, st)| {
        let result = run.results.get(i);
        let current = i == done;
        html! {
            <li class={classes!(result.map(|_| "done"), current.then_some("next"))} aria-current={current.then_some("step")}>
                <span class="mono">{step_text(l, st)}</span>
                if let Some(r) = result { <span class="tag">{result_text(l, r)}</span> }
            </li>
        }
    }).collect::<Vec<Html>>();
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
                <h2 id="scenario-title">{t(l, Key::ScenarioTitle)}{" · "}{t(l, lesson.texts().0)}</h2>
                <p id="scenario-progress" role="status">{fill(t(l, Key::ScenarioProgress), &[("done", &done.to_string()), ("total", &total.to_string())])}</p>
                <ol class="scenario-steps">{for steps}</ol>
            </div>
            <div class="lesson-side">
                <div class="row">
                    <button type="button" class="btn primary" id="scenario-step" disabled={done >= total} onclick={msg(|| Op::ScenarioStep)}>{t(l, Key::ScenarioStep)}</button>
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

/// An embed's compact bar: the lesson, its variants, reset, and a way out to the full lab.
#[component]
pub fn EmbedBar() -> Html {
    let s = use_app();
    let (l, full, card, lesson) = {
        let wb = s.model();
        // a challenge or scenario card below already names itself and holds the variants
        let card = wb.challenge().is_some() || wb.scenario().is_some();
        let full = format!("{}#{}", embed::base_url(), wb.share_fragment(false));
        (wb.lang(), full, card, wb.lesson())
    };
    let reset = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Reset))
    };
    html! {
        <header class="embed-bar">
            <h1 class={classes!("embed-title", card.then_some("sr-only"))}>{t(l, lesson.texts().0)}</h1>
            if card { <span class="embed-spacer"></span> }
            if !card { <super::guide::VariantPicker /> }
            <button type="button" class="btn small" title={t(l, Key::ResetHint)} onclick={reset}>{t(l, Key::Reset)}</button>
            <a class="btn small" href={full} target="_blank" rel="noopener">{t(l, Key::OpenFullLab)}{" ↗"}</a>
        </header>
    }
}

/// Props of [`JarIoBox`].
#[derive(Properties, PartialEq)]
pub struct JarIoProps {
    /// Whose jar.
    pub browser: crate::engine::events::BrowserId,
}

/// Importing and exporting a jar: Cookie-Editor JSON, Netscape cookies.txt, a Cookie header.
#[component]
pub fn JarIoBox(props: &JarIoProps) -> Html {
    use crate::model::jar_io::{export, import, Format, ImportError};
    let s = use_app();
    let l = s.model().lang();
    let format = use_state(|| Format::CookieEditorJson);
    let text = use_state(String::new);
    // typed, and worded when drawn: the page's language may change while it is shown
    let error = use_state(|| None::<ImportError>);
    let who = props.browser;
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = input_value(&e).and_then(|v| Format::from_code(&v)) {
                format.set(f);
            }
        })
    };
    let do_export = {
        let (s, format, text, error) = (s.clone(), format.clone(), text.clone(), error.clone());
        Callback::from(move |_| {
            let wb = s.model();
            let lab = wb.lab();
            text.set(export(lab.browser(who).jar.cookies(), *format, lab.now));
            error.set(None);
        })
    };
    let do_import = {
        let (s, format, text, error) = (s.clone(), format.clone(), text.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (host, now) = {
                let wb = s.model();
                let host = crate::engine::url::Url::parse(&wb.lab().home_url())
                    .map(|u| u.host)
                    .unwrap_or_else(|_| "localhost".into());
                (host, wb.lab().now)
            };
            match import(&text, *format, &host, now) {
                Ok(cookies) => {
                    error.set(None);
                    s.dispatch(Op::ImportCookies(who, cookies));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let options = Format::ALL.iter().map(|&f| {
        let key = match f {
            Format::CookieEditorJson => Key::JarIoJson,
            Format::Netscape => Key::JarIoNetscape,
            Format::Header => Key::JarIoHeader,
        };
        html! { <option value={f.code()} selected={f == *format}>{t(l, key)}</option> }
    });
    html! {
        <details class="jar-io">
            <summary>{t(l, Key::JarIoTitle)}</summary>
            <form class="stack" onsubmit={do_import}>
                <label class="check">{t(l, Key::JarIoFormat)}
                    <select id="jar-io-format" onchange={on_format}>{for options}</select>
                </label>
                <textarea id="jar-io-text" class="mono" rows="6" spellcheck="false" aria-label={t(l, Key::JarIoText)}
                    value={(*text).clone()} oninput={super::bind_text(&text)} />
                if let Some(e) = &*error {
                    <p class="error" role="alert">{fill(t(l, Key::JarIoError), &[("error", &crate::model::explain::import_error_text(l, e))])}</p>
                }
                <div class="row">
                    <button type="button" class="btn" id="jar-export" onclick={do_export}>{t(l, Key::JarExport)}</button>
                    <button type="submit" class="btn" id="jar-import">{t(l, Key::JarImport)}</button>
                </div>
            </form>
        </details>
    }
}
