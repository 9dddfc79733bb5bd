//! The parts of Express 4.22 (and its helpers: etag, fresh, accepts/negotiator, finalhandler,
//! qs, ejs escaping) that the lessons' apps touch, reproduced byte for byte.

use super::http::{HeaderValue, Request, Res};
use crate::engine::clock::JsDate;
use crate::engine::cookie_header::{serialize, SerializeOptions};
use crate::engine::js::JsTypeError;
use crate::engine::json::{Map, Value};
use crate::engine::signature::sign;
use crate::engine::uri::{encode_url, escape_html};
use base64::Engine as _;
use sha1::{Digest, Sha1};

/// Express's `init` middleware.
pub fn init(res: &mut Res) {
    res.set_header("X-Powered-By", HeaderValue::One("Express".into()));
}

/// `res.set(field, value)` for a single value: Content-Type gets a charset when it has none.
pub fn set(res: &mut Res, field: &str, value: &str) {
    let mut v = value.to_string();
    if field.eq_ignore_ascii_case("content-type") && !has_charset(&v) {
        let base = v
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if base.starts_with("text/")
            || base == "application/json"
            || base == "application/javascript"
        {
            v.push_str("; charset=utf-8");
        }
    }
    res.set_header(field, HeaderValue::One(v));
}

fn has_charset(v: &str) -> bool {
    // /;\s*charset\s*=/
    v.split(';').skip(1).any(|p| {
        let p = p.trim_start();
        p.len() >= 7
            && p[..7].eq_ignore_ascii_case("charset")
            && p[7..].trim_start().starts_with('=')
    })
}

/// `setCharset(type, 'utf-8')`: parse the media type, set `charset`, format it again.
fn set_charset(content_type: &str) -> String {
    let mut parts = content_type.split(';');
    let base = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let mut params: Vec<(String, String)> = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            (
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            )
        })
        .filter(|(k, _)| k != "charset")
        .collect();
    params.push(("charset".into(), "utf-8".into()));
    crate::engine::sort::sort_by(&mut params, |a, b| a.0.cmp(&b.0));
    let mut s = base;
    for (k, v) in params {
        for part in ["; ", &k, "=", &v] {
            s.push_str(part);
        }
    }
    s
}

/// The `etag` package's weak tag for a body.
pub fn weak_etag(body: &str) -> String {
    let digest = Sha1::digest(body.as_bytes());
    // W/"<length in lowercase hex>-<27 characters of the base64 digest>": 20 bytes encode
    // to 27 characters and one '=', which the quote replaces
    let mut out = String::with_capacity(48);
    out.push_str("W/\"");
    crate::engine::js::push_hex(&mut out, body.len() as u64, 1);
    out.push('-');
    base64::engine::general_purpose::STANDARD.encode_string(digest, &mut out);
    out.pop();
    out.push('"');
    out
}

/// `fresh(reqHeaders, resHeaders)` as `req.fresh` uses it (ETag only; the apps send no
/// Last-Modified).
fn fresh(req: &Request, res: &Res) -> bool {
    if !matches!(req.method.as_str(), "GET" | "HEAD")
        || !((200..300).contains(&res.status) || res.status == 304)
    {
        return false;
    }
    let none_match = req.header("if-none-match");
    let modified_since = req.header("if-modified-since");
    if none_match.is_none() && modified_since.is_none() {
        return false;
    }
    if let Some(cc) = req.header("cache-control") {
        if cc
            .split(',')
            .any(|d| d.trim().eq_ignore_ascii_case("no-cache"))
        {
            return false;
        }
    }
    if let Some(nm) = none_match.filter(|nm| nm.trim() != "*") {
        let Some(etag) = res.get_str("etag") else {
            return false;
        };
        let ok = nm
            .split(',')
            .map(str::trim)
            .any(|m| m == etag || format!("W/{etag}") == m || format!("W/{m}") == etag);
        if !ok {
            return false;
        }
    }
    // If-Modified-Since with no Last-Modified is always stale.
    modified_since.is_none()
}

/// The `Content-Type` `res.send(string)` gives a response that has none.
const HTML_UTF8: &str = "text/html; charset=utf-8";

/// `res.send(string)`: sets `Content-Type` (HTML, utf-8), `Content-Length` and a weak
/// `ETag`; answers 304 when the request is fresh; no body for HEAD, 204 or 304.
pub fn send(req: &Request, res: &mut Res, body: &str) {
    send_owned(req, res, body.to_string());
}

