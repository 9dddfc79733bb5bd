//! The learner's browser: address bar, the page the server returned (rendered from a safe
//! model, never as HTML), the redirect hops, and "close browser".

use super::state::{LogEntry, Msg};
use super::use_app;
use crate::engine::events::{BrowserId, Cause};
use crate::engine::lab::{Action, Navigate};
use crate::engine::server::http::reason_phrase;
use crate::engine::url::Url;
use crate::i18n::{fill, t, Key};
use crate::model::explain::{browser_name, url_error_text};
use crate::model::http_text::form_query;
use crate::model::page::{render, Block};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The exchanges of a browser's last navigation (the first request and its redirects).
pub fn last_navigation(log: &[Rc<LogEntry>], who: BrowserId) -> Vec<&crate::engine::lab::Exchange> {
    let mut out = Vec::new();
    for e in log.iter().rev() {
        if let Some(x) = &e.exchange {
            if x.browser != who {
                continue;
            }
            out.push(x);
            if x.hop == 0 {
                break;
            }
        }
    }
    out.reverse();
    out
}

#[derive(Properties, PartialEq)]
struct WindowProps {
    browser: BrowserId,
}

/// One browser window: address bar, hops, page.
#[component]
fn Window(p: &WindowProps) -> Html {
    let s = use_app();
    let l = s.lang;
    let who = p.browser;
    let sh = s.shared.borrow();
    let current: Option<Url> = sh.lab.browser(who).url.clone();
    let page = sh.lab.browser(who).page.clone();
    let hops: Vec<(u16, String)> = last_navigation(&sh.log, who)
        .iter()
        .map(|x| (x.response.status, x.url.target()))
        .collect();
    drop(sh);
    let address = if who == BrowserId::Victim {
        s.address.clone()
    } else {
        s.attacker_address.clone()
    };
    let input_id = if who == BrowserId::Victim {
        "address"
    } else {
        "attacker-address"
    };

    let navigate = {
        let s = s.clone();
        let from = current.clone();
        move |href: String, cause: Cause, method: &'static str| {
            let base = from.clone();
            let target = match &base {
                Some(b) => b.join(&href).map(|u| u.to_string()).unwrap_or(href),
                None => href,
            };
            let mut n = Navigate::typed(who, &target);
            n.cause = cause;
            n.method = method.into();
            n.initiator = base;
            s.dispatch(Msg::Lab(Action::Navigate(n)));
        }
    };
    let on_go = {
        let s = s.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            s.dispatch(Msg::Go(who));
        })
    };
    let on_input = {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                s.dispatch(Msg::SetAddress(who, i.value()));
            }
        })
    };
    let on_reload = {
        let s = s.clone();
        let cur = current.clone();
        Callback::from(move |_| {
            if let Some(u) = &cur {
                s.dispatch(Msg::Lab(Action::Navigate(Navigate::typed(
                    BrowserId::Victim,
                    &u.to_string(),
                ))));
            }
        })
    };
    let on_close = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Msg::Lab(Action::CloseBrowser(who))))
    };

    let body = match &page {
        None => html! { <p class="muted blank">{t(l, Key::BlankPage)}</p> },
        Some(res) => {
            let model = render(&res.body, res.header("content-type"));
            let blocks = model.blocks.iter().map(|b| match b {
                Block::Text(text) => html! { <p>{text.clone()}</p> },
                Block::Pre(text) => html! { <pre class="page-pre">{text.clone()}</pre> },
                Block::Link { href, text } => {
                    let nav = navigate.clone();
                    let href2 = href.clone();
                    html! {
                        <p><button type="button" class="linklike" title={href.clone()}
                            onclick={Callback::from(move |_| nav(href2.clone(), Cause::Link, "GET"))}>{text.clone()}</button></p>
                    }
                }
                Block::Form { action, method, fields, submit } => {
                    let nav = navigate.clone();
                    let action = action.clone();
                    let method_s: &'static str = if method == "POST" { "POST" } else { "GET" };
                    let onsubmit = Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        let Some(form) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
                        let mut pairs = Vec::new();
                        let elems = form.elements();
                        for i in 0..elems.length() {
                            if let Some(input) = elems.item(i).and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                if !input.name().is_empty() {
                                    pairs.push((input.name(), input.value()));
                                }
                            }
                        }
                        let base = action.split('?').next().unwrap_or("").to_string();
                        nav(format!("{base}?{}", form_query(&pairs)), Cause::Form, method_s);
                    });
                    let inputs = fields.iter().map(|f| {
                        let kind = if f.kind == "password" { "password" } else if f.kind == "hidden" { "hidden" } else { "text" };
                        html! {
                            <label class="field">
                                <span>{f.label.clone()}</span>
                                <input type={kind} name={f.name.clone()} value={f.value.clone()} autocomplete="off" spellcheck="false" />
                            </label>
                        }
                    });
                    let submit = if submit.is_empty() { t(l, Key::SubmitDefault).to_string() } else { submit.clone() };
                    html! {
                        <form class="page-form" onsubmit={onsubmit}>
                            {for inputs}
                            <button type="submit" class="btn primary">{submit}</button>
                        </form>
                    }
                }
            });
            html! {
                <>
                    if let Some(title) = model.title.clone() { <div class="page-title">{title}</div> }
                    if model.blocks.is_empty() { <p class="muted">{t(l, Key::EmptyBody)}</p> }
                    {for blocks}
                </>
            }
        }
    };
    let status = page.as_ref().map(|r| r.status);
    html! {
        <div class={classes!("window", (who == BrowserId::Attacker).then_some("attacker"))}>
            <div class="window-title">
                <span>{browser_name(l, who)}</span>
                <button type="button" class="btn small" title={t(l, Key::CloseBrowserHint)} onclick={on_close}>{t(l, Key::CloseBrowser)}</button>
            </div>
            <form class="addressbar" onsubmit={on_go}>
                <button type="button" class="icon" aria-label={t(l, Key::Reload)} title={t(l, Key::Reload)} onclick={on_reload}>{"⟳"}</button>
                <label class="sr-only" for={input_id}>{format!("{} · {}", t(l, Key::AddressLabel), browser_name(l, who))}</label>
                <input id={input_id} class="mono" type="text" value={address} oninput={on_input}
                    spellcheck="false" autocomplete="off" autocapitalize="off" />
                <button type="submit" class="btn primary">{t(l, Key::Go)}</button>
            </form>
            if let Some((_, url, why)) = s.nav_problem.as_ref().filter(|p| p.0 == who) {
                <p class="error nav-problem" role="alert">{fill(t(l, Key::EvNavigationFailed), &[("url", url), ("reason", &url_error_text(l, why))])}</p>
            }
            if hops.len() > 1 || status.is_some() {
                <ol class="hops" aria-label={t(l, Key::RedirectsLabel)}>
                    {for hops.iter().map(|(st, target)| html! {
                        <li><span class={classes!("status", format!("s{}", st / 100))}>{format!("{st} {}", reason_phrase(*st))}</span>
                            <span class="mono">{target.clone()}</span></li>
                    })}
                </ol>
            }
            <div class="viewport">{body}</div>
        </div>
    }
}

/// The pane: the learner's browser and, when shown, the attacker's with its tools.
#[component]
pub fn BrowserPane() -> Html {
    let s = use_app();
    let l = s.lang;
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Msg::ToggleAttacker))
    };
    html! {
        <>
            <div class="pane-head">
                <h2 id="h-browser">{t(l, Key::PaneBrowser)}</h2>
                <button type="button" class="btn small" aria-pressed={s.attacker.to_string()} onclick={toggle}>
                    {t(l, if s.attacker { Key::HideAttacker } else { Key::ShowAttacker })}
                </button>
            </div>
            <div class={classes!("windows", s.attacker.then_some("two"))}>
                <Window browser={BrowserId::Victim} />
                if s.attacker { <Window browser={BrowserId::Attacker} /> }
            </div>
            if s.attacker { <super::attacker::AttackerTools /> }
        </>
    }
}
