//! The guide strip above the workbench: the open lesson (its variants, what to try, and its
//! explanation folded away) or the open challenge (goal, stages, hints, and why the last
//! attempt worked or failed).

use super::access::{focus_later, mixed};
use super::use_app;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::keys::Shortcut;
use crate::model::lessons::LessonId;
use crate::model::workbench::{Op, ToolPanel};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// "2 of 4 done", for a reader who cannot see the ticks.
fn progress(l: crate::i18n::Lang, done: usize, total: usize) -> String {
    fill(
        t(l, Key::ProgressSummary),
        &[("done", &done.to_string()), ("total", &total.to_string())],
    )
}

/// The lesson's variants (seed / fixed, plain / signed) as a segmented switch; nothing for a
/// lesson with one.
#[component]
pub fn VariantPicker() -> Html {
    let s = use_app();
    let (l, variants, variant) = {
        let wb = s.model();
        (wb.lang(), wb.variants(), wb.variant())
    };
    if variants.len() < 2 {
        return html! {};
    }
    let buttons = variants.iter().map(|&v| {
        let s2 = s.clone();
        // the variant already chosen is pressed: pressing it again starts nothing afresh (it
        // had wiped the jar, the store and the timeline; Reset is the button for that)
        let onclick = Callback::from(move |_| {
            if v != variant {
                s2.dispatch(Op::SelectVariant(v))
            }
        });
        html! {
            <button type="button" class="seg" aria-pressed={(v == variant).to_string()}
                {onclick}>{t(l, v.label())}</button>
        }
    });
    html! { <div role="group" class="segmented" aria-label={t(l, Key::VariantLabel)}>{for buttons}</div> }
}

