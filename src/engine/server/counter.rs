//! Lesson 3's app (`js/counter.js`): express-session counting visits, plus one route per
//! session method.

use super::express::{answer_other_methods, not_found, route_matches, send, send_owned};
use super::http::{Request, Res};
use super::no_session_error;
use super::task::{Flow, Resume, Wait};
use crate::engine::js::{number_to_string, value_to_string, JsTypeError};
use crate::engine::json::Value;
use crate::engine::session::middleware::{Env, SessionState};
use crate::engine::session::SessionOptions;
use crate::engine::store::StoreOp;

/// Anchors: lines of `js/counter.js` (exact, with indentation).
pub mod lines {
    #![allow(missing_docs)]
    pub const USE: &str = "app.use(session({";
    pub const ROOT: &str = "app.get('/', function (req, res) {";
    pub const ROOT_INC: &str = "  req.session.views = (req.session.views || 0) + 1;";
    pub const ROOT_SEND: &str = "  res.send('views: ' + req.session.views);";
    pub const PEEK: &str = "app.get('/peek', function (req, res) {";
    pub const PEEK_SEND: &str = "  res.send('views: ' + (req.session.views || 0));";
    pub const REGEN: &str = "app.get('/regenerate', function (req, res) {";
    pub const REGEN_CALL: &str = "  req.session.regenerate(function (err) {";
    pub const REGEN_SEND: &str = "    res.send('regenerated');";
    pub const DESTROY: &str = "app.get('/destroy', function (req, res) {";
    pub const DESTROY_CALL: &str = "  req.session.destroy(function (err) {";
    pub const DESTROY_SEND: &str = "    res.send('destroyed');";
    pub const UNSET: &str = "app.get('/unset', function (req, res) {";
    pub const UNSET_NULL: &str = "  req.session = null;";
    pub const UNSET_SEND: &str = "  res.send('unset');";
    pub const REMEMBER: &str = "app.get('/remember', function (req, res) {";
    pub const REMEMBER_MAXAGE: &str = "  req.session.cookie.maxAge = 2592000000;";
    pub const REMEMBER_FLAG: &str = "  req.session.remember = true;";
    pub const REMEMBER_SEND: &str = "  res.send('remember');";
    /// Every anchor, for the test that checks they exist.
    #[cfg(test)]
    pub const ALL: &[&str] = &[
        USE,
        ROOT,
        ROOT_INC,
        ROOT_SEND,
        PEEK,
        PEEK_SEND,
        REGEN,
        REGEN_CALL,
        REGEN_SEND,
        DESTROY,
        DESTROY_CALL,
        DESTROY_SEND,
        UNSET,
        UNSET_NULL,
        UNSET_SEND,
        REMEMBER,
        REMEMBER_MAXAGE,
        REMEMBER_FLAG,
        REMEMBER_SEND,
    ];
}

/// JavaScript truthiness of a JSON value (`None` is `undefined`).
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// A JSON number from an `f64` (NaN and infinities become `null`, as JSON.stringify does).
pub fn num(n: f64) -> Value {
    crate::engine::json::Number::from_f64(n).map_or(Value::Null, Value::Number)
}

/// `(x || 0) + 1` in JavaScript: numbers add, strings (and objects) concatenate. An object
/// with its own `toString` has no primitive to add: the `TypeError`.
pub fn or_zero_plus_one(x: Option<&Value>) -> Result<Value, JsTypeError> {
    if !truthy(x) {
        return Ok(num(1.0));
    }
    Ok(match x {
        Some(Value::Number(n)) => num(n.as_f64().unwrap_or(f64::NAN) + 1.0),
        // only `true` is truthy
        Some(Value::Bool(_)) => num(2.0),
        Some(v) => {
            let mut s = value_to_string(v)?;
            s.push('1');
            Value::String(s)
        }
        None => num(1.0),
    })
}

/// `'views: ' + x` (the `TypeError` for an object with its own `toString`).
pub fn concat(prefix: &str, x: Option<&Value>) -> Result<String, JsTypeError> {
    // joined by hand: `format!` goes through core::fmt, and this answers every counter request
    if let Some(Value::Number(n)) = x {
        // the usual case: the number written straight after the prefix
        let mut out = String::with_capacity(prefix.len() + 24);
        out.push_str(prefix);
        crate::engine::js::push_number(&mut out, n.as_f64().unwrap_or(f64::NAN));
        return Ok(out);
    }
    let x = match x {
        None => "undefined".into(),
        Some(Value::Number(n)) => number_to_string(n.as_f64().unwrap_or(f64::NAN)),
        Some(v) => value_to_string(v)?,
    };
    let mut out = String::with_capacity(prefix.len() + x.len());
    out.push_str(prefix);
    out.push_str(&x);
    Ok(out)
}

