//! The lesson's notes and quiz: the course's teaching in folding sections (what a session is,
//! cookie or session, the five steps, installing, the options reference, genid, the logout
//! fix, connect-mongo then and now, two servers, behind a proxy, and lesson 6's failures) and
//! three questions, checked and explained. It opens over the right of the workbench, so the
//! browser and the jar stay in view.

use super::use_app;
use crate::i18n::{fill, gap_after, t, Key, Lang};
use crate::model::lessons::{
    five_steps, limits_text, LessonId, Section, COMPARE, LOGOUT_FULL, LOGOUT_MINIMAL,
    MAX_AGE_UNITS, MONGO_NOW, MONGO_THEN, NEVER_SAVED, OPTIONS, REDIS_SETUP, RESAVE_RACE,
    TRUST_PROXY,
};
use crate::model::workbench::Op;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A snippet: focusable and named, since a long line scrolls it sideways, which the
/// keyboard must reach in every browser (Chromium's own focusable scrollers aside).
fn code(lang: Lang, text: &str) -> Html {
    // named by its first line, so two snippets side by side are told apart
    let name = format!(
        "{}{}{}",
        t(lang, Key::SnippetLabel),
        t(lang, Key::Colon),
        text.lines().next().unwrap_or_default()
    );
    html! { <pre class="snippet mono" translate="no" tabindex="0" role="region" aria-label={name}>{text}</pre> }
}

fn section_body(lang: Lang, section: Section, s: &super::state::AppContext) -> Html {
    let p = |k: Key| html! { <p>{t(lang, k)}</p> };
    match section {
        Section::WhatIsASession => p(Key::SecSessionBody),
        Section::CookieOrSession => html! {
            <>
                <ol class="compare">{for COMPARE.iter().map(|k| html! { <li>{t(lang, *k)}</li> })}</ol>
                <p class="limits">{limits_text(lang)}</p>
                {p(Key::SecCompareAdvice)}
            </>
        },
        Section::FiveSteps => html! {
            <ol class="five-steps">
                {for five_steps(s.model().embed()).iter().map(|(k, line)| html! {
                    <li>{t(lang, *k)}<code class="mono">{line.trim()}</code></li>
                })}
            </ol>
        },
        Section::Install(line) => code(lang, &format!("$ {line}")),
        Section::Options => {
            let rows = OPTIONS.iter().map(|o| {
                let s = s.clone();
                let (path, value) = (o.path.to_string(), (o.try_it)());
                let shown = crate::engine::json::stringify(&value);
                let onclick = Callback::from(move |_| s.dispatch(Op::TryOption(path.clone(), value.clone())));
                html! {
                    <tr>
                        <th scope="row"><code>{o.path}</code></th>
                        <td>{t(lang, o.what)}</td>
                        // labelled where a narrow panel stacks the row and hides the heads
                        <td class="default" data-label={format!("{}{}", t(lang, Key::ColDefault), t(lang, Key::Colon))}><code>{o.default}</code></td>
                        <td><button type="button" class="btn small" {onclick}
                            aria-label={format!("{} {} = {shown}", t(lang, Key::TryOption), o.path)}>{t(lang, Key::TryOption)}{" "}<code>{shown.clone()}</code></button></td>
                    </tr>
                }
            });
            html! {
                <>
                    {p(Key::SecOptionsIntro)}
                    <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, Key::SecOptionsTitle)}><table class="options-ref">
                        <caption class="sr-only">{t(lang, Key::SecOptionsTitle)}</caption>
                        <thead><tr><th scope="col">{t(lang, Key::ColOption)}</th><th scope="col">{t(lang, Key::ColWhat)}</th>
                            <th scope="col">{t(lang, Key::ColDefault)}</th><th scope="col"><span class="sr-only">{t(lang, Key::TryOption)}</span></th></tr></thead>
                        <tbody>{for rows}</tbody>
                    </table></div>
                </>
            }
        }
        Section::Genid => p(Key::SecGenidBody),
        Section::LogoutFix => html! {
            <>
                {p(Key::SecLogoutMinimal)}
                {code(lang, LOGOUT_MINIMAL)}
                {p(Key::SecLogoutNotEnough)}
                {p(Key::SecLogoutFull)}
                {code(lang, LOGOUT_FULL)}
            </>
        },
        Section::TwoServers => html! {
            <>
                {p(Key::SecTwoServersBody)}
                {p(Key::SecStickyTradeoff)}
                {p(Key::SecRedisCode)}
                {code(lang, REDIS_SETUP)}
            </>
        },
        Section::BehindAProxy => html! {
            <>
                {p(Key::SecProxyBody)}
                {p(Key::SecProxyFix)}
                {code(lang, TRUST_PROXY)}
            </>
        },
        Section::MaxAgeUnits => html! {
            <>
                {p(Key::SecMaxAgeBody)}
                {p(Key::SecMaxAgeFix)}
                {code(lang, MAX_AGE_UNITS)}
            </>
        },
        Section::NeverSaved => html! {
            <>
                {p(Key::SecNeverSavedBody)}
                {p(Key::SecNeverSavedFix)}
                {code(lang, NEVER_SAVED)}
            </>
        },
        Section::ResaveRace => html! {
            <>
                {p(Key::SecRaceBody)}
                {p(Key::SecRaceFix)}
                {code(lang, RESAVE_RACE)}
            </>
        },
        Section::ResurrectedLogout => html! {
            <>
                {p(Key::SecResurrectBody)}
                {p(Key::SecResurrectFix)}
            </>
        },
        Section::MongoThenNow => html! {
            <>
                {p(Key::SecMongoBody)}
                <div class="then-now">
                    <div><h4>{t(lang, Key::SecMongoThen)}</h4>{code(lang, MONGO_THEN)}</div>
                    <div><h4>{t(lang, Key::SecMongoNow)}</h4>{code(lang, MONGO_NOW)}</div>
                </div>
            </>
        },
    }
}

