//! What the page keeps in the browser's storage between visits, as versioned JSON. Reading
//! never fails hard: a blob that is not ours, truncated, or from a future version is replaced
//! by a clean start, and entries that do not validate are dropped one by one, each with a
//! notice.

use super::challenges::ChallengeId;
use super::deploy::DeployPatch;
use super::lessons::{LessonId, Variant};
use crate::engine::clock::Millis;
use crate::engine::jar::json::{from_json, to_json, Shape};
use crate::engine::jar::{Cookie, Limits, Persistence, SameSite};
use crate::engine::json::{json, Map, Value};
use crate::i18n::Lang;

/// The current schema version. Version 2 keeps the jar in the engine's cookie JSON
/// (Cookie-Editor's keys plus the lab's extras); version 1 had a shape of its own, version 0
/// (early builds) no version field and the jar under `cookies`.
pub const SCHEMA_VERSION: u64 = 2;
/// The storage key of the state blob.
pub const STATE_KEY: &str = "session-lab:state";
/// The prefix of the persistent store's documents.
pub const DB_PREFIX: &str = "session-lab:db:";

/// The colour theme the learner picked; saved, and carried by share links as `theme=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Always light (`data-theme="light"` on `<html>`).
    Light,
    /// Always dark (`data-theme="dark"` on `<html>`).
    Dark,
}

impl Theme {
    /// `system`, `light` or `dark`: the code in saved state and share links.
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    /// From [`Theme::code`].
    pub fn from_code(s: &str) -> Option<Theme> {
        [Theme::System, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.code() == s)
    }
}

/// The saved state.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// The lesson open when the state was saved.
    pub lesson: LessonId,
    /// The lesson's variant running then.
    pub variant: Variant,
    /// Language, if the learner chose one.
    pub lang: Option<Lang>,
    /// The colour theme ([`Theme::System`] until the learner picks one).
    pub theme: Theme,
    /// The virtual clock (ms since the epoch), so expiry goes on where it left off.
    pub now: Millis,
    /// The learner's option changes.
    pub overrides: Map<String, Value>,
    /// The learner's browser's persistent cookies (session cookies die with the page, as
    /// with a browser restart).
    pub jar: Vec<Cookie>,
    /// Codes of the challenges solved ([`crate::model::challenges::ChallengeId::code`]), at
    /// most 64.
    pub solved: Vec<String>,
    /// Lesson steps done (`cookie.first-card`), at most 200.
    pub steps: Vec<String>,
    /// Quiz answers given, by question (`cookie.q1`) and the choice (0 to 2), at most 200.
    pub answers: Vec<(String, u8)>,
    /// The first answer given to each question, the same way (the quiz's score counts first
    /// tries too).
    pub first_answers: Vec<(String, u8)>,
    /// The deployment the learner changed from the lesson variant's own.
    pub deploy: DeployPatch,
    /// Whether a bare `?` opens the shortcuts (on until the learner turns it off: WCAG 2.1.4
    /// asks that a one-character shortcut can be).
    pub question_key: bool,
    /// The challenge open when the state was saved: a reload starts it again (it left the
    /// learner in a lesson without a word).
    pub challenge: Option<ChallengeId>,
    /// The names of the browser-session cookies the jar held (they die with the page, so
    /// only their names are kept): lesson 5 says which a reload took, at most 20.
    pub ended: Vec<String>,
}

impl Saved {
    /// A clean start.
    pub fn fresh(now: Millis) -> Saved {
        Saved {
            lesson: LessonId::Cookie,
            variant: LessonId::Cookie.default_variant(),
            lang: None,
            theme: Theme::System,
            now,
            overrides: Map::new(),
            steps: Vec::new(),
            answers: Vec::new(),
            first_answers: Vec::new(),
            jar: Vec::new(),
            solved: Vec::new(),
            deploy: DeployPatch::default(),
            question_key: true,
            challenge: None,
            ended: Vec::new(),
        }
    }
}

/// Why the whole saved blob was unusable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetReason {
    /// Not JSON; where parsing stopped.
    NotJson {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
    },
    /// JSON, but not an object.
    NotAnObject,
    /// An object, but not Session Lab's (no `"app": "session-lab"`).
    NotOurs,
    /// Saved by a newer version of the lab, with this schema version.
    Newer(u64),
}

