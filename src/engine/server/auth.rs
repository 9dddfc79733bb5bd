//! Lesson 4's app: login, user page, logout. `seed` is the course's app as it runs, its bugs
//! kept (`checkUser` never mounted, logout writing `usrename`), and nothing more; `fixed`, the
//! lab's repair, regenerates at login, guards `/user` and destroys the session at logout, and
//! adds what lesson 6 and the CSRF challenge need: login puts a haircut card worth 100 in the
//! session, `POST /transfer?to=…&amount=…` spends from it (the state-changing request the
//! challenge forges), and `/slow` holds its session for 300 ms (the races).

use super::counter::num;
use super::counter::truthy;
use super::express::{
    answer_other_methods, clear_cookie, ejs_fill, not_found, parse_query, redirect, route_matches,
    send, set,
};
use super::http::{Request, Res};
use super::source::{INDEX_VIEW, TRANSFER_VIEW, USER_VIEW};
use super::task::{Flow, Resume, Wait};
use super::{no_session_error, App};
use crate::engine::events::Event;
use crate::engine::js::{number_to_string, value_to_number};
use crate::engine::json::Value;
use crate::engine::session::middleware::{Env, SessionState};
use crate::engine::session::{CookieOpt, CookieOptions, Session, SessionOptions};
use crate::engine::store::StoreOp;

/// The text the user page (`views/user.html`) puts before the username.
pub const GREETING: &str = "欢迎你，";
/// The fixed app's /slow page before the username (`res.send('慢页面：' + name)`): Chinese,
/// as the course's pages are (it had been the lab's one English page).
pub const SLOW_PAGE: &str = "慢页面：";
/// The text the transfer's page (`views/transfer.html`) puts before the balance left.
pub const LEFT: &str = "卡上还剩：";
/// What login puts on the card.
pub const CARD: f64 = 100.0;

