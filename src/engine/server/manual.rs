//! Lesson 2's app (`js/manual.js`): the course's hand-built session. The browser keeps a card
//! number in the `session.id` cookie; the balance lives in the server's `sessions` object.

use super::cookie_only::{WELCOME_BACK, WELCOME_NEW};
use super::cookie_parser;
use super::counter::{num, truthy};
use super::express::{answer_other_methods, cookie, not_found, route_matches, send};
use super::http::{HeaderValue, Request, Res};
use crate::engine::events::Event;
use crate::engine::js::{
    number_to_string, value_to_number, value_to_string, OBJECT_PROTOTYPE_KEYS,
};
use crate::engine::json::{Map, Value};
use crate::engine::session::middleware::Env;
use crate::engine::store::{CallResult, StoreCall, StoreOp};
use indexmap::IndexMap;

/// The cookie name both sides agree on (`SESSION_KEY`).
pub const SESSION_KEY: &str = "session.id";

/// The `sessions` object: card number → what the shop knows about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notebook {
    /// Own properties, in insertion order.
    pub cards: IndexMap<String, Value>,
}

impl Notebook {
    /// The object as `JSON.stringify` would show it.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        for k in crate::engine::js::ordered_keys(self.cards.keys()) {
            m.insert(k.clone(), self.cards[k.as_str()].clone());
        }
        Value::Object(m)
    }
}

/// Anchors into `js/manual.js`.
pub mod lines {
    #![allow(missing_docs)]
    pub const ROOT: &str = "app.get('/', function (req, res) {";
    pub const CONTENT_TYPE: &str = "  res.setHeader('Content-Type', 'text/html;charset=utf-8');";
    pub const READ: &str = "  var sessionId = req.cookies[SESSION_KEY];";
    /// Looks the number up, when there is one.
    pub const LOOKUP: &str = "  var sessionObj = sessionId ? sessions[sessionId] : undefined;";
    pub const IF_NONE: &str = "  if (!sessionObj) {";
    pub const NEW_CARD: &str = "    return genId(res);";
    pub const CHARGE: &str = "  sessionObj.balance -= 10;";
    pub const SEND_BALANCE: &str = "  res.send('欢迎你老顾客，你卡上还剩' + sessionObj.balance);";
    pub const GEN: &str = "function genId(res) {";
    pub const GEN_ID: &str = "  var id = Date.now() + '' + Math.random();";
    pub const GEN_NOTE: &str = "  sessions[id] = { balance: 100 };";
    pub const GEN_COOKIE: &str = "  res.cookie(SESSION_KEY, id);";
    pub const GEN_SEND: &str = "  res.send('欢迎你新顾客，送你一张价值100元的剪发卡');";
    /// Every anchor, for the test that checks they exist.
    #[cfg(test)]
    pub const ALL: &[&str] = &[
        ROOT,
        CONTENT_TYPE,
        READ,
        LOOKUP,
        IF_NONE,
        NEW_CARD,
        CHARGE,
        SEND_BALANCE,
        GEN,
        GEN_ID,
        GEN_NOTE,
        GEN_COOKIE,
        GEN_SEND,
    ];
}

fn log(env: &mut Env, op: StoreOp, sid: &str, result: CallResult) {
    env.events.push(Event::Store(StoreCall {
        op,
        sid: sid.to_string(),
        result,
    }));
}

/// Handles a request. `Err` is an exception that reaches Express's error handler: the
/// lookup `sessions[sessionId]` of a `j:` cookie's object with its own `toString`.
pub fn handle(
    book: &mut Notebook,
    req: &Request,
    res: &mut Res,
    env: &mut Env,
    ran: &mut Vec<&'static str>,
) -> Result<(), String> {
    use lines::*;
    let parsed = cookie_parser::parse(req.header("cookie").as_deref(), &[]);
    if answer_other_methods(req, res, &["/"]) {
        return Ok(());
    }
    if !route_matches("/", req.pathname()) {
        not_found(req, res);
        return Ok(());
    }
    // the lookup line runs either way (the ternary); only a number is looked up
    ran.extend([ROOT, CONTENT_TYPE, READ, LOOKUP]);
    res.set_header(
        "Content-Type",
        HeaderValue::One("text/html;charset=utf-8".into()),
    );
    let session_id = parsed.cookie(SESSION_KEY).cloned();
    // property keys are strings: String(sessionId), which throws (before `sessions` is read)
    // for a `j:` cookie's object with its own toString
    let key = match &session_id {
        Some(v) if truthy(Some(v)) => Some(value_to_string(v)?),
        _ => None,
    };
    ran.push(IF_NONE);
    if let Some(key) = key {
        if let Some(obj) = book.cards.get_mut(&key) {
            log(env, StoreOp::Get, &key, CallResult::Hit);
            if truthy(Some(obj)) {
                ran.extend([CHARGE, SEND_BALANCE]);
                let balance = value_to_number(obj.get("balance").unwrap_or(&Value::Null))? - 10.0;
                if let Value::Object(m) = obj {
                    m.insert("balance".into(), num(balance));
                }
                send(
                    req,
                    res,
                    &format!("{WELCOME_BACK}{}", number_to_string(balance)),
                );
                return Ok(());
            }
        } else if OBJECT_PROTOTYPE_KEYS.contains(&key.as_str()) {
            // `sessions['constructor']` finds an inherited value: a "card" whose balance is
            // undefined, so the balance becomes NaN.
            log(env, StoreOp::Get, &key, CallResult::Hit);
            ran.extend([CHARGE, SEND_BALANCE]);
            send(req, res, &format!("{WELCOME_BACK}NaN"));
            return Ok(());
        } else {
            log(env, StoreOp::Get, &key, CallResult::Miss);
        }
    }
    ran.push(NEW_CARD);
    let gen_id = if env.ids.scheme == crate::engine::ids::IdScheme::Sequential {
        super::source::SEQUENTIAL_ID_LINE
    } else {
        GEN_ID
    };
    ran.extend([GEN, gen_id, GEN_NOTE, GEN_COOKIE, GEN_SEND]);
    let id = env.ids.next_id(env.now);
    let mut card = Map::new();
    card.insert("balance".into(), num(100.0));
    book.cards.insert(id.clone(), Value::Object(card));
    log(env, StoreOp::Set, &id, CallResult::Done);
    cookie(res, SESSION_KEY, &id, None);
    send(req, res, WELCOME_NEW);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::server::source::{line_of, template};
    use crate::engine::server::App;

    #[test]
    fn anchors_exist() {
        for a in lines::ALL {
            assert!(line_of(template(App::Manual), a).is_some(), "{a}");
        }
        for a in super::super::cookie_only::lines::PLAIN {
            assert!(line_of(template(App::CookieOnly), a).is_some(), "{a}");
        }
        for a in super::super::cookie_only::lines::SIGNED {
            assert!(line_of(template(App::CookieOnlySigned), a).is_some(), "{a}");
        }
    }
}
