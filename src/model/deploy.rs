//! The deployment as the page changes, saves and shares it: what differs from the lesson's own
//! deployment ([`DeployPatch`]), written as share-link keys (`instances=2&balancer=sticky&
//! tls_proxy=true&trust_proxy=1&latency_get=50&latency_set=50`) and as a JSON object in the
//! saved state.

use crate::engine::clock::Millis;
use crate::engine::json::{Map, Value};
use crate::engine::lab::{Balancer, Deploy, StoreLatency, TrustProxy};

/// The share-link keys of a deployment, in the order they are written.
pub const DEPLOY_KEYS: [&str; 6] = [
    "instances",
    "balancer",
    "tls_proxy",
    "trust_proxy",
    "latency_get",
    "latency_set",
];

/// Deployment settings changed from a lesson's own; each `None` keeps the lesson's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeployPatch {
    /// How many instances run (1 or 2).
    pub instances: Option<u8>,
    /// How the balancer picks one.
    pub balancer: Option<Balancer>,
    /// Whether a TLS proxy stands in front.
    pub tls_proxy: Option<bool>,
    /// Express's `trust proxy`.
    pub trust_proxy: Option<TrustProxy>,
    /// Milliseconds a store `get` takes.
    pub latency_get: Option<Millis>,
    /// Milliseconds a store `set`, `touch` or `destroy` takes.
    pub latency_set: Option<Millis>,
}

impl DeployPatch {
    /// What `now` changes from `base`.
    pub fn diff(base: &Deploy, now: &Deploy) -> DeployPatch {
        DeployPatch {
            instances: (base.count() != now.count()).then_some(now.count()),
            balancer: (base.balancer != now.balancer).then_some(now.balancer),
            tls_proxy: (base.tls_proxy != now.tls_proxy).then_some(now.tls_proxy),
            trust_proxy: (base.trust_proxy != now.trust_proxy).then_some(now.trust_proxy),
            latency_get: (base.latency.get != now.latency.get).then_some(now.latency.get),
            latency_set: (base.latency.set != now.latency.set).then_some(now.latency.set),
        }
    }

    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == DeployPatch::default()
    }

    /// `base` with the changes made.
    pub fn applied(&self, base: Deploy) -> Deploy {
        Deploy {
            instances: self.instances.unwrap_or(base.instances),
            balancer: self.balancer.unwrap_or(base.balancer),
            tls_proxy: self.tls_proxy.unwrap_or(base.tls_proxy),
            trust_proxy: self.trust_proxy.unwrap_or(base.trust_proxy),
            latency: StoreLatency {
                get: self.latency_get.unwrap_or(base.latency.get),
                set: self.latency_set.unwrap_or(base.latency.set),
            },
        }
    }

    /// Reads one share-link key; `Some(false)` for a bad value, `None` for another key.
    pub fn read_key(&mut self, key: &str, value: &str) -> Option<bool> {
        let ok = match key {
            "instances" => value
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=crate::engine::lab::MAX_INSTANCES).contains(n))
                .map(|n| self.instances = Some(n))
                .is_some(),
            "balancer" => Balancer::from_code(value)
                .map(|b| self.balancer = Some(b))
                .is_some(),
            "tls_proxy" => bool_text(value).map(|b| self.tls_proxy = Some(b)).is_some(),
            "trust_proxy" => crate::engine::json::from_str(value)
                .ok()
                .as_ref()
                .and_then(TrustProxy::from_json)
                .map(|t| self.trust_proxy = Some(t))
                .is_some(),
            "latency_get" | "latency_set" => value
                .parse::<Millis>()
                .ok()
                .filter(|n| (0..=crate::engine::lab::MAX_LATENCY).contains(n))
                .map(|n| match key {
                    "latency_get" => self.latency_get = Some(n),
                    _ => self.latency_set = Some(n),
                })
                .is_some(),
            _ => return None,
        };
        Some(ok)
    }

    /// The values a share-link key takes, as [`DeployPatch::read_key`] reads them, for the
    /// notice that refuses another (`1, 2`).
    pub fn accepted(key: &str) -> Option<String> {
        use crate::engine::lab::{MAX_HOPS, MAX_INSTANCES};
        Some(match key {
            "instances" => (1..=MAX_INSTANCES)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            "balancer" => Balancer::ALL.map(Balancer::code).join(", "),
            "tls_proxy" => "true, false".into(),
            "trust_proxy" => format!("true, false, 0–{MAX_HOPS}"),
            "latency_get" | "latency_set" => {
                format!("0–{}", crate::engine::lab::MAX_LATENCY)
            }
            _ => return None,
        })
    }

    /// The share-link keys and values it sets, in [`DEPLOY_KEYS`] order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(n) = self.instances {
            out.push(("instances".into(), n.to_string()));
        }
        if let Some(b) = self.balancer {
            out.push(("balancer".into(), b.code().into()));
        }
        if let Some(t) = self.tls_proxy {
            out.push(("tls_proxy".into(), t.to_string()));
        }
        if let Some(t) = self.trust_proxy {
            out.push((
                "trust_proxy".into(),
                crate::engine::json::stringify(&t.to_json()),
            ));
        }
        if let Some(n) = self.latency_get {
            out.push(("latency_get".into(), n.to_string()));
        }
        if let Some(n) = self.latency_set {
            out.push(("latency_set".into(), n.to_string()));
        }
        out
    }

    /// As a JSON object for the saved state (the share-link keys, JSON values).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in self.pairs() {
            let v = crate::engine::json::from_str(&v).unwrap_or(Value::String(v));
            m.insert(k, v);
        }
        Value::Object(m)
    }

    /// Back from [`DeployPatch::to_json`]; `None` if any key or value is not one.
    pub fn from_json(v: &Value) -> Option<DeployPatch> {
        let mut p = DeployPatch::default();
        for (k, v) in v.as_object()? {
            let text = match v {
                Value::String(s) => s.clone(),
                other => crate::engine::json::stringify(other),
            };
            if p.read_key(k, &text) != Some(true) {
                return None;
            }
        }
        Some(p)
    }
}

fn bool_text(s: &str) -> Option<bool> {
    match s {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_is_what_changed_and_reads_back() {
        let base = Deploy::two(Balancer::RoundRobin);
        let mut now = base;
        now.balancer = Balancer::Sticky;
        now.trust_proxy = TrustProxy::Hops(1);
        let p = DeployPatch::diff(&base, &now);
        assert_eq!(
            p.pairs(),
            [
                ("balancer".to_string(), "sticky".to_string()),
                ("trust_proxy".into(), "1".into())
            ]
        );
        assert_eq!(p.applied(base), now);
        assert_eq!(DeployPatch::from_json(&p.to_json()), Some(p));
        assert!(DeployPatch::diff(&base, &base).is_empty());
        let mut q = DeployPatch::default();
        assert_eq!(q.read_key("instances", "3"), Some(false));
        assert_eq!(q.read_key("tls_proxy", "1"), Some(true));
        assert_eq!(q.read_key("trust_proxy", "true"), Some(true));
        assert_eq!(q.read_key("lesson", "x"), None);
        assert_eq!(q.read_key("latency_get", "50"), Some(true));
        assert_eq!(q.read_key("latency_set", "-1"), Some(false));
        assert_eq!(q.read_key("latency_set", "10001"), Some(false));
        assert_eq!(q.applied(base).latency, StoreLatency { get: 50, set: 0 });
        assert_eq!(DeployPatch::from_json(&q.to_json()), Some(q));
        assert_eq!(
            DeployPatch::from_json(&crate::json!({"instances": "two"})),
            None
        );
    }
}
