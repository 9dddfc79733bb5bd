//! The pure simulation: a browser with a cookie jar, an Express server running express-session,
//! and session stores. No yew, web-sys or gloo; no wall clock and no OS randomness: time and
//! randomness are passed in, so every run is reproducible.
pub mod attacker_site;
pub mod browser;
pub mod clock;
pub mod cookie_header;
pub mod events;
pub mod ids;
pub mod inspect;
pub mod jar;
pub mod js;
pub mod json;
pub mod lab;
pub mod scenario;
pub mod server;
pub mod session;
pub mod signature;
pub mod site;
pub mod sort;
pub mod store;
pub mod trace;
pub mod uri;
pub mod url;

/// At most `max` characters of `s`, with "…" where it was cut: for messages that quote what a
/// user typed or a file said, which may be megabytes long.
pub fn clip(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => s.into(),
        Some((at, _)) => format!("{}…", &s[..at]).into(),
    }
}

/// `s` without `prefix`, compared in any ASCII case (`Cookie:`, `cookie:`), or `None`.
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    #[test]
    fn clip_cuts_at_a_character_boundary() {
        assert_eq!(super::clip("abc", 3), "abc");
        assert_eq!(super::clip("abcd", 3), "abc…");
        assert_eq!(super::clip("饭饭饭饭", 2), "饭饭…");
        assert_eq!(super::clip("👩‍💻x", 1), "👩…");
    }
}
