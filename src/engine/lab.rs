//! The Lab: two browsers, one server, a virtual clock and a typed event log.
//! [`Lab::apply`] is deterministic given the clock, the id generator and its random source.

use super::browser::{is_redirect, Browser};
use super::clock::Millis;
use super::events::{BrowserId, Cause, Event};
use super::ids::{IdGenerator, IdScheme, RandomSource};
use super::jar::{Cookie, RequestContext};
use super::server::http::{Request, Response};
use super::server::{new_store, App, Server};
use super::session::{merge, OptionError, SessionOptions, StoreKind};
use super::store::{KvBackend, PersistentStore, SessionStore, SharedKv, StoreOp};
use super::url::{Url, UrlError};
use serde_json::{Map, Value};

/// Most redirects a browser follows before giving up.
pub const MAX_REDIRECTS: u8 = 10;

/// What the server runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LabConfig {
    /// The lesson's app: its code, its port and its own options.
    pub app: App,
    /// Options written over the app's own (`null` removes a key).
    pub overrides: Map<String, Value>,
    /// How new ids are made once any scripted ones are used up.
    pub id_scheme: IdScheme,
}

impl LabConfig {
    /// An app with its own options and its natural id scheme.
    pub fn for_app(app: App) -> LabConfig {
        LabConfig {
            app,
            overrides: Map::new(),
            id_scheme: default_scheme(app),
        }
    }

    /// The options the server runs with: `overrides` merged over the app's own, or why they
    /// would not start a server. The lab's `genid` option ([`GENID`]) is read by
    /// [`LabConfig::scheme`], not by the middleware.
    pub fn options(&self) -> Result<SessionOptions, OptionError> {
        let mut merged = merge(&self.app.own_options(), &self.overrides);
        match merged.shift_remove(GENID) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if IdScheme::from_code(&s).is_some() => {}
            Some(_) => {
                return Err(OptionError {
                    path: format!("options.{GENID}"),
                    problem: super::session::OptionProblem::GenidValue,
                })
            }
        }
        SessionOptions::from_json(&merged)
    }

    /// How new ids are made: the `genid` option when it names a generator, else the
    /// configured scheme.
    pub fn scheme(&self) -> IdScheme {
        self.overrides
            .get(GENID)
            .and_then(Value::as_str)
            .and_then(IdScheme::from_code)
            .unwrap_or(self.id_scheme)
    }
}

/// The options key of the lab's `genid`. express-session's `genid` is a function; the lab
/// offers the generators it can run, by name: `uid-safe` (express-session's default),
/// `date-random` (the course's `Date.now() + '' + Math.random()`) and `sequential`.
pub const GENID: &str = "genid";

/// The id scheme an app's own code uses.
pub fn default_scheme(app: App) -> IdScheme {
    match app {
        App::Manual => IdScheme::DateRandom,
        _ => IdScheme::UidSafe,
    }
}

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

/// One request/response pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// Which browser sent it.
    pub browser: BrowserId,
    /// The URL of this hop (for a redirect, the resolved `Location`).
    pub url: Url,
    /// What was sent.
    pub request: Request,
    /// What came back.
    pub response: Response,
    /// Everything that happened, in order (browser, server, jar).
    pub events: Vec<Event>,
    /// The store's methods called.
    pub store_calls: Vec<StoreOp>,
    /// The whole store afterwards (only when snapshots are on).
    pub store: Option<Value>,
    /// Redirect hop (0 for the first request).
    pub hop: u8,
    /// Virtual time of the request (the clock stands still during a navigation).
    pub at: Millis,
}

/// The result of one action.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Events not tied to a request (clock, restarts, jar edits).
    pub events: Vec<Event>,
    /// Requests made, one per redirect hop, in order.
    pub exchanges: Vec<Exchange>,
}

/// The whole simulation: two browsers, one server, a virtual clock and the sniffer.
/// [`Lab::apply`] runs one [`Action`] and reports what happened.
pub struct Lab {
    /// Virtual time in ms since the epoch; [`Action::Advance`] moves it forward.
    pub now: Millis,
    /// What the server runs.
    pub config: LabConfig,
    /// The server process: app, options, session store and id generator.
    pub server: Server,
    /// The learner's browser.
    pub victim: Browser,
    /// The attacker's browser.
    pub attacker: Browser,
    /// The persistent store's database.
    pub db: SharedKv,
    /// Record a store snapshot with every exchange (the trace does; the page does not need to).
    pub record_snapshots: bool,
    /// Only the app's own origin answers (`localhost` or `127.0.0.1` at the app's port, http or
    /// https); any other address is a connection the browser cannot make, as on a learner's
    /// machine where only the lesson's server runs. Off for scenario replays, whose requests
    /// go to the server whatever the host.
    pub only_own_origin: bool,
    /// What the network sniffer saw of the learner's browser's requests.
    pub captures: Vec<Capture>,
    /// Cookie strings the attacker has obtained (from scripts and the sniffer).
    pub loot: Vec<String>,
    /// Called after each request of a navigation (each redirect hop) with the lab as that
    /// request left it: the page's time travel keeps the state after every hop.
    pub after_hop: Option<AfterHop>,
}

