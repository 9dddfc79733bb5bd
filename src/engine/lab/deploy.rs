//! How the app is deployed: one instance or two behind a load balancer (round-robin, or sticky
//! by a cookie the balancer adds), an optional TLS-terminating proxy in front, and Express's
//! `trust proxy` setting that decides whether the app believes the proxy's
//! `X-Forwarded-Proto`.
//!
//! The balancer and the proxy are one box on the app's origin, as an nginx in front of two
//! Node processes would be. Every request (each redirect hop too) passes it: the proxy ends
//! TLS and forwards plain http with `X-Forwarded-Proto` set to the scheme the browser used; the
//! balancer picks the instance.

use crate::engine::clock::Millis;
use crate::engine::cookie_header;
use crate::engine::json::{Map, Value};
use crate::engine::server::http::Request;
use crate::engine::store::StoreOp;

/// The cookie a sticky balancer adds to pin a browser to an instance (as HAProxy's
/// `cookie SERVERID insert` does): `lb=app1` or `lb=app2`.
pub const STICKY_COOKIE: &str = "lb";

/// Most instances the lab runs.
pub const MAX_INSTANCES: u8 = 2;

/// How the balancer picks an instance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Balancer {
    /// Every request goes to the next instance in turn.
    #[default]
    RoundRobin,
    /// A request carrying the balancer's cookie goes to the instance it names; one without it
    /// goes round-robin, and the response gets the cookie.
    Sticky,
}

impl Balancer {
    /// `round-robin` / `sticky`.
    pub fn code(self) -> &'static str {
        match self {
            Balancer::RoundRobin => "round-robin",
            Balancer::Sticky => "sticky",
        }
    }
    /// From [`Balancer::code`].
    pub fn from_code(s: &str) -> Option<Balancer> {
        Balancer::ALL.into_iter().find(|b| b.code() == s)
    }
    /// Every balancer, in the order the form lists them.
    pub const ALL: [Balancer; 2] = [Balancer::RoundRobin, Balancer::Sticky];
}

/// Most hops `trust proxy` may name.
pub const MAX_HOPS: u64 = 100;

/// Express's `trust proxy` setting, as far as the lab runs it: a boolean, or a number of hops
/// (`app.set('trust proxy', 1)` trusts the one proxy in front of the app).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrustProxy {
    /// `true` or `false` (the default).
    Bool(bool),
    /// A hop count: the peer is trusted when the count is at least 1.
    Hops(u32),
}

impl Default for TrustProxy {
    fn default() -> TrustProxy {
        TrustProxy::Bool(false)
    }
}

impl TrustProxy {
    /// Whether Express trusts the peer that sent the request (`trust(remoteAddress, 0)`), so
    /// `req.protocol` comes from `X-Forwarded-Proto`.
    pub fn trusts_peer(self) -> bool {
        match self {
            TrustProxy::Bool(b) => b,
            TrustProxy::Hops(n) => n > 0,
        }
    }
    /// Whether it is Express's default (`false`), which the code does not write.
    pub fn is_default(self) -> bool {
        self == TrustProxy::Bool(false)
    }
    /// As JSON (`false`, `true`, `1`).
    pub fn to_json(self) -> Value {
        match self {
            TrustProxy::Bool(b) => Value::Bool(b),
            TrustProxy::Hops(n) => Value::from(n),
        }
    }
    /// From JSON: a boolean or a whole number of hops from 0 to 100.
    pub fn from_json(v: &Value) -> Option<TrustProxy> {
        match v {
            Value::Bool(b) => Some(TrustProxy::Bool(*b)),
            Value::Number(n) => n
                .as_u64()
                .filter(|n| *n <= MAX_HOPS)
                .map(|n| TrustProxy::Hops(n as u32)),
            _ => None,
        }
    }
    /// The line the code shows for it: `app.set('trust proxy', 1);`.
    pub fn code_line(self) -> String {
        let v = match self {
            TrustProxy::Bool(b) => b.to_string(),
            TrustProxy::Hops(n) => n.to_string(),
        };
        format!("app.set('trust proxy', {v});")
    }
}

/// Most milliseconds a store call may take.
pub const MAX_LATENCY: Millis = 10_000;

/// How long the session store takes to answer, in virtual milliseconds: `get` for a read,
/// `set` for every write (`set`, `touch`, `destroy`). The callback runs, and the write takes
/// effect, when the time has passed, as with a store whose every call is wrapped in
/// `setTimeout(call, ms)`. Both 0 (the default): every call answers at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreLatency {
    /// Milliseconds a `get` takes.
    pub get: Millis,
    /// Milliseconds a `set`, `touch` or `destroy` takes.
    pub set: Millis,
}

