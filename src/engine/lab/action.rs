//! What the learner (or a scenario) does to the lab, and what comes back: an [`Action`], and
//! the [`Outcome`] with the request/response pairs it made.

use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Cause, Event};
use crate::engine::jar::Cookie;
use crate::engine::json::Value;
use crate::engine::server::http::{Request, Response};
use crate::engine::store::StoreOp;
use crate::engine::url::Url;

use super::LabConfig;

/// A navigation request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Navigate {
    /// The browser that sends it; only the learner's requests pass the sniffer.
    pub browser: BrowserId,
    /// The HTTP method (`GET`, `POST`); upper-cased before sending, and a 303 (or a 301/302
    /// after a POST) turns it into `GET`.
    pub method: String,
    /// The address (absolute).
    pub url: String,
    /// How it started; redirect hops are logged as [`Cause::Redirect`].
    pub cause: Cause,
    /// Extra request headers.
    pub headers: Vec<(String, String)>,
    /// Send exactly this `Cookie` header instead of the jar's.
    pub cookie_override: Option<String>,
    /// Follow redirects (the page does; the trace does not).
    pub follow_redirects: bool,
    /// The page that started the request (for SameSite), if any.
    pub initiator: Option<Url>,
}

impl Navigate {
    /// A GET typed into a browser's address bar.
    pub fn typed(browser: BrowserId, url: &str) -> Navigate {
        Navigate {
            browser,
            method: "GET".into(),
            url: url.into(),
            cause: Cause::Typed,
            headers: Vec::new(),
            cookie_override: None,
            follow_redirects: true,
            initiator: None,
        }
    }
}

/// Something the learner (or a scenario) does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Load a URL.
    Navigate(Navigate),
    /// Move the clock forward.
    Advance(Millis),
    /// Restart the server process.
    RestartServer,
    /// Close a browser.
    CloseBrowser(BrowserId),
    /// Change app, options or id scheme: the server restarts with the new config.
    Configure(LabConfig),
    /// Put a cookie in a jar by hand (DevTools).
    JarPut(BrowserId, Cookie),
    /// Put a cookie in a jar with one of the attacker's tools (the signer, the loot): as
    /// [`Action::JarPut`], the log naming the tool.
    ToolPut(BrowserId, Cookie, super::super::events::EditBy),
    /// Edit a jar's row by hand, as a DevTools cell does: the cookie with the key given (name,
    /// domain, path) becomes `cookie`, in the same place, even when its key is new.
    JarReplace {
        /// The browser whose jar it is.
        browser: BrowserId,
        /// The key of the row edited: name, domain as stored, path.
        old: (String, String, String),
        /// The cookie as it is after the edit.
        cookie: Cookie,
    },
    /// Delete a cookie by hand.
    JarRemove {
        /// The browser whose jar it is.
        browser: BrowserId,
        /// The cookie's name; name, domain and path together are the jar's key.
        name: String,
        /// The cookie's domain as stored (no leading dot).
        domain: String,
        /// The cookie's path (`/`).
        path: String,
    },
    /// Empty a jar.
    JarClear(BrowserId),
    /// Run a script on a browser's current page (the XSS channel).
    RunScript(BrowserId, Script),
    /// Send requests without waiting for each other ([`super::Fire`]); they stay in flight
    /// until their answers come, as [`Action::Advance`] (or [`Action::Settle`]) moves the
    /// clock. A [`Action::Navigate`] while requests are in flight joins them.
    Fire(Vec<super::Fire>),
    /// Wait until every request in flight has its answer (the clock moves to the last one).
    Settle,
}

/// What an injected script does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Script {
    /// Read `document.cookie` and send it to the attacker.
    ReadCookies,
    /// `document.cookie = text`.
    WriteCookie(String),
}

/// What the sniffer on plain http captured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    /// Virtual time the request was sent.
    pub at: Millis,
    /// Which browser sent it.
    pub browser: BrowserId,
    /// The request's absolute URL.
    pub url: String,
    /// Its Cookie header (`None` if it had none, or if it was https and so unreadable).
    pub cookie: Option<String>,
    /// It went over https.
    pub encrypted: bool,
}

