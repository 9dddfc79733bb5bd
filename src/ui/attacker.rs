//! The attacker's tools: XSS on the victim's page (read or write `document.cookie`), the
//! plain-http sniffer, what has been stolen, raw requests, an HMAC signer and a brute-forcer.

use super::{bind_text, use_app};
use crate::engine::events::{BrowserId, EditBy};
use crate::engine::lab::{Action, Loot, Navigate, Script, Via};
use crate::engine::signature::sign;
use crate::engine::uri::encode_uri_component;
use crate::i18n::{fill, grouped, t, Key};
use crate::model::bruteforce::{search, total, BadTarget, Target};
use crate::model::explain::clock_text;
use crate::model::workbench::Op;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Candidates per chunk between yields to the browser.
const CHUNK: u64 = 4000;

#[derive(Clone, PartialEq)]
enum Brute {
    Idle,
    Running { done: u64, rate: f64 },
    Found(String),
    NotFound,
    Cancelled,
    BadTarget(BadTarget),
}

#[component]
fn BruteForcer() -> Html {
    let s = use_app();
    let (l, open_by_default) = {
        let wb = s.model();
        (
            wb.lang(),
            wb.challenge_id() == Some(crate::model::challenges::ChallengeId::WeakSecret),
        )
    };
    let initial = {
        let wb = s.model();
        wb.lab()
            .victim
            .jar
            .cookies()
            .iter()
            .find(|c| crate::model::anatomy::raw_prefix_len(&c.value).is_some())
            .map(|c| c.value.clone())
            .unwrap_or_default()
    };
    let target_text = use_state(|| initial);
    let select = super::use_select_on_press(false);
    let state = use_state(|| Brute::Idle);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    let start = {
        let (state, target_text, cancel, s) = (
            state.clone(),
            target_text.clone(),
            cancel.clone(),
            s.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let target = match Target::read(target_text.trim()) {
                Ok(t) => t,
                Err(why) => {
                    state.set(Brute::BadTarget(why));
                    return;
                }
            };
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            let (state, s) = (state.clone(), s.clone());
            state.set(Brute::Running { done: 0, rate: 0.0 });
            yew::platform::spawn_local(async move {
                let t0 = js_sys::Date::now();
                let mut i = 0;
                while i < total() {
                    if flag.get() {
                        state.set(Brute::Cancelled);
                        return;
                    }
                    if let Some(secret) = search(&target, i, CHUNK) {
                        state.set(Brute::Found(secret.clone()));
                        s.dispatch(Op::SecretFound(secret));
                        // the secret is the result: at 1280x720 it was drawn below the pane's edge
                        super::effects::reveal_later("brute-result");
                        return;
                    }
                    i += CHUNK;
                    let secs = ((js_sys::Date::now() - t0) / 1000.0).max(0.001);
                    state.set(Brute::Running {
                        done: i.min(total()),
                        rate: i as f64 / secs,
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
    let running = matches!(*state, Brute::Running { .. });
    let status = match &*state {
        Brute::Idle => html! {},
        Brute::Running { done, rate } => html! {
            <>
                <progress max={total().to_string()} value={done.to_string()} aria-label={t(l, Key::BruteTitle)}></progress>
                <p class="small">{fill(t(l, Key::BruteProgress), &[("done", &grouped(*done as usize)), ("total", &grouped(total() as usize)), ("rate", &grouped(rate.max(0.0).round() as usize))])}</p>
            </>
        },
        Brute::Found(secret) => {
            html! { <p class="verdict good" role="status" id="brute-result">{fill(t(l, Key::BruteFoundInSigner), &[("secret", secret)])}</p> }
        }
        Brute::NotFound => {
            html! { <p class="verdict bad" role="status">{t(l, Key::BruteNotFound)}</p> }
        }
        Brute::Cancelled => {
            html! { <p class="muted" role="status">{t(l, Key::BruteCancelled)}</p> }
        }
        Brute::BadTarget(why) => {
            let key = match why {
                BadTarget::NotSigned => Key::BruteBadTarget,
                BadTarget::TwoValues => Key::BruteTwoValues,
            };
            html! { <p class="verdict bad" role="status">{t(l, key)}</p> }
        }
    };
    html! {
        <details class="tool" open={open_by_default}>
            <summary>{t(l, Key::BruteTitle)}</summary>
            <form class="tool-form" onsubmit={start}>
                <label class="field wide"><span>{t(l, Key::BruteTarget)}</span>
                    // a press selects it whole, as the address bar: it holds the jar's card
                    // already, and a paste went into the middle of it
                    <input id="brute-target" class="mono" type="text" value={(*target_text).clone()} oninput={bind_text(&target_text)} spellcheck="false"
                        onpointerdown={select.press} onfocus={select.focus} onmouseup={select.release} /></label>
                if running {
                    <button type="button" class="btn" onclick={stop}>{t(l, Key::BruteCancel)}</button>
                } else {
                    <button type="submit" id="brute-start" class="btn primary">{t(l, Key::BruteStart)}</button>
                }
            </form>
            {status}
        </details>
    }
}

/// Whose browser the tools that reach into the learner's say they reach into: "the victim's"
/// where the learner's browser plays the victim (hijack, fixation, CSRF, predictable ids),
/// else "your browser's" (forge's sniffer and XSS named a victim the page names nowhere else).
#[derive(Clone, Copy)]
struct Whose(bool);

impl Whose {
    /// `victim`, one of the tools' labels in the victim's words, or its words for the
    /// learner's own browser.
    fn key(self, victim: Key) -> Key {
        match (self.0, victim) {
            (true, k) => k,
            (false, Key::SnifferTitle) => Key::SnifferTitleYours,
            (false, Key::XssSteal) => Key::XssStealYours,
            (false, Key::XssPlantLabel) => Key::XssPlantLabelYours,
            (false, k) => k,
        }
    }
}

/// The tools panel.
#[component]
pub fn AttackerTools() -> Html {
    let s = use_app();
    let plant = use_state(String::new);
    let raw_url = use_state(|| s.model().lab().home_url() + "user");
    let raw_cookie = use_state(String::new);
    let sign_value = use_state(String::new);
    let sign_secret = use_state(String::new);
    // what the last put did, said where the button was: the jar it went into can be a
    // screen away (on a phone, 1,000 px below the signer), and nothing in view changed
    let put_done = use_state(|| None::<(BrowserId, EditBy)>);
    let wb = s.model();
    let l = wb.lang();
    {
        // the brute-forcer's find goes into the signer's empty Secret field
        let sign_secret = sign_secret.clone();
        let found = wb.found_secret().map(str::to_string);
        use_effect_with(found, move |found| {
            if let Some(f) = found.as_ref().filter(|_| sign_secret.is_empty()) {
                sign_secret.set(f.clone());
            }
        });
    }
    // a URL the raw request could not open, said under its form
    let raw_problem = wb
        .nav_problem()
        .filter(|p| p.raw)
        .map(|p| crate::model::explain::navigation_failed_text(l, &p.url, &p.reason));
    // what the newest XSS read of document.cookie returned, said under its button
    let last_read = wb.last_script_read();
    // and what the newest write did, under its Run
    let last_write = wb.last_script_write();
    {
        // (gone with a new value or secret to sign, or a new read, whose catch is not the
        // one put; another place draws the tools afresh)
        let put_done = put_done.clone();
        let read = last_read.as_ref().map(|r| r.entry);
        let deps = ((*sign_value).clone(), (*sign_secret).clone(), read);
        use_effect_with(deps, move |_| put_done.set(None));
    }
    let captures: Vec<_> = wb.lab().captures.iter().rev().take(6).cloned().collect();
    let loot: Vec<Loot> = wb.lab().loot.iter().rev().take(6).cloned().collect();
    // the cookie the current app reads, for the signer's buttons
    let cookie_name = wb.lab().server.cookie_name().to_string();
    let store_ids = wb.lab().newest_sessions(20);
    // the tools a challenge is about come first, open: forge's signer, weak-secret's
    // brute-forcer and signer (at 1920x1080 the brute-forcer the goal names was below the
    // fold of the tools' box, under four tools the challenge does not need)
    use crate::model::challenges::ChallengeId;
    let (signer_first, brute_first) = match wb.challenge_id() {
        Some(ChallengeId::Forge) => (true, false),
        Some(ChallengeId::WeakSecret) => (true, true),
        _ => (false, false),
    };
    let whose = Whose(wb.challenge_id().is_some_and(|c| c.plays_victim()));
    // what a put did is said while it is the newest thing that happened
    let said_put = (*put_done).filter(|&(who, _)| wb.newest_put(who).is_some());
    drop(wb);

    // what the read returned comes into view, and a catch's button to put it in the jar (at
    // 1440x900 under a challenge's card both were below the browser pane's fold); where both
    // do not fit, the read's words from their start
    let steal = {
        let s = s.clone();
        Callback::from(move |_| {
            let before = s.model().lab().loot.len();
            s.dispatch(Op::Act(Action::RunScript(
                BrowserId::Victim,
                Script::ReadCookies,
            )));
            if s.model().lab().loot.len() > before {
                super::effects::reveal_span_later("xss-read", "loot-newest");
            } else {
                super::effects::reveal_later("xss-read");
            }
            super::effects::keep_keyboard_focus_whole_later();
        })
    };
    let run_plant = {
        let (s, plant) = (s.clone(), plant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            s.dispatch(Op::Act(Action::RunScript(
                BrowserId::Victim,
                Script::WriteCookie((*plant).clone()),
            )));
        })
    };
    let raw = {
        let (s, u, c) = (s.clone(), raw_url.clone(), raw_cookie.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut n = Navigate::typed(BrowserId::Attacker, u.trim());
            n.cause = crate::engine::events::Cause::Raw;
            n.cookie_override = Some(crate::engine::jar::cookie_header_value(&c).to_string());
            s.dispatch(Op::Act(Action::Navigate(n)));
        })
    };
    let quoted = crate::model::workbench::quoted_secret(&sign_secret);
    let signed = (!sign_value.is_empty() && !sign_secret.is_empty())
        .then(|| encode_uri_component(&format!("s:{}", sign(&sign_value, &sign_secret))));
    let put = |who: BrowserId, header: String, by: EditBy| {
        let (s, put_done) = (s.clone(), put_done.clone());
        Callback::from(move |_| {
            s.dispatch(Op::PutHeader(who, header.clone(), by));
            put_done.set(Some((who, by)));
        })
    };
    let done_line = |by: EditBy| {
        let (who, _) = said_put.filter(|&(_, b)| b == by)?;
        let s = s.clone();
        let show =
            Callback::from(move |_| super::access::go_to(&s, crate::model::keys::Shortcut::Jar));
        let said = match who {
            BrowserId::Victim => Key::PutDoneVictim,
            BrowserId::Attacker => Key::PutDoneAttacker,
        };
        Some(html! {
            <p class="small put-done">{t(l, said)}{" "}<button type="button" class="linklike" onclick={show}>{t(l, Key::PutDoneShow)}</button></p>
        })
    };
    let signer_buttons = signed.clone().map(|v| {
        let header = format!("{cookie_name}={v}");
        html! {
            <div class="row">
                <button type="button" class="btn small" onclick={put(BrowserId::Victim, header.clone(), EditBy::Signer)}>{t(l, Key::UseInVictimJar)}</button>
                <button type="button" class="btn small" onclick={put(BrowserId::Attacker, header, EditBy::Signer)}>{t(l, Key::UseInAttackerJar)}</button>
                <super::jar_pane::CopyValue text={v} />
            </div>
        }
    });
    let signer = html! {
        <details class="tool" open={signer_first}>
            <summary>{t(l, Key::SignerTitle)}</summary>
            <div class="tool-form">
                <label class="field"><span>{t(l, Key::SignerValue)}</span><input id="sign-value" class="mono" type="text" list="store-ids" value={(*sign_value).clone()} oninput={bind_text(&sign_value)} spellcheck="false" /></label>
                // the store's ids to pick from (Down arrow or a click): reading one off the
                // store table and typing it was the only way by keyboard
                <datalist id="store-ids">{for store_ids.into_iter().map(|row| {
                    // whose it is beside the id: forge's bob among 32-character ids (zh phone review)
                    let label = row.username();
                    html! { <option value={row.sid} {label} /> }
                })}</datalist>
                <label class="field"><span>{t(l, Key::SignerSecret)}</span><input id="sign-secret" class="mono" type="text" value={(*sign_secret).clone()} oninput={bind_text(&sign_secret)} spellcheck="false" aria-describedby={quoted.then_some("sign-quoted")} /></label>
                if quoted { <p class="small warn-text" id="sign-quoted">{"⚠ "}{t(l, Key::SignerQuoted)}</p> }
                // the buttons beside the fields, where the learner is (under the value they
                // were out of the browser pane at 1280x720 once both fields were filled)
                {signer_buttons.unwrap_or_default()}
                {done_line(EditBy::Signer).unwrap_or_default()}
            </div>
            if let Some(v) = signed { <p class="small">{t(l, Key::SignerResult)}{t(l, Key::Colon)}<code id="sign-result">{v}</code></p> }
        </details>
    };
    // in its place: first where the challenge is about it, else after the others
    let (signer_top, signer_bottom) = if signer_first {
        (signer, Html::default())
    } else {
        (Html::default(), signer)
    };
    html! {
        <section class="attacker-tools" aria-labelledby="h-tools">
            <h3 id="h-tools">{t(l, Key::AttackerTools)}</h3>
            if brute_first { <BruteForcer /> }
            {signer_top}
            <div class="tool">
                <button type="button" id="xss-read-button" class="btn danger-outline" onclick={steal}>{t(l, whose.key(Key::XssSteal))}</button>
                if let Some(read) = last_read {
                    {script_said(read, "xss-read")}
                }
                <form class="tool-form" onsubmit={run_plant}>
                    <label class="field wide"><span>{t(l, whose.key(Key::XssPlantLabel))}</span>
                        <input id="xss-plant" class="mono" type="text" value={(*plant).clone()} oninput={bind_text(&plant)} placeholder={format!("{cookie_name}=…; Path=/")} spellcheck="false" /></label>
                    <button type="submit" class="btn">{t(l, Key::RunLabel)}</button>
                </form>
                if let Some(wrote) = last_write {
                    {script_said(wrote, "xss-wrote")}
                }
            </div>
            <details class="tool" open=true>
                <summary>{t(l, Key::LootTitle)}</summary>
                if loot.is_empty() { <p class="muted small">{t(l, Key::LootEmpty)}</p> }
                {done_line(EditBy::Stolen).unwrap_or_default()}
                <ul class="loot">
                    // how and when each was got: a cookie the sniffer caught at a login, shown
                    // first right after an XSS read that HttpOnly stopped, read as XSS's catch
                    {for loot.into_iter().enumerate().map(|(i, h)| html! {
                        <li id={(i == 0).then_some("loot-newest")}><span class="loot-via small muted">{t(l, match h.via {
                                Via::Xss => Key::LootViaXss,
                                Via::Sniffer => Key::LootViaSniffer,
                            })}{" · "}<span class="mono">{clock_text(h.at).get(11..19).unwrap_or("").to_string()}</span></span>
                            <code>{h.cookies.clone()}</code>
                            <button type="button" class="btn small put-attacker" onclick={put(BrowserId::Attacker, h.cookies.clone(), EditBy::Stolen)}>{t(l, Key::UseInAttackerJar)}</button>
                            <super::jar_pane::CopyValue text={h.cookies} label={Key::CopyCookies} /></li>
                    })}
                </ul>
            </details>
            <details class="tool">
                <summary>{t(l, whose.key(Key::SnifferTitle))}</summary>
                if captures.is_empty() { <p class="muted small">{t(l, Key::SnifferEmpty)}</p> }
                <ul class="captures">
                    {for captures.into_iter().map(|c| html! {
                        <li>
                            <span class="mono small">{clock_text(c.at).get(11..19).unwrap_or("").to_string()}</span>{" "}
                            <span class="mono">{c.url.clone()}</span>
                            {if c.encrypted {
                                html! { <span class="tag ok">{t(l, Key::Encrypted)}</span> }
                            } else {
                                html! { <code class="leak">{c.cookie.clone().unwrap_or_else(|| t(l, Key::NoneLabel).to_string())}</code> }
                            }}
                        </li>
                    })}
                </ul>
            </details>
            <details class="tool">
                <summary>{t(l, Key::RawSend)}</summary>
                <form class="tool-form" onsubmit={raw}>
                    <label class="field wide"><span>{"URL"}</span><input id="raw-url" class="mono" type="text" value={(*raw_url).clone()} oninput={bind_text(&raw_url)} spellcheck="false" /></label>
                    <label class="field wide"><span>{t(l, Key::RawCookieLabel)}</span><input id="raw-cookie" class="mono" type="text" value={(*raw_cookie).clone()} oninput={bind_text(&raw_cookie)} spellcheck="false" /></label>
                    <button type="submit" class="btn">{t(l, Key::RawSend)}</button>
                </form>
                if let Some(text) = raw_problem {
                    // the live region says it, as for the address bar's
                    <p class="error nav-problem" id="raw-problem">{text}</p>
                }
            </details>
            {signer_bottom}
            if !brute_first { <BruteForcer /> }
        </section>
    }
}

/// What the XSS tool's newest read or write did, with its time, in the timeline's words,
/// under the control that ran it.
fn script_said(run: crate::model::workbench::ScriptRead, id: &'static str) -> Html {
    html! {
        <p class={classes!("small", "xss-read", run.tone.class())} {id}>
            <span class="mono">{clock_text(run.at).get(11..19).unwrap_or("").to_string()}</span>{" "}{run.text}</p>
    }
}
