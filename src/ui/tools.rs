//! The header's share panel (share link and embed code), the compact bar an embed shows
//! instead of the site's header, and the jar's import/export box.

use super::{copy_text, embed, input_value, use_app};
use crate::i18n::{fill, t, Key};
use crate::model::workbench::{Op, ToolPanel};
use yew::prelude::*;

/// The share link (with "include secret") and the iframe snippet.
#[component]
pub fn SharePanel() -> Html {
    let s = use_app();
    let include = use_state(|| false);
    let copied = use_state(|| None::<Key>);
    let base = embed::base_url();
    let (l, link, src, hide_secret, scenario, in_challenge) = {
        let wb = s.model();
        let shared = wb.share_fragment(*include);
        (
            wb.lang(),
            format!("{base}#{shared}"),
            // the embed as the link: a secret ticked goes in both (a weak-secret demo embedded
            // without it fell back to the course's zfpx)
            format!("{base}#{shared}&embed=1"),
            wb.hide_secret(),
            wb.scenario_link().map(|r| r.map(|_| ())),
            wb.challenge_id().is_some(),
        )
    };
    // a scenario travels whole, its options (a secret included) with it: the box has no say
    let in_link = matches!(scenario, Some(Ok(())));
    let intro = match scenario {
        // (a challenge's link starts it afresh: see `Workbench::share_fragment`)
        None if in_challenge => t(l, Key::ShareChallengeIntro).to_string(),
        None => t(l, Key::ShareIntro).to_string(),
        Some(Ok(())) => t(l, Key::ShareScenarioIntro).to_string(),
        Some(Err(bytes)) => fill(
            t(l, Key::ShareScenarioTooLong),
            &[("kb", &bytes.div_ceil(1024).to_string())],
        ),
    };
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let snippet = crate::model::share::embed_snippet(&src, &origin, t(l, Key::AppTitle));
    let toggle = {
        let include = include.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            include.set(input_value(&e).as_deref() == Some("true"));
            copied.set(None);
        })
    };
    let copy = |text: String, which: Key| {
        let copied = copied.clone();
        let d = s.dispatcher();
        Callback::from(move |_| {
            let copied = copied.clone();
            copy_text(d.clone(), &text, move || copied.set(Some(which)));
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            i.select();
        } else if let Some(a) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
            a.select();
        }
    });
    let close = super::access::panel_closer(&s, ToolPanel::Share, "#open-share");
    html! {
        <section class="tool-panel" id="share-panel" aria-labelledby="share-title" onfocusin={super::effects::whole_on_focus}
            onkeydown={super::access::escape_closes(&close, "share-panel", "#open-share")}>
            // compact, so all of it fits the header panel's 40% of a 720 px screen: the way
            // out beside the title, the hint beside its box, each copy button beside its label
            <div class="row panel-head">
                <h2 id="share-title">{t(l, Key::ShareTitle)}</h2>
                <button type="button" class="btn small" onclick={close.reform(|_: MouseEvent| ())}>{t(l, Key::PanelClose)}</button>
            </div>
            <p class="muted" id="share-intro">{intro}</p>
            <div class="row">
                <label class="check">
                    // (a scenario's link takes its secret: the box says so, greyed)
                    <input type="checkbox" id="share-secret" checked={*include || in_link} onchange={toggle} disabled={hide_secret || in_link || in_challenge}
                        aria-describedby="share-secret-hint" />
                    {t(l, Key::IncludeSecret)}
                </label>
                // the greyed box says why it is greyed ("matters only if you changed it" read
                // as a choice beside a box that offered none: a reviewer)
                <span class="muted small" id="share-secret-hint">{t(l, if in_link {
                    Key::IncludeSecretHintScenario
                } else if hide_secret {
                    Key::IncludeSecretHintHidden
                } else if in_challenge {
                    // a challenge's link carries no options (`Workbench::share_fragment`): the
                    // box, ticked, changed nothing (zh teacher review)
                    Key::IncludeSecretHintChallenge
                } else {
                    Key::IncludeSecretHint
                })}</span>
            </div>
            <label for="share-link">{t(l, Key::ShareLink)}</label>
            <div class="row">
                <input id="share-link" class="mono grow" readonly=true value={link.clone()} onfocus={select_all.clone()} />
                <button type="button" class="btn primary" id="share-copy" onclick={copy(link, Key::CopyLink)}>
                    {t(l, if *copied == Some(Key::CopyLink) { Key::Copied } else { Key::CopyLink })}
                </button>
            </div>
            <div class="row panel-head">
                <label for="share-embed">{t(l, Key::EmbedSnippet)}</label>
                // what a teacher pasting it needs to know, on the label's line (the panel shows
                // whole at 1280x720): a wide frame keeps its height, and the theme follows the
                // learner's (a reviewer's 720 px frame at 1280 px squeezed the panes; a dark
                // lab sat in a white course page)
                <span class="muted small grow" id="share-embed-hint">{t(l, Key::EmbedSnippetHint)}</span>
                <button type="button" class="btn small" id="share-copy-embed" onclick={copy(snippet.clone(), Key::CopySnippet)}>
                    {t(l, if *copied == Some(Key::CopySnippet) { Key::Copied } else { Key::CopySnippet })}
                </button>
            </div>
            <textarea id="share-embed" class="mono" readonly=true rows="3" value={snippet} onfocus={select_all} aria-describedby="share-embed-hint" />
        </section>
    }
}