/// See [`Lab::after_hop`]: the lab right after a request, and that request.
pub type AfterHop = Box<dyn FnMut(&Lab, &Exchange)>;

impl std::fmt::Debug for Lab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lab")
            .field("now", &self.now)
            .field("config", &self.config)
            .finish()
    }
}

fn make_store(kind: StoreKind, db: &SharedKv) -> Box<dyn SessionStore> {
    match kind {
        StoreKind::Persistent => Box::new(PersistentStore::new(Box::new(db.clone()))),
        StoreKind::Memory => new_store(StoreKind::Memory),
    }
}

impl Lab {
    /// A lab running `config` at `now`, with ids drawn from `rng` and the database in `db`.
    pub fn new(
        config: LabConfig,
        now: Millis,
        rng: Box<dyn RandomSource>,
        db: Box<dyn KvBackend>,
    ) -> Result<Lab, OptionError> {
        Lab::with_db(config, now, rng, SharedKv::new(db))
    }

    /// A lab over a database another lab used before (the page keeps one database for every
    /// lesson it starts, as a real app keeps its MongoDB).
    pub fn with_db(
        config: LabConfig,
        now: Millis,
        rng: Box<dyn RandomSource>,
        db: SharedKv,
    ) -> Result<Lab, OptionError> {
        let options = config.options()?;
        let store = make_store(options.store, &db);
        let ids = IdGenerator::new(config.scheme(), rng);
        Ok(Lab {
            now,
            server: Server::new(config.app, options, store, ids),
            config,
            victim: Browser::new(BrowserId::Victim),
            attacker: Browser::new(BrowserId::Attacker),
            db,
            record_snapshots: false,
            only_own_origin: false,
            captures: Vec::new(),
            loot: Vec::new(),
            after_hop: None,
        })
    }

    /// The events the first start prints.
    pub fn start_events(&self) -> Vec<Event> {
        vec![Event::ServerStarted {
            restart: false,
            kept: self.server.store.len_raw(),
            lost: 0,
            warnings: if self.config.app.uses_session() {
                self.server.options.startup_warnings()
            } else {
                Vec::new()
            },
        }]
    }

    /// The learner's or the attacker's browser.
    pub fn browser(&self, id: BrowserId) -> &Browser {
        match id {
            BrowserId::Victim => &self.victim,
            BrowserId::Attacker => &self.attacker,
        }
    }

    /// A browser, mutably.
    pub fn browser_mut(&mut self, id: BrowserId) -> &mut Browser {
        match id {
            BrowserId::Victim => &mut self.victim,
            BrowserId::Attacker => &mut self.attacker,
        }
    }

    /// The URL of the app's home page (`http://localhost:<port>/`).
    pub fn home_url(&self) -> String {
        format!("http://localhost:{}/", self.config.app.port())
    }

    /// Runs one action at the current virtual time: the events it caused and the requests it
    /// made (one per redirect hop).
    pub fn apply(&mut self, action: Action) -> Outcome {
        let mut out = Outcome::default();
        match action {
            Action::Navigate(n) => self.navigate(n, &mut out),
            Action::Advance(ms) => {
                let ms = ms.max(0);
                self.now = self.now.saturating_add(ms);
                out.events.push(Event::ClockAdvanced {
                    by: ms,
                    now: self.now,
                });
                let ids = self.server.store.tick(self.now);
                if !ids.is_empty() {
                    out.events.push(Event::StoreSwept { ids });
                }
            }
            Action::RestartServer => self.restart(&mut out),
            Action::CloseBrowser(b) => {
                let dropped = self.browser_mut(b).close();
                out.events.push(Event::BrowserClosed {
                    browser: b,
                    dropped,
                });
            }
            Action::Configure(config) => self.configure(config, &mut out),
            Action::JarPut(b, cookie) => {
                let description = format!("{}={}", cookie.name, cookie.value);
                match self.browser_mut(b).jar.put(cookie) {
                    Ok(()) => out.events.push(Event::JarEdited {
                        browser: b,
                        description,
                    }),
                    Err(r) => out.events.push(Event::Refused(r)),
                }
            }
            Action::JarRemove {
                browser,
                name,
                domain,
                path,
            } => {
                if self
                    .browser_mut(browser)
                    .jar
                    .remove(&name, &domain, &path)
                    .is_some()
                {
                    out.events.push(Event::JarEdited {
                        browser,
                        description: format!("- {name}"),
                    });
                }
            }
            Action::JarClear(b) => {
                self.browser_mut(b).jar.clear();
                out.events.push(Event::JarEdited {
                    browser: b,
                    description: "*".into(),
                });
            }
            Action::RunScript(b, script) => self.run_script(b, script, &mut out),
        }
        out
    }

