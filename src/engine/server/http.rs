//! HTTP messages as the simulated server sees them, and a response object with Node's
//! header semantics (case-insensitive names, position kept on overwrite, multi-valued
//! `Set-Cookie`).

use std::borrow::Cow;

/// A request as it reaches the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request target: path plus `?query`.
    pub target: String,
    /// Header fields in order (names as sent).
    pub headers: Vec<(String, String)>,
    /// The connection itself is TLS (an `https:` URL).
    pub encrypted: bool,
}

/// Whether header name `n` is `name`, case-insensitively: lengths first, inline (at opt-level
/// "z" `eq_ignore_ascii_case` is a call for every header of every lookup, several lookups a
/// request, and most names differ in length).
#[inline(always)]
fn named(n: &str, name: &str) -> bool {
    n.len() == name.len() && n.eq_ignore_ascii_case(name)
}

impl Request {
    /// A header's value (case-insensitive). Node joins repeated `Cookie` headers with `; `
    /// and most others with `, `. Borrowed unless there is more than one to join (it is read
    /// several times for each request).
    pub fn header(&self, name: &str) -> Option<Cow<'_, str>> {
        // a plain loop: at opt-level "z" a filter/map chain is a call per header, and this
        // runs several times per request
        let mut found: Option<Cow<'_, str>> = None;
        for (n, v) in &self.headers {
            if !named(n, name) {
                continue;
            }
            found = Some(match found {
                None => Cow::Borrowed(v.as_str()),
                Some(first) => {
                    let sep = if name.eq_ignore_ascii_case("cookie") {
                        "; "
                    } else {
                        ", "
                    };
                    let mut out = first.into_owned();
                    out.push_str(sep);
                    out.push_str(v);
                    Cow::Owned(out)
                }
            });
        }
        found
    }

    /// `parseurl(req).pathname`: the target before `?` or `#`, `/` when that is empty.
    pub fn pathname(&self) -> &str {
        // a byte search: at opt-level "z" `split(['?', '#'])` is a call per character into
        // std's multi-char searcher (this runs twice per request)
        let end = self
            .target
            .bytes()
            .position(|b| b == b'?' || b == b'#')
            .unwrap_or(self.target.len());
        let p = &self.target[..end];
        if p.is_empty() {
            "/"
        } else {
            p
        }
    }

    /// The query string without `?`, if any.
    pub fn query(&self) -> Option<&str> {
        let no_frag = self.target.split('#').next().unwrap_or("");
        no_frag.split_once('?').map(|(_, q)| q)
    }

    /// The request line and headers as text.
    pub fn head_text(&self, host: &str) -> String {
        let mut s = format!(
            "{} {} HTTP/1.1\r\nHost: {host}\r\n",
            self.method, self.target
        );
        for (n, v) in &self.headers {
            if !n.eq_ignore_ascii_case("host") {
                s.push_str(&format!("{n}: {v}\r\n"));
            }
        }
        s
    }
}

/// A finished response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code; [`reason_phrase`] gives its text.
    pub status: u16,
    /// Headers in order, one pair per `Set-Cookie` value.
    pub headers: Vec<(String, String)>,
    /// The body as sent (empty for HEAD, 204 and 304).
    pub body: String,
}

impl Response {
    /// A header's first value (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| named(n, name))
            .map(|(_, v)| v.as_str())
    }

    /// Every `Set-Cookie` value.
    pub fn set_cookies(&self) -> Vec<&str> {
        self.set_cookie_values().collect()
    }

    /// The `Set-Cookie` values in order, without collecting them.
    pub fn set_cookie_values(&self) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter(|(n, _)| named(n, "set-cookie"))
            .map(|(_, v)| v.as_str())
    }

    /// `HTTP/1.1 200 OK` plus the headers as text.
    pub fn head_text(&self) -> String {
        let mut s = format!(
            "HTTP/1.1 {} {}\r\n",
            self.status,
            reason_phrase(self.status)
        );
        for (n, v) in &self.headers {
            s.push_str(&format!("{n}: {v}\r\n"));
        }
        s
    }
}

