//! The course's five lessons and a sixth, "when it breaks": which app each runs, its variants,
//! its texts, its steps (detected from the engine's events), its three questions and its
//! teaching sections.

mod quiz;
mod steps;
mod teaching;

pub use quiz::Question;
pub use steps::{lost_on_load, on_load, Control, Evidence, Pair, Pick, Ready, Step, Tool, Watch};
pub use teaching::{
    five_steps, limits_text, option_ref, OptionRef, Section, COMPARE, LOGOUT_FULL, LOGOUT_MINIMAL,
    MAX_AGE_UNITS, MONGO_NOW, MONGO_THEN, NEVER_SAVED, OPTIONS, REDIS_SETUP, RESAVE_RACE,
    TRUST_PROXY, TRUST_PROXY_SETTING,
};

use crate::engine::json::{Map, Value};
use crate::engine::lab::{Balancer, Deploy, LabConfig};
use crate::engine::server::App;
use crate::i18n::Key;

/// One of the course's five lessons, in course order, then the lab's own sixth.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LessonId {
    /// 1. Cookie vs session.
    Cookie,
    /// 2. The hand-built session (the haircut card).
    Manual,
    /// 3. The express-session middleware and its options.
    Middleware,
    /// 4. Login, user page and logout.
    Auth,
    /// 5. A persistent store.
    Store,
    /// 6. When it breaks: the options and deployments that break sessions in production.
    Breaks,
}

/// A lesson's variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The plain cookie.
    Plain,
    /// The signed cookie.
    Signed,
    /// The course's code as written.
    Seed,
    /// The repaired code.
    Fixed,
    /// The connect-mongo shaped store.
    Persistent,
    /// The MemoryStore, for comparison.
    Memory,
    /// Two instances behind a round-robin balancer, a MemoryStore each: the login flickers.
    TwoMemory,
    /// Two instances behind a round-robin balancer sharing one Redis: the login holds.
    TwoShared,
    /// Behind a TLS-terminating proxy, with `cookie.secure`: the login fails until the app
    /// trusts the proxy.
    Proxy,
    /// One server, one MemoryStore: lesson 4's fixed app as it is, for options that break it.
    OneServer,
}

impl Variant {
    /// Stable code for storage and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::Signed => "signed",
            Variant::Seed => "seed",
            Variant::Fixed => "fixed",
            Variant::Persistent => "persistent",
            Variant::Memory => "memory",
            Variant::TwoMemory => "two-memory",
            Variant::TwoShared => "two-shared",
            Variant::Proxy => "tls-proxy",
            Variant::OneServer => "one-server",
        }
    }
    /// From [`Variant::code`].
    pub fn from_code(s: &str) -> Option<Variant> {
        [
            Variant::Plain,
            Variant::Signed,
            Variant::Seed,
            Variant::Fixed,
            Variant::Persistent,
            Variant::Memory,
            Variant::TwoMemory,
            Variant::TwoShared,
            Variant::Proxy,
            Variant::OneServer,
        ]
        .into_iter()
        .find(|v| v.code() == s)
    }
    /// The variant's name on the variant switcher.
    pub fn label(self) -> Key {
        match self {
            Variant::Plain => Key::VariantPlain,
            Variant::Signed => Key::VariantSigned,
            Variant::Seed => Key::VariantSeed,
            Variant::Fixed => Key::VariantFixed,
            Variant::Persistent => Key::VariantPersistent,
            Variant::Memory => Key::VariantMemory,
            Variant::TwoMemory => Key::VariantTwoMemory,
            Variant::TwoShared => Key::VariantTwoShared,
            Variant::Proxy => Key::VariantProxy,
            Variant::OneServer => Key::VariantOneServer,
        }
    }
}

impl LessonId {
    /// All lessons, in course order.
    pub const ALL: [LessonId; 6] = [
        LessonId::Cookie,
        LessonId::Manual,
        LessonId::Middleware,
        LessonId::Auth,
        LessonId::Store,
        LessonId::Breaks,
    ];

