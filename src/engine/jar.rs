//! The browser's cookie jar: RFC 6265 §5.2–5.4 with the RFC 6265bis additions browsers ship
//! (SameSite, Lax by default, `__Secure-`/`__Host-` prefixes, "leave secure cookies alone",
//! the 400-day cap).
//!
//! A browser parses `Set-Cookie` differently from how a server parses `Cookie`
//! ([`super::cookie_header`]): attributes are case-insensitive, the last one of a kind wins,
//! invalid attributes are ignored rather than fatal. Every refusal and every cookie held back
//! from a request carries a reason, because showing it is the point of the lab.

use super::clock::{days_from_civil, Millis};
use super::site::is_public_suffix;
use super::url::Url;

/// How long a cookie lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// No Expires/Max-Age: dropped when the browser closes.
    Session,
    /// Expires at this time.
    Until(Millis),
}

/// The SameSite attribute as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameSite {
    /// Only sent on same-site requests.
    Strict,
    /// Also sent on cross-site top-level GET navigations.
    Lax,
    /// Always sent (requires Secure).
    None,
    /// Not given: browsers treat it as Lax.
    Unspecified,
}

impl SameSite {
    /// How DevTools shows it.
    pub fn label(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Unspecified => "",
        }
    }
    /// From a label (case-insensitive); anything else is `Unspecified`.
    pub fn from_label(s: &str) -> SameSite {
        match s.trim().to_ascii_lowercase().as_str() {
            "strict" => SameSite::Strict,
            "lax" => SameSite::Lax,
            "none" => SameSite::None,
            _ => SameSite::Unspecified,
        }
    }
}

/// A cookie in the jar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    /// Name (may be empty, as browsers allow).
    pub name: String,
    /// Value, exactly as received (browsers do not decode it).
    pub value: String,
    /// The host (host-only) or the domain (without a leading dot).
    pub domain: String,
    /// Sent only to exactly `domain` (no Domain attribute was given).
    pub host_only: bool,
    /// Path.
    pub path: String,
    /// Expiry.
    pub persistence: Persistence,
    /// Secure: only over https, only set from https.
    pub secure: bool,
    /// HttpOnly: invisible to `document.cookie`.
    pub http_only: bool,
    /// SameSite.
    pub same_site: SameSite,
    /// Partitioned (CHIPS); stored and shown, not otherwise simulated.
    pub partitioned: bool,
    /// Priority (Chrome's Low/Medium/High); stored and shown.
    pub priority: String,
    /// When it was first stored (kept across replacements).
    pub created: Millis,
    /// When it was last sent or stored.
    pub last_access: Millis,
}

impl Cookie {
    /// A host-only session cookie for `/`, as DevTools' "add cookie" or a pasted `Cookie`
    /// header makes it: no flags, SameSite unset, Medium priority, created now.
    pub fn by_hand(name: &str, value: &str, host: &str, now: Millis) -> Cookie {
        Cookie {
            name: name.to_string(),
            value: value.to_string(),
            domain: host.to_string(),
            host_only: true,
            path: "/".into(),
            persistence: Persistence::Session,
            secure: false,
            http_only: false,
            same_site: SameSite::Unspecified,
            partitioned: false,
            priority: "Medium".into(),
            created: now,
            last_access: now,
        }
    }

    /// DevTools' "Size": name plus value length in bytes.
    pub fn size(&self) -> usize {
        self.name.len() + self.value.len()
    }
    /// The jar's key.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.name, &self.domain, &self.path)
    }
    /// Whether it has expired at `now`.
    pub fn expired(&self, now: Millis) -> bool {
        matches!(self.persistence, Persistence::Until(t) if t <= now)
    }
    /// `name=value` as a Cookie header carries it (just the value when the name is empty).
    pub fn pair(&self) -> String {
        if self.name.is_empty() {
            self.value.clone()
        } else {
            format!("{}={}", self.name, self.value)
        }
    }
}

/// Which API delivers or reads the cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// An HTTP response/request.
    Http,
    /// `document.cookie` (script, e.g. an XSS payload).
    Script,
}

/// What kind of request this is, for SameSite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext {
    /// The site (scheme + registrable domain) of the page that started the request; `None`
    /// when the user typed the URL or used a bookmark (always same-site).
    pub initiator: Option<(bool, String)>,
    /// Whether it navigates the top-level window (a link or form), as opposed to an image,
    /// iframe or fetch.
    pub top_level: bool,
    /// The HTTP method.
    pub method: String,
}

