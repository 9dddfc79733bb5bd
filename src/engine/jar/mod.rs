//! The browser's cookie jar: RFC 6265 §5.2–5.4 with the RFC 6265bis additions browsers ship
//! (SameSite, Lax by default, `__Secure-`/`__Host-` prefixes, "leave secure cookies alone",
//! the 400-day cap).
//!
//! Every refusal and every cookie held back from a request carries a reason, because showing
//! it is the point of the lab. The module is split by concept:
//!
//! - this file: the [`Jar`] storage model (what `Set-Cookie` stores, limits and eviction, which
//!   cookies a request carries, what DevTools may put in or take out);
//! - [`cookie`]: the [`Cookie`] itself and the one set of rules for a cookie given by hand;
//! - [`set_cookie`]: a `Set-Cookie` header as a browser parses it, and why one is [`Refusal`]ed;
//! - [`date`]: the cookie-date of `Expires`;
//! - [`matching`]: domain and path matching, SameSite's view of a request, [`Withheld`];
//! - [`json`]: the one JSON shape of a cookie (Cookie-Editor's, plus the lab's extras);
//! - [`header`]: the one reader of a `Cookie` header typed or pasted by hand;
//! - [`edit`]: editing one cell of DevTools' cookie table.

pub mod cookie;
pub mod date;
pub mod edit;
pub mod header;
pub mod json;
pub mod matching;
pub mod set_cookie;

pub use cookie::{
    check_name_value, check_path, is_control, parse_domain, parse_host, BadDomain, BadPath,
    BadText, Cookie, Field, Invalid, Persistence, SameSite,
};
pub use date::parse_cookie_date;
pub use edit::{edit_cell, EditError};
pub use header::{
    cookie_header_value, read_cookie_header, read_cookie_header_whole, HeaderCookies, HeaderError,
};
pub use matching::{
    default_path, domain_match, path_match, RequestContext, Withheld, LAX_ALLOWING_UNSAFE_MS,
};
pub use set_cookie::{parse_set_cookie, Refusal, SetCookie};

use super::clock::Millis;
use super::site::is_public_suffix;
use super::url::Url;
use matching::withheld;

/// Which API delivers or reads the cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// An HTTP response/request.
    Http,
    /// `document.cookie` (script, e.g. an XSS payload).
    Script,
}

/// What happened to one `Set-Cookie`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetOutcome {
    /// Stored as a new cookie: no cookie had its name, domain and path.
    Created(Cookie),
    /// Replaced a cookie with the same name, domain and path (creation time kept when the value
    /// is the same).
    Updated {
        /// The old one.
        old: Cookie,
        /// The new one.
        new: Cookie,
    },
    /// It had already expired, so a matching cookie was deleted.
    Deleted(Cookie),
    /// It had already expired and there was nothing to delete.
    ExpiredOnArrival,
    /// Not stored, and nothing in the jar changed.
    Refused(Refusal),
}

impl SetOutcome {
    /// The cookie the jar now holds because of it: the new one, created or replacing another.
    pub fn stored(&self) -> Option<&Cookie> {
        match self {
            SetOutcome::Created(c) | SetOutcome::Updated { new: c, .. } => Some(c),
            _ => None,
        }
    }
}

/// The decision for one cookie on one request: `C` names the cookie ([`SendDecision`] holds
/// it whole, [`Jar::cookie_header`] gives its name, and inside the jar it is its place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision<C> {
    /// The cookie, or what stands for it.
    pub cookie: C,
    /// `None` if sent.
    pub withheld: Option<Withheld>,
    /// When it is sent only because of Chrome's Lax-allowing-unsafe exception (no `SameSite`,
    /// a cross-site top-level POST, at most two minutes old: see [`matching`]), its age in ms.
    pub lax_allowing_unsafe: Option<Millis>,
}

impl<C> Decision<C> {
    /// The same decision, the cookie given by `f(cookie)`.
    pub fn map<D>(self, f: impl FnOnce(C) -> D) -> Decision<D> {
        Decision {
            cookie: f(self.cookie),
            withheld: self.withheld,
            lax_allowing_unsafe: self.lax_allowing_unsafe,
        }
    }
}

/// The decision with the cookie as the jar holds it.
pub type SendDecision = Decision<Cookie>;