fn quiz(
    lang: Lang,
    lesson: LessonId,
    answers: &[Option<u8>],
    score: &str,
    s: &super::state::AppContext,
) -> Html {
    let questions = lesson.quiz().iter().enumerate().map(|(n, q)| {
        let given = answers.get(n).copied().flatten();
        let choices = q.choices.iter().enumerate().map(|(i, k)| {
            let s = s.clone();
            let choice = i as u8;
            let picked = given == Some(choice);
            let class = match (picked, choice == q.answer) {
                (true, true) => Some("right"),
                (true, false) => Some("wrong"),
                _ => None,
            };
            html! {
                <li>
                    // the picked answer is described by what it was told: coming back to it, a
                    // screen reader heard only "pressed", as if it were right
                    <button type="button" class={classes!("choice", class)} aria-pressed={picked.to_string()}
                        aria-describedby={picked.then(|| format!("explain-{n}"))}
                        onclick={Callback::from(move |_| {
                            s.dispatch(Op::Answer { lesson, question: n, choice });
                            // what it was told, drawn under the choices: at the drawer's foot
                            // it was below the screen, with only the button's colour in sight
                            // (keyboard review, lesson 4's second question at 1440x900)
                            super::effects::reveal_later(format!("explain-{n}"));
                        })}>{t(lang, *k)}</button>
                </li>
            }
        });
        html! {
            <li class="question" data-question={n.to_string()}>
                <p class="ask" id={format!("ask-{n}")}>{t(lang, q.ask)}</p>
                // Tab goes from answer to answer: the group names the question they answer
                <div role="group" aria-labelledby={format!("ask-{n}")}>
                    <ol class="choices" type="A">{for choices}</ol>
                </div>
                if let Some(a) = given {
                    <p id={format!("explain-{n}")} class={classes!("explain", if a == q.answer { "right" } else { "wrong" })}>
                        <strong>{t(lang, q.verdict(a))}{gap_after(t(lang, q.verdict(a)))}</strong>{q.because_text(lang, a)}
                    </p>
                }
            </li>
        }
    });
    html! {
        <section class="quiz" aria-labelledby="h-quiz">
            <h3 id="h-quiz">{fill(t(lang, Key::QuizTitle), &[("n", &lesson.quiz().len().to_string())])}<span class="muted small">{" · "}{score}</span></h3>
            <ol class="questions">{for questions}</ol>
        </section>
    }
}

