//! The header (lessons, clock, language, theme, reset) and the lesson card.

use super::use_app;
use crate::engine::lab::Action;
use crate::model::workbench::{Op, ToolPanel};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::challenges::ChallengeId;
use crate::model::explain::clock_text;
use crate::model::lessons::LessonId;
use crate::model::persist::Theme;
use yew::prelude::*;

/// The top bar.
#[component]
pub fn Header() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let now = wb.lab().now;
    let (lesson_now, theme_now, panel_now) = (wb.lesson(), wb.theme(), wb.panel());
    drop(wb);
    let lang_buttons = Lang::ALL.iter().map(|&code| {
        let s = s.clone();
        let label = match code {
            Lang::Zh => "中文",
            Lang::En => "English",
        };
        html! {
            <button type="button" class="seg" aria-pressed={(code == l).to_string()} lang={code.tag()}
                onclick={Callback::from(move |_| s.dispatch(Op::SetLang(code)))}>{label}</button>
        }
    });
    let theme_buttons = [(Theme::System, Key::ThemeSystem), (Theme::Light, Key::ThemeLight), (Theme::Dark, Key::ThemeDark)].into_iter().map(|(v, key)| {
        let s2 = s.clone();
        html! {
            <button type="button" class="seg" aria-pressed={(v == theme_now).to_string()}
                onclick={Callback::from(move |_| s2.dispatch(Op::SetTheme(v)))}>{t(l, key)}</button>
        }
    });
    let advance = |ms: i64, key: Key| {
        let s = s.clone();
        html! { <button type="button" class="btn small" onclick={Callback::from(move |_| s.dispatch(Op::Act(Action::Advance(ms))))}>{t(l, key)}</button> }
    };
    let lessons = LessonId::ALL.iter().enumerate().map(|(i, &lesson)| {
        let s2 = s.clone();
        let current = lesson_now == lesson;
        html! {
            <li>
                <button type="button" class={classes!("lesson", current.then_some("current"))} aria-current={current.then_some("step")}
                    onclick={Callback::from(move |_| s2.dispatch(Op::SelectLesson(lesson)))}>
                    <span class="num">{i + 1}</span>{t(l, lesson.texts().0)}
                </button>
            </li>
        }
    });
    let reset = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Reset))
    };
    let panel = |p: ToolPanel| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::TogglePanel(p)))
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <h1>{t(l, Key::AppTitle)}</h1>
                <p class="tagline">{t(l, Key::AppTagline)}</p>
            </div>
            <nav class="lessons" aria-label={t(l, Key::LessonsLabel)}><ol>{for lessons}</ol></nav>
            <div class="controls">
                <div class="clock" role="group" aria-label={t(l, Key::ClockLabel)}>
                    <span class="clock-now mono" title={t(l, Key::ClockLabel)}>{clock_text(now)}</span>
                    {advance(60_000, Key::ClockPlusMinute)}
                    {advance(3_600_000, Key::ClockPlusHour)}
                    {advance(86_400_000, Key::ClockPlusDay)}
                </div>
                <div role="group" class="segmented" aria-label={t(l, Key::LanguageLabel)}>{for lang_buttons}</div>
                <div role="group" class="segmented" aria-label={t(l, Key::ThemeLabel)}>{for theme_buttons}</div>
                <button type="button" class="btn" title={t(l, Key::ResetHint)} onclick={reset}>{t(l, Key::Reset)}</button>
                <button type="button" class="btn" id="open-scenario" aria-expanded={(panel_now == Some(ToolPanel::Scenario)).to_string()} aria-controls="scenario-panel"
                    onclick={panel(ToolPanel::Scenario)}>{t(l, Key::ScenarioOpen)}</button>
                <button type="button" class="btn" id="open-share" aria-expanded={(panel_now == Some(ToolPanel::Share)).to_string()} aria-controls="share-panel"
                    onclick={panel(ToolPanel::Share)}>{t(l, Key::Share)}</button>
            </div>
        </header>
    }
}

/// The lesson's variants (seed / fixed, plain / signed) as a segmented switch; nothing for a
/// lesson with one.
#[component]
pub fn VariantPicker() -> Html {
    let s = use_app();
    let (l, lesson, variant) = {
        let wb = s.model();
        (wb.lang(), wb.lesson(), wb.variant())
    };
    let variants = lesson.variants();
    if variants.len() < 2 {
        return html! {};
    }
    let buttons = variants.iter().map(|&v| {
        let s2 = s.clone();
        html! {
            <button type="button" class="seg" aria-pressed={(v == variant).to_string()}
                onclick={Callback::from(move |_| s2.dispatch(Op::SelectVariant(v)))}>{t(l, v.label())}</button>
        }
    });
    html! { <div role="group" class="segmented" aria-label={t(l, Key::VariantLabel)}>{for buttons}</div> }
}

