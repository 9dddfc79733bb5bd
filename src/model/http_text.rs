//! Requests and responses as text: the raw HTTP the timeline shows, "copy as curl", and the
//! form encoding a submitted form uses.

use crate::engine::lab::Exchange;

/// `application/x-www-form-urlencoded` for one name or value: `*-._` and alphanumerics stay,
/// a space becomes `+`, everything else `%XX` (the WHATWG urlencoded serializer).
pub fn form_urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A form's fields as a query string.
pub fn form_query(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", form_urlencode(k), form_urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The request as it went on the wire (line endings shown as plain newlines).
pub fn request_text(x: &Exchange) -> String {
    x.request
        .head_text(&x.url.authority())
        .replace("\r\n", "\n")
}

/// The response as it went on the wire.
pub fn response_text(x: &Exchange) -> String {
    format!(
        "{}\n{}",
        x.response.head_text().replace("\r\n", "\n"),
        x.response.body
    )
}

/// `s` in single quotes for a POSIX shell.
pub(crate) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `curl` that repeats the request against a real server at the same address.
pub fn curl(x: &Exchange) -> String {
    let mut parts = vec!["curl".to_string(), "-i".to_string()];
    if x.request.method != "GET" {
        parts.push("-X".into());
        parts.push(shell_quote(&x.request.method));
    }
    parts.push(shell_quote(&x.url.to_string()));
    for (n, v) in &x.request.headers {
        parts.push("-H".into());
        parts.push(shell_quote(&format!("{n}: {v}")));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::events::BrowserId;
    use crate::engine::ids::SeededRandom;
    use crate::engine::lab::{Action, Lab, LabConfig, Navigate};
    use crate::engine::server::App;
    use crate::engine::store::MemoryKv;

    #[test]
    fn form_encoding() {
        assert_eq!(form_urlencode("a b&c=d/é*"), "a+b%26c%3Dd%2F%C3%A9*");
        assert_eq!(
            form_query(&[("username".into(), "alice smith".into())]),
            "username=alice+smith"
        );
    }

    #[test]
    fn curl_and_raw_text() {
        let mut lab = Lab::new(
            LabConfig::for_app(App::Counter),
            1_700_000_000_000,
            Box::new(SeededRandom(1)),
            Box::<MemoryKv>::default(),
        )
        .unwrap();
        lab.apply(Action::Navigate(Navigate::typed(
            BrowserId::Victim,
            "http://localhost:3000/",
        )));
        let mut n = Navigate::typed(BrowserId::Victim, "http://localhost:3000/peek");
        n.cookie_override = Some("connect.sid=it's".into());
        let o = lab.apply(Action::Navigate(n));
        let x = &o.exchanges[0];
        assert_eq!(
            curl(x),
            "curl -i 'http://localhost:3000/peek' -H 'Cookie: connect.sid=it'\\''s'"
        );
        assert!(request_text(x)
            .starts_with("GET /peek HTTP/1.1\nHost: localhost:3000\nCookie: connect.sid=it's\n"));
        assert!(response_text(x).starts_with("HTTP/1.1 200 OK\nX-Powered-By: Express\n"));
        assert!(response_text(x).ends_with("\nviews: 0"));
    }
}
