//! Cookie-Editor JSON: an array of cookie objects (or one object), read and written by the
//! engine's one cookie codec in its Cookie-Editor shape ([`Shape::CookieEditor`]).

use super::{At, ImportError, What, MAX_COOKIES};
use crate::engine::clock::Millis;
use crate::engine::jar::json::{from_json, to_json, Shape};
use crate::engine::jar::{Cookie, Limits};
use crate::engine::json::Value;

/// The jar as Cookie-Editor exports it, pretty-printed.
pub fn export(cookies: &[Cookie]) -> String {
    let items: Vec<Value> = cookies
        .iter()
        .map(|c| to_json(c, Shape::CookieEditor))
        .collect();
    crate::engine::json::stringify_pretty(&Value::Array(items), 2)
}

/// Reads an array of cookie objects, or one object. The parser's own message (English) is not kept:
/// the place where parsing stopped says enough.
pub fn import(text: &str, default_host: &str, now: Millis) -> Result<Vec<Cookie>, ImportError> {
    let root: Value = crate::engine::json::from_str(text).map_err(|e| {
        ImportError::new(
            At::Text {
                line: e.line(),
                column: e.column(),
            },
            if e.too_deep() {
                What::TooDeep
            } else {
                What::NotJson
            },
        )
    })?;
    match root {
        Value::Array(items) => {
            if items.len() > MAX_COOKIES {
                return Err(ImportError::new(
                    At::Item {
                        index: Some(MAX_COOKIES),
                        field: None,
                    },
                    What::TooMany { max: MAX_COOKIES },
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| read(item, Some(i), default_host, now))
                .collect()
        }
        obj @ Value::Object(_) => Ok(vec![read(&obj, None, default_host, now)?]),
        _ => Err(ImportError::new(At::Input, What::NotAnArray)),
    }
}

fn read(
    item: &Value,
    index: Option<usize>,
    default_host: &str,
    now: Millis,
) -> Result<Cookie, ImportError> {
    from_json(
        item,
        Shape::CookieEditor,
        default_host,
        now,
        &Limits::default(),
    )
    .map_err(|e| {
        ImportError::new(
            At::Item {
                index,
                field: e.field,
            },
            What::Json(e.problem),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    #[test]
    fn json_export_shape() {
        let jar = sample_jar();
        let text = export(&jar[1..3], Format::CookieEditorJson, NOW);
        let expected = r#"[
  {
    "domain": ".example.com",
    "expirationDate": 1735689600,
    "hostOnly": false,
    "httpOnly": false,
    "name": "cart",
    "path": "/shop",
    "sameSite": "no_restriction",
    "secure": true,
    "session": false,
    "storeId": null,
    "value": "3 items"
  },
  {
    "domain": "app.example.com",
    "expirationDate": 1735689600.25,
    "hostOnly": true,
    "httpOnly": false,
    "name": "theme",
    "path": "/",
    "sameSite": "lax",
    "secure": false,
    "session": false,
    "storeId": null,
    "value": "dark"
  }
]"#;
        assert_eq!(text, expected);
        let session = export(&jar[..1], Format::CookieEditorJson, NOW);
        assert!(!session.contains("expirationDate"));
        assert!(session.contains("\"session\": true"));
        assert!(session.contains("\"sameSite\": \"strict\""));
        assert!(session.contains("\"httpOnly\": true"));
        let unspecified = export(&jar[3..4], Format::CookieEditorJson, NOW);
        assert!(unspecified.contains("\"sameSite\": \"unspecified\""));
        assert_eq!(export(&[], Format::CookieEditorJson, NOW), "[]");
    }

    #[test]
    fn json_round_trip_keeps_everything() {
        let jar = sample_jar();
        let text = export(&jar, Format::CookieEditorJson, NOW);
        let back = import(&text, Format::CookieEditorJson, "elsewhere", NOW).unwrap();
        assert_eq!(back, jar);
    }

    #[test]
    fn imports_a_cookie_editor_file() {
        let text = r#"[
{
    "domain": ".example.com",
    "expirationDate": 1767225600.123456,
    "hostOnly": false,
    "httpOnly": false,
    "name": "_ga",
    "path": "/",
    "sameSite": "no_restriction",
    "secure": true,
    "session": false,
    "storeId": "0",
    "value": "GA1.2.123456789.1700000000",
    "id": 1
},
{
    "domain": "www.example.com",
    "hostOnly": true,
    "httpOnly": true,
    "name": "sessionid",
    "path": "/",
    "sameSite": "lax",
    "secure": true,
    "session": true,
    "storeId": null,
    "value": "abc123",
    "id": 2
},
{
    "domain": "www.example.com",
    "expirationDate": 1767225600,
    "hostOnly": true,
    "httpOnly": false,
    "name": "prefs",
    "path": "/account",
    "sameSite": "unspecified",
    "secure": false,
    "session": false,
    "storeId": null,
    "value": 42,
    "id": 3
}
]"#;
        let cs = import(text, Format::CookieEditorJson, "localhost", NOW).unwrap();
        assert_eq!(cs.len(), 3);
        let ga = &cs[0];
        assert_eq!((ga.domain.as_str(), ga.host_only), ("example.com", false));
        assert_eq!(ga.persistence, Persistence::Until(1_767_225_600_123));
        assert_eq!(ga.same_site, SameSite::None);
        assert!(ga.secure && !ga.http_only);
        assert_eq!(ga.value, "GA1.2.123456789.1700000000");
        let sid = &cs[1];
        assert_eq!(
            (sid.domain.as_str(), sid.host_only),
            ("www.example.com", true)
        );
        assert_eq!(sid.persistence, Persistence::Session);
        assert_eq!(sid.same_site, SameSite::Lax);
        assert!(sid.http_only);
        let prefs = &cs[2];
        assert_eq!(prefs.value, "42");
        assert_eq!(prefs.path, "/account");
        assert_eq!(prefs.same_site, SameSite::Unspecified);
        assert_eq!(prefs.persistence, Persistence::Until(1_767_225_600_000));
        for c in &cs {
            assert_eq!((c.created, c.last_access), (NOW, NOW));
            assert_eq!(c.priority, "Medium");
            assert!(!c.partitioned);
        }
    }

    #[test]
    fn json_defaults_and_spellings() {
        let cs = import(
            r#"{"name": "a", "value": "1"}"#,
            Format::CookieEditorJson,
            "LocalHost",
            NOW,
        )
        .unwrap();
        assert_eq!(cs, vec![cookie("a", "1", "localhost")]);

        let one = |extra: &str| {
            let text = format!(r#"[{{"name": "a", "value": "1", {extra}}}]"#);
            import(&text, Format::CookieEditorJson, "localhost", NOW)
                .unwrap()
                .remove(0)
        };
        for (s, want) in [
            ("Strict", SameSite::Strict),
            ("LAX", SameSite::Lax),
            ("None", SameSite::None),
            ("NO_RESTRICTION", SameSite::None),
            ("unspecified", SameSite::Unspecified),
            ("", SameSite::Unspecified),
        ] {
            assert_eq!(one(&format!(r#""sameSite": "{s}""#)).same_site, want, "{s}");
        }
        assert_eq!(one(r#""sameSite": null"#).same_site, SameSite::Unspecified);
        // A leading dot means a domain cookie unless hostOnly says otherwise.
        let c = one(r#""domain": ".Example.com""#);
        assert_eq!((c.domain.as_str(), c.host_only), ("example.com", false));
        let c = one(r#""domain": ".example.com", "hostOnly": true"#);
        assert!(c.host_only);
        let c = one(r#""domain": "example.com", "hostOnly": false"#);
        assert!(!c.host_only);
        let c = one(r#""hostOnly": false"#);
        assert_eq!((c.domain.as_str(), c.host_only), ("localhost", false));
        // session: true wins over an expiry; no expiry means a session cookie.
        let c = one(r#""session": true, "expirationDate": 1767225600"#);
        assert_eq!(c.persistence, Persistence::Session);
        let c = one(r#""session": false"#);
        assert_eq!(c.persistence, Persistence::Session);
        let c = one(r#""expirationDate": 1767225600.0004"#);
        assert_eq!(c.persistence, Persistence::Until(1_767_225_600_000));
        let c = one(r#""expirationDate": -5"#);
        assert!(c.expired(NOW));
        // a number as JavaScript's String() prints it
        let c = one(r#""value": 1.5e3"#);
        assert_eq!(c.value, "1500");
        let c = one(r#""path": "/a/b", "secure": true, "httpOnly": true, "storeId": "1""#);
        assert_eq!(c.path, "/a/b");
        assert!(c.secure && c.http_only);
        assert_eq!(
            import("[]", Format::CookieEditorJson, "h", NOW).unwrap(),
            vec![]
        );
    }

    #[test]
    fn json_errors() {
        let j = Format::CookieEditorJson;
        let cases = [
            (
                r#"[{"name":"a","value":"1"},{"name":"b","value":"2","secure":"yes"}]"#,
                "[1].secure: expected a boolean",
            ),
            (
                r#"[{"name":"a","value":"1","httpOnly":1}]"#,
                "[0].httpOnly: expected a boolean",
            ),
            (
                r#"[{"name":"a","value":"1","hostOnly":"true"}]"#,
                "[0].hostOnly: expected a boolean",
            ),
            (
                r#"[{"name":"a","value":"1","session":0}]"#,
                "[0].session: expected a boolean",
            ),
            (r#"[{"value":"1"}]"#, "[0].name: missing"),
            (r#"[{"name":null,"value":"1"}]"#, "[0].name: missing"),
            (r#"[{"name":1,"value":"1"}]"#, "[0].name: expected a string"),
            (r#"[{"name":"a"}]"#, "[0].value: missing"),
            (
                r#"[{"name":"a","value":true}]"#,
                "[0].value: expected a string",
            ),
            (
                r#"[{"name":"a","value":["x"]}]"#,
                "[0].value: expected a string",
            ),
            (
                r#"[{"name":"a","value":"1","domain":7}]"#,
                "[0].domain: expected a string",
            ),
            (
                r#"[{"name":"a","value":"1","domain":""}]"#,
                "[0].domain: must not be empty",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"."}]"#,
                "[0].domain: must not be empty",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"..a.com"}]"#,
                "[0].domain: must not start with two dots",
            ),
            (
                r#"[{"name":"a","value":"1","domain":"a .com"}]"#,
                "[0].domain: must not contain spaces, \";\", \"/\" or control characters",
            ),
            (
                r#"[{"name":"a","value":"1","path":"x"}]"#,
                "[0].path: must start with \"/\"",
            ),
            (
                r#"[{"name":"a","value":"1","path":""}]"#,
                "[0].path: must start with \"/\"",
            ),
            (
                r#"[{"name":"a","value":"1","path":"/\n"}]"#,
                "[0].path: must not contain \";\" or control characters",
            ),
            (
                r#"[{"name":"a","value":"1","sameSite":1}]"#,
                "[0].sameSite: expected a string",
            ),
            (
                r#"[{"name":"a","value":"1","sameSite":"bogus"}]"#,
                "[0].sameSite: expected strict, lax, no_restriction or unspecified",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":"1"}]"#,
                "[0].expirationDate: expected a number",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":1e300}]"#,
                "[0].expirationDate: out of range",
            ),
            (
                r#"[{"name":"a","value":"1","expirationDate":-8640000000001}]"#,
                "[0].expirationDate: out of range",
            ),
            (
                r#"[{"name":"a;b","value":"1"}]"#,
                "[0].name: contains \";\" or \"=\"",
            ),
            (
                r#"[{"name":"a=b","value":"1"}]"#,
                "[0].name: contains \";\" or \"=\"",
            ),
            (
                r#"[{"name":"a\u0000","value":"1"}]"#,
                "[0].name: contains a control character",
            ),
            (
                r#"[{"name":"a","value":"x\u0001y"}]"#,
                "[0].value: contains a control character",
            ),
            (
                r#"[{"name":"a","value":"x\u007f"}]"#,
                "[0].value: contains a control character",
            ),
            (
                r#"[{"name":"","value":""}]"#,
                "[0]: has an empty name and an empty value",
            ),
            (
                r#"{"name":"a","value":"1","secure":null,"httpOnly":"no"}"#,
                "httpOnly: expected a boolean",
            ),
            (
                r#"{"name":"a\n","value":"1"}"#,
                "name: contains a control character",
            ),
            (
                r#"{"name":"","value":""}"#,
                "the cookie: has an empty name and an empty value",
            ),
            (
                r#"[{"name":"a","value":"1"}, 1]"#,
                "[1]: expected an object",
            ),
            (r#""cookies""#, "expected an array of cookie objects"),
            ("null", "expected an array of cookie objects"),
        ];
        for (text, want) in cases {
            assert_eq!(err(text, j).to_string(), want, "{text}");
        }
        // A tab inside a value is accepted now, as the jar's own rule (and Chrome) accepts it.
        let tab = import(r#"[{"name":"a","value":"x\ty"}]"#, j, "h", NOW).unwrap();
        assert_eq!(tab[0].value, "x\ty");
    }

    #[test]
    fn json_syntax_and_default_host_errors() {
        let e = err("[{\"name\": \"a\",\n oops}]", Format::CookieEditorJson);
        assert_eq!(e.at, At::Text { line: 2, column: 2 });
        assert_eq!(e.what, What::NotJson);
        assert_eq!(e.to_string(), "line 2, column 2: invalid JSON");
        let one = r#"[{"name":"a","value":"1"}]"#;
        for host in ["", "a b", "."] {
            let e = import(one, Format::CookieEditorJson, host, NOW).unwrap_err();
            assert_eq!(
                e.to_string(),
                "[0].domain: missing, and there is no valid default host"
            );
        }
        // With an explicit domain the default host does not matter.
        let with_domain = r#"[{"name":"a","value":"1","domain":"x.org"}]"#;
        assert!(import(with_domain, Format::CookieEditorJson, "", NOW).is_ok());
    }
}
