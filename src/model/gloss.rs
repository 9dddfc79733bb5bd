//! Short English glosses for the course's Chinese pages and messages, shown after them in the
//! simulated browser when the page is in English (`用户页面 (user page)`). The servers keep
//! answering in Chinese, as the course's code does; the gloss only helps a reader who does not
//! read it. In Chinese no gloss is shown.
//!
//! [`GLOSSES`] holds the fixed texts and [`gloss`] the ones with a variable part (a balance,
//! a username), carried over into the English. To gloss a new server text, add a row to
//! [`GLOSSES`], or a prefix to [`gloss`] when the text ends in a value.

use crate::engine::attacker_site;
use crate::engine::clip;
use crate::engine::server::auth::{LEFT, SLOW_PAGE};
use crate::engine::server::cookie_only::{BAD_SIGNATURE, WELCOME_BACK, WELCOME_NEW};
use crate::i18n::Lang;

/// The fixed texts the course's servers send or render, and their English.
pub const GLOSSES: &[(&str, &str)] = &[
    // views/user.html
    ("用户页面", "user page"),
    ("退出", "log out"),
    // views/index.html: the title and the button
    ("登录", "log in"),
    ("用户名", "username"),
    // lesson 1 and 2: the haircut card
    (
        WELCOME_NEW,
        "welcome, new customer: here is a haircut card worth 100 yuan",
    ),
    (BAD_SIGNATURE, "signature check failed"),
    // views/transfer.html
    ("转账", "transfer"),
    ("返回", "back"),
    // the attacker's page (evil.example)
    (
        attacker_site::TITLE,
        "congratulations, you have won a prize!",
    ),
    (attacker_site::CLAIMING, "claiming your prize…"),
    (attacker_site::CLAIM, "claim the prize"),
];

/// Texts that end in a value (views/transfer.html), and the English before the value.
const PREFIXES: &[(&str, &str)] = &[
    ("收款人：", "to: "),
    ("金额：", "amount: "),
    (LEFT, "left on the card: "),
    // the fixed app's /slow
    (SLOW_PAGE, "slow page: "),
];

/// The user page's greeting before the username (`<p>欢迎你，<%= username %></p>`).
pub const GREETING: &str = "欢迎你，";

/// At most this many characters of a carried-over value (a username may be megabytes long).
const CARRIED: usize = 80;

/// The English gloss of one text of a page, if it is one of the course's: a fixed text of
/// [`GLOSSES`], the returning customer's balance message, or the user page's greeting, with
/// the balance or the name carried over.
pub fn gloss(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some((_, en)) = GLOSSES.iter().find(|(zh, _)| *zh == text) {
        return Some((*en).to_string());
    }
    if let Some(balance) = text.strip_prefix(WELCOME_BACK) {
        return Some(format!(
            "welcome back: your card has {} left",
            clip(balance, CARRIED)
        ));
    }
    if let Some((en, value)) = PREFIXES
        .iter()
        .find_map(|(zh, en)| text.strip_prefix(zh).map(|v| (en, v)))
    {
        return Some(format!("{en}{}", clip(value, CARRIED)));
    }
    if let Some(name) = text.strip_prefix(GREETING) {
        return Some(if name.is_empty() {
            "welcome".to_string()
        } else {
            format!("welcome, {}", clip(name, CARRIED))
        });
    }
    None
}

/// One text of the simulated page, as the browser pane shows it in a language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    /// The text as the server sent it, unchanged.
    pub text: String,
    /// Its `lang`: `zh-CN` when it holds Chinese, else none (the page's own).
    pub lang: Option<&'static str>,
    /// The English gloss to show after it (in English only).
    pub gloss: Option<String>,
}

/// Whether `s` holds a Chinese character.
pub fn has_han(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3400}'..='\u{4dbf}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

/// The `lang` a text needs on a page in `page`: `zh-CN` for Chinese on an English page (or
/// anywhere: a server's Chinese is Chinese), `en` for English words on a Chinese page, else
/// none (the page's own language, or no words at all).
pub fn lang_of(text: &str, page: Lang) -> Option<&'static str> {
    if has_han(text) {
        Some(Lang::Zh.tag())
    } else if page == Lang::Zh && text.chars().any(|c| c.is_ascii_alphabetic()) {
        Some(Lang::En.tag())
    } else {
        None
    }
}