/// Keeps the panel's top below the lesson card where the panes are side by side, so the card's
/// steps and its "Next" stay readable beside the notes (over them, the panel hid the step the
/// notes explain). The card grows and shrinks as steps tick: a `ResizeObserver` follows it.
/// Where the panes are tabs the panel covers the screen, as the stylesheet places it.
#[hook]
fn use_below_guide(aside: &NodeRef) {
    let aside = aside.clone();
    use_effect_with((), move |_| {
        let place = {
            let aside = aside.clone();
            move || {
                let (Some(el), Some(w)) = (aside.cast::<web_sys::Element>(), web_sys::window())
                else {
                    return;
                };
                let narrow = super::effects::media_matches(crate::model::workbench::NARROW_SCREEN);
                let guide = w
                    .document()
                    .and_then(|d| d.query_selector("section.guide").ok().flatten());
                // a short window (a landscape phone, 915x412) scrolls: there the card's bottom
                // can be anywhere, so the panel keeps the stylesheet's place
                let height = super::effects::window_height();
                match guide {
                    Some(g) if !narrow && height >= 560.0 => {
                        // and never lower than the middle of the screen, nor above its top
                        let bottom = g.get_bounding_client_rect().bottom() + 6.0;
                        let top = bottom.clamp(0.0, height / 2.0);
                        let _ =
                            el.set_attribute("style", &format!("top: {}", super::effects::px(top)));
                    }
                    _ => {
                        let _ = el.remove_attribute("style");
                    }
                }
            }
        };
        place();
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(place);
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let Some(o) = &observer {
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                for sel in ["section.guide", "body"] {
                    if let Ok(Some(el)) = d.query_selector(sel) {
                        o.observe(&el);
                    }
                }
            }
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop(on_resize);
        }
    });
}

/// Props of [`Learn`].
#[derive(Properties, PartialEq)]
pub struct LearnProps {
    /// Closes the panel.
    pub onclose: Callback<()>,
}

/// The notes and quiz of the open lesson.
#[component]
pub fn Learn(p: &LearnProps) -> Html {
    let s = use_app();
    let wb = s.model();
    let lang = wb.lang();
    let lesson = wb.lesson();
    let answers: Vec<Option<u8>> = (0..lesson.quiz().len())
        .map(|n| wb.answer(lesson, n))
        .collect();
    let score = wb.quiz_score(lesson);
    drop(wb);
    let (title, body) = lesson.texts();
    let aside = use_node_ref();
    use_below_guide(&aside);
    let close = {
        let onclose = p.onclose.clone();
        Callback::from(move |_| onclose.emit(()))
    };
    let (onkeydown, onfocusout) = super::access::use_overlay_keys(
        crate::model::workbench::ToolPanel::Learn,
        p.onclose.clone(),
        aside.clone(),
    );
    let sections = lesson.sections().iter().enumerate().map(|(i, &sec)| {
        html! {
            <details class="section" data-section={sec.name()} open={i == 0}>
                // a heading in its summary: the notes' sections are what a screen reader's
                // heading list jumps between (lesson 5's then and now are h4 under them)
                <summary><h3 class="section-title">{t(lang, sec.title())}</h3></summary>
                {section_body(lang, sec, &s)}
            </details>
        }
    });
    html! {
        <aside class="learn" id="learn" ref={aside} aria-labelledby="h-learn" {onkeydown} {onfocusout}>
            <div class="learn-head">
                <h2 id="h-learn">{t(lang, title)}</h2>
                <button type="button" class="btn small" onclick={close}>{t(lang, Key::LearnClose)}</button>
            </div>
            <p>{t(lang, body)}</p>
            // what "the course" means (a reviewer read it as this lab: its lessons are 课 too)
            <p class="muted small learn-source">{t(lang, Key::LearnSource)}</p>
            {for sections}
            {quiz(lang, lesson, &answers, &score, &s)}
            <button type="button" class="btn small forget" onclick={{ let s = s.clone(); Callback::from(move |_| s.dispatch(Op::ForgetProgress)) }}>
                {t(lang, Key::ForgetProgress)}
            </button>
        </aside>
    }
}
