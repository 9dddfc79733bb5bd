//! The comments of the JavaScript the lab shows, in the page's language.
//!
//! The templates in `js/*.js` (and the lines [`super::source`] writes in, such as
//! [`super::source::LESSON_5_HEADER`] and [`super::source::SEQUENTIAL_ID_LINE`]) are written
//! with English comments: the parity harness runs those files and "lines that ran" are found
//! in that English source. For the Chinese page, [`in_lang`] swaps each comment for its entry
//! in [`ZH`], line by line, and leaves the code before it untouched, so every line keeps its
//! number and only the text after `//` changes.
//!
//! **Adding a comment.** Write the English comment in the template (one line each; a longer
//! one continues on the next `//` line), then add a row to [`ZH`]: the English text exactly as
//! it follows `// ` (without the `// ` itself), and the Chinese text for the same line. The
//! test `every_comment_has_chinese` fails until the row is there, and `every_row_is_used` fails
//! for a row whose English no longer appears in any rendering. Keep identifiers, option names
//! and the course's misspellings (`usrename`) as they are inside the Chinese text.

/// The language the shown code's comments are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CommentLang {
    /// The comments as the templates have them (and as the parity harness runs them).
    #[default]
    En,
    /// Simplified Chinese, from [`ZH`].
    Zh,
}

