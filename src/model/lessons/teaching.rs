//! The course's teaching, in the lab's own words: short folding sections in each lesson (what
//! a session is, cookie or session, the five steps, installing, the options reference, genid,
//! the logout fix, connect-mongo then and now, and lesson 6's failures). Texts are in the string table; code snippets,
//! which read the same in both languages, are here.

use super::LessonId;
use crate::engine::jar::Limits;
use crate::engine::json::{json, Value};
use crate::i18n::{fill, t, Key, Lang};

/// A teaching section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// What a session is.
    WhatIsASession,
    /// The four differences between a cookie and a session, with the browser's limits.
    CookieOrSession,
    /// The five steps of a session, on the hand-built code.
    FiveSteps,
    /// The npm install line for the lesson's packages.
    Install(&'static str),
    /// Every option of express-session the course names, with its default and a "try it".
    Options,
    /// `genid`, and the course's `uid2`.
    Genid,
    /// The logout fix: the minimal one first, why it is not enough, then the full one.
    LogoutFix,
    /// connect-mongo as the course wrote it and as it is written today.
    MongoThenNow,
    /// Two instances behind a balancer: why a MemoryStore each flickers, sticky sessions and
    /// their price, and a shared store (connect-redis).
    TwoServers,
    /// Behind a TLS-terminating proxy: why a Secure cookie is not sent, and `trust proxy`
    /// against `proxy`.
    BehindAProxy,
    /// `cookie.maxAge` counts milliseconds: 3600 is 3.6 seconds.
    MaxAgeUnits,
    /// `saveUninitialized: false` and a session nothing writes to: no cookie, a new id each time.
    NeverSaved,
    /// Parallel requests and `resave: true`: the last save writes an old copy over a change.
    ResaveRace,
    /// A request in flight saves back the session a logout destroyed.
    ResurrectedLogout,
}

impl Section {
    /// Its heading.
    pub fn title(self) -> Key {
        match self {
            Section::WhatIsASession => Key::SecSessionTitle,
            Section::CookieOrSession => Key::SecCompareTitle,
            Section::FiveSteps => Key::SecStepsTitle,
            Section::Install(_) => Key::SecInstallTitle,
            Section::Options => Key::SecOptionsTitle,
            Section::Genid => Key::SecGenidTitle,
            Section::LogoutFix => Key::SecLogoutTitle,
            Section::MongoThenNow => Key::SecMongoTitle,
            Section::TwoServers => Key::SecTwoServersTitle,
            Section::BehindAProxy => Key::SecProxyTitle,
            Section::MaxAgeUnits => Key::SecMaxAgeTitle,
            Section::NeverSaved => Key::SecNeverSavedTitle,
            Section::ResaveRace => Key::SecRaceTitle,
            Section::ResurrectedLogout => Key::SecResurrectTitle,
        }
    }
    /// A stable name, for the page's markup and tests.
    pub fn name(self) -> &'static str {
        match self {
            Section::WhatIsASession => "what-is-a-session",
            Section::CookieOrSession => "cookie-or-session",
            Section::FiveSteps => "five-steps",
            Section::Install(_) => "install",
            Section::Options => "options",
            Section::Genid => "genid",
            Section::LogoutFix => "logout-fix",
            Section::MongoThenNow => "mongo-then-now",
            Section::TwoServers => "two-servers",
            Section::BehindAProxy => "behind-a-proxy",
            Section::MaxAgeUnits => "max-age-units",
            Section::NeverSaved => "never-saved",
            Section::ResaveRace => "resave-race",
            Section::ResurrectedLogout => "resurrected-logout",
        }
    }
}

