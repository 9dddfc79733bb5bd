//! The simulated Express server: one module per lesson's app, each reproducing the course's
//! JavaScript (shown by [`source`]) and reporting which of its lines ran.

pub mod auth;
pub mod comments;
pub mod cookie_only;
pub mod cookie_parser;
pub mod counter;
pub mod express;
pub mod http;
pub mod manual;
pub mod qs;
pub mod source;
pub mod task;

use crate::engine::clock::Millis;
use crate::engine::events::Event;
use crate::engine::ids::IdGenerator;
use crate::engine::json::{Map, Value};
use crate::engine::session::{SessionOptions, StoreKind};
use crate::engine::store::{MemoryStore, PersistentStore, RedisStore, SessionStore};

/// The course's secret, in its cookie-parser and express-session apps alike.
pub const COURSE_SECRET: &str = "zfpx";

/// How the lab's server is started, as a terminal would show it. In production Express's error
/// page says only `Internal Server Error` (a stack trace names files the lab does not have) and
/// express-session warns about MemoryStore at start-up; the console prints this line at each
/// start, and an exported project's `npm start` runs it.
pub const START_COMMAND: &str = "NODE_ENV=production node app.js";

/// The lessons' apps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum App {
    /// Lesson 1: the balance in a plain cookie.
    CookieOnly,
    /// Lesson 1, signed with `cookieParser('zfpx')`.
    CookieOnlySigned,
    /// Lesson 2: the hand-built session.
    Manual,
    /// Lesson 3: express-session counting visits.
    Counter,
    /// Lesson 4 as the course wrote it (with its bugs).
    AuthSeed,
    /// Lesson 4 repaired.
    AuthFixed,
}

impl App {
    /// Every app, in lesson order.
    pub const ALL: [App; 6] = [
        App::CookieOnly,
        App::CookieOnlySigned,
        App::Manual,
        App::Counter,
        App::AuthSeed,
        App::AuthFixed,
    ];

    /// The apps and variants [`App::from_names`] knows, as a scenario's error lists them.
    pub const NAMES: &'static str = "counter, auth [seed|fixed], manual, cookie-only [seed|signed]";

    /// From a scenario's `app` and `variant`.
    pub fn from_names(app: &str, variant: Option<&str>) -> Option<App> {
        Some(match (app, variant) {
            ("cookie-only", None | Some("seed") | Some("plain")) => App::CookieOnly,
            ("cookie-only", Some("signed")) => App::CookieOnlySigned,
            ("manual", None | Some("seed")) => App::Manual,
            ("counter", None | Some("seed")) => App::Counter,
            ("auth", None | Some("seed")) => App::AuthSeed,
            ("auth", Some("fixed")) => App::AuthFixed,
            _ => return None,
        })
    }

    /// The scenario's `app` and `variant` for this app (the inverse of [`App::from_names`]).
    pub fn names(self) -> (&'static str, Option<&'static str>) {
        match self {
            App::CookieOnly => ("cookie-only", None),
            App::CookieOnlySigned => ("cookie-only", Some("signed")),
            App::Manual => ("manual", None),
            App::Counter => ("counter", None),
            App::AuthSeed => ("auth", None),
            App::AuthFixed => ("auth", Some("fixed")),
        }
    }

    /// Whether the app runs express-session.
    pub fn uses_session(self) -> bool {
        matches!(self, App::Counter | App::AuthSeed | App::AuthFixed)
    }

    /// The port the course's code listens on.
    pub fn port(self) -> u16 {
        match self {
            App::CookieOnly | App::CookieOnlySigned | App::Counter => 3000,
            App::Manual => 9090,
            App::AuthSeed | App::AuthFixed => 8080,
        }
    }

    /// The options written in the app's own code (the course's).
    pub fn own_options(self) -> Map<String, Value> {
        let mut m = Map::new();
        if self.uses_session() {
            m.insert("secret".into(), Value::String(COURSE_SECRET.into()));
            m.insert("resave".into(), Value::Bool(true));
            m.insert("saveUninitialized".into(), Value::Bool(true));
        }
        m
    }
}