/// Anchors: lines of `js/auth-seed.js` and `js/auth-fixed.js`.
pub mod lines {
    #![allow(missing_docs)]
    pub const PARSER: &str = "app.use(cookieParser());";
    pub const USE: &str = "app.use(session({";
    pub const CHECK: &str = "function checkUser(req, res, next) {";
    /// The test, and the redirect when it fails.
    pub const CHECK_IF: &str =
        "  if (!(req.session && req.session.username)) return res.redirect('/');";
    pub const CHECK_NEXT: &str = "  next();";
    pub const ROOT: &str = "app.get('/', function (req, res) {";
    pub const ROOT_RENDER: &str = "  res.render('index');";
    pub const SEED_LOGIN: &str = "app.get('/login', function (req, res) {";
    pub const SEED_LOGIN_SET: &str = "  req.session.username = req.query.username;";
    pub const SEED_LOGIN_REDIRECT: &str = "  res.redirect('/user');";
    pub const FIXED_LOGIN: &str = "app.get('/login', function (req, res, next) {";
    pub const FIXED_LOGIN_REGEN: &str = "  req.session.regenerate(function (err) {";
    pub const FIXED_ERR: &str = "    if (err) return next(err);";
    pub const FIXED_LOGIN_SET: &str = "    req.session.username = req.query.username;";
    pub const FIXED_LOGIN_BALANCE: &str = "    req.session.balance = 100;";
    pub const FIXED_LOGIN_REDIRECT: &str = "    res.redirect('/user');";
    pub const FIXED_TRANSFER: &str = "app.post('/transfer', checkUser, function (req, res) {";
    pub const TRANSFER_AMOUNT: &str = "  var amount = Number(req.query.amount);";
    pub const TRANSFER_SPEND: &str = "  req.session.balance = req.session.balance - amount;";
    pub const TRANSFER_RENDER: &str =
        "  res.render('transfer', { to: req.query.to, amount: amount, balance: req.session.balance });";
    pub const SEED_USER: &str = "app.get('/user', function (req, res) {";
    pub const FIXED_USER: &str = "app.get('/user', checkUser, function (req, res) {";
    pub const USER_LOG: &str = "  console.log(req.session);";
    pub const USER_RENDER: &str = "  res.render('user', { username: req.session.username });";
    pub const SLOW: &str = "app.get('/slow', function (req, res) {";
    pub const SLOW_READ: &str = "  var name = req.session.username;";
    pub const SLOW_TIMER: &str = "  setTimeout(function () {";
    pub const SLOW_SEND: &str = "    res.send('慢页面：' + name);";
    pub const LOGOUT_SEED: &str = "app.get('/logout', function (req, res) {";
    pub const LOGOUT_TYPO: &str = "  req.session.usrename = null;";
    pub const LOGOUT_SEED_REDIRECT: &str = "  res.redirect('/');";
    pub const LOGOUT_FIXED: &str = "app.get('/logout', function (req, res, next) {";
    pub const LOGOUT_DESTROY: &str = "  req.session.destroy(function (err) {";
    pub const LOGOUT_CLEAR: &str = "    res.clearCookie('connect.sid');";
    pub const LOGOUT_FIXED_REDIRECT: &str = "    res.redirect('/');";
    /// The second `    if (err) return next(err);` in the fixed file (the first is login's).
    pub const FIXED_ERR_LOGOUT: &str = "    if (err) return next(err);#2";
    /// Anchors used by the seed variant, for the test that checks they exist.
    #[cfg(test)]
    pub const SEED: &[&str] = &[
        PARSER,
        USE,
        CHECK,
        CHECK_IF,
        CHECK_NEXT,
        ROOT,
        ROOT_RENDER,
        SEED_LOGIN,
        SEED_LOGIN_SET,
        SEED_LOGIN_REDIRECT,
        SEED_USER,
        USER_LOG,
        USER_RENDER,
        LOGOUT_SEED,
        LOGOUT_TYPO,
        LOGOUT_SEED_REDIRECT,
    ];
    /// Anchors used by the fixed variant, for the test that checks they exist.
    #[cfg(test)]
    pub const FIXED: &[&str] = &[
        PARSER,
        USE,
        CHECK,
        CHECK_IF,
        CHECK_NEXT,
        ROOT,
        ROOT_RENDER,
        FIXED_LOGIN,
        FIXED_LOGIN_REGEN,
        FIXED_ERR,
        FIXED_LOGIN_SET,
        FIXED_LOGIN_BALANCE,
        FIXED_LOGIN_REDIRECT,
        FIXED_TRANSFER,
        TRANSFER_AMOUNT,
        TRANSFER_SPEND,
        TRANSFER_RENDER,
        FIXED_USER,
        USER_LOG,
        USER_RENDER,
        LOGOUT_FIXED,
        LOGOUT_DESTROY,
        FIXED_ERR_LOGOUT,
        LOGOUT_CLEAR,
        LOGOUT_FIXED_REDIRECT,
        SLOW,
        SLOW_READ,
        SLOW_TIMER,
        SLOW_SEND,
    ];
}

/// The user page's file, as ejs names it in an error (Node's path starts with `__dirname`).
pub const USER_FILE: &str = "views/user.html";
/// The transfer page's file.
pub const TRANSFER_FILE: &str = "views/transfer.html";

/// `res.render('user', { username })`. `Err` is the exception ejs rethrows when
/// `String(username)` throws (an object with its own `toString`, from the query).
pub fn user_page(username: Option<&Value>) -> Result<String, String> {
    ejs_fill(USER_FILE, USER_VIEW, "<%= username %>", username)
}

/// `res.render('transfer', { to, amount, balance })`: `to` as ejs prints any value (or the
/// exception `String(to)` throws), the two numbers as `String(n)` does (`NaN` included).
pub fn transfer_page(to: Option<&Value>, amount: f64, balance: f64) -> Result<String, String> {
    Ok(ejs_fill(TRANSFER_FILE, TRANSFER_VIEW, "<%= to %>", to)?
        .replace("<%= amount %>", &number_to_string(amount))
        .replace("<%= balance %>", &number_to_string(balance)))
}

