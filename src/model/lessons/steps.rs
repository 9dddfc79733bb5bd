//! A lesson's "try this" steps. Each is detected from the engine's events, as a challenge's
//! stages are, so it ticks itself when the learner has done it; the page remembers which are
//! done and names the next one.

use super::{LessonId, Variant};
use crate::engine::events::{
    BrowserId, CookieVerdict, EndAction, Event, NewWhy, NotSentWhy, SetCookieDecision,
};
use crate::engine::jar::Persistence;
use crate::engine::json::Value;
use crate::engine::lab::{Exchange, Lab, Outcome};
use crate::engine::server::auth::GREETING;
use crate::engine::server::cookie_only::{WELCOME_BACK, WELCOME_NEW};
use crate::engine::server::App;
use crate::engine::session::option_at;
use crate::engine::session::DEFAULT_NAME;
use crate::engine::signature::UnsignError;
use crate::engine::store::StoreOp;
use crate::i18n::Key;
use crate::model::challenges::greeted;
use std::collections::{BTreeSet, HashSet};

/// One step of a lesson.
#[derive(Debug, PartialEq, Eq)]
pub struct Step {
    /// Its stable name within the lesson (`first-card`); [`LessonId::code`] plus `.` plus
    /// the name is what the page saves.
    pub name: &'static str,
    /// What to do, naming the controls the learner sees.
    pub text: Key,
    /// The control it names that a newcomer has to look for, which "Show me" points at.
    pub show: Option<Control>,
    /// The variant its text runs in: "Show me" switches to it first (lesson 6's races start
    /// "Back on One server"; a learner still on the TLS proxy would set a latency the switch
    /// then resets).
    pub variant: Option<Variant>,
    /// What its text has the learner set before [`Step::show`]'s control, in order: "Show me"
    /// points at the control of the first the lab does not have yet (the store's latency,
    /// then a login, before Send requests at once), short of a login a later setting undid
    /// ([`Ready::moves_past`]).
    pub first: &'static [(Ready, Control)],
    /// The one of [`Step::first`]'s settings its text takes for granted rather than asks for
    /// ("Logged in, change …"; lesson 1's "click balance's Value cell"): "Show me" names it
    /// when the lab has lost it. One the text asks for ("log in, log out, open /user") is
    /// never named: right after choosing Fixed, "Not logged in: show me how" read like an
    /// error before anything was done.
    pub takes: Option<Ready>,
    /// The two requests its text sends at once, which the timeline's form offers while it is
    /// the next step (lesson 6's races: the form had offered step 9's pair at step 7).
    pub sends: Option<Pair>,
    /// Its text reloads the whole page and needs what the page saved (lesson 5's last step),
    /// which an embed never saves.
    pub reloads: bool,
    /// The path its text opens with its own control, the address bar ("then open /user"):
    /// Show me puts the app's address for it in the bar (it still held the last page's,
    /// lesson 6's `/slow`, and Enter opened that; keyboard review).
    pub opens: Option<&'static str>,
    /// Where its text has the learner look for its result, when only one pane shows it (the
    /// store calls in the timeline, a document in the store's table): an embed whose
    /// `panes=` leaves that pane out says where to see it.
    pub evidence: &'static [Evidence],
}

/// A place a step's result shows that only one pane has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The server pane's store table: what was stored, set or only touched.
    Store,
    /// The timeline: each request's store calls, or which server answered.
    Timeline,
}

/// Two requests sent at once, as the timeline's form takes them: the first, the second, and
/// how many milliseconds after the first the second leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The first address (a path on the lesson's server, or `METHOD address`).
    pub first: &'static str,
    /// The second.
    pub second: &'static str,
    /// Its delay, in ms.
    pub after: u32,
}

impl Pair {
    /// What the form offers to `app` when no step names a pair: the fixed login app's slow
    /// page and a logout 100 ms later; the course's login app (which has no /slow: it had
    /// offered a 404) its user page and a logout; else lesson 3's two routes together.
    pub fn for_app(app: App) -> Pair {
        match app {
            App::AuthFixed => SLOW_THEN_LOGOUT,
            _ if app.port() == 8080 => Pair {
                first: "/user",
                second: "/logout",
                after: 100,
            },
            _ => Pair {
                first: "/",
                second: "/peek",
                after: 0,
            },
        }
    }
}

/// Lesson 6's resave race: a transfer and the slow page, together.
const TRANSFER_AND_SLOW: Pair = Pair {
    first: "POST /transfer?to=bob&amount=10",
    second: "/slow",
    after: 0,
};
/// Lesson 6's resurrection: the slow page, then a logout 100 ms later.
const SLOW_THEN_LOGOUT: Pair = Pair {
    first: "/slow",
    second: "/logout",
    after: 100,
};

