//! The cookie jar, DevTools style: every cell editable, whether each cookie goes with the next
//! request (and why not), and for a signed value its anatomy and the server's verdict.

use super::input_value;
use super::state::{JarProblem, Msg};
use super::use_app;
use crate::engine::events::BrowserId;
use crate::engine::jar::{Api, Cookie, Field, Limits, RequestContext};
use crate::engine::lab::Action;
use crate::engine::server::cookie_only::SECRET as CARD_SECRET;
use crate::engine::server::App;
use crate::engine::uri::decode_uri_component;
use crate::engine::url::Url;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::anatomy::{anatomy, session_verdict, signed_cookie_verdict, Verdict};
use crate::model::explain::{browser_name, jar_problem_text, withheld_text};
use crate::model::jar_cells::{edit_cell, expires_text};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct CellProps {
    browser: BrowserId,
    cookie: Cookie,
    field: Field,
    shown: AttrValue,
    label: AttrValue,
    #[prop_or_default]
    mono: bool,
}

#[component]
fn Cell(p: &CellProps) -> Html {
    let s = use_app();
    let (cookie, field, shown, who) = (p.cookie.clone(), p.field, p.shown.clone(), p.browser);
    let onchange = Callback::from(move |e: Event| {
        let Some(v) = input_value(&e) else { return };
        let now = s.shared.borrow().lab.now;
        let result = edit_cell(&cookie, field, &v, now);
        if let Ok(new) = result {
            if new.key() != cookie.key() {
                s.dispatch(Msg::Lab(Action::JarRemove {
                    browser: who,
                    name: cookie.name.clone(),
                    domain: cookie.domain.clone(),
                    path: cookie.path.clone(),
                }));
            }
            s.dispatch(Msg::Lab(Action::JarPut(who, new)));
        } else if let Err(problem) = result {
            // not acceptable: say why, and show the stored value again
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                i.set_value(&shown);
            }
            s.dispatch(Msg::JarProblem(problem));
        }
    });
    match p.field {
        Field::HttpOnly | Field::Secure => {
            let checked = if p.field == Field::HttpOnly {
                p.cookie.http_only
            } else {
                p.cookie.secure
            };
            html! { <input type="checkbox" checked={checked} aria-label={p.label.clone()} {onchange} /> }
        }
        Field::SameSite => {
            let cur = p.cookie.same_site.label();
            html! {
                <select aria-label={p.label.clone()} {onchange}>
                    {for ["", "Strict", "Lax", "None"].iter().map(|o| html! { <option value={*o} selected={*o == cur}>{if o.is_empty() { "—" } else { o }}</option> })}
                </select>
            }
        }
        _ => {
            let size = p.shown.chars().count().clamp(4, 20).to_string();
            html! {
                <input type="text" class={classes!("cell", p.mono.then_some("mono"))} value={p.shown.clone()} aria-label={p.label.clone()}
                    title={p.shown.clone()} size={size} spellcheck="false" autocomplete="off" {onchange} />
            }
        }
    }
}

/// The anatomy of a signed value, colour-coded.
fn anatomy_view(lang: Lang, raw: &str) -> Html {
    let Some(a) = anatomy(raw) else {
        return html! {};
    };
    html! {
        <div class="anatomy mono" aria-label="s: · payload · . · MAC">
            <span class="sig-prefix" title={t(lang, Key::AnatomyPrefix)}>{"s:"}</span>
            <span class="sig-id" title={t(lang, Key::AnatomyPayload)}>{a.payload.clone()}</span>
            if let Some(m) = &a.mac {
                <span class="sig-dot">{"."}</span>
                <span class="sig-mac" title={t(lang, Key::AnatomyMac)}>{m.clone()}</span>
            }
            <div class="legend">
                <span class="sig-prefix">{t(lang, Key::AnatomyPrefix)}</span>
                <span class="sig-id">{t(lang, Key::AnatomyPayload)}</span>
                <span class="sig-mac">{t(lang, Key::AnatomyMac)}</span>
            </div>
        </div>
    }
}