/// `console.log(req.session)`, in the shape Node's `util.inspect` prints (single-line form).
pub fn inspect_session(s: &Session, made_from: Option<&CookieOptions>) -> String {
    use crate::engine::inspect::{inspect, Shown};
    use crate::engine::session::Slot;
    let c = &s.cookie;
    let raw = |t: &str| Shown::Raw(t.to_string());
    // the Cookie's own properties: the four its constructor sets, then the others, in the
    // order of the options it was made from (`new Cookie(options)` copies them in turn), or
    // of the JSON a stored cookie is rebuilt from
    let mut cookie = vec![
        (
            "path".to_string(),
            c.path.clone().map_or(raw("undefined"), Shown::Str),
        ),
        (
            "_expires".to_string(),
            c.expires.map_or(raw("null"), |d| {
                Shown::Raw(d.to_iso_string().unwrap_or("Invalid Date".into()))
            }),
        ),
        (
            "originalMaxAge".to_string(),
            c.original_max_age.map_or(raw("null"), Shown::Num),
        ),
        (
            "httpOnly".to_string(),
            c.http_only
                .map_or(raw("undefined"), |b| raw(&b.to_string())),
        ),
    ];
    let extra = |name: &str| -> Option<Shown> {
        match name {
            "partitioned" => c.partitioned.map(|p| raw(&p.to_string())),
            "priority" => c.priority.clone().map(Shown::Str),
            "secure" => c.secure.map(|b| raw(&b.to_string())),
            "domain" => c.domain.clone().map(Shown::Str),
            "sameSite" => c.same_site.as_ref().map(|v| Shown::json(&v.to_json())),
            _ => None,
        }
    };
    let order: Vec<&str> = match made_from {
        Some(opts) => opts
            .0
            .iter()
            .filter_map(|o| match o {
                CookieOpt::Partitioned(_) => Some("partitioned"),
                CookieOpt::Priority(_) => Some("priority"),
                CookieOpt::Secure(_) => Some("secure"),
                CookieOpt::Domain(_) => Some("domain"),
                CookieOpt::SameSite(_) => Some("sameSite"),
                _ => None,
            })
            .collect(),
        None => vec!["partitioned", "priority", "secure", "domain", "sameSite"],
    };
    for name in order {
        if cookie.iter().any(|(k, _)| k == name) {
            continue;
        }
        if let Some(v) = extra(name) {
            cookie.push((name.to_string(), v));
        }
    }
    let mut entries = Vec::new();
    s.each_in_js_order(|k, slot| {
        let shown = match slot {
            Slot::Cookie => Shown::Obj(None, cookie.clone()),
            Slot::Value(v) => Shown::json(v),
            Slot::Undefined => raw("undefined"),
        };
        entries.push((k.to_string(), shown));
    });
    inspect(&Shown::Obj(Some("Session"), entries))
}

/// The routes of either variant.
pub fn route(
    app: App,
    req: &Request,
    res: &mut Res,
    state: &mut Option<SessionState>,
    opts: &SessionOptions,
    env: &mut Env,
    ran: &mut Vec<&'static str>,
) -> Result<Flow, String> {
    use lines::*;
    let fixed = app == App::AuthFixed;
    ran.extend([PARSER, USE]);
    let path = req.pathname();
    let query = parse_query(req.query().unwrap_or(""));
    // the course's app has neither /transfer nor /slow: Express answers 404
    if fixed && route_matches("/transfer", path) {
        match req.method.as_str() {
            "POST" => return transfer(&query, req, res, state, ran).map(|()| Flow::Done),
            "OPTIONS" => {
                // the router lists the one method the path has
                set(res, "Allow", "POST");
                send(req, res, "POST");
                return Ok(Flow::Done);
            }
            _ => {}
        }
    }
    let routes: &[&str] = if fixed {
        &["/", "/login", "/user", "/slow", "/logout"]
    } else {
        &["/", "/login", "/user", "/logout"]
    };
    if answer_other_methods(req, res, routes) {
        return Ok(Flow::Done);
    }
    if route_matches("/", path) {
        ran.extend([ROOT, ROOT_RENDER]);
        send(req, res, INDEX_VIEW);
    } else if route_matches("/login", path) {
        if fixed {
            ran.extend([FIXED_LOGIN, FIXED_LOGIN_REGEN]);
            let Some(st) = state.as_mut().filter(|s| s.session.is_some()) else {
                return Err(no_session_error("regenerate"));
            };
            st.regenerate_call(env);
            return Ok(Flow::Await(
                Wait::Store(StoreOp::Destroy),
                Resume::LoginRegenerate,
            ));
        }
        ran.extend([SEED_LOGIN, SEED_LOGIN_SET, SEED_LOGIN_REDIRECT]);
        log_in(false, &query, req, res, state)?;
    } else if route_matches("/user", path) {
        if fixed {
            if !check_user(req, res, state, ran) {
                return Ok(Flow::Done);
            }
            ran.push(FIXED_USER);
        } else {
            ran.push(SEED_USER);
        }
        ran.extend([USER_LOG, USER_RENDER]);
        let Some((st, s)) = state
            .as_ref()
            .and_then(|st| st.session.as_ref().map(|s| (st, s)))
        else {
            return Err(no_session_error("username"));
        };
        // a session made in this request has its cookie from the options, in their order;
        // one loaded from the store, from its JSON
        let made_now = st.cookie_id.as_deref() != Some(st.session_id.as_str());
        env.events.push(Event::ConsoleLog(inspect_session(
            s,
            made_now.then_some(&opts.cookie),
        )));
        // ejs's String(username) throws for an object with its own toString
        // (`?username[toString]=x`): Express answers 500, and the session is still saved
        let body = user_page(s.get("username"))?;
        send(req, res, &body);
    } else if fixed && route_matches("/slow", path) {
        ran.extend([SLOW, SLOW_READ]);
        let s = state
            .as_ref()
            .and_then(|s| s.session.as_ref())
            .ok_or_else(|| no_session_error("username"))?;
        ran.push(SLOW_TIMER);
        let name = s.get("username").cloned();
        return Ok(Flow::Await(Wait::Timer(SLOW_MS), Resume::Slow(name)));
    } else if route_matches("/logout", path) {
        if fixed {
            ran.extend([LOGOUT_FIXED, LOGOUT_DESTROY]);
            let Some(st) = state.as_mut().filter(|s| s.session.is_some()) else {
                return Err(no_session_error("destroy"));
            };
            st.destroy_call(env);
            return Ok(Flow::Await(
                Wait::Store(StoreOp::Destroy),
                Resume::LogoutDestroy,
            ));
        } else {
            ran.extend([LOGOUT_SEED, LOGOUT_TYPO, LOGOUT_SEED_REDIRECT]);
            let s = state
                .as_mut()
                .and_then(|s| s.session.as_mut())
                .ok_or_else(|| no_session_error("usrename"))?;
            s.set("usrename", Some(Value::Null));
            redirect(req, res, "/");
        }
    } else {
        not_found(req, res);
    }
    Ok(Flow::Done)
}

