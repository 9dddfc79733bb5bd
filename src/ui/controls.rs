//! The top bar: the place picker (the six lessons and nine challenges in one compact menu),
//! the virtual clock, language, theme, reset, and the scenario and share panels.

use super::use_app;
use crate::engine::lab::Action;
use crate::i18n::{t, Key, Lang};
use crate::model::challenges::ChallengeId;
use crate::model::explain::clock_text;
use crate::model::lessons::LessonId;
use crate::model::persist::Theme;
use crate::model::workbench::{InspectorOp, Op, ToolPanel};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where the learner is, and a menu of every lesson and challenge.
#[component]
fn Picker() -> Html {
    let s = use_app();
    let open = use_state(|| false);
    let wb = s.model();
    let l = wb.lang();
    let lesson_now = wb.lesson();
    let challenge_now = wb.challenge_id();
    let in_scenario = wb.scenario().is_some();
    let now_text = wb.place_name(l);
    let choose = |op: Op| {
        let (s, open) = (s.clone(), open.clone());
        Callback::from(move |_| {
            open.set(false);
            s.dispatch(op.clone());
            // the menu closes under the focus: it goes to the new place's title
            super::access::focus_later(".guide h2");
        })
    };
    // a mark after an entry, for screen readers: the ✓ in place of its number is hidden
    let mark = |key: Key| {
        html! { <span class="sr-only">{crate::i18n::fill(t(l, Key::PickerMark), &[("what", t(l, key))])}</span> }
    };
    let lessons = LessonId::ALL.iter().enumerate().map(|(i, &lesson)| {
        let current = challenge_now.is_none() && !in_scenario && lesson_now == lesson;
        let done = wb.lesson_done(lesson);
        html! {
            <li>
                <button type="button" class={classes!("lesson", current.then_some("current"), done.then_some("solved"))} aria-current={current.then_some("step")}
                    data-lesson={lesson.code()} onclick={choose(Op::SelectLesson(lesson))}>
                    <span class="num" aria-hidden="true">{if done { "✓".to_string() } else { (i + 1).to_string() }}</span>
                    <span class="sr-only">{i + 1}{" "}</span>{t(l, lesson.texts().0)}
                    if done { {mark(Key::LessonDoneLabel)} }
                </button>
            </li>
        }
    }).collect::<Vec<Html>>();
    let challenges = ChallengeId::ALL.iter().enumerate().map(|(i, &id)| {
        let current = challenge_now == Some(id);
        let solved = wb.is_solved(id);
        html! {
            <li>
                <button type="button" class={classes!("challenge", current.then_some("current"), solved.then_some("solved"))}
                    aria-current={current.then_some("step")} data-challenge={id.code()}
                    onclick={choose(Op::StartChallenge(id))}>
                    <span class="num" aria-hidden="true">{if solved { "✓".to_string() } else { (i + 1).to_string() }}</span>
                    {t(l, id.spec().title)}
                    if solved { {mark(Key::SolvedLabel)} }
                </button>
            </li>
        }
    }).collect::<Vec<Html>>();
    let any_solved = ChallengeId::ALL.iter().any(|&id| wb.is_solved(id));
    let inspecting = wb.inspecting();
    let open_inspector = {
        let (s, open) = (s.clone(), open.clone());
        Callback::from(move |_| {
            open.set(false);
            s.dispatch(Op::Inspector(InspectorOp::Open));
            super::access::focus_later("#insp-title");
        })
    };
    // the header's Scenario and Share panels, from the menu too: a teacher told of "the
    // Tools menu" looked for the scenarios there and found only the inspector (both reviews)
    let open_panel = |p: ToolPanel, first: &'static str| {
        let (s, open) = (s.clone(), open.clone());
        Callback::from(move |_| {
            open.set(false);
            if s.model().panel() != Some(p) {
                s.dispatch(Op::TogglePanel(p));
            }
            super::access::focus_later(first);
        })
    };
    drop(wb);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            open.set(now);
        })
    };
    // (Yew delegates events to the root, so the menu is found by its ref, not the event's
    // current target)
    let menu = use_node_ref();
    let onkeydown = {
        let (open, menu) = (open.clone(), menu.clone());
        Callback::from(move |e: KeyboardEvent| {
            // the menu as drawn, not the state its toggle event sets: that event comes a task
            // after the menu opens, and an arrow pressed in between was lost (under load, 1
            // run in ~40 of access.spec's walk)
            let drawn_open = menu
                .cast::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            if !drawn_open {
                return;
            }
            match e.key().as_str() {
                "Escape" => {
                    // (taken here: the page's Escape, back from time travel, waits for the next)
                    e.prevent_default();
                    open.set(false);
                    // back to the menu's button: the item that had the focus is gone
                    super::access::focus_later(".picker-now");
                }
                // the arrow keys move through the open menu's entries, as in a menu (Tab alone
                // did: the keyboard review pressed ArrowDown and nothing moved)
                key => {
                    let (Some(step), Some(menu)) = (
                        crate::model::keys::Step::from_vertical_key(key),
                        menu.cast::<web_sys::Element>(),
                    ) else {
                        return;
                    };
                    if super::access::focus_among(&menu, ".picker-menu button", step) {
                        e.prevent_default();
                    }
                }
            }
        })
    };
    // Tab out of the open menu closes it: left open, it covered the controls the focus went
    // on to (WCAG 2.4.11); a click on the menu's own padding (no new focus) does not
    let onfocusout = {
        let (open, menu) = (open.clone(), menu.clone());
        Callback::from(move |e: FocusEvent| {
            let Some(details) = menu.get() else {
                return;
            };
            let to = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if *open && to.is_some_and(|n| !details.contains(Some(&n))) {
                open.set(false);
            }
        })
    };
    html! {
        <details class="picker" ref={menu} open={*open} {ontoggle} {onkeydown} {onfocusout}>
            <summary class="picker-now" title={t(l, Key::PickerHint)}>
                <span class="picker-label">{now_text}</span><span aria-hidden="true">{" ▾"}</span>
            </summary>
            <div class="picker-menu">
                <div class="picker-col">
                <nav class="lessons" aria-label={t(l, Key::LessonsLabel)}>
                    <h2 class="menu-title" aria-label={t(l, Key::LessonsLabel)}>{t(l, Key::LessonsLabel)}</h2>
                    <ol>{for lessons}</ol>
                </nav>
                <nav class="tools-menu" aria-label={t(l, Key::ToolsLabel)}>
                    <h2 class="menu-title" aria-label={t(l, Key::ToolsLabel)}>{t(l, Key::ToolsLabel)}</h2>
                    <ul>
                        <li>
                            <button type="button" class={classes!("lesson", "tool-entry", inspecting.then_some("current"))} id="menu-inspector"
                                aria-current={inspecting.then_some("page")} onclick={open_inspector}>
                                <span class="num" aria-hidden="true">{"⌕"}</span>{t(l, Key::InspectorOpen)}
                            </button>
                        </li>
                        if !inspecting {
                            <li>
                                <button type="button" class="lesson tool-entry" id="menu-scenarios"
                                    onclick={open_panel(ToolPanel::Scenario, "#scenario-panel ul.library button")}>
                                    <span class="num" aria-hidden="true">{"▷"}</span>{t(l, Key::ToolScenarios)}
                                </button>
                            </li>
                            <li>
                                <button type="button" class="lesson tool-entry" id="menu-share"
                                    onclick={open_panel(ToolPanel::Share, "#share-panel input, #share-panel button")}>
                                    <span class="num" aria-hidden="true">{"⇪"}</span>{t(l, Key::ToolShare)}
                                </button>
                            </li>
                        }
                    </ul>
                </nav>
                </div>
                <nav class="challenges" aria-label={t(l, Key::ChallengesLabel)}>
                    <h2 class="menu-title" aria-label={t(l, Key::ChallengesLabel)}>{t(l, Key::ChallengesLabel)}</h2>
                    <ol>{for challenges}</ol>
                    if any_solved {
                        <button type="button" class="btn small forget" onclick={choose(Op::ForgetSolved)}>{t(l, Key::ForgetSolved)}</button>
                    }
                </nav>
            </div>
        </details>
    }
}