impl RequestContext {
    /// A request the user started from the address bar.
    pub fn typed(method: &str) -> RequestContext {
        RequestContext {
            initiator: None,
            top_level: true,
            method: method.to_ascii_uppercase(),
        }
    }
    /// A top-level navigation started by a page at `from`.
    pub fn navigation_from(from: &Url, method: &str) -> RequestContext {
        RequestContext {
            initiator: Some((from.secure, from.site())),
            top_level: true,
            method: method.to_ascii_uppercase(),
        }
    }
    /// Whether the request to `url` is cross-site (schemeful, as Chrome does).
    pub fn cross_site(&self, url: &Url) -> bool {
        match &self.initiator {
            None => false,
            Some((secure, site)) => *secure != url.secure || *site != url.site(),
        }
    }
    fn safe_method(&self) -> bool {
        matches!(self.method.as_str(), "GET" | "HEAD" | "OPTIONS" | "TRACE")
    }
}

/// Why a `Set-Cookie` (or a `document.cookie` write) was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The header contains a control character (other than tab).
    ControlCharacter,
    /// Both name and value are empty.
    Empty,
    /// Name plus value exceed 4096 bytes.
    TooLarge(usize),
    /// `Secure` from an `http:` page.
    SecureFromInsecure,
    /// The Domain attribute does not cover the host that set it.
    DomainMismatch {
        /// The Domain attribute.
        domain: String,
        /// The request host.
        host: String,
    },
    /// The Domain attribute is a public suffix (like `com`).
    PublicSuffix(String),
    /// `__Secure-`/`__Host-` prefix requirements not met.
    BadPrefix(&'static str),
    /// A script tried to set an HttpOnly cookie.
    HttpOnlyFromScript,
    /// A script tried to overwrite an HttpOnly cookie.
    OverwritesHttpOnly,
    /// An `http:` response tried to overwrite (shadow) a Secure cookie.
    OverwritesSecure,
    /// `SameSite=None` without `Secure`.
    SameSiteNoneWithoutSecure,
    /// A cross-site subresource response tried to set a Lax/Strict cookie.
    CrossSiteSameSite,
    /// A cookie put in by hand has `;` or `=` in its name, or `;` in its value: the `Cookie`
    /// header it would be sent in could not carry it.
    Separator,
}

/// What happened to one `Set-Cookie`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetOutcome {
    /// Stored (new).
    Created(Cookie),
    /// Replaced a cookie with the same name, domain and path (creation time kept).
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
    /// Not stored.
    Refused(Refusal),
}

/// Why a cookie was not attached to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Withheld {
    /// Host-only cookie, different host.
    HostOnly,
    /// The host is not within the cookie's domain.
    Domain,
    /// The request path is not within the cookie's path.
    Path,
    /// Secure cookie, plain http request.
    Secure,
    /// HttpOnly cookie, read by script.
    HttpOnly,
    /// SameSite=Strict on a cross-site request.
    SameSiteStrict,
    /// SameSite=Lax (or unspecified) on a cross-site request that is not a top-level GET.
    SameSiteLax,
}

/// The decision for one cookie on one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendDecision {
    /// The cookie.
    pub cookie: Cookie,
    /// `None` if sent.
    pub withheld: Option<Withheld>,
}

/// Jar limits. Defaults: 4096 bytes per cookie (name + value), 1024 bytes per attribute value,
/// 50 cookies per domain (RFC 6265 §6.1's minimum), 3000 in all, 400 days at most.
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
    /// Longest lifetime.
    pub max_age_ms: Millis,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cookie_bytes: 4096,
            max_attribute_bytes: 1024,
            per_domain: 50,
            total: 3000,
            max_age_ms: 400 * 86_400_000,
        }
    }
}

/// A parsed `Set-Cookie` header, before the storage rules run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetCookie {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Expires, parsed (ignored if unparsable).
    pub expires: Option<Millis>,
    /// Max-Age in seconds (wins over Expires).
    pub max_age: Option<i64>,
    /// Domain attribute (leading dot removed, lower-cased).
    pub domain: Option<String>,
    /// Path attribute (when it starts with `/`).
    pub path: Option<String>,
    /// Secure.
    pub secure: bool,
    /// HttpOnly.
    pub http_only: bool,
    /// SameSite.
    pub same_site: Option<SameSite>,
    /// Partitioned.
    pub partitioned: bool,
    /// Priority.
    pub priority: Option<String>,
}

fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t') || c == '\u{7f}'
}