/// `text` cut where Chinese starts and stops, each piece with the `lang` it needs on an
/// English page (Chinese pieces `zh-CN`, the rest none); on a Chinese page, one piece with none.
/// For mixed text such as a line of code holding a Chinese string.
pub fn runs(text: &str, page: Lang) -> Vec<(&str, Option<&'static str>)> {
    if page == Lang::Zh {
        return vec![(text, None)];
    }
    let mut out: Vec<(&str, Option<&'static str>)> = Vec::new();
    let mut start = 0;
    let mut han = None;
    for (i, c) in text.char_indices() {
        let h = has_han(c.encode_utf8(&mut [0; 4]));
        if han.is_some_and(|was| was != h) {
            out.push((
                &text[start..i],
                han.and_then(|was: bool| was.then_some(Lang::Zh.tag())),
            ));
            start = i;
        }
        han = Some(h);
    }
    if start < text.len() {
        out.push((
            &text[start..],
            han.and_then(|was| was.then_some(Lang::Zh.tag())),
        ));
    }
    out
}

/// `text` from the server, marked and glossed for a page in `lang`.
pub fn said(text: &str, lang: Lang) -> Said {
    Said {
        text: text.to_string(),
        lang: lang_of(text, lang),
        gloss: match lang {
            Lang::En => gloss(text),
            Lang::Zh => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_texts() {
        assert_eq!(gloss("用户页面").as_deref(), Some("user page"));
        assert_eq!(gloss("登录").as_deref(), Some("log in"));
        assert_eq!(gloss("用户名").as_deref(), Some("username"));
        assert_eq!(gloss("退出").as_deref(), Some("log out"));
        assert_eq!(
            gloss("签名校验失败").as_deref(),
            Some("signature check failed")
        );
        assert_eq!(
            gloss("欢迎你新顾客，送你一张价值100元的剪发卡").as_deref(),
            Some("welcome, new customer: here is a haircut card worth 100 yuan")
        );
    }

    #[test]
    fn values_are_carried_over() {
        assert_eq!(
            gloss("欢迎你老顾客，你卡上还剩90").as_deref(),
            Some("welcome back: your card has 90 left")
        );
        assert_eq!(
            gloss("欢迎你老顾客，你卡上还剩NaN").as_deref(),
            Some("welcome back: your card has NaN left")
        );
        assert_eq!(gloss("收款人：mallory").as_deref(), Some("to: mallory"));
        assert_eq!(gloss("金额：50").as_deref(), Some("amount: 50"));
        assert_eq!(
            gloss("卡上还剩：NaN").as_deref(),
            Some("left on the card: NaN")
        );
        assert_eq!(gloss("欢迎你，alice").as_deref(), Some("welcome, alice"));
        // the fixed app's /slow, Chinese as the course's pages are
        assert_eq!(gloss("慢页面：alice").as_deref(), Some("slow page: alice"));
        assert_eq!(gloss("欢迎你，").as_deref(), Some("welcome"));
        let long = "x".repeat(10_000);
        let g = gloss(&format!("欢迎你，{long}")).unwrap();
        assert!(g.chars().count() < 100 && g.ends_with('…'), "{g}");
    }

    #[test]
    fn other_texts_have_none() {
        for text in [
            "views: 1",
            "",
            "regenerated",
            "Found. Redirecting to /user",
            "欢迎",
        ] {
            assert_eq!(gloss(text), None, "{text}");
        }
    }

    #[test]
    fn mixed_text_is_cut_where_chinese_starts_and_stops() {
        assert_eq!(
            runs("res.send('用户页面'); // ok", Lang::En),
            vec![
                ("res.send('", None),
                ("用户页面", Some("zh-CN")),
                ("'); // ok", None)
            ]
        );
        assert_eq!(
            runs("欢迎你，alice", Lang::En),
            vec![("欢迎你，", Some("zh-CN")), ("alice", None)]
        );
        assert_eq!(runs("plain", Lang::En), vec![("plain", None)]);
        assert_eq!(runs("", Lang::En), vec![]);
        assert_eq!(runs("用户 page", Lang::Zh), vec![("用户 page", None)]);
    }

    #[test]
    fn only_english_pages_gloss() {
        let en = said("退出", Lang::En);
        assert_eq!(en.gloss.as_deref(), Some("log out"));
        assert_eq!(en.lang, Some("zh-CN"));
        let zh = said("退出", Lang::Zh);
        assert_eq!((zh.gloss, zh.lang), (None, Some("zh-CN")));
        let plain = said("views: 1", Lang::En);
        assert_eq!((plain.gloss, plain.lang), (None, None));
        // English from a server on a Chinese page says so
        assert_eq!(
            said("Found. Redirecting to /user", Lang::Zh).lang,
            Some("en")
        );
        assert_eq!(said("404", Lang::Zh).lang, None);
        assert_eq!(plain.text, "views: 1");
    }

    #[test]
    fn the_course_s_pages_are_all_glossed() {
        use crate::engine::server::auth::transfer_page;
        use crate::engine::server::source::{INDEX_VIEW, USER_VIEW};
        use crate::model::page::{render, Block};
        let transfer = transfer_page(Some(&"mallory".into()), 50.0, 50.0).unwrap();
        let evil = attacker_site::page(8080);
        for view in [
            INDEX_VIEW,
            USER_VIEW.replace("<%= username %>", "alice").as_str(),
            &transfer,
            &evil,
        ] {
            let p = render(view, Some("text/html; charset=utf-8"));
            let mut texts = vec![p.title.unwrap()];
            for b in p.blocks {
                match b {
                    Block::Text(t) | Block::Link { text: t, .. } => texts.push(t),
                    Block::Form { fields, submit, .. } => {
                        texts.extend(fields.into_iter().map(|f| f.label));
                        texts.push(submit);
                    }
                    Block::Pre(t) => panic!("{t}"),
                }
            }
            for t in texts {
                assert!(gloss(&t).is_some(), "no gloss for {t}");
            }
        }
    }
}