/// A setting a step's text asks for before the control "Show me" points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ready {
    /// The store answers neither at once: both of the deployment's latencies above 0.
    StoreSlow,
    /// `resave` as given (unset is express-session's default, true).
    Resave(bool),
    /// Someone logged in: the jar's session cookie names a live session with a `username`
    /// (a variant switch or a restart of a MemoryStore starts logged out).
    LoggedIn,
    /// `saveUninitialized: false`.
    SaveUninitializedOff,
    /// `cookie.maxAge` set to at most this many ms: the cookie expires within "+1 min".
    MaxAgeWithin(u32),
    /// `cookie.maxAge` set, to any length (lesson 5's "set cookie.maxAge to 86400000": Show
    /// me had stayed on the field once applied; review).
    MaxAgeSet,
    /// A login went through since the lab started (the timeline's
    /// `logged_in_once`): with two servers, each with a store of its own, the jar's cookie
    /// may name no session on the one the page reads, logged in or not.
    LoginSent,
    /// The learner's jar holds the app's cookie (lesson 1's balance: a variant starts with an
    /// empty jar, and its Value cell is not there to edit until a Go).
    HasCookie,
    /// The jar's session cookie has an expiry (one made after such a `maxAge`; the one from
    /// before the restart is a browser-session cookie, which the clock never expires).
    CookieExpires,
    /// The jar holds no session cookie without an expiry: one from before a `maxAge` names a
    /// session the persistent store kept, and a login in it keeps that session and its
    /// browser-session cookie (express-session takes the cookie's options from the stored
    /// session), so closing the browser comes first.
    NoBrowserSessionCookie,
    /// The learner changed the app's cookie in their jar since their last request: "change
    /// it, then press Go" has its first half done (Show me had gone back to the cell edited
    /// already, the Go the text names next never pointed at: keyboard review).
    EditedSinceRequest,
    /// The learner's newest navigation went through this path (`/logout`: "click 退出, then
    /// open /user").
    WentThrough(&'static str),
    /// Express trusts the proxy (`app.set('trust proxy', …)` applied, or express-session's
    /// `proxy: true`).
    ProxyTrusted,
    /// The server restarted since the newest request: "press Restart server, then Go" has
    /// its first half done (Show me pointed at Restart server again, and a second restart
    /// wiped the note that the last request came before the first; newcomer review).
    RestartedSinceRequest,
    /// The learner's jar holds no session cookie (lesson 4's "delete connect.sid": Show me
    /// had pointed at Add cookie, never at the row's ✕).
    NoSessionCookie,
    /// The learner's jar holds a cookie of this name ("add a cookie username=customer").
    JarHolds(&'static str),
}

impl Ready {
    /// Whether, once it holds after a login, the step's login before it counts as done: a
    /// logout or a restart undoes the login the step began with ("log in, log out, open
    /// /user" in Fixed; "log in, restart the MemoryStore, open /user"), and Show me had sent
    /// the learner back to log in. (Without a login before it, the login is still to do.)
    pub fn moves_past(self) -> bool {
        matches!(self, Ready::WentThrough(_) | Ready::RestartedSinceRequest)
    }
}

/// A control a step names that the page can point at ("Show me"): the ones that sit in a
/// folded panel, another pane or, on a phone, another tab. The buttons beside the steps (the
/// variants) are not among them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// The learner's address bar.
    Address,
    /// The username field of the login form on the learner's page, else the address bar
    /// (no page yet, or another page): "type alice in the form". After lesson 4's Go the
    /// form showed, and Show me still pointed at the address bar (keyboard review).
    LoginField,
    /// The learner's Go button ("Press Go twice more": the only steps without Show me read as
    /// an omission to a phone reviewer, on another tab than the browser's).
    Go,
    /// The learner's ⟳ beside the address bar (lesson 5's "press ⟳ a few times").
    Reload,
    /// The learner's Close browser, which drops the jar's session cookies.
    CloseBrowser,
    /// A link on the page the learner's browser shows, by the end of its address (`/logout`:
    /// lesson 4's "Click 退出 on the page").
    PageLink(&'static str),
    /// This cookie's Value cell in the learner's jar (the jar itself while it holds none),
    /// and what of its text "Show me" selects. [`DEFAULT_NAME`] stands for the session
    /// cookie under the name the running app gives it (`opt.name=sid`).
    JarValue(&'static str, Pick),
    /// The jar's row for adding a cookie.
    JarAdd,
    /// This cookie's delete button (✕) in the learner's jar, else the jar (the session
    /// cookie as in [`Control::JarValue`]).
    JarDelete(&'static str),
    /// This cookie's Expires cell in the learner's jar, else the jar (the session cookie as
    /// in [`Control::JarValue`]): where a cookie that outlives the browser shows it.
    JarExpires(&'static str),
    /// The server pane's Restart server.
    Restart,
    /// A field of the express-session options form (`resave`, `cookie.maxAge`).
    Option(&'static str),
    /// The deployment form's trust proxy box.
    TrustProxy,
    /// The deployment form's store latency.
    StoreLatency,
    /// The options form's Apply button: where "Show me" points while the form holds changes
    /// not applied, in place of the option it would point at (the option changed already).
    ApplyOptions,
    /// The deployment form's Apply button, likewise (trust proxy ticked already, the store's
    /// latency set already: Show me went back to the box, and Space there unticked it).
    ApplyDeploy,
    /// Send requests at once, at the top of the timeline.
    Flight,
    /// The clock's "+1 min", in the bar above the panes (an embed's too).
    Clock,
    /// The clock's "+1 hour" beside it: CSRF's hint says to move an hour on, and its Show me
    /// had pointed at +1 min, which left the cookie under the two minutes the stage needs.
    ClockHour,
    /// One of the attacker's tools, below the two browsers (a challenge's hint names it).
    Tool(Tool),
    /// The inbox link above the learner's browser (the CSRF challenge's mail).
    Inbox,
    /// The Plant button of the session cookie in the attacker's jar (fixation's hint), the
    /// jar switched to the attacker's: on a phone it lay some 1,500 px below the hint, behind
    /// the jar's switch, and only the hint's words said where.
    Plant,
    /// This cookie's Value cell in the attacker's jar, the jar switched to it (predictable
    /// ids' "change session.id in the attacker's jar").
    AttackerJarValue(&'static str),
}

/// The attacker's tools a challenge's hint sends the learner to: at 1280x720 they lie below
/// both browsers in the browser pane, out of sight, and only the hint's words said where
/// (zh dark review of the challenges).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// The signer's value to sign.
    Signer,
    /// The brute-forcer's Start.
    BruteForcer,
    /// XSS's read of `document.cookie`.
    XssRead,
    /// "Put in the attacker's jar" of the newest cookie the attacker obtained (XSS's read
    /// while none is: that is how one is got).
    Loot,
}

/// What "Show me" selects of a jar cell's text, for what the step has the learner type: all
/// of it (a new value), a signed value's payload (lesson 1's "change only the 100": with all
/// selected, 9999 typed replaced the whole card, and the server gave a new one), or its last
/// character (lesson 4's "change the last character").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The whole text.
    All,
    /// What lies between `s:` (or `s%3A`) and the last dot.
    Payload,
    /// The last character.
    LastChar,
}

const fn step(name: &'static str, text: Key) -> Step {
    Step {
        name,
        text,
        show: None,
        variant: None,
        first: &[],
        takes: None,
        sends: None,
        reloads: false,
        opens: None,
        evidence: &[],
    }
}

const fn at(name: &'static str, text: Key, show: Control) -> Step {
    Step {
        show: Some(show),
        ..step(name, text)
    }
}

impl Step {
    /// The same step, run in `v`.
    const fn within(self, v: Variant) -> Step {
        Step {
            variant: Some(v),
            ..self
        }
    }
    /// The same step, whose text sends this pair at once.
    const fn sending(self, pair: Pair) -> Step {
        Step {
            sends: Some(pair),
            ..self
        }
    }
    /// The same step, whose text has the learner set these, in order, before its own control.
    const fn after(self, first: &'static [(Ready, Control)]) -> Step {
        Step { first, ..self }
    }
    /// The same step, whose text takes `ready` for granted (see [`Step::takes`]).
    const fn taking(self, ready: Ready) -> Step {
        Step {
            takes: Some(ready),
            ..self
        }
    }
    /// The same step, whose text opens this path with the address bar.
    const fn opening(self, path: &'static str) -> Step {
        Step {
            opens: Some(path),
            ..self
        }
    }
    /// The same step, whose result shows only in these places.
    const fn seen_in(self, evidence: &'static [Evidence]) -> Step {
        Step { evidence, ..self }
    }
    /// The same step, whose text reloads the page.
    const fn reloading(self) -> Step {
        Step {
            reloads: true,
            ..self
        }
    }
}

/// A step's text: "press Restart server" (then a request: Go, or the address bar).
const RESTART: (Ready, Control) = (Ready::RestartedSinceRequest, Control::Restart);
/// A step's text: "log in as alice" (the page's form, else the address bar that opens it).
const LOG_IN: (Ready, Control) = (Ready::LoggedIn, Control::LoginField);
/// Lesson 6's races: "set the store's get and set to 50 ms".
const SLOW_STORE: (Ready, Control) = (Ready::StoreSlow, Control::StoreLatency);
/// Lesson 3's expiry: "set cookie.maxAge to 60000 … open /" before "+1 min".
const EXPIRES_IN_A_MINUTE: &[(Ready, Control)] = &[
    (
        Ready::MaxAgeWithin(60_000),
        Control::Option("cookie.maxAge"),
    ),
    (Ready::CookieExpires, Control::Address),
];

// the first two hold in either variant (a learner who picked Signed first got no tick for
// doing as they said); the forged balance is believed only in Plain, and refused only in
// Signed, each in a variant a switch starts with an empty jar
const COOKIE: &[Step] = &[
    at("first-card", Key::StepCookie1, Control::Address).opening("/"),
    at("balance-falls", Key::StepCookie2, Control::Go),
    // a card to edit, the edit, then Go
    at("believed", Key::StepCookie3, Control::Go)
        .within(Variant::Plain)
        .taking(Ready::HasCookie)
        .after(&[
            (Ready::HasCookie, Control::Address),
            (
                Ready::EditedSinceRequest,
                Control::JarValue("balance", Pick::All),
            ),
        ]),
    // its words say "press Go to get a signed card" (the switch puts the app's address in the
    // bar): Show me ends on Go, not in the address bar, which opened a phone's keyboard
    // (phone review)
    at("refused", Key::StepCookie4, Control::Go)
        .within(Variant::Signed)
        .after(&[
            (Ready::HasCookie, Control::Go),
            (
                Ready::EditedSinceRequest,
                Control::JarValue("balance", Pick::Payload),
            ),
        ]),
];
const MANUAL: &[Step] = &[
    at("new-card", Key::StepManual1, Control::Address).opening("/"),
    // read in the notebook, the server pane's store table
    at("charged", Key::StepManual2, Control::Go).seen_in(&[Evidence::Store]),
    at("other-number", Key::StepManual3, Control::Go).after(&[(
        Ready::EditedSinceRequest,
        Control::JarValue("session.id", Pick::All),
    )]),
    at("restart-forgets", Key::StepManual4, Control::Go).after(&[RESTART]),
];
const MIDDLEWARE: &[Step] = &[
    at("session-made", Key::StepMiddleware1, Control::Address)
        .opening("/")
        .seen_in(&[Evidence::Store]),
    at("routes", Key::StepMiddleware2, Control::Address).seen_in(&[Evidence::Timeline]),
    // the option first; once applied, the address bar for the requests the text opens
    // (its text reads each request's store calls in the timeline: a touch leaves the store's
    // row as it was, with no maxAge)
    at("only-touched", Key::StepMiddleware3, Control::Address)
        .after(&[(Ready::Resave(false), Control::Option("resave"))])
        .seen_in(&[Evidence::Timeline]),
    at(
        "saved-when-written",
        Key::StepMiddlewareUnsaved,
        Control::Address,
    )
    .after(&[(
        Ready::SaveUninitializedOff,
        Control::Option("saveUninitialized"),
    )]),
    at("expired", Key::StepMiddleware4, Control::Clock).after(EXPIRES_IN_A_MINUTE),
];

// Steps lesson 6 shares with lessons 4 and 5, word for word and detected alike (those that
// start "Choose 'X' above" switch to X for Show me, then point at the address bar, or the
// login form once Go has opened it: Show me had sent a keyboard learner back to the address
// bar over the form, where "alice" typed replaced the address; review).
const PROXY_SILENT: Step =
    at("proxy-silent", Key::StepAuth5, Control::LoginField).within(Variant::Proxy);
// the trust first; once applied, the login the text has next
const PROXY_TRUSTED: Step = at("proxy-trusted", Key::StepAuth6, Control::LoginField)
    .within(Variant::Proxy)
    .after(&[(Ready::ProxyTrusted, Control::TrustProxy)]);
// "log in, then press ⟳ a few times"
const TWO_SERVERS_THEN_RELOAD: &[(Ready, Control)] = &[(Ready::LoginSent, Control::LoginField)];
const FLICKER: Step = at("flicker", Key::StepStore5, Control::Reload)
    .within(Variant::TwoMemory)
    .after(TWO_SERVERS_THEN_RELOAD)
    .seen_in(&[Evidence::Timeline]);
const SHARED_HOLDS: Step = at("shared-holds", Key::StepStore6, Control::Reload)
    .within(Variant::TwoShared)
    .after(TWO_SERVERS_THEN_RELOAD)
    .seen_in(&[Evidence::Timeline]);

const AUTH: &[Step] = &[
    at("logged-in", Key::StepAuth1, Control::LoginField),
    // the course's logout bug: in Fixed the same clicks tick step 3 instead, so Show me
    // switches back (a reviewer in Fixed was offered a plain Show me, and step 2 was left
    // behind), then has the learner log in, then points at 退出
    // read in the store ("username stays in the store"): its box keeps its heading, heads and
    // the session's row (at 1280x720 the heading was cut in half under the code)
    at("still-in", Key::StepAuth2, Control::Address)
        .opening("/user")
        .within(Variant::Seed)
        .taking(Ready::LoggedIn)
        .seen_in(&[Evidence::Store])
        .after(&[
            LOG_IN,
            (Ready::WentThrough("/logout"), Control::PageLink("/logout")),
        ]),
    // the steps that start "Choose 'X' above, press Go": Show me switches to X and points
    // at the address bar (they had no Show me: two reviewers looked for it in vain); here
    // then the login form, 退出 and the address bar, as the text goes on
    at("fixed-out", Key::StepAuth3, Control::Address)
        .opening("/user")
        .within(Variant::Fixed)
        .after(&[
            LOG_IN,
            (Ready::WentThrough("/logout"), Control::PageLink("/logout")),
        ]),
    // "Logged in, change …": Show me has a learner logged out by step 3 log in first
    at("bad-mac", Key::StepAuth4, Control::Address)
        .opening("/user")
        .taking(Ready::LoggedIn)
        .after(&[
            LOG_IN,
            (
                Ready::EditedSinceRequest,
                Control::JarValue(DEFAULT_NAME, Pick::LastChar),
            ),
        ]),
    // "delete connect.sid in the jar, add a cookie username=customer, and open /user"
    at("plain-name", Key::StepAuthPlainName, Control::Address)
        .opening("/user")
        .after(&[
            (Ready::NoSessionCookie, Control::JarDelete(DEFAULT_NAME)),
            (Ready::JarHolds("username"), Control::JarAdd),
        ]),
    PROXY_SILENT,
    PROXY_TRUSTED,
];
const STORE: &[Step] = &[
    at("document", Key::StepStore1, Control::LoginField).seen_in(&[Evidence::Store]),
    at("survives", Key::StepStore2, Control::Address)
        .opening("/user")
        .within(Variant::Persistent)
        .taking(Ready::LoggedIn)
        .after(&[LOG_IN, RESTART]),
    at("memory-loses", Key::StepStore3, Control::Address)
        .opening("/user")
        .within(Variant::Memory)
        .after(&[LOG_IN, RESTART]),
    // maxAge; Close browser while the jar holds a cookie from before it (its session the
    // store kept keeps that cookie's options through a login); then a login that brings a
    // cookie with an expiry; the rest is the page's own reload, no control of the lab's: Show
    // me ends at the cookie's Expires, which says why it outlives the browser
    at("reload", Key::StepStore4, Control::JarExpires(DEFAULT_NAME))
        .within(Variant::Persistent)
        .after(&[
            (Ready::MaxAgeSet, Control::Option("cookie.maxAge")),
            (Ready::NoBrowserSessionCookie, Control::CloseBrowser),
            (Ready::CookieExpires, Control::LoginField),
            LOG_IN,
        ])
        .reloading(),
    FLICKER,
    SHARED_HOLDS,
];

/// Lesson 6, "when it breaks": two options that break a single server, then lesson 5's two
/// servers and lesson 4's TLS proxy, with the same steps (and detection) as there, then two
/// races between requests in flight (the resave race and its fix; the logout undone).
const BREAKS: &[Step] = &[
    at("seconds", Key::StepBreaksSeconds, Control::Clock)
        .within(Variant::OneServer)
        .after(&[
            (
                Ready::MaxAgeWithin(59_999),
                Control::Option("cookie.maxAge"),
            ),
            LOG_IN,
        ]),
    // the option first; once applied, the address bar for the two visits (Show me had stayed
    // on the option, and Enter there applied it again: keyboard review)
    at("never-saved", Key::StepBreaksNeverSaved, Control::Address)
        .opening("/")
        .within(Variant::OneServer)
        .after(&[(
            Ready::SaveUninitializedOff,
            Control::Option("saveUninitialized"),
        )])
        .seen_in(&[Evidence::Timeline]),
    FLICKER,
    SHARED_HOLDS,
    PROXY_SILENT,
    PROXY_TRUSTED,
    at("race", Key::StepBreaksRace, Control::Flight)
        .within(Variant::OneServer)
        .after(&[SLOW_STORE, LOG_IN])
        .seen_in(&[Evidence::Timeline])
        .sending(TRANSFER_AND_SLOW),
    at("race-fixed", Key::StepBreaksRaceFixed, Control::Flight)
        .within(Variant::OneServer)
        .after(&[
            SLOW_STORE,
            (Ready::Resave(false), Control::Option("resave")),
            LOG_IN,
        ])
        .seen_in(&[Evidence::Timeline])
        .sending(TRANSFER_AND_SLOW),
    at("resurrected", Key::StepBreaksResurrected, Control::Flight)
        .within(Variant::OneServer)
        .after(&[
            SLOW_STORE,
            (Ready::Resave(true), Control::Option("resave")),
            LOG_IN,
        ])
        .seen_in(&[Evidence::Timeline])
        .sending(SLOW_THEN_LOGOUT),
];

/// The routes of lesson 3's app that step 2 asks to visit.
const ROUTES: [&str; 5] = ["/peek", "/remember", "/regenerate", "/unset", "/destroy"];

impl LessonId {
    /// The lesson's steps, in order.
    pub fn steps(self) -> &'static [Step] {
        match self {
            LessonId::Cookie => COOKIE,
            LessonId::Manual => MANUAL,
            LessonId::Middleware => MIDDLEWARE,
            LessonId::Auth => AUTH,
            LessonId::Store => STORE,
            LessonId::Breaks => BREAKS,
        }
    }

    /// Its step of this name.
    pub fn step(self, name: &str) -> Option<&'static Step> {
        self.steps().iter().find(|s| s.name == name)
    }

    /// The saved name of one of its steps (`cookie.first-card`).
    pub fn step_code(self, step: &Step) -> String {
        format!("{}.{}", self.code(), step.name)
    }
}

/// What the detector remembers between actions, from the lesson's last clean start.
#[derive(Debug, Default)]
pub struct Watch {
    /// Values of the app's cookie the server has set.
    issued: HashSet<String>,
    /// Values it had set before the last restart of the server.
    before_restart: HashSet<String>,
    /// The server restarted since the start.
    restarted: bool,
    /// A logout was seen since the start.
    logged_out: bool,
    /// Lesson 3's routes visited.
    routes: BTreeSet<&'static str>,
    /// The instances whose /user greeted alice with a shared store, and the session each used.
    greeted_on: Vec<(u8, Option<String>)>,
    /// The session a page last greeted someone with, with a store per instance: the flicker is
    /// that session unknown on the next request ("one request knows you, the next does not";
    /// the login's own redirect, which misses before any page knew it, is not yet one).
    known: Option<String>,
    /// Lesson 6: alice was greeted under a `cookie.maxAge` of less than a minute.
    brief_login: bool,
    /// Lesson 6: new sessions that `saveUninitialized: false` left unsaved and without a cookie.
    unsaved: usize,
    /// Lesson 3: `saveUninitialized: false` left a new session unsaved and without a cookie.
    left_unsaved: bool,
    /// Lesson 3: under `resave: false` a visit to / changed a session the store had, and it
    /// was still saved (the step's second /), the half before /peek's touch.
    modified_saved: bool,
    /// Lesson 6: a save under `resave: true` replaced a parallel request's write.
    race_seen: bool,
}

impl Watch {
    /// How far a step done in parts has come since the last clean start: its parts done and
    /// those still to do, in the step's order, once one is done (lesson 3's five routes);
    /// `None` for a step done in one go, or none of whose parts is done yet.
    pub fn parts(
        &self,
        lesson: LessonId,
        step: &str,
    ) -> Option<(Vec<&'static str>, Vec<&'static str>)> {
        if (lesson, step) != (LessonId::Middleware, "routes") || self.routes.is_empty() {
            return None;
        }
        Some(ROUTES.iter().partition(|r| self.routes.contains(*r)))
    }

    /// A watch from a clean start that remembers, from the steps already done (`breaks.race`),
    /// what a later step needs: lesson 6's fix asks for the race seen first, and after a reload
    /// the race was done but no longer seen.
    pub fn resuming(done: &[String]) -> Watch {
        let race_done = BREAKS
            .iter()
            .filter(|s| s.name == "race")
            .any(|s| done.contains(&LessonId::Breaks.step_code(s)));
        Watch {
            race_seen: race_done,
            ..Watch::default()
        }
    }
}

fn set_values(x: &Exchange, name: &str) -> Vec<String> {
    x.response
        .set_cookies()
        .into_iter()
        .filter_map(|h| {
            let (n, v) = h.split(';').next()?.split_once('=')?;
            (n.trim() == name && !v.is_empty()).then(|| v.trim().to_string())
        })
        .collect()
}

/// The request made a new session, for whatever reason.
fn created_any(x: &Exchange) -> bool {
    x.events
        .iter()
        .any(|e| matches!(e, Event::SessionCreated { .. }))
}

/// `saveUninitialized: false` held back the cookie of a session nothing wrote to.
fn left_unsaved(x: &Exchange) -> bool {
    x.events.iter().any(|e| {
        matches!(
            e,
            Event::SessionSetCookie(SetCookieDecision::NotSent(NotSentWhy::Uninitialized))
        )
    })
}

/// The balance a returning customer's page shows.
fn balance(x: &Exchange) -> Option<f64> {
    x.response.body.strip_prefix(WELCOME_BACK)?.parse().ok()
}

impl Watch {
    /// The steps of `lesson` that this outcome of the learner's action completes.
    pub fn observe(&mut self, lesson: LessonId, lab: &Lab, outcome: &Outcome) -> Vec<&'static str> {
        let mut done = Vec::new();
        let app = lab.config.app;
        let name = lab.server.cookie_name().to_string();
        let advanced = outcome
            .events
            .iter()
            .any(|e| matches!(e, Event::ClockAdvanced { .. }));
        for e in &outcome.events {
            match e {
                Event::ServerStarted { restart: true, .. } => {
                    self.restarted = true;
                    self.before_restart.extend(self.issued.iter().cloned());
                }
                // the clock moved the app's cookie past its Expires, and the jar dropped it
                Event::CookiesExpired {
                    browser: BrowserId::Victim,
                    names,
                } if advanced && names.contains(&name) => match lesson {
                    LessonId::Breaks if self.brief_login => done.push("seconds"),
                    LessonId::Middleware => done.push("expired"),
                    _ => {}
                },
                _ => {}
            }
        }
        for x in outcome
            .exchanges
            .iter()
            .filter(|x| x.browser == BrowserId::Victim)
        {
            let value = x.sent_cookie(&name);
            let made_up = value.as_deref().is_some_and(|v| !self.issued.contains(v));
            match lesson {
                LessonId::Cookie => {
                    let forged = value.as_deref().is_some_and(|v| self.payload_forged(v));
                    self.cookie(app, x, made_up, forged, &mut done)
                }
                LessonId::Manual => self.manual(x, value.as_deref(), made_up, &mut done),
                LessonId::Middleware => self.middleware(lab, x, &mut done),
                LessonId::Auth => self.auth(lab, x, &mut done),
                LessonId::Store => self.store(lab, x, &mut done),
                LessonId::Breaks => self.breaks(lab, x, &mut done),
            }
            self.issued.extend(set_values(x, &name));
        }
        done
    }

    /// Whether `raw`, a signed value, carries a payload other than the one its MAC was issued
    /// with (or, with a MAC never issued, a payload never signed): lesson 1's step 4 changes
    /// the 100, not the MAC (an edited MAC also gets a 403, but is not the step; a card at 70
    /// set back to 100, signed once, is).
    fn payload_forged(&self, raw: &str) -> bool {
        use crate::model::anatomy::anatomy;
        let Some(sent) = anatomy(raw) else {
            return false;
        };
        let issued: Vec<_> = self.issued.iter().filter_map(|v| anatomy(v)).collect();
        match issued.iter().find(|a| a.mac.is_some() && a.mac == sent.mac) {
            Some(a) => a.payload != sent.payload,
            None => !issued.iter().any(|a| a.payload == sent.payload),
        }
    }

    fn cookie(
        &mut self,
        app: App,
        x: &Exchange,
        made_up: bool,
        forged: bool,
        done: &mut Vec<&'static str>,
    ) {
        match app {
            App::CookieOnly | App::CookieOnlySigned if x.response.body == WELCOME_NEW => {
                done.push("first-card")
            }
            App::CookieOnly | App::CookieOnlySigned if balance(x) == Some(80.0) => {
                done.push("balance-falls")
            }
            App::CookieOnly if made_up && balance(x).is_some_and(|n| n > 100.0) => {
                done.push("believed")
            }
            App::CookieOnlySigned if forged && x.response.status == 403 => done.push("refused"),
            _ => {}
        }
    }

    fn manual(
        &mut self,
        x: &Exchange,
        value: Option<&str>,
        made_up: bool,
        done: &mut Vec<&'static str>,
    ) {
        if x.response.body == WELCOME_NEW {
            match value {
                None => done.push("new-card"),
                Some(v) if self.before_restart.contains(v) => done.push("restart-forgets"),
                Some(_) if made_up => done.push("other-number"),
                Some(_) => {}
            }
        }
        if balance(x) == Some(80.0) {
            done.push("charged");
        }
    }

    fn middleware(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        let created = x.events.iter().any(|e| {
            matches!(
                e,
                Event::SessionCreated {
                    why: NewWhy::NoId,
                    ..
                }
            )
        });
        // "connect.sid in the jar": a cookie the jar refused (cookie.partitioned without
        // secure) leaves the step to do
        let kept = x.jar_took(lab.server.cookie_name()).next().is_some();
        if created && kept && x.url.path == "/" && x.response.status == 200 {
            done.push("session-made");
        }
        if let Some(&route) = ROUTES.iter().find(|r| **r == x.url.path) {
            self.routes.insert(route);
            if self.routes.len() == ROUTES.len() {
                done.push("routes");
            }
        }
        let ops: Vec<StoreOp> = x.store_calls.clone();
        // saveUninitialized: false leaves a session nothing wrote to unsaved and without a
        // cookie; a later new session that something wrote to is saved and sent
        if lab.server.options.save_uninitialized == Some(false) && created_any(x) {
            if left_unsaved(x) {
                self.left_unsaved = true;
            } else if self.left_unsaved
                && x.store_calls.contains(&StoreOp::Set)
                && !set_values(x, lab.server.cookie_name()).is_empty()
            {
                done.push("saved-when-written");
            }
        }
        // the step compares the two: a changed session saved even so, then an unchanged one
        // only touched (one / and /peek had ticked it, the set never seen)
        let resave_off = lab.server.options.resave == Some(false);
        if resave_off && x.url.path == "/" && !created_any(x) && ops.contains(&StoreOp::Set) {
            self.modified_saved = true;
        }
        if resave_off
            && self.modified_saved
            && x.url.path == "/peek"
            && ops.contains(&StoreOp::Touch)
            && !ops.contains(&StoreOp::Set)
        {
            done.push("only-touched");
        }
    }

    fn auth(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        let app = lab.config.app;
        if x.url.path == "/logout" {
            self.logged_out = true;
        }
        let name = greeted(x);
        if name.as_deref() == Some("alice") {
            done.push("logged-in");
            if app == App::AuthSeed && self.logged_out {
                done.push("still-in");
            }
        }
        let back_to_login = x.url.path == "/user"
            && x.response.status == 302
            && x.response.header("location") == Some("/");
        if app == App::AuthFixed && self.logged_out && back_to_login {
            done.push("fixed-out");
        }
        let bad_mac = x.events.iter().any(|e| {
            matches!(
                e,
                Event::SessionCookieRead {
                    verdict: CookieVerdict::BadSignature {
                        error: UnsignError::BadMac { .. },
                        ..
                    },
                    ..
                }
            )
        });
        // "Logged in, change the last character": the MAC broken on a logged-in session's
        // cookie (from a logged-out one, after step 3's logout, it ticked on the page a
        // logged-out visit shows anyway, and nothing showed the edit had mattered)
        let logged_in = x
            .sent_cookie(lab.server.cookie_name())
            .is_some_and(|v| crate::model::anatomy::names_logged_in(lab, &v));
        if bad_mac && x.url.path == "/user" && logged_in {
            done.push("bad-mac");
        }
        // the course's curl comment: a home-made `username` cookie and no session cookie;
        // the server reads its session only, so the page does not greet that name
        let plain = x.sent_cookie("username");
        if x.url.path == "/user"
            && x.sent_cookie(lab.server.cookie_name()).is_none()
            && plain.is_some()
            && greeted(x) != plain
        {
            done.push("plain-name");
        }
        self.behind_the_proxy(lab, x, done);
    }

    /// Lesson 4 behind the TLS proxy: the login that set no cookie because nothing trusted
    /// the proxy, then a login whose Secure cookie went out and came back.
    fn behind_the_proxy(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        if !lab.config.deploy.tls_proxy {
            return;
        }
        let silent = x.events.iter().any(|e| {
            matches!(
                e,
                Event::SessionSetCookie(SetCookieDecision::NotSent(NotSentWhy::UntrustedProxy))
            )
        });
        if silent && x.url.path == "/login" {
            done.push("proxy-silent");
        }
        let secure_cookie = lab.holds_app_cookie(BrowserId::Victim, |c| c.secure);
        if x.url.secure && secure_cookie && greeted(x).as_deref() == Some("alice") {
            done.push("proxy-trusted");
        }
    }

    /// Lesson 5 with two instances: a session the other instance holds is a miss here (the
    /// flicker); with one store they share, both instances greet the same session.
    fn two_servers(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        let Some(twin) = &lab.twin else {
            return;
        };
        let sid = x.events.iter().find_map(|e| match e {
            Event::SessionCookieRead {
                verdict: CookieVerdict::Valid { sid, .. },
                ..
            } => Some(sid.clone()),
            _ => None,
        });
        let shared = lab.server.store.kind().outside_the_process();
        if !shared {
            let missed = x.events.iter().any(|e| {
                matches!(
                    e,
                    Event::SessionCreated {
                        why: NewWhy::StoreMiss,
                        ..
                    }
                )
            });
            if greeted(x).is_some() {
                self.known.clone_from(&sid);
            }
            let other = if x.instance == 2 { &lab.server } else { twin };
            if missed
                && sid.is_some()
                && sid == self.known
                && sid
                    .as_deref()
                    .is_some_and(|s| other.store.has_live(s, lab.now))
            {
                done.push("flicker");
            }
            return;
        }
        if greeted(x).as_deref() == Some("alice") {
            self.greeted_on.retain(|(i, _)| *i != x.instance);
            self.greeted_on.push((x.instance, sid));
            let [(_, a), (_, b)] = self.greeted_on.as_slice() else {
                return;
            };
            if a.is_some() && a == b {
                done.push("shared-holds");
            }
        }
    }

    /// Lesson 6: a login under a `maxAge` meant as seconds, new sessions that
    /// `saveUninitialized: false` never saves, then lesson 5's two servers and lesson 4's proxy.
    fn breaks(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        let max_age =
            option_at(&lab.server.options.source, "cookie.maxAge").and_then(Value::as_f64);
        if greeted(x).as_deref() == Some("alice")
            && max_age.is_some_and(|m| m > 0.0 && m < 60_000.0)
        {
            self.brief_login = true;
        }
        let new = created_any(x);
        let unsaved = left_unsaved(x);
        // one server: with two, the login's own redirect to the instance without the session
        // is such a session, and the step ticked by itself
        if new
            && unsaved
            && lab.twin.is_none()
            && lab.server.options.save_uninitialized == Some(false)
        {
            self.unsaved += 1;
            if self.unsaved >= 2 {
                done.push("never-saved");
            }
        }
        self.two_servers(lab, x, done);
        self.behind_the_proxy(lab, x, done);
        self.in_flight(lab, x, done);
    }

    /// Lesson 6's races, from the engine's typed events: `race` once a save under
    /// `resave: true` replaced a parallel request's write; `race-fixed` when after that, with
    /// `resave: false`, a request in flight only touched the session (no save of its stale
    /// copy); `resurrected` when a save put back a session a logout in flight had destroyed.
    fn in_flight(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        let overwrote = x
            .events
            .iter()
            .any(|e| matches!(e, Event::SaveOverwrote { .. }));
        if overwrote && lab.server.options.resave != Some(false) {
            self.race_seen = true;
            done.push("race");
        }
        let touched_only = x.flight.is_some()
            && !overwrote
            && x.events
                .iter()
                .any(|e| matches!(e, Event::SessionEnd(EndAction::Touched)));
        if self.race_seen && touched_only && lab.server.options.resave == Some(false) {
            done.push("race-fixed");
        }
        if x.events
            .iter()
            .any(|e| matches!(e, Event::DestroyedSessionSaved { .. }))
        {
            done.push("resurrected");
        }
    }

    fn store(&mut self, lab: &Lab, x: &Exchange, done: &mut Vec<&'static str>) {
        self.two_servers(lab, x, done);
        let persistent = lab.server.store.kind() == crate::engine::session::StoreKind::Persistent;
        match greeted(x) {
            Some(n) if n == "alice" && persistent => {
                done.push("document");
                if self.restarted {
                    done.push("survives");
                }
            }
            // one server's MemoryStore forgot the session its cookie names at the restart (with
            // two, the other instance's miss is lesson 5's flicker, not this)
            None if lab.server.store.kind() == crate::engine::session::StoreKind::Memory
                && lab.twin.is_none()
                && x.sent_cookie(lab.server.cookie_name())
                    .is_some_and(|v| self.before_restart.contains(&v))
                && x.url.path == "/user"
                && x.response.status == 200
                && x.response.body.contains(GREETING) =>
            {
                done.push("memory-loses")
            }
            _ => {}
        }
    }
}

/// Steps a page load completes: lesson 5's last asks for a reload that keeps the cookie and
/// the session (a persistent `connect.sid` whose session the persistent store still has).
pub fn on_load(lesson: LessonId, variant: Variant, lab: &Lab) -> Vec<&'static str> {
    if lesson != LessonId::Store || variant != Variant::Persistent {
        return Vec::new();
    }
    let kept = lab.holds_app_cookie(BrowserId::Victim, |c| {
        matches!(c.persistence, Persistence::Until(_))
            && crate::model::anatomy::anatomy(&c.value)
                .is_some_and(|a| lab.server.store.has_live(&a.payload, lab.now))
    });
    if kept {
        vec!["reload"]
    } else {
        Vec::new()
    }
}