/// How an app signs the cookie it reads ([`Server::signing`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signing {
    /// The value is taken as it comes.
    None,
    /// `cookieParser(secret)` and `{ signed: true }`: one secret.
    CookieParser(&'static str),
    /// express-session's `secret` option (empty when none is set).
    Session(Vec<String>),
}

impl Signing {
    /// Every secret the app would accept, the signing one first.
    pub fn secrets(&self) -> Vec<String> {
        match self {
            Signing::None => Vec::new(),
            Signing::CookieParser(s) => vec![(*s).to_string()],
            Signing::Session(v) => v.clone(),
        }
    }
}

/// The server process: the app, its options, its store and its in-memory state.
pub struct Server {
    /// The app whose code answers requests.
    pub app: App,
    /// express-session's options (ignored by apps without it).
    pub options: SessionOptions,
    /// The session store.
    pub store: Box<dyn SessionStore>,
    /// `genid` (and the hand-built app's `Date.now() + '' + Math.random()`).
    pub ids: IdGenerator,
    /// The hand-built app's `sessions` object.
    pub manual: manual::Notebook,
    /// Express's `trust proxy` setting: whether `req.secure` believes `X-Forwarded-Proto`.
    pub trust_proxy: crate::engine::lab::TrustProxy,
    /// Set only for the length of [`Server::handle_counting`].
    quiet: bool,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("app", &self.app)
            .field("options", &self.options)
            .finish()
    }
}

/// A new store of the given kind (a database of its own for the ones outside the process).
pub fn new_store(kind: StoreKind) -> Box<dyn SessionStore> {
    match kind {
        StoreKind::Memory => Box::new(MemoryStore::new()),
        StoreKind::Persistent => Box::new(PersistentStore::in_memory()),
        StoreKind::Redis => Box::new(RedisStore::in_memory()),
    }
}

impl Server {
    /// A server for `app` with options, a store and an id generator.
    pub fn new(
        app: App,
        options: SessionOptions,
        store: Box<dyn SessionStore>,
        ids: IdGenerator,
    ) -> Server {
        Server {
            app,
            options,
            store,
            ids,
            manual: manual::Notebook::default(),
            trust_proxy: Default::default(),
            quiet: false,
        }
    }

    /// Handles one request as [`Server::handle`] does, with the same response and the same
    /// store, but logs only the events that say a session was created or loaded: a simulation
    /// of many visitors counts those and reads nothing else, and making the rest (each a copy
    /// of the request's or the response's text) took about a tenth of its time.
    pub fn handle_counting(
        &mut self,
        req: http::Request,
        now: Millis,
        events: &mut Vec<Event>,
    ) -> http::Response {
        let start = events.len();
        self.quiet = true;
        let r = self.handle(req, now, events);
        self.quiet = false;
        // the middleware and the request's own events are not made at all; a route's (its
        // console.log, an error) are rare and dropped here
        let mut at = start;
        while at < events.len() {
            if matches!(
                events[at],
                Event::SessionCreated { .. } | Event::SessionLoaded { .. }
            ) {
                at += 1;
            } else {
                // (a few at most: the quiet log makes no others)
                events.remove(at);
            }
        }
        r
    }

    /// The cookie this server's app reads: `balance` (lesson 1), `session.id` (the hand-built
    /// session) or express-session's `name` option. Challenges watch it, the jar checks it and
    /// the attacker's signer writes it.
    pub fn cookie_name(&self) -> &str {
        match self.app {
            App::CookieOnly | App::CookieOnlySigned => cookie_only::COOKIE,
            App::Manual => manual::SESSION_KEY,
            App::Counter | App::AuthSeed | App::AuthFixed => &self.options.name,
        }
    }

