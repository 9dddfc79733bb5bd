//! The inspector's findings in words, in both languages (the table is `src/i18n/inspector.rs`).

use super::{Check, Inspected, Note, Report, SecretWarning, SignProblem, Source, Warning};
use crate::engine::jar::SameSite;
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::{refusal_text, Tone};

/// The verdict in one sentence, and how it reads.
pub fn check_text(lang: Lang, c: &Check) -> (Tone, String) {
    let k = |key| t(lang, key).to_string();
    match c {
        Check::Valid { secret_index, .. } => (
            Tone::Good,
            fill(
                t(lang, Key::InspectorValid),
                &[("n", &(secret_index + 1).to_string())],
            ),
        ),
        Check::BadMac { .. } => (Tone::Bad, k(Key::InspectorBadMac)),
        Check::NoDot => (Tone::Bad, k(Key::InspectorNoDot)),
        Check::NotSigned { decode_failed } => {
            let mut s = k(Key::InspectorNotSigned);
            if *decode_failed {
                s.push(' ');
                s.push_str(t(lang, Key::InspectorDecodeFailed));
            }
            (Tone::Info, s)
        }
        Check::NoSecret => (Tone::Info, k(Key::InspectorNoSecret)),
        Check::Empty => (Tone::Info, k(Key::InspectorEmptyValue)),
    }
}

/// A cookie's verdict in one sentence, where it came from in mind: an empty value in a
/// `Set-Cookie` is what deletes a cookie (res.clearCookie sends one), not only "no cookie"
/// when sent back (a reviewer read the Cookie header's sentence under a deletion).
pub fn verdict_text(lang: Lang, c: &Inspected) -> (Tone, String) {
    match (&c.check, c.source) {
        (Check::Empty, Source::SetCookie) if c.value.is_empty() => (
            Tone::Info,
            t(lang, Key::InspectorEmptySetCookie).to_string(),
        ),
        // a value, signed, whose id is empty (`s:.<MAC>`): "Empty" said of a value that was
        // not (review)
        (Check::Empty, _) if !c.value.is_empty() => {
            (Tone::Info, t(lang, Key::InspectorEmptyId).to_string())
        }
        // a cookie named otherwise than express-session's default is most likely a plain
        // one: the session cookie's half of the sentence comes second and short (a list of
        // three cookies repeated 40 words of it for `theme` and `lang`, a reviewer said)
        (
            Check::NotSigned {
                decode_failed: false,
            },
            _,
        ) if c.name != super::DEFAULT_NAME => (
            Tone::Info,
            t(lang, Key::InspectorNotSignedPlain).to_string(),
        ),
        (check, _) => check_text(lang, check),
    }
}

/// Where a cookie came from.
pub fn source_text(lang: Lang, s: Source) -> &'static str {
    t(
        lang,
        match s {
            Source::CookieHeader => Key::InspectorSourceHeader,
            Source::SetCookie => Key::InspectorSourceSetCookie,
            Source::Bare => Key::InspectorSourceBare,
        },
    )
}

/// What an attribute means.
pub fn note_text(lang: Lang, n: &Note) -> String {
    let k = |key| t(lang, key).to_string();
    match n {
        Note::ExpiresAt(_) => k(Key::NoteExpiresAt),
        Note::ExpiresIgnored(_) => k(Key::NoteExpiresIgnored),
        Note::ExpiresPast(_) => k(Key::NoteExpiresPast),
        Note::MaxAge(s) => fill(t(lang, Key::NoteMaxAge), &[("n", &s.to_string())]),
        Note::MaxAgeDeletes(s) => fill(t(lang, Key::NoteMaxAgeDeletes), &[("n", &s.to_string())]),
        Note::SessionOnly => k(Key::NoteSessionOnly),
        Note::Domain(d) => fill(t(lang, Key::NoteDomain), &[("domain", d)]),
        Note::HostOnly => k(Key::NoteHostOnly),
        Note::Path(p) => fill(t(lang, Key::NotePath), &[("path", p)]),
        Note::PathDefault => k(Key::NotePathDefault),
        Note::HttpOnly => k(Key::NoteHttpOnly),
        Note::NoHttpOnly => k(Key::NoteNoHttpOnly),
        Note::Secure => k(Key::NoteSecure),
        Note::NoSecure => k(Key::NoteNoSecure),
        Note::SameSite(s) => k(match s {
            SameSite::Strict => Key::NoteStrict,
            SameSite::Lax => Key::NoteLax,
            SameSite::None => Key::NoteNone,
            SameSite::Unspecified => Key::NoteUnspecified,
        }),
        Note::Partitioned => k(Key::NotePartitioned),
        Note::NotPartitioned => k(Key::NoteNotPartitioned),
        Note::Priority(None) => k(Key::NotePriorityDefault),
        Note::Priority(Some(p)) => {
            if ["low", "medium", "high"].contains(&p.to_ascii_lowercase().as_str()) {
                k(Key::NotePriority)
            } else {
                k(Key::NotePriorityUnknown)
            }
        }
    }
}

