//! Every string the page shows, in zh-CN and en, in one table.
//!
//! The `strings!` macro makes a missing translation a compile error: each key must be given
//! both texts. Components call [`t`] with a [`Key`]; no text literal lives in a component.

/// A display language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (`zh-CN`).
    Zh,
    /// English (`en`); the language to start in when the browser prefers neither.
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
        #[cfg(not(target_arch = "wasm32"))]
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::Zh, Key::$key) => $zh, (Lang::En, Key::$key) => $en,)*
            }
        }

        /// The text of `key` in `lang`. The module carries only the zh-CN texts (the course's
        /// language); the English ones come from `strings-en.json` (`english::install`), and
        /// until they have, English reads the zh-CN text.
        #[cfg(target_arch = "wasm32")]
        pub fn t(lang: Lang, key: Key) -> &'static str {
            let zh = match key {
                $(Key::$key => $zh,)*
            };
            match lang {
                Lang::Zh => zh,
                Lang::En => english::text(key).unwrap_or(zh),
            }
        }

        /// A fingerprint of every English text in `Key` order, computed while compiling (the
        /// texts themselves stay out of the module): `strings-en.json` must carry the same.
        pub const EN_HASH: u64 = english::fnv1a(&[$($en),*]);
    };
}

pub mod english;

/// Feeds every area file's lines, in turn, into one [`strings!`] call.
macro_rules! collect {
    ([] $($acc:tt)*) => { strings! { $($acc)* } };
    ([$first:ident $(, $rest:ident)*] $($acc:tt)*) => { $first! { [$($rest),*] $($acc)* } };
}

#[macro_use]
mod labels;
#[macro_use]
mod lessons;
#[macro_use]
mod challenges;
#[macro_use]
mod events;
#[macro_use]
mod messages;
#[macro_use]
mod teaching;
#[macro_use]
mod access;
#[macro_use]
mod export;
#[macro_use]
mod library;
#[macro_use]
mod breaks;
#[macro_use]
mod inspector;

collect! { [labels, lessons, challenges, events, messages, teaching, access, export, library, breaks, inspector] }

