//! The cookie inspector's view (`#tool=inspect`): it renders [`crate::model::inspector`] and
//! sends each keystroke to the model as one [`InspectorOp`]. The brute-forcer runs here only
//! when asked, in slices that yield to the browser, as the attacker's does.

use super::access::SettledStatus;
use super::{copy_text, input_value, use_app};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::bruteforce::{search, total, Target};
use crate::model::inspector::words::{
    note_text, problems_text, secret_warning_text, sign_problem_text, source_text, summary,
    summary_lines, verdict_text, warning_text, SUMMARY_COOKIES,
};
use crate::model::inspector::{Check, Field, Inspected, Source};
use crate::model::workbench::{InspectorOp, Op};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Candidates per slice between yields to the browser.
const CHUNK: u64 = 4000;

/// A textarea or input bound to one of the inspector's fields.
fn field_input(s: &super::state::AppContext, field: Field) -> Callback<InputEvent> {
    let s = s.clone();
    Callback::from(move |e: InputEvent| {
        let text = input_value(&e).unwrap_or_default();
        s.dispatch(Op::Inspector(InspectorOp::Set(field, text)));
    })
}

/// The whole view, in place of the workbench.
#[component]
pub fn InspectorView() -> Html {
    let s = use_app();
    let wb = s.model();
    let l = wb.lang();
    let ins = wb.inspector().clone();
    drop(wb);
    // (the real clock: the cookies pasted here come from a real browser, not the lab's)
    let report = ins.report_at(js_sys::Date::now() as i64);
    let op = |o: InspectorOp| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Inspector(o.clone())))
    };
    let back = {
        let s = s.clone();
        Callback::from(move |()| {
            s.dispatch(Op::Inspector(InspectorOp::Close));
            super::access::focus_later("#open-inspector");
        })
    };
    // Escape goes back too, as it closes the page's panels (what was typed stays for the next
    // visit); not from a box being typed in, where a stray press left the view (and a crack
    // running), nor when something inside took it
    let onkeydown = {
        let back = back.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !e.default_prevented() && !super::access::typing(e.target()) {
                e.prevent_default();
                back.emit(());
            }
        })
    };
    let secret_warnings = report
        .secret_warnings
        .iter()
        .map(|w| {
            html! { <li>{secret_warning_text(l, w)}</li> }
        })
        .collect::<Html>();
    let problems = problems_text(l, &report)
        .into_iter()
        .map(|p| html! { <li>{p}</li> })
        .collect::<Html>();
    let cards = report.cookies.iter().enumerate().map(|(i, c)| {
        html! { <CookieCard key={format!("{i}:{}:{}", c.name, c.raw)} index={i} cookie={c.clone()} lang={l} /> }
    }).collect::<Html>();
    let empty = ins.get(Field::Cookies).trim().is_empty();
    let summary_text = if empty {
        t(l, Key::InspectorEmpty).to_string()
    } else if report.cookies.is_empty() {
        t(l, Key::InspectorNoCookies).to_string()
    } else {
        summary(l, &report)
    };
    html! {
        <main id="main" tabindex="-1" class="inspector" aria-labelledby="insp-title" {onkeydown}>
            <div class="insp-head">
                <div>
                    <h2 id="insp-title" tabindex="-1">{t(l, Key::InspectorTitle)}</h2>
                    <p class="muted">{t(l, Key::InspectorTagline)}</p>
                </div>
                <button type="button" class="btn" onclick={back.reform(|_: MouseEvent| ())}>{t(l, Key::InspectorBack)}</button>
            </div>
            <p class="insp-privacy">
                <svg class="insp-lock" aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
                    <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
                    <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
                </svg>
                {t(l, Key::InspectorPrivacy)}
            </p>
            <div class="insp-grid">
                <section class="insp-input" aria-labelledby="insp-input-h">
                    <h3 id="insp-input-h">{t(l, Key::InspectorInputTitle)}</h3>
                    <label class="insp-label" for="insp-cookies">{t(l, Key::InspectorCookiesLabel)}</label>
                    <p class="muted small" id="insp-cookies-hint">{t(l, Key::InspectorCookiesHint)}</p>
                    <textarea id="insp-cookies" class="mono" rows="5" spellcheck="false" autocomplete="off"
                        aria-describedby="insp-cookies-hint" value={ins.get(Field::Cookies).to_string()}
                        oninput={field_input(&s, Field::Cookies)} />
                    if ins.cut(Field::Cookies) { <p class="insp-problem" role="alert">{t(l, Key::InspectorCut)}</p> }
                    <label class="insp-label" for="insp-secrets">{t(l, Key::InspectorSecretsLabel)}</label>
                    <p class="muted small" id="insp-secrets-hint">{t(l, Key::InspectorSecretsHint)}</p>
                    <textarea id="insp-secrets" class="mono" rows="3" spellcheck="false" autocomplete="off"
                        aria-describedby="insp-secrets-hint" value={ins.get(Field::Secrets).to_string()}
                        oninput={field_input(&s, Field::Secrets)} />
                    if ins.cut(Field::Secrets) { <p class="insp-problem" role="alert">{t(l, Key::InspectorCut)}</p> }
                    if !report.secret_warnings.is_empty() {
                        <ul class="insp-warnings" aria-label={t(l, Key::InspectorWarnings)}>{secret_warnings}</ul>
                    }
                    <div class="insp-actions">
                        <button type="button" class="btn" onclick={op(InspectorOp::Example)}>{t(l, Key::InspectorExample)}</button>
                        <button type="button" class="btn" onclick={op(InspectorOp::Clear)}>{t(l, Key::InspectorClear)}</button>
                    </div>
                </section>
                <section class="insp-results" aria-labelledby="insp-results-h">
                    <h3 id="insp-results-h">{t(l, Key::InspectorResultsTitle)}</h3>
                    // drawn at once (one cookie's card says it already), said once typing pauses
                    if report.cookies.len() > 1 {
                        // several cookies: a list, a line each
                        <ul class="insp-summary list" aria-hidden="true">
                            {for summary_lines(l, &report).into_iter().map(|(name, verdict)| html! {
                                <li><code>{name}</code>{t(l, Key::Colon)}{verdict}</li>
                            })}
                            if report.cookies.len() > SUMMARY_COOKIES { <li>{"…"}</li> }
                        </ul>
                    } else if report.cookies.is_empty() {
                        <p class="insp-summary" aria-hidden="true">{summary_text.clone()}</p>
                    }
                    <SettledStatus id="insp-said" text={summary_text} edits={ins.edits()} />
                    if !report.problems.is_empty() { <ul class="insp-problem">{problems}</ul> }
                    {cards}
                    if report.more { <p class="muted">{t(l, Key::InspectorMore)}</p> }
                </section>
                <SignBox />
            </div>
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    index: usize,
    cookie: Inspected,
    lang: Lang,
}