/// [`send`] with a body the caller has built and gives away (no copy of it is made).
pub fn send_owned(req: &Request, res: &mut Res, mut body: String) {
    if res.get_header("content-type").is_none() {
        // `res.type('html')` (whose `set` adds the charset), then `setCharset(type, 'utf-8')`,
        // which parses and writes it back unchanged: the common case, written at once
        res.set_header("Content-Type", HeaderValue::One(HTML_UTF8.into()));
    } else if let Some(ct) = res.get_str("content-type").map(str::to_string) {
        set(res, "Content-Type", &set_charset(&ct));
    }
    let mut length = String::new();
    crate::engine::js::push_padded(&mut length, body.len() as u64, 1);
    res.set_header("Content-Length", HeaderValue::One(length));
    if res.get_header("etag").is_none() {
        res.set_header("ETag", HeaderValue::One(weak_etag(&body)));
    }
    if fresh(req, res) {
        res.status = 304;
    }
    if res.status == 204 || res.status == 304 {
        res.remove_header("Content-Type");
        res.remove_header("Content-Length");
        res.remove_header("Transfer-Encoding");
        body.clear();
    }
    if req.method == "HEAD" {
        body.clear();
    }
    res.body = Some(body);
}

/// One media range of an `Accept` header.
struct Range {
    ty: String,
    sub: String,
    q: f64,
    index: usize,
}

fn parse_accept(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .enumerate()
        .filter_map(|(index, part)| {
            let mut it = part.split(';');
            let (ty, sub) = it.next()?.trim().split_once('/')?;
            let mut q = 1.0;
            for p in it {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim() == "q" {
                        q = v.trim().parse().unwrap_or(1.0);
                    }
                }
            }
            Some(Range {
                ty: ty.trim().to_ascii_lowercase(),
                sub: sub.trim().to_ascii_lowercase(),
                q,
                index,
            })
        })
        .collect()
}

/// `req.accepts(types)` for full media types (negotiator's preferredMediaTypes): returns the
/// index of the preferred one.
pub fn accepts(req: &Request, types: &[&str]) -> Option<usize> {
    let Some(accept) = req.header("accept") else {
        return (!types.is_empty()).then_some(0);
    };
    let ranges = parse_accept(&accept);
    types
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let (ty, sub) = t.split_once('/')?;
            // the best-matching range: most specific, then highest q, then latest
            let best = ranges
                .iter()
                .filter(|r| (r.ty == ty || r.ty == "*") && (r.sub == sub || r.sub == "*"))
                .map(|r| {
                    (
                        u8::from(r.ty == ty) * 4 + u8::from(r.sub == sub) * 2,
                        r.q,
                        r.index,
                    )
                })
                .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)))?;
            Some((best.1, best.0, best.2, i))
        })
        .filter(|s| s.0 > 0.0)
        // the first a stable sort by this order would give (the last key, the type's
        // position, is unique): highest q, then most specific, then earliest range, then type
        .min_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        })
        .map(|s| s.3)
}

/// `res.redirect(url)` (302), with its content-negotiated body.
pub fn redirect(req: &Request, res: &mut Res, url: &str) {
    let address = encode_url(url);
    res.set_header("Location", HeaderValue::One(address.clone()));
    res.set_header("Vary", HeaderValue::One("Accept".into()));
    let body = match accepts(req, &["text/plain", "text/html"]) {
        Some(0) => {
            set(res, "Content-Type", "text/plain");
            format!("Found. Redirecting to {address}")
        }
        Some(_) => {
            set(res, "Content-Type", "text/html");
            format!("<p>Found. Redirecting to {}</p>", escape_html(&address))
        }
        None => String::new(),
    };
    res.status = 302;
    let mut length = String::new();
    crate::engine::js::push_padded(&mut length, body.len() as u64, 1);
    res.set_header("Content-Length", HeaderValue::One(length));
    res.body = Some(if req.method == "HEAD" {
        String::new()
    } else {
        body
    });
}

/// `res.cookie(name, value, {signed})` with Express's defaults (`path: '/'`).
pub fn cookie(res: &mut Res, name: &str, value: &str, signed_with: Option<&str>) {
    let val = match signed_with {
        Some(secret) => format!("s:{}", sign(value, secret)),
        None => value.to_string(),
    };
    let opts = SerializeOptions {
        path: Some("/".into()),
        ..Default::default()
    };
    if let Ok(h) = serialize(name, &val, &opts) {
        res.append("Set-Cookie", h);
    }
}

/// `res.clearCookie(name)`: an empty value that expired at 1 ms past the epoch.
pub fn clear_cookie(res: &mut Res, name: &str) {
    let opts = SerializeOptions {
        path: Some("/".into()),
        expires: Some(JsDate::new(1.0)),
        ..Default::default()
    };
    if let Ok(h) = serialize(name, "", &opts) {
        res.append("Set-Cookie", h);
    }
}

