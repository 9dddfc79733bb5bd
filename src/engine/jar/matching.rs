//! Which cookies go with a request (RFC 6265 §5.1.3–5.1.4, 6265bis §5.8.3): domain and path
//! matching, the kind of request SameSite looks at, and the reason a cookie is held back.
//!
//! **SameSite, as Chrome does it.** The jar models Chrome since version 80 (February 2020)
//! and the browsers built on it (Edge, Opera): a cookie set without `SameSite` is treated as `Lax`
//! ("Lax by default"), so a cross-site request carries it only when it is a top-level
//! navigation with a safe method (GET). Chrome keeps one exception, which RFC 6265bis calls
//! "Lax-allowing-unsafe" enforcement: a cookie without `SameSite` that is at most two minutes
//! old (its creation time, see [`LAX_ALLOWING_UNSAFE_MS`]) is still sent on a cross-site
//! *top-level* request whatever the method, so a single sign-on that POSTs back to the site
//! right after setting its cookie keeps working. In Chromium: `CanonicalCookie::
//! GetEffectiveSameSite` gives `LAX_MODE_ALLOW_UNSAFE` when `IsRecentlyCreated(
//! kLaxAllowUnsafeMaxAge)` (`net/cookies/canonical_cookie.cc`; `kLaxAllowUnsafeMaxAge =
//! base::Minutes(2)` in `cookie_constants.cc`; `IsRecentlyCreated` is `now - creation <=
//! age`, so exactly two minutes still counts). An explicit `SameSite=Lax` never gets the
//! exception.
//!
//! Other browsers differ: Firefox and Safari do not default to Lax (Firefox tried it behind
//! `network.cookie.sameSite.laxByDefault` and turned it off again), so in them a cookie without
//! `SameSite` still goes with a cross-site POST however old it is; they lean on blocking
//! third-party cookies in frames and subresources instead, which a top-level form does not
//! meet. Only an explicit `SameSite=Lax` or `Strict` protects in every current browser.

use super::cookie::{Cookie, SameSite};
use super::Api;
use crate::engine::clock::Millis;
use crate::engine::url::Url;

/// How old a cookie without `SameSite` may be and still ride a cross-site top-level request
/// with an unsafe method (POST): two minutes, Chromium's `kLaxAllowUnsafeMaxAge`. The age is
/// counted from the cookie's creation time, which a `Set-Cookie` with a new value resets (see
/// [`super::Jar::set_from`]); the limit itself still counts.
pub const LAX_ALLOWING_UNSAFE_MS: Millis = 2 * 60 * 1000;

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
    /// SameSite=Lax on a cross-site request that is not a top-level GET.
    SameSiteLax,
    /// No SameSite, so Lax by default (Chrome): a cross-site request that is not a top-level
    /// GET, and the cookie is older than [`LAX_ALLOWING_UNSAFE_MS`] (or the request is not
    /// top-level).
    SameSiteLaxByDefault,
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

/// Whether `c`, a cookie without `SameSite`, is young enough at `now` for Chrome's
/// Lax-allowing-unsafe exception (see the module's notes). A creation time after `now` counts
/// as young, as in Chromium.
pub fn recently_created(c: &Cookie, now: Millis) -> bool {
    now.saturating_sub(c.created) <= LAX_ALLOWING_UNSAFE_MS
}

/// Whether `c` goes with this request only because of Chrome's Lax-allowing-unsafe exception:
/// no `SameSite`, a cross-site top-level request with an unsafe method, and created at most two
/// minutes before `now`. The age of the cookie when it does, else `None`.
pub(super) fn lax_allowing_unsafe(
    c: &Cookie,
    url: &Url,
    ctx: &RequestContext,
    now: Millis,
) -> Option<Millis> {
    (c.same_site == SameSite::Unspecified
        && ctx.cross_site(url)
        && ctx.top_level
        && !ctx.safe_method()
        && recently_created(c, now))
    .then(|| now.saturating_sub(c.created).max(0))
}

/// Why `c` is not sent with a request to `url` at `now` (RFC 6265bis §5.8.3 step 1), or `None`
/// if it is. The order of the checks decides which reason is shown when several apply.
pub(super) fn withheld(
    c: &Cookie,
    url: &Url,
    ctx: &RequestContext,
    api: Api,
    now: Millis,
) -> Option<Withheld> {
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
        let lax_allows = ctx.top_level && ctx.safe_method();
        match c.same_site {
            SameSite::Strict => return Some(Withheld::SameSiteStrict),
            SameSite::Lax if !lax_allows => return Some(Withheld::SameSiteLax),
            SameSite::Unspecified
                if !lax_allows && lax_allowing_unsafe(c, url, ctx, now).is_none() =>
            {
                return Some(Withheld::SameSiteLaxByDefault)
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_and_paths_match_by_whole_labels_and_segments() {
        assert!(domain_match("a.example.com", "example.com"));
        assert!(domain_match("example.com", "example.com"));
        assert!(!domain_match("badexample.com", "example.com"));
        assert!(!domain_match("example.com", "a.example.com"));
        // an IP address matches only itself
        assert!(domain_match("127.0.0.1", "127.0.0.1"));
        assert!(!domain_match("10.0.0.1", "0.0.1"));
        assert!(path_match("/x/y", "/x"));
        assert!(path_match("/x/", "/x/"));
        assert!(path_match("/x", "/x"));
        assert!(!path_match("/xy", "/x"));
        assert!(path_match("/anything", "/"));
        assert_eq!(default_path("/x/y"), "/x");
        assert_eq!(default_path("/x"), "/");
        assert_eq!(default_path(""), "/");
        assert_eq!(default_path("x/y"), "/");
    }

    #[test]
    fn cross_site_is_schemeful_and_by_registrable_domain() {
        let u = |s: &str| Url::parse(s).unwrap();
        let from = |s: &str| RequestContext::navigation_from(&u(s), "get");
        assert_eq!(from("https://a.example.com/").method, "GET");
        assert!(!from("https://a.example.com/").cross_site(&u("https://b.example.com/")));
        assert!(from("http://a.example.com/").cross_site(&u("https://a.example.com/")));
        assert!(from("https://evil.example/").cross_site(&u("https://bank.example/")));
        // the public-suffix list decides what a site is
        assert!(from("https://a.co.uk/").cross_site(&u("https://b.co.uk/")));
        assert!(!from("https://x.a.co.uk/").cross_site(&u("https://y.a.co.uk/")));
        assert!(!RequestContext::typed("POST").cross_site(&u("https://bank.example/")));
    }
}