impl StoreLatency {
    /// The same latency for reads and writes.
    pub fn both(ms: Millis) -> StoreLatency {
        StoreLatency { get: ms, set: ms }
    }
    /// How long `op` takes.
    pub fn of(self, op: StoreOp) -> Millis {
        match op {
            StoreOp::Get => self.get,
            _ => self.set,
        }
    }
    /// Whether every call answers at once.
    pub fn is_zero(self) -> bool {
        self.get == 0 && self.set == 0
    }
    /// A latency from JSON: a whole number of ms from 0 to [`MAX_LATENCY`].
    pub fn millis_from_json(v: &Value) -> Option<Millis> {
        v.as_i64().filter(|n| (0..=MAX_LATENCY).contains(n))
    }
    /// The scenario's `store_latency` object: `{"get": 50, "set": 50}`.
    pub fn to_json(self) -> Value {
        let mut m = Map::new();
        m.insert("get".into(), Value::from(self.get));
        m.insert("set".into(), Value::from(self.set));
        Value::Object(m)
    }
    /// Back from [`StoreLatency::to_json`] (either key may be left out: 0).
    pub fn from_json(v: &Value) -> Option<StoreLatency> {
        let mut out = StoreLatency::default();
        for (k, v) in v.as_object()? {
            let ms = StoreLatency::millis_from_json(v)?;
            match k.as_str() {
                "get" => out.get = ms,
                "set" => out.set = ms,
                _ => return None,
            }
        }
        Some(out)
    }
}

/// How the app is deployed ([`super::LabConfig::deploy`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deploy {
    /// How many instances of the app run (1 or 2); two sit behind the balancer.
    pub instances: u8,
    /// How the balancer picks an instance (only with two).
    pub balancer: Balancer,
    /// A proxy on the app's origin ends TLS: the browser speaks https to it, and it forwards
    /// plain http to the app with `X-Forwarded-Proto`.
    pub tls_proxy: bool,
    /// Express's `trust proxy` setting (an app setting, written as `app.set` in the code).
    pub trust_proxy: TrustProxy,
    /// How long the session store takes to answer.
    pub latency: StoreLatency,
}

/// What is wrong with a deployment setting (the scenario's `deploy` or `app_settings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeployProblem {
    /// A key that is not a setting.
    UnknownKey,
    /// `instances` is not 1 or 2.
    Instances,
    /// `balancer` is neither `round-robin` nor `sticky`.
    Balancer,
    /// `tls_proxy` is not a boolean.
    NotBool,
    /// `trust proxy` is neither a boolean nor a whole number of hops (0 to 100).
    TrustProxy,
    /// `store_latency` is not `{"get": ms, "set": ms}` with whole ms from 0 to 10000.
    Latency,
}

impl Default for Deploy {
    fn default() -> Deploy {
        Deploy::single()
    }
}

impl Deploy {
    /// One instance, no proxy, Express's defaults.
    pub fn single() -> Deploy {
        Deploy {
            instances: 1,
            balancer: Balancer::RoundRobin,
            tls_proxy: false,
            trust_proxy: TrustProxy::Bool(false),
            latency: StoreLatency::default(),
        }
    }

    /// Two instances behind a balancer.
    pub fn two(balancer: Balancer) -> Deploy {
        Deploy {
            instances: 2,
            balancer,
            ..Deploy::single()
        }
    }

    /// The instance count the lab runs (1 when unset).
    pub fn count(&self) -> u8 {
        self.instances.clamp(1, MAX_INSTANCES)
    }

    /// Whether there is a balancer (two instances).
    pub fn balanced(&self) -> bool {
        self.count() > 1
    }

