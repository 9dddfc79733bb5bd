//! What a "site" is: the registrable domain of a host, which SameSite compares and which a
//! cookie's Domain attribute may not go above.
//!
//! Browsers use the whole Public Suffix List (PSL, <https://publicsuffix.org/list/>); the lab
//! keeps a few entries, enough to show the rule, plus the PSL's default rule (`*`): a top-level
//! label that is not listed is a public suffix by itself. This module is the only place that
//! knows the list: [`super::url::Url::site`] and the jar's "Domain is a public suffix" refusal
//! both ask it.

/// A few public suffixes (browsers use the full Public Suffix List). Lower case, no dots at
/// either end.
const PUBLIC_SUFFIXES: [&str; 12] = [
    "com", "net", "org", "edu", "gov", "io", "cn", "com.cn", "uk", "co.uk", "dev", "app",
];

/// Whether `host` is an IPv4 address (digits and dots only), which has no site above itself.
fn is_ip(host: &str) -> bool {
    !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// How many labels at the end of `host` are its public suffix: the longest listed suffix it
/// ends with, else 1 (the PSL's default rule: the last label).
fn suffix_labels(host: &str) -> usize {
    PUBLIC_SUFFIXES
        .iter()
        .filter(|s| {
            host == **s
                || host
                    .strip_suffix(**s)
                    .is_some_and(|rest| rest.ends_with('.'))
        })
        .map(|s| s.split('.').count())
        .max()
        .unwrap_or(1)
}

/// Whether `domain` (lower case, no leading dot) is a public suffix: a listed one (`com`,
/// `co.uk`) or, by the default rule, any single label (`localhost`, `example`). IP addresses
/// and names with an empty label are not.
///
/// ```
/// use session_lab::engine::site::is_public_suffix;
/// assert!(is_public_suffix("co.uk") && is_public_suffix("com") && is_public_suffix("localhost"));
/// assert!(!is_public_suffix("example.com") && !is_public_suffix("127.0.0.1"));
/// ```
pub fn is_public_suffix(domain: &str) -> bool {
    !is_ip(domain)
        && domain.split('.').all(|l| !l.is_empty())
        && domain.split('.').count() <= suffix_labels(domain)
}

/// The site of a host: its registrable domain, the public suffix plus one label
/// (`a.b.example.com` → `example.com`, `x.y.co.uk` → `y.co.uk`). An IP address, and a host that
/// is itself a public suffix (`localhost`, `co.uk`), is its own site.
///
/// ```
/// use session_lab::engine::site::site_of;
/// assert_eq!(site_of("a.b.example.com"), "example.com");
/// assert_eq!(site_of("shop.x.co.uk"), "x.co.uk");
/// assert_eq!(site_of("localhost"), "localhost");
/// ```
pub fn site_of(host: &str) -> String {
    if is_ip(host) {
        return host.to_string();
    }
    match host.rmatch_indices('.').nth(suffix_labels(host)) {
        Some((dot, _)) => host[dot + 1..].to_string(),
        None => host.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites() {
        // the expectations url.rs had
        assert_eq!(site_of("localhost"), "localhost");
        assert_eq!(site_of("a.b.example.com"), "example.com");
        assert_eq!(site_of("127.0.0.1"), "127.0.0.1");
        // listed suffixes of two labels
        assert_eq!(site_of("x.co.uk"), "x.co.uk");
        assert_eq!(site_of("a.b.x.co.uk"), "x.co.uk");
        assert_eq!(site_of("co.uk"), "co.uk");
        assert_eq!(site_of("uk"), "uk");
        assert_eq!(site_of("shop.example.com.cn"), "example.com.cn");
        assert_eq!(site_of("example.cn"), "example.cn");
        // unlisted top-level labels: the default rule
        assert_eq!(site_of("bank.example"), "bank.example");
        assert_eq!(site_of("www.bank.example"), "bank.example");
        assert_eq!(site_of("a.localhost"), "a.localhost");
        // a suffix must match whole labels
        assert_eq!(site_of("a.bco.uk"), "bco.uk");
        assert_eq!(site_of("example.com"), "example.com");
        assert_eq!(site_of(""), "");
    }

    #[test]
    fn public_suffixes() {
        for s in [
            "com",
            "co.uk",
            "com.cn",
            "uk",
            "localhost",
            "example",
            "dev",
        ] {
            assert!(is_public_suffix(s), "{s}");
        }
        for s in [
            "example.com",
            "x.co.uk",
            "bank.example",
            "127.0.0.1",
            "1",
            "",
            "a..com",
            ".com",
        ] {
            assert!(!is_public_suffix(s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_site_is_a_suffix_of_its_host(
            host in "[a-z0-9-]{1,6}(\\.[a-z0-9-]{1,6}){0,3}(\\.co\\.uk|\\.com|\\.uk)?",
        ) {
            let site = site_of(&host);
            proptest::prop_assert!(host.ends_with(&site));
            proptest::prop_assert_eq!(site_of(&site), site.clone());
        }
    }
}