    fn run_script(&mut self, b: BrowserId, script: Script, out: &mut Outcome) {
        let now = self.now;
        if self.browser(b).url.is_none() {
            out.events.push(Event::ScriptNoPage { browser: b });
            return;
        }
        match script {
            Script::ReadCookies => {
                let browser = self.browser_mut(b);
                let visible = browser.document_cookie(now);
                let hidden = browser.hidden_from_scripts(now);
                if !visible.is_empty() && b == BrowserId::Victim {
                    self.loot.push(visible.clone());
                }
                out.events.push(Event::ScriptReadCookies {
                    browser: b,
                    visible,
                    hidden,
                });
            }
            Script::WriteCookie(text) => {
                let text: String = text
                    .chars()
                    .take(super::jar::Limits::default().max_cookie_bytes * 2)
                    .collect();
                if let Some(outcome) = self.browser_mut(b).script_set_cookie(&text, now) {
                    out.events.push(Event::ScriptWroteCookie {
                        browser: b,
                        text,
                        outcome,
                    });
                }
            }
        }
    }

    fn restart(&mut self, out: &mut Outcome) {
        let before = self.server.store.len_raw() + self.server.manual.cards.len();
        self.server.restart();
        let kept = self.server.store.len_raw();
        out.events.push(Event::ServerStarted {
            restart: true,
            kept,
            lost: before.saturating_sub(kept),
            warnings: if self.config.app.uses_session() {
                self.server.options.startup_warnings()
            } else {
                Vec::new()
            },
        });
    }

    fn configure(&mut self, config: LabConfig, out: &mut Outcome) {
        let options = match config.options() {
            Ok(o) => o,
            Err(e) => {
                out.events.push(Event::ServerFailed { error: e });
                return;
            }
        };
        let before = self.server.store.len_raw() + self.server.manual.cards.len();
        let store = make_store(options.store, &self.db);
        self.server.app = config.app;
        self.server.options = options;
        self.server.store = store;
        self.server.manual = Default::default();
        self.server.ids.scheme = config.scheme();
        self.config = config;
        let kept = self.server.store.len_raw();
        out.events.push(Event::ServerStarted {
            restart: true,
            kept,
            lost: before.saturating_sub(kept),
            warnings: if self.config.app.uses_session() {
                self.server.options.startup_warnings()
            } else {
                Vec::new()
            },
        });
    }

    /// The sniffer: plain http is readable on the wire, https is not.
    fn sniff(&mut self, url: &Url, request: &Request, now: Millis, events: &mut Vec<Event>) {
        let cookie = request.header("cookie");
        if url.secure {
            events.push(Event::SniffBlocked {
                url: url.to_string(),
            });
        } else {
            events.push(Event::Sniffed {
                url: url.to_string(),
                cookie: cookie.clone(),
            });
            if let Some(c) = &cookie {
                self.loot.push(c.clone());
            }
        }
        self.captures.push(Capture {
            at: now,
            browser: BrowserId::Victim,
            url: url.to_string(),
            cookie: if url.secure { None } else { cookie },
            encrypted: url.secure,
        });
        // keep the most recent ones; trim in batches so a long run does not shift every time
        if self.captures.len() > 400 {
            self.captures.drain(..200);
        }
        if self.loot.len() > 100 {
            self.loot.drain(..50);
        }
    }

    /// The store as the trace prints it: id → what the store holds.
    pub fn store_snapshot(&self) -> Value {
        let mut m = Map::new();
        match self.config.app {
            App::Manual => return self.server.manual.to_json(),
            App::CookieOnly | App::CookieOnlySigned => {}
            _ => {
                for row in self.server.store.rows() {
                    m.insert(row.sid, row.held);
                }
            }
        }
        Value::Object(m)
    }