    /// The settings that differ from `before`, each by the scenario's name for it and its new
    /// value (`("instances", "2")`, `("trust proxy", "1")`, `("store_latency.get", "50")`), in
    /// the form's order: what an apply of the deployment changed.
    pub fn changes(&self, before: &Deploy) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.count() != before.count() {
            out.push(("instances", self.count().to_string()));
        }
        if self.balanced() && self.balancer != before.balancer {
            out.push(("balancer", self.balancer.code().to_string()));
        }
        if self.tls_proxy != before.tls_proxy {
            out.push(("tls_proxy", self.tls_proxy.to_string()));
        }
        if self.trust_proxy != before.trust_proxy {
            out.push(("trust proxy", self.trust_proxy.to_json().to_string()));
        }
        if self.latency.get != before.latency.get {
            out.push(("store_latency.get", self.latency.get.to_string()));
        }
        if self.latency.set != before.latency.set {
            out.push(("store_latency.set", self.latency.set.to_string()));
        }
        out
    }

    /// The scenario's `deploy` object: `instances`, `balancer`, `tls_proxy`, `store_latency` (defaults left
    /// out). `None` when everything is the default.
    pub fn to_json(&self) -> Option<Value> {
        let mut m = Map::new();
        if self.balanced() {
            m.insert("instances".into(), Value::from(self.count()));
            m.insert(
                "balancer".into(),
                Value::String(self.balancer.code().into()),
            );
        }
        if self.tls_proxy {
            m.insert("tls_proxy".into(), Value::Bool(true));
        }
        if !self.latency.is_zero() {
            m.insert("store_latency".into(), self.latency.to_json());
        }
        (!m.is_empty()).then_some(Value::Object(m))
    }

    /// Reads the scenario's `deploy` object over `self`: the key at fault and the problem.
    pub fn read_json(&mut self, m: &Map<String, Value>) -> Result<(), (String, DeployProblem)> {
        for (k, v) in m {
            match k.as_str() {
                "instances" => {
                    self.instances = match v.as_u64() {
                        Some(n @ 1..=2) => n as u8,
                        _ => return Err((k.clone(), DeployProblem::Instances)),
                    }
                }
                "balancer" => {
                    self.balancer = v
                        .as_str()
                        .and_then(Balancer::from_code)
                        .ok_or((k.clone(), DeployProblem::Balancer))?
                }
                "tls_proxy" => {
                    self.tls_proxy = v.as_bool().ok_or((k.clone(), DeployProblem::NotBool))?
                }
                "store_latency" => {
                    self.latency =
                        StoreLatency::from_json(v).ok_or((k.clone(), DeployProblem::Latency))?
                }
                _ => return Err((k.clone(), DeployProblem::UnknownKey)),
            }
        }
        Ok(())
    }

    /// Reads the scenario's `app_settings` object (`{"trust proxy": 1}`) over `self`.
    pub fn read_settings(&mut self, m: &Map<String, Value>) -> Result<(), (String, DeployProblem)> {
        for (k, v) in m {
            match k.as_str() {
                "trust proxy" => {
                    self.trust_proxy =
                        TrustProxy::from_json(v).ok_or((k.clone(), DeployProblem::TrustProxy))?
                }
                _ => return Err((k.clone(), DeployProblem::UnknownKey)),
            }
        }
        Ok(())
    }

    /// The scenario's `app_settings` object, or `None` when Express's defaults apply.
    pub fn settings_json(&self) -> Option<Value> {
        if self.trust_proxy.is_default() {
            return None;
        }
        let mut m = Map::new();
        m.insert("trust proxy".into(), self.trust_proxy.to_json());
        Some(Value::Object(m))
    }
}

/// The name of an instance (1-based): `app1`, `app2`.
pub fn instance_name(instance: u8) -> &'static str {
    match instance {
        2 => "app2",
        _ => "app1",
    }
}

/// Why the balancer sent a request where it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteWhy {
    /// Its turn in the rotation.
    RoundRobin,
    /// The request carried the balancer's cookie naming this instance.
    Sticky,
    /// No (valid) balancer cookie: its turn in the rotation, and the response pins the browser
    /// to it with the cookie.
    Pinned,
}

/// The balancer's state: whose turn it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BalancerState {
    /// The instance the next round-robin request goes to, minus one (0 or 1).
    next: u8,
}

impl BalancerState {
    /// Picks the instance for `req` (1-based), and why.
    pub fn route(&mut self, deploy: &Deploy, req: &Request) -> (u8, RouteWhy) {
        let n = deploy.count();
        if n == 1 {
            return (1, RouteWhy::RoundRobin);
        }
        if deploy.balancer == Balancer::Sticky {
            let pinned = req.header("cookie").and_then(|h| {
                let jar = cookie_header::parse(&h);
                let v = jar.get(STICKY_COOKIE)?.value.clone();
                (1..=n).find(|i| instance_name(*i) == v)
            });
            if let Some(i) = pinned {
                return (i, RouteWhy::Sticky);
            }
        }
        let i = self.next % n + 1;
        self.next = (self.next + 1) % n;
        let why = if deploy.balancer == Balancer::Sticky {
            RouteWhy::Pinned
        } else {
            RouteWhy::RoundRobin
        };
        (i, why)
    }
}

/// The `Set-Cookie` a sticky balancer adds to pin a browser to `instance`.
pub fn sticky_set_cookie(instance: u8) -> String {
    format!("{STICKY_COOKIE}={}; Path=/", instance_name(instance))
}

