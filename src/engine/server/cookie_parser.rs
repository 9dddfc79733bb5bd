//! cookie-parser 1.4.7: `req.cookies` and `req.signedCookies`, including its `j:` JSON cookies.

use crate::engine::cookie_header;
use crate::engine::json::Value;
use crate::engine::signature::{unsign, UnsignError};

/// What cookie-parser put on the request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// `req.cookies` (unsigned values; `j:` values JSON-decoded when truthy).
    pub cookies: Vec<(String, Value)>,
    /// `req.signedCookies`: the unsigned value, or the reason it failed (`false` in JS).
    pub signed: Vec<(String, Result<Value, UnsignError>)>,
}

impl Parsed {
    /// `req.cookies[name]`.
    pub fn cookie(&self, name: &str) -> Option<&Value> {
        self.cookies.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
    /// `req.signedCookies[name]`.
    pub fn signed(&self, name: &str) -> Option<&Result<Value, UnsignError>> {
        self.signed.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// `JSONCookie(str)`: the parsed value of a `j:` string, if it parses and is truthy.
fn json_cookie(s: &str) -> Option<Value> {
    let v: Value = crate::engine::json::from_str(s.strip_prefix("j:")?).ok()?;
    let truthy = match &v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    };
    truthy.then_some(v)
}

/// `cookieParser(secrets)(req)`: with secrets, `s:` values are verified into
/// `req.signedCookies`; the rest go to `req.cookies`; `j:` values are JSON-decoded.
pub fn parse(header: Option<&str>, secrets: &[String]) -> Parsed {
    let mut out = Parsed::default();
    let Some(header) = header.filter(|h| !h.is_empty()) else {
        return out;
    };
    for pair in cookie_header::parse(header).effective() {
        let raw = pair.value.clone();
        if !secrets.is_empty() {
            if let Some(signed) = raw.strip_prefix("s:") {
                let v = unsign(signed, secrets)
                    .map(|u| json_cookie(&u.value).unwrap_or(Value::String(u.value)));
                out.signed.push((pair.name.clone(), v));
                continue;
            }
        }
        let v = json_cookie(&raw).unwrap_or(Value::String(raw));
        out.cookies.push((pair.name.clone(), v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;
    use crate::engine::signature::sign;

    #[test]
    fn matches_cookie_parser() {
        let s = vec!["zfpx".to_string()];
        let header = format!(
            "a={}; b=s:x.bad; c=plain; d=j:{{\"x\":1}}; e=j:notjson; f=j:0",
            sign("s:hello", "zfpx")
        );
        let p = parse(Some(&header.replacen("a=", "a=s:", 1)), &s);
        assert_eq!(p.signed("a"), Some(&Ok(json!("s:hello"))));
        assert!(matches!(p.signed("b"), Some(Err(_))));
        assert_eq!(p.cookie("c"), Some(&json!("plain")));
        assert_eq!(p.cookie("d"), Some(&json!({"x": 1})));
        assert_eq!(p.cookie("e"), Some(&json!("j:notjson")));
        assert_eq!(p.cookie("f"), Some(&json!("j:0")));
        assert_eq!(p.cookie("a"), None);
        // without a secret, s: values stay in req.cookies
        let p = parse(Some("b=s:x.bad"), &[]);
        assert_eq!(p.cookie("b"), Some(&json!("s:x.bad")));
    }
}
