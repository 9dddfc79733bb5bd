//! The Lab: two browsers, one server, a virtual clock and a typed event log.
//! [`Lab::apply`] is deterministic given the clock, the id generator and its random source.

use super::attacker_site;
use super::browser::{is_redirect, Browser};
use super::clock::Millis;
use super::events::{BrowserId, Cause, EditBy, Event, HandEdit};
use super::ids::{IdGenerator, RandomSource};
use super::jar::{Cookie, Field, RequestContext};
use super::server::http::Request;
use super::server::{App, Server};
use super::session::OptionError;
use super::store::{KvBackend, MemoryKv, SharedKv};
use super::url::{Url, UrlError};
use crate::engine::json::{Map, Value};

mod action;
mod config;
mod deploy;
mod flight;
mod instances;
pub use action::{Action, Capture, Exchange, Loot, Navigate, Outcome, Script, Via};
pub use config::{default_scheme, LabConfig, GENID};
pub use deploy::{
    instance_name, Balancer, BalancerState, Deploy, DeployProblem, RouteWhy, StoreLatency,
    TrustProxy, MAX_HOPS, MAX_INSTANCES, MAX_LATENCY, STICKY_COOKIE,
};
pub use flight::{Fire, Flight, FlightStep, StepKind};

/// Most redirects a browser follows before giving up.
pub const MAX_REDIRECTS: u8 = 10;