/// The open lesson: title, variants, its steps (each ticks itself when done, and the next
/// one is named), and a way to its notes and quiz.
#[component]
pub fn LessonCard() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let lesson = wb.lesson();
    let learn_open = wb.panel() == Some(ToolPanel::Learn);
    let next = wb.next_step();
    // the next step's control, when a panel the variant opened holds it: brought into view
    // as the step becomes the next one (lesson 4's step 7 and the open Deployment)
    {
        let reveal = wb.reveal_next().map(|t| t.selectors);
        use_effect_with((lesson, next.map(|n| n.name), reveal), |(_, _, reveal)| {
            if let Some(selectors) = reveal {
                super::effects::reveal_open_control(selectors.clone());
            }
        });
    }
    // a chip pressed shows its step in the line below instead of the next one (the chips are
    // numbers: a sighted learner could read an earlier step only by hovering); the model
    // keeps the pick, whose step's requests "Send requests at once" offers
    let shown = wb.picked_step();
    let line_step = wb.shown_step();
    let show = line_step.and_then(|n| wb.show_step(n).map(|target| (n, target)));
    let caveat = line_step.and_then(|n| wb.step_caveat(n));
    let parts = line_step.and_then(|n| wb.step_progress(n));
    let show_label = show.as_ref().map(|(_, target)| show_me_label(l, target));
    let steps_done = lesson
        .steps()
        .iter()
        .filter(|st| wb.step_done(lesson, st))
        .count();
    let steps_total = lesson.steps().len();
    // in an embed the bar above names the lesson and holds its variants: the card is its steps
    let embedded = wb.embed();
    let steps = lesson.steps().iter().enumerate().map(|(i, step)| {
        let done = wb.step_done(lesson, step);
        let is_next = next.is_some_and(|n| n.name == step.name);
        // where its "Show me" would go (a test checks that each is on the page)
        let shows = wb.show_step(step).map(|t| t.selectors.join(", "));
        let pressed = shown.is_some_and(|st| st.name == step.name);
        let onclick = {
            let (s, name) = (s.clone(), step.name);
            // the next step's chip shows what the line shows already: no pick
            Callback::from(move |_| s.dispatch(Op::PickStep((!pressed && !is_next).then_some(name))))
        };
        html! {
            <li class={classes!(done.then_some("done"), is_next.then_some("next"), pressed.then_some("shown"))} data-step={step.name} data-show={shows}
                aria-current={is_next.then_some("step")}>
                // the chip is named by its number and state ("Step 3, done"), and described by
                // the step's words: as its name they made "Restart server" name a chip, the
                // step's Show me and the real button at once, for voice control and for a
                // screen reader's list of buttons
                <button type="button" class="chip" aria-pressed={pressed.to_string()}
                    aria-describedby={step_text_id(i)} {onclick}>
                    // the step's words on hover sit on what is drawn, hidden from the
                    // accessibility tree: on the li they named the list item, and a screen
                    // reader read them twice
                    <span aria-hidden="true" title={t(l, step.text)}>{if done { "✓ " } else { "" }}{i + 1}</span>
                    <span class="sr-only">{fill(t(l, if done { Key::StepChipDone } else { Key::StepChipOpen }), &[("n", &(i + 1).to_string())])}</span>
                </button>
                <span hidden=true id={step_text_id(i)}>{mixed(l, t(l, step.text))}</span>
            </li>
        }
    }).collect::<Vec<Html>>();
    // The line the lesson opened with, drawn in the line's place and hidden, with the next
    // step's: where the panes lie under the card (a phone, a tablet) the line keeps that
    // first line's room, so the browser's Go button under the learner's thumb never moves up
    // from where the lesson first put it (at 390 px lesson 1's line went from three lines to
    // two, then four, and the Go button with it: y 474, 438, 500). A longer line pushes the
    // panes down, a shorter one after it gives that back, and the browser window scrolls
    // either away (see `browser_pane::Window`): the page has scrolled by what the line grew,
    // so it can scroll back. Each is worded as the line words it when it is the next ("Next",
    // its Show me as the line would word it now). Every step done, the line that says so is
    // the only one: the card is as tall as it, and what is left of the first line's room
    // (what the page cannot scroll back) moves the panes up that once, with nothing left to
    // follow. (A chip picked shows a step as "Step n", which may take a line more.)
    // The room of every line shown so far never moved either, but kept up to 145 px empty
    // under a short line at 390 px (lesson 6's step 7 is twelve lines in English, 3's step 4
    // nine), and 209 px once lesson 6 was done; the longest of all the steps kept five empty
    // lines in lesson 6's card from the start.
    let first_line = use_mut_ref(|| None::<(LessonId, Option<&'static str>)>);
    let first = {
        let mut first_line = first_line.borrow_mut();
        match *first_line {
            Some((opened, name)) if opened == lesson => name,
            _ => {
                let name = next.map(|n| n.name);
                *first_line = Some((lesson, name));
                name
            }
        }
    };
    let kept = |step: &crate::model::lessons::Step| {
        next.is_some_and(|n| n.name == step.name || first == Some(step.name))
    };
    let ghosts = lesson.steps().iter().filter(|step| kept(step)).map(|step| {
        let show = wb.show_step(step).map(|target| show_me_label(l, &target));
        html! {
            <p class="next-ghost">
                <strong>{t(l, Key::NextStep)}{t(l, Key::Colon)}</strong>{mixed(l, t(l, step.text))}
                if let Some(text) = wb.step_caveat(step) { {" "}<em>{text}</em> }
                if let Some(show) = show { {" "}<span class="linklike ghost-show">{show}</span> }
            </p>
        }
    }).collect::<Vec<Html>>();
    // every step done: the lesson after this one (a challenge's solved card offers the next
    // challenge the same way)
    let following = wb.next_lesson();
    // the challenge Leave just closed, to go back to as it was (stages and hints)
    let left = wb.left_challenge().map(|c| {
        let spec = c.id.spec();
        let done = c.progress.done_count();
        fill(
            t(l, Key::BackToChallengeTitle),
            &[
                ("title", t(l, spec.title)),
                ("done", &done.to_string()),
                ("total", &spec.stages.len().to_string()),
            ],
        )
    });
    drop(wb);
    let back = {
        let s = s.clone();
        Callback::from(move |_| {
            s.dispatch(Op::BackToChallenge);
            focus_later("#challenge-title");
        })
    };
    let next_lesson_label =
        following.map(|next| fill(t(l, Key::NextLesson), &[("title", t(l, next.texts().0))]));
    let next_lesson = {
        let s = s.clone();
        Callback::from(move |_| {
            if let Some(next) = following {
                s.dispatch(Op::SelectLesson(next));
                focus_later(".guide h2");
            }
        })
    };
    let (title, _) = lesson.texts();
    let show_me_keys = Shortcut::ShowMe.keys(false);
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| {
            s.dispatch(Op::TogglePanel(ToolPanel::Learn));
            // the panel lies over the page (all of it, on a phone): the focus goes in, so
            // Escape closes it and Tab walks its notes, not the page hidden beneath
            if s.model().panel() == Some(ToolPanel::Learn) {
                focus_later("#h-learn");
            }
        })
    };
    html! {
        <section class={classes!("guide", "lesson-card", embedded.then_some("embedded"))}
            aria-labelledby={(!embedded).then_some("lesson-title")} aria-label={embedded.then(|| t(l, Key::StepsLabel))}>
            if !embedded {
                <div class="guide-head">
                    <h2 id="lesson-title">{t(l, title)}</h2>
                    <VariantPicker />
                    if let Some(about) = left {
                        // named by its words and described by which challenge and how far it
                        // had gone (the hover's title says the same)
                        <button type="button" class="btn small back-to-challenge" title={about.clone()}
                            aria-describedby="back-to-challenge-about" onclick={back}>
                            <span aria-hidden="true">{"↩\u{a0}"}</span>{t(l, Key::BackToChallenge)}
                        </button>
                        <span hidden=true id="back-to-challenge-about">{about}</span>
                    }
                </div>
            }
            <div class="try">
                <h3 class="try-label">{t(l, Key::StepsLabel)}
                    <span class="sr-only">{" "}{progress(l, steps_done, steps_total)}</span></h3>
                <ol class="step-chips">{for steps}</ol>
                <div class="next-room">
                    <p class="next-step">
                        if let Some(n) = line_step {
                            <strong>{
                                match shown.and_then(|st| lesson.steps().iter().position(|x| x.name == st.name)) {
                                    Some(i) => fill(t(l, Key::StepNumbered), &[("n", &(i + 1).to_string())]),
                                    None => t(l, Key::NextStep).to_string(),
                                }
                            }{t(l, Key::Colon)}</strong>{mixed(l, t(l, n.text))}
                            if let Some(text) = parts {
                                {" "}<span class="step-parts">{text}</span>
                            }
                            if let Some(text) = caveat {
                                {" "}<em class="step-caveat">{text}</em>
                            }
                            if let Some((step, target)) = show {
                                // its shortcut named, for the eye (a hover) and for a screen
                                // reader: a keyboard learner took 37-56 Shift+Tabs back to it,
                                // the shortcut listed only under "?" (keyboard review)
                                {" "}<button type="button" class="linklike show-me"
                                    aria-keyshortcuts={show_me_keys.clone()}
                                    title={fill(t(l, Key::ShowMeKeysTitle), &[("keys", &show_me_keys)])}
                                    onclick={
                                    let s = s.clone();
                                    Callback::from(move |_| {
                                        // the step's variant first, then its control there
                                        let target = match target.variant {
                                            Some(v) => {
                                                s.dispatch(Op::SelectVariant(v));
                                                s.model().show_step(step)
                                            }
                                            None => Some(target.clone()),
                                        };
                                        if let Some(target) = target {
                                            super::effects::show_control(&s, target);
                                        }
                                    })
                                }>{
                                    show_label.clone().unwrap_or_default()
                                }</button>
                            }
                        } else {
                            {t(l, Key::AllStepsDone)}
                            if let Some(label) = next_lesson_label.clone() {
                                {" "}<button type="button" class="btn small primary next-lesson" onclick={next_lesson}>
                                    // (a no-break space: on a phone "→" went alone onto a line of its own)
                                    {label}<span aria-hidden="true">{"\u{a0}→"}</span>
                                </button>
                            }
                        }
                    </p>
                    <div class="next-ghosts" aria-hidden="true">
                        {for ghosts}
                        if next.is_none() {
                            <p class="next-ghost">{t(l, Key::AllStepsDone)}
                                if let Some(label) = next_lesson_label {
                                    {" "}<span class="btn small next-lesson">{label}{"\u{a0}→"}</span>
                                }
                            </p>
                        }
                    </div>
                </div>
                // after the step's line and its Show me, as it is drawn (at the line's end): Tab
                // reached the notes before the Show me to their left
                <button type="button" class="btn small learn-open" aria-expanded={learn_open.to_string()} aria-controls={learn_open.then_some("learn")} onclick={toggle}>
                    {t(l, Key::LearnOpen)}
                </button>
            </div>
        </section>
    }
}