/// Every English comment of the shown code (the text after `// `) and its Chinese line.
pub const ZH: &[(&str, &str)] = &[
    // an option set to something other than the course's value (source::option_lines)
    ("the course: true", "课程里是 true"),
    ("the course: 'zfpx'", "课程里是 'zfpx'"),
    // source::MONGO_API_NOTE
    (
        "connect-mongo 4+; the course's require('connect-mongo')(session) and new MongoStore({ url }) are the older API",
        "connect-mongo 4 以后的写法；课程里的 require('connect-mongo')(session) 和 new MongoStore({ url }) 是旧版 API",
    ),
    // js/cookie-only.js
    (
        "Lesson 1: the card lives in the browser. The balance is an ordinary cookie,",
        "第一课：卡放在浏览器里。余额只是一个普通的 cookie，",
    ),
    (
        "so whoever holds the browser can read it, and can change it.",
        "谁拿着这个浏览器，谁就能看到它，也能随手改掉它。",
    ),
    (
        "first visit: hand out a card worth 100",
        "第一次来：送一张面值 100 元的卡",
    ),
    (
        "a returning customer: believe the cookie, charge 10",
        "老顾客：cookie 里写多少就信多少，扣 10 块钱",
    ),
    // js/cookie-only-signed.js
    (
        "Lesson 1, signed: the balance still lives in the browser, but it carries an",
        "第一课（签名版）：余额还是放在浏览器里，但它附带一个",
    ),
    (
        "HMAC made with the server's secret, so an edited value no longer verifies.",
        "用服务器的密钥算出的 HMAC，值被改过之后签名就对不上了。",
    ),
    (
        "no signed card at all: hand out a new one",
        "没有带签名的卡：发一张新卡",
    ),
    (
        "the card was there, but its signature did not match",
        "卡带来了，可是签名对不上",
    ),
    // js/manual.js
    (
        "Lesson 2: a session built by hand. The browser keeps only a card number;",
        "第二课：自己动手实现 session。浏览器只保存一个卡号；",
    ),
    (
        "the balance stays in the shop's notebook (a plain object in server memory).",
        "余额记在店家的小本上（服务器内存里的一个普通对象）。",
    ),
    (
        "the cookie both sides agree to carry the number in",
        "和浏览器约好用这个 cookie 带卡号",
    ),
    (
        "the notebook: card number -> { balance }",
        "店家的小本：卡号 -> { balance }（余额）",
    ),
    (
        "a new customer (or a number the notebook never wrote down): a new card worth 100",
        "新顾客（或者小本上没记过的卡号）：发一张 100 元的新卡",
    ),
    (
        "a card the notebook knows: take 10 off and say what is left",
        "小本上有这张卡：扣 10 元，告诉顾客还剩多少",
    ),
    // source.rs: SEQUENTIAL_ID_LINE
    (
        "the next number: easy to guess",
        "按顺序发下一个号：很容易被猜到",
    ),
    // js/counter.js
    (
        "Lesson 3: express-session does the bookkeeping. One signed cookie carries",
        "第三课：记账交给 express-session。一个签过名的 cookie 只带着",
    ),
    (
        "the session id; the data lives in the store.",
        "session id；数据都保存在 store 里。",
    ),
    ("count this visit", "把这次访问记上一笔"),
    ("read without writing", "只读不写"),
    (
        "throw the old session away and start a fresh one under a new id",
        "扔掉旧的 session，换一个新 id 从头开始",
    ),
    (
        "remove the session from the store",
        "把 session 从 store 里删掉",
    ),
    (
        "drop req.session; the `unset` option decides what happens to the store",
        "去掉 req.session；store 里的数据怎么处理，由 `unset` 选项决定",
    ),
    (
        "\"remember me\": a 30-day cookie from now on",
        "“记住我”：从现在起 cookie 保留 30 天",
    ),
    // js/auth-seed.js
    (
        "The course's login app (lesson 4), with the course's bugs:",
        "课程的登录应用（第四课），课程里的 bug 都照样留着：",
    ),
    (
        "checkUser is written but no route mounts it, and logout clears",
        "checkUser 写好了，却没有哪个路由把它挂在前面；退出时清掉的是",
    ),
    (
        "`usrename` (sic), so the username stays in the session and so does the login.",
        "`usrename`（原文如此，拼错了），所以用户名还在 session 里，登录状态也还在。",
    ),
    (
        "pages are .html files in ./views (the course: beside app.js), rendered by ejs",
        "页面是 ./views 里的 .html 文件（课程里放在 app.js 旁边），由 ejs 渲染",
    ),
    (
        "a guard: go on only when the session names a user, else back to the login form",
        "守门的中间件：session 里有用户名才放行，否则回到登录表单",
    ),
    ("the login form", "登录表单"),
    (
        "the form sends ?username=…: keep it in the session, then show the user page",
        "表单送来 ?username=…：记进 session，再跳到用户页面",
    ),
    (
        "the user page prints the whole session on the server's console",
        "用户页面把整个 session 打印到服务器的控制台",
    ),
    (
        "(and checkUser is not in front of it)",
        "（而且前面没有挂 checkUser）",
    ),
    (
        "log out: meant to forget the username; read the property's name twice",
        "退出：本想忘掉用户名；把属性名仔细读两遍",
    ),
    (
        "a slow page: it reads the session at once, then takes 300 ms to build",
        "一个慢页面：先立刻读出 session，再花 300 毫秒才生成好",
    ),
    (
        "(a slow query, another service); the session is saved when it is sent",
        "（慢查询、等别的服务）；session 要到页面发出时才保存",
    ),
    (
        "the lab's addition: a haircut card worth 100, as in lesson 2, to spend at /transfer",
        "实验室加的：送一张面值 100 元的剪发卡（和第二课一样），可以在 /transfer 花掉",
    ),
    // js/auth-fixed.js
    (
        "Lesson 4, repaired: a fresh session id at login, checkUser in front of",
        "第四课，修好的版本：登录时换新的 session id，用户页面前",
    ),
    (
        "the user page, and a logout that really ends the session.",
        "挂上 checkUser，退出时真正结束 session。",
    ),
    (
        "The lab adds a balance of 100 at login, spent by POST /transfer, and a slow /slow.",
        "实验室另加了：登录时送 100 元余额，用 POST /transfer 花；还有一个慢页面 /slow。",
    ),
    (
        "log in under a brand-new session id, so an id planted earlier is useless",
        "登录时换一个全新的 session id，别人事先塞进来的 id 就作废了",
    ),
    (
        "the user page, guarded this time",
        "用户页面，这次有 checkUser 把关",
    ),
    (
        "pay part of the card's balance to someone: a POST that changes state, guarded too",
        "把卡上的一部分余额转给别人：会改变状态的 POST，同样有 checkUser 把关",
    ),
    (
        "log out: delete the session from the store and tell the browser to drop the cookie",
        "退出：从 store 里删掉 session，并让浏览器删掉 cookie",
    ),
    // source.rs: LESSON_5_SEED_HEADER, LESSON_5_HEADER
    (
        "Lesson 5: lesson 4's login app, its sessions in MongoDB (connect-mongo), with the course's bugs:",
        "第五课：第四课的登录应用，session 由 connect-mongo 存进 MongoDB，课程里的 bug 照样留着：",
    ),
    (
        "Lesson 5: the login app of lesson 4, its sessions kept in MongoDB by connect-mongo.",
        "第五课：还是第四课的登录应用，session 改由 connect-mongo 存进 MongoDB。",
    ),
];