/// What a page load that took the app's session cookie with it has to say: the jar held it
/// as a browser-session cookie (`ended`, the names the saved state kept of such cookies) and
/// has none now. Lesson 5's step 4 reload then came back to an empty jar without a word
/// ([`Key::SayReloadLost`]: set cookie.maxAge); in another lesson not yet done the next step
/// pointed at a jar row that was gone (lesson 1's step 3 after F5, a zh reviewer), so the bar
/// says how to get a new one: log in again where the app has a login, else open its page.
/// `done` is whether every step of the lesson is done (nothing then points at the cookie).
pub fn lost_on_load(
    lesson: LessonId,
    variant: Variant,
    lab: &Lab,
    ended: &[String],
    done: bool,
) -> Option<Key> {
    let name = lab.server.cookie_name();
    let lost =
        ended.iter().any(|n| n == name) && !lab.holds_app_cookie(BrowserId::Victim, |_| true);
    if !lost {
        None
    } else if lesson == LessonId::Store && variant == Variant::Persistent {
        Some(Key::SayReloadLost)
    } else if done {
        None
    } else if matches!(lab.server.app, App::AuthSeed | App::AuthFixed) {
        Some(Key::SayReloadEndedLogin)
    } else {
        Some(Key::SayReloadEndedVisit)
    }
}