/// What a browser's cookie editor refuses in a name and value it is given by hand (Chrome's
/// DevTools goes through the same canonical-cookie checks as `Set-Cookie`): control characters
/// other than tab, `;` or `=` in the name, `;` in the value, both empty, more than 4096 bytes.
pub fn check_by_hand(name: &str, value: &str, limits: &Limits) -> Result<(), Refusal> {
    if name.chars().chain(value.chars()).any(is_control) {
        return Err(Refusal::ControlCharacter);
    }
    if name.contains([';', '=']) || value.contains(';') {
        return Err(Refusal::Separator);
    }
    if name.is_empty() && value.is_empty() {
        return Err(Refusal::Empty);
    }
    if name.len() + value.len() > limits.max_cookie_bytes {
        return Err(Refusal::TooLarge(name.len() + value.len()));
    }
    Ok(())
}

/// RFC 6265 §5.2 (6265bis §5.6): parse a `Set-Cookie` value the way a browser does.
pub fn parse_set_cookie(header: &str, limits: &Limits) -> Result<SetCookie, Refusal> {
    if header.chars().any(is_control) {
        return Err(Refusal::ControlCharacter);
    }
    let (pair, attrs) = match header.split_once(';') {
        Some((p, a)) => (p, a),
        None => (header, ""),
    };
    let (name, value) = match pair.split_once('=') {
        Some((n, v)) => (n.trim_matches(is_wsp), v.trim_matches(is_wsp)),
        None => ("", pair.trim_matches(is_wsp)),
    };
    if name.is_empty() && value.is_empty() {
        return Err(Refusal::Empty);
    }
    if name.len() + value.len() > limits.max_cookie_bytes {
        return Err(Refusal::TooLarge(name.len() + value.len()));
    }
    let mut sc = SetCookie {
        name: name.to_string(),
        value: value.to_string(),
        ..SetCookie::default()
    };
    for av in attrs.split(';') {
        let (k, v) = match av.split_once('=') {
            Some((k, v)) => (k.trim_matches(is_wsp), v.trim_matches(is_wsp)),
            None => (av.trim_matches(is_wsp), ""),
        };
        if v.len() > limits.max_attribute_bytes {
            continue;
        }
        match k.to_ascii_lowercase().as_str() {
            "expires" => {
                if let Some(t) = parse_cookie_date(v) {
                    sc.expires = Some(t);
                }
            }
            "max-age" => {
                let digits = v.strip_prefix('-').unwrap_or(v);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    // saturate absurd values instead of overflowing
                    let n: i64 = digits.parse().unwrap_or(i64::MAX / 2000);
                    sc.max_age = Some(if v.starts_with('-') { -n } else { n });
                }
            }
            "domain" => {
                if !v.is_empty() {
                    let d = v.strip_prefix('.').unwrap_or(v).to_ascii_lowercase();
                    sc.domain = Some(d);
                }
            }
            "path" => {
                sc.path = v.starts_with('/').then(|| v.to_string());
            }
            "secure" => sc.secure = true,
            "httponly" => sc.http_only = true,
            "samesite" => sc.same_site = Some(SameSite::from_label(v)),
            "partitioned" => sc.partitioned = true,
            "priority" => sc.priority = Some(v.to_string()),
            _ => {}
        }
    }
    Ok(sc)
}

