//! The learner's browser: address bar, the page the server returned (rendered from a safe
//! model, never as HTML), the redirect hops, and "close browser".

use super::use_app;
use crate::engine::attacker_site;
use crate::engine::events::{BrowserId, Cause};
use crate::engine::lab::{Action, Navigate};
use crate::engine::server::http::reason_phrase;
use crate::i18n::Lang;
use crate::i18n::{t, Key};
use crate::model::explain::{browser_name, navigation_failed_text};
use crate::model::gloss::said;
use crate::model::page::{render, Block};
use crate::model::workbench::Op;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A text of the page as the server sent it, in a `.said` span (marked `zh-CN` when it is
/// Chinese), and in English its gloss after it in a `.gloss` span, so tests and readers can
/// take the server's words without the gloss.
fn said_html(l: Lang, text: &str) -> Html {
    let s = said(text, l);
    html! {
        <>
            <span class="said" lang={s.lang}>{s.text}</span>
            if let Some(g) = s.gloss { <span class="gloss" lang="en">{format!(" ({g})")}</span> }
        </>
    }
}

/// Where a window's address bar was on the screen, and the page's scroll, just before an
/// action in the window (see `Window`).
struct Held {
    top: f64,
    scroll: f64,
    at: f64,
}

impl Held {
    /// The bar's place now, where the panes are tabs (elsewhere the page does not scroll:
    /// each pane does).
    fn take(bar: &NodeRef) -> Option<Held> {
        if !super::effects::media_matches(crate::model::workbench::NARROW_SCREEN) {
            return None;
        }
        let w = web_sys::window()?;
        super::effects::take_revealed();
        Some(Held {
            top: bar
                .cast::<web_sys::Element>()?
                .get_bounding_client_rect()
                .top(),
            scroll: w.scroll_y().ok()?,
            at: w.performance()?.now(),
        })
    }

    /// Scrolls the page by what the bar moved since, if nothing else scrolled it or brought
    /// something into view (a rejection's banner, a challenge's "solved": it would scroll
    /// them away again) and the drawing is the action's (within a second: an action that
    /// changed nothing draws nothing, and a later drawing is another's).
    fn put_back(self, bar: &NodeRef) {
        let Some(w) = web_sys::window() else { return };
        let Some(el) = bar.cast::<web_sys::Element>() else {
            return;
        };
        let revealed = super::effects::take_revealed();
        let fresh = w.performance().is_some_and(|p| p.now() - self.at < 1000.0);
        let still = w.scroll_y().is_ok_and(|y| (y - self.scroll).abs() < 0.5);
        let moved = el.get_bounding_client_rect().top() - self.top;
        if !revealed && fresh && still && moved.abs() >= 0.5 {
            w.scroll_by_with_x_and_y(0.0, moved);
        }
    }
}

#[derive(Properties, PartialEq)]
struct WindowProps {
    browser: BrowserId,
}

/// One browser window: address bar, hops, page.
#[component]
fn Window(p: &WindowProps) -> Html {
    let s = use_app();
    let who = p.browser;
    let wb = s.model();
    let l = wb.lang();
    let page = wb.lab().browser(who).page.clone();
    let hops: Vec<(u16, String)> = wb
        .timeline()
        .last_navigation(who)
        .iter()
        .map(|x| (x.response.status, x.url.target()))
        .collect();
    let address = wb.address_of(who).to_string();
    let name = wb.window_name(who);
    let role = name != browser_name(l, who);
    let problem = wb
        .nav_problem()
        .filter(|p| p.browser == who && !p.raw)
        .map(|p| navigation_failed_text(l, &p.url, &p.reason));
    drop(wb);
    let input_id = if who == BrowserId::Victim {
        "address"
    } else {
        "attacker-address"
    };
    // Where the panes lie under the lesson card and the last-request banner (a phone, a
    // tablet), what the learner does in this window leaves the window where it was on the
    // screen, so the address bar and its Go button stay under the thumb (at 390 px lesson 1's
    // Go went from y 474 to 438, 458, 500 as the card and the banner changed height). The
    // card's step line never gets shorter than the lesson's first (`next-room`) and the
    // banner has room for three lines: what grows past that (a new step's longer line; lesson
    // 4's logout, a check line for each request of its redirect) is scrolled away, and what
    // it gives back later (a shorter line after a longer one) scrolled back. The bar's place is taken before
    // the action; the first drawing after it puts the bar back, unless something else
    // scrolled the page or brought something into view meanwhile.
    let bar = use_node_ref();
    let held = use_mut_ref(|| None::<Held>);
    let hold = {
        let (bar, held) = (bar.clone(), held.clone());
        move || *held.borrow_mut() = Held::take(&bar)
    };
    {
        let (bar, held) = (bar.clone(), held.clone());
        use_effect(move || {
            let before = held.borrow_mut().take();
            if let Some(before) = before {
                before.put_back(&bar);
            }
        });
    }
    let follow = {
        let s = s.clone();
        let hold = hold.clone();
        move |href: String| {
            hold();
            s.dispatch(Op::FollowLink(who, href))
        }
    };
    let on_go = {
        let s = s.clone();
        let hold = hold.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            hold();
            s.dispatch(Op::Go(who));
        })
    };
    let on_input = {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                s.dispatch(Op::Type(who, i.value()));
            }
        })
    };
    // as a browser's address bar: a click or tap that focuses it selects the whole address,
    // so what the learner types replaces it (a step's "type http://localhost:3000/" into the
    // filled-in bar made "http://lhttp://localhost:3000/ocalhost:3000/")
    let select = super::use_select_on_press(false);
    let on_reload = {
        let s = s.clone();
        let hold = hold.clone();
        Callback::from(move |_| {
            hold();
            s.dispatch(Op::Reload(who))
        })
    };
    let on_close = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Act(Action::CloseBrowser(who))))
    };

    let body = match &page {
        None => html! { <p class="muted blank">{t(l, Key::BlankPage)}</p> },
        Some(res) => {
            let model = render(&res.body, res.header("content-type"));
            let blocks = model.blocks.iter().map(|b| match b {
                Block::Text(text) => html! { <p>{said_html(l, text)}</p> },
                Block::Pre(text) => html! { <pre class="page-pre">{text.clone()}</pre> },
                Block::Link { href, text } => {
                    let follow = follow.clone();
                    let href2 = href.clone();
                    html! {
                        <p><button type="button" class="linklike" title={href.clone()}
                            onclick={Callback::from(move |_| follow(href2.clone()))}>{said_html(l, text)}</button></p>
                    }
                }
                Block::Form { action, method, fields, submit } => {
                    let s = s.clone();
                    let hold = hold.clone();
                    let (action, method) = (action.clone(), method.clone());
                    let onsubmit = Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        hold();
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
                        s.dispatch(Op::Submit { browser: who, action: action.clone(), method: method.clone(), fields: pairs });
                    });
                    let inputs = fields.iter().map(|f| {
                        let kind = if f.kind == "password" { "password" } else if f.kind == "hidden" { "hidden" } else { "text" };
                        html! {
                            <label class="field">
                                <span>{said_html(l, &f.label)}</span>
                                <PageField kind={kind} name={f.name.clone()} value={f.value.clone()} />
                            </label>
                        }
                    });
                    let submit = if submit.is_empty() { html! { {t(l, Key::SubmitDefault)} } } else { said_html(l, submit) };
                    html! {
                        // a page the server sent anew is a new form (its fields hold their
                        // `value=` again), drawn afresh
                        <form class="page-form" key={std::rc::Rc::as_ptr(res) as usize} onsubmit={onsubmit}>
                            {for inputs}
                            <button type="submit" class="btn primary">{submit}</button>
                        </form>
                    }
                }
            });
            html! {
                <>
                    if let Some(title) = model.title.as_deref() { <div class="page-title">{said_html(l, title)}</div> }
                    if model.blocks.is_empty() { <p class="muted">{t(l, Key::EmptyBody)}</p> }
                    {for blocks}
                </>
            }
        }
    };
    let status = page.as_ref().map(|r| r.status);
    // the attacker's window repeats the learner's controls: its names say whose they are
    let named = |k: Key| match who {
        BrowserId::Victim => t(l, k).to_string(),
        BrowserId::Attacker => format!("{}{}", t(l, k), t(l, Key::AttackerSuffix)),
    };
    html! {
        // a group named by whose browser it is: the pages' own buttons (two 退出 once both
        // browsers are logged in) say nothing of it, and a screen reader tells them apart here
        <div class={classes!("window", (who == BrowserId::Attacker).then_some("attacker"))} role="group" aria-label={name}>
            <form class="addressbar" ref={bar} onsubmit={on_go}>
                // a role is shown even beside one window (CSRF): the goal speaks of the victim
                <span class={classes!("who", role.then_some("role"))}>{name}</span>
                <button type="button" class="icon reload" aria-label={named(Key::Reload)} title={t(l, Key::Reload)} onclick={on_reload}>{"⟳"}</button>
                <label class="sr-only" for={input_id}>{format!("{} · {}", t(l, Key::AddressLabel), name)}</label>
                <input id={input_id} class="mono" type="text" value={address} oninput={on_input}
                    onpointerdown={select.press} onfocus={select.focus} onmouseup={select.release}
                    spellcheck="false" autocomplete="off" autocapitalize="off" />
                <button type="submit" class="btn primary" aria-label={named(Key::Go)}>{t(l, Key::Go)}</button>
                <button type="button" class="btn small close" title={t(l, Key::CloseBrowserHint)} aria-label={named(Key::CloseBrowser)} onclick={on_close}>
                    // in a narrow window the short word, so the address keeps its room
                    <span class="long">{t(l, Key::CloseBrowser)}</span><span class="short" aria-hidden="true">{t(l, Key::CloseBrowserShort)}</span>
                </button>
            </form>
            if let Some(text) = problem {
                // the live region says it (an alert as well read it twice)
                <p class="error nav-problem">{text}</p>
            }
            if hops.len() > 1 || status.is_some() {
                <ol class="hops" aria-label={t(l, Key::RedirectsLabel)}>
                    {for hops.iter().map(|(st, target)| html! {
                        <li><span class={classes!("status", format!("s{}", st / 100))}>{format!("{st} {}", reason_phrase(*st))}</span>
                            <span class="mono">{target.clone()}</span></li>
                    })}
                </ol>
            }
            // a region named "Page" in its window's group: a form sent puts the focus here,
            // at the start of the new page (a nameless box was read as its text alone)
            <div class="viewport" role="region" aria-label={named(Key::PageRegionLabel)}>{body}</div>
        </div>
    }
}