/// The id of the hidden words a step chip is described by.
fn step_text_id(i: usize) -> String {
    format!("step-text-{}", i + 1)
}

/// A step's "Show me", as its button and the line's hidden copies word it: a switch starts the
/// variant afresh, and the button says so; a login or a cookie the step's text takes for
/// granted, gone (after Reset the line said to click 退出 on a blank page), is named.
fn show_me_label(l: Lang, target: &crate::model::workbench::ShowTarget) -> String {
    use crate::model::lessons::Ready;
    match (target.variant, target.lacking) {
        (Some(v), _) => fill(t(l, Key::ShowMeSwitch), &[("variant", t(l, v.label()))]),
        (None, Some(Ready::LoggedIn)) => t(l, Key::ShowMeLogIn).to_string(),
        (None, Some(Ready::HasCookie)) => t(l, Key::ShowMeNoCookie).to_string(),
        (None, _) => t(l, Key::ShowMe).to_string(),
    }
}

/// The open challenge: goal, variants, stages, hints and the latest explanation.
#[component]
pub fn ChallengeCard() -> Html {
    let s = use_app();
    let all_hints = use_state(|| false);
    let roomy = super::effects::use_media(crate::model::workbench::ROOMY_SCREEN);
    // the moment it is solved, "Challenge solved!" comes into view: on a phone the 403 that
    // solved tamper scrolled the page down to its banner, and the card's badge was far above
    let solved_now = s.model().challenge().is_some_and(|c| c.progress.solved());
    // and the earlier hints the learner opened fold: at 1280x720 CSRF's solved card kept its
    // three hints under "Why it was stopped", 357 px, and the browser's page below the pane
    let was_solved = use_mut_ref(|| solved_now);
    {
        let all_hints = all_hints.clone();
        use_effect_with(solved_now, move |&now| {
            let before = std::mem::replace(&mut *was_solved.borrow_mut(), now);
            if now && !before {
                all_hints.set(false);
                super::effects::reveal("challenge-solved");
            }
        });
    }
    // the earlier hints the learner opened belong to this challenge's run: another
    // challenge, or this one restarted (no hint shown), starts with them folded (opened in
    // tamper, they stayed open in every challenge after it)
    let run = s.model().challenge().map(|c| (c.id, c.hints == 0));
    {
        let all_hints = all_hints.clone();
        use_effect_with(run, move |_| {
            if *all_hints {
                all_hints.set(false);
            }
        });
    }
    let wb = s.model();
    let l = wb.lang();
    let Some(open) = wb.challenge() else {
        return html! {};
    };
    let spec = open.id.spec();
    let solved = open.progress.solved();
    let shown_hints = open.hints;
    let stages_done = open.progress.done_count();
    let stages_total = spec.stages.len();
    // solved with an optional stage skipped: "1 of 2 done" beside "Challenge solved!" read
    // as if something were missing (a reviewer)
    let progress_text = if solved && stages_done < stages_total {
        let left = (stages_total - stages_done).to_string();
        fill(t(l, Key::ProgressSolvedOptional), &[("n", &left)])
    } else {
        progress(l, stages_done, stages_total)
    };
    // Folded, the goal goes and each stage but the next shrinks to its number, as the
    // lesson card's steps do: the goal was read and acted on, and the panes want the room.
    let goal_shown = open.goal_shown(roomy);
    let next_stage = spec
        .stages
        .iter()
        .find(|st| !open.progress.is_done(st.name))
        .map(|st| st.name);
    let stages = spec
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let done = open.progress.is_done(stage.name);
            let mark = if done { "✓ " } else { "○ " };
            let said = if done {
                t(l, Key::StageDoneMark)
            } else {
                t(l, Key::StageOpenMark)
            };
            let optional = (!stage.required).then(|| {
                html! {
                    // said and shown: the italics alone did not tell a sighted learner what
                    // they meant (the text brings its own space, none before （可选）)
                    <span class="optional-mark">{t(l, Key::StageOptionalMark)}</span>
                }
            });
            let class = classes!(
                done.then_some("done"),
                (!stage.required).then_some("optional")
            );
            let is_next = next_stage == Some(stage.name);
            // as a lesson's next step: where the embed leaves out the pane it needs
            let caveat = is_next.then(|| wb.stage_caveat(stage)).flatten();
            if goal_shown || is_next {
                html! {
                    <li {class} data-stage={stage.name}>
                        <span aria-hidden="true">{mark}</span>
                        <span class="sr-only">{said}</span>
                        {mixed(l, t(l, stage.asks))}
                        {optional.unwrap_or_default()}
                        if let Some(text) = caveat {
                            {" "}<em class="step-caveat">{text}</em>
                        }
                    </li>
                }
            } else {
                html! {
                    // the words on hover on what is drawn, not on the li (which they named: read twice)
                    <li class={classes!(class, "short")} data-stage={stage.name}>
                        <span aria-hidden="true" title={t(l, stage.asks)}>{mark}{i + 1}</span>
                        <span class="sr-only">{said}{mixed(l, t(l, stage.asks))}</span>
                    </li>
                }
            }
        })
        .collect::<Vec<Html>>();
    // the newest hint shows; the ones before it fold behind a button (three at once took the
    // CSRF card past 380 px at 1280x720, leaving the browser pane its address bar)
    let earlier = open.hints_folded();
    let next_hint = open.next_hint();
    let hints = spec.hints.iter().map(|h| h.text).take(shown_hints as usize).enumerate().map(|(i, k)| {
        let folded = i < earlier && !*all_hints;
        // a Show me after a hint that names a control: the attacker's tools lie below both
        // browsers, out of sight at 1280x720, and only the hint's words said where (zh dark
        // review); described by its hint, as several can show at once
        let show = wb.hint_target(i).is_some().then(|| {
            let s = s.clone();
            let onclick = Callback::from(move |_| {
                // (the model's borrow ends with this statement: held in an `if let`, it was
                // still held when Show me dispatched, and the page panicked)
                let target = s.model().hint_target(i);
                if let Some(target) = target {
                    super::effects::show_control(&s, target);
                }
            });
            html! {
                <>{" "}<button type="button" class="linklike show-me hint-show" aria-describedby={format!("hint-text-{i}")} {onclick}>{t(l, Key::ShowMe)}</button></>
            }
        });
        html! {
            <li hidden={folded} value={(i + 1).to_string()}><strong>{fill(t(l, Key::HintLabel), &[("n", &(i + 1).to_string())])}{" "}</strong><span id={format!("hint-text-{i}")}>{mixed(l, t(l, k))}</span>{show.unwrap_or_default()}</li>
        }
    }).collect::<Vec<Html>>();
    let toggle_hints = {
        let all_hints = all_hints.clone();
        Callback::from(move |_| all_hints.set(!*all_hints))
    };
    let why = open.progress.why.map(|(k, because)| {
        let label = because.label();
        html! {
            <div class={classes!("why", because.class())}>
                <strong>{t(l, label)}{t(l, Key::Colon)}</strong>{t(l, k)}
            </div>
        }
    });
    // solved, the card keeps the other stages' explanations to read again, folded to a line:
    // its box says only the latest, and weak secret's stage 1 (four letters are guessed in
    // seconds, the point of the challenge) went with stage 2
    let recall = open.progress.earlier_whys();
    let stage_whys = (solved && !recall.is_empty()).then(|| {
        let items = recall.iter().map(|(n, stage)| {
            let because = stage.because();
            html! {
                <li class={because.class()}>
                    <strong>{fill(t(l, Key::StageNumber), &[("n", &n.to_string())])}{" · "}{t(l, because.label())}{t(l, Key::Colon)}</strong>
                    {t(l, stage.why)}
                </li>
            }
        });
        html! {
            <details class="stage-whys">
                <summary>{fill(t(l, Key::StageWhysShow), &[("n", &recall.len().to_string())])}</summary>
                <ul>{for items}</ul>
            </details>
        }
    });
    // (an embed stays on the challenge its page is about)
    let next = wb.next_challenge().filter(|_| !wb.embed());
    // (and has no way out to the lessons: left in, a 390x600 frame's card offered a fourth row
    // of buttons, and leaving showed lesson 1 in a frame the course page put there for this)
    let embed = wb.embed();
    drop(wb);
    let next_button = next.map(|id| {
        let s = s.clone();
        // the button goes with the solve it followed: the focus goes to the new title, as
        // the picker's does (it was left on the page's body)
        let go = Callback::from(move |_| {
            s.dispatch(Op::StartChallenge(id));
            focus_later("#challenge-title");
        });
        html! {
            <button type="button" class="btn small primary next-challenge" onclick={go}>
                {fill(t(l, Key::NextChallenge), &[("title", t(l, id.spec().title))])}
                <span aria-hidden="true">{"\u{a0}→"}</span>
            </button>
        }
    });
    let fold = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::ShowGoal(!goal_shown)))
    };
    let (hint, restart, leave) = {
        let (a, b, c) = (s.clone(), s.clone(), s.clone());
        (
            Callback::from(move |_| {
                a.dispatch(Op::ShowHint);
                // the last hint takes the button away: the focus goes to the hint it showed
                if a.model().challenge().is_some_and(|c| c.hints >= 3) {
                    focus_later("ol.hints li:last-child");
                }
                // a hint that sends the learner to a row of the store brings it into view
                let row = a
                    .model()
                    .challenge()
                    .and_then(|c| c.newest_hint_store_row());
                if let Some(needle) = row {
                    super::server_pane::store_row_in_view(needle);
                }
            }),
            Callback::from(move |_| b.dispatch(Op::Reset)),
            Callback::from(move |_| {
                c.dispatch(Op::LeaveChallenge);
                // the focus goes where the Leave was, on the way back (it fell to the page's
                // top with the card that held it)
                focus_later(".back-to-challenge");
            }),
        )
    };
    html! {
        <section class={classes!("guide", "lesson-card", "challenge-card", solved.then_some("solved"))} aria-labelledby="challenge-title">
            <div class="guide-head">
                <h2 id="challenge-title">{t(l, spec.title)}
                    if solved { <span class="tag ok solved-badge" id="challenge-solved">{"✓ "}{t(l, Key::ChallengeSolved)}</span> }
                </h2>
                <VariantPicker />
                <div class="row">
                    <button type="button" class="btn small" aria-expanded={goal_shown.to_string()} aria-controls="challenge-goal" onclick={fold}>
                        {t(l, if goal_shown { Key::GoalHide } else { Key::GoalShow })}
                    </button>
                    // unnumbered: the next may pass by hints about stages done ("Show hint 3
                    // of 3" after none had four learners asking what they had missed); the hint
                    // shown keeps its number, the ones passed by fold before it
                    if next_hint.is_some() {
                        <button type="button" class="btn small" onclick={hint}>{t(l, Key::ShowHint)}</button>
                    }
                    {next_button.unwrap_or_default()}
                    <button type="button" class="btn small" onclick={restart}>{t(l, Key::RestartChallenge)}</button>
                    if !embed {
                        <button type="button" class="btn small" onclick={leave}>{t(l, Key::LeaveChallenge)}</button>
                    }
                </div>
            </div>
            <div id="challenge-goal" class="goal-box">
                if goal_shown {
                    <p class="goal"><strong>{t(l, Key::ChallengeGoal)}{t(l, Key::Colon)}</strong>{t(l, spec.goal)}</p>
                }
                <h3 class="sr-only">{t(l, Key::ProgressLabel)}{" "}{progress_text}</h3>
                <ul class="stages">{for stages}</ul>
            </div>
            {why.unwrap_or_default()}
            {stage_whys.unwrap_or_default()}
            // the toggle for the earlier hints follows the newest on its line (a line of its
            // own above it took 24 px of a card that leaves the panes too little at 1280x720)
            if !hints.is_empty() {
                <div class="hints-box">
                    <ol class="hints" id="challenge-hints">{for hints}</ol>
                    if earlier > 0 {
                        <button type="button" class="linklike small earlier-hints" aria-expanded={all_hints.to_string()} aria-controls="challenge-hints" onclick={toggle_hints}>
                            {if *all_hints { t(l, Key::HintsEarlierHide).to_string() } else { fill(t(l, Key::HintsEarlierShow), &[("n", &earlier.to_string())]) }}
                        </button>
                    }
                </div>
            }
        </section>
    }
}