    /// How the app signs that cookie: not at all, with cookie-parser's one secret (the signed
    /// card), or with express-session's secrets (the first signs, all verify).
    pub fn signing(&self) -> Signing {
        match self.app {
            App::CookieOnly | App::Manual => Signing::None,
            App::CookieOnlySigned => Signing::CookieParser(cookie_only::SECRET),
            App::Counter | App::AuthSeed | App::AuthFixed => {
                Signing::Session(self.options.secret.clone().unwrap_or_default())
            }
        }
    }

    /// The source this server runs, with the English comments of the templates: the one the
    /// "lines that ran" anchors are looked up in.
    pub fn source(&self) -> String {
        let s = source::render_with_ids(self.app, Some(&self.options), self.ids.scheme);
        source::with_trust_proxy(&s, self.trust_proxy)
    }

    /// The source as the page shows it, its comments in `lang` (line for line the same as
    /// [`Server::source`], so the lines that ran keep their numbers).
    pub fn source_in(&self, lang: comments::CommentLang) -> String {
        comments::in_lang(&self.source(), lang)
    }

    /// Stops and starts the process: in-memory state is lost, a database is not.
    pub fn restart(&mut self) {
        self.store.restart();
        self.manual = manual::Notebook::default();
        // a counter kept in process memory starts again, like the notebook
        self.ids.reset_counter();
    }
}