/// Jar limits. Defaults follow Chrome (`net/cookies/cookie_monster.cc`): 4096 bytes per cookie
/// (name + value), 1024 bytes per attribute value, 180 cookies per domain (RFC 6265 §6.1 asks
/// for at least 50; the 20 of RFC 2109 and old browsers is long gone), 3300 in all, 400 days
/// at most. When a domain is over its limit the least recently used cookie goes, one at a time
/// (Chrome purges 30 at once; the lab evicts one so the learner sees which).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Max bytes of name plus value.
    pub max_cookie_bytes: usize,
    /// Max bytes of one attribute value.
    pub max_attribute_bytes: usize,
    /// Max cookies sharing a domain before eviction.
    pub per_domain: usize,
    /// Max cookies overall.
    pub total: usize,
    /// Longest lifetime in ms, whatever Max-Age or Expires say (default 400 days).
    pub max_age_ms: Millis,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cookie_bytes: 4096,
            max_attribute_bytes: 1024,
            per_domain: 180,
            total: 3300,
            max_age_ms: 400 * 86_400_000,
        }
    }
}

/// A browser's cookie jar: cookies in storage order, and the limits it enforces.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Jar {
    cookies: Vec<Cookie>,
    /// Size, count and lifetime limits (see [`Limits`] for the defaults).
    pub limits: Limits,
}

/// What one store operation did besides its outcome: cookies evicted or expired on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Housekeeping {
    /// Removed because they expired.
    pub expired: Vec<Cookie>,
    /// Removed to respect a per-domain or total limit.
    pub evicted: Vec<Cookie>,
}

impl Jar {
    /// An empty jar with default limits.
    pub fn new() -> Jar {
        Jar::default()
    }

    /// All cookies, in storage order.
    pub fn cookies(&self) -> &[Cookie] {
        &self.cookies
    }

    /// Removes expired cookies and returns them (browsers may do this at any time).
    pub fn purge_expired(&mut self, now: Millis) -> Vec<Cookie> {
        // every request asks, and usually nothing has expired: then nothing is allocated
        if !self.cookies.iter().any(|c| c.expired(now)) {
            return Vec::new();
        }
        let (gone, keep): (Vec<_>, Vec<_>) = self.cookies.drain(..).partition(|c| c.expired(now));
        self.cookies = keep;
        gone
    }

    /// Receives one `Set-Cookie` from a response to `url` (or a `document.cookie` write when
    /// `api` is `Script`), applying RFC 6265bis §5.7's storage model.
    pub fn set_from(
        &mut self,
        header: &str,
        url: &Url,
        ctx: &RequestContext,
        api: Api,
        now: Millis,
    ) -> (SetOutcome, Housekeeping) {
        let mut hk = Housekeeping::default();
        let sc = match parse_set_cookie(header, &self.limits) {
            Ok(sc) => sc,
            Err(r) => return (SetOutcome::Refused(r), hk),
        };
        let outcome = self.store(sc, url, ctx, api, now, &mut hk);
        (outcome, hk)
    }

    fn store(
        &mut self,
        sc: SetCookie,
        url: &Url,
        ctx: &RequestContext,
        api: Api,
        now: Millis,
        hk: &mut Housekeeping,
    ) -> SetOutcome {
        let refuse = SetOutcome::Refused;
        let persistence = sc.persistence(now, &self.limits);
        let host = url.host.as_str();
        let (domain, host_only) = match &sc.domain {
            Some(d) => {
                // RFC 6265 §5.3 step 5: a public suffix only as the host itself, host-only
                let public_suffix = is_public_suffix(d);
                if public_suffix && d != host {
                    return refuse(Refusal::PublicSuffix(d.clone()));
                }
                if !domain_match(host, d) {
                    return refuse(Refusal::DomainMismatch {
                        domain: d.clone(),
                        host: host.to_string(),
                    });
                }
                (d.clone(), d == host && public_suffix)
            }
            None => (host.to_string(), true),
        };
        if sc.secure && !url.secure {
            return refuse(Refusal::SecureFromInsecure);
        }
        if sc.http_only && api == Api::Script {
            return refuse(Refusal::HttpOnlyFromScript);
        }
        let same_site = sc.same_site.unwrap_or(SameSite::Unspecified);
        if same_site == SameSite::None && !sc.secure {
            return refuse(Refusal::SameSiteNoneWithoutSecure);
        }
        if sc.partitioned && !sc.secure {
            return refuse(Refusal::PartitionedWithoutSecure);
        }
        if same_site != SameSite::None && ctx.cross_site(url) && !ctx.top_level {
            return refuse(Refusal::CrossSiteSameSite);
        }
        let path = sc.path.clone().unwrap_or_else(|| default_path(&url.path));
        if sc.name.starts_with("__Secure-") && !(sc.secure && url.secure) {
            return refuse(Refusal::BadPrefix("__Secure-"));
        }
        if sc.name.starts_with("__Host-")
            && !(sc.secure && url.secure && sc.domain.is_none() && path == "/")
        {
            return refuse(Refusal::BadPrefix("__Host-"));
        }
        // Leave secure cookies alone: plain http may not shadow a Secure cookie.
        if !url.secure
            && self.cookies.iter().any(|c| {
                c.secure
                    && c.name == sc.name
                    && (domain_match(&domain, &c.domain) || domain_match(&c.domain, &domain))
                    && path_match(&path, &c.path)
            })
        {
            return refuse(Refusal::OverwritesSecure);
        }
        let existing = self
            .cookies
            .iter()
            .position(|c| c.name == sc.name && c.domain == domain && c.path == path);
        if let Some(i) = existing {
            if self.cookies[i].http_only && api == Api::Script {
                return refuse(Refusal::OverwritesHttpOnly);
            }
        }
        // RFC 6265 §5.3 step 11.3 keeps the old creation time; Chrome keeps it only when the
        // value is unchanged (`creation_date_to_inherit` in net/cookies/cookie_monster.cc), so a
        // new session id is a new cookie for ordering and for Lax-allowing-unsafe's two minutes
        let created = existing
            .filter(|&i| self.cookies[i].value == sc.value)
            .map_or(now, |i| self.cookies[i].created);
        let new = Cookie {
            name: sc.name,
            value: sc.value,
            domain,
            host_only,
            path,
            persistence,
            secure: sc.secure,
            http_only: sc.http_only,
            same_site,
            partitioned: sc.partitioned,
            priority: sc.priority.unwrap_or_else(|| "Medium".into()),
            created,
            last_access: now,
        };
        let old = existing.map(|i| self.cookies.remove(i));
        if new.expired(now) {
            return match old {
                Some(old) => SetOutcome::Deleted(old),
                None => SetOutcome::ExpiredOnArrival,
            };
        }
        let outcome = match old {
            Some(old) => {
                let pos = existing
                    .unwrap_or(self.cookies.len())
                    .min(self.cookies.len());
                self.cookies.insert(pos, new.clone());
                SetOutcome::Updated { old, new }
            }
            None => {
                self.cookies.push(new.clone());
                SetOutcome::Created(new)
            }
        };
        self.enforce_limits(now, hk);
        outcome
    }