/// Why something saved was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The whole blob was unusable and a clean start was made.
    Reset(ResetReason),
    /// Some entries were dropped.
    Dropped {
        /// Which part (`jar`, `options`, ...).
        part: &'static str,
        /// How many entries of that part were dropped.
        count: usize,
    },
    /// An older version was upgraded.
    Migrated {
        /// The schema version read; only version 0 is reported (version 1's upgrade is silent).
        from: u64,
    },
}

/// A saved cookie: the engine's cookie JSON with the lab's extras.
fn cookie_json(c: &Cookie) -> Value {
    to_json(c, Shape::WithLabExtras)
}

/// A saved cookie read back, if it is one the jar would take by hand.
fn cookie_from(v: &Value) -> Option<Cookie> {
    // Every saved cookie has its domain, and its times; the defaults are never used.
    from_json(v, Shape::WithLabExtras, "", 0, &Limits::default()).ok()
}

/// A version-1 jar entry (`{name, value, domain (no dot), hostOnly, path, expires (ms or
/// null), secure, httpOnly, sameSite (a DevTools label), partitioned, priority, created,
/// lastAccess}`, every key required) in the version-2 shape; `None` if version 1 would not
/// have read it either.
fn cookie_v1_to_v2(v: &Value) -> Option<Value> {
    let o = v.as_object()?;
    let s = |k: &str| o.get(k)?.as_str();
    let b = |k: &str| o.get(k)?.as_bool();
    let n = |k: &str| o.get(k)?.as_i64();
    let host_only = b("hostOnly")?;
    let persistence = match o.get("expires")? {
        Value::Null => Persistence::Session,
        e => Persistence::Until(e.as_i64()?),
    };
    let c = Cookie {
        name: s("name")?.to_string(),
        value: s("value")?.to_string(),
        domain: s("domain")?.to_string(),
        host_only,
        path: s("path")?.to_string(),
        persistence,
        secure: b("secure")?,
        http_only: b("httpOnly")?,
        same_site: SameSite::from_label(s("sameSite")?),
        partitioned: b("partitioned")?,
        priority: s("priority")?.to_string(),
        created: n("created")?,
        last_access: n("lastAccess")?,
    };
    // version 1 checked only these; the version-2 reader checks everything else
    (!c.domain.is_empty()).then(|| cookie_json(&c))
}

/// The blob to store.
pub fn encode(s: &Saved) -> String {
    let v = json!({
        "app": "session-lab",
        "v": SCHEMA_VERSION,
        "lesson": s.lesson.code(),
        "variant": s.variant.code(),
        "lang": s.lang.map(Lang::code),
        "theme": s.theme.code(),
        "now": s.now,
        "options": Value::Object(s.overrides.clone()),
        "jar": s.jar.iter().filter(|c| c.persistence != Persistence::Session).map(cookie_json).collect::<Vec<_>>(),
        "solved": &s.solved,
        "steps": &s.steps,
        "answers": answers_json(&s.answers),
        "firstAnswers": answers_json(&s.first_answers),
        "deploy": s.deploy.to_json(),
        "questionKey": s.question_key,
        "challenge": s.challenge.map(ChallengeId::code),
        "ended": &s.ended,
    });
    crate::engine::json::stringify(&v)
}

/// Quiz answers as a JSON object: question code to choice.
fn answers_json(answers: &[(String, u8)]) -> Value {
    Value::Object(
        answers
            .iter()
            .map(|(q, a)| (q.clone(), Value::from(*a)))
            .collect(),
    )
}

/// Quiz answers from [`answers_json`]'s object, at most 200, dropping odd entries; `None` if
/// it is not an object.
fn answers_from(v: Option<&Value>) -> Option<Vec<(String, u8)>> {
    let m = v?.as_object()?;
    let answers = m
        .iter()
        .filter(|(q, _)| q.len() <= 64)
        .filter_map(|(q, a)| {
            let a = a.as_u64().filter(|a| *a <= 2)?;
            Some((q.clone(), a as u8))
        })
        .take(200)
        .collect();
    Some(answers)
}