/// What the TLS-terminating proxy forwards: the same request over plain http, with
/// `X-Forwarded-Proto` set to the scheme the browser used (any the browser sent is replaced).
pub fn forward(req: &Request) -> Request {
    let proto = if req.encrypted { "https" } else { "http" };
    let mut out = req.clone();
    out.encrypted = false;
    out.headers
        .retain(|(n, _)| !n.eq_ignore_ascii_case("x-forwarded-proto"));
    out.headers
        .push(("X-Forwarded-Proto".to_string(), proto.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;

    #[test]
    fn changes_name_each_setting_that_moved() {
        let one = Deploy::single();
        assert!(one.changes(&one).is_empty());
        let mut d = Deploy::two(Balancer::Sticky);
        d.trust_proxy = TrustProxy::Hops(1);
        d.latency = StoreLatency { get: 50, set: 0 };
        assert_eq!(
            d.changes(&one),
            vec![
                ("instances", "2".to_string()),
                ("balancer", "sticky".to_string()),
                ("trust proxy", "1".to_string()),
                ("store_latency.get", "50".to_string()),
            ]
        );
        // back to one instance: the balancer is no longer a setting
        assert_eq!(
            one.changes(&d).first(),
            Some(&("instances", "1".to_string()))
        );
        assert!(!one.changes(&d).iter().any(|(k, _)| *k == "balancer"));
    }

    fn req(cookie: Option<&str>) -> Request {
        Request {
            method: "GET".into(),
            target: "/".into(),
            headers: cookie
                .map(|c| vec![("Cookie".to_string(), c.to_string())])
                .unwrap_or_default(),
            encrypted: true,
        }
    }

    #[test]
    fn round_robin_alternates_and_sticky_follows_the_cookie() {
        let d = Deploy::two(Balancer::RoundRobin);
        let mut b = BalancerState::default();
        let picks: Vec<u8> = (0..4).map(|_| b.route(&d, &req(None)).0).collect();
        assert_eq!(picks, [1, 2, 1, 2]);
        let s = Deploy::two(Balancer::Sticky);
        let mut b = BalancerState::default();
        assert_eq!(b.route(&s, &req(None)), (1, RouteWhy::Pinned));
        assert_eq!(b.route(&s, &req(Some("lb=app1"))), (1, RouteWhy::Sticky));
        assert_eq!(
            b.route(&s, &req(Some("x=1; lb=app9"))),
            (2, RouteWhy::Pinned)
        );
        let mut one = BalancerState::default();
        assert_eq!(
            one.route(&Deploy::single(), &req(None)),
            (1, RouteWhy::RoundRobin)
        );
        assert_eq!(sticky_set_cookie(2), "lb=app2; Path=/");
    }

    #[test]
    fn the_proxy_ends_tls_and_says_so() {
        let mut r = req(None);
        r.headers
            .push(("x-forwarded-proto".into(), "spoofed".into()));
        let f = forward(&r);
        assert!(!f.encrypted);
        assert_eq!(f.header("x-forwarded-proto").as_deref(), Some("https"));
        r.encrypted = false;
        assert_eq!(
            forward(&r).header("X-Forwarded-Proto").as_deref(),
            Some("http")
        );
    }

    #[test]
    fn json_round_trips_and_errors_name_the_key() {
        let mut d = Deploy::single();
        let m = json!({"instances": 2, "balancer": "sticky", "tls_proxy": true});
        d.read_json(m.as_object().unwrap()).unwrap();
        d.read_settings(json!({"trust proxy": 1}).as_object().unwrap())
            .unwrap();
        assert_eq!(d.to_json(), Some(m));
        assert_eq!(d.settings_json(), Some(json!({"trust proxy": 1})));
        assert!(d.trust_proxy.trusts_peer());
        assert_eq!(d.trust_proxy.code_line(), "app.set('trust proxy', 1);");
        assert_eq!(Deploy::single().to_json(), None);
        let bad = |v: Value| {
            Deploy::single()
                .read_json(v.as_object().unwrap())
                .unwrap_err()
        };
        assert_eq!(bad(json!({"instances": 3})).1, DeployProblem::Instances);
        assert_eq!(
            bad(json!({"balancer": "random"})).1,
            DeployProblem::Balancer
        );
        assert_eq!(bad(json!({"tls_proxy": "yes"})).1, DeployProblem::NotBool);
        assert_eq!(
            bad(json!({"x": 1})),
            ("x".to_string(), DeployProblem::UnknownKey)
        );
        let e = Deploy::single()
            .read_settings(json!({"trust proxy": "loopback"}).as_object().unwrap())
            .unwrap_err();
        assert_eq!(e.1, DeployProblem::TrustProxy);
        assert!(!TrustProxy::Hops(0).trusts_peer());
    }
}
