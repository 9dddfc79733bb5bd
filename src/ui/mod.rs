//! The page: a thin Yew layer over the engine (wasm32 only).
use crate::i18n::{t, Key, Lang};
use yew::prelude::*;

/// Colour theme choice; `System` follows `prefers-color-scheme`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Theme {
    /// Follow the operating system.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

fn initial_lang() -> Lang {
    let langs = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect::<Vec<_>>())
        .unwrap_or_default();
    Lang::from_preferences(langs.iter().map(String::as_str))
}

fn apply_document(lang: Lang, theme: Theme) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
            match theme.attr() {
                Some(v) => {
                    let _ = root.set_attribute("data-theme", v);
                }
                None => {
                    let _ = root.remove_attribute("data-theme");
                }
            }
        }
        doc.set_title(&format!(
            "{} · {}",
            t(lang, Key::AppTitle),
            t(Lang::En, Key::AppTitle)
        ));
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let lang = use_state(initial_lang);
    let theme = use_state(|| Theme::System);
    {
        let (l, th) = (*lang, *theme);
        use_effect_with((l, th), move |_| apply_document(l, th));
    }
    let l = *lang;
    let lang_buttons = Lang::ALL.iter().map(|&code| {
        let lang = lang.clone();
        let label = match code {
            Lang::Zh => "中文",
            Lang::En => "English",
        };
        html! {
            <button type="button" class="seg" aria-pressed={(code == l).to_string()}
                lang={code.tag()} onclick={Callback::from(move |_| lang.set(code))}>{label}</button>
        }
    });
    let theme_buttons = [
        (Theme::System, Key::ThemeSystem),
        (Theme::Light, Key::ThemeLight),
        (Theme::Dark, Key::ThemeDark),
    ]
    .into_iter()
    .map(|(value, key)| {
        let theme = theme.clone();
        html! {
            <button type="button" class="seg" aria-pressed={(value == *theme).to_string()}
                onclick={Callback::from(move |_| theme.set(value))}>{t(l, key)}</button>
        }
    });
    let panes = [
        Key::PaneBrowser,
        Key::PaneJar,
        Key::PaneServer,
        Key::PaneTimeline,
    ]
    .map(|k| {
        html! {
            <section class="pane" aria-label={t(l, k)}>
                <h2>{t(l, k)}</h2>
                <p class="muted">{t(l, Key::PaneEmpty)}</p>
            </section>
        }
    });
    html! {
        <>
            <a class="skip" href="#main">{t(l, Key::SkipToMain)}</a>
            <header class="topbar">
                <div class="brand">
                    <h1>{t(l, Key::AppTitle)}</h1>
                    <p class="tagline">{t(l, Key::AppTagline)}</p>
                </div>
                <div class="controls">
                    <div role="group" class="segmented" aria-label={t(l, Key::LanguageLabel)}>{for lang_buttons}</div>
                    <div role="group" class="segmented" aria-label={t(l, Key::ThemeLabel)}>{for theme_buttons}</div>
                </div>
            </header>
            <main id="main" class="panes">{for panes}</main>
        </>
    }
}

/// Mounts the page on `<body>`.
pub fn run() {
    yew::Renderer::<App>::new().render();
}