/// Replaces `{name}` placeholders in a template, and picks each English plural written
/// `{one|other:name}` by that argument: `one` when it is "1", `other` otherwise ("1 session
/// lost", "2 sessions lost"; "(s)" had been read out as it stands). Chinese needs none.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    // plurals first, in the template alone: a value filled in (a cookie, a message) is the
    // learner's text and is never read as a choice
    let mut out = if template.contains('|') {
        plurals(template, args)
    } else {
        template.to_string()
    };
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// `template` with each `{one|other:name}` replaced by the form `args` picks.
fn plurals(template: &str, args: &[(&str, &str)]) -> String {
    let mut rest = template;
    let mut out = String::with_capacity(template.len());
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let choice = after.find('}').and_then(|close| {
            let (forms, name) = after[..close].split_once(':')?;
            let (one, other) = forms.split_once('|')?;
            let (_, n) = args.iter().find(|(k, _)| *k == name)?;
            Some((if *n == "1" { one } else { other }, close))
        });
        match choice {
            Some((form, close)) => {
                out.push_str(form);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Appends a sentence to others: a space apart, except after Chinese punctuation, which needs
/// none. The one rule for every text built of sentences (the live region's, mostly).
pub fn push_sentence(out: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    out.push_str(gap_after(out));
    out.push_str(s);
}

/// What goes between `prev` and the sentence after it (for text drawn in two elements): a
/// space, or nothing after Chinese punctuation or at the start.
pub fn gap_after(prev: &str) -> &'static str {
    match prev.chars().last() {
        Some(c) if !"。！？）：".contains(c) => " ",
        _ => "",
    }
}

/// Sentences one after another, joined as [`push_sentence`] joins them.
pub fn sentences<S: AsRef<str>>(parts: &[S]) -> String {
    let mut out = String::new();
    for p in parts {
        push_sentence(&mut out, p.as_ref());
    }
    out
}

/// A count with its thousands grouped by commas (`1,101,540`), as both languages write
/// large numbers in running text.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_join_with_a_space_except_after_chinese_punctuation() {
        assert_eq!(sentences(&["Right.", "Because."]), "Right. Because.");
        assert_eq!(sentences(&["答对了。", "因为。"]), "答对了。因为。");
        assert_eq!(sentences(&["挑战完成！", "篡改余额"]), "挑战完成！篡改余额");
        assert_eq!(sentences(&["（只读）", "x"]), "（只读）x");
        assert_eq!(sentences(&["响应 403", "", "x"]), "响应 403 x");
        assert_eq!(sentences::<&str>(&[]), "");
    }

    #[test]
    fn english_plurals_follow_their_count() {
        let said = |lost: &str, kept: &str| {
            fill(
                t(Lang::En, Key::EvServerRestarted),
                &[("lost", lost), ("kept", kept)],
            )
        };
        assert_eq!(
            said("1", "0"),
            "The server restarted: 1 session lost, 0 kept."
        );
        assert_eq!(
            said("2", "1"),
            "The server restarted: 2 sessions lost, 1 kept."
        );
        assert_eq!(
            said("0", "3"),
            "The server restarted: 0 sessions lost, 3 kept."
        );
        assert_eq!(
            fill(
                t(Lang::En, Key::NoticeDropped),
                &[("n", "1"), ("part", "the jar")]
            ),
            "1 saved item in the jar was invalid and was dropped."
        );
        // a value filled in is never read as a choice, and braces that are no choice stay
        assert_eq!(
            fill("{n} {key|keys:n}: {v}", &[("n", "2"), ("v", "{a|b:n}")]),
            "2 keys: {a|b:n}"
        );
        assert_eq!(fill("{\"a\":1} {x|y:z} {", &[]), "{\"a\":1} {x|y:z} {");
        // no template of either language keeps a "(s)" or a choice without its count
        for key in Key::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let text = t(lang, *key);
                assert!(!text.contains("(s)"), "{key:?}: {text}");
            }
        }
    }

    #[test]
    fn grouped_counts() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (100_000, "100,000"),
            (1_101_540, "1,101,540"),
        ] {
            assert_eq!(grouped(n), want);
        }
    }

    /// Words of the course's Chinese pages that English texts quote (with a gloss) to name
    /// what the learner sees and clicks.
    const COURSE_WORDS: &[&str] = &["签名校验失败", "登录", "退出", "欢迎你"];

    /// Keys whose zh-CN text is the technical term itself (as Chinese DevTools shows it, or
    /// as the lessons' steps name the store beside its methods).
    // (and the store's column head: every Chinese goal and verdict says session id)
    const SAME_IN_BOTH: &[Key] = &[Key::JarIoNetscape, Key::TimelineStoreWord, Key::ColSid];

    #[test]
    fn every_key_has_both_languages_and_they_differ() {
        for &k in Key::ALL {
            let (zh, en) = (t(Lang::Zh, k), t(Lang::En, k));
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{k:?} is empty"
            );
            if SAME_IN_BOTH.contains(&k) {
                assert_eq!(zh, en, "{k:?} is listed as identical");
                continue;
            }
            // text outside placeholders: a template that is all placeholders and punctuation
            // has nothing to translate
            let words: String = zh
                .split('{')
                .enumerate()
                .map(|(i, p)| {
                    if i == 0 {
                        p
                    } else {
                        p.split_once('}').map_or(p, |(_, r)| r)
                    }
                })
                .collect();
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || !words.chars().any(|c| c.is_alphabetic()),
                "{k:?} has no Chinese in zh-CN: {zh}"
            );
            // English may quote what the course's Chinese pages show, to name what to click
            let en_words = COURSE_WORDS
                .iter()
                .fold(en.to_string(), |s, w| s.replace(w, ""));
            assert!(
                !en_words
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{k:?} has Chinese in en: {en}"
            );
        }
    }

    /// A text that tells the learner to open a page writes an address the address bar takes:
    /// a bare path ("open /user") cannot be typed there (it has no host), and the challenge
    /// hints said so where the address bar's own error names the whole URL.
    #[test]
    fn no_text_asks_to_open_a_bare_path() {
        // lesson 3 writes its paths after the port, as its second step says once
        let after_the_port = [
            Key::StepMiddleware2,
            Key::StepMiddleware3,
            Key::StepMiddlewareUnsaved,
            Key::StepMiddleware4,
        ];
        let verbs = [
            "open /", "Open /", "visit /", "Visit /", "打开 /", "访问 /", "打开/", "访问/",
        ];
        let bare: Vec<String> = Key::ALL
            .iter()
            .filter(|k| !after_the_port.contains(k))
            .flat_map(|&k| [t(Lang::Zh, k), t(Lang::En, k)].map(|text| (k, text)))
            .filter(|(_, text)| verbs.iter().any(|v| text.contains(v)))
            .map(|(k, text)| format!("{k:?}: {text}"))
            .collect();
        assert!(bare.is_empty(), "{bare:#?}");
    }

    /// A text that names a control quotes its label as the page draws it: forge's hint 3
    /// names the signer's field, lesson 3's step 3 the options' button (a label
    /// renamed alone would leave the words pointing at nothing).
    #[test]
    fn texts_quote_the_labels_they_name() {
        let pairs = [
            (Key::ChForgeHint3, Key::SignerValue),
            (Key::StepMiddleware3, Key::OptionsApply),
        ];
        for (text, label) in pairs {
            let quoted = [
                (Lang::Zh, format!("“{}”", t(Lang::Zh, label))),
                (Lang::En, format!("'{}'", t(Lang::En, label))),
            ];
            for (lang, q) in quoted {
                assert!(t(lang, text).contains(&q), "{text:?} ({lang:?}) quotes {q}");
            }
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                // an English plural names the count it follows
                .map(|n| match n.split_once(':') {
                    Some((forms, name)) if forms.contains('|') => name.to_string(),
                    _ => n,
                })
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for &k in Key::ALL {
            assert_eq!(names(t(Lang::Zh, k)), names(t(Lang::En, k)), "{k:?}");
        }
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
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