    fn enforce_limits(&mut self, now: Millis, hk: &mut Housekeeping) {
        hk.expired.extend(self.purge_expired(now));
        self.evict_over_limits(hk);
    }

    /// Evicts the least recently used cookies of any domain over its limit, then of the jar
    /// over its total.
    fn evict_over_limits(&mut self, hk: &mut Housekeeping) {
        // with no more cookies than either limit, no domain can be over its own: skip the
        // census (it copies every cookie's domain, and runs on every Set-Cookie)
        if self.cookies.len() <= self.limits.per_domain.min(self.limits.total) {
            return;
        }
        let mut domains: Vec<String> = self.cookies.iter().map(|c| c.domain.clone()).collect();
        crate::engine::sort::sort(&mut domains);
        domains.dedup();
        for d in domains {
            while self.cookies.iter().filter(|c| c.domain == d).count() > self.limits.per_domain {
                self.evict_oldest(|c| c.domain == d, hk);
            }
        }
        while self.cookies.len() > self.limits.total {
            self.evict_oldest(|_| true, hk);
        }
    }

    fn evict_oldest(&mut self, pred: impl Fn(&Cookie) -> bool, hk: &mut Housekeeping) {
        if let Some(i) = self
            .cookies
            .iter()
            .enumerate()
            .filter(|(_, c)| pred(c))
            .min_by_key(|(_, c)| c.last_access)
            .map(|(i, _)| i)
        {
            hk.evicted.push(self.cookies.remove(i));
        }
    }

    /// Decides, for every cookie in the jar, whether it goes with a request to `url`
    /// (RFC 6265bis §5.8.3), in the order the header will list them. Does not change the jar.
    pub fn decide(
        &self,
        url: &Url,
        ctx: &RequestContext,
        api: Api,
        now: Millis,
    ) -> Vec<SendDecision> {
        self.verdicts(url, ctx, api, now)
            .into_iter()
            .map(|v| v.map(|at| self.cookies[at].clone()))
            .collect()
    }