/// The `TypeError` a route throws when `req.session` is missing.
pub(crate) fn no_session_error(prop: &str) -> String {
    format!("TypeError: Cannot read properties of undefined (reading '{prop}')")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ids::{IdScheme, SeededRandom};
    use crate::engine::store::StoreOp;
    use http::Request;

    fn server(app: App, kind: StoreKind) -> Server {
        let options = SessionOptions::from_json(&app.own_options()).unwrap();
        let ids = IdGenerator::new(IdScheme::UidSafe, Box::new(SeededRandom(7)));
        Server::new(app, options, new_store(kind), ids)
    }

    fn get(target: &str, cookie: Option<&str>) -> Request {
        Request {
            method: "GET".into(),
            target: target.into(),
            headers: cookie
                .map(|c| vec![("Cookie".to_string(), c.to_string())])
                .unwrap_or_default(),
            encrypted: false,
        }
    }

    /// A value with its own `toString` (qs's `username[toString]=x`, a `j:` cookie's JSON)
    /// makes `String()`/`Number()` throw where each app's JavaScript converts it: Express's
    /// 500, with the exception's message in the log (as Node 20 prints it, the ejs view's
    /// path without the app's directory), and no line after the one that threw.
    #[test]
    fn an_own_to_string_is_a_500_with_node_s_message() {
        const PLAIN: &str = "TypeError: Cannot convert object to primitive value";
        let user = "TypeError: views/user.html:8\n    6| </head>\n    7| <body>\n >> 8| <p>欢迎你，<%= username %></p>\n    9| <a href=\"/logout\">退出</a>\n    10| </body>\n    11| </html>\n\nCannot convert object to primitive value";
        let to = "TypeError: views/transfer.html:8\n    6| </head>\n    7| <body>\n >> 8| <p>收款人：<%= to %></p>\n    9| <p>金额：<%= amount %></p>\n    10| <p>卡上还剩：<%= balance %></p>\n    11| <a href=\"/user\">返回</a>\n\nCannot convert object to primitive value";
        let json_cookie = |name: &str| format!("{name}=j%3A%7B%22toString%22%3A%22x%22%7D");
        // (app, a login first, the request that throws, its cookie, the message, the last line)
        let cases = [
            (
                App::AuthSeed,
                Some("/login?username[toString]=x"),
                "GET /user",
                None,
                user,
                auth::lines::USER_RENDER,
            ),
            (
                App::AuthFixed,
                Some("/login?username[0][toString]=x"),
                "GET /user",
                None,
                user,
                auth::lines::USER_RENDER,
            ),
            (
                App::AuthFixed,
                Some("/login?username=alice"),
                "POST /transfer?to=m&amount[toString]=5",
                None,
                PLAIN,
                auth::lines::TRANSFER_AMOUNT,
            ),
            (
                App::AuthFixed,
                Some("/login?username=alice"),
                "POST /transfer?to[toString]=m&amount=5",
                None,
                to,
                auth::lines::TRANSFER_RENDER,
            ),
            (
                App::CookieOnly,
                None,
                "GET /",
                Some(json_cookie("balance")),
                PLAIN,
                cookie_only::lines::DECREMENT,
            ),
            (
                App::Manual,
                None,
                "GET /",
                Some(json_cookie("session.id")),
                PLAIN,
                manual::lines::LOOKUP,
            ),
        ];
        for (app, login, request, cookie, message, last) in cases {
            let mut srv = server(app, StoreKind::Memory);
            let now = 1_700_000_000_000;
            let mut cookie = cookie;
            if let Some(path) = login {
                let r = srv.handle(get(path, None), now, &mut Vec::new());
                cookie = r
                    .set_cookies()
                    .first()
                    .and_then(|h| h.split(';').next())
                    .map(str::to_string);
            }
            let (method, target) = request.split_once(' ').unwrap();
            let mut req = get(target, cookie.as_deref());
            req.method = method.into();
            let mut events = Vec::new();
            let r = srv.handle(req, now, &mut events);
            assert_eq!(r.status, 500, "{app:?} {request}");
            let errors: Vec<&str> = events
                .iter()
                .filter_map(|e| match e {
                    Event::ServerError { message } => Some(message.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(errors, [message], "{app:?} {request}");
            let ran = events.iter().find_map(|e| match e {
                Event::CodeRan { anchors } => anchors.last().copied(),
                _ => None,
            });
            assert_eq!(ran, Some(last), "{app:?} {request}");
            // the manual app throws before `sessions` is read
            assert!(
                !events.iter().any(
                    |e| matches!(e, Event::Store(c) if c.op == StoreOp::Get && app == App::Manual)
                ),
                "{request}"
            );
        }
    }

    /// What `handle_counting` leaves out of the log changes nothing else: the same responses
    /// and the same store, request after request, and the events it keeps are exactly the
    /// created and loaded ones `handle` logs.
    #[test]
    fn counting_changes_only_the_log() {
        let cases: [(App, &[&str]); 3] = [
            (App::Counter, &["/", "/", "/", "/favicon.ico", "/"]),
            (
                App::AuthSeed,
                &["/", "/login?username=alice", "/user", "/logout", "/user"],
            ),
            (
                App::AuthFixed,
                &["/login?usrename=bob", "/user", "/logout", "/"],
            ),
        ];
        for kind in [StoreKind::Memory, StoreKind::Persistent, StoreKind::Redis] {
            for (app, paths) in cases {
                let (mut loud, mut quiet) = (server(app, kind), server(app, kind));
                let mut cookie: Option<String> = None;
                // a forged cookie first, then the one each response sets
                let mut forged = Some("connect.sid=s%3Aabc.forged".to_string());
                for (i, path) in paths.iter().enumerate() {
                    let now = 1_700_000_000_000 + i as i64 * 1000;
                    let c = forged.take().or_else(|| cookie.clone());
                    let (mut all, mut kept) = (Vec::new(), Vec::new());
                    let a = loud.handle(get(path, c.as_deref()), now, &mut all);
                    let b = quiet.handle_counting(get(path, c.as_deref()), now, &mut kept);
                    assert_eq!(a, b, "{app:?} {kind:?} {path}");
                    assert_eq!(
                        loud.store.rows(),
                        quiet.store.rows(),
                        "{app:?} {kind:?} {path}"
                    );
                    let counted: Vec<Event> = all
                        .into_iter()
                        .filter(|e| {
                            matches!(
                                e,
                                Event::SessionCreated { .. } | Event::SessionLoaded { .. }
                            )
                        })
                        .collect();
                    assert_eq!(counted, kept, "{app:?} {kind:?} {path}");
                    if let Some(h) = a.set_cookies().first() {
                        cookie = h.split(';').next().map(str::to_string);
                    }
                }
                assert!(!quiet.quiet, "the server logs in full again afterwards");
            }
        }
    }
}