/// Reads a blob. Always gives a usable state, with notices saying what was not used.
pub fn decode(text: &str, default_now: Millis) -> (Saved, Vec<Notice>) {
    let reset = |why| (Saved::fresh(default_now), vec![Notice::Reset(why)]);
    let v: Value = match crate::engine::json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return reset(ResetReason::NotJson {
                line: e.line(),
                column: e.column(),
            })
        }
    };
    let Value::Object(mut m) = v else {
        return reset(ResetReason::NotAnObject);
    };
    if m.get("app").and_then(Value::as_str) != Some("session-lab") {
        return reset(ResetReason::NotOurs);
    }
    let mut notices = Vec::new();
    let version = m.get("v").and_then(Value::as_u64).unwrap_or(0);
    if version > SCHEMA_VERSION {
        return reset(ResetReason::Newer(version));
    }
    if version == 0 {
        // version 0 (early builds) had no version field and kept the jar under "cookies",
        // its entries shaped as in version 1
        notices.push(Notice::Migrated { from: 0 });
        if let Some(c) = m.swap_remove("cookies") {
            m.insert("jar".into(), c);
        }
    }
    if version < 2 {
        // Version 1's jar entries had a shape of their own. Nothing the learner sees
        // changes, so this upgrade is silent (no "migrated" notice); an entry version 1
        // would have dropped still counts as dropped.
        if let Some(Value::Array(jar)) = m.get_mut("jar") {
            for entry in jar.iter_mut() {
                *entry = cookie_v1_to_v2(entry).unwrap_or(Value::Null);
            }
        }
    }
    let v = Value::Object(m);
    // a field that is there but unusable is reported, then replaced by its default
    let mut check = |part: &'static str, ok: bool| {
        if v.get(part).is_some_and(|x| !x.is_null()) && !ok {
            notices.push(Notice::Dropped { part, count: 1 });
        }
    };
    let lesson_read = v
        .get("lesson")
        .and_then(Value::as_str)
        .and_then(LessonId::from_code);
    check("lesson", lesson_read.is_some());
    let lesson = lesson_read.unwrap_or(LessonId::Cookie);
    let variant_read = v
        .get("variant")
        .and_then(Value::as_str)
        .and_then(Variant::from_code)
        .filter(|x| lesson.variants().contains(x));
    check("variant", variant_read.is_some());
    let variant = variant_read.unwrap_or(lesson.default_variant());
    let now_read = v
        .get("now")
        .and_then(Value::as_i64)
        .filter(|n| n.abs() < 8_000_000_000_000_000);
    check("now", now_read.is_some());
    let now = now_read.unwrap_or(default_now);
    let lang = v
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::from_code);
    check("lang", lang.is_some());
    let theme = v
        .get("theme")
        .and_then(Value::as_str)
        .and_then(Theme::from_code);
    check("theme", theme.is_some());
    check("options", v.get("options").is_some_and(Value::is_object));
    check("jar", v.get("jar").is_some_and(Value::is_array));
    check("solved", v.get("solved").is_some_and(Value::is_array));
    check("steps", v.get("steps").is_some_and(Value::is_array));
    check("answers", v.get("answers").is_some_and(Value::is_object));
    check(
        "firstAnswers",
        v.get("firstAnswers").is_some_and(Value::is_object),
    );
    // added after version 2 was released, like steps: only a bad value counts
    let deploy = v.get("deploy").and_then(DeployPatch::from_json);
    check("deploy", deploy.is_some());
    let question_key = v.get("questionKey").and_then(Value::as_bool);
    check("questionKey", question_key.is_some());
    let challenge = v
        .get("challenge")
        .and_then(Value::as_str)
        .and_then(ChallengeId::from_code);
    check("challenge", challenge.is_some());
    // added after version 2 was released: only a wrong shape counts
    check("ended", v.get("ended").is_some_and(Value::is_array));
    let overrides = v
        .get("options")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let overrides = if lesson.config(variant).app.uses_session() {
        let mut c = lesson.config(variant);
        let merged = crate::engine::session::merge(&c.overrides, &overrides);
        c.overrides = merged.clone();
        if c.options().is_ok() {
            overrides
        } else {
            notices.push(Notice::Dropped {
                part: "options",
                count: 1,
            });
            Map::new()
        }
    } else {
        Map::new()
    };
    let raw_jar = v
        .get("jar")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let jar: Vec<Cookie> = raw_jar.iter().filter_map(cookie_from).collect();
    if jar.len() < raw_jar.len() {
        notices.push(Notice::Dropped {
            part: "jar",
            count: raw_jar.len() - jar.len(),
        });
    }
    let solved = v
        .get("solved")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .take(64)
                .collect()
        })
        .unwrap_or_default();
    // added after version 2 was released: absent in older blobs, so only a wrong shape counts
    let steps = v
        .get("steps")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().filter(|s| s.len() <= 64).map(str::to_string))
                .take(200)
                .collect()
        })
        .unwrap_or_default();
    let ended = v
        .get("ended")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().filter(|s| s.len() <= 256).map(str::to_string))
                .take(20)
                .collect()
        })
        .unwrap_or_default();
    let answers = answers_from(v.get("answers")).unwrap_or_default();
    // added after version 2 was released: a blob without first tries takes the answers as
    // they are for them
    let first_answers = answers_from(v.get("firstAnswers")).unwrap_or_else(|| answers.clone());
    (
        Saved {
            lesson,
            variant,
            lang,
            theme: theme.unwrap_or_default(),
            now,
            overrides,
            jar,
            solved,
            steps,
            answers,
            first_answers,
            deploy: deploy.unwrap_or_default(),
            question_key: question_key.unwrap_or(true),
            challenge,
            ended,
        },
        notices,
    )
}

