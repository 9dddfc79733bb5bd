//! What the server runs: the app, the options over its own, and how new ids are made.

use crate::engine::ids::IdScheme;
use crate::engine::json::{Map, Value};
use crate::engine::server::App;
use crate::engine::session::{merge, OptionError, SessionOptions};

/// What the server runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LabConfig {
    /// The lesson's app: its code, its port and its own options.
    pub app: App,
    /// Options written over the app's own (`null` removes a key).
    pub overrides: Map<String, Value>,
    /// How new ids are made once any scripted ones are used up.
    pub id_scheme: IdScheme,
    /// How the app is deployed: instances, balancer, TLS proxy, `trust proxy`.
    pub deploy: super::Deploy,
}

impl LabConfig {
    /// An app with its own options and its natural id scheme.
    pub fn for_app(app: App) -> LabConfig {
        LabConfig {
            app,
            overrides: Map::new(),
            id_scheme: default_scheme(app),
            deploy: super::Deploy::single(),
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
                    problem: crate::engine::session::OptionProblem::GenidValue,
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