/// The lab's clock and the buttons that move it, in the top bar and in an embed's bar
/// (lessons 3 and 6 have the learner press +1 min; an embed had no clock).
#[component]
pub fn Clock() -> Html {
    let s = use_app();
    let (l, now) = {
        let wb = s.model();
        (wb.lang(), wb.lab().now)
    };
    let advance = |ms: i64, key: Key, id: &'static str| {
        let s = s.clone();
        html! { <button type="button" class="btn small" {id} onclick={Callback::from(move |_| s.dispatch(Op::Act(Action::Advance(ms))))}>{t(l, key)}</button> }
    };
    let text = clock_text(now);
    let part = |r: std::ops::Range<usize>| text.get(r).unwrap_or("").to_string();
    // the day the clock showed when drawn first: on another day the top bar shows the month
    // and day where it hides the date otherwise (1000 to 1500 px, style.css: at 1440x900 "+1
    // day" changed nothing in sight)
    let first_day = use_state(|| part(0..10));
    let other_day = *first_day != part(0..10);
    html! {
        <div class="clock" role="group" aria-label={t(l, Key::ClockLabel)}>
            <span class={classes!("clock-now", "mono", other_day.then_some("other-day"))} title={format!("{} · {}", t(l, Key::ClockLabel), text)}>
                <span class="clock-date">{part(0..5)}</span>
                <span class="clock-day">{part(5..11)}</span>
                {part(11..16)}
                <span class="clock-seconds">{part(16..19)}</span>
            </span>
            {advance(60_000, Key::ClockPlusMinute, "clock-plus-minute")}
            {advance(3_600_000, Key::ClockPlusHour, "clock-plus-hour")}
            {advance(86_400_000, Key::ClockPlusDay, "clock-plus-day")}
        </div>
    }
}