/// How long `/slow` takes to build its page (its `setTimeout`).
pub const SLOW_MS: i64 = 300;

/// The login's lines and its redirect (after `regenerate()` in the fixed app, which also
/// hands out the card).
fn log_in(
    card: bool,
    query: &crate::engine::json::Map<String, Value>,
    req: &Request,
    res: &mut Res,
    state: &mut Option<SessionState>,
) -> Result<(), String> {
    let s = state
        .as_mut()
        .and_then(|s| s.session.as_mut())
        .ok_or_else(|| no_session_error("username"))?;
    s.set("username", query.get("username").cloned());
    if card {
        s.set("balance", Some(num(CARD)));
    }
    redirect(req, res, "/user");
    Ok(())
}

/// The fixed app's `checkUser` middleware: `next()` when the session has a username, else a
/// redirect to `/`. Returns whether the route's own handler runs.
fn check_user(
    req: &Request,
    res: &mut Res,
    state: &Option<SessionState>,
    ran: &mut Vec<&'static str>,
) -> bool {
    use lines::*;
    ran.extend([CHECK, CHECK_IF]);
    let ok = state
        .as_ref()
        .and_then(|s| s.session.as_ref())
        .is_some_and(|s| truthy(s.get("username")));
    if ok {
        ran.push(CHECK_NEXT);
    } else {
        redirect(req, res, "/");
    }
    ok
}

/// The routes that waited (for the store, or for `/slow`'s timer), going on where they
/// stopped.
#[allow(clippy::too_many_arguments)]
pub fn resume(
    app: App,
    r: Resume,
    req: &Request,
    res: &mut Res,
    state: &mut Option<SessionState>,
    opts: &SessionOptions,
    env: &mut Env,
    ran: &mut Vec<&'static str>,
) -> Result<Flow, String> {
    use lines::*;
    let _ = app;
    match r {
        Resume::LoginRegenerate => {
            ran.push(FIXED_ERR);
            if let Some(st) = state.as_mut() {
                st.regenerate_done(opts, env).map_err(|e| e.to_string())?;
            }
            ran.extend([FIXED_LOGIN_SET, FIXED_LOGIN_BALANCE, FIXED_LOGIN_REDIRECT]);
            let query = parse_query(req.query().unwrap_or(""));
            log_in(true, &query, req, res, state)?;
        }
        Resume::LogoutDestroy => {
            ran.push(FIXED_ERR_LOGOUT);
            if let Some(st) = state.as_mut() {
                st.destroy_done(env).map_err(|e| e.to_string())?;
            }
            ran.extend([LOGOUT_CLEAR, LOGOUT_FIXED_REDIRECT]);
            clear_cookie(res, "connect.sid");
            redirect(req, res, "/");
        }
        Resume::Slow(name) => {
            ran.push(SLOW_SEND);
            // `'慢页面：' + name` throws for an object with its own toString. In Node
            // that happens in a timer's callback, outside Express: an uncaught exception that
            // ends the process. The lab has no process to end, so the request answers 500.
            let body = super::counter::concat(SLOW_PAGE, name.as_ref())?;
            send(req, res, &body);
        }
        Resume::CounterRegenerate | Resume::CounterDestroy => {}
    }
    Ok(Flow::Done)
}