/// The current lesson: what it is about, its variants, what to try.
#[component]
pub fn LessonCard() -> Html {
    let s = use_app();
    let (l, lesson) = {
        let wb = s.model();
        (wb.lang(), wb.lesson())
    };
    let (title, body, try_this) = lesson.texts();
    let steps = t(l, try_this)
        .split('|')
        .map(|step| html! { <li>{step}</li> });
    html! {
        <section class="lesson-card" aria-labelledby="lesson-title">
            <div class="lesson-text">
                <h2 id="lesson-title">{t(l, title)}</h2>
                <p>{t(l, body)}</p>
            </div>
            <div class="lesson-side">
                <VariantPicker />
                <details class="try" open=true>
                    <summary>{t(l, Key::TryThis)}</summary>
                    <ol>{for steps}</ol>
                </details>
            </div>
        </section>
    }
}

/// The list of challenges, with solved ones ticked.
#[component]
pub fn ChallengeNav() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let items = ChallengeId::ALL.iter().enumerate().map(|(i, &id)| {
        let s2 = s.clone();
        let current = wb.challenge_id() == Some(id);
        let solved = wb.is_solved(id);
        html! {
            <li>
                <button type="button" class={classes!("challenge", current.then_some("current"), solved.then_some("solved"))}
                    aria-current={current.then_some("step")} data-challenge={id.code()}
                    onclick={Callback::from(move |_| s2.dispatch(Op::StartChallenge(id)))}>
                    <span class="num" aria-hidden="true">{if solved { "✓".to_string() } else { (i + 1).to_string() }}</span>
                    {t(l, id.spec().title)}
                    if solved { <span class="sr-only">{format!(" ({})", t(l, Key::SolvedLabel))}</span> }
                </button>
            </li>
        }
    }).collect::<Vec<Html>>();
    drop(wb);
    html! {
        <nav class="challenges" aria-label={t(l, Key::ChallengesLabel)}>
            <span class="nav-label">{t(l, Key::ChallengesLabel)}</span>
            <ol>{for items}</ol>
        </nav>
    }
}

/// The open challenge: goal, variants, stages, hints and the latest explanation.
#[component]
pub fn ChallengeCard() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let Some(open) = wb.challenge() else {
        return html! {};
    };
    let spec = open.id.spec();
    let solved = open.progress.solved();
    let shown_hints = open.hints;
    let stages = spec.stages.iter().map(|stage| {
        let done = open.progress.is_done(stage.name);
        html! {
            <li class={classes!(done.then_some("done"), (!stage.required).then_some("optional"))} data-stage={stage.name}>
                <span aria-hidden="true">{if done { "✓ " } else { "○ " }}</span>{t(l, stage.asks)}
            </li>
        }
    }).collect::<Vec<Html>>();
    let hints = spec.hints.iter().take(shown_hints as usize).enumerate().map(|(i, k)| {
        html! { <li><strong>{fill(t(l, Key::HintLabel), &[("n", &(i + 1).to_string())])}{" "}</strong>{t(l, *k)}</li> }
    }).collect::<Vec<Html>>();
    let why = open.progress.why.map(|(k, ok)| {
        html! {
            <div class={classes!("why", if ok { "ok" } else { "bad" })} role="status">
                <strong>{t(l, if ok { Key::WhyWorked } else { Key::WhyFailed })}{": "}</strong>{t(l, k)}
            </div>
        }
    });
    drop(wb);
    let (hint, restart, leave) = {
        let (a, b, c) = (s.clone(), s.clone(), s.clone());
        (
            Callback::from(move |_| a.dispatch(Op::ShowHint)),
            Callback::from(move |_| b.dispatch(Op::Reset)),
            Callback::from(move |_| c.dispatch(Op::LeaveChallenge)),
        )
    };
    html! {
        <section class={classes!("lesson-card", "challenge-card", solved.then_some("solved"))} aria-labelledby="challenge-title">
            <div class="lesson-text">
                <h2 id="challenge-title">{t(l, spec.title)}
                    if solved { <span class="tag ok solved-badge">{"✓ "}{t(l, Key::ChallengeSolved)}</span> }
                </h2>
                <p><strong>{t(l, Key::ChallengeGoal)}{": "}</strong>{t(l, spec.goal)}</p>
                <h3>{t(l, Key::ProgressLabel)}</h3>
                <ul class="stages">{for stages}</ul>
                {why.unwrap_or_default()}
            </div>
            <div class="lesson-side">
                <VariantPicker />
                <ol class="hints">{for hints}</ol>
                <div class="row">
                    if shown_hints < 3 {
                        <button type="button" class="btn" onclick={hint}>{fill(t(l, Key::ShowHint), &[("n", &(shown_hints + 1).to_string())])}</button>
                    }
                    <button type="button" class="btn" onclick={restart}>{t(l, Key::RestartChallenge)}</button>
                    <button type="button" class="btn" onclick={leave}>{t(l, Key::LeaveChallenge)}</button>
                </div>
            </div>
        </section>
    }
}