/// The top bar.
#[component]
pub fn Header() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let (theme_now, panel_now, inspecting) = (wb.theme(), wb.panel(), wb.inspecting());
    // a header panel is open: its button says so, and names the panel only while it exists
    let open = |p: ToolPanel| panel_now == Some(p);
    drop(wb);
    let lang_buttons = Lang::ALL.iter().map(|&code| {
        let s = s.clone();
        let label = match code {
            Lang::Zh => "中文",
            Lang::En => "English",
        };
        html! {
            <button type="button" class="seg" aria-pressed={(code == l).to_string()} lang={code.tag()}
                onclick={Callback::from(move |_| {
                    let s = s.clone();
                    // English switches once its texts are here (at once after the first time)
                    let switch = move || s.dispatch(Op::SetLang(code));
                    if code == Lang::En { super::strings::with_english(switch) } else { switch() }
                })}>{label}</button>
        }
    });
    let theme_buttons = [(Theme::System, Key::ThemeSystem, "◐"), (Theme::Light, Key::ThemeLight, "☀"), (Theme::Dark, Key::ThemeDark, "☾")].into_iter().map(|(v, key, icon)| {
        let s2 = s.clone();
        html! {
            <button type="button" class="seg icon-seg" aria-pressed={(v == theme_now).to_string()} title={t(l, key)}
                onclick={Callback::from(move |_| s2.dispatch(Op::SetTheme(v)))}>
                <span aria-hidden="true">{icon}</span><span class="sr-only">{t(l, key)}</span>
            </button>
        }
    });
    let reset = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Reset))
    };
    let open_keys = {
        let s = s.clone();
        Callback::from(move |_| {
            s.dispatch(Op::TogglePanel(ToolPanel::Keys));
            if s.model().panel() == Some(ToolPanel::Keys) {
                super::access::opened_by_button();
                super::access::focus_later("#keys-title");
            }
        })
    };
    let recording = s.model().recording();
    let inspector = {
        let s = s.clone();
        Callback::from(move |_| {
            let open = s.model().inspecting();
            let op = if open {
                InspectorOp::Close
            } else {
                InspectorOp::Open
            };
            s.dispatch(Op::Inspector(op));
            if !open {
                super::access::focus_later("#insp-title");
            }
        })
    };
    let panel = |p: ToolPanel| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::TogglePanel(p)))
    };
    // Escape on the button that opened a panel closes it too: the focus stays on the button
    // after a click, and Escape did nothing until it was moved into the panel
    let escape = |p: ToolPanel| {
        let s = s.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && s.model().panel() == Some(p) {
                e.prevent_default();
                s.dispatch(Op::TogglePanel(p));
            }
        })
    };
    // with Share or Scenario open, Tab goes from its button into its panel (drawn below)
    let panel_tabs = {
        let s = s.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (panel, opener) = match s.model().panel() {
                Some(ToolPanel::Share) => ("share-panel", "#open-share"),
                Some(ToolPanel::Scenario) => ("scenario-panel", "#open-scenario"),
                _ => return,
            };
            super::access::panel_order(&e, panel, opener);
        })
    };
    html! {
        <header class="topbar" onkeydown={panel_tabs}>
            <h1 class="brand" title={t(l, Key::AppTagline)}>{t(l, Key::AppTitle)}</h1>
            <Picker />
            <div class="controls">
                if !inspecting {
                <Clock />
                }
                <div role="group" class="segmented" aria-label={t(l, Key::LanguageLabel)}>{for lang_buttons}</div>
                <div role="group" class="segmented" aria-label={t(l, Key::ThemeLabel)}>{for theme_buttons}</div>
                if !inspecting {
                    <button type="button" class="btn" title={t(l, Key::ResetHint)} onclick={reset}>{t(l, Key::Reset)}</button>
                }
                <button type="button" class="btn" id="open-inspector" aria-pressed={inspecting.to_string()}
                    title={t(l, Key::InspectorOpenHint)} onclick={inspector}>{t(l, Key::InspectorOpen)}</button>
                // while a recording runs, the Scenario button's place stops it
                if recording {
                    <button type="button" class="btn recording" id="stop-recording" aria-label={t(l, Key::RecordStop)}
                        onclick={{ let s = s.clone(); Callback::from(move |_| s.dispatch(Op::RecordStop)) }}>
                        <span class="rec-dot" aria-hidden="true"></span>{t(l, Key::RecordStopShort)}
                    </button>
                } else {
                    <button type="button" class="btn" id="open-scenario" aria-expanded={open(ToolPanel::Scenario).to_string()} aria-controls={open(ToolPanel::Scenario).then_some("scenario-panel")}
                        onclick={panel(ToolPanel::Scenario)} onkeydown={escape(ToolPanel::Scenario)}>{t(l, Key::ScenarioOpen)}</button>
                }
                <button type="button" class="btn" id="open-share" aria-expanded={open(ToolPanel::Share).to_string()} aria-controls={open(ToolPanel::Share).then_some("share-panel")}
                    onclick={panel(ToolPanel::Share)} onkeydown={escape(ToolPanel::Share)}>{t(l, Key::Share)}</button>
                <button type="button" class="btn" id="open-keys" aria-expanded={open(ToolPanel::Keys).to_string()} aria-controls={open(ToolPanel::Keys).then_some("keys-help")}
                    aria-label={format!("{} (?)", t(l, Key::KeysTitle))} title={t(l, Key::KeysTitle)} onclick={open_keys} onkeydown={escape(ToolPanel::Keys)}>{"?"}</button>
            </div>
        </header>
    }
}