    /// [`Jar::decide`] by the cookies' places in the jar, so that a request copies no cookie.
    fn verdicts(
        &self,
        url: &Url,
        ctx: &RequestContext,
        api: Api,
        now: Millis,
    ) -> Vec<Decision<usize>> {
        let mut out: Vec<Decision<usize>> = self
            .cookies
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.expired(now))
            .map(|(at, c)| {
                let withheld = withheld(c, url, ctx, api, now);
                Decision {
                    cookie: at,
                    lax_allowing_unsafe: withheld
                        .is_none()
                        .then(|| matching::lax_allowing_unsafe(c, url, ctx, now))
                        .flatten(),
                    withheld,
                }
            })
            .collect();
        // Longer paths first, then earlier creation (RFC 6265 §5.4 step 2).
        crate::engine::sort::sort_by(&mut out, |a, b| {
            let (a, b) = (&self.cookies[a.cookie], &self.cookies[b.cookie]);
            b.path
                .len()
                .cmp(&a.path.len())
                .then(a.created.cmp(&b.created))
        });
        out
    }

    /// Builds the `Cookie` header for a request (or the `document.cookie` string for `Script`),
    /// touching the last-access time of what is sent. Expired cookies are removed first and
    /// returned in the housekeeping. The decisions give each cookie considered by its name, in
    /// [`Jar::decide`]'s order.
    pub fn cookie_header(
        &mut self,
        url: &Url,
        ctx: &RequestContext,
        api: Api,
        now: Millis,
    ) -> (Option<String>, Vec<Decision<String>>, Vec<Cookie>) {
        let expired = self.purge_expired(now);
        let verdicts = self.verdicts(url, ctx, api, now);
        let mut header: Option<String> = None;
        for v in verdicts.iter().filter(|v| v.withheld.is_none()) {
            let c = &mut self.cookies[v.cookie];
            c.last_access = now;
            let h = header.get_or_insert_with(String::new);
            if !h.is_empty() {
                h.push_str("; ");
            }
            c.push_pair(h);
        }
        let considered = verdicts
            .into_iter()
            .map(|v| v.map(|at| self.cookies[at].name.clone()))
            .collect();
        (header, considered, expired)
    }

    /// The names of the session cookies (those [`Jar::close_browser`] would drop), each once,
    /// at most `max`.
    pub fn session_cookie_names(&self, max: usize) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for c in &self.cookies {
            if c.persistence == Persistence::Session && !names.contains(&c.name) {
                if names.len() == max {
                    break;
                }
                names.push(c.name.clone());
            }
        }
        names
    }

    /// Drops every session cookie, as closing the browser does. Returns them.
    pub fn close_browser(&mut self) -> Vec<Cookie> {
        let (gone, keep): (Vec<_>, Vec<_>) = self
            .cookies
            .drain(..)
            .partition(|c| c.persistence == Persistence::Session);
        self.cookies = keep;
        gone
    }

    /// Puts a cookie in as DevTools does, replacing any with the same key. No request rules
    /// apply (Secure, Domain, SameSite are the learner's to choose), but a cookie the browser
    /// could not store or send is refused: see [`Cookie::check`]. The jar's [`Limits`] hold as
    /// for a Set-Cookie: the least recently used cookies over a domain's limit, then over the
    /// jar's total, go, and are returned (an import of 200 cookies once left "201 of 180").
    pub fn put(&mut self, cookie: Cookie) -> Result<Vec<Cookie>, Invalid> {
        cookie.check(&self.limits)?;
        let at = self.cookies.iter().position(|c| c.key() == cookie.key());
        Ok(self.place(at, cookie))
    }

    /// Puts `cookie` in the row of the cookie with key `old` (at the end when there is none), as
    /// a DevTools cell edit does: a new name, domain or path keeps the row's place, and another
    /// cookie that already had the new key is overwritten. Returns what the limits evicted.
    pub fn replace(
        &mut self,
        old: (&str, &str, &str),
        cookie: Cookie,
    ) -> Result<Vec<Cookie>, Invalid> {
        cookie.check(&self.limits)?;
        if cookie.key() != old {
            self.cookies.retain(|c| c.key() != cookie.key());
        }
        let at = self.cookies.iter().position(|c| c.key() == old);
        Ok(self.place(at, cookie))
    }

    /// Stores a checked cookie in row `at` (or at the end), then applies the limits.
    fn place(&mut self, at: Option<usize>, cookie: Cookie) -> Vec<Cookie> {
        match at {
            Some(i) => self.cookies[i] = cookie,
            None => self.cookies.push(cookie),
        }
        let mut hk = Housekeeping::default();
        self.evict_over_limits(&mut hk);
        hk.evicted
    }

    /// Removes the cookie with this key, as DevTools' delete does.
    pub fn remove(&mut self, name: &str, domain: &str, path: &str) -> Option<Cookie> {
        let i = self
            .cookies
            .iter()
            .position(|c| c.key() == (name, domain, path))?;
        Some(self.cookies.remove(i))
    }

    /// How many live cookies the jar holds for `domain` at `now`: the count its per-domain limit
    /// applies to (the expired ones, still stored until the next write purges them, are not).
    pub fn count_for(&self, domain: &str, now: Millis) -> usize {
        self.cookies
            .iter()
            .filter(|c| c.domain == domain && !c.expired(now))
            .count()
    }

    /// Empties the jar.
    pub fn clear(&mut self) {
        self.cookies.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_700_000_000_000;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }
    fn set(jar: &mut Jar, u: &str, h: &str) -> SetOutcome {
        jar.set_from(h, &url(u), &RequestContext::typed("GET"), Api::Http, NOW)
            .0
    }
    fn header(jar: &mut Jar, u: &str) -> Option<String> {
        jar.cookie_header(&url(u), &RequestContext::typed("GET"), Api::Http, NOW)
            .0
    }

    #[test]
    fn host_only_domain_and_path_rules() {
        let mut jar = Jar::new();
        assert!(matches!(
            set(&mut jar, "http://a.example.com/x/y", "h=1"),
            SetOutcome::Created(_)
        ));
        assert!(matches!(
            set(
                &mut jar,
                "http://a.example.com/",
                "d=1; Domain=example.com; Path=/"
            ),
            SetOutcome::Created(_)
        ));
        assert!(matches!(
            set(&mut jar, "http://a.example.com/", "e=1; Domain=other.com"),
            SetOutcome::Refused(Refusal::DomainMismatch { .. })
        ));
        assert!(matches!(
            set(&mut jar, "http://a.example.com/", "p=1; Domain=com"),
            SetOutcome::Refused(Refusal::PublicSuffix(_))
        ));
        // default-path of /x/y is /x
        assert_eq!(jar.cookies()[0].path, "/x");
        assert_eq!(
            header(&mut jar, "http://a.example.com/x/z").as_deref(),
            Some("h=1; d=1")
        );
        assert_eq!(
            header(&mut jar, "http://a.example.com/xy").as_deref(),
            Some("d=1")
        );
        assert_eq!(
            header(&mut jar, "http://b.example.com/x/").as_deref(),
            Some("d=1")
        );
        let decisions = jar.decide(
            &url("http://b.example.com/x/"),
            &RequestContext::typed("GET"),
            Api::Http,
            NOW,
        );
        assert_eq!(
            decisions
                .iter()
                .find(|d| d.cookie.name == "h")
                .unwrap()
                .withheld,
            Some(Withheld::HostOnly)
        );
        // ports do not matter to cookies
        assert_eq!(
            header(&mut jar, "http://a.example.com:9999/x/").as_deref(),
            Some("h=1; d=1")
        );
    }

    #[test]
    fn max_age_beats_expires_and_expiry_follows_the_clock() {
        let mut jar = Jar::new();
        set(
            &mut jar,
            "http://h/",
            "a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60",
        );
        assert_eq!(
            jar.cookies()[0].persistence,
            Persistence::Until(NOW + 60_000)
        );
        let u = url("http://h/");
        let ctx = RequestContext::typed("GET");
        assert_eq!(
            jar.cookie_header(&u, &ctx, Api::Http, NOW + 59_999)
                .0
                .as_deref(),
            Some("a=1")
        );
        let (h, _, expired) = jar.cookie_header(&u, &ctx, Api::Http, NOW + 60_000);
        assert_eq!(h, None);
        assert_eq!(expired.len(), 1);
        // an expired Set-Cookie deletes
        set(&mut jar, "http://h/", "b=1");
        assert!(matches!(
            set(
                &mut jar,
                "http://h/",
                "b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
            ),
            SetOutcome::Deleted(_)
        ));
        assert!(matches!(
            set(&mut jar, "http://h/", "c=; Max-Age=0"),
            SetOutcome::ExpiredOnArrival
        ));
        // capped at 400 days
        set(&mut jar, "http://h/", "long=1; Max-Age=999999999999");
        assert_eq!(
            jar.cookies()[0].persistence,
            Persistence::Until(NOW + 400 * 86_400_000)
        );
    }

    #[test]
    fn the_count_a_limit_applies_to_leaves_out_what_has_expired() {
        let mut jar = Jar::new();
        set(&mut jar, "http://h/", "a=1; Max-Age=60");
        set(&mut jar, "http://h/", "b=1");
        set(&mut jar, "http://other/", "c=1");
        assert_eq!(jar.count_for("h", NOW + 59_999), 2);
        // the clock moved on and no request has purged the jar yet: `a` is stored, not counted
        assert_eq!(jar.count_for("h", NOW + 60_000), 1);
        assert_eq!(jar.cookies().len(), 3);
    }

    #[test]
    fn secure_and_http_only() {
        let mut jar = Jar::new();
        assert!(matches!(
            set(&mut jar, "http://h/", "s=1; Secure"),
            SetOutcome::Refused(Refusal::SecureFromInsecure)
        ));
        assert!(matches!(
            set(&mut jar, "https://h/", "s=1; Secure; HttpOnly"),
            SetOutcome::Created(_)
        ));
        assert_eq!(header(&mut jar, "http://h/"), None);
        assert_eq!(header(&mut jar, "https://h/").as_deref(), Some("s=1"));
        assert!(matches!(
            set(&mut jar, "http://h/", "s=2"),
            SetOutcome::Refused(Refusal::OverwritesSecure)
        ));
        let ctx = RequestContext::typed("GET");
        let (doc, decisions, _) = jar.cookie_header(&url("https://h/"), &ctx, Api::Script, NOW);
        assert_eq!(doc, None);
        assert_eq!(decisions[0].withheld, Some(Withheld::HttpOnly));
        let (o, _) = jar.set_from("s=3", &url("https://h/"), &ctx, Api::Script, NOW);
        assert_eq!(o, SetOutcome::Refused(Refusal::OverwritesHttpOnly));
        let (o, _) = jar.set_from("t=3; HttpOnly", &url("https://h/"), &ctx, Api::Script, NOW);
        assert_eq!(o, SetOutcome::Refused(Refusal::HttpOnlyFromScript));
    }

    #[test]
    fn same_site_on_cross_site_requests() {
        let mut jar = Jar::new();
        set(
            &mut jar,
            "https://bank.example/",
            "strict=1; SameSite=Strict; Secure",
        );
        set(
            &mut jar,
            "https://bank.example/",
            "lax=1; SameSite=Lax; Secure",
        );
        set(&mut jar, "https://bank.example/", "dflt=1; Secure");
        set(
            &mut jar,
            "https://bank.example/",
            "none=1; SameSite=None; Secure",
        );
        assert!(matches!(
            set(&mut jar, "https://bank.example/", "bad=1; SameSite=None"),
            SetOutcome::Refused(Refusal::SameSiteNoneWithoutSecure)
        ));
        // CHIPS: Partitioned needs Secure, in a first-party context too (a jar of its own: the
        // cookies above are what the requests below carry)
        let mut chips = Jar::new();
        assert!(matches!(
            set(&mut chips, "https://bank.example/", "chips=1; Partitioned"),
            SetOutcome::Refused(Refusal::PartitionedWithoutSecure)
        ));
        assert!(matches!(
            set(
                &mut chips,
                "https://bank.example/",
                "chips=1; Partitioned; Secure"
            ),
            SetOutcome::Created(_)
        ));
        let target = url("https://bank.example/transfer");
        let evil = url("https://evil.example/");
        // three minutes later: past Chrome's two-minute exception for cookies without SameSite
        let later = NOW + 3 * 60_000;
        let sent = |ctx: RequestContext, jar: &Jar| -> Vec<String> {
            jar.decide(&target, &ctx, Api::Http, later)
                .into_iter()
                .filter(|d| d.withheld.is_none())
                .map(|d| d.cookie.name)
                .collect()
        };
        assert_eq!(
            sent(RequestContext::typed("GET"), &jar),
            ["strict", "lax", "dflt", "none"]
        );
        assert_eq!(
            sent(RequestContext::navigation_from(&evil, "GET"), &jar),
            ["lax", "dflt", "none"]
        );
        assert_eq!(
            sent(RequestContext::navigation_from(&evil, "POST"), &jar),
            ["none"]
        );
        let sub = RequestContext {
            initiator: Some((true, "evil.example".into())),
            top_level: false,
            method: "GET".into(),
        };
        assert_eq!(sent(sub.clone(), &jar), ["none"]);
        let (o, _) = jar.set_from("x=1", &target, &sub, Api::Http, NOW);
        assert_eq!(o, SetOutcome::Refused(Refusal::CrossSiteSameSite));
        // the reasons: an explicit Lax and a Lax by default are told apart
        let why = |name: &str| {
            jar.decide(
                &target,
                &RequestContext::navigation_from(&evil, "POST"),
                Api::Http,
                later,
            )
            .into_iter()
            .find(|d| d.cookie.name == name)
            .and_then(|d| d.withheld)
        };
        assert_eq!(why("strict"), Some(Withheld::SameSiteStrict));
        assert_eq!(why("lax"), Some(Withheld::SameSiteLax));
        assert_eq!(why("dflt"), Some(Withheld::SameSiteLaxByDefault));
        assert_eq!(why("none"), None);
    }

    /// Chrome's "Lax-allowing-unsafe": a cookie without SameSite, at most two minutes old, still
    /// goes with a cross-site top-level POST; an explicit Lax never does, nor does a
    /// subresource, and the third minute ends it.
    #[test]
    fn lax_by_default_allows_a_cross_site_post_for_two_minutes() {
        let mut jar = Jar::new();
        set(
            &mut jar,
            "http://localhost:8080/",
            "sid=1; Path=/; HttpOnly",
        );
        set(
            &mut jar,
            "http://localhost:8080/",
            "lax=1; Path=/; SameSite=Lax",
        );
        let target = url("http://localhost:8080/transfer?to=mallory&amount=50");
        let evil = url("http://evil.example/");
        let post = RequestContext::navigation_from(&evil, "POST");
        let at = |jar: &Jar,
                  ctx: &RequestContext,
                  when: Millis|
         -> Vec<(String, Option<Withheld>, Option<Millis>)> {
            jar.decide(&target, ctx, Api::Http, when)
                .into_iter()
                .map(|d| (d.cookie.name, d.withheld, d.lax_allowing_unsafe))
                .collect()
        };
        // right after it was set, one minute on, and exactly two minutes on: sent, and marked
        for age in [0, 60_000, LAX_ALLOWING_UNSAFE_MS] {
            assert_eq!(
                at(&jar, &post, NOW + age),
                [
                    ("sid".into(), None, Some(age)),
                    ("lax".into(), Some(Withheld::SameSiteLax), None)
                ],
                "{age}"
            );
        }
        // one millisecond more, or an hour: Lax by default
        for age in [LAX_ALLOWING_UNSAFE_MS + 1, 3_600_000] {
            assert_eq!(
                at(&jar, &post, NOW + age)[0],
                ("sid".into(), Some(Withheld::SameSiteLaxByDefault), None),
                "{age}"
            );
        }
        // a cross-site GET navigation carries both, however old, with no exception needed
        let get = RequestContext::navigation_from(&evil, "GET");
        assert_eq!(
            at(&jar, &get, NOW + 3_600_000),
            [("sid".into(), None, None), ("lax".into(), None, None)]
        );
        // same-site, a POST carries both, unmarked
        let own = RequestContext::navigation_from(&url("http://localhost:8080/user"), "POST");
        assert_eq!(
            at(&jar, &own, NOW + 3_600_000),
            [("sid".into(), None, None), ("lax".into(), None, None)]
        );
        // the exception is for top-level requests only: a cross-site fetch POST gets nothing
        let fetch = RequestContext {
            top_level: false,
            ..post.clone()
        };
        assert_eq!(
            at(&jar, &fetch, NOW)[0],
            ("sid".into(), Some(Withheld::SameSiteLaxByDefault), None)
        );
        // the Cookie header agrees
        let (h, _, _) = jar.cookie_header(&target, &post, Api::Http, NOW + 60_000);
        assert_eq!(h.as_deref(), Some("sid=1"));
        let (h, _, _) = jar.cookie_header(&target, &post, Api::Http, NOW + 3_600_000);
        assert_eq!(h, None);
    }

    /// The two minutes count from the creation time, which Chrome keeps across a replacement
    /// only when the value is the same: a new session id starts them again.
    #[test]
    fn a_new_value_is_a_new_creation_time() {
        let mut jar = Jar::new();
        let u = url("http://localhost:8080/");
        let ctx = RequestContext::typed("GET");
        jar.set_from("sid=a; Path=/", &u, &ctx, Api::Http, NOW);
        jar.set_from("sid=a; Path=/; Max-Age=60", &u, &ctx, Api::Http, NOW + 10);
        assert_eq!(jar.cookies()[0].created, NOW);
        let (o, _) = jar.set_from("sid=b; Path=/", &u, &ctx, Api::Http, NOW + 3_600_000);
        assert!(
            matches!(o, SetOutcome::Updated { ref old, ref new } if old.created == NOW && new.created == NOW + 3_600_000)
        );
        let post = RequestContext::navigation_from(&url("http://evil.example/"), "POST");
        let target = url("http://localhost:8080/transfer");
        let (h, _, _) = jar.cookie_header(&target, &post, Api::Http, NOW + 3_660_000);
        assert_eq!(h.as_deref(), Some("sid=b"));
        // a replaced value also moves to the end of the Cookie header, as in Chrome
        jar.set_from("c=1; Path=/", &u, &ctx, Api::Http, NOW + 3_700_000);
        jar.set_from("sid=c; Path=/", &u, &ctx, Api::Http, NOW + 3_800_000);
        let (h, _, _) = jar.cookie_header(&u, &ctx, Api::Http, NOW + 3_800_000);
        assert_eq!(h.as_deref(), Some("c=1; sid=c"));
    }

    #[test]
    fn order_replacement_close_and_limits() {
        let mut jar = Jar::new();
        set(&mut jar, "http://h/", "a=1; Path=/");
        set(&mut jar, "http://h/", "b=1; Path=/x");
        set(&mut jar, "http://h/", "c=1; Path=/");
        assert_eq!(
            header(&mut jar, "http://h/x").as_deref(),
            Some("b=1; a=1; c=1")
        );
        // replacing keeps the creation time, so the order stays
        assert!(matches!(
            set(&mut jar, "http://h/", "a=2; Path=/; Max-Age=100"),
            SetOutcome::Updated { .. }
        ));
        assert_eq!(
            header(&mut jar, "http://h/x").as_deref(),
            Some("b=1; a=2; c=1")
        );
        // what closing would drop, by name (a second b on another path is named once)
        set(&mut jar, "http://h/y", "b=2; Path=/y");
        assert_eq!(jar.session_cookie_names(20), ["b", "c"]);
        assert_eq!(jar.session_cookie_names(1), ["b"]);
        let gone = jar.close_browser();
        assert_eq!(gone.len(), 3);
        assert!(jar.session_cookie_names(20).is_empty());
        assert_eq!(header(&mut jar, "http://h/x").as_deref(), Some("a=2"));
        jar.limits.per_domain = 3;
        for i in 0..5 {
            let (_, hk) = jar.set_from(
                &format!("n{i}=1"),
                &url("http://h/"),
                &RequestContext::typed("GET"),
                Api::Http,
                NOW + i,
            );
            if i >= 2 {
                assert_eq!(hk.evicted.len(), 1, "{i}");
            }
        }
        assert_eq!(jar.cookies().len(), 3);
    }

    #[test]
    fn prefixes() {
        let mut jar = Jar::new();
        assert!(matches!(
            set(&mut jar, "https://h/", "__Secure-a=1"),
            SetOutcome::Refused(Refusal::BadPrefix(_))
        ));
        assert!(matches!(
            set(&mut jar, "https://h/", "__Secure-a=1; Secure"),
            SetOutcome::Created(_)
        ));
        assert!(matches!(
            set(&mut jar, "https://h/", "__Host-a=1; Secure; Path=/x"),
            SetOutcome::Refused(Refusal::BadPrefix(_))
        ));
        assert!(matches!(
            set(&mut jar, "https://h/", "__Host-a=1; Secure; Path=/"),
            SetOutcome::Created(_)
        ));
    }

    #[test]
    fn public_suffixes_follow_the_site_list() {
        let mut jar = Jar::new();
        assert!(matches!(
            set(&mut jar, "https://shop.x.co.uk/", "a=1; Domain=co.uk"),
            SetOutcome::Refused(Refusal::PublicSuffix(d)) if d == "co.uk"
        ));
        assert!(matches!(
            set(&mut jar, "https://shop.x.co.uk/", "b=1; Domain=x.co.uk"),
            SetOutcome::Created(c) if !c.host_only && c.domain == "x.co.uk"
        ));
        // an unlisted top-level label is a public suffix by the list's default rule
        assert!(matches!(
            set(&mut jar, "https://bank.example/", "c=1; Domain=example"),
            SetOutcome::Refused(Refusal::PublicSuffix(_))
        ));
        // a public suffix as the host itself: accepted, host-only (RFC 6265 §5.3 step 5)
        assert!(matches!(
            set(&mut jar, "http://localhost/", "d=1; Domain=localhost"),
            SetOutcome::Created(c) if c.host_only && c.domain == "localhost"
        ));
        assert!(matches!(
            set(&mut jar, "http://a.localhost/", "e=1; Domain=localhost"),
            SetOutcome::Refused(Refusal::PublicSuffix(_))
        ));
        // an empty label is no suffix: the domain simply does not match
        assert!(matches!(
            set(&mut jar, "http://h/", "f=1; Domain=."),
            SetOutcome::Refused(Refusal::DomainMismatch { .. })
        ));
    }

    #[test]
    fn put_checks_the_whole_cookie() {
        let mut jar = Jar::new();
        let c = Cookie::by_hand("a", "x\ty", "localhost", NOW);
        assert_eq!(jar.put(c.clone()), Ok(vec![]));
        assert_eq!(jar.cookies(), std::slice::from_ref(&c));
        let bad = [
            (
                Cookie::by_hand("a;", "1", "h", NOW),
                Invalid::Name(BadText::Separator),
            ),
            (
                Cookie::by_hand("a", "\u{0}", "h", NOW),
                Invalid::Value(BadText::ControlCharacter),
            ),
            (Cookie::by_hand("", "", "h", NOW), Invalid::Empty),
            (
                Cookie::by_hand("a", "1", "", NOW),
                Invalid::Domain(BadDomain::Empty),
            ),
            (
                Cookie {
                    path: "x".into(),
                    ..Cookie::by_hand("a", "1", "h", NOW)
                },
                Invalid::Path(BadPath::NotAbsolute),
            ),
        ];
        for (c, why) in bad {
            assert_eq!(jar.put(c), Err(why));
        }
        assert_eq!(jar.cookies().len(), 1);
        assert!(jar.remove("a", "localhost", "/").is_some());
        assert!(jar.cookies().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(h in "\\PC*", path in "/[a-z/]{0,8}", now in proptest::num::i64::ANY) {
            let mut jar = Jar::new();
            let u = Url::parse(&format!("http://h.example{path}")).unwrap();
            let ctx = RequestContext::typed("GET");
            let _ = jar.set_from(&h, &u, &ctx, Api::Http, now / 4);
            let _ = jar.cookie_header(&u, &ctx, Api::Http, now / 4);
        }
    }
}
