//! The cookie inspector against cookies made by the real packages
//! (`tests/fixtures/inspector/real-cookies.json`, written by `tests/parity/inspect.js` from
//! express 4.22 + express-session 1.19 and its cookie-signature), and its privacy through the
//! page model: what is typed into it never reaches the saved state or a share link.

use session_lab::engine::ids::SeededRandom;
use session_lab::engine::json::Value;
use session_lab::engine::signature::mac;
use session_lab::engine::store::MemoryKv;
use session_lab::engine::uri::decode_uri_component;
use session_lab::model::inspector::{
    inspect, sign_cookie, Check, Field, Inspected, Inspector, Note, SecretWarning, Source, Warning,
};
use session_lab::model::lessons::LessonId;
use session_lab::model::workbench::{
    InspectorOp, Op, Start, Workbench, EXAMPLE_COOKIE, EXAMPLE_SECRET,
};

fn fixture() -> Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/inspector/real-cookies.json"),
    )
    .expect("the fixture is committed");
    session_lab::engine::json::from_str(&text).expect("the fixture is JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// The signed value's MAC and id, as the real cookie carries them.
fn parts(cookie_pair: &str) -> (String, String) {
    let value = cookie_pair.split_once('=').unwrap().1;
    let decoded = decode_uri_component(value).unwrap();
    let signed = decoded.strip_prefix("s:").unwrap();
    let (id, mac) = signed.rsplit_once('.').unwrap();
    (id.to_string(), mac.to_string())
}

fn only<'a>(cookies: &'a [Inspected], name: &str) -> &'a Inspected {
    let found: Vec<_> = cookies.iter().filter(|c| c.name == name).collect();
    assert_eq!(found.len(), 1, "{name} in {cookies:?}");
    found[0]
}

