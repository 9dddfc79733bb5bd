//! Recovering a weak signing secret from one signed cookie: a small dictionary, then every
//! lowercase string of 1 to 4 letters. Work is split in chunks so the page can yield to the
//! browser between them, show progress, and cancel.

use crate::engine::signature::{constant_time_eq, mac};

/// Secrets people actually use (including express-session's own README example).
pub const DICTIONARY: &[&str] = &[
    "secret",
    "keyboard cat",
    "password",
    "changeme",
    "express",
    "session",
    "cookie",
    "admin",
    "123456",
    "test",
    "dev",
    "key",
    "mysecret",
    "supersecret",
    "s3cr3t",
    "letmein",
    "node",
    "qwerty",
];

const LETTERS: u64 = 26;

/// How many candidates there are in all.
pub fn total() -> u64 {
    DICTIONARY.len() as u64 + (1..=4).map(|n| LETTERS.pow(n)).sum::<u64>()
}

/// The `i`-th candidate.
pub fn candidate(i: u64) -> Option<String> {
    let d = DICTIONARY.len() as u64;
    if i < d {
        return Some(DICTIONARY[i as usize].to_string());
    }
    let mut rest = i - d;
    for len in 1..=4u32 {
        let n = LETTERS.pow(len);
        if rest < n {
            let mut s = vec![b'a'; len as usize];
            for pos in (0..len as usize).rev() {
                s[pos] = b'a' + (rest % LETTERS) as u8;
                rest /= LETTERS;
            }
            return Some(String::from_utf8(s).unwrap_or_default());
        }
        rest -= n;
    }
    None
}

/// Where `secret` is among the candidates (so the brute-forcer finds it after `position + 1`
/// of them), or `None` when it never tries it.
pub fn position(secret: &str) -> Option<u64> {
    if let Some(i) = DICTIONARY.iter().position(|d| *d == secret) {
        return Some(i as u64);
    }
    let len = secret.len() as u32;
    if !(1..=4).contains(&len) || !secret.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let before: u64 = (1..len).map(|n| LETTERS.pow(n)).sum();
    let within = secret
        .bytes()
        .fold(0u64, |acc, b| acc * LETTERS + u64::from(b - b'a'));
    Some(DICTIONARY.len() as u64 + before + within)
}

/// A signed value to attack: the payload and the MAC it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The signed payload (for `s:100.MAC`, `100`).
    pub payload: String,
    /// The MAC the cookie carries (a genuine one is 43 characters of unpadded base64).
    pub mac: String,
}

/// Why the brute-forcer's field holds no value it can attack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadTarget {
    /// Not of the form `s:value.MAC`.
    NotSigned,
    /// Two values run together: `s:` comes again inside it. The weak-secret challenge fills
    /// the field with the jar's card, and a learner who pasted the copied value into it got
    /// "Tried every candidate; not found" for `s:100.MACs:100.MAC`, a well-formed value no
    /// secret signed.
    TwoValues,
}

impl Target {
    /// From a cookie value such as `s%3A100.MAC` (URL-encoded or not).
    pub fn from_cookie(raw: &str) -> Option<Target> {
        let a = super::anatomy::anatomy(raw)?;
        Some(Target {
            payload: a.payload,
            mac: a.mac?,
        })
    }

    /// [`Target::from_cookie`], with why not: a value with `s:` again after its start and a
    /// second dot is two values run together (a payload may hold `s:` or a dot, as
    /// `s:s:100.MAC` signed with the prefix typed twice: one dot, attacked as it is).
    pub fn read(raw: &str) -> Result<Target, BadTarget> {
        let t = Target::from_cookie(raw).ok_or(BadTarget::NotSigned)?;
        // (the value is `s:` payload `.` MAC: a second dot is in the payload)
        let again = t.payload.contains("s:") || t.mac.contains("s:");
        if again && t.payload.contains('.') {
            return Err(BadTarget::TwoValues);
        }
        Ok(t)
    }
}

/// Tries candidates `start..start+count`; returns the secret if one matches.
pub fn search(target: &Target, start: u64, count: u64) -> Option<String> {
    (start..start.saturating_add(count).min(total()))
        .filter_map(candidate)
        .find(|c| constant_time_eq(&mac(&target.payload, c), &target.mac))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::signature::sign;
    use crate::engine::uri::encode_uri_component;

    #[test]
    fn enumerates_every_short_lowercase_string() {
        let d = DICTIONARY.len() as u64;
        assert_eq!(total(), d + 26 + 676 + 17_576 + 456_976);
        assert_eq!(candidate(0).as_deref(), Some("secret"));
        assert_eq!(candidate(d).as_deref(), Some("a"));
        assert_eq!(candidate(d + 25).as_deref(), Some("z"));
        assert_eq!(candidate(d + 26).as_deref(), Some("aa"));
        assert_eq!(candidate(total() - 1).as_deref(), Some("zzzz"));
        assert_eq!(candidate(total()), None);
    }

    #[test]
    fn position_is_where_the_search_meets_a_secret() {
        for s in ["secret", "qwerty", "a", "zz", "zfpx", "zzzz", "abc"] {
            let i = position(s).unwrap();
            assert_eq!(candidate(i).as_deref(), Some(s));
        }
        for s in ["", "abcde", "Zfpx", "zfp1", "keyboard-cat", "é"] {
            assert_eq!(position(s), None, "{s}");
        }
    }

    #[test]
    fn finds_the_course_secret_in_chunks() {
        let cookie = encode_uri_component(&format!("s:{}", sign("100", "zfpx")));
        let t = Target::from_cookie(&cookie).unwrap();
        let d = DICTIONARY.len() as u64;
        let at = d + 26 + 676 + 17_576 + (25 * 17_576 + 5 * 676 + 15 * 26 + 23);
        assert_eq!(candidate(at).as_deref(), Some("zfpx"));
        assert_eq!(search(&t, at - 5, 10).as_deref(), Some("zfpx"));
        assert_eq!(search(&t, 0, at), None);
        let keyboard = Target::from_cookie(&encode_uri_component(&format!(
            "s:{}",
            sign("x", "keyboard cat")
        )))
        .unwrap();
        assert_eq!(search(&keyboard, 0, 100).as_deref(), Some("keyboard cat"));
        assert_eq!(Target::from_cookie("100"), None);
    }

    #[test]
    fn a_value_pasted_into_another_is_told_apart() {
        let card = encode_uri_component(&format!("s:{}", sign("100", "zfpx")));
        assert_eq!(Target::read(&card), Ok(Target::from_cookie(&card).unwrap()));
        assert_eq!(Target::read("100"), Err(BadTarget::NotSigned));
        assert_eq!(Target::read(""), Err(BadTarget::NotSigned));
        // pasted in the middle, at the end, or decoded and encoded together
        let (head, tail) = card.split_at(10);
        for twice in [
            format!("{head}{card}{tail}"),
            format!("{card}{card}"),
            format!("{card}s:{}", sign("100", "zfpx")),
        ] {
            assert_eq!(Target::read(&twice), Err(BadTarget::TwoValues), "{twice}");
        }
        // a payload with s: in it, signed so, is one value
        for one in [
            format!("s:{}", sign("s:100", "zfpx")),
            encode_uri_component(&format!("s:{}", sign("is:admin", "ab"))),
        ] {
            let t = Target::read(&one).unwrap();
            assert!(search(&t, 0, total()).is_some(), "{one}");
        }
    }
}
