//! What the simulated browser shows for a response body: a small, safe model of the HTML
//! (text, links, forms, preformatted blocks). Nothing here is ever turned back into HTML: the
//! page renders these as text nodes and controls, so a cookie value or username such as
//! `<img src=x onerror=alert(1)>` can only ever appear as text.

/// One form field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The `name` attribute: the key the field's value is submitted under.
    pub name: String,
    /// The label text around it.
    pub label: String,
    /// `type` (text, password, hidden, ...).
    pub kind: String,
    /// The `value` attribute: what the field holds until the learner types.
    pub value: String,
}

/// A block of the rendered page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of text.
    Text(String),
    /// An `<a href>`: following it is a navigation from this page.
    Link {
        /// `href` as written.
        href: String,
        /// The link's text, entities decoded and whitespace squashed.
        text: String,
    },
    /// A `<form>` with its inputs; submitting it is a navigation from this page.
    Form {
        /// `action` (empty means the current URL).
        action: String,
        /// `method` (GET unless POST).
        method: String,
        /// The inputs other than the submit button, in order.
        fields: Vec<Field>,
        /// The submit button's text (empty when the page gave none).
        submit: String,
    },
    /// Preformatted text (plain-text bodies and error pages).
    Pre(String),
}

/// What the simulated browser shows for one response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// `<title>`.
    pub title: Option<String>,
    /// Content, in order.
    pub blocks: Vec<Block>,
}

/// Decodes the entities the apps and Express produce (and the common named ones).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A tag or a run of text.
#[derive(Debug)]
enum Token<'a> {
    Open(String, Vec<(String, String)>),
    Close(String),
    Text(&'a str),
}

fn attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                let vs = i;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = decode_entities(&s[vs..i]);
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = decode_entities(&s[vs..i]);
            }
        }
        out.push((name, value));
    }
    out
}

fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                out.push(Token::Text(rest));
                break;
            }
            Some(i) => {
                if i > 0 {
                    out.push(Token::Text(&rest[..i]));
                }
                rest = &rest[i..];
                let Some(end) = rest.find('>') else {
                    out.push(Token::Text(rest));
                    break;
                };
                let inner = &rest[1..end];
                rest = &rest[end + 1..];
                if let Some(name) = inner.strip_prefix('/') {
                    out.push(Token::Close(name.trim().to_ascii_lowercase()));
                } else if inner.starts_with('!') || inner.starts_with('?') {
                    // doctype, comment
                } else {
                    let (name, a) = inner
                        .split_once(|c: char| c.is_ascii_whitespace())
                        .unwrap_or((inner, ""));
                    out.push(Token::Open(
                        name.trim_end_matches('/').to_ascii_lowercase(),
                        attrs(a),
                    ));
                }
            }
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the page model from a body and its Content-Type.
pub fn render(body: &str, content_type: Option<&str>) -> Page {
    let is_html = content_type.is_some_and(|c| c.to_ascii_lowercase().starts_with("text/html"));
    if !is_html {
        return Page {
            title: None,
            blocks: if body.is_empty() {
                Vec::new()
            } else {
                vec![Block::Pre(body.to_string())]
            },
        };
    }
    let mut page = Page::default();
    let mut text = String::new();
    let mut in_title = false;
    let mut skip = 0usize; // inside script/style
    let mut pre: Option<String> = None;
    let mut link: Option<(String, String)> = None;
    let mut form: Option<(String, String, Vec<Field>, String)> = None;
    let mut label = String::new();
    let mut in_button = false;
    let flush = |text: &mut String, page: &mut Page| {
        let t = squash(&decode_entities(text));
        if !t.is_empty() {
            page.blocks.push(Block::Text(t));
        }
        text.clear();
    };
    for tok in tokens(body) {
        match tok {
            Token::Text(t) => {
                if skip > 0 {
                    continue;
                }
                if in_title {
                    page.title = Some(squash(&decode_entities(t)));
                } else if let Some(p) = pre.as_mut() {
                    p.push_str(&decode_entities(t));
                } else if let Some((_, lt)) = link.as_mut() {
                    lt.push_str(t);
                } else if in_button {
                    if let Some(f) = form.as_mut() {
                        f.3.push_str(&squash(&decode_entities(t)));
                    }
                } else if form.is_some() {
                    label.push_str(t);
                } else {
                    text.push_str(t);
                }
            }
            Token::Open(name, a) => {
                let get = |k: &str| {
                    a.iter()
                        .find(|(n, _)| n == k)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                match name.as_str() {
                    "script" | "style" => skip += 1,
                    "title" => in_title = true,
                    "pre" => {
                        flush(&mut text, &mut page);
                        pre = Some(String::new());
                    }
                    "br" => {
                        if let Some(p) = pre.as_mut() {
                            p.push('\n');
                        } else {
                            flush(&mut text, &mut page);
                        }
                    }
                    "p" | "div" | "h1" | "h2" | "h3" | "li" => flush(&mut text, &mut page),
                    "a" => {
                        flush(&mut text, &mut page);
                        link = Some((get("href"), String::new()));
                    }
                    "form" => {
                        flush(&mut text, &mut page);
                        let method = if get("method").eq_ignore_ascii_case("post") {
                            "POST"
                        } else {
                            "GET"
                        };
                        form = Some((get("action"), method.into(), Vec::new(), String::new()));
                    }
                    "input" => {
                        if let Some(f) = form.as_mut() {
                            let kind = match get("type").to_ascii_lowercase() {
                                k if k.is_empty() => "text".to_string(),
                                k => k,
                            };
                            if kind == "submit" {
                                f.3 = get("value");
                            } else {
                                f.2.push(Field {
                                    name: get("name"),
                                    label: squash(&decode_entities(&label)),
                                    kind,
                                    value: get("value"),
                                });
                            }
                            label.clear();
                        }
                    }
                    "button" => in_button = true,
                    _ => {}
                }
            }
            Token::Close(name) => match name.as_str() {
                "script" | "style" => skip = skip.saturating_sub(1),
                "title" => in_title = false,
                "pre" => {
                    if let Some(p) = pre.take() {
                        page.blocks.push(Block::Pre(p));
                    }
                }
                "a" => {
                    if let Some((href, t)) = link.take() {
                        page.blocks.push(Block::Link {
                            href,
                            text: squash(&decode_entities(&t)),
                        });
                    }
                }
                "button" => in_button = false,
                "form" => {
                    if let Some((action, method, fields, submit)) = form.take() {
                        page.blocks.push(Block::Form {
                            action,
                            method,
                            fields,
                            submit,
                        });
                    }
                    label.clear();
                }
                "p" | "div" | "h1" | "h2" | "h3" | "li" => flush(&mut text, &mut page),
                _ => {}
            },
        }
    }
    if let Some(p) = pre.take() {
        page.blocks.push(Block::Pre(p));
    }
    if let Some((href, t)) = link.take() {
        page.blocks.push(Block::Link {
            href,
            text: squash(&decode_entities(&t)),
        });
    }
    flush(&mut text, &mut page);
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::server::auth::user_page;
    use crate::engine::server::source::INDEX_VIEW;

    #[test]
    fn login_page_becomes_a_form() {
        let p = render(INDEX_VIEW, Some("text/html; charset=utf-8"));
        assert_eq!(p.title.as_deref(), Some("登录"));
        assert_eq!(
            p.blocks,
            [Block::Form {
                action: "/login".into(),
                method: "GET".into(),
                fields: vec![Field {
                    name: "username".into(),
                    label: "用户名".into(),
                    kind: "text".into(),
                    value: String::new()
                }],
                submit: "登录".into()
            }]
        );
    }

    #[test]
    fn user_page_text_is_decoded_not_interpreted() {
        let body = user_page(Some(&crate::json!("<img src=x onerror=alert(1)>"))).unwrap();
        let p = render(&body, Some("text/html; charset=utf-8"));
        assert_eq!(
            p.blocks[0],
            Block::Text("欢迎你，<img src=x onerror=alert(1)>".into())
        );
        assert_eq!(
            p.blocks[1],
            Block::Link {
                href: "/logout".into(),
                text: "退出".into()
            }
        );
    }

    #[test]
    fn plain_text_and_error_pages() {
        assert_eq!(
            render("views: 1", Some("text/html; charset=utf-8")).blocks,
            [Block::Text("views: 1".into())]
        );
        assert_eq!(
            render("Found. Redirecting to /user", Some("text/plain")).blocks,
            [Block::Pre("Found. Redirecting to /user".into())]
        );
        let err = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /a&lt;b</pre>\n</body>\n</html>\n";
        let p = render(err, Some("text/html; charset=utf-8"));
        assert_eq!(p.title.as_deref(), Some("Error"));
        assert_eq!(p.blocks, [Block::Pre("Cannot GET /a<b".into())]);
        assert_eq!(decode_entities("&#34;&#x41;&bogus;&"), "\"A&bogus;&");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = render(&s, Some("text/html"));
            let _ = decode_entities(&s);
        }
    }
}
