//! A signed cookie value taken apart (`s:` · id · `.` · MAC) and the server's verdict on it,
//! computed exactly as the server would on the next request.

use crate::engine::events::CookieVerdict;
use crate::engine::session::middleware::{read_cookie, SessionRequest};
use crate::engine::signature::{mac, UnsignError};
use crate::engine::uri::decode_uri_component;

/// The parts of a value as the server reads it (after percent-decoding).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anatomy {
    /// The signed payload (the session id, or the balance).
    pub payload: String,
    /// The MAC after the last `.` (None if there is no dot).
    pub mac: Option<String>,
}

/// Splits a raw cookie value. Returns `None` for values that are not signed at all (no `s:`).
pub fn anatomy(raw: &str) -> Option<Anatomy> {
    let decoded = decode_uri_component(raw).unwrap_or_else(|_| raw.to_string());
    split_signed(&decoded)
}

/// Whether a session cookie's raw value names a session in the lab's store that has not
/// expired and holds a logged-in user, whatever its MAC (a value whose MAC was edited still
/// names the session: "Logged in, change the last character").
pub fn names_logged_in(lab: &crate::engine::lab::Lab, raw: &str) -> bool {
    let store = &lab.server.store;
    anatomy(raw).is_some_and(|a| {
        store.has_live(&a.payload, lab.now)
            && store
                .rows_find(&a.payload)
                .is_some_and(|r| r.username().is_some())
    })
}

/// How long the signed prefix of a raw value is as written: `s:` (2), or `s%3A` percent-encoded
/// in either case (4); `None` for a value that does not start with one.
pub fn raw_prefix_len(raw: &str) -> Option<usize> {
    if raw.starts_with("s:") {
        Some(2)
    } else {
        raw.get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("s%3A"))
            .then_some(4)
    }
}

/// Splits a value already decoded (as the server holds it: `s:id.MAC`). Returns `None` without
/// the `s:` prefix.
pub fn split_signed(decoded: &str) -> Option<Anatomy> {
    let rest = decoded.strip_prefix("s:")?;
    let (payload, mac) = match rest.rfind('.') {
        Some(i) => (rest[..i].to_string(), Some(rest[i + 1..].to_string())),
        None => (rest.to_string(), None),
    };
    Some(Anatomy { payload, mac })
}

/// The server's verdict on a session cookie in the jar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Signature valid and the store has the session.
    Accepted {
        /// The session id the cookie names, found in the store.
        sid: String,
        /// Which secret verified it (0 = the current one).
        secret_index: usize,
    },
    /// Signature valid, but the store does not know the id: the server will start a new session.
    UnknownSid {
        /// The session id the cookie names, unknown to the store (or expired there).
        sid: String,
    },
    /// No `s:` prefix after decoding: unsigned values are never accepted.
    MissingPrefix {
        /// The percent-decoding failed (so the raw `s%3A…` stays).
        decode_failed: bool,
    },
    /// No `.`: no MAC to check.
    NoDot,
    /// The MAC does not match.
    BadMac {
        /// What the server's current secret produces.
        expected: String,
        /// What the cookie carries.
        presented: String,
    },
    /// The server has no secret configured.
    NoSecret,
}

impl Verdict {
    /// How it reads: a genuine id the store no longer has is a warning, as the last request's
    /// banner reads the same check ([`crate::model::workbench::CheckResult::tone`]).
    pub fn tone(&self) -> crate::model::explain::Tone {
        use crate::model::explain::Tone;
        match self {
            Verdict::Accepted { .. } => Tone::Good,
            Verdict::UnknownSid { .. } => Tone::Warn,
            Verdict::MissingPrefix { .. }
            | Verdict::NoDot
            | Verdict::BadMac { .. }
            | Verdict::NoSecret => Tone::Bad,
        }
    }
}