impl LessonId {
    /// The lesson's teaching sections, in order.
    pub fn sections(self) -> &'static [Section] {
        match self {
            LessonId::Cookie => &[
                Section::WhatIsASession,
                Section::CookieOrSession,
                Section::Install("npm install express cookie-parser"),
            ],
            LessonId::Manual => &[Section::FiveSteps],
            LessonId::Middleware => &[
                Section::Install("npm install express-session"),
                Section::Options,
                Section::Genid,
            ],
            LessonId::Auth => &[Section::LogoutFix, Section::BehindAProxy],
            LessonId::Store => &[
                Section::Install("npm install connect-mongo"),
                Section::MongoThenNow,
                Section::TwoServers,
            ],
            // a section for each failure, in the order of the steps, then the options reference
            // (which has `proxy` and `trust proxy`)
            LessonId::Breaks => &[
                Section::MaxAgeUnits,
                Section::NeverSaved,
                Section::TwoServers,
                Section::BehindAProxy,
                Section::ResaveRace,
                Section::ResurrectedLogout,
                Section::Options,
            ],
        }
    }
}

/// The four points of "cookie or session", in order.
pub const COMPARE: [Key; 4] = [
    Key::SecCompare1,
    Key::SecCompare2,
    Key::SecCompare3,
    Key::SecCompare4,
];

/// The limits the jar applies, in words: bytes per cookie, cookies per site and in all (the
/// browser behaviour it follows, and the course's older number).
pub fn limits_text(lang: Lang) -> String {
    let l = Limits::default();
    fill(
        t(lang, Key::SecCompareLimits),
        &[
            ("bytes", &l.max_cookie_bytes.to_string()),
            ("site", &l.per_domain.to_string()),
            ("total", &l.total.to_string()),
        ],
    )
}

/// The five steps of a session, each with the line of the hand-built code that does it. In an
/// embed the first says where the Predictable ids challenge is from there: the embed has no
/// menu, and "the menu at the top left" could not be followed (zh embed reviewer).
pub fn five_steps(embed: bool) -> [(Key, &'static str); 5] {
    use crate::engine::server::manual::lines;
    [
        (
            if embed {
                Key::SecSteps1Embed
            } else {
                Key::SecSteps1
            },
            lines::GEN_ID,
        ),
        (Key::SecSteps2, lines::GEN_NOTE),
        (Key::SecSteps3, lines::GEN_COOKIE),
        (Key::SecSteps4, lines::READ),
        (Key::SecSteps5, lines::LOOKUP),
    ]
}

/// The options reference's row for Express's own `trust proxy` (`app.set('trust proxy', …)`),
/// which is not an option of `session()`: its "try it" changes the deployment.
pub const TRUST_PROXY_SETTING: &str = "trust proxy";

/// One row of the options reference.
#[derive(Debug)]
pub struct OptionRef {
    /// The option's path, as the options editor names it, or [`TRUST_PROXY_SETTING`].
    pub path: &'static str,
    /// What it does.
    pub what: Key,
    /// Its default, as express-session (or connect-mongo, or the lab) has it.
    pub default: &'static str,
    /// A value to try it with.
    pub try_it: fn() -> Value,
}

const fn opt(
    path: &'static str,
    what: Key,
    default: &'static str,
    try_it: fn() -> Value,
) -> OptionRef {
    OptionRef {
        path,
        what,
        default,
        try_it,
    }
}

/// Every option in the course's table and the ones its code uses, and Express's `trust proxy`
/// beside `proxy`.
pub const OPTIONS: &[OptionRef] = &[
    opt("name", Key::OptRefName, "'connect.sid'", || json!("sid")),
    opt("store", Key::OptRefStore, "new MemoryStore()", || {
        json!("persistent")
    }),
    opt("secret", Key::OptRefSecret, "—", || {
        json!(["new-secret", crate::engine::server::COURSE_SECRET])
    }),
    opt("cookie.domain", Key::OptRefDomain, "—", || {
        json!("localhost")
    }),
    opt("cookie.expires", Key::OptRefExpires, "—", || {
        json!("2030-01-01T00:00:00.000Z")
    }),
    opt("cookie.httpOnly", Key::OptRefHttpOnly, "true", || {
        json!(false)
    }),
    opt("cookie.maxAge", Key::OptRefMaxAge, "null", || json!(60000)),
    opt("cookie.path", Key::OptRefPath, "'/'", || json!("/peek")),
    // not set at all unless given (Cookie has no `secure` of its own): no Secure attribute
    opt("cookie.secure", Key::OptRefSecure, "—", || json!(true)),
    opt("cookie.sameSite", Key::OptRefSameSite, "—", || {
        json!("strict")
    }),
    // beyond the course's table: the form offers it, so the table explains it
    opt("cookie.priority", Key::OptRefPriority, "—", || {
        json!("high")
    }),
    opt("cookie.partitioned", Key::OptRefPartitioned, "—", || {
        json!(true)
    }),
    opt("genid", Key::OptRefGenid, "uid-safe", || {
        json!("sequential")
    }),
    opt("rolling", Key::OptRefRolling, "false", || json!(true)),
    opt("resave", Key::OptRefResave, "true", || json!(false)),
    opt(
        "saveUninitialized",
        Key::OptRefSaveUninitialized,
        "true",
        || json!(false),
    ),
    opt("proxy", Key::OptRefProxy, "undefined", || json!(true)),
    opt(TRUST_PROXY_SETTING, Key::OptRefTrustProxy, "false", || {
        json!(1)
    }),
    opt("unset", Key::OptRefUnset, "'keep'", || json!("destroy")),
];

/// The reference row of an option (its path as [`OPTIONS`] names it), if it has one: the
/// options form gives each field the row's "what it does" (the form listed bare names, and
/// what they do was only in lesson 3's notes).
pub fn option_ref(path: &str) -> Option<&'static OptionRef> {
    OPTIONS.iter().find(|o| o.path == path)
}

