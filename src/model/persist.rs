//! What the page keeps in the browser's storage between visits, as versioned JSON. Reading
//! never fails hard: a blob that is not ours, truncated, or from a future version is replaced
//! by a clean start, and entries that do not validate are dropped one by one, each with a
//! notice.

use super::lessons::{LessonId, Variant};
use crate::engine::clock::Millis;
use crate::engine::jar::{Cookie, Limits, Persistence, SameSite};
use crate::i18n::Lang;
use serde_json::{json, Map, Value};

/// The current schema version.
pub const SCHEMA_VERSION: u64 = 1;
/// The storage key of the state blob.
pub const STATE_KEY: &str = "session-lab:state";
/// The prefix of the persistent store's documents.
pub const DB_PREFIX: &str = "session-lab:db:";

/// Colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Stable code.
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
    /// The lesson.
    pub lesson: LessonId,
    /// Its variant.
    pub variant: Variant,
    /// Language, if the learner chose one.
    pub lang: Option<Lang>,
    /// Theme.
    pub theme: Theme,
    /// Virtual time.
    pub now: Millis,
    /// The learner's option changes.
    pub overrides: Map<String, Value>,
    /// The learner's browser's persistent cookies (session cookies die with the page, as
    /// with a browser restart).
    pub jar: Vec<Cookie>,
    /// Solved challenges.
    pub solved: Vec<String>,
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
            jar: Vec::new(),
            solved: Vec::new(),
        }
    }
}

/// Why something saved was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The whole blob was unusable and a clean start was made.
    Reset(String),
    /// Some entries were dropped.
    Dropped {
        /// Which part (`jar`, `options`, ...).
        part: &'static str,
        /// How many.
        count: usize,
    },
    /// An older version was upgraded.
    Migrated {
        /// From version.
        from: u64,
    },
}

fn cookie_json(c: &Cookie) -> Value {
    json!({
        "name": c.name, "value": c.value, "domain": c.domain, "hostOnly": c.host_only, "path": c.path,
        "expires": match c.persistence { Persistence::Session => Value::Null, Persistence::Until(t) => json!(t) },
        "secure": c.secure, "httpOnly": c.http_only, "sameSite": c.same_site.label(),
        "partitioned": c.partitioned, "priority": c.priority, "created": c.created, "lastAccess": c.last_access,
    })
}

fn cookie_from(v: &Value) -> Option<Cookie> {
    let s = |k: &str| v.get(k)?.as_str().map(str::to_string);
    let b = |k: &str| v.get(k)?.as_bool();
    let n = |k: &str| v.get(k)?.as_i64();
    let c = Cookie {
        name: s("name")?,
        value: s("value")?,
        domain: s("domain")?,
        host_only: b("hostOnly")?,
        path: s("path")?,
        persistence: match v.get("expires")? {
            Value::Null => Persistence::Session,
            e => Persistence::Until(e.as_i64()?),
        },
        secure: b("secure")?,
        http_only: b("httpOnly")?,
        same_site: SameSite::from_label(&s("sameSite")?),
        partitioned: b("partitioned")?,
        priority: s("priority")?,
        created: n("created")?,
        last_access: n("lastAccess")?,
    };
    // what the jar would refuse by hand is dropped
    c.check(&Limits::default()).is_ok().then_some(c)
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
        "solved": s.solved,
    });
    crate::engine::json::stringify(&v)
}

/// Reads a blob. Always gives a usable state, with notices saying what was not used.
pub fn decode(text: &str, default_now: Millis) -> (Saved, Vec<Notice>) {
    let fresh = Saved::fresh(default_now);
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (fresh, vec![Notice::Reset(format!("not JSON ({e})"))]),
    };
    if v.get("app").and_then(Value::as_str) != Some("session-lab") {
        return (fresh, vec![Notice::Reset("not Session Lab's data".into())]);
    }
    let mut notices = Vec::new();
    let version = v.get("v").and_then(Value::as_u64).unwrap_or(0);
    let v = match version {
        SCHEMA_VERSION => v,
        0 => {
            // version 0 (early builds) had no version field and kept the jar under "cookies"
            notices.push(Notice::Migrated { from: 0 });
            let mut m = v.as_object().cloned().unwrap_or_default();
            if let Some(c) = m.remove("cookies") {
                m.insert("jar".into(), c);
            }
            Value::Object(m)
        }
        future => {
            return (
                fresh,
                vec![Notice::Reset(format!(
                    "saved by a newer version ({future})"
                ))],
            )
        }
    };
    if !v.is_object() {
        return (fresh, vec![Notice::Reset("not an object".into())]);
    }
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
        },
        notices,
    )
}

/// Whether a stored document of the persistent store is well-formed enough to keep.
pub fn valid_document(sid: &str, text: &str) -> bool {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    v.get("_id").and_then(Value::as_str) == Some(sid)
        && v.get("session").and_then(Value::as_str).is_some_and(|s| {
            serde_json::from_str::<Value>(s).is_ok_and(|x| x.get("cookie").is_some())
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

    #[test]
    fn version_zero_is_migrated() {
        let old = format!(
            r#"{{"app":"session-lab","lesson":"auth","cookies":[{}]}}"#,
            cookie_json(&cookie("sid", true))
        );
        let (s, n) = decode(&old, 0);
        assert_eq!(n, [Notice::Migrated { from: 0 }]);
        assert_eq!(s.jar.len(), 1);
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
}
