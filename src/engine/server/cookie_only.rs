//! Lesson 1's apps: the balance lives in a cookie (`js/cookie-only.js`), plainly or signed with
//! `cookieParser('zfpx')` (`js/cookie-only-signed.js`).

use super::cookie_parser;
use super::express::{answer_other_methods, cookie, not_found, route_matches, send};
use super::http::{Request, Res};
use super::App;
use crate::engine::events::Event;
use crate::engine::js::{number_to_string, value_to_number};
use crate::engine::session::middleware::Env;

/// The secret the signed variant passes to `cookieParser`.
pub const SECRET: &str = super::COURSE_SECRET;
/// The cookie that carries the balance.
pub const COOKIE: &str = "balance";
/// The new customer's message.
pub const WELCOME_NEW: &str = "欢迎你新顾客，送你一张价值100元的剪发卡";
/// The returning customer's message (the balance follows).
pub const WELCOME_BACK: &str = "欢迎你老顾客，你卡上还剩";
/// The signed variant's 403 body.
pub const BAD_SIGNATURE: &str = "签名校验失败";

/// Anchors into both files.
pub mod lines {
    #![allow(missing_docs)]
    pub const PARSER_PLAIN: &str = "app.use(cookieParser());";
    pub const PARSER_SIGNED: &str = "app.use(cookieParser('zfpx'));";
    pub const ROOT: &str = "app.get('/', function (req, res) {";
    pub const READ_PLAIN: &str = "  var balance = req.cookies.balance;";
    pub const READ_SIGNED: &str = "  var balance = req.signedCookies.balance;";
    pub const IF_NEW: &str = "  if (balance === undefined) {";
    pub const NEW_COOKIE_PLAIN: &str = "    res.cookie('balance', 100);";
    pub const NEW_COOKIE_SIGNED: &str = "    res.cookie('balance', 100, { signed: true });";
    pub const NEW_SEND: &str = "    res.send('欢迎你新顾客，送你一张价值100元的剪发卡');";
    pub const IF_FALSE: &str = "  } else if (balance === false) {";
    pub const FORBIDDEN: &str = "    res.status(403).send('签名校验失败');";
    pub const ELSE: &str = "  } else {";
    pub const DECREMENT: &str = "    balance = Number(balance) - 10;";
    pub const OLD_COOKIE_PLAIN: &str = "    res.cookie('balance', balance);";
    pub const OLD_COOKIE_SIGNED: &str = "    res.cookie('balance', balance, { signed: true });";
    pub const OLD_SEND: &str = "    res.send('欢迎你老顾客，你卡上还剩' + balance);";
    /// Anchors used by the plain variant, for the test that checks they exist.
    #[cfg(test)]
    pub const PLAIN: &[&str] = &[
        PARSER_PLAIN,
        ROOT,
        READ_PLAIN,
        IF_NEW,
        NEW_COOKIE_PLAIN,
        NEW_SEND,
        ELSE,
        DECREMENT,
        OLD_COOKIE_PLAIN,
        OLD_SEND,
    ];
    /// Anchors used by the signed variant, for the test that checks they exist.
    #[cfg(test)]
    pub const SIGNED: &[&str] = &[
        PARSER_SIGNED,
        ROOT,
        READ_SIGNED,
        IF_NEW,
        NEW_COOKIE_SIGNED,
        NEW_SEND,
        IF_FALSE,
        FORBIDDEN,
        ELSE,
        DECREMENT,
        OLD_COOKIE_SIGNED,
        OLD_SEND,
    ];
}

/// Handles a request. `Err` is an exception that reaches Express's error handler: `Number()`
/// of a `j:` cookie's object with its own `toString`.
pub fn handle(
    app: App,
    req: &Request,
    res: &mut Res,
    env: &mut Env,
    ran: &mut Vec<&'static str>,
) -> Result<(), String> {
    use lines::*;
    let signed = app == App::CookieOnlySigned;
    let secrets: Vec<String> = if signed {
        vec![SECRET.into()]
    } else {
        Vec::new()
    };
    ran.push(if signed { PARSER_SIGNED } else { PARSER_PLAIN });
    let parsed = cookie_parser::parse(req.header("cookie").as_deref(), &secrets);
    if answer_other_methods(req, res, &["/"]) {
        return Ok(());
    }
    if !route_matches("/", req.pathname()) {
        not_found(req, res);
        return Ok(());
    }
    ran.extend([ROOT, if signed { READ_SIGNED } else { READ_PLAIN }, IF_NEW]);
    let sign_with = signed.then_some(SECRET);
    let balance = if signed {
        match parsed.signed(COOKIE) {
            None => None,
            Some(Err(e)) => {
                env.events.push(Event::SignedCookieRead {
                    name: COOKIE.into(),
                    verdict: Err(e.clone()),
                });
                ran.extend([IF_FALSE, FORBIDDEN]);
                res.status = 403;
                send(req, res, BAD_SIGNATURE);
                return Ok(());
            }
            Some(Ok(v)) => {
                env.events.push(Event::SignedCookieRead {
                    name: COOKIE.into(),
                    // the value as String() prints it, or as JSON when it has no string form
                    verdict: Ok(crate::engine::js::value_to_string(v)
                        .unwrap_or_else(|_| crate::engine::json::stringify(v))),
                });
                Some(v.clone())
            }
        }
    } else {
        parsed.cookie(COOKIE).cloned()
    };
    match balance {
        None => {
            ran.extend([
                if signed {
                    NEW_COOKIE_SIGNED
                } else {
                    NEW_COOKIE_PLAIN
                },
                NEW_SEND,
            ]);
            cookie(res, COOKIE, "100", sign_with);
            send(req, res, WELCOME_NEW);
        }
        Some(v) => {
            if signed {
                ran.push(IF_FALSE);
            }
            ran.extend([ELSE, DECREMENT]);
            // `j:{"toString":…}` parses to an object Number() cannot convert: a 500
            let left = number_to_string(value_to_number(&v)? - 10.0);
            ran.extend([
                if signed {
                    OLD_COOKIE_SIGNED
                } else {
                    OLD_COOKIE_PLAIN
                },
                OLD_SEND,
            ]);
            cookie(res, "balance", &left, sign_with);
            send(req, res, &format!("{WELCOME_BACK}{left}"));
        }
    }
    Ok(())
}