/// Whether a stored document of the persistent store is well-formed enough to keep.
pub fn valid_document(sid: &str, text: &str) -> bool {
    let Ok(v) = crate::engine::json::from_str(text) else {
        return false;
    };
    v.get("_id").and_then(Value::as_str) == Some(sid)
        && v.get("session").and_then(Value::as_str).is_some_and(|s| {
            crate::engine::json::from_str(s).is_ok_and(|x| x.get("cookie").is_some())
        })
        && v.get("expires")
            .is_some_and(|e| e.is_null() || e.as_str().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_shapes_are_named() {
        let (s, n) = decode(
            r#"{"app":"session-lab","v":1,"lesson":42,"variant":"x","now":"soon","lang":"fr","theme":7,"options":[1],"jar":"x","solved":{}}"#,
            9,
        );
        assert_eq!(s, Saved::fresh(9));
        let parts: Vec<&str> = n
            .iter()
            .filter_map(|n| match n {
                Notice::Dropped { part, .. } => Some(*part),
                _ => None,
            })
            .collect();
        assert_eq!(
            parts,
            ["lesson", "variant", "now", "lang", "theme", "options", "jar", "solved"]
        );
        let (_, n) = decode("[1,2]", 9);
        assert!(matches!(&n[..], [Notice::Reset(_)]));
        let (_, n) = decode(r#"{"app":"session-lab","v":1,"lang":null}"#, 9);
        assert!(n.is_empty(), "{n:?}");
    }

    fn cookie(name: &str, persistent: bool) -> Cookie {
        Cookie {
            name: name.into(),
            value: "v".into(),
            domain: "localhost".into(),
            host_only: true,
            path: "/".into(),
            persistence: if persistent {
                Persistence::Until(5)
            } else {
                Persistence::Session
            },
            secure: false,
            http_only: true,
            same_site: SameSite::Unspecified,
            partitioned: false,
            priority: "Medium".into(),
            created: 1,
            last_access: 2,
        }
    }

    #[test]
    fn round_trip_keeps_persistent_cookies_only() {
        let mut s = Saved::fresh(7);
        s.lesson = LessonId::Auth;
        s.variant = Variant::Fixed;
        s.lang = Some(Lang::Zh);
        s.theme = Theme::Dark;
        s.jar = vec![cookie("keep", true), cookie("drop", false)];
        s.overrides.insert("rolling".into(), json!(true));
        let (back, notices) = decode(&encode(&s), 0);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back.jar, vec![cookie("keep", true)]);
        assert_eq!(
            (back.lesson, back.variant, back.lang, back.theme, back.now),
            (
                LessonId::Auth,
                Variant::Fixed,
                Some(Lang::Zh),
                Theme::Dark,
                7
            )
        );
        assert_eq!(back.overrides.get("rolling"), Some(&json!(true)));
        assert!(back.question_key, "on unless turned off");
    }

    #[test]
    fn the_open_challenge_is_kept_and_an_unknown_one_dropped() {
        let mut s = Saved::fresh(7);
        s.challenge = Some(ChallengeId::Csrf);
        let (back, notices) = decode(&encode(&s), 0);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back.challenge, Some(ChallengeId::Csrf));
        // none open, and a blob written before the field existed: none, silently
        let (back, notices) = decode(&encode(&Saved::fresh(7)), 0);
        assert_eq!((back.challenge, notices.len()), (None, 0));
        let mut old: Value = crate::engine::json::from_str(&encode(&Saved::fresh(7))).unwrap();
        old.as_object_mut().unwrap().swap_remove("challenge");
        let (back, notices) = decode(&old.to_string(), 0);
        assert_eq!((back.challenge, notices.len()), (None, 0));
        // a code that is no challenge: dropped, and said
        old["challenge"] = json!("nope");
        let (back, notices) = decode(&old.to_string(), 0);
        assert_eq!(back.challenge, None);
        assert_eq!(
            notices,
            [Notice::Dropped {
                part: "challenge",
                count: 1
            }]
        );
    }

    #[test]
    fn first_tries_are_kept_and_an_older_blob_takes_its_answers_for_them() {
        let mut s = Saved::fresh(7);
        s.answers = vec![("cookie.q1".into(), 2), ("cookie.q2".into(), 0)];
        s.first_answers = vec![("cookie.q1".into(), 1), ("cookie.q2".into(), 0)];
        let (back, notices) = decode(&encode(&s), 0);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(
            (&back.answers, &back.first_answers),
            (&s.answers, &s.first_answers)
        );
        // written before first tries were kept: the answers stand for them, silently
        let mut old: Value = crate::engine::json::from_str(&encode(&s)).unwrap();
        old.as_object_mut().unwrap().swap_remove("firstAnswers");
        let (back, notices) = decode(&old.to_string(), 0);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back.first_answers, s.answers);
        // not an object: dropped with a notice, the answers stand for them; odd entries go
        old["firstAnswers"] = json!([1]);
        let (back, notices) = decode(&old.to_string(), 0);
        assert_eq!(back.first_answers, s.answers);
        assert_eq!(
            notices,
            [Notice::Dropped {
                part: "firstAnswers",
                count: 1
            }]
        );
        old["firstAnswers"] = json!({"cookie.q1": 7, "cookie.q3": 1});
        let (back, _) = decode(&old.to_string(), 0);
        assert_eq!(back.first_answers, vec![("cookie.q3".to_string(), 1)]);
    }

    #[test]
    fn the_question_key_setting_is_kept_and_defaults_to_on() {
        let mut s = Saved::fresh(7);
        s.question_key = false;
        let (back, notices) = decode(&encode(&s), 0);
        assert!(notices.is_empty(), "{notices:?}");
        assert!(!back.question_key);
        // a blob written before the setting existed: on
        let mut old: Value = crate::engine::json::from_str(&encode(&Saved::fresh(7))).unwrap();
        old.as_object_mut().unwrap().swap_remove("questionKey");
        let (back, notices) = decode(&old.to_string(), 0);
        assert!(notices.is_empty(), "{notices:?}");
        assert!(back.question_key);
        // a value that is not a boolean is dropped with a notice, and the setting stays on
        old["questionKey"] = json!("no");
        let (back, notices) = decode(&old.to_string(), 0);
        assert!(back.question_key);
        assert_eq!(
            notices,
            [Notice::Dropped {
                part: "questionKey",
                count: 1
            }]
        );
    }

    #[test]
    fn reset_reasons_are_typed() {
        let reason = |text: &str| match decode(text, 0).1.as_slice() {
            [Notice::Reset(r)] => *r,
            n => panic!("{text}: {n:?}"),
        };
        assert_eq!(reason(""), ResetReason::NotJson { line: 1, column: 0 });
        assert_eq!(
            reason("{\n\"app\": "),
            ResetReason::NotJson { line: 2, column: 7 }
        );
        for not_object in ["[]", "null", "\"x\"", "[1,2]", "3"] {
            assert_eq!(reason(not_object), ResetReason::NotAnObject, "{not_object}");
        }
        assert_eq!(reason("{\"app\":\"other\"}"), ResetReason::NotOurs);
        assert_eq!(reason("{}"), ResetReason::NotOurs);
        assert_eq!(
            reason("{\"app\":\"session-lab\",\"v\":99}"),
            ResetReason::Newer(99)
        );
        assert_eq!(
            reason("{\"app\":\"session-lab\",\"v\":3}"),
            ResetReason::Newer(3)
        );
    }

    #[test]
    fn bad_blobs_reset_with_a_reason() {
        for bad in [
            "",
            "{",
            "[]",
            "{\"app\":\"other\"}",
            "{\"app\":\"session-lab\",\"v\":99}",
            "null",
            "\"x\"",
        ] {
            let (s, n) = decode(bad, 3);
            assert_eq!(s, Saved::fresh(3), "{bad}");
            assert!(matches!(n[0], Notice::Reset(_)), "{bad}");
        }
    }

    #[test]
    fn bad_parts_are_dropped_one_by_one() {
        let text = r#"{"app":"session-lab","v":1,"lesson":"middleware","variant":"nope","now":"x",
            "options":{"unset":"sometimes"},"jar":[5,{"name":"a"}],"solved":[1,"forge"]}"#;
        let (s, n) = decode(text, 3);
        assert_eq!(s.lesson, LessonId::Middleware);
        assert_eq!(s.variant, Variant::Seed);
        assert_eq!(s.now, 3);
        assert!(s.overrides.is_empty());
        assert_eq!(s.solved, ["forge"]);
        assert!(n.contains(&Notice::Dropped {
            part: "options",
            count: 1
        }));
        assert!(n.contains(&Notice::Dropped {
            part: "jar",
            count: 2
        }));
    }

    /// A jar entry as version 1 (and version 0) wrote it.
    fn v1_cookie_json(c: &Cookie) -> Value {
        json!({
            "name": &c.name, "value": &c.value, "domain": &c.domain, "hostOnly": c.host_only, "path": &c.path,
            "expires": match c.persistence { Persistence::Session => Value::Null, Persistence::Until(t) => json!(t) },
            "secure": c.secure, "httpOnly": c.http_only, "sameSite": c.same_site.label(),
            "partitioned": c.partitioned, "priority": &c.priority, "created": c.created, "lastAccess": c.last_access,
        })
    }

    #[test]
    fn version_zero_is_migrated() {
        // (this test used to write its old blob with the current writer; version 0 kept
        // version 1's jar entries, so it now writes those)
        let old = format!(
            r#"{{"app":"session-lab","lesson":"auth","cookies":[{}]}}"#,
            v1_cookie_json(&cookie("sid", true))
        );
        let (s, n) = decode(&old, 0);
        assert_eq!(n, [Notice::Migrated { from: 0 }]);
        assert_eq!(s.jar, [cookie("sid", true)]);
        // saved back in the current schema, which reads back without notices
        let again = encode(&s);
        assert!(again.contains(r#""v":2"#), "{again}");
        assert_eq!(decode(&again, 0), (s, vec![]));
    }

    #[test]
    fn version_one_is_upgraded_silently() {
        let domain_cookie = Cookie {
            domain: "example.com".into(),
            host_only: false,
            path: "/shop".into(),
            persistence: Persistence::Until(1_735_689_600_250),
            secure: true,
            http_only: false,
            same_site: SameSite::None,
            partitioned: true,
            priority: "High".into(),
            created: 1_700_000_000_000,
            last_access: 1_700_000_000_001,
            ..cookie("cart", true)
        };
        let keep = [cookie("sid", true), domain_cookie];
        let mut jar: Vec<Value> = keep.iter().map(v1_cookie_json).collect();
        // what version 1 dropped is still dropped: a missing key, a wrong type, a bad path,
        // an empty domain, a refused name; and so is what the jar refuses by hand now
        let broken = |k: &str, v: Value| {
            let mut e = v1_cookie_json(&cookie("x", true));
            match v {
                Value::Null if k != "expires" => {
                    e.as_object_mut().unwrap().swap_remove(k);
                }
                v => e[k] = v,
            }
            e
        };
        jar.extend([
            json!(5),
            broken("secure", Value::Null),
            broken("created", json!("soon")),
            broken("expires", json!(1.5)),
            broken("path", json!("x")),
            broken("domain", json!("")),
            broken("name", json!("a;b")),
            broken("domain", json!("a b")),
            broken("expires", json!(i64::MAX)),
        ]);
        let blob = json!({"app": "session-lab", "v": 1, "lesson": "auth", "variant": "fixed", "now": 9, "jar": jar});
        let (s, n) = decode(&blob.to_string(), 0);
        assert_eq!(s.jar, keep);
        assert_eq!(
            n,
            [Notice::Dropped {
                part: "jar",
                count: 9
            }]
        );
        // the blob e2e/tests/stored.spec.mjs writes
        let e2e = r#"{"app":"session-lab","v":1,"lesson":"auth","variant":"fixed","lang":"en","theme":"dark","now":1700000000000,"options":{},
            "jar":[{"name":"kept","value":"yes","domain":"localhost","hostOnly":true,"path":"/","expires":4102444800000,"secure":false,
            "httpOnly":false,"sameSite":"","partitioned":false,"priority":"Medium","created":1700000000000,"lastAccess":1700000000000}],"solved":["tamper"]}"#;
        let (s, n) = decode(e2e, 0);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(
            (s.jar[0].pair(), s.jar[0].persistence),
            (
                "kept=yes".to_string(),
                Persistence::Until(4_102_444_800_000)
            )
        );
    }

    #[test]
    fn the_jar_is_saved_as_cookie_json() {
        let mut s = Saved::fresh(7);
        s.jar = vec![cookie("keep", true)];
        let text = encode(&s);
        assert!(
            text.contains(r#""jar":[{"domain":"localhost","expirationDate":0.005,"hostOnly":true,"httpOnly":true,"name":"keep","path":"/","sameSite":"unspecified","secure":false,"session":false,"storeId":null,"value":"v","priority":"Medium","partitioned":false,"created":1,"lastAccess":2}]"#),
            "{text}"
        );
    }

    proptest::proptest! {
        /// The fuzz target's invariant (fuzz/fuzz_targets/saved_state.rs) over near misses of
        /// both jar shapes: decoding never panics, and what it keeps reads back unchanged and
        /// without notices.
        #[test]
        fn what_is_kept_is_stable(
            v in 0..4u64,
            key in "(name|value|domain|hostOnly|path|expires|expirationDate|secure|httpOnly|sameSite|session|partitioned|priority|created|lastAccess)",
            val in "(null|true|false|-?[0-9]{1,20}(\\.[0-9]{1,4})?(e[0-9]{1,3})?|\"[ -~]{0,8}\")",
        ) {
            let Ok(val) = crate::engine::json::from_str(&val) else {
                return Ok(());
            };
            for base in [v1_cookie_json(&cookie("a", true)), cookie_json(&cookie("a", true))] {
                let mut entry = base;
                entry[key.as_str()] = val.clone();
                let blob = json!({"app": "session-lab", "v": v, "jar": [entry.clone()], "cookies": [entry]});
                let (saved, _) = decode(&blob.to_string(), 5);
                let text = encode(&saved);
                let (again, notices) = decode(&text, 5);
                proptest::prop_assert!(notices.is_empty(), "{:?} for {}", notices, text);
                proptest::prop_assert_eq!(encode(&again), text);
            }
        }
    }

    #[test]
    fn documents() {
        assert!(valid_document(
            "a",
            r#"{"_id":"a","session":"{\"cookie\":{}}","expires":"2030-01-01T00:00:00.000Z"}"#
        ));
        assert!(!valid_document(
            "a",
            r#"{"_id":"b","session":"{\"cookie\":{}}","expires":null}"#
        ));
        assert!(!valid_document(
            "a",
            r#"{"_id":"a","session":"{","expires":null}"#
        ));
        assert!(!valid_document("a", "garbage"));
    }

    /// The names of the session cookies a reload took: strings only, each at most 256 bytes,
    /// 20 at most; a wrong shape is reported and read as none.
    #[test]
    fn ended_cookie_names() {
        let long = "x".repeat(257);
        let blob = json!({"app": "session-lab", "v": SCHEMA_VERSION, "ended": ["connect.sid", 7, long, "b"]});
        let (s, notices) = decode(&crate::engine::json::stringify(&blob), 0);
        assert_eq!(s.ended, ["connect.sid", "b"]);
        assert!(notices.is_empty(), "{notices:?}");
        let many: Vec<String> = (0..30).map(|i| format!("c{i}")).collect();
        let blob = json!({"app": "session-lab", "v": SCHEMA_VERSION, "ended": many});
        assert_eq!(
            decode(&crate::engine::json::stringify(&blob), 0)
                .0
                .ended
                .len(),
            20
        );
        let (s, notices) = decode(r#"{"app":"session-lab","v":2,"ended":"connect.sid"}"#, 0);
        assert!(s.ended.is_empty());
        assert_eq!(
            notices,
            [Notice::Dropped {
                part: "ended",
                count: 1
            }]
        );
        // and written back
        let mut saved = Saved::fresh(0);
        saved.ended = vec!["connect.sid".into()];
        assert!(encode(&saved).contains(r#""ended":["connect.sid"]"#));
    }
}