/// The minimal logout fix: the one misspelt line, corrected.
pub const LOGOUT_MINIMAL: &str = "app.get('/logout', function (req, res) {\n-  req.session.usrename = null;\n+  req.session.username = null;\n  res.redirect('/');\n});";

/// The full fix the fixed variant runs: a new id at login, the guard on /user, and a logout
/// that ends the session and the cookie.
pub const LOGOUT_FULL: &str = "app.get('/login', function (req, res, next) {\n  req.session.regenerate(function (err) {\n    if (err) return next(err);\n    req.session.username = req.query.username;\n    res.redirect('/user');\n  });\n});\napp.get('/user', checkUser, function (req, res) { /* … */ });\napp.get('/logout', function (req, res, next) {\n  req.session.destroy(function (err) {\n    if (err) return next(err);\n    res.clearCookie('connect.sid');\n    res.redirect('/');\n  });\n});";

/// connect-redis 10 as the shared-Redis variant of lesson 5 runs it (`npm install
/// connect-redis redis`).
pub const REDIS_SETUP: &str = "var { RedisStore } = require('connect-redis');\nvar { createClient } = require('redis');\nvar redisClient = createClient();\nredisClient.connect();\napp.use(session({\n  secret: 'zfpx',\n  resave: true,\n  saveUninitialized: false,\n  store: new RedisStore({ client: redisClient })\n}));";

/// The two ways to make a Secure session cookie work behind a TLS-terminating proxy, each
/// marked with the number the text before it gives it: one or the other, not both (shown
/// bare, one under the other, they read as one app with two `session()` calls: zh phone
/// review).
pub const TRUST_PROXY: &str = "// (1)\napp.set('trust proxy', 1);\napp.use(session({\n  secret: 'zfpx',\n  cookie: { secure: true }\n}));\n\n// (2)\napp.use(session({\n  secret: 'zfpx',\n  proxy: true,\n  cookie: { secure: true }\n}));";

/// `cookie.maxAge` is in milliseconds: what 3600 means, and an hour spelt out.
pub const MAX_AGE_UNITS: &str =
    "// 3.6 s\ncookie: { maxAge: 3600 }\n// 1 h\ncookie: { maxAge: 60 * 60 * 1000 }";

/// With `saveUninitialized: false`, a session lasts once something is written to it.
pub const NEVER_SAVED: &str = "app.use(session({\n  secret: 'zfpx',\n  resave: false,\n  saveUninitialized: false\n}));\napp.get('/', function (req, res) {\n  req.session.visits = (req.session.visits || 0) + 1;\n  res.render('index');\n});";