/// What the express-session server will say about `name=raw` (`store_has` answers whether a
/// live session with that id is in the store).
pub fn session_verdict(
    name: &str,
    raw: &str,
    secrets: &[String],
    store_has: impl Fn(&str) -> bool,
) -> Verdict {
    if secrets.is_empty() {
        return Verdict::NoSecret;
    }
    let header = format!("{name}={raw}");
    let req = SessionRequest {
        pathname: "/",
        cookie_header: Some(&header),
        ..Default::default()
    };
    match read_cookie(&req, name, secrets) {
        CookieVerdict::Valid { sid, secret_index } => {
            if store_has(&sid) {
                Verdict::Accepted { sid, secret_index }
            } else {
                Verdict::UnknownSid { sid }
            }
        }
        CookieVerdict::Absent
        | CookieVerdict::Unsigned {
            decode_error: None, ..
        } => Verdict::MissingPrefix {
            decode_failed: false,
        },
        CookieVerdict::Unsigned { .. } => Verdict::MissingPrefix {
            decode_failed: true,
        },
        CookieVerdict::BadSignature {
            error: UnsignError::NoDot,
            ..
        } => Verdict::NoDot,
        CookieVerdict::BadSignature {
            error: UnsignError::NoSecret,
            ..
        } => Verdict::NoSecret,
        CookieVerdict::BadSignature {
            error:
                UnsignError::BadMac {
                    expected,
                    presented,
                    ..
                },
            ..
        } => Verdict::BadMac {
            expected,
            presented,
        },
    }
}

/// The verdict of cookie-parser with a secret (the signed card): valid, or why not.
pub fn signed_cookie_verdict(raw: &str, secret: &str) -> Verdict {
    match anatomy(raw) {
        None => Verdict::MissingPrefix {
            decode_failed: decode_uri_component(raw).is_err(),
        },
        Some(Anatomy { mac: None, .. }) => Verdict::NoDot,
        Some(Anatomy {
            payload,
            mac: Some(m),
            ..
        }) => {
            let expected = mac(&payload, secret);
            if crate::engine::signature::constant_time_eq(&expected, &m) {
                Verdict::Accepted {
                    sid: payload,
                    secret_index: 0,
                }
            } else {
                Verdict::BadMac {
                    expected,
                    presented: m,
                }
            }
        }
    }
}