/// The whole simulation: two browsers, the server (one instance or two behind a balancer,
/// perhaps behind a TLS proxy), a virtual clock and the sniffer. [`Lab::apply`] runs one
/// [`Action`] and reports what happened.
pub struct Lab {
    /// Virtual time in ms since the epoch; [`Action::Advance`] moves it forward.
    pub now: Millis,
    /// What the server runs.
    pub config: LabConfig,
    /// The server process: app, options, session store and id generator. With two instances
    /// this is the first, `app1`.
    pub server: Server,
    /// The second instance, `app2`, when [`LabConfig::deploy`] runs two.
    pub twin: Option<Server>,
    /// The balancer in front of two instances: whose turn it is.
    pub balancer: BalancerState,
    /// The learner's browser.
    pub victim: Browser,
    /// The attacker's browser.
    pub attacker: Browser,
    /// The persistent store's database.
    pub db: SharedKv,
    /// The Redis the connect-redis shaped store uses (in memory; it outlives restarts and
    /// reconfigurations of the app, as a Redis server would).
    pub redis: SharedKv,
    /// Record a store snapshot with every exchange (the trace does; the page does not need to).
    pub record_snapshots: bool,
    /// Only the app's own origin answers (`localhost` or `127.0.0.1` at the app's port, http or
    /// https); any other address is a connection the browser cannot make, as on a learner's
    /// machine where only the lesson's server runs. Off for scenario replays, whose requests
    /// go to the server whatever the host.
    pub only_own_origin: bool,
    /// What the network sniffer saw of the learner's browser's requests.
    pub captures: Vec<Capture>,
    /// Cookie strings the attacker has obtained (from scripts and the sniffer), oldest first.
    pub loot: Vec<Loot>,
    /// The attacker's site ([`crate::engine::attacker_site`], `http://evil.example/`) answers
    /// too, when this is on: the page turns it on for the CSRF challenge and whenever the
    /// attacker is shown. Off by default, so a scenario replay never meets it.
    pub attacker_site: bool,
    /// Called after each request of a navigation (each redirect hop) with the lab as that
    /// request left it: the page's time travel keeps the state after every hop.
    pub after_hop: Option<AfterHop>,
    /// The requests in flight ([`Action::Fire`]): open at once, interleaved as the clock moves.
    pub flight: Flight,
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
        let redis = SharedKv::new(Box::<MemoryKv>::default());
        let store = instances::make_store(options.store, &db, &redis);
        let ids = IdGenerator::new(config.scheme(), rng);
        let twin = instances::twin_for(config.app, &options, &config.deploy, &db, &redis);
        let mut server = Server::new(config.app, options, store, ids);
        server.trust_proxy = config.deploy.trust_proxy;
        Ok(Lab {
            now,
            server,
            twin,
            balancer: BalancerState::default(),
            config,
            victim: Browser::new(BrowserId::Victim),
            attacker: Browser::new(BrowserId::Attacker),
            db,
            redis,
            record_snapshots: false,
            only_own_origin: false,
            attacker_site: false,
            captures: Vec::new(),
            loot: Vec::new(),
            after_hop: None,
            flight: Flight::default(),
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

    /// Whether anything on the server's side reads a cookie of this name: the app reads its
    /// one cookie (express-session its session cookie; lesson 1's app the balance, lesson 2's
    /// the card), and a sticky balancer in front of two instances reads its own. Any other
    /// cookie the browser sends is carried and never looked at.
    pub fn reads_cookie(&self, name: &str) -> bool {
        let deploy = &self.config.deploy;
        name == self.server.cookie_name()
            || (name == STICKY_COOKIE && deploy.count() > 1 && deploy.balancer == Balancer::Sticky)
    }

    /// The learner's or the attacker's browser.
    pub fn browser(&self, id: BrowserId) -> &Browser {
        match id {
            BrowserId::Victim => &self.victim,
            BrowserId::Attacker => &self.attacker,
        }
    }

    /// Whether `who`'s jar holds the running app's cookie (its session cookie; lesson 1's
    /// balance, lesson 2's session.id), such that `pick`.
    pub fn holds_app_cookie(&self, who: BrowserId, pick: impl Fn(&Cookie) -> bool) -> bool {
        let name = self.server.cookie_name();
        (self.browser(who).jar.cookies().iter()).any(|c| c.name == name && pick(c))
    }

    /// A browser, mutably.
    pub fn browser_mut(&mut self, id: BrowserId) -> &mut Browser {
        match id {
            BrowserId::Victim => &mut self.victim,
            BrowserId::Attacker => &mut self.attacker,
        }
    }

    /// The URL of the app's home page (`http://localhost:<port>/`; https when a TLS proxy
    /// stands on that origin).
    pub fn home_url(&self) -> String {
        let scheme = if self.config.deploy.tls_proxy {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://localhost:{}/", self.config.app.port())
    }

    /// Runs one action at the current virtual time: the events it caused and the requests it
    /// made (one per redirect hop).
    pub fn apply(&mut self, action: Action) -> Outcome {
        let mut out = Outcome::default();
        match action {
            // with requests in flight, a navigation joins them and the clock moves for all
            Action::Navigate(n) if !self.flight.is_empty() => self.navigate_in_flight(n, &mut out),
            Action::Navigate(n) => self.navigate(n, &mut out),
            Action::Fire(fires) => {
                self.fire(fires, &mut out);
            }
            Action::Settle => self.settle(&mut out),
            Action::Advance(ms) => {
                let ms = ms.max(0);
                let until = self.now.saturating_add(ms);
                self.run_until(until, &mut out);
                self.now = until;
                out.events.push(Event::ClockAdvanced {
                    by: ms,
                    now: self.now,
                });
                // the jar pane stops showing an expired cookie at once: say so here, where the
                // learner sees it go, not under the next request
                let now = self.now;
                for b in [BrowserId::Victim, BrowserId::Attacker] {
                    let names = self.browser_mut(b).drop_expired(now);
                    if !names.is_empty() {
                        out.events.push(Event::CookiesExpired { browser: b, names });
                    }
                }
                let ids = self.server.store.tick(self.now);
                if !ids.is_empty() {
                    let store = self.server.store.kind();
                    out.events.push(Event::StoreSwept { ids, store });
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
            Action::JarPut(b, cookie) => self.put(b, cookie, EditBy::Hand, &mut out),
            Action::ToolPut(b, cookie, by) => self.put(b, cookie, by, &mut out),
            Action::JarReplace {
                browser,
                old,
                cookie,
            } => self.hand_edit(browser, &old, cookie, EditBy::Hand, &mut out),
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
                        edit: HandEdit::Removed { name },
                        by: EditBy::Hand,
                    });
                }
            }
            Action::JarClear(b) => {
                self.browser_mut(b).jar.clear();
                out.events.push(Event::JarEdited {
                    browser: b,
                    edit: HandEdit::Cleared,
                    by: EditBy::Hand,
                });
            }
            Action::RunScript(b, script) => self.run_script(b, script, &mut out),
        }
        out
    }

    /// Puts `cookie` in jar `b` under its own key, made by `by`.
    fn put(&mut self, b: BrowserId, cookie: Cookie, by: EditBy, out: &mut Outcome) {
        let key = (
            cookie.name.clone(),
            cookie.domain.clone(),
            cookie.path.clone(),
        );
        self.hand_edit(b, &key, cookie, by, out);
    }

    /// A hand edit of jar `b` (or a tool's, `by`): the row with key `old` becomes `cookie` (a
    /// new row when there is none), and the event says which columns changed. A cookie put in
    /// already expired leaves the jar at once, as `chrome.cookies.set` with a past date does,
    /// and says so.
    fn hand_edit(
        &mut self,
        b: BrowserId,
        (name, domain, path): &(String, String, String),
        cookie: Cookie,
        by: EditBy,
        out: &mut Outcome,
    ) {
        let now = self.now;
        let jar = &mut self.browser_mut(b).jar;
        let old = (name.as_str(), domain.as_str(), path.as_str());
        let columns = jar
            .cookies()
            .iter()
            .find(|c| c.key() == old)
            .map_or_else(Vec::new, |o| changed_columns(o, &cookie));
        let dead = cookie.expired(now);
        // a new key another cookie already has: that cookie goes, and says so
        let overwritten = (cookie.key() != old
            && jar.cookies().iter().any(|c| c.key() == cookie.key()))
        .then(|| cookie.name.clone());
        let edit = if columns.is_empty() {
            HandEdit::Put {
                name: cookie.name.clone(),
                value: cookie.value.clone(),
            }
        } else {
            HandEdit::Changed {
                columns,
                was: name.clone(),
                after: Box::new(cookie.clone()),
            }
        };
        match jar.replace(old, cookie) {
            Ok(evicted) => {
                out.events.push(Event::JarEdited {
                    browser: b,
                    edit,
                    by,
                });
                if let Some(name) = overwritten {
                    out.events.push(Event::JarEdited {
                        browser: b,
                        edit: HandEdit::Overwritten { name },
                        by,
                    });
                }
                // a hand edit over the jar's limits evicts, as a Set-Cookie does
                if !evicted.is_empty() {
                    out.events.push(Event::JarEvicted {
                        browser: b,
                        cookies: evicted,
                    });
                }
                if dead {
                    let names = self.browser_mut(b).drop_expired(now);
                    out.events.push(Event::CookiesExpired { browser: b, names });
                }
            }
            Err(r) => out.events.push(Event::Refused(r)),
        }
    }

    fn run_script(&mut self, b: BrowserId, script: Script, out: &mut Outcome) {
        let now = self.now;
        if self.browser(b).url.is_none() {
            let writes = matches!(script, Script::WriteCookie(_));
            out.events.push(Event::ScriptNoPage { browser: b, writes });
            return;
        }
        match script {
            Script::ReadCookies => {
                let browser = self.browser_mut(b);
                let visible = browser.document_cookie(now);
                let hidden = browser.hidden_from_scripts(now);
                if !visible.is_empty() && b == BrowserId::Victim {
                    remember(&mut self.loot, &visible, Via::Xss, now);
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
                        outcome: Box::new(outcome),
                    });
                }
            }
        }
    }

    fn restart(&mut self, out: &mut Outcome) {
        self.drop_flight();
        let before = self.held();
        self.server.restart();
        if let Some(t) = self.twin.as_mut() {
            t.restart();
        }
        let kept = self.kept();
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
        self.drop_flight();
        let options = match config.options() {
            Ok(o) => o,
            Err(e) => {
                out.events.push(Event::ServerFailed { error: e });
                return;
            }
        };
        let before = self.held();
        let store = instances::make_store(options.store, &self.db, &self.redis);
        self.twin =
            instances::twin_for(config.app, &options, &config.deploy, &self.db, &self.redis);
        self.balancer = BalancerState::default();
        self.server.app = config.app;
        self.server.options = options;
        self.server.store = store;
        self.server.manual = Default::default();
        self.server.ids.scheme = config.scheme();
        self.server.trust_proxy = config.deploy.trust_proxy;
        self.config = config;
        let kept = self.kept();
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
    /// `href` is `url.href()`, which the caller has already written for its own event.
    fn sniff(
        &mut self,
        url: &Url,
        href: String,
        request: &Request,
        now: Millis,
        events: &mut Vec<Event>,
    ) {
        let cookie = request.header("cookie").map(std::borrow::Cow::into_owned);
        if url.secure {
            events.push(Event::SniffBlocked { url: href.clone() });
        } else {
            events.push(Event::Sniffed {
                url: href.clone(),
                cookie: cookie.clone(),
            });
            if let Some(c) = &cookie {
                remember(&mut self.loot, c, Via::Sniffer, now);
            }
        }
        self.captures.push(Capture {
            at: now,
            browser: BrowserId::Victim,
            url: href,
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

    /// The store as the trace prints it: id → what the store holds (a connect-redis shaped
    /// store: key → value and `PTTL`). With two instances that each keep their own store,
    /// `{"app1": {...}, "app2": {...}}`; a shared store is printed once.
    pub fn store_snapshot(&self) -> Value {
        let one = |server: &Server, store: &dyn super::store::SessionStore| -> Value {
            let mut m = Map::new();
            match self.config.app {
                App::Manual => return server.manual.to_json(),
                App::CookieOnly | App::CookieOnlySigned => {}
                _ => {
                    for row in store.rows() {
                        let (k, v) = store.trace_entry(row, self.now);
                        m.insert(k, v);
                    }
                }
            }
            Value::Object(m)
        };
        let stores = self.stores();
        match stores.as_slice() {
            [(None, st)] => one(&self.server, *st),
            _ => Value::Object(
                stores
                    .iter()
                    .map(|(i, st)| {
                        let i = i.unwrap_or(1);
                        (instance_name(i).to_string(), one(self.instance(i), *st))
                    })
                    .collect(),
            ),
        }
    }

    /// Whether the attacker's site, not the app, answers a request to `url`.
    fn attackers(&self, url: &Url) -> bool {
        self.attacker_site && attacker_site::serves(url)
    }

    /// Whether a server answers at `url` (see [`Lab::only_own_origin`] and
    /// [`Lab::attacker_site`]).
    pub fn reach(&self, url: &Url) -> Result<(), UrlError> {
        let port = self.config.app.port();
        let own = matches!(url.host.as_str(), "localhost" | "127.0.0.1")
            && url.port.unwrap_or(if url.secure { 443 } else { 80 }) == port;
        if own || self.attackers(url) || !self.only_own_origin {
            Ok(())
        } else {
            // (where the learner opens it: behind the TLS proxy, https; "alice" typed in the
            // address bar had been told of http://localhost:8080; review)
            let home = self.home_url();
            Err(UrlError::NoServer {
                origin: url.origin(),
                listening: home.trim_end_matches('/').to_string(),
            })
        }
    }

    /// The form a page just loaded submits by script: a navigation of the same browser, with
    /// the page as its initiator. The event goes with the page's own exchange.
    fn auto_submit(
        &mut self,
        n: &Navigate,
        page: Url,
        method: String,
        action: String,
        out: &mut Outcome,
    ) {
        if let Some(x) = out.exchanges.last_mut() {
            x.events.push(Event::FormAutoSubmitted {
                browser: n.browser,
                page: page.to_string(),
                method: method.clone(),
                action: action.clone(),
            });
        }
        let mut next = Navigate::typed(n.browser, &action);
        next.method = method;
        next.cause = Cause::AutoSubmit;
        next.initiator = Some(page);
        next.follow_redirects = n.follow_redirects;
        self.navigate(next, out);
    }

    /// Where a navigation goes and who started it: its address read as the address bar (typed)
    /// or a link reads it and checked against the servers the lab runs, or a
    /// `NavigationFailed` event saying why not. Both a navigation and a request fired in
    /// flight start here.
    pub(super) fn resolve(&self, n: &Navigate, out: &mut Outcome) -> Option<(Url, RequestContext)> {
        let parsed = if n.cause == Cause::Typed {
            Url::parse_typed(&n.url)
        } else {
            Url::parse(&n.url)
        };
        match parsed.and_then(|u| self.reach(&u).map(|()| u)) {
            Ok(url) => {
                let ctx = match &n.initiator {
                    None => RequestContext::typed(&n.method),
                    Some(from) => RequestContext::navigation_from(from, &n.method),
                };
                Some((url, ctx))
            }
            Err(e) => {
                out.events.push(Event::NavigationFailed {
                    browser: n.browser,
                    url: n.url.chars().take(200).collect(),
                    reason: e,
                });
                None
            }
        }
    }

    fn navigate(&mut self, n: Navigate, out: &mut Outcome) {
        // an address typed by hand is read as an address bar reads it
        let Some((mut url, ctx)) = self.resolve(&n, out) else {
            return;
        };
        let mut method = n.method.to_ascii_uppercase();
        let mut cookie_override = n.cookie_override.clone();
        for hop in 0..=MAX_REDIRECTS {
            let now = self.now;
            // a hop logs eleven or twelve events (a counter request, new or returning
            // visitor): room for sixteen at once (1,920 bytes), rather than eight that then
            // grow to sixteen, copying the first eight, on nearly every request
            let mut events = Vec::with_capacity(16);
            let href = url.href();
            events.push(Event::RequestStarted {
                browser: n.browser,
                method: method.clone(),
                url: href.clone(),
                cause: if hop == 0 {
                    n.cause.clone()
                } else {
                    Cause::Redirect(hop)
                },
            });
            // (field by field: `..ctx.clone()` would copy the method only to drop it)
            let ctx = RequestContext {
                method: method.clone(),
                initiator: ctx.initiator.clone(),
                top_level: ctx.top_level,
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
            let request = std::rc::Rc::new(self.browser_mut(n.browser).build_request(
                &outgoing,
                now,
                &mut events,
            ));
            if n.browser == BrowserId::Victim {
                self.sniff(&url, href, &request, now, &mut events);
            }
            // the attacker's site is not behind the app's balancer: it counts as instance 1
            let (instance, response, auto_submit) = if self.attackers(&url) {
                let (res, submit) = attacker_site::respond(&request, self.config.app.port());
                events.push(Event::AttackerSiteAnswered {
                    path: request.pathname().to_string(),
                    status: res.status,
                });
                (1, res, submit)
            } else {
                let (instance, res) = self.serve(&request, &mut events);
                (instance, res, None)
            };
            // the store (and the handler) may have taken time
            let answered = self.now;
            self.browser_mut(n.browser)
                .receive(&url, &ctx, &response, answered, &mut events);
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
            let response = std::rc::Rc::new(response);
            out.exchanges.push(Exchange {
                browser: n.browser,
                url: url.clone(),
                request,
                response: std::rc::Rc::clone(&response),
                events,
                store_calls,
                store,
                hop,
                at: now,
                answered,
                flight: None,
                initiator: n.initiator.clone(),
                instance,
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
                        to: next.href(),
                        hop: hop + 1,
                    });
                    if status == 303 || ((status == 301 || status == 302) && method == "POST") {
                        method = "GET".into();
                    }
                    if let Err(reason) = self.reach(&next) {
                        // a redirect to where no server listens ends like a typed one
                        out.events.push(Event::NavigationFailed {
                            browser: n.browser,
                            url: next.href(),
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
                    // the page's script submits its form at once (never a submission's own page)
                    let submit = auto_submit.filter(|_| n.cause != Cause::AutoSubmit);
                    let b = self.browser_mut(n.browser);
                    b.page = Some(response);
                    if let Some((method, action)) = submit {
                        b.url = Some(url.clone());
                        self.auto_submit(&n, url, method, action, out);
                    } else {
                        b.url = Some(url);
                    }
                    break;
                }
            }
        }
    }
}

/// The columns in which a hand edit changed a cookie.
fn changed_columns(old: &Cookie, new: &Cookie) -> Vec<Field> {
    [
        (old.name != new.name, Field::Name),
        (old.value != new.value, Field::Value),
        (
            old.domain != new.domain || old.host_only != new.host_only,
            Field::Domain,
        ),
        (old.path != new.path, Field::Path),
        (old.persistence != new.persistence, Field::Expires),
        (old.http_only != new.http_only, Field::HttpOnly),
        (old.secure != new.secure, Field::Secure),
        (old.same_site != new.same_site, Field::SameSite),
    ]
    .into_iter()
    .filter_map(|(changed, f)| changed.then_some(f))
    .collect()
}

/// Adds a stolen cookie string to the attacker's haul, once: the same one stolen again moves
/// to the end (the newest), where the list had shown it twice, and says how and when it was
/// got this time.
fn remember(loot: &mut Vec<Loot>, got: &str, via: Via, at: Millis) {
    loot.retain(|x| x.cookies != got);
    loot.push(Loot {
        cookies: got.to_string(),
        via,
        at,
    });
}
