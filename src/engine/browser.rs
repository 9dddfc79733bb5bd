//! A simulated browser: builds requests with its jar, applies `Set-Cookie`, follows redirects
//! and remembers the page it shows.

use super::clock::Millis;
use super::events::{BrowserId, Event};
use super::jar::{Api, Jar, RequestContext, SetOutcome};
use super::server::http::{Request, Response};
use super::url::Url;

/// A simulated browser: its jar, and the page it shows (the target of XSS scripts).
#[derive(Clone, Debug)]
pub struct Browser {
    /// The learner's browser or the attacker's.
    pub id: BrowserId,
    /// Its cookie jar.
    pub jar: Jar,
    /// The address of the page it shows.
    pub url: Option<Url>,
    /// The last response it displayed.
    pub page: Option<std::rc::Rc<Response>>,
}

/// What one hop of a navigation asks the browser to send.
#[derive(Clone, Copy, Debug)]
pub struct Outgoing<'a> {
    /// The method; upper-cased in the request.
    pub method: &'a str,
    /// The URL of this hop; `https:` makes the connection TLS.
    pub url: &'a Url,
    /// Who started it, for SameSite.
    pub ctx: &'a RequestContext,
    /// Headers besides `Cookie` (a `Cookie` among them is dropped).
    pub headers: &'a [(String, String)],
    /// A `Cookie` header to send exactly, instead of the jar's.
    pub cookie_override: Option<&'a str>,
}

impl Browser {
    /// A fresh browser with an empty jar.
    pub fn new(id: BrowserId) -> Browser {
        Browser {
            id,
            jar: Jar::new(),
            url: None,
            page: None,
        }
    }

    /// Builds the request a navigation sends: the jar's `Cookie` header, unless the navigation
    /// gives one to send exactly.
    pub fn build_request(
        &mut self,
        nav: &Outgoing,
        now: Millis,
        events: &mut Vec<Event>,
    ) -> Request {
        let Outgoing {
            method,
            url,
            ctx,
            headers: extra_headers,
            cookie_override,
        } = *nav;
        let mut headers: Vec<(String, String)> = extra_headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("cookie"))
            .cloned()
            .collect();
        match cookie_override {
            Some(h) => {
                events.push(Event::CookieHeaderOverridden {
                    browser: self.id,
                    header: h.to_string(),
                });
                headers.push(("Cookie".into(), h.to_string()));
            }
            None => {
                let (header, decisions, expired) = self.jar.cookie_header(url, ctx, Api::Http, now);
                if !expired.is_empty() {
                    events.push(Event::CookiesExpired {
                        browser: self.id,
                        names: expired.into_iter().map(|c| c.name).collect(),
                    });
                }
                for d in decisions {
                    events.push(Event::CookieConsidered {
                        browser: self.id,
                        name: d.cookie,
                        withheld: d.withheld,
                        lax_allowing_unsafe: d.lax_allowing_unsafe,
                    });
                }
                if let Some(h) = header {
                    headers.push(("Cookie".into(), h));
                }
            }
        }
        Request {
            method: method.to_ascii_uppercase(),
            target: url.target(),
            headers,
            encrypted: url.secure,
        }
    }

    /// Stores every `Set-Cookie` of a response from `url`.
    pub fn receive(
        &mut self,
        url: &Url,
        ctx: &RequestContext,
        res: &Response,
        now: Millis,
        events: &mut Vec<Event>,
    ) {
        for h in res.set_cookie_values() {
            let (outcome, hk) = self.jar.set_from(h, url, ctx, Api::Http, now);
            events.push(Event::JarUpdated {
                browser: self.id,
                header: h.to_string(),
                outcome: Box::new(outcome),
            });
            if !hk.evicted.is_empty() {
                events.push(Event::JarEvicted {
                    browser: self.id,
                    cookies: hk.evicted,
                });
            }
        }
    }

    /// `document.cookie` as a script on the current page reads it (HttpOnly cookies hidden).
    pub fn document_cookie(&mut self, now: Millis) -> String {
        let Some(url) = self.url.clone() else {
            return String::new();
        };
        let ctx = RequestContext::typed("GET");
        self.jar
            .cookie_header(&url, &ctx, Api::Script, now)
            .0
            .unwrap_or_default()
    }

    /// Names of cookies the current page has but scripts cannot see (HttpOnly).
    pub fn hidden_from_scripts(&self, now: Millis) -> Vec<String> {
        let Some(url) = self.url.clone() else {
            return Vec::new();
        };
        let ctx = RequestContext::typed("GET");
        self.jar
            .decide(&url, &ctx, Api::Script, now)
            .into_iter()
            .filter(|d| d.withheld == Some(super::jar::Withheld::HttpOnly))
            .map(|d| d.cookie.name)
            .collect()
    }

    /// `document.cookie = text` from a script on the current page.
    pub fn script_set_cookie(&mut self, text: &str, now: Millis) -> Option<SetOutcome> {
        let url = self.url.clone()?;
        let ctx = RequestContext::typed("GET");
        Some(self.jar.set_from(text, &url, &ctx, Api::Script, now).0)
    }

    /// Drops the cookies that have expired by `now`; their names.
    pub fn drop_expired(&mut self, now: Millis) -> Vec<String> {
        self.jar
            .purge_expired(now)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    /// Closes the browser: session cookies are dropped.
    pub fn close(&mut self) -> Vec<String> {
        self.page = None;
        self.jar
            .close_browser()
            .into_iter()
            .map(|c| c.name)
            .collect()
    }
}

/// Whether a status is a redirect a browser follows.
pub fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}