/// The pane: the learner's browser and, when shown, the attacker's with its tools.
#[component]
pub fn BrowserPane() -> Html {
    let s = use_app();
    let (l, attacker, place, site) = {
        let wb = s.model();
        (wb.lang(), wb.attacker(), wb.place(), wb.inbox())
    };
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::ToggleAttacker))
    };
    // a link in an email opens the attacker's site in the learner's browser (no initiator: a
    // mail program, like the address bar)
    let open_mail = {
        let s = s.clone();
        Callback::from(move |_| {
            let mut n = Navigate::typed(BrowserId::Victim, attacker_site::URL);
            n.cause = Cause::Link;
            s.dispatch(Op::Act(Action::Navigate(n)));
        })
    };
    html! {
        <>
            <div class="pane-head">
                <h2 id="h-browser">{t(l, Key::PaneBrowser)}</h2>
                <button type="button" class="btn small" aria-pressed={attacker.to_string()} onclick={toggle}>
                    {t(l, if attacker { Key::HideAttacker } else { Key::ShowAttacker })}
                </button>
            </div>
            if site {
                <p class="inbox small">
                    <span>{t(l, Key::InboxLabel)}</span>{" "}
                    // the mail's address opens it too: it looked like a link and did nothing
                    <button type="button" id="inbox-link" class="linklike" onclick={open_mail}>
                        {t(l, Key::InboxSubject)}{" "}<span class="mono">{attacker_site::URL}</span>
                    </button>
                </p>
            }
            <div class={classes!("windows", attacker.then_some("two"))}>
                <Window browser={BrowserId::Victim} />
                if attacker { <Window browser={BrowserId::Attacker} /> }
            </div>
            // a new lesson or challenge starts the tools empty (their fields are their own state)
            if attacker { <super::attacker::AttackerTools key={place} /> }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PageFieldProps {
    kind: &'static str,
    name: String,
    value: String,
}

/// A field of a form in the page the server sent: it holds its `value=` when drawn, then what
/// the learner types. Not `value=` in the markup: Yew puts that back at every render, and every
/// dispatch renders the whole page (another tab's write to the store, a scenario's step), so
/// a name half typed into the login form was wiped. The form is read when it is submitted.
#[component]
fn PageField(p: &PageFieldProps) -> Html {
    let field = use_node_ref();
    {
        let (field, value) = (field.clone(), p.value.clone());
        use_effect_with(value, move |value| {
            if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                input.set_value(value);
            }
        });
    }
    html! { <input ref={field} type={p.kind} name={p.name.clone()} autocomplete="off" spellcheck="false" /> }
}
