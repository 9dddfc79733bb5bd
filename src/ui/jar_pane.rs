//! The cookie jar, DevTools style: every cell editable, whether each cookie goes with the next
//! request (and why not), and for a signed value its anatomy and the server's verdict. What
//! the cells mean and what the server will say comes from the page model
//! ([`crate::model::workbench`]); this file draws it.

use super::input_value;
use super::use_app;
use crate::engine::events::BrowserId;
use crate::engine::jar::{check_name_value, Cookie, Field as CookieField};
use crate::engine::lab::Action;
use crate::engine::uri::decode_uri_component;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::anatomy::{anatomy, Verdict};
use crate::model::explain::{browser_name, jar_problem_text, withheld_text};
use crate::model::jar_cells::expires_text;
use crate::model::workbench::{secret_text, verdict_text, Op, ServerCheck};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct CellProps {
    browser: BrowserId,
    cookie: Cookie,
    field: CookieField,
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
        let Some(text) = input_value(&e) else { return };
        s.dispatch(Op::EditCookie {
            browser: who,
            cookie: cookie.clone(),
            field,
            text,
        });
        if s.model().jar_problem().is_some() {
            // not acceptable: the model says why; show the stored value again
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                i.set_value(&shown);
            }
        }
    });
    match p.field {
        CookieField::HttpOnly | CookieField::Secure => {
            let checked = if p.field == CookieField::HttpOnly {
                p.cookie.http_only
            } else {
                p.cookie.secure
            };
            html! { <input type="checkbox" checked={checked} aria-label={p.label.clone()} {onchange} /> }
        }
        CookieField::SameSite => {
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

/// The box under the jar: the cookie the server reads, taken apart, and its verdict.
fn verdict_box(lang: Lang, check: &ServerCheck) -> Html {
    let (ok, text) = verdict_text(lang, check);
    html! {
        <section class="verdict-box" aria-labelledby="h-verdict">
            <h3 id="h-verdict">{t(lang, Key::VerdictTitle)}{": "}<code>{check.name.clone()}</code></h3>
            {anatomy_view(lang, &check.value)}
            <div class={classes!("verdict", if ok { "ok" } else { "bad" })}>
                <strong>{if ok { "✓ " } else { "✗ " }}</strong>{text}
                if let Verdict::BadMac { expected, presented } = &check.verdict {
                    <dl class="macs mono">
                        <dt>{t(lang, Key::VerdictExpected)}</dt><dd class="sig-mac">{expected.clone()}</dd>
                        <dt>{t(lang, Key::VerdictPresented)}</dt><dd class="presented">{presented.clone()}</dd>
                    </dl>
                }
            </div>
            <p class="muted small">{t(lang, Key::SecretLabel)}{": "}<code>{secret_text(lang, check)}</code></p>
        </section>
    }
}

/// The pane.
#[component]
pub fn JarPane() -> Html {
    let s = use_app();
    let new_name = use_state(String::new);
    let new_value = use_state(String::new);
    let wb = s.model();
    let l = wb.lang();
    let now = wb.lab().now;
    let who = wb.jar_owner();
    let attacker = wb.attacker();
    let decoded = wb.decoded();
    let url = wb.next_url(who);
    let rows = wb.jar_rows(who);
    let check = wb.server_check(who);
    let problem = wb.jar_problem().map(|p| jar_problem_text(l, p));
    drop(wb);

    let plant = |c: Cookie| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Act(Action::JarPut(BrowserId::Victim, c.clone()))))
    };
    let empty = rows.is_empty();
    let rows = rows.into_iter().map(|d| {
        let c = d.cookie;
        let sent = match &d.withheld {
            None => html! { <span class="tag ok">{"✓ "}{t(l, Key::SentYes)}</span> },
            Some(w) => html! { <span class="tag warn">{"✗ "}{withheld_text(l, w)}</span> },
        };
        let shown_value = if decoded { decode_uri_component(&c.value).unwrap_or_else(|_| c.value.clone()) } else { c.value.clone() };
        let label = |k: Key| AttrValue::from(fill(t(l, Key::EditCell), &[("what", &format!("{} · {}", t(l, k), c.name))]));
        let flag = |name: &str| AttrValue::from(format!("{name} · {}", c.name));
        let del = {
            let s = s.clone();
            let c = c.clone();
            Callback::from(move |_| {
                s.dispatch(Op::Act(Action::JarRemove {
                    browser: who,
                    name: c.name.clone(),
                    domain: c.domain.clone(),
                    path: c.path.clone(),
                }))
            })
        };
        let cell = |field: CookieField, shown: String, label: AttrValue, mono: bool| html! {
            <Cell browser={who} cookie={c.clone()} {field} shown={AttrValue::from(shown)} {label} {mono} />
        };
        html! {
            <tr key={format!("{}|{}|{}", c.name, c.domain, c.path)}>
                <td>{cell(CookieField::Name, c.name.clone(), label(Key::ColName), true)}</td>
                <td class="value">{cell(CookieField::Value, shown_value, label(Key::ColValue), true)}</td>
                <td>{cell(CookieField::Domain, c.domain.clone(), label(Key::ColDomain), true)}</td>
                <td>{cell(CookieField::Path, c.path.clone(), label(Key::ColPath), true)}</td>
                <td>{cell(CookieField::Expires, expires_text(&c, l, now), label(Key::ColExpires), false)}</td>
                <td class="num">{c.size()}</td>
                <td class="center">{cell(CookieField::HttpOnly, String::new(), flag("HttpOnly"), false)}</td>
                <td class="center">{cell(CookieField::Secure, String::new(), flag("Secure"), false)}</td>
                <td>{cell(CookieField::SameSite, String::new(), flag("SameSite"), false)}</td>
                <td class="sent">{sent}</td>
                <td class="actions">
                    <button type="button" class="btn small danger" onclick={del} aria-label={format!("{} {}", t(l, Key::Delete), c.name)}>{t(l, Key::Delete)}</button>
                    if who == BrowserId::Attacker {
                        <button type="button" class="btn small" onclick={plant(c.clone())}>{t(l, Key::PlantInVictim)}</button>
                    }
                </td>
            </tr>
        }
    }).collect::<Vec<Html>>();

    let add = {
        let s = s.clone();
        let (n, v) = (new_name.clone(), new_value.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if n.is_empty() && v.is_empty() {
                return;
            }
            // a refused cookie keeps what was typed, so it can be fixed
            let fits = check_name_value(&n, &v, &Default::default()).is_ok();
            s.dispatch(Op::AddCookie(who, (*n).clone(), (*v).clone()));
            if fits {
                n.set(String::new());
                v.set(String::new());
            }
        })
    };
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::ToggleDecoded))
    };
    html! {
        <>
            <div class="pane-head">
                <h2 id="h-jar">{t(l, Key::PaneJar)}</h2>
                if attacker {
                    <div role="group" class="segmented" aria-label={t(l, Key::PaneJar)}>
                        {for [BrowserId::Victim, BrowserId::Attacker].into_iter().map(|b| {
                            let s2 = s.clone();
                            html! { <button type="button" class="seg" aria-pressed={(b == who).to_string()}
                                onclick={Callback::from(move |_| s2.dispatch(Op::ShowJar(b)))}>{browser_name(l, b)}</button> }
                        })}
                    </div>
                }
                if let Some(u) = &url { <span class="muted small">{fill(t(l, Key::NextRequestTo), &[("url", &u.to_string())])}</span> }
                <label class="switch"><input type="checkbox" checked={decoded} onchange={toggle} />{t(l, Key::ShowDecoded)}</label>
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
                        if empty { <tr><td colspan="11" class="muted">{t(l, Key::JarEmpty)}</td></tr> }
                    </tbody>
                </table>
            </div>
            <form class="add-cookie" onsubmit={add}>
                <input type="text" class="mono" placeholder={t(l, Key::ColName)} aria-label={t(l, Key::ColName)} value={(*new_name).clone()} oninput={super::bind_text(&new_name)} />
                <input type="text" class="mono" placeholder={t(l, Key::ColValue)} aria-label={t(l, Key::ColValue)} value={(*new_value).clone()} oninput={super::bind_text(&new_value)} />
                <button type="submit" class="btn">{t(l, Key::AddCookie)}</button>
            </form>
            if let Some(text) = problem {
                <p class="error" role="alert" id="jar-problem">{text}</p>
            }
            {check.map(|c| verdict_box(l, &c)).unwrap_or_default()}
            <super::tools::JarIoBox browser={who} />
        </>
    }
}