/// A cookie string the attacker got hold of: how, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loot {
    /// What it got: `document.cookie`'s text, or a request's Cookie header.
    pub cookies: String,
    /// How.
    pub via: Via,
    /// Virtual time it got it.
    pub at: Millis,
}

/// How the attacker got a cookie string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A script injected into the victim's page read `document.cookie`.
    Xss,
    /// The sniffer read a plain-http request's Cookie header.
    Sniffer,
}

/// One request/response pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// Which browser sent it.
    pub browser: BrowserId,
    /// The URL of this hop (for a redirect, the resolved `Location`).
    pub url: Url,
    /// What was sent (shared with the server's task that handled it).
    pub request: std::rc::Rc<Request>,
    /// What came back (shared with the page the browser shows, when it is the last hop).
    pub response: std::rc::Rc<Response>,
    /// Everything that happened, in order (browser, server, jar).
    pub events: Vec<Event>,
    /// The store's methods called.
    pub store_calls: Vec<StoreOp>,
    /// The whole store afterwards (only when snapshots are on).
    pub store: Option<Value>,
    /// Redirect hop (0 for the first request).
    pub hop: u8,
    /// The page that started the navigation, for SameSite (`None` when typed); redirect hops
    /// keep the first request's.
    pub initiator: Option<Url>,
    /// Virtual time the request left the browser.
    pub at: Millis,
    /// Virtual time its response reached the browser (later than `at` when the store, or the
    /// handler, took time).
    pub answered: Millis,
    /// Its number among the requests in flight, when it was one ([`Action::Fire`]).
    pub flight: Option<u32>,
    /// The instance that answered (1 or 2; always 1 with one instance).
    pub instance: u8,
}

impl Exchange {
    /// The value of cookie `name` the request carried, as sent (still encoded), if it did.
    pub fn sent_cookie(&self, name: &str) -> Option<String> {
        let h = self.request.header("cookie")?;
        crate::engine::cookie_header::parse(&h)
            .get(name)
            .map(|p| p.raw.clone())
    }

    /// The cookies named `name` the jar took from this request's response, in order (a
    /// Set-Cookie it refused, or one that deleted the cookie, is not among them).
    pub fn jar_took<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Cookie> + 'a {
        self.events.iter().filter_map(move |e| match e {
            Event::JarUpdated { outcome, .. } => outcome.stored().filter(|c| c.name == name),
            _ => None,
        })
    }

    /// The instance the balancer sent it to (`app1`, `app2`), when there were two.
    pub fn answered_by(&self) -> Option<&'static str> {
        self.events.iter().find_map(|e| match e {
            Event::Balanced { instance, .. } => Some(super::instance_name(*instance)),
            _ => None,
        })
    }
}

/// The result of one action.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Events not tied to a request (clock, restarts, jar edits).
    pub events: Vec<Event>,
    /// Requests made, one per redirect hop, in the order their answers came.
    pub exchanges: Vec<Exchange>,
    /// What the requests in flight did, step by step, in order.
    pub flight: Vec<super::FlightStep>,
}

impl Outcome {
    /// Every event of the action, its own and its requests', in order of the requests'
    /// answers.
    pub fn all_events(&self) -> impl Iterator<Item = &Event> {
        self.events
            .iter()
            .chain(self.exchanges.iter().flat_map(|x| x.events.iter()))
    }

    /// The races the store's writes showed during the action: a save that replaced another
    /// request's write ([`Event::SaveOverwrote`]) and a destroyed session saved back
    /// ([`Event::DestroyedSessionSaved`]), in order.
    pub fn races(&self) -> Vec<&Event> {
        self.all_events()
            .filter(|e| {
                matches!(
                    e,
                    Event::SaveOverwrote { .. } | Event::DestroyedSessionSaved { .. }
                )
            })
            .collect()
    }
}