    /// Stable code for storage and URLs.
    pub fn code(self) -> &'static str {
        match self {
            LessonId::Cookie => "cookie",
            LessonId::Manual => "manual",
            LessonId::Middleware => "middleware",
            LessonId::Auth => "auth",
            LessonId::Store => "store",
            LessonId::Breaks => "breaks",
        }
    }

    /// From [`LessonId::code`].
    pub fn from_code(s: &str) -> Option<LessonId> {
        LessonId::ALL.into_iter().find(|l| l.code() == s)
    }

    /// The variants the learner can switch between (the first is the default).
    pub fn variants(self) -> &'static [Variant] {
        match self {
            LessonId::Cookie => &[Variant::Plain, Variant::Signed],
            LessonId::Manual | LessonId::Middleware => &[Variant::Seed],
            LessonId::Auth => &[Variant::Seed, Variant::Fixed, Variant::Proxy],
            LessonId::Store => &[
                Variant::Persistent,
                Variant::Memory,
                Variant::TwoMemory,
                Variant::TwoShared,
            ],
            // lesson 5's two-server variants and lesson 4's proxy, as they are there
            LessonId::Breaks => &[
                Variant::OneServer,
                Variant::TwoMemory,
                Variant::TwoShared,
                Variant::Proxy,
            ],
        }
    }

    /// The variant a lesson opens with: the first of [`LessonId::variants`].
    pub fn default_variant(self) -> Variant {
        self.variants()[0]
    }

    /// The app a variant runs.
    pub fn app(self, v: Variant) -> App {
        match (self, v) {
            (LessonId::Cookie, Variant::Signed) => App::CookieOnlySigned,
            (LessonId::Cookie, _) => App::CookieOnly,
            (LessonId::Manual, _) => App::Manual,
            (LessonId::Middleware, _) => App::Counter,
            (LessonId::Auth, Variant::Fixed | Variant::Proxy) => App::AuthFixed,
            (LessonId::Auth, _) | (LessonId::Store, _) => App::AuthSeed,
            (LessonId::Breaks, v) => {
                let (from, v) = Self::borrowed(v);
                from.app(v)
            }
        }
    }

    /// Lesson 6 borrows its failures from the lessons that introduced them: the two-server
    /// variants are lesson 5's, the proxy lesson 4's, and one server is lesson 4's fixed app.
    fn borrowed(v: Variant) -> (LessonId, Variant) {
        match v {
            Variant::TwoMemory | Variant::TwoShared => (LessonId::Store, v),
            Variant::Proxy => (LessonId::Auth, v),
            _ => (LessonId::Auth, Variant::Fixed),
        }
    }

    /// The server configuration for a variant, with the lesson's own option overrides and
    /// deployment.
    ///
    /// The two-server variants set `saveUninitialized: false` (what express-session's docs
    /// advise for logins): a store miss then leaves the browser's cookie alone, so the login
    /// visibly flickers between the instances instead of being replaced for good by the first
    /// miss's new session. The proxy variant runs the fixed app with `cookie.secure: true`.
    pub fn config(self, v: Variant) -> LabConfig {
        if self == LessonId::Breaks {
            let (from, v) = Self::borrowed(v);
            return from.config(v);
        }
        let mut c = LabConfig::for_app(self.app(v));
        let mut m = Map::new();
        match (self, v) {
            (LessonId::Store, _) => {
                let store = match v {
                    Variant::Memory | Variant::TwoMemory => "memory",
                    Variant::TwoShared => "redis",
                    _ => "persistent",
                };
                m.insert("store".into(), Value::String(store.into()));
                if matches!(v, Variant::TwoMemory | Variant::TwoShared) {
                    m.insert("saveUninitialized".into(), Value::Bool(false));
                    c.deploy = Deploy::two(Balancer::RoundRobin);
                }
            }
            (LessonId::Auth, Variant::Proxy) => {
                m.insert("cookie".into(), crate::json!({"secure": true}));
                c.deploy.tls_proxy = true;
            }
            _ => {}
        }
        c.overrides = m;
        c
    }

    /// Title and summary (its steps are [`LessonId::steps`]).
    pub fn texts(self) -> (Key, Key) {
        match self {
            LessonId::Cookie => (Key::LessonCookieTitle, Key::LessonCookieBody),
            LessonId::Manual => (Key::LessonManualTitle, Key::LessonManualBody),
            LessonId::Middleware => (Key::LessonMiddlewareTitle, Key::LessonMiddlewareBody),
            LessonId::Auth => (Key::LessonAuthTitle, Key::LessonAuthBody),
            LessonId::Store => (Key::LessonStoreTitle, Key::LessonStoreBody),
            LessonId::Breaks => (Key::LessonBreaksTitle, Key::LessonBreaksBody),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::session::StoreKind;

    #[test]
    fn every_variant_starts_a_server() {
        for l in LessonId::ALL {
            assert_eq!(LessonId::from_code(l.code()), Some(l));
            for &v in l.variants() {
                assert_eq!(Variant::from_code(v.code()), Some(v));
                let c = l.config(v);
                let o = c.options().unwrap();
                if l == LessonId::Store
                    || (l == LessonId::Breaks && v != Variant::Proxy && v != Variant::OneServer)
                {
                    let want = match v {
                        Variant::Memory | Variant::TwoMemory => StoreKind::Memory,
                        Variant::TwoShared => StoreKind::Redis,
                        _ => StoreKind::Persistent,
                    };
                    assert_eq!(o.store, want);
                    let two = matches!(v, Variant::TwoMemory | Variant::TwoShared);
                    assert_eq!(c.deploy.balanced(), two);
                }
                assert_eq!(c.deploy.tls_proxy, v == Variant::Proxy);
            }
        }
        // lesson 6 runs its borrowed variants exactly as their own lessons do
        let one = LessonId::Breaks.config(Variant::OneServer);
        assert_eq!(one.app, App::AuthFixed);
        assert_eq!(one.deploy, Deploy::single());
        assert_eq!(one.options().unwrap().store, StoreKind::Memory);
        for v in [Variant::TwoMemory, Variant::TwoShared] {
            assert_eq!(LessonId::Breaks.config(v), LessonId::Store.config(v));
        }
        assert_eq!(
            LessonId::Breaks.config(Variant::Proxy),
            LessonId::Auth.config(Variant::Proxy)
        );
    }

    /// A variant that departs from the course's `saveUninitialized: true` says so in the
    /// steps run in it (the two MemoryStores' flicker depends on it, and the step had not
    /// mentioned it; only the code's comment did).
    #[test]
    fn a_step_run_where_save_uninitialized_is_off_says_so() {
        use crate::i18n::{t, Lang};
        let mut checked = 0;
        for l in LessonId::ALL {
            for step in l.steps() {
                let Some(v) = step.variant else { continue };
                let off = l.config(v).options().unwrap().save_uninitialized == Some(false);
                if !off {
                    continue;
                }
                for lang in [Lang::En, Lang::Zh] {
                    let text = t(lang, step.text);
                    assert!(
                        text.contains("saveUninitialized: false"),
                        "{l:?} {} {lang:?}: {text}",
                        step.name
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 4, "{checked}");
    }
}