/// finalhandler's error document.
fn html_document(message: &str) -> String {
    let body = escape_html(message)
        .replace('\n', "<br>")
        .replace("  ", " &nbsp;");
    format!("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>{body}</pre>\n</body>\n</html>\n")
}

fn final_send(req: &Request, res: &mut Res, status: u16, message: &str) {
    let body = html_document(message);
    res.status = status;
    res.remove_header("Content-Encoding");
    res.remove_header("Content-Language");
    res.remove_header("Content-Range");
    res.set_header(
        "Content-Security-Policy",
        HeaderValue::One("default-src 'none'".into()),
    );
    res.set_header("X-Content-Type-Options", HeaderValue::One("nosniff".into()));
    res.set_header(
        "Content-Type",
        HeaderValue::One("text/html; charset=utf-8".into()),
    );
    let mut length = String::new();
    crate::engine::js::push_padded(&mut length, body.len() as u64, 1);
    res.set_header("Content-Length", HeaderValue::One(length));
    res.body = Some(if req.method == "HEAD" {
        String::new()
    } else {
        body
    });
}

/// finalhandler with no error: `Cannot GET /path`.
pub fn not_found(req: &Request, res: &mut Res) {
    let msg = format!("Cannot {} {}", req.method, encode_url(req.pathname()));
    final_send(req, res, 404, &msg);
}

/// finalhandler with an error, in production: only the status message is shown.
pub fn server_error(req: &Request, res: &mut Res) {
    final_send(req, res, 500, "Internal Server Error");
}

/// Whether an Express route path (`/user`) matches the request path: case-insensitive, an
/// optional trailing slash, on the raw (undecoded) path.
pub fn route_matches(route: &str, path: &str) -> bool {
    let p = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let r = route
        .strip_suffix('/')
        .filter(|r| !r.is_empty())
        .unwrap_or(route);
    p.eq_ignore_ascii_case(r)
}

/// Whether a route registered with `app.get` handles this method (Express also answers HEAD).
pub fn get_matches(req: &Request) -> bool {
    req.method == "GET" || req.method == "HEAD"
}

/// The router's answer to anything but GET/HEAD, for an app whose routes are all `app.get`:
/// OPTIONS on a known path lists `Allow: GET,HEAD`; everything else is a 404. Returns whether
/// it answered.
pub fn answer_other_methods(req: &Request, res: &mut Res, routes: &[&str]) -> bool {
    if get_matches(req) {
        return false;
    }
    if req.method == "OPTIONS" && routes.iter().any(|r| route_matches(r, req.pathname())) {
        set(res, "Allow", "GET,HEAD");
        send(req, res, "GET,HEAD");
    } else {
        not_found(req, res);
    }
    true
}

/// `req.query`: what Express 4's default "extended" query parser (qs 6.16, with
/// `allowPrototypes: true` and `arrayLimit: 1000`) makes of the query string (without its
/// `?`): nested brackets, array indices, repeated keys and all (see [`super::qs`]).
pub fn parse_query(q: &str) -> Map<String, Value> {
    super::qs::parse(q)
}