/// The reason phrase Node sends for a status (`statuses`).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        406 => "Not Acceptable",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// A header value: one string, or several (only `Set-Cookie` uses several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// A single value: one header line.
    One(String),
    /// Several values, each sent as its own header line.
    Many(Vec<String>),
}

/// The response under construction: Node's `ServerResponse` header store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Res {
    /// Status code (200 until set).
    pub status: u16,
    /// (name as last set, value), in first-set order; names compare case-insensitively. A
    /// response has a handful of headers, so a list beats a hash map.
    headers: Vec<(String, HeaderValue)>,
    /// The body, once `end` was called.
    pub body: Option<String>,
}

impl Res {
    /// A 200 response with no headers.
    pub fn new() -> Res {
        Res {
            status: 200,
            headers: Vec::with_capacity(8),
            body: None,
        }
    }

    /// `res.setHeader(name, value)`: replaces, keeping the original position.
    pub fn set_header(&mut self, name: &str, value: HeaderValue) {
        match self.slot(name) {
            Some(held) => *held = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    /// The value under `name` (case-insensitively), its name now written as `name`, as Node
    /// keeps the spelling of the last set.
    fn slot(&mut self, name: &str) -> Option<&mut HeaderValue> {
        let (set_as, held) = self.headers.iter_mut().find(|(k, _)| named(k, name))?;
        if set_as != name {
            *set_as = name.to_string();
        }
        Some(held)
    }

    /// `res.getHeader(name)`: the value as set, the name matched case-insensitively.
    pub fn get_header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers
            .iter()
            .find(|(k, _)| named(k, name))
            .map(|(_, v)| v)
    }

    /// A single-valued header as text.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        match self.get_header(name)? {
            HeaderValue::One(s) => Some(s),
            HeaderValue::Many(v) => v.first().map(String::as_str),
        }
    }

    /// `res.removeHeader(name)`: drops the header, the name matched case-insensitively.
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(k, _)| !named(k, name));
    }

    /// Express's `res.append(field, value)` (and express-session's `setcookie`): adds a value,
    /// turning a single value into a list.
    pub fn append(&mut self, name: &str, value: String) {
        let Some(held) = self.slot(name) else {
            self.headers
                .push((name.to_string(), HeaderValue::One(value)));
            return;
        };
        *held = match std::mem::replace(held, HeaderValue::Many(Vec::new())) {
            HeaderValue::One(prev) => HeaderValue::Many(vec![prev, value]),
            HeaderValue::Many(mut prev) => {
                prev.push(value);
                HeaderValue::Many(prev)
            }
        };
    }

    /// The finished response, its headers and body moved out (a request is answered once;
    /// what is left is an empty response).
    pub fn finish(&mut self) -> Response {
        let mut headers = Vec::with_capacity(self.headers.len() + 1);
        for (name, v) in self.headers.drain(..) {
            match v {
                HeaderValue::One(s) => headers.push((name, s)),
                HeaderValue::Many(vs) => headers.extend(vs.into_iter().map(|s| (name.clone(), s))),
            }
        }
        Response {
            status: self.status,
            headers,
            body: self.body.take().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_header_semantics() {
        let mut r = Res::new();
        r.set_header("X-Powered-By", HeaderValue::One("Express".into()));
        r.append("Set-Cookie", "a=1".into());
        r.set_header("content-type", HeaderValue::One("text/plain".into()));
        r.append("Set-Cookie", "b=2".into());
        r.set_header("Content-Type", HeaderValue::One("text/html".into()));
        let f = r.finish();
        assert_eq!(
            f.headers,
            [
                ("X-Powered-By".to_string(), "Express".to_string()),
                ("Set-Cookie".into(), "a=1".into()),
                ("Set-Cookie".into(), "b=2".into()),
                ("Content-Type".into(), "text/html".into()),
            ]
        );
    }

    #[test]
    fn request_parts() {
        let r = Request {
            method: "GET".into(),
            target: "/login?username=alice#x".into(),
            headers: vec![
                ("Cookie".into(), "a=1".into()),
                ("cookie".into(), "b=2".into()),
            ],
            encrypted: false,
        };
        assert_eq!(r.pathname(), "/login");
        assert_eq!(r.query(), Some("username=alice"));
        assert_eq!(r.header("COOKIE").unwrap(), "a=1; b=2");
    }
}