fn verdict_view(lang: Lang, v: &Verdict, signed_value: bool) -> Html {
    let (ok, text) = match v {
        Verdict::Accepted {
            sid,
            secret_index: 0,
        } if signed_value => (true, fill(t(lang, Key::VerdictValue), &[("v", sid)])),
        Verdict::Accepted {
            secret_index: 0, ..
        } => (true, t(lang, Key::VerdictAccepted).to_string()),
        Verdict::Accepted { secret_index, .. } => (
            true,
            fill(
                t(lang, Key::VerdictAcceptedOld),
                &[("n", &secret_index.to_string())],
            ),
        ),
        Verdict::UnknownSid { .. } => (false, t(lang, Key::VerdictUnknownSid).to_string()),
        Verdict::MissingPrefix { decode_failed } => {
            let mut s = t(lang, Key::VerdictMissingPrefix).to_string();
            if *decode_failed {
                s.push_str(t(lang, Key::VerdictDecodeFailed));
            }
            (false, s)
        }
        Verdict::NoDot => (false, t(lang, Key::VerdictNoDot).to_string()),
        Verdict::BadMac { .. } => (false, t(lang, Key::VerdictBadMac).to_string()),
        Verdict::NoSecret => (false, t(lang, Key::VerdictNoSecret).to_string()),
    };
    html! {
        <div class={classes!("verdict", if ok { "ok" } else { "bad" })}>
            <strong>{if ok { "✓ " } else { "✗ " }}</strong>{text}
            if let Verdict::BadMac { expected, presented } = v {
                <dl class="macs mono">
                    <dt>{t(lang, Key::VerdictExpected)}</dt><dd class="sig-mac">{expected.clone()}</dd>
                    <dt>{t(lang, Key::VerdictPresented)}</dt><dd class="presented">{presented.clone()}</dd>
                </dl>
            }
        </div>
    }
}