/// The byte offset of the `//` that starts a line comment, if the line has one: the first
/// `//` outside a string literal (`'…'`, `"…"` or `` `…` ``, with backslash escapes), so a URL
/// or a secret such as `'a//b'` in an option is never taken for a comment.
pub fn comment_start(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c @ (b'\'' | b'"' | b'`')) => quote = Some(c),
            (None, b'/') if b.get(i + 1) == Some(&b'/') => return Some(i),
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// The Chinese text for one English comment (the text after `// `), if [`ZH`] has it.
pub fn zh(english: &str) -> Option<&'static str> {
    ZH.iter().find(|(en, _)| *en == english).map(|(_, zh)| *zh)
}

/// `source` with its comments in `lang`. Only the text after each `// ` changes: line breaks,
/// code, string literals and the lines without a comment are copied as they are, and a
/// comment [`ZH`] does not have stays English.
pub fn in_lang(source: &str, lang: CommentLang) -> String {
    if lang == CommentLang::En {
        return source.to_string();
    }
    let mut out = String::with_capacity(source.len() + source.len() / 4);
    for piece in source.split_inclusive('\n') {
        let (line, end) = match piece.strip_suffix('\n') {
            Some(l) => (l, "\n"),
            None => (piece, ""),
        };
        let translated = comment_start(line).and_then(|at| {
            let after = &line[at + 2..];
            let gap = after.len() - after.trim_start().len();
            zh(after.trim()).map(|z| format!("{}{z}", &line[..at + 2 + gap]))
        });
        out.push_str(translated.as_deref().unwrap_or(line));
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_start_outside_strings() {
        assert_eq!(comment_start("// a"), Some(0));
        assert_eq!(comment_start("  x = 1;  // note"), Some(10));
        assert_eq!(comment_start("  url: 'mongodb://h/db'"), None);
        let line = r#"  s: 'it\'s // no', t: "//", u: `//` // yes"#;
        assert_eq!(&line[comment_start(line).unwrap()..], "// yes");
        assert_eq!(comment_start("a / b"), None);
    }

    #[test]
    fn only_the_comment_text_changes() {
        let src = "// the login form\nvar a = '// the login form';\n  x();  // count this visit\n// not in the table";
        let zh_src = in_lang(src, CommentLang::Zh);
        assert_eq!(
            zh_src,
            "// 登录表单\nvar a = '// the login form';\n  x();  // 把这次访问记上一笔\n// not in the table"
        );
        assert_eq!(in_lang(src, CommentLang::En), src);
        assert_eq!(in_lang("a\n", CommentLang::Zh), "a\n");
    }

    /// Every shown source worth checking: each app without options, with the course's, with a
    /// persistent store (lesson 5's header and the connect-mongo lines), with hostile option
    /// values (`//` and quotes inside strings, a line break in a secret), each with every id
    /// scheme (the sequential one rewrites the hand-built app's id line).
    fn renderings() -> Vec<(String, String)> {
        use crate::engine::ids::IdScheme;
        use crate::engine::json::{json, Value};
        use crate::engine::server::source::render_with_ids;
        use crate::engine::server::App;
        use crate::engine::session::{merge, SessionOptions};
        let overrides = [
            json!({}),
            json!({"store": "persistent"}),
            json!({"store": "persistent", "name": "a//b", "secret": ["it's // new", "x\ny"],
                   "cookie": {"path": "/'//", "maxAge": 60000, "expires": "2030-01-01T00:00:00.000Z"}}),
            json!({"rolling": true, "unset": "destroy", "resave": false, "cookie": {"sameSite": "strict"}}),
        ];
        let mut out = Vec::new();
        for app in App::ALL {
            for (i, over) in overrides.iter().enumerate() {
                let Value::Object(over) = over else {
                    unreachable!()
                };
                let opts = SessionOptions::from_json(&merge(&app.own_options(), over))
                    .unwrap_or_else(|e| panic!("{app:?} {over:?}: {e:?}"));
                for scheme in [
                    IdScheme::UidSafe,
                    IdScheme::DateRandom,
                    IdScheme::Sequential,
                ] {
                    let label = format!("{app:?}, options {i}, {scheme:?}");
                    out.push((label, render_with_ids(app, Some(&opts), scheme)));
                }
            }
            out.push((
                format!("{app:?} template"),
                render_with_ids(app, None, IdScheme::UidSafe),
            ));
        }
        out
    }

    fn has_han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_comment_has_chinese() {
        for (label, en) in renderings() {
            let zh_src = in_lang(&en, CommentLang::Zh);
            assert_eq!(zh_src.lines().count(), en.lines().count(), "{label}");
            assert_eq!(zh_src.ends_with('\n'), en.ends_with('\n'), "{label}");
            for (n, (e, z)) in en.lines().zip(zh_src.lines()).enumerate() {
                let at = format!("{label}, line {}", n + 1);
                match comment_start(e) {
                    None => assert_eq!(z, e, "{at}: a line without a comment is copied"),
                    Some(c) => {
                        // the same code, the same `// `, then the table's Chinese for the comment
                        let gap = e[c + 2..].len() - e[c + 2..].trim_start().len();
                        let (code, english) = e.split_at(c + 2 + gap);
                        let chinese = zh(english.trim())
                            .unwrap_or_else(|| panic!("{at}: no Chinese for `{english}` in ZH"));
                        assert_eq!(z, format!("{code}{chinese}"), "{at}");
                        assert_eq!(comment_start(z), Some(c), "{at}");
                        let comment = &z[c + 2..];
                        assert!(has_han(comment), "{at}: an English-only comment: {z}");
                        assert!(
                            !comment.split_whitespace().all(|w| w.is_ascii()),
                            "{at}: {z}"
                        );
                    }
                }
            }
            // the code with the comments cut off is the same in both
            let code = |s: &str| -> Vec<String> {
                s.lines()
                    .map(|l| l[..comment_start(l).unwrap_or(l.len())].to_string())
                    .collect()
            };
            assert_eq!(code(&zh_src), code(&en), "{label}");
            assert_eq!(in_lang(&en, CommentLang::En), en, "{label}");
        }
    }

    #[test]
    fn every_row_is_used() {
        let all: Vec<String> = renderings()
            .into_iter()
            .flat_map(|(_, en)| {
                en.lines()
                    .filter_map(|l| comment_start(l).map(|c| l[c + 2..].trim().to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (en, _) in ZH {
            assert!(
                all.iter().any(|c| c == en),
                "no shown code has the comment `{en}`"
            );
        }
    }

    #[test]
    fn the_table_has_one_row_per_english_line() {
        for (i, (en, zh)) in ZH.iter().enumerate() {
            assert!(
                !en.is_empty() && !zh.is_empty() && !zh.contains('\n'),
                "{en}"
            );
            assert_eq!(en.trim(), *en, "row {i} has spaces at an end");
            assert!(
                ZH[..i].iter().all(|(e, _)| e != en),
                "{en} is in the table twice"
            );
        }
    }
}
