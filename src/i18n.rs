//! Every string the page shows, in zh-CN and en, in one table.
//!
//! The `strings!` macro makes a missing translation a compile error: each key must be given
//! both texts. Components call [`t`] with a [`Key`]; no text literal lives in a component.

/// A display language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in switcher order.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code used in storage and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `en`, `en-US`, ... (case-insensitive).
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language to start in, from the browser's preference list: the first listed
    /// language we have, else English.
    pub fn from_preferences<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Lang {
        prefs
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or(Lang::En)
    }
}

macro_rules! strings {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Key { $($key,)* }

        impl Key {
            /// Every key, for completeness tests.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }

        /// The text of `key` in `lang`.
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::Zh, Key::$key) => $zh, (Lang::En, Key::$key) => $en,)*
            }
        }
    };
}

strings! {
    AppTitle => "会话实验室", "Session Lab";
    AppTagline => "看清 HTTP 会话的每一步：Cookie、签名与服务器上的 session", "See every step of an HTTP session: cookies, signatures and the session on the server";
    LanguageLabel => "语言", "Language";
    ThemeLabel => "主题", "Theme";
    ThemeSystem => "跟随系统", "System";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    PaneBrowser => "浏览器", "Browser";
    PaneJar => "Cookie 罐", "Cookie jar";
    PaneServer => "服务器", "Server";
    PaneTimeline => "时间线", "Timeline";
    PaneEmpty => "这一栏还没有内容。", "Nothing here yet.";
    SkipToMain => "跳到主要内容", "Skip to main content";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_they_differ() {
        for &k in Key::ALL {
            let (zh, en) = (t(Lang::Zh, k), t(Lang::En, k));
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{k:?} is empty"
            );
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k:?} has no Chinese in zh-CN: {zh}"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k:?} has Chinese in en: {en}"
            );
        }
    }

    #[test]
    fn language_from_preferences() {
        assert_eq!(Lang::from_preferences(["fr", "zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::from_preferences(["en-GB"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de"]), Lang::En);
        assert_eq!(Lang::from_code("ZH-tw"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("x"), None);
    }
}