/// Characters of a cookie's value past which the card draws it in a box that scrolls (a
/// signed session cookie is about 80; nine lines at 390 px).
const LONG_VALUE: usize = 400;

/// A value as the card prints it; with `long`, its label, in a box of its own that scrolls,
/// reached by Tab.
fn value_code(class: Option<&'static str>, text: String, long: Option<&str>) -> Html {
    let boxed = long.is_some();
    html! {
        <code class={classes!(class, boxed.then_some("insp-long"))} tabindex={boxed.then_some("0")}
            role={boxed.then_some("region")} aria-label={long.map(str::to_string)}>{text}</code>
    }
}

/// One cookie: its verdict, its parts, its attributes and what a reviewer would say.
#[component]
fn CookieCard(p: &CardProps) -> Html {
    let (l, c, i) = (p.lang, &p.cookie, p.index);
    let (tone, text) = verdict_text(l, c);
    let (class, mark) = (tone.class(), tone.mark());
    let line = fill(t(l, Key::InspectorLine), &[("line", &c.line.to_string())]);
    let macs = match &c.check {
        Check::BadMac {
            expected,
            presented,
        } => super::verdict::macs_view(
            (t(l, Key::InspectorExpected), t(l, Key::InspectorPresented)),
            expected,
            presented,
            true,
            None,
        ),
        Check::Valid { secret_index, .. } if *secret_index > 0 => html! {
            <p class="small">{t(l, Key::InspectorValidOld)}</p>
        },
        _ => html! {},
    };
    let sid = c.session_id().map(|(sid, verified)| {
        let bits = crate::model::inspector::sid_bits(sid);
        html! {
            <>
                <dt>{t(l, Key::InspectorSid)}</dt>
                <dd>{value_code(Some("insp-sid"), sid.to_string(), (sid.chars().count() > LONG_VALUE).then(|| t(l, Key::InspectorSid)))}
                    // one sentence each way: Chinese has no space before its full-width bracket
                    <span class="muted small">{" "}{fill(t(l, if verified { Key::InspectorSidBits } else { Key::InspectorSidBitsUnverified }), &[("bits", &bits.to_string())])}</span></dd>
            </>
        }
    });
    let attributes = c.attributes.iter().map(|a| html! {
        <tr>
            <th scope="row"><code>{a.name}</code></th>
            <td class="mono">{a.value.clone().unwrap_or_else(|| t(l, Key::InspectorAbsent).to_string())}</td>
            <td>{note_text(l, &a.note)}</td>
        </tr>
    }).collect::<Html>();
    let warnings = c
        .warnings
        .iter()
        .map(|w| html! { <li>{warning_text(l, w)}</li> })
        .collect::<Html>();
    let head_id = format!("insp-c-{i}");
    // a value longer than a few lines scrolls in a box of its own, each time it is drawn: a
    // 60 KB cookie drawn three times (its anatomy, as written, decoded) made the page
    // 123,694 px tall at 390 px (review); a box that scrolls is reached by Tab
    let long = c.raw.chars().count() > LONG_VALUE;
    html! {
        <article class="insp-cookie" aria-labelledby={head_id.clone()}>
            <div class="insp-cookie-head">
                <h4 id={head_id}><code>{crate::model::inspector::words::name_shown(l, &c.name)}</code></h4>
                <span class="muted small">{source_text(l, c.source)}{" · "}{line}</span>
            </div>
            if c.shadowed { <p class="insp-problem small">{t(l, Key::InspectorShadowed)}</p> }
            <div class={classes!("verdict", "insp-verdict", class)} id={format!("insp-v-{i}")}>
                if !mark.is_empty() { <strong aria-hidden="true">{mark}{" "}</strong> }{text}{macs}
            </div>
            // what is wrong with it comes next to the verdict: under the anatomy and a value
            // printed in full (twice), a 6,000-byte cookie's "a browser does not store or send
            // such a cookie" was 8,000 px down (review)
            if !c.warnings.is_empty() {
                <h5>{t(l, Key::InspectorWarnings)}</h5>
                <ul class="insp-warnings">{warnings}</ul>
            }
            if let Some(a) = &c.anatomy {
                <h5>{t(l, Key::InspectorAnatomy)}</h5>
                <div class={classes!(long.then_some("insp-long"))} tabindex={long.then_some("0")}
                    role={long.then_some("region")} aria-label={long.then(|| t(l, Key::InspectorAnatomy))}>
                    {super::jar_pane::anatomy_parts(l, a)}
                </div>
            }
            <dl class="insp-facts">
                <dt>{t(l, Key::InspectorRaw)}</dt><dd>{value_code(Some("insp-raw"), c.raw.clone(), long.then(|| t(l, Key::InspectorRaw)))}</dd>
                if c.value != c.raw {
                    <dt>{t(l, Key::InspectorDecoded)}</dt><dd>{value_code(None, c.value.clone(), long.then(|| t(l, Key::InspectorDecoded)))}</dd>
                }
                {for sid}
            </dl>
            if c.source == Source::SetCookie {
                <table class="insp-attrs">
                    <caption>{t(l, Key::InspectorAttributes)}</caption>
                    <thead><tr>
                        <th scope="col">{t(l, Key::InspectorAttrName)}</th>
                        <th scope="col">{t(l, Key::InspectorAttrValue)}</th>
                        <th scope="col">{t(l, Key::InspectorAttrMeaning)}</th>
                    </tr></thead>
                    <tbody>{attributes}</tbody>
                </table>
            }
            // (once a secret verifies it, cracking it has no point: gone with its hint)
            if let Some(target) = c.target().filter(|_| !matches!(c.check, Check::Valid { .. })) {
                <Cracker {target} lang={l} verdict={format!("insp-v-{i}")} />
            }
        </article>
    }
}