/// An embed's compact bar: the lesson, its variants, reset, and a way out to the full lab.
#[component]
pub fn EmbedBar() -> Html {
    let s = use_app();
    let (l, full, card, title) = {
        let wb = s.model();
        // a challenge or scenario card below already names itself and holds the variants; the
        // heading, for screen readers only then, names the challenge, not the lesson under it
        // (a tamper embed's only h1 read "Cookie vs session")
        let card = wb.challenge().is_some() || wb.scenario().is_some();
        let full = format!("{}#{}", embed::base_url(), wb.full_lab_fragment());
        let title = if card {
            wb.place_name(wb.lang())
        } else {
            t(wb.lang(), wb.lesson().texts().0).to_string()
        };
        (wb.lang(), full, card, title)
    };
    let reset = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Op::Reset))
    };
    html! {
        <header class="embed-bar">
            <h1 class={classes!("embed-title", card.then_some("sr-only"))}>{title}</h1>
            if card { <span class="embed-spacer"></span> }
            <super::controls::Clock />
            // set apart from the clock's buttons, which look alike: a mis-tap beside "+1 day"
            // wiped the lab
            <button type="button" class="btn small danger-outline embed-reset" id="embed-reset" title={t(l, Key::ResetHint)} onclick={reset}>{t(l, Key::Reset)}</button>
            // a student who moved over lost the jar and the ticked steps without a word
            <a class="btn small" href={full} target="_blank" rel="noopener" title={t(l, Key::OpenFullLabHint)}>{t(l, Key::OpenFullLab)}{" ↗"}</a>
            // last, on a row of its own where the bar is short of room: between the title and the
            // clock lesson 5's four made the bar three rows high at 960 px
            if !card { <super::guide::VariantPicker /> }
        </header>
    }
}

/// Props of [`JarIoBox`].
#[derive(Properties, PartialEq)]
pub struct JarIoProps {
    /// Whose jar.
    pub browser: crate::engine::events::BrowserId,
}

/// Importing and exporting a jar: Cookie-Editor JSON, Netscape cookies.txt, a Cookie header.
#[component]
pub fn JarIoBox(props: &JarIoProps) -> Html {
    use crate::model::jar_io::{export, read, Format, ImportError};
    let s = use_app();
    let l = s.model().lang();
    // what the last import did, on screen (the live region says it too)
    let imported = s
        .model()
        .last_import()
        .filter(|r| r.who == props.browser)
        .map(|r| (r.text(l), r.stored > 0));
    let format = use_state(|| Format::CookieEditorJson);
    let text = use_state(String::new);
    // typed, and worded when drawn: the page's language may change while it is shown
    let error = use_state(|| None::<ImportError>);
    let who = props.browser;
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(f) = input_value(&e).and_then(|v| Format::from_code(&v)) {
                format.set(f);
            }
        })
    };
    let do_export = {
        let (s, format, text, error) = (s.clone(), format.clone(), text.clone(), error.clone());
        Callback::from(move |_| {
            let n = {
                let wb = s.model();
                let lab = wb.lab();
                let cookies = lab.browser(who).jar.cookies();
                text.set(export(cookies, *format, lab.now));
                cookies.len()
            };
            error.set(None);
            s.dispatch(Op::SayExported(n));
        })
    };
    let do_import = {
        let (s, format, text, error) = (s.clone(), format.clone(), text.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (host, now) = {
                let wb = s.model();
                let host = crate::engine::url::Url::parse(&wb.lab().home_url())
                    .map(|u| u.host)
                    .unwrap_or_else(|_| "localhost".into());
                (host, wb.lab().now)
            };
            match read(&text, *format, &host, now) {
                Ok(imported) => {
                    error.set(None);
                    s.dispatch(Op::ImportCookies(who, imported));
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let name = |f: Format| {
        t(
            l,
            match f {
                Format::CookieEditorJson => Key::JarIoJson,
                Format::Netscape => Key::JarIoNetscape,
                Format::Header => Key::JarIoHeader,
            },
        )
    };
    let options = Format::ALL.iter().map(|&f| {
        html! { <option value={f.code()} selected={f == *format}>{name(f)}</option> }
    });
    // a refusal in one format of text written in another says which it looks like
    let looks_like = (*error)
        .as_ref()
        .and_then(|_| Format::guess(&text))
        .filter(|g| *g != *format)
        .map(|g| fill(t(l, Key::JarIoLooksLike), &[("format", name(g))]));
    html! {
        <details class="jar-io">
            <summary>{t(l, Key::JarIoTitle)}</summary>
            <form class="stack" onsubmit={do_import}>
                <label class="check">{t(l, Key::JarIoFormat)}
                    <select id="jar-io-format" onchange={on_format}>{for options}</select>
                </label>
                <textarea id="jar-io-text" class="mono" rows="6" spellcheck="false" aria-label={t(l, Key::JarIoText)}
                    value={(*text).clone()} oninput={super::bind_text(&text)} />
                if let Some(e) = &*error {
                    <div role="alert">
                        <p class="error" id="jar-import-error">{fill(t(l, Key::JarIoError), &[("error", &crate::model::explain::import_error_text(l, e))])}</p>
                        if let Some(hint) = looks_like { <p class="small" id="jar-import-hint">{hint}</p> }
                    </div>
                } else if let Some((said, any)) = imported {
                    <p class={classes!("small", "import-said", if any { "good" } else { "muted" })} id="jar-import-said">{said}</p>
                }
                <div class="row">
                    <button type="button" class="btn" id="jar-export" onclick={do_export}>{t(l, Key::JarExport)}</button>
                    <button type="submit" class="btn" id="jar-import">{t(l, Key::JarImport)}</button>
                </div>
            </form>
        </details>
    }
}