/// The routes. `Err` is an exception that reaches Express's error handler.
pub fn route(
    req: &Request,
    res: &mut Res,
    state: &mut Option<SessionState>,
    _opts: &SessionOptions,
    env: &mut Env,
    ran: &mut Vec<&'static str>,
) -> Result<Flow, String> {
    use lines::*;
    ran.push(USE);
    let path = req.pathname();
    if answer_other_methods(
        req,
        res,
        &[
            "/",
            "/peek",
            "/regenerate",
            "/destroy",
            "/unset",
            "/remember",
        ],
    ) {
        return Ok(Flow::Done);
    }
    // `req.session.x` on a missing session throws a TypeError
    macro_rules! session {
        ($prop:expr) => {
            match state.as_mut().and_then(|s| s.session.as_mut()) {
                Some(s) => s,
                None => return Err(no_session_error($prop)),
            }
        };
    }
    if route_matches("/", path) {
        ran.extend([ROOT, ROOT_INC]);
        let s = session!("views");
        // the app only ever stores numbers here, but a stored object with its own toString
        // would throw, as in Node
        let views = or_zero_plus_one(s.get("views"))?;
        s.set("views", Some(views));
        ran.push(ROOT_SEND);
        let body = concat("views: ", s.get("views"))?;
        send_owned(req, res, body);
    } else if route_matches("/peek", path) {
        ran.extend([PEEK, PEEK_SEND]);
        let s = session!("views");
        let v = s
            .get("views")
            .filter(|v| truthy(Some(v)))
            .cloned()
            .unwrap_or(num(0.0));
        send(req, res, &concat("views: ", Some(&v))?);
    } else if route_matches("/regenerate", path) {
        ran.extend([REGEN, REGEN_CALL]);
        let Some(st) = state.as_mut().filter(|s| s.session.is_some()) else {
            return Err(no_session_error("regenerate"));
        };
        st.regenerate_call(env);
        return Ok(Flow::Await(
            Wait::Store(StoreOp::Destroy),
            Resume::CounterRegenerate,
        ));
    } else if route_matches("/destroy", path) {
        ran.extend([DESTROY, DESTROY_CALL]);
        let Some(st) = state.as_mut().filter(|s| s.session.is_some()) else {
            return Err(no_session_error("destroy"));
        };
        st.destroy_call(env);
        return Ok(Flow::Await(
            Wait::Store(StoreOp::Destroy),
            Resume::CounterDestroy,
        ));
    } else if route_matches("/unset", path) {
        ran.extend([UNSET, UNSET_NULL, UNSET_SEND]);
        if let Some(st) = state.as_mut() {
            st.unset(env);
        }
        send(req, res, "unset");
    } else if route_matches("/remember", path) {
        ran.extend([REMEMBER, REMEMBER_MAXAGE]);
        let now = env.now;
        let s = session!("cookie");
        s.cookie.set_max_age(Some(2_592_000_000.0), now);
        ran.push(REMEMBER_FLAG);
        s.set("remember", Some(Value::Bool(true)));
        ran.push(REMEMBER_SEND);
        send(req, res, "remember");
    } else {
        not_found(req, res);
    }
    Ok(Flow::Done)
}

/// The routes that waited for the store, going on from where they stopped.
pub fn resume(
    r: Resume,
    req: &Request,
    res: &mut Res,
    state: &mut Option<SessionState>,
    opts: &SessionOptions,
    env: &mut Env,
    ran: &mut Vec<&'static str>,
) -> Result<Flow, String> {
    use lines::*;
    let Some(st) = state.as_mut() else {
        return Ok(Flow::Done);
    };
    match r {
        Resume::CounterRegenerate => {
            // the callback ignores `err`
            let _ = st.regenerate_done(opts, env);
            ran.push(REGEN_SEND);
            send(req, res, "regenerated");
        }
        Resume::CounterDestroy => {
            let _ = st.destroy_done(env);
            ran.push(DESTROY_SEND);
            send(req, res, "destroyed");
        }
        _ => {}
    }
    Ok(Flow::Done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;

    #[test]
    fn javascript_arithmetic() {
        let plus = |v: Option<&Value>| or_zero_plus_one(v).unwrap();
        assert_eq!(plus(None), json!(1.0));
        assert_eq!(plus(Some(&json!(2))), json!(3.0));
        assert_eq!(plus(Some(&json!("5"))), json!("51"));
        assert_eq!(plus(Some(&json!(true))), json!(2.0));
        assert_eq!(plus(Some(&json!(false))), json!(1.0));
        assert_eq!(plus(Some(&json!({}))), json!("[object Object]1"));
        assert_eq!(plus(Some(&json!([null, 2]))), json!(",21"));
        assert_eq!(
            or_zero_plus_one(Some(&json!({"toString": 1}))),
            Err(JsTypeError)
        );
        assert_eq!(concat("views: ", Some(&json!(3.0))).unwrap(), "views: 3");
        assert_eq!(concat("views: ", None).unwrap(), "views: undefined");
        assert_eq!(
            concat("views: ", Some(&json!([{"toString": 1}]))),
            Err(JsTypeError)
        );
    }

    #[test]
    fn anchors_exist_once() {
        let src = super::super::source::template(super::super::App::Counter);
        for a in lines::ALL {
            assert_eq!(src.lines().filter(|l| l.trim_end() == *a).count(), 1, "{a}");
        }
    }
}