#[derive(Clone, PartialEq)]
enum Brute {
    Idle,
    Running { done: u64 },
    Found(String),
    NotFound,
    Cancelled,
}

#[derive(Properties, PartialEq)]
struct CrackerProps {
    target: Target,
    lang: Lang,
    /// The DOM id of the card's verdict, where the focus goes once a found secret checks it.
    verdict: String,
}

/// The lab's brute-forcer on this cookie's MAC, on request.
#[component]
fn Cracker(p: &CrackerProps) -> Html {
    let l = p.lang;
    let s = use_app();
    let state = use_state(|| Brute::Idle);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    // a new MAC is a new search: stop the old one and start from nothing
    {
        let (state, cancel) = (state.clone(), cancel.clone());
        use_effect_with(p.target.clone(), move |_| {
            state.set(Brute::Idle);
            move || cancel.borrow().set(true)
        });
    }
    let start = {
        let (state, cancel, target) = (state.clone(), cancel.clone(), p.target.clone());
        Callback::from(move |_| {
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            let (state, target) = (state.clone(), target.clone());
            state.set(Brute::Running { done: 0 });
            yew::platform::spawn_local(async move {
                let mut i = 0;
                while i < total() {
                    if flag.get() {
                        state.set(Brute::Cancelled);
                        return;
                    }
                    if let Some(secret) = search(&target, i, CHUNK) {
                        state.set(Brute::Found(secret));
                        return;
                    }
                    i += CHUNK;
                    state.set(Brute::Running {
                        done: i.min(total()),
                    });
                    gloo::timers::future::TimeoutFuture::new(0).await;
                }
                state.set(Brute::NotFound);
            });
        })
    };
    let stop = {
        let cancel = cancel.clone();
        Callback::from(move |_| cancel.borrow().set(true))
    };
    let status = match &*state {
        Brute::Idle => html! {},
        Brute::Running { done } => html! {
            <progress max={total().to_string()} value={done.to_string()} aria-label={t(l, Key::InspectorBruteTitle)}></progress>
        },
        Brute::Found(secret) => {
            // the verdict above still said "no secret to check it with": one press checks it
            let use_it = {
                let (s, secret, verdict) = (s.clone(), secret.clone(), p.verdict.clone());
                Callback::from(move |_| {
                    s.dispatch(Op::Inspector(InspectorOp::UseSecret(secret.clone())));
                    // the button goes with the cracker: the focus goes to the new verdict, in
                    // view (on a phone it was 1,000 px above, and only the button vanished)
                    let verdict = verdict.clone();
                    gloo::timers::callback::Timeout::new(0, move || {
                        let el = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id(&verdict));
                        if let Some(el) = el {
                            super::effects::focus_element(&el);
                            super::effects::reveal_element(&el);
                        }
                    })
                    .forget();
                })
            };
            html! {
                <>
                    <p class="verdict bad" role="status">{fill(t(l, Key::BruteFound), &[("secret", secret)])}</p>
                    // (a found secret the list holds already verifies: the card then drops
                    // this cracker, so the button needs no condition)
                    <button type="button" class="btn small" onclick={use_it}>{t(l, Key::BruteUseSecret)}</button>
                </>
            }
        }
        Brute::NotFound => {
            html! { <p class="verdict good" role="status">{t(l, Key::BruteNotFound)}</p> }
        }
        Brute::Cancelled => {
            html! { <p class="muted" role="status">{t(l, Key::BruteCancelled)}</p> }
        }
    };
    let running = matches!(*state, Brute::Running { .. });
    html! {
        <div class="insp-crack">
            <p class="small muted">{fill(t(l, Key::InspectorBruteHint), &[("total", &crate::i18n::grouped(total() as usize))])}</p>
            if running {
                <button type="button" class="btn" onclick={stop}>{t(l, Key::BruteCancel)}</button>
            } else {
                <button type="button" class="btn" onclick={start}>{t(l, Key::InspectorBruteTitle)}</button>
            }
            {status}
        </div>
    }
}