/// `POST /transfer` (the fixed app's): checkUser first, then the balance minus `Number(amount)`,
/// with JavaScript's arithmetic (`undefined - 50` is `NaN`, stored as `null` by
/// `JSON.stringify`, and `null - 50` is `-50`).
fn transfer(
    query: &crate::engine::json::Map<String, Value>,
    req: &Request,
    res: &mut Res,
    state: &mut Option<SessionState>,
    ran: &mut Vec<&'static str>,
) -> Result<(), String> {
    use lines::*;
    if !check_user(req, res, state, ran) {
        return Ok(());
    }
    ran.extend([FIXED_TRANSFER, TRANSFER_AMOUNT]);
    // Number(req.query.amount) throws for `amount[toString]=5`: a 500 before the balance moves
    let amount = query.get("amount").map_or(Ok(f64::NAN), value_to_number)?;
    ran.push(TRANSFER_SPEND);
    let s = state
        .as_mut()
        .and_then(|s| s.session.as_mut())
        .ok_or_else(|| no_session_error("balance"))?;
    let before = s.get("balance").map_or(Ok(f64::NAN), value_to_number)?;
    let balance = before - amount;
    s.set("balance", Some(num(balance)));
    ran.push(TRANSFER_RENDER);
    // `to[toString]=m` throws in the render, after the balance moved: the 500 keeps the move
    let body = transfer_page(query.get("to"), amount, balance)?;
    send(req, res, &body);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::server::source::template;

    #[test]
    fn anchors_exist() {
        for (app, list) in [(App::AuthSeed, lines::SEED), (App::AuthFixed, lines::FIXED)] {
            let src = template(app);
            for a in list {
                assert!(
                    crate::engine::server::source::line_of(src, a).is_some(),
                    "{app:?}: {a}"
                );
            }
            // the seed never mounts checkUser, so its redirect never runs there
            assert!(!lines::SEED.contains(&lines::FIXED_USER));
        }
    }

    #[test]
    fn user_page_escapes() {
        let p = user_page(Some(&Value::String("<img src=x onerror=alert(1)>".into()))).unwrap();
        assert!(p.contains("<p>欢迎你，&lt;img src=x onerror=alert(1)&gt;</p>"));
    }

    /// What Node 20 logs (ejs 3.1.10's rethrow, the first lines of `err.stack`), with the
    /// app's directory left out of the path.
    #[test]
    fn a_username_with_its_own_to_string_fails_as_ejs_says() {
        let name = crate::json!({"toString": "x"});
        assert_eq!(
            user_page(Some(&name)),
            Err("TypeError: views/user.html:8\n    6| </head>\n    7| <body>\n >> 8| <p>欢迎你，<%= username %></p>\n    9| <a href=\"/logout\">退出</a>\n    10| </body>\n    11| </html>\n\nCannot convert object to primitive value".to_string())
        );
        assert_eq!(
            transfer_page(Some(&name), 5.0, 95.0),
            Err("TypeError: views/transfer.html:8\n    6| </head>\n    7| <body>\n >> 8| <p>收款人：<%= to %></p>\n    9| <p>金额：<%= amount %></p>\n    10| <p>卡上还剩：<%= balance %></p>\n    11| <a href=\"/user\">返回</a>\n\nCannot convert object to primitive value".to_string())
        );
        let valued = crate::json!({"valueOf": "x"});
        assert!(user_page(Some(&valued))
            .unwrap()
            .contains("<p>欢迎你，[object Object]</p>"));
    }
}