/// A reviewer's remark about a cookie.
pub fn warning_text(lang: Lang, w: &Warning) -> String {
    let k = |key| t(lang, key).to_string();
    match w {
        Warning::NoHttpOnly => k(Key::WarnNoHttpOnly),
        Warning::NoSecure => k(Key::WarnNoSecure),
        Warning::SameSiteNoneWithoutSecure => k(Key::WarnNoneInsecure),
        Warning::PartitionedWithoutSecure => k(Key::WarnPartitionedInsecure),
        Warning::NoSameSite => k(Key::WarnNoSameSite),
        // the right length: the characters are what is wrong ("The MAC is 43 characters, not
        // the shape of … (43 characters of base64 …)" for a base64url MAC; review)
        Warning::MacShape { len } => fill(
            t(
                lang,
                if *len == crate::engine::signature::MAC_LEN {
                    Key::WarnMacChars
                } else {
                    Key::WarnMacShape
                },
            ),
            &[
                ("len", &len.to_string()),
                ("want", &crate::engine::signature::MAC_LEN.to_string()),
            ],
        ),
        Warning::ShortSid { bits } => {
            fill(t(lang, Key::WarnShortSid), &[("bits", &bits.to_string())])
        }
        Warning::Unstorable(why) => fill(
            t(lang, Key::WarnUnstorable),
            &[(
                "reason",
                &crate::model::explain::jar_refusal_text(lang, why),
            )],
        ),
    }
}

/// A reviewer's remark about a secret (numbered from 1, as the page shows them).
pub fn secret_warning_text(lang: Lang, w: &SecretWarning) -> String {
    match w {
        SecretWarning::Dictionary { index } => fill(
            t(lang, Key::WarnSecretDictionary),
            &[("n", &(index + 1).to_string())],
        ),
        SecretWarning::BruteForce { index, tries } => fill(
            t(lang, Key::WarnSecretBrute),
            &[
                ("n", &(index + 1).to_string()),
                ("tries", &crate::i18n::grouped(*tries as usize)),
            ],
        ),
        SecretWarning::Trimmed { index } => fill(
            t(lang, Key::WarnSecretTrimmed),
            &[("n", &(index + 1).to_string())],
        ),
        SecretWarning::Short { index, len } => fill(
            t(lang, Key::WarnSecretShort),
            &[("n", &(index + 1).to_string()), ("len", &len.to_string())],
        ),
    }
}

/// Why the id could not be signed.
pub fn sign_problem_text(lang: Lang, p: &SignProblem) -> String {
    match p {
        SignProblem::NoId => t(lang, Key::InspectorSignNoId).to_string(),
        SignProblem::NoSecret => t(lang, Key::InspectorSignNoSecret).to_string(),
        SignProblem::Serialize(e) => fill(
            t(lang, Key::InspectorSignBadName),
            &[
                ("error", &e.to_string()),
                ("symbols", crate::engine::cookie_header::TOKEN_SYMBOLS),
            ],
        ),
    }
}

/// The lines the inspector could not use, in words.
pub fn problems_text(lang: Lang, r: &Report) -> Vec<String> {
    r.problems
        .iter()
        .map(|p| {
            let why = refusal_text(lang, &p.refusal);
            fill(
                t(lang, Key::InspectorLineRefused),
                &[("line", &p.line.to_string()), ("why", &why)],
            )
        })
        .collect()
}

/// One line per cookie, `name: verdict`, for the live region (what a screen reader hears
/// when the result changes).
pub fn summary(lang: Lang, r: &Report) -> String {
    if r.cookies.is_empty() {
        return t(lang, Key::InspectorSummaryEmpty).to_string();
    }
    // cookies with the same verdict are named together, the verdict said once, each group
    // where its first cookie came: five unsigned cookies had repeated its 120 characters
    // five times (review)
    let mut groups: Vec<(Vec<String>, String)> = Vec::new();
    for (name, verdict) in summary_lines(lang, r) {
        match groups.iter_mut().find(|(_, v)| *v == verdict) {
            Some((names, _)) => names.push(name),
            None => groups.push((vec![name], verdict)),
        }
    }
    let mut parts: Vec<String> = groups
        .into_iter()
        .map(|(names, verdict)| {
            let names = names.join(t(lang, Key::ListComma));
            format!("{names}{}{verdict}", t(lang, Key::Colon))
        })
        .collect();
    if r.cookies.len() > SUMMARY_COOKIES {
        parts.push("…".into());
    }
    parts.join(" ")
}

/// How many cookies the summary names.
pub const SUMMARY_COOKIES: usize = 5;