/// The pane.
#[component]
pub fn JarPane() -> Html {
    let s = use_app();
    let l = s.lang;
    let new_name = use_state(String::new);
    let new_value = use_state(String::new);
    let sh = s.shared.borrow();
    let lab = &sh.lab;
    let now = lab.now;
    let who = if s.attacker {
        s.jar_view
    } else {
        BrowserId::Victim
    };
    let address = if who == BrowserId::Victim {
        &s.address
    } else {
        &s.attacker_address
    };
    let url = Url::parse(address)
        .or_else(|_| Url::parse(&lab.home_url()))
        .ok();
    let jar = &lab.browser(who).jar;
    let cookies: Vec<Cookie> = jar
        .cookies()
        .iter()
        .filter(|c| !c.expired(now))
        .cloned()
        .collect();
    let decisions = url
        .as_ref()
        .map(|u| jar.decide(u, &RequestContext::typed("GET"), Api::Http, now))
        .unwrap_or_default();
    let app = lab.config.app;
    let hide_secret = s.hide_secret;
    let session_name = lab.server.options.name.clone();
    let secrets = lab.server.options.secret.clone().unwrap_or_default();
    // the store lookups the verdict needs: only the ids the jar's cookies carry
    let live: std::collections::HashSet<String> = if app.uses_session() {
        cookies
            .iter()
            .filter(|c| c.name == session_name)
            .filter_map(|c| crate::model::anatomy::anatomy(&c.value).map(|a| a.payload))
            .filter(|sid| lab.server.store.has_live(sid, now))
            .collect()
    } else {
        Default::default()
    };
    drop(sh);

    let plant = |c: Cookie| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Msg::Lab(Action::JarPut(BrowserId::Victim, c.clone()))))
    };
    let rows = cookies.iter().map(|c| {
        let decision = decisions.iter().find(|d| d.cookie.key() == c.key());
        let sent = match decision.and_then(|d| d.withheld.clone()) {
            None => html! { <span class="tag ok">{"✓ "}{t(l, Key::SentYes)}</span> },
            Some(w) => html! { <span class="tag warn">{"✗ "}{withheld_text(l, &w)}</span> },
        };
        let shown_value = if s.decoded { decode_uri_component(&c.value).unwrap_or_else(|_| c.value.clone()) } else { c.value.clone() };
        let label = |k: Key| AttrValue::from(fill(t(l, Key::EditCell), &[("what", &format!("{} · {}", t(l, k), c.name))]));
        let del = {
            let s = s.clone();
            let c = c.clone();
            Callback::from(move |_| {
                s.dispatch(Msg::Lab(Action::JarRemove {
                    browser: who,
                    name: c.name.clone(),
                    domain: c.domain.clone(),
                    path: c.path.clone(),
                }))
            })
        };
        html! {
            <tr key={format!("{}|{}|{}", c.name, c.domain, c.path)}>
                <td><Cell browser={who} cookie={c.clone()} field={Field::Name} shown={AttrValue::from(c.name.clone())} label={label(Key::ColName)} mono=true /></td>
                <td class="value"><Cell browser={who} cookie={c.clone()} field={Field::Value} shown={AttrValue::from(shown_value)} label={label(Key::ColValue)} mono=true /></td>
                <td><Cell browser={who} cookie={c.clone()} field={Field::Domain} shown={AttrValue::from(c.domain.clone())} label={label(Key::ColDomain)} mono=true /></td>
                <td><Cell browser={who} cookie={c.clone()} field={Field::Path} shown={AttrValue::from(c.path.clone())} label={label(Key::ColPath)} mono=true /></td>
                <td><Cell browser={who} cookie={c.clone()} field={Field::Expires} shown={AttrValue::from(expires_text(c, l, now))} label={label(Key::ColExpires)} /></td>
                <td class="num">{c.size()}</td>
                <td class="center"><Cell browser={who} cookie={c.clone()} field={Field::HttpOnly} shown="" label={AttrValue::from(format!("HttpOnly · {}", c.name))} /></td>
                <td class="center"><Cell browser={who} cookie={c.clone()} field={Field::Secure} shown="" label={AttrValue::from(format!("Secure · {}", c.name))} /></td>
                <td><Cell browser={who} cookie={c.clone()} field={Field::SameSite} shown="" label={AttrValue::from(format!("SameSite · {}", c.name))} /></td>
                <td class="sent">{sent}</td>
                <td class="actions">
                    <button type="button" class="btn small danger" onclick={del} aria-label={format!("{} {}", t(l, Key::Delete), c.name)}>{t(l, Key::Delete)}</button>
                    if who == BrowserId::Attacker {
                        <button type="button" class="btn small" onclick={plant(c.clone())}>{t(l, Key::PlantInVictim)}</button>
                    }
                </td>
            </tr>
        }
    });

    // the cookie the server will check, and its verdict
    let watched = match app {
        App::CookieOnlySigned => Some("balance".to_string()),
        a if a.uses_session() => Some(session_name.clone()),
        _ => None,
    };
    let verdict_box = watched.and_then(|name: String| {
        let c = cookies.iter().find(|c| {
            c.name == name
                && decisions
                    .iter()
                    .any(|d| d.cookie.key() == c.key() && d.withheld.is_none())
        })?;
        let verdict = if app == App::CookieOnlySigned {
            signed_cookie_verdict(&c.value, CARD_SECRET)
        } else {
            session_verdict(&name, &c.value, &secrets, |sid| live.contains(sid))
        };
        let secret_text = if hide_secret {
            t(l, Key::SecretHidden).to_string()
        } else if app == App::CookieOnlySigned {
            format!("'{CARD_SECRET}'")
        } else {
            secrets
                .iter()
                .map(|x| format!("'{x}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(html! {
            <section class="verdict-box" aria-labelledby="h-verdict">
                <h3 id="h-verdict">{t(l, Key::VerdictTitle)}{": "}<code>{name.clone()}</code></h3>
                {anatomy_view(l, &c.value)}
                {verdict_view(l, &verdict, app == App::CookieOnlySigned)}
                <p class="muted small">{t(l, Key::SecretLabel)}{": "}<code>{secret_text}</code></p>
            </section>
        })
    });

    let add = {
        let s = s.clone();
        let (n, v) = (new_name.clone(), new_value.clone());
        let host = url
            .as_ref()
            .map(|u| u.host.clone())
            .unwrap_or_else(|| "localhost".into());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if n.is_empty() && v.is_empty() {
                return;
            }
            let now = s.shared.borrow().lab.now;
            let c = Cookie::by_hand(&n, &v, &host, now);
            if let Err(r) = c.check(&Limits::default()) {
                // keep what was typed, so it can be fixed
                s.dispatch(Msg::JarProblem(JarProblem::Invalid(r)));
                return;
            }
            s.dispatch(Msg::Lab(Action::JarPut(who, c)));
            n.set(String::new());
            v.set(String::new());
        })
    };
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Msg::ToggleDecoded))
    };
    html! {
        <>
            <div class="pane-head">
                <h2 id="h-jar">{t(l, Key::PaneJar)}</h2>
                if s.attacker {
                    <div role="group" class="segmented" aria-label={t(l, Key::PaneJar)}>
                        {for [BrowserId::Victim, BrowserId::Attacker].into_iter().map(|b| {
                            let s2 = s.clone();
                            html! { <button type="button" class="seg" aria-pressed={(b == who).to_string()}
                                onclick={Callback::from(move |_| s2.dispatch(Msg::SetJarView(b)))}>{browser_name(l, b)}</button> }
                        })}
                    </div>
                }
                if let Some(u) = &url { <span class="muted small">{fill(t(l, Key::NextRequestTo), &[("url", &u.to_string())])}</span> }
                <label class="switch"><input type="checkbox" checked={s.decoded} onchange={toggle} />{t(l, Key::ShowDecoded)}</label>
            </div>
            <div class="table-wrap">
                <table class="jar">
                    <thead><tr>
                        <th scope="col">{t(l, Key::ColName)}</th><th scope="col">{t(l, Key::ColValue)}</th>
                        <th scope="col">{t(l, Key::ColDomain)}</th><th scope="col">{t(l, Key::ColPath)}</th>
                        <th scope="col">{t(l, Key::ColExpires)}</th><th scope="col">{t(l, Key::ColSize)}</th>
                        <th scope="col">{"HttpOnly"}</th><th scope="col">{"Secure"}</th><th scope="col">{"SameSite"}</th>
                        <th scope="col">{t(l, Key::ColSent)}</th><th scope="col"><span class="sr-only">{t(l, Key::ColActions)}</span></th>
                    </tr></thead>
                    <tbody>
                        {for rows}
                        if cookies.is_empty() { <tr><td colspan="11" class="muted">{t(l, Key::JarEmpty)}</td></tr> }
                    </tbody>
                </table>
            </div>
            <form class="add-cookie" onsubmit={add}>
                <input type="text" class="mono" placeholder={t(l, Key::ColName)} aria-label={t(l, Key::ColName)} value={(*new_name).clone()} oninput={super::bind_text(&new_name)} />
                <input type="text" class="mono" placeholder={t(l, Key::ColValue)} aria-label={t(l, Key::ColValue)} value={(*new_value).clone()} oninput={super::bind_text(&new_value)} />
                <button type="submit" class="btn">{t(l, Key::AddCookie)}</button>
            </form>
            if let Some(p) = &s.jar_problem {
                <p class="error" role="alert" id="jar-problem">{jar_problem_text(l, p)}</p>
            }
            {verdict_box.unwrap_or_default()}
            <super::tools::JarIoBox browser={who} />
        </>
    }
}