    /// Whether a server answers at `url` (see [`Lab::only_own_origin`]).
    pub fn reach(&self, url: &Url) -> Result<(), UrlError> {
        let port = self.config.app.port();
        let own = matches!(url.host.as_str(), "localhost" | "127.0.0.1")
            && url.port.unwrap_or(if url.secure { 443 } else { 80 }) == port;
        if own || !self.only_own_origin {
            Ok(())
        } else {
            Err(UrlError::NoServer {
                origin: url.origin(),
                listening: format!("http://localhost:{port}"),
            })
        }
    }

    fn navigate(&mut self, n: Navigate, out: &mut Outcome) {
        // an address typed by hand is read as an address bar reads it
        let parsed = if n.cause == Cause::Typed {
            Url::parse_typed(&n.url)
        } else {
            Url::parse(&n.url)
        };
        let mut url = match parsed.and_then(|u| self.reach(&u).map(|()| u)) {
            Ok(u) => u,
            Err(e) => {
                out.events.push(Event::NavigationFailed {
                    browser: n.browser,
                    url: n.url.chars().take(200).collect(),
                    reason: e,
                });
                return;
            }
        };
        let ctx = match &n.initiator {
            None => RequestContext::typed(&n.method),
            Some(from) => RequestContext::navigation_from(from, &n.method),
        };
        let mut method = n.method.to_ascii_uppercase();
        let mut cookie_override = n.cookie_override.clone();
        for hop in 0..=MAX_REDIRECTS {
            let now = self.now;
            let mut events = vec![Event::RequestStarted {
                browser: n.browser,
                method: method.clone(),
                url: url.to_string(),
                cause: if hop == 0 {
                    n.cause.clone()
                } else {
                    Cause::Redirect(hop)
                },
            }];
            let ctx = RequestContext {
                method: method.clone(),
                ..ctx.clone()
            };
            let headers = if hop == 0 {
                n.headers.clone()
            } else {
                Vec::new()
            };
            let cookie = cookie_override.take();
            let outgoing = super::browser::Outgoing {
                method: &method,
                url: &url,
                ctx: &ctx,
                headers: &headers,
                cookie_override: cookie.as_deref(),
            };
            let request = self
                .browser_mut(n.browser)
                .build_request(&outgoing, now, &mut events);
            if n.browser == BrowserId::Victim {
                self.sniff(&url, &request, now, &mut events);
            }
            let response = self.server.handle(&request, now, &mut events);
            self.browser_mut(n.browser)
                .receive(&url, &ctx, &response, now, &mut events);
            let store_calls = events
                .iter()
                .filter_map(|e| match e {
                    Event::Store(c) => Some(c.op),
                    _ => None,
                })
                .collect();
            let store = self.record_snapshots.then(|| self.store_snapshot());
            let location = response.header("location").map(str::to_string);
            let status = response.status;
            out.exchanges.push(Exchange {
                browser: n.browser,
                url: url.clone(),
                request,
                response: response.clone(),
                events,
                store_calls,
                store,
                hop,
                at: now,
            });
            if let Some(mut probe) = self.after_hop.take() {
                if let Some(x) = out.exchanges.last() {
                    probe(self, x);
                }
                self.after_hop = Some(probe);
            }
            let next = location
                .filter(|_| n.follow_redirects && is_redirect(status))
                .and_then(|l| url.join(&l).ok());
            match next {
                Some(next) if hop < MAX_REDIRECTS => {
                    out.events.push(Event::Redirected {
                        browser: n.browser,
                        status,
                        to: next.to_string(),
                        hop: hop + 1,
                    });
                    if status == 303 || ((status == 301 || status == 302) && method == "POST") {
                        method = "GET".into();
                    }
                    if let Err(reason) = self.reach(&next) {
                        // a redirect to where no server listens ends like a typed one
                        out.events.push(Event::NavigationFailed {
                            browser: n.browser,
                            url: next.to_string(),
                            reason,
                        });
                        break;
                    }
                    url = next;
                }
                Some(_) => {
                    out.events
                        .push(Event::TooManyRedirects { browser: n.browser });
                    break;
                }
                None => {
                    let b = self.browser_mut(n.browser);
                    b.url = Some(url);
                    b.page = Some(response);
                    break;
                }
            }
        }
    }
}