#[test]
fn real_express_session_cookies_verify_and_tampered_ones_say_why() {
    let f = fixture();
    let cases = f["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    let mut checked = 0;
    for case in cases {
        let (label, name, sid) = (
            str_of(case, "label"),
            str_of(case, "name"),
            str_of(case, "sid"),
        );
        let secrets = strings(&case["secrets"]);
        let set_cookie = str_of(case, "set_cookie");
        // the Set-Cookie line as pasted, with and without its header name
        for text in [format!("Set-Cookie: {set_cookie}"), set_cookie.to_string()] {
            let r = inspect(&text, &secrets);
            let c = only(&r.cookies, name);
            assert_eq!(c.source, Source::SetCookie, "{label}");
            assert_eq!(
                c.check,
                Check::Valid {
                    sid: sid.into(),
                    secret_index: 0
                },
                "{label}"
            );
            assert!(!c.attributes.is_empty(), "{label}");
        }
        // signing the id gives the very value express-session sent
        let signed = sign_cookie(name, sid, secrets.first().map(String::as_str)).unwrap();
        let real_pair = set_cookie.split(';').next().unwrap();
        assert_eq!(signed.cookie, real_pair, "{label}");
        if set_cookie.ends_with("; Path=/; HttpOnly") {
            assert_eq!(signed.set_cookie, set_cookie, "{label}: default options");
        }
        let (_, real_mac) = parts(real_pair);
        for check in case["checks"].as_array().unwrap() {
            let what = str_of(check, "what");
            let cookie = str_of(check, "cookie");
            let check_secrets = strings(&check["secrets"]);
            let accepted = check["accepted"].as_bool().unwrap();
            let r = inspect(&format!("Cookie: {cookie}"), &check_secrets);
            let c = only(&r.cookies, name);
            assert_eq!(c.source, Source::CookieHeader);
            assert_eq!(
                matches!(c.check, Check::Valid { .. }),
                accepted,
                "{label}: {what}: {:?}",
                c.check
            );
            let want = match what {
                "untouched" | "not-url-encoded" => Check::Valid {
                    sid: sid.into(),
                    secret_index: 0,
                },
                "old-secret-after-rotation" => Check::Valid {
                    sid: sid.into(),
                    secret_index: 1,
                },
                "mac-changed" => Check::BadMac {
                    expected: real_mac.clone(),
                    presented: parts(cookie).1,
                },
                "id-changed" | "wrong-secret" => {
                    let (id, presented) = parts(cookie);
                    Check::BadMac {
                        expected: mac(&id, &check_secrets[0]),
                        presented,
                    }
                }
                "unsigned" => Check::NotSigned {
                    decode_failed: false,
                },
                "no-mac" => Check::NoDot,
                other => panic!("a check the test does not know: {other}"),
            };
            assert_eq!(c.check, want, "{label}: {what}");
            // a bare value reads the same
            let bare = inspect(cookie.split_once('=').unwrap().1, &check_secrets);
            assert_eq!(bare.cookies[0].check, want, "{label}: {what}, bare");
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked} checks");
}

#[test]
fn what_a_reviewer_says_about_the_real_cookies() {
    let f = fixture();
    let case = |label: &str| {
        f["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| str_of(c, "label").starts_with(label))
            .cloned()
            .unwrap_or_else(|| panic!("{label}"))
    };
    let report = |c: &Value| inspect(str_of(c, "set_cookie"), &strings(&c["secrets"]));

    let defaults = report(&case("defaults"));
    let c = &defaults.cookies[0];
    assert_eq!(c.warnings, [Warning::NoSecure, Warning::NoSameSite]);
    assert_eq!(
        defaults.secret_warnings,
        [SecretWarning::Dictionary { index: 0 }]
    );
    assert!(c.attributes.iter().any(|a| a.note == Note::SessionOnly));

    let strict = report(&case("max-age"));
    assert!(
        strict.cookies[0].warnings.is_empty(),
        "{:?}",
        strict.cookies[0].warnings
    );
    assert!(strict.secret_warnings.is_empty());
    assert!(strict.cookies[0]
        .attributes
        .iter()
        .any(|a| matches!(a.note, Note::ExpiresAt(_))));

    let cross = report(&case("cross-site"));
    let notes: Vec<&Note> = cross.cookies[0]
        .attributes
        .iter()
        .map(|a| &a.note)
        .collect();
    assert!(notes.contains(&&Note::Domain("example.com".into())));
    assert!(notes.contains(&&Note::Partitioned));
    assert!(notes.contains(&&Note::Priority(Some("High".into()))));
    assert!(cross.cookies[0].warnings.is_empty());

    let weak = report(&case("SameSite=None"));
    assert_eq!(
        weak.cookies[0].warnings,
        [
            Warning::NoHttpOnly,
            Warning::NoSecure,
            Warning::SameSiteNoneWithoutSecure
        ]
    );
    assert!(matches!(
        weak.secret_warnings[..],
        [SecretWarning::BruteForce { index: 0, .. }]
    ));

    let short = report(&case("a short"));
    assert!(short.cookies[0]
        .warnings
        .contains(&Warning::ShortSid { bits: 6 }));
}

/// A line that deletes the cookie gets no advice on its flags: there is nothing left to guard
/// (express's res.clearCookie line, an epoch Expires with a value, a Max-Age of 0); what makes
/// a browser refuse the line is still said (refused, it deletes nothing); a live cookie, or a
/// kept empty one, still gets the advice.
#[test]
fn a_deletion_has_no_flag_advice_but_a_refusal_is_said() {
    let secrets = ["keyboard cat".to_string()];
    let warned = |line: &str| inspect(line, &secrets).cookies[0].warnings.clone();
    let cleared = inspect(
        "Set-Cookie: connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        &secrets,
    );
    assert_eq!(cleared.cookies[0].check, Check::Empty);
    assert_eq!(cleared.cookies[0].warnings, []);
    for line in [
        "Set-Cookie: connect.sid=s%3AUx9mZ1Ew3tV0kVYlqgqxD8fN5aHdJ2pR.def; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        "Set-Cookie: theme=dark; Max-Age=0; Path=/",
    ] {
        assert_eq!(warned(line), [], "{line}");
    }
    // refused by a browser: the logout would keep the cookie
    assert_eq!(
        warned("Set-Cookie: connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=None"),
        [Warning::SameSiteNoneWithoutSecure]
    );
    assert_eq!(
        warned("Set-Cookie: a=; Max-Age=0; Partitioned"),
        [Warning::PartitionedWithoutSecure]
    );
    let advice = [Warning::NoHttpOnly, Warning::NoSecure, Warning::NoSameSite];
    assert_eq!(warned("Set-Cookie: theme=dark; Max-Age=60; Path=/"), advice);
    assert_eq!(warned("Set-Cookie: theme=; Max-Age=3600"), advice);
}

fn open(fragment: &str) -> Workbench {
    Workbench::load(
        Start {
            now: 1_700_000_000_000,
            fragment: fragment.into(),
            stored: Ok(None),
            docs_dropped: 0,
            languages: vec!["en".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(9))),
    )
}

#[test]
fn secrets_and_cookies_never_reach_the_saved_state_or_a_link() {
    let mut wb = open("tool=inspect");
    assert!(wb.inspecting());
    let secret = "s3cret-never-shared-0123456789abcdef";
    let cookie = "connect.sid=s%3Aprivate-session-id.MAC";
    wb.apply(Op::Inspector(InspectorOp::Set(
        Field::Secrets,
        format!("{secret}\nold-one"),
    )));
    wb.apply(Op::Inspector(InspectorOp::Set(
        Field::Cookies,
        cookie.into(),
    )));
    wb.apply(Op::Inspector(InspectorOp::Set(
        Field::SignId,
        "another-private-id".into(),
    )));
    assert_eq!(wb.inspector().secret_list(), [secret, "old-one"]);
    let blob = wb.saved_blob().expect("the page saves its state");
    for link in [wb.share_fragment(true), wb.share_fragment(false)] {
        assert!(link.contains("tool=inspect"), "{link}");
        for private in [
            secret,
            "old-one",
            "private-session-id",
            "another-private-id",
        ] {
            assert!(!link.contains(private), "{link}");
            assert!(!blob.contains(private), "{blob}");
        }
    }
    // the saved state does not remember the inspector at all
    let again = Workbench::load(
        Start {
            now: 1_700_000_000_000,
            fragment: String::new(),
            stored: Ok(Some(blob)),
            docs_dropped: 0,
            languages: vec![],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(9))),
    );
    assert!(!again.inspecting());
    assert_eq!(again.inspector().get(Field::Secrets), "");
}

#[test]
fn the_inspector_opens_and_closes_with_places() {
    let mut wb = open("");
    assert!(!wb.inspecting());
    wb.apply(Op::Inspector(InspectorOp::Open));
    assert!(wb.inspecting());
    assert_eq!(
        wb.place_name(session_lab::i18n::Lang::En),
        "Cookie inspector"
    );
    wb.apply(Op::Inspector(InspectorOp::Example));
    let r = wb.inspector().report();
    assert_eq!(
        r.cookies[0].check,
        Check::Valid {
            sid: "xnPaXdkuKoukfuCNa4d7OP60z12s-hxb".into(),
            secret_index: 0
        }
    );
    assert_eq!(wb.inspector().get(Field::Secrets), EXAMPLE_SECRET);
    assert!(EXAMPLE_COOKIE.starts_with("Set-Cookie: connect.sid="));
    // choosing a lesson goes back to the lab; what was typed stays for this page's life
    wb.apply(Op::SelectLesson(LessonId::Auth));
    assert!(!wb.inspecting());
    assert_eq!(wb.inspector().get(Field::Secrets), EXAMPLE_SECRET);
    wb.apply(Op::ApplyFragment("tool=inspect&lesson=cookie".into()));
    assert!(wb.inspecting());
    wb.apply(Op::ApplyFragment("lesson=auth".into()));
    assert!(!wb.inspecting());
    wb.apply(Op::Inspector(InspectorOp::Open));
    wb.apply(Op::Inspector(InspectorOp::Clear));
    assert_eq!(wb.inspector().get(Field::Cookies), "");
    wb.apply(Op::Inspector(InspectorOp::Close));
    assert!(!wb.inspecting());
    let (f, ignored) = session_lab::model::share::parse("tool=jwt");
    assert_eq!((f.tool, ignored.len()), (None, 1));
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    /// Any pasted text with any secrets gives a report within its limits, and a cookie the
    /// inspector signs (any id, any secret) reads back as valid with the same id and secret #0.
    /// (`fuzz/fuzz_targets/inspector.rs` runs the same property under libFuzzer.)
    #[test]
    fn any_text_inspects_and_what_it_signs_verifies(
        text in "(?s).{0,300}",
        secrets in proptest::collection::vec("[^\n]{0,12}", 0..4),
        id in "[^\n]{0,40}",
    ) {
        let secrets: Vec<String> = session_lab::model::inspector::secret_list(&secrets.join("\n"));
        let report = inspect(&text, &secrets);
        proptest::prop_assert!(report.cookies.len() <= session_lab::model::inspector::MAX_COOKIES);
        proptest::prop_assert_eq!(report.secrets, secrets.len());
        if let Ok(signed) = sign_cookie("connect.sid", &id, secrets.first().map(String::as_str)) {
            let back = inspect(&signed.cookie, &secrets);
            let found = back.cookies.iter().find(|c| c.name == "connect.sid");
            proptest::prop_assert!(found.is_some(), "{}", signed.cookie);
            let check = &found.unwrap().check;
            proptest::prop_assert_eq!(check, &Check::Valid { sid: id.clone(), secret_index: 0 });
        }
    }
}

/// Each keystroke counts as an edit, one that leaves the verdict as it was too: the page's
/// status waits for typing to pause by this count, not by the verdict changing.
#[test]
fn every_edit_is_counted_even_when_the_verdict_stays() {
    let mut ins = Inspector::default();
    assert_eq!(ins.edits(), 0);
    let check = |ins: &Inspector| ins.report().cookies[0].check.clone();
    ins.set(Field::Cookies, "connect.sid=abc");
    let (verdict, edits) = (check(&ins), ins.edits());
    ins.set(Field::Cookies, "connect.sid=abcd");
    assert_eq!(check(&ins), verdict, "not signed either way");
    assert!(ins.edits() > edits);
    ins.set(Field::Secrets, "keyboard cat");
    assert_eq!(ins.edits(), edits + 2);
}

/// The brute-forcer's find checks the cookie in one press: the verdict said "no secret to
/// check it with" beside "Found the secret" (a reviewer). It is added after the secrets
/// given (the first still signs), once.
#[test]
fn a_secret_the_brute_forcer_found_checks_the_cookie() {
    let mut wb = open("tool=inspect");
    let cookie = format!("connect.sid=s%3Aabc.{}", mac("abc", "zfpx"));
    wb.apply(Op::Inspector(InspectorOp::Set(Field::Cookies, cookie)));
    let r = wb.inspector().report();
    assert_eq!(r.cookies[0].check, Check::NoSecret);
    let target = r.cookies[0].target().expect("a MAC to crack");
    let found =
        session_lab::model::bruteforce::search(&target, 0, session_lab::model::bruteforce::total())
            .expect("zfpx is in the dictionary");
    assert_eq!(found, "zfpx");
    wb.apply(Op::Inspector(InspectorOp::UseSecret(found.clone())));
    assert_eq!(wb.inspector().get(Field::Secrets), "zfpx");
    assert!(matches!(
        wb.inspector().report().cookies[0].check,
        Check::Valid {
            secret_index: 0,
            ..
        }
    ));
    // with secrets given already, it goes last, and only once
    wb.apply(Op::Inspector(InspectorOp::Set(
        Field::Secrets,
        "new-one\n".into(),
    )));
    assert!(matches!(
        wb.inspector().report().cookies[0].check,
        Check::BadMac { .. }
    ));
    wb.apply(Op::Inspector(InspectorOp::UseSecret(found.clone())));
    wb.apply(Op::Inspector(InspectorOp::UseSecret(found)));
    assert_eq!(wb.inspector().secret_list(), ["new-one", "zfpx"]);
    assert!(matches!(
        wb.inspector().report().cookies[0].check,
        Check::Valid {
            secret_index: 1,
            ..
        }
    ));
}

/// A secret typed with spaces at an end is checked without them, and the review says so:
/// express-session would keep them ('zfpx ' verified as 'zfpx', a reviewer found).
#[test]
fn a_secret_with_spaces_at_an_end_is_flagged() {
    let mut wb = open("tool=inspect");
    let cookie = format!("connect.sid=s%3Aabc.{}", mac("abc", "zfpx"));
    wb.apply(Op::Inspector(InspectorOp::Set(Field::Cookies, cookie)));
    wb.apply(Op::Inspector(InspectorOp::Set(
        Field::Secrets,
        "long-enough-secret-0123456789\n\nzfpx \n".into(),
    )));
    let r = wb.inspector().report();
    assert!(matches!(
        r.cookies[0].check,
        Check::Valid {
            secret_index: 1,
            ..
        }
    ));
    assert_eq!(r.secret_warnings[0], SecretWarning::Trimmed { index: 1 });
    assert_eq!(
        session_lab::model::inspector::words::secret_warning_text(
            session_lab::i18n::Lang::En,
            &r.secret_warnings[0]
        ),
        "Secret #2 has spaces at an end, which the inspector leaves out; express-session would \
         sign and check with them, so in an app a secret with a trailing space is a different \
         secret."
    );
    // none without them
    wb.apply(Op::Inspector(InspectorOp::Set(
        Field::Secrets,
        "zfpx".into(),
    )));
    assert!(!wb
        .inspector()
        .report()
        .secret_warnings
        .iter()
        .any(|w| matches!(w, SecretWarning::Trimmed { .. })));
}

/// A large count reads as the rest of the page writes one: "candidate 461,490", not
/// "candidate 461490" (a reviewer; the simulation and the store wrote 100,000).
#[test]
fn a_brute_force_warning_groups_its_count() {
    use session_lab::i18n::Lang;
    use session_lab::model::inspector::words::secret_warning_text;
    let text = |lang| {
        secret_warning_text(
            lang,
            &SecretWarning::BruteForce {
                index: 0,
                tries: 461_490,
            },
        )
    };
    assert_eq!(
        text(Lang::En),
        "Secret #1 is 1 to 4 lowercase letters: a brute-forcer finds it at candidate 461,490."
    );
    assert!(text(Lang::Zh).contains("第 461,490 个候选"));
}

/// A MAC not of the shape cookie-signature makes (43 characters of base64) is flagged: no secret
/// verifies it, and with none given the page had said only that it had no secret to check
/// with (review: `connect.sid=s%3AabcDEF123.xyz`). A real one, checked or not, is not.
#[test]
fn a_mac_of_the_wrong_shape_is_flagged() {
    use session_lab::engine::signature::{sign, MAC_LEN};
    let flagged = |line: &str, secrets: &[String]| {
        inspect(line, secrets).cookies[0]
            .warnings
            .iter()
            .find_map(|w| match w {
                Warning::MacShape { len } => Some(*len),
                _ => None,
            })
    };
    assert_eq!(flagged("connect.sid=s%3AabcDEF123.xyz", &[]), Some(3));
    // and nothing offers to crack a MAC no secret makes (the offer sat under the warning)
    let short = inspect("connect.sid=s%3AabcDEF123.xyz", &[]);
    assert!(short.cookies[0].target().is_none());
    let good = format!(
        "s:{}",
        sign("Ux9mZ1Ew3tV0kVYlqgqxD8fN5aHdJ2pR", "keyboard cat")
    );
    let raw = session_lab::engine::uri::encode_uri_component(&good);
    let secrets = ["keyboard cat".to_string()];
    assert_eq!(flagged(&format!("connect.sid={raw}"), &[]), None);
    let real = inspect(&format!("connect.sid={raw}"), &[]);
    assert!(real.cookies[0].target().is_some());
    assert_eq!(flagged(&format!("connect.sid={raw}"), &secrets), None);
    // url-safe base64's `-` in place of a `+`: the right length, still no MAC of express's
    let dashed = format!("connect.sid=s%3Aabc.{}", "-".repeat(MAC_LEN));
    assert_eq!(flagged(&dashed, &secrets), Some(MAC_LEN));
    // the words say its length and the one it should have, in both languages
    let w = Warning::MacShape { len: 3 };
    for lang in [session_lab::i18n::Lang::En, session_lab::i18n::Lang::Zh] {
        let text = session_lab::model::inspector::words::warning_text(lang, &w);
        assert!(text.contains('3') && text.contains("43"), "{text}");
    }
}