/// The options that keep a parallel request from writing an old copy back: `resave: false`
/// over a store that implements `touch`.
pub const RESAVE_RACE: &str = "app.use(session({\n  secret: 'zfpx',\n  resave: false,\n  saveUninitialized: false,\n  store: new RedisStore({ client: redisClient })\n}));";

/// connect-mongo as the course called it (versions before 4).
pub const MONGO_THEN: &str = concat!("var MongoStore = require('connect-mongo')(session);\napp.use(session({\n  secret: 'zfpx',\n  resave: true,\n  saveUninitialized: true,\n  store: new MongoStore({ url: '", crate::course_mongo_url!(), "' })\n}));");

/// connect-mongo as it is called today (version 4 and later), as the lab's code shows it.
pub const MONGO_NOW: &str = concat!("var { MongoStore } = require('connect-mongo');\napp.use(session({\n  secret: 'zfpx',\n  resave: true,\n  saveUninitialized: true,\n  store: MongoStore.create({ mongoUrl: '", crate::mongo_url!(), "' })\n}));");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lab::LabConfig;

    #[test]
    fn the_five_steps_send_an_embed_to_the_full_lab_for_the_challenge() {
        let full = five_steps(false);
        let embed = five_steps(true);
        assert_eq!(full[1..], embed[1..]);
        assert_eq!(full[0].1, embed[0].1);
        for lang in [Lang::En, Lang::Zh] {
            assert!(
                !t(lang, full[0].0).contains(t(lang, Key::OpenFullLab)),
                "{lang:?}"
            );
            assert!(
                t(lang, embed[0].0).contains(t(lang, Key::OpenFullLab)),
                "{lang:?}"
            );
        }
    }
    use crate::engine::server::App;
    use crate::engine::session::{merge, set_option_at};
    use crate::model::options_form::FIELDS;

    #[test]
    fn the_form_s_fields_say_what_they_do() {
        let described: Vec<&str> = FIELDS
            .iter()
            .filter(|(p, _)| option_ref(p).is_some())
            .map(|(p, _)| *p)
            .collect();
        // every field, cookie.partitioned too (beyond the course's table: the form offers
        // it, and "Select an option to read what it does" gave nothing for it)
        let bare: Vec<&str> = FIELDS
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| !described.contains(p))
            .collect();
        assert!(bare.is_empty(), "{bare:?}");
        assert_eq!(
            option_ref("secret").map(|o| o.what),
            Some(Key::OptRefSecret)
        );
        assert!(option_ref("nope").is_none());
    }

    #[test]
    fn every_try_it_starts_a_server_and_every_option_is_editable() {
        for o in OPTIONS {
            if o.path == TRUST_PROXY_SETTING {
                let t = crate::engine::lab::TrustProxy::from_json(&(o.try_it)());
                assert!(t.is_some_and(|t| t.trusts_peer()));
                continue;
            }
            let mut over = crate::engine::json::Map::new();
            set_option_at(&mut over, o.path, (o.try_it)());
            let config = LabConfig {
                overrides: merge(&App::Counter.own_options(), &over),
                ..LabConfig::for_app(App::Counter)
            };
            assert!(
                config.options().is_ok(),
                "{}: {:?}",
                o.path,
                config.options()
            );
            assert!(
                FIELDS.iter().any(|(p, _)| *p == o.path),
                "{} has no field",
                o.path
            );
        }
        assert_eq!(MONGO_NOW.lines().count(), MONGO_THEN.lines().count());
        assert!(limits_text(Lang::En).contains("4096"));
    }

    /// The notes' store code and the server pane's app require their stores the same way
    /// (connect-mongo 6 gives CommonJS the class by name: a bare `require` has no `create`).
    #[test]
    fn the_notes_require_stores_as_the_app_does() {
        use crate::engine::server::source::{MONGO_REQUIRE, REDIS_REQUIRE};
        assert!(MONGO_NOW.starts_with(MONGO_REQUIRE), "{MONGO_NOW}");
        assert!(
            REDIS_SETUP.starts_with(&REDIS_REQUIRE.join("\n")),
            "{REDIS_SETUP}"
        );
    }
}