/// A presented MAC in runs, each marked where it differs from the expected one at the same
/// place (a character past the expected's end differs): the view marks those, so the one
/// character lesson 4's step 4 changed stands out, and a forged MAC is marked all along. (The
/// whole MAC was struck through, which made it hard to compare with the one above.) A
/// character or two that match by chance between differing ones are marked with them: a MAC
/// made with another secret showed a plain "7" and "l" inside its marks, which read as a MAC
/// that partly matched.
pub fn mac_diff(expected: &str, presented: &str) -> Vec<(String, bool)> {
    let mut want = expected.chars();
    let mut marks: Vec<(char, bool)> = presented
        .chars()
        .map(|c| (c, want.next() != Some(c)))
        .collect();
    let mut i = 0;
    while i < marks.len() {
        let same = marks[i..].iter().take_while(|m| !m.1).count();
        let inside = i > 0 && i + same < marks.len();
        if same > 0 && same < 3 && inside {
            marks[i..i + same].iter_mut().for_each(|m| m.1 = true);
        }
        i += same.max(1);
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (c, differs) in marks {
        match runs.last_mut() {
            Some((run, d)) if *d == differs => run.push(c),
            _ => runs.push((c.to_string(), differs)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::signature::sign;

    #[test]
    fn the_raw_prefix_as_written() {
        assert_eq!(raw_prefix_len("s:100.mac"), Some(2));
        assert_eq!(raw_prefix_len("s%3A100.mac"), Some(4));
        assert_eq!(raw_prefix_len("s%3a100.mac"), Some(4));
        for raw in ["", "s", "s%3", "100", "S:100", "s%3B1"] {
            assert_eq!(raw_prefix_len(raw), None, "{raw}");
        }
    }
    use crate::engine::uri::encode_uri_component;

    #[test]
    fn a_presented_mac_is_marked_where_it_differs() {
        let run = |s: &str, d| (s.to_string(), d);
        assert_eq!(
            mac_diff("abcd", "abXd"),
            [run("ab", false), run("X", true), run("d", false)]
        );
        assert_eq!(mac_diff("abcd", "abcd"), [run("abcd", false)]);
        assert_eq!(mac_diff("ab", "abcd"), [run("ab", false), run("cd", true)]);
        assert_eq!(mac_diff("abcd", "xy"), [run("xy", true)]);
        assert_eq!(mac_diff("abcd", ""), []);
        // a match by chance between differing characters is marked with them; three or more
        // in a row, or at either end, are not
        assert_eq!(mac_diff("abcdef", "XbYdeZ"), [run("XbYdeZ", true)]);
        assert_eq!(
            mac_diff("abcdefg", "XbcdYfg"),
            [
                run("X", true),
                run("bcd", false),
                run("Y", true),
                run("fg", false)
            ]
        );
        assert_eq!(
            mac_diff("abcd", "aXcd"),
            [run("a", false), run("X", true), run("cd", false)]
        );
        // characters, not bytes: a pasted non-ASCII MAC does not split a character
        assert_eq!(
            mac_diff("abc", "a好c"),
            [run("a", false), run("好", true), run("c", false)]
        );
        let joined: String = mac_diff("LO/Rc2", "LO/Rcx")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(joined, "LO/Rcx");
    }

    fn cookie(sid: &str, secret: &str) -> String {
        encode_uri_component(&format!("s:{}", sign(sid, secret)))
    }

    #[test]
    fn takes_a_signed_value_apart() {
        let a = anatomy(&cookie("abc.def", "zfpx")).unwrap();
        assert_eq!(a.payload, "abc.def");
        assert_eq!(a.mac.as_deref(), Some(mac("abc.def", "zfpx").as_str()));
        assert_eq!(anatomy("plain"), None);
        assert_eq!(anatomy("s%3Anodot").unwrap().mac, None);
    }

    #[test]
    fn the_three_rejections_and_acceptance() {
        let secrets = vec!["zfpx".to_string()];
        let known = |sid: &str| sid == "known";
        assert_eq!(
            session_verdict("connect.sid", &cookie("known", "zfpx"), &secrets, known),
            Verdict::Accepted {
                sid: "known".into(),
                secret_index: 0
            }
        );
        assert_eq!(
            session_verdict("connect.sid", &cookie("other", "zfpx"), &secrets, known),
            Verdict::UnknownSid {
                sid: "other".into()
            }
        );
        assert_eq!(
            session_verdict("connect.sid", "known", &secrets, known),
            Verdict::MissingPrefix {
                decode_failed: false
            }
        );
        assert_eq!(
            session_verdict("connect.sid", "s%3Aknown%ZZ", &secrets, known),
            Verdict::MissingPrefix {
                decode_failed: true
            }
        );
        assert_eq!(
            session_verdict("connect.sid", "s%3Aknown", &secrets, known),
            Verdict::NoDot
        );
        assert!(matches!(
            session_verdict("connect.sid", &cookie("known", "other"), &secrets, known),
            Verdict::BadMac { .. }
        ));
        let rotated = vec!["new".to_string(), "zfpx".to_string()];
        assert_eq!(
            session_verdict("connect.sid", &cookie("known", "zfpx"), &rotated, known),
            Verdict::Accepted {
                sid: "known".into(),
                secret_index: 1
            }
        );
    }

    #[test]
    fn signed_card() {
        assert!(matches!(
            signed_cookie_verdict(&cookie("100", "zfpx"), "zfpx"),
            Verdict::Accepted { .. }
        ));
        assert!(matches!(
            signed_cookie_verdict(&cookie("100", "zfpx").replace("100", "999"), "zfpx"),
            Verdict::BadMac { .. }
        ));
        assert!(matches!(
            signed_cookie_verdict("9999", "zfpx"),
            Verdict::MissingPrefix { .. }
        ));
    }
}