/// Where the card shows what the echo repeats, the first of these drawn: the challenge's
/// explanation, its stages, the lesson's step line.
const ECHOED_ON_CARD: [&str; 3] = [
    ".lesson-card .why",
    ".lesson-card .stages",
    ".lesson-card .next-step",
];

pub(super) fn echoed_on_card() -> Option<web_sys::Element> {
    super::effects::first_found(&ECHOED_ON_CARD)
}

/// Whether the part of the card an echo repeats is whole on screen (no card at all: there is
/// nothing to repeat).
fn card_in_view() -> bool {
    let Some(el) = echoed_on_card() else {
        return true;
    };
    let r = el.get_bounding_client_rect();
    r.top() >= 0.0 && r.bottom() <= super::effects::window_height()
}

/// The card's echo ([`crate::model::workbench::Echo`]) at the foot of the screen, while the
/// part of the card it repeats is out of sight: on a phone the card is far above the pane the
/// learner works in (a stage done from the attacker's browser, a failure's explanation,
/// a lesson step ticked all happened 250-600 px above the screen). On a desktop the card is
/// in view and no echo shows. The live region has said the same words; this is for the eyes.
#[component]
pub fn CardEcho() -> Html {
    let s = use_app();
    let n = s.model().echo().map(|e| e.n);
    // the echo shown (its number), decided once the request's card is drawn
    let shown = use_state(|| None::<u64>);
    // where the focus was before it came into the echo: closing gives it back there
    let before = use_mut_ref(|| None::<web_sys::HtmlElement>);
    let own = use_node_ref();
    // the text is cut to three lines; when it is, "Show all" opens it whole (a note the card
    // does not carry, hijack's https one, was cut with no way to read the rest on a phone)
    let para = use_node_ref();
    let clamped = use_state(|| false);
    let whole = use_state(|| None::<u64>);
    {
        let (para, clamped) = (para.clone(), clamped.clone());
        use_effect_with(*shown, move |shown| {
            if shown.is_some() {
                wasm_bindgen_futures::spawn_local(async move {
                    super::effects::next_frame().await;
                    if let Some(p) = para.cast::<web_sys::Element>() {
                        clamped.set(p.scroll_height() > p.client_height() + 1);
                    }
                });
            }
        });
    }
    {
        let shown = shown.clone();
        use_effect_with(n, move |&n| match n {
            None => shown.set(None),
            Some(n) => wasm_bindgen_futures::spawn_local(async move {
                super::effects::next_frame().await;
                shown.set((!card_in_view()).then_some(n));
            }),
        });
    }
    // once drawn, what the request just brought into view comes out from under it, then the
    // control the step the card shows now starts with
    {
        let (own, s) = (own.clone(), s.clone());
        use_effect_with(*shown, move |shown| {
            if shown.is_some() {
                // asked of the model only as an echo is drawn, not at every render
                let next = {
                    let model = s.model();
                    model
                        .shown_step()
                        .and_then(|step| model.show_step(step))
                        .map(|target| target.selectors)
                };
                wasm_bindgen_futures::spawn_local(async move {
                    super::effects::next_frame().await;
                    if let Some(echo) = own.cast::<web_sys::Element>() {
                        super::effects::reveal_again_if_under(&echo);
                        if let Some(selectors) = next {
                            super::effects::lift_from_under(&echo, &selectors);
                        }
                    }
                });
            }
        });
    }
    // what the learner does in an attacker's tool under the echo (typing a value to sign,
    // pressing Put in the jar) comes out from under it, with what it made
    {
        let own = own.clone();
        use_effect_with(shown.is_some(), move |&on| {
            let doc = on
                .then(web_sys::window)
                .flatten()
                .and_then(|w| w.document());
            let listeners = doc.map(|doc| {
                ["input", "click"].map(|kind| {
                    let own = own.clone();
                    gloo::events::EventListener::new(&doc, kind, move |e| {
                        let touched = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                        let Some(touched) = touched else {
                            return;
                        };
                        let own = own.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            super::effects::next_frame().await;
                            if let Some(echo) = own.cast::<web_sys::Element>() {
                                super::effects::keep_tool_clear(&echo, &touched);
                            }
                        });
                    })
                })
            });
            move || drop(listeners)
        });
    }
    // a learner who scrolls the card into view has it there: the echo goes
    {
        let shown = shown.clone();
        use_effect_with(shown.is_some(), move |&on| {
            let listener = on.then(web_sys::window).flatten().map(|w| {
                gloo::events::EventListener::new(&w, "scroll", move |_| {
                    if card_in_view() {
                        shown.set(None);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let wb = s.model();
    let l = wb.lang();
    let Some(echo) = wb.echo().filter(|e| Some(e.n) == *shown) else {
        return html! {};
    };
    let text = echo.what.text(l);
    let tone = echo.what.tone().class();
    let seen_in = wb.echo_seen_in();
    drop(wb);
    // to the tab that shows what the step did (the echo goes with the switch), its top in
    // view and the focus on its tab
    let see_in = seen_in.map(|pane| {
        let s = s.clone();
        let onclick = Callback::from(move |_| {
            s.dispatch(Op::SetTab(pane));
            wasm_bindgen_futures::spawn_local(async move {
                super::effects::next_frame().await;
                let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                    return;
                };
                if let Some(el) = doc.get_element_by_id(&super::pane_id(pane)) {
                    el.scroll_into_view();
                }
                if let Some(tab) = doc.get_element_by_id(&format!("tab-{}", super::pane_id(pane))) {
                    super::effects::focus_in_place(&tab);
                }
            });
        });
        let label = fill(t(l, Key::EchoSeeIn), &[("pane", t(l, pane.title()))]);
        html! { <button type="button" class="btn small echo-see-in" {onclick}>{label}</button> }
    });
    let see = {
        let s = s.clone();
        Callback::from(move |_| {
            if let Some(el) = echoed_on_card() {
                // the whole card where it fits on the screen: the step may name a control above
                // its line (lesson 1's "choose Signed cookie above", whose switch was left half
                // off the screen's top at 360x740; phone review)
                let card = (el.closest(".guide").ok().flatten()).filter(|c| {
                    c.get_bounding_client_rect().height() <= super::effects::window_height()
                });
                super::effects::reveal_element(card.as_ref().unwrap_or(&el));
                // the focus goes where the eyes do (the echo it was on goes away)
                super::effects::focus_element(&el);
            }
            s.dispatch(Op::DismissEcho);
        })
    };
    // back where the learner was, without scrolling (left to itself, the focus of the
    // button that went would go to the card's title, and the page to the top)
    let close = {
        let before = before.clone();
        move || {
            let back = before
                .borrow_mut()
                .take()
                .filter(|e| e.is_connected())
                .or_else(|| {
                    web_sys::window()?
                        .document()?
                        .get_element_by_id("main")?
                        .dyn_into::<web_sys::HtmlElement>()
                        .ok()
                });
            if let Some(e) = back {
                super::effects::focus_in_place(&e);
            }
            s.dispatch(Op::DismissEcho);
        }
    };
    let onfocusin = {
        let own = own.clone();
        Callback::from(move |e: FocusEvent| {
            let from = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
            // (the event's current target is the page's root: Yew listens there)
            let inside = own.get();
            if let Some(from) = from {
                if !inside.is_some_and(|i| i.contains(Some(&from))) {
                    *before.borrow_mut() = Some(from);
                }
            }
        })
    };
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close();
            }
        })
    };
    let onclose = Callback::from(move |_| close());
    let open = whole.is_some() && *whole == *shown;
    // one button that opens and closes, so the focus stays on it
    let show_all = {
        let (whole, shown) = (whole.clone(), *shown);
        Callback::from(move |_| whole.set(if open { None } else { shown }))
    };
    html! {
        <aside class={classes!("echo", tone)} ref={own} aria-label={t(l, Key::EchoLabel)} {onfocusin} {onkeydown}>
            <p ref={para} class={classes!(open.then_some("whole"))}>{text}</p>
            <div class="echo-actions">
                if *clamped {
                    <button type="button" class="btn small echo-all" aria-expanded={open.to_string()} onclick={show_all}>{t(l, if open { Key::EchoShowLess } else { Key::EchoShowAll })}</button>
                }
                {for see_in}
                <button type="button" class="btn small" onclick={see}>{t(l, Key::EchoShowCard)}</button>
                <button type="button" class="btn small echo-close" aria-label={t(l, Key::EchoClose)} title={t(l, Key::EchoClose)} onclick={onclose}>{"×"}</button>
            </div>
        </aside>
    }
}