/// Signing an id with the first secret.
#[component]
fn SignBox() -> Html {
    let s = use_app();
    let copied = use_state(|| None::<usize>);
    let wb = s.model();
    let l = wb.lang();
    let ins = wb.inspector().clone();
    drop(wb);
    // one short live status: the problem, or that the results are below (the results
    // themselves, re-read whole on every keystroke, were too much to hear)
    let signed = ins.signed();
    let status = match &signed {
        Err(problem) => sign_problem_text(l, problem),
        Ok(_) => t(l, Key::InspectorSignedReady).to_string(),
    };
    let result = match signed {
        Err(problem) => {
            html! { <p class="muted small" aria-hidden="true">{sign_problem_text(l, &problem)}</p> }
        }
        Ok(signed) => {
            let rows = [
                (Key::InspectorSignValue, signed.value),
                (
                    Key::InspectorSignSetCookie,
                    format!("Set-Cookie: {}", signed.set_cookie),
                ),
                (
                    Key::InspectorSignCookie,
                    format!("Cookie: {}", signed.cookie),
                ),
            ];
            rows.into_iter().enumerate().map(|(n, (key, text))| {
                let copy = {
                    let (copied, text, d) = (copied.clone(), text.clone(), s.dispatcher());
                    Callback::from(move |_| {
                        let copied = copied.clone();
                        copy_text(d.clone(), &text, move || copied.set(Some(n)));
                    })
                };
                html! {
                    <div class="insp-signed">
                        <span class="insp-label" id={format!("insp-signed-{n}")}>{t(l, key)}</span>
                        <code class="insp-out" aria-labelledby={format!("insp-signed-{n}")}>{text}</code>
                        <button type="button" class="btn small" onclick={copy}
                            aria-describedby={format!("insp-signed-{n}")}>
                            {t(l, if *copied == Some(n) { Key::Copied } else { Key::CopyValue })}
                        </button>
                    </div>
                }
            }).collect::<Html>()
        }
    };
    html! {
        <section class="insp-sign" aria-labelledby="insp-sign-h">
            <h3 id="insp-sign-h">{t(l, Key::InspectorSignTitle)}</h3>
            <p class="muted small">{t(l, Key::InspectorSignHint)}</p>
            <div class="insp-sign-fields">
                <label class="field"><span>{t(l, Key::InspectorSignId)}</span>
                    <input id="insp-sign-id" class="mono" type="text" spellcheck="false" autocomplete="off"
                        value={ins.get(Field::SignId).to_string()} oninput={field_input(&s, Field::SignId)} /></label>
                <label class="field"><span>{t(l, Key::InspectorSignName)}</span>
                    <input id="insp-sign-name" class="mono" type="text" spellcheck="false" autocomplete="off"
                        placeholder={crate::model::inspector::DEFAULT_NAME}
                        value={ins.get(Field::SignName).to_string()} oninput={field_input(&s, Field::SignName)} /></label>
            </div>
            if ins.cut(Field::SignId) || ins.cut(Field::SignName) { <p class="insp-problem" role="alert">{t(l, Key::InspectorCut)}</p> }
            <SettledStatus id="insp-sign-said" text={status} edits={ins.edits()} />
            {result}
        </section>
    }
}