/// RFC 6265 §5.1.1 cookie-date. Returns epoch ms, or `None` if it does not parse.
pub fn parse_cookie_date(s: &str) -> Option<Millis> {
    let is_delim = |c: char| {
        c == '\t'
            || (' '..='/').contains(&c)
            || (';'..='@').contains(&c)
            || ('['..='`').contains(&c)
            || ('{'..='~').contains(&c)
    };
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for tok in s.split(is_delim).filter(|t| !t.is_empty()) {
        if time.is_none() {
            if let Some(t) = parse_time(tok) {
                time = Some(t);
                continue;
            }
        }
        if day.is_none() {
            if let Some(d) = leading_digits(tok, 1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() && tok.len() >= 3 {
            const M: [&str; 12] = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            if let Some(i) = tok
                .get(..3)
                .and_then(|p| M.iter().position(|m| m.eq_ignore_ascii_case(p)))
            {
                month = Some(i as u32 + 1);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = leading_digits(tok, 2, 4) {
                year = Some(y);
                continue;
            }
        }
    }
    let (h, mi, se) = time?;
    let day = day?;
    let month = month?;
    let mut year = i64::from(year?);
    if (70..=99).contains(&year) {
        year += 1900;
    } else if (0..=69).contains(&year) {
        year += 2000;
    }
    if !(1..=31).contains(&day) || year < 1601 || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let days_in = match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days_in {
        return None;
    }
    Some(
        days_from_civil(year, month, day) * 86_400_000
            + i64::from(h) * 3_600_000
            + i64::from(mi) * 60_000
            + i64::from(se) * 1000,
    )
}

/// 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, then anything non-digit.
fn parse_time(tok: &str) -> Option<(u32, u32, u32)> {
    let mut parts = tok.splitn(3, ':');
    let h = all_digits(parts.next()?, 1, 2)?;
    let m = all_digits(parts.next()?, 1, 2)?;
    let s = leading_digits(parts.next()?, 1, 2)?;
    Some((h, m, s))
}

fn all_digits(s: &str, min: usize, max: usize) -> Option<u32> {
    (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

/// `min`..`max` digits, optionally followed by non-digits.
fn leading_digits(s: &str, min: usize, max: usize) -> Option<u32> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    s[..n].parse().ok()
}

/// RFC 6265 §5.1.3 domain-match.
pub fn domain_match(host: &str, domain: &str) -> bool {
    if host == domain {
        return true;
    }
    let is_ip = host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    !is_ip
        && host.len() > domain.len()
        && host.ends_with(domain)
        && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
}

/// RFC 6265 §5.1.4 default-path of a request path.
pub fn default_path(request_path: &str) -> String {
    if !request_path.starts_with('/') {
        return "/".into();
    }
    match request_path.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => request_path[..i].to_string(),
    }
}

/// RFC 6265 §5.1.4 path-match.
pub fn path_match(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/')
                || request_path.as_bytes().get(cookie_path.len()) == Some(&b'/')))
}

/// The jar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Jar {
    cookies: Vec<Cookie>,
    /// Limits.
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

    /// Removes expired cookies (browsers may do this at any time).
    pub fn purge_expired(&mut self, now: Millis) -> Vec<Cookie> {
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
        let persistence = match (sc.max_age, sc.expires) {
            (Some(s), _) if s <= 0 => Persistence::Until(i64::MIN / 2),
            (Some(s), _) => Persistence::Until(
                now.saturating_add(s.saturating_mul(1000).min(self.limits.max_age_ms)),
            ),
            (None, Some(t)) => {
                Persistence::Until(t.min(now.saturating_add(self.limits.max_age_ms)))
            }
            (None, None) => Persistence::Session,
        };
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
            created: existing.map_or(now, |i| self.cookies[i].created),
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
        let mut domains: Vec<String> = self.cookies.iter().map(|c| c.domain.clone()).collect();
        domains.sort();
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
        let mut out: Vec<SendDecision> = self
            .cookies
            .iter()
            .filter(|c| !c.expired(now))
            .map(|c| SendDecision {
                cookie: c.clone(),
                withheld: withheld(c, url, ctx, api),
            })
            .collect();
        // Longer paths first, then earlier creation (RFC 6265 §5.4 step 2).
        out.sort_by(|a, b| {
            b.cookie
                .path
                .len()
                .cmp(&a.cookie.path.len())
                .then(a.cookie.created.cmp(&b.cookie.created))
        });
        out
    }

    /// Builds the `Cookie` header for a request (or the `document.cookie` string for `Script`),
    /// touching the last-access time of what is sent. Expired cookies are removed first and
    /// returned in the housekeeping.
    pub fn cookie_header(
        &mut self,
        url: &Url,
        ctx: &RequestContext,
        api: Api,
        now: Millis,
    ) -> (Option<String>, Vec<SendDecision>, Vec<Cookie>) {
        let expired = self.purge_expired(now);
        let decisions = self.decide(url, ctx, api, now);
        let sent: Vec<&SendDecision> = decisions.iter().filter(|d| d.withheld.is_none()).collect();
        for d in &sent {
            if let Some(c) = self.cookies.iter_mut().find(|c| c.key() == d.cookie.key()) {
                c.last_access = now;
            }
        }
        let header = (!sent.is_empty()).then(|| {
            sent.iter()
                .map(|d| d.cookie.pair())
                .collect::<Vec<_>>()
                .join("; ")
        });
        (header, decisions, expired)
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
    /// could not store or send is refused: see [`check_by_hand`].
    pub fn put(&mut self, cookie: Cookie) -> Result<(), Refusal> {
        check_by_hand(&cookie.name, &cookie.value, &self.limits)?;
        match self.cookies.iter().position(|c| c.key() == cookie.key()) {
            Some(i) => self.cookies[i] = cookie,
            None => self.cookies.push(cookie),
        }
        Ok(())
    }

    /// Removes the cookie with this key, as DevTools' delete does.
    pub fn remove(&mut self, name: &str, domain: &str, path: &str) -> Option<Cookie> {
        let i = self
            .cookies
            .iter()
            .position(|c| c.key() == (name, domain, path))?;
        Some(self.cookies.remove(i))
    }

    /// Empties the jar.
    pub fn clear(&mut self) {
        self.cookies.clear();
    }
}

fn withheld(c: &Cookie, url: &Url, ctx: &RequestContext, api: Api) -> Option<Withheld> {
    if c.host_only {
        if url.host != c.domain {
            return Some(Withheld::HostOnly);
        }
    } else if !domain_match(&url.host, &c.domain) {
        return Some(Withheld::Domain);
    }
    if !path_match(&url.path, &c.path) {
        return Some(Withheld::Path);
    }
    if c.secure && !url.secure {
        return Some(Withheld::Secure);
    }
    if c.http_only && api == Api::Script {
        return Some(Withheld::HttpOnly);
    }
    if ctx.cross_site(url) {
        match c.same_site {
            SameSite::Strict => return Some(Withheld::SameSiteStrict),
            SameSite::Lax | SameSite::Unspecified if !(ctx.top_level && ctx.safe_method()) => {
                return Some(Withheld::SameSiteLax)
            }
            _ => {}
        }
    }
    None
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
    fn parses_like_a_browser() {
        let l = Limits::default();
        let sc = parse_set_cookie(" a = b=c ; PATH=/x; path=/y; Max-Age=60; EXPIRES=Wed, 15 Nov 2023 22:13:20 GMT; secure; HttpOnly; samesite=LAX; Domain=.Example.COM; Priority=High", &l).unwrap();
        assert_eq!((sc.name.as_str(), sc.value.as_str()), ("a", "b=c"));
        assert_eq!(sc.path.as_deref(), Some("/y"));
        assert_eq!(sc.max_age, Some(60));
        assert_eq!(sc.expires, Some(1_700_086_400_000));
        assert_eq!(sc.domain.as_deref(), Some("example.com"));
        assert!(sc.secure && sc.http_only);
        assert_eq!(sc.same_site, Some(SameSite::Lax));
        assert_eq!(parse_set_cookie("novalue", &l).unwrap().value, "novalue");
        assert_eq!(parse_set_cookie("=", &l), Err(Refusal::Empty));
        assert_eq!(
            parse_set_cookie("a=\u{1}", &l),
            Err(Refusal::ControlCharacter)
        );
        let big = format!("a={}", "x".repeat(4096));
        assert_eq!(parse_set_cookie(&big, &l), Err(Refusal::TooLarge(4097)));
        assert_eq!(
            parse_set_cookie("a=1; Path=relative", &l).unwrap().path,
            None
        );
        assert_eq!(
            parse_set_cookie("a=1; Max-Age=1x", &l).unwrap().max_age,
            None
        );
    }

    #[test]
    fn cookie_dates() {
        assert_eq!(
            parse_cookie_date("Wed, 15 Nov 2023 22:13:20 GMT"),
            Some(1_700_086_400_000)
        );
        assert_eq!(
            parse_cookie_date("Wednesday, 15-Nov-23 22:13:20 GMT"),
            Some(1_700_086_400_000)
        );
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_cookie_date("15 Nov 2023"), None);
        assert_eq!(parse_cookie_date("Wed, 31 Feb 2023 00:00:00 GMT"), None);
        assert_eq!(parse_cookie_date("Wed, 15 Nov 1600 22:13:20 GMT"), None);
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
        let target = url("https://bank.example/transfer");
        let evil = url("https://evil.example/");
        let sent = |ctx: RequestContext, jar: &Jar| -> Vec<String> {
            jar.decide(&target, &ctx, Api::Http, NOW)
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
        let gone = jar.close_browser();
        assert_eq!(gone.len(), 2);
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

    proptest::proptest! {
        #[test]
        fn never_panics(h in "\\PC*", path in "/[a-z/]{0,8}", now in proptest::num::i64::ANY) {
            let mut jar = Jar::new();
            let u = Url::parse(&format!("http://h.example{path}")).unwrap();
            let ctx = RequestContext::typed("GET");
            let _ = jar.set_from(&h, &u, &ctx, Api::Http, now / 4);
            let _ = jar.cookie_header(&u, &ctx, Api::Http, now / 4);
            let _ = parse_cookie_date(&h);
        }
    }
}