/// ejs's `<%= value %>`: `String(value)` escaped, `undefined`/`null` as empty. `String()`
/// throws for an object with an own `toString` (see [`JsTypeError`]).
pub fn ejs_escape(v: Option<&Value>) -> Result<String, JsTypeError> {
    let s = match v {
        None | Some(Value::Null) => return Ok(String::new()),
        Some(v) => crate::engine::js::value_to_string(v)?,
    };
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `template` with its `tag` (`<%= username %>`) replaced by `value` as ejs prints it, or the
/// exception that reaches Express's error handler when `String(value)` throws. ejs (with its
/// default `compileDebug`) catches it and rethrows it with the file, the tag's line and the
/// lines around it put before the message; Express's handler logs that, and answers 500.
/// `file` is the view's path (`views/user.html`): Node's holds the app's absolute directory
/// first.
pub fn ejs_fill(
    file: &str,
    template: &str,
    tag: &str,
    value: Option<&Value>,
) -> Result<String, String> {
    match ejs_escape(value) {
        Ok(text) => Ok(template.replace(tag, &text)),
        Err(_) => Err(ejs_rethrow(file, template, tag, JsTypeError::MESSAGE)),
    }
}

/// The message ejs's `rethrow(err, str, flnm, lineno)` gives `err`, as `String(err)` prints
/// it (a `TypeError` with `message`): the file and line, the two lines before it and the
/// three after (the line itself marked ` >> `), a blank line, then the original message.
fn ejs_rethrow(file: &str, template: &str, tag: &str, message: &str) -> String {
    let lines: Vec<&str> = template.split('\n').collect();
    let lineno = lines
        .iter()
        .position(|l| l.contains(tag))
        .map_or(1, |i| i + 1);
    let start = lineno.saturating_sub(3);
    let end = lines.len().min(lineno + 3);
    let mut out = format!("TypeError: {file}:{lineno}\n");
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        let curr = i + 1;
        out.push_str(if curr == lineno { " >> " } else { "    " });
        crate::engine::js::push_padded(&mut out, curr as u64, 1);
        out.push_str("| ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(message);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(accept: Option<&str>) -> Request {
        Request {
            method: "GET".into(),
            target: "/".into(),
            headers: accept
                .map(|a| vec![("Accept".to_string(), a.to_string())])
                .unwrap_or_default(),
            encrypted: false,
        }
    }

    #[test]
    fn send_without_a_type_writes_what_type_html_and_set_charset_write() {
        let mut res = Res::new();
        set(&mut res, "Content-Type", "text/html");
        let slow = set_charset(res.get_str("content-type").unwrap());
        assert_eq!(slow, HTML_UTF8);
        let mut res = Res::new();
        send(&req(None), &mut res, "x");
        assert_eq!(res.get_str("Content-Type"), Some(HTML_UTF8));
    }

    #[test]
    fn etag_and_send_match_express() {
        assert_eq!(weak_etag(""), "W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"");
        assert_eq!(
            weak_etag("签名校验失败"),
            "W/\"12-nTsxWYvbZwhRgGJWN+fQmQewdo4\""
        );
        // the length in lowercase hex, as Number.prototype.toString(16) writes it
        for n in [1, 9, 10, 15, 16, 255, 256, 4095, 4096, 65_537] {
            let tag = weak_etag(&"x".repeat(n));
            assert!(tag.starts_with(&format!("W/\"{n:x}-")), "{n}: {tag}");
            assert_eq!(tag.len(), format!("{n:x}").len() + 32, "{tag}");
        }
        let mut res = Res::new();
        res.set_header(
            "Content-Type",
            HeaderValue::One("text/html;charset=utf-8".into()),
        );
        send(&req(None), &mut res, "hi");
        assert_eq!(
            res.get_str("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(res.get_str("content-length"), Some("2"));
    }

    #[test]
    fn negotiation() {
        assert_eq!(accepts(&req(None), &["text/plain", "text/html"]), Some(0));
        assert_eq!(
            accepts(&req(Some("*/*")), &["text/plain", "text/html"]),
            Some(0)
        );
        assert_eq!(
            accepts(
                &req(Some(
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
                )),
                &["text/plain", "text/html"]
            ),
            Some(1)
        );
        assert_eq!(
            accepts(&req(Some("application/json")), &["text/plain", "text/html"]),
            None
        );
        assert_eq!(
            accepts(
                &req(Some("text/*;q=0.5, text/html")),
                &["text/plain", "text/html"]
            ),
            Some(1)
        );
        assert_eq!(
            accepts(&req(Some("text/plain;q=0")), &["text/plain", "text/html"]),
            None
        );
    }

    #[test]
    fn query_forms() {
        let q = |s: &str| Value::Object(parse_query(s));
        assert_eq!(q("username=alice"), crate::json!({"username": "alice"}));
        assert_eq!(
            q("username=alice&username=bob"),
            crate::json!({"username": ["alice", "bob"]})
        );
        assert_eq!(
            q("username[first]=alice"),
            crate::json!({"username": {"first": "alice"}})
        );
        assert_eq!(q("a[]=1&a[]=2"), crate::json!({"a": ["1", "2"]}));
        assert_eq!(q("a=%ZZ+b&c"), crate::json!({"a": "%ZZ b", "c": ""}));
        assert_eq!(q("__proto__=x"), crate::json!({}));
    }

    #[test]
    fn routes_and_escaping() {
        assert!(route_matches("/user", "/USER/"));
        assert!(route_matches("/", "/"));
        assert!(!route_matches("/user", "/us%65r"));
        assert_eq!(
            ejs_escape(Some(&crate::json!("<a href='x'>\"&"))).unwrap(),
            "&lt;a href=&#39;x&#39;&gt;&#34;&amp;"
        );
        assert_eq!(ejs_escape(None).unwrap(), "");
        assert_eq!(ejs_escape(Some(&crate::json!(["a", "b"]))).unwrap(), "a,b");
        assert_eq!(
            ejs_escape(Some(&crate::json!([{"toString": "x"}]))),
            Err(JsTypeError)
        );
    }
}