/// The summary's cookies, each with its verdict: the page lists them (one bold paragraph of
/// five verdicts was hard to read, a reviewer said). A cookie a same-named one before it
/// shadows is said to be ignored, as the server ignores it: "connect.sid: rejected …
/// connect.sid: valid" for a request express-session rejects (it reads the first) was heard
/// and read as if the second had saved it (review).
pub fn summary_lines(lang: Lang, r: &Report) -> Vec<(String, String)> {
    (r.cookies.iter().take(SUMMARY_COOKIES))
        .map(|c| {
            let mut verdict = if c.shadowed {
                t(lang, Key::InspectorShadowed).to_string()
            } else {
                verdict_text(lang, c).1
            };
            // and a Set-Cookie a browser refuses to store says so beside "Valid" (it had said
            // only "Valid", the refusal in the warnings below the card; review)
            for w in c.warnings.iter().filter(|w| w.refused_by_browsers()) {
                crate::i18n::push_sentence(&mut verdict, &warning_text(lang, w));
            }
            (name_shown(lang, &c.name), verdict)
        })
        .collect()
}

/// A cookie's name as the inspector heads it: an empty one (` ===` in a Cookie header reads
/// as the name "" with the value "==", as cookie.parse does) is said to be empty: shown as
/// "∅", its summary line began with a bare colon (a reviewer).
pub fn name_shown(lang: Lang, name: &str) -> String {
    if name.is_empty() {
        t(lang, Key::InspectorEmptyName).to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inspector::inspect;

    #[test]
    fn a_set_cookie_a_browser_refuses_says_so_in_the_summary() {
        let r = inspect("Set-Cookie: a=1; Path=/; SameSite=None; Partitioned", &[]);
        let said = summary(Lang::En, &r);
        assert!(
            said.contains("SameSite=None without Secure: browsers refuse")
                && said.contains("Partitioned without Secure: browsers refuse"),
            "{said}"
        );
        let ok = inspect("Set-Cookie: a=1; Path=/; SameSite=None; Secure", &[]);
        assert!(!summary(Lang::En, &ok).contains("refuse"));
    }

    #[test]
    fn a_shadowed_cookie_is_summed_up_as_ignored() {
        let good = crate::engine::uri::encode_uri_component(&format!(
            "s:{}",
            crate::engine::signature::sign("abc", "zfpx")
        ));
        let bad = format!("{}A", &good[..good.len() - 1]);
        let bad = if bad == good {
            format!("{}B", &good[..good.len() - 1])
        } else {
            bad
        };
        let r = inspect(
            &format!("Cookie: connect.sid={bad}; connect.sid={good}"),
            &["zfpx".to_string()],
        );
        let lines = summary_lines(Lang::En, &r);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].1.starts_with("Rejected: wrong MAC"), "{lines:?}");
        assert_eq!(lines[1].1, t(Lang::En, Key::InspectorShadowed));
        assert!(
            !summary(Lang::En, &r).contains("Valid"),
            "{}",
            summary(Lang::En, &r)
        );
    }

    #[test]
    fn a_cookie_with_an_empty_name_is_said_to_have_one() {
        let r = inspect("Cookie: asdf ;; ===", &["zfpx".to_string()]);
        assert_eq!(r.cookies.len(), 1);
        assert_eq!(r.cookies[0].name, "");
        assert!(summary(Lang::En, &r).starts_with("(empty name): "));
        assert!(summary(Lang::Zh, &r).starts_with("（空名字）："));
        assert_eq!(name_shown(Lang::En, "connect.sid"), "connect.sid");
    }

    #[test]
    fn every_finding_has_words_in_both_languages() {
        let r = inspect(
            "Set-Cookie: a=s%3A1.x; Max-Age=0; Expires=Wed, 15 Nov 2023 22:13:20 GMT; Domain=example.com; Path=/p; SameSite=None; Partitioned; Priority=odd\nCookie: b=s%3Ab; c=plain; d=%ZZ; e=\ns%3Ax.y\nSet-Cookie: =",
            &["zfpx".to_string()],
        );
        for lang in Lang::ALL {
            for c in &r.cookies {
                assert!(!verdict_text(lang, c).1.is_empty());
                for a in &c.attributes {
                    assert!(!note_text(lang, &a.note).is_empty());
                }
                for w in &c.warnings {
                    assert!(!warning_text(lang, w).contains('{'));
                }
            }
            for w in &r.secret_warnings {
                assert!(!secret_warning_text(lang, w).contains('{'));
            }
            assert_eq!(problems_text(lang, &r).len(), 1);
            assert!(summary(lang, &r).starts_with(&format!("a{}", t(lang, Key::Colon))));
        }
        assert_eq!(
            check_text(
                Lang::En,
                &Check::Valid {
                    sid: "x".into(),
                    secret_index: 1
                }
            ),
            (Tone::Good, "Valid with secret #2.".to_string())
        );
        assert_eq!(summary(Lang::En, &Report::default()), "No cookie yet.");
        // each language's colon, as the page's list shows it
        let r = inspect("Cookie: a=1", &[]);
        assert!(
            summary(Lang::Zh, &r).starts_with("a："),
            "{}",
            summary(Lang::Zh, &r)
        );
        assert!(summary(Lang::En, &r).starts_with("a: "));
    }

    #[test]
    fn an_unsigned_cookie_of_another_name_reads_as_a_plain_cookie_first() {
        let r = inspect("Cookie: theme=dark; connect.sid=abc; bad=%ZZ", &[]);
        let said: Vec<String> = r
            .cookies
            .iter()
            .map(|c| verdict_text(Lang::En, c).1)
            .collect();
        assert_eq!(said[0], "Not signed: taken as sent, so anyone can change it (were it the app's session cookie, express-session would ignore it).");
        assert!(
            said[1].starts_with(
                "Not signed: the value does not start with s:. Read as the session cookie"
            ),
            "{said:?}"
        );
        // a value that does not decode keeps the whole account of it
        assert!(
            said[2].contains("percent-encoding does not decode"),
            "{said:?}"
        );
    }

    /// A cookie from a Cookie header that a browser could not hold is said so, in the jar's
    /// words: a control character, a size over 4096 bytes (read as ordinary cookies; review).
    /// A good one is not, nor a Set-Cookie (refused as a line instead).
    #[test]
    fn a_cookie_a_browser_could_not_hold_is_flagged() {
        let warned = |text: &str| -> Vec<String> {
            inspect(text, &[]).cookies[0]
                .warnings
                .iter()
                .map(|w| warning_text(Lang::En, w))
                .collect()
        };
        let ctl = warned("Cookie: a=x\u{7}y");
        assert!(
            ctl.iter().any(|w| w == "A browser does not store or send such a cookie: it contains a control character."),
            "{ctl:?}"
        );
        let big = warned(&format!("Cookie: big={}", "x".repeat(5000)));
        assert!(
            big.iter()
                .any(|w| w.contains("name plus value is 5003 bytes, over 4096")),
            "{big:?}"
        );
        assert!(warned("Cookie: a=1").is_empty());
        let r = inspect(&format!("Set-Cookie: big={}", "x".repeat(5000)), &[]);
        assert!(r.cookies.is_empty() && r.problems.len() == 1);
        let zh = inspect("Cookie: a=x\u{7}y", &[]).cookies[0]
            .warnings
            .clone();
        assert!(warning_text(Lang::Zh, &zh[0]).starts_with("浏览器不会存也不会发这样的 cookie："));
    }

    /// Cookies with the same verdict are named together and the verdict said once, each
    /// group where its first cookie came; a different verdict is said on its own.
    #[test]
    fn the_summary_says_a_shared_verdict_once() {
        let r = inspect("Cookie: theme=dark; lang=zh; x=1; connect.sid=abc", &[]);
        let said = summary(Lang::En, &r);
        let plain = verdict_text(Lang::En, &r.cookies[0]).1;
        assert!(
            said.starts_with(&format!("theme, lang, x: {plain}")),
            "{said}"
        );
        assert_eq!(said.matches(&plain).count(), 1, "{said}");
        assert!(said.contains(" connect.sid: Not signed"), "{said}");
        let zh = summary(Lang::Zh, &r);
        assert!(zh.starts_with("theme、lang、x："), "{zh}");
    }

    #[test]
    fn an_empty_set_cookie_is_read_as_a_deletion() {
        let r = inspect(
            "Set-Cookie: connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT\nCookie: connect.sid=",
            &[],
        );
        assert_eq!(r.cookies.len(), 2);
        let said: Vec<String> = r
            .cookies
            .iter()
            .map(|c| verdict_text(Lang::En, c).1)
            .collect();
        assert!(said[0].starts_with("Empty: with an expiry in the past (as res.clearCookie sends it) it deletes the cookie"), "{said:?}");
        assert_eq!(said[1], "Empty: express-session treats it as no cookie.");
        assert!(summary(Lang::En, &r).starts_with("connect.sid: Empty: with an expiry in the past"));
        // a signed value whose id is empty is not said to be empty
        let mac = crate::engine::signature::sign("", "zfpx");
        for text in [
            format!("s:{mac}"),
            format!("Set-Cookie: connect.sid=s%3A{mac}; Path=/"),
        ] {
            let r = inspect(&text, &["zfpx".to_string()]);
            assert_eq!(r.cookies[0].check, Check::Empty, "{text}");
            let said = verdict_text(Lang::En, &r.cookies[0]).1;
            assert!(
                said.starts_with("The session id after s: is empty"),
                "{said}"
            );
        }
    }
}
