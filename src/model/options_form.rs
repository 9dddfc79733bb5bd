//! The options editor's form: the express-session options it offers, how each field shows an
//! option's value, and what JSON value a field's text stands for. The page draws the fields;
//! what they mean lives here.

use crate::engine::json::{Map, Value};
use crate::engine::session::{option_at, set_option_at};
use crate::i18n::{fill, t, Key, Lang};

/// What kind of control a field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text (a name, a secret or a list of secrets, a date, a path).
    Text,
    /// A number of milliseconds.
    Number,
    /// One of these values (the empty one means "not set").
    Choice(&'static [&'static str]),
}

const BOOL: &[&str] = &["", "true", "false"];

/// The options the editor offers, by path, in the order it shows them.
pub const FIELDS: &[(&str, FieldKind)] = &[
    ("name", FieldKind::Text),
    ("secret", FieldKind::Text),
    ("resave", FieldKind::Choice(BOOL)),
    ("saveUninitialized", FieldKind::Choice(BOOL)),
    ("rolling", FieldKind::Choice(BOOL)),
    ("unset", FieldKind::Choice(&["", "keep", "destroy"])),
    ("proxy", FieldKind::Choice(BOOL)),
    ("cookie.maxAge", FieldKind::Number),
    ("cookie.expires", FieldKind::Text),
    ("cookie.path", FieldKind::Text),
    ("cookie.domain", FieldKind::Text),
    ("cookie.httpOnly", FieldKind::Choice(BOOL)),
    (
        "cookie.secure",
        FieldKind::Choice(&["", "true", "false", "auto"]),
    ),
    (
        "cookie.sameSite",
        FieldKind::Choice(&["", "true", "false", "lax", "strict", "none", "auto"]),
    ),
    (
        "cookie.priority",
        FieldKind::Choice(&["", "low", "medium", "high"]),
    ),
    ("cookie.partitioned", FieldKind::Choice(BOOL)),
    (
        "store",
        FieldKind::Choice(&["memory", "persistent", "redis"]),
    ),
    (
        "genid",
        FieldKind::Choice(&["", "uid-safe", "date-random", "sequential"]),
    ),
];

/// A field's text for the option at `path`: empty when unset, a list of secrets comma
/// separated, other values as JSON (`store` shows `memory` when unset, its default).
pub fn field_text(options: &Map<String, Value>, path: &str) -> String {
    let text = match option_at(options, path) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        Some(v) => crate::engine::json::stringify(v),
    };
    if path == "store" && text.is_empty() {
        "memory".into()
    } else {
        text
    }
}

/// What a text or number field shows: the text as typed while it still stands for the
/// draft's value, else the value's own text ([`field_text`]). Redrawn from the value at each
/// key, a secret list's comma or a space typed at the end vanished (`zfpx,` reads `zfpx`), so
/// `new-secret, zfpx` could not be typed from left to right.
pub fn shown_text(
    options: &Map<String, Value>,
    path: &str,
    kind: FieldKind,
    typed: Option<&str>,
) -> String {
    let text = field_text(options, path);
    match typed {
        Some(typed)
            if field_text(
                &with_field(&Map::new(), &Map::new(), path, kind, typed),
                path,
            ) == text =>
        {
            typed.to_string()
        }
        _ => text,
    }
}

/// The form's fields whose text differs between two sets of options, in the form's order,
/// each with its text after (empty when unset): what an apply changed.
pub fn changed_fields(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .map(|(path, _)| (*path, field_text(after, path)))
        .filter(|(path, now)| field_text(before, path) != *now)
        .collect()
}

/// The JSON value a field's text stands for, or `None` when the field is empty. Numbers for a
/// number field (other text stays a string, so the options check names the field); booleans
/// for `true`/`false` choices; a secret with commas is a list, written `new, old` or as a
/// JavaScript array `['new', 'old']`.
pub fn field_value(path: &str, kind: FieldKind, text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(match kind {
        FieldKind::Number => crate::engine::json::from_str(text)
            .ok()
            .filter(Value::is_number)
            .unwrap_or_else(|| Value::String(text.into())),
        FieldKind::Choice(_) if text == "true" => Value::Bool(true),
        FieldKind::Choice(_) if text == "false" => Value::Bool(false),
        // a Chinese keyboard's comma (，) separates secrets too: typed "new，zfpx" is a list
        FieldKind::Text
            if path == "secret"
                && (text.contains(',') || text.contains('，') || text.starts_with('[')) =>
        {
            let inner = text
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .unwrap_or(text);
            Value::Array(
                inner
                    .split([',', '，'])
                    .map(|s| s.trim().trim_matches(|c| c == '\'' || c == '"').trim())
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            )
        }
        _ => Value::String(text.to_string()),
    })
}

/// The draft with one field changed. An emptied field returns the option to unset: it is
/// removed from the draft, or written as `null` when the app's own code sets it (`own`), so
/// that the app's value does not come back.
pub fn with_field(
    draft: &Map<String, Value>,
    own: &Map<String, Value>,
    path: &str,
    kind: FieldKind,
    text: &str,
) -> Map<String, Value> {
    let mut m = draft.clone();
    match field_value(path, kind, text) {
        Some(v) => set_option_at(&mut m, path, v),
        None if option_at(own, path).is_some() => set_option_at(&mut m, path, Value::Null),
        None => remove_option_at(&mut m, path),
    }
    m
}

/// Removes the option at a path; a `cookie` left empty goes too.
fn remove_option_at(m: &mut Map<String, Value>, path: &str) {
    match path.split_once('.') {
        Some((a, b)) => {
            if let Some(Value::Object(o)) = m.get_mut(a) {
                o.shift_remove(b);
                if o.is_empty() {
                    m.shift_remove(a);
                }
            }
        }
        None => {
            m.shift_remove(path);
        }
    }
}

/// What the field for the option at `path` does, as the notes' table says it (none for an
/// option the table lacks). The secret's adds how its field takes a list: the placeholder that
/// said so never shows, the field holding the course's zfpx.
pub fn field_description(lang: Lang, path: &str) -> Option<String> {
    let what = t(lang, crate::model::lessons::option_ref(path)?.what);
    Some(match path {
        "secret" => fill(t(lang, Key::SecretFieldWhat), &[("what", what)]),
        _ => what.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;
    use crate::engine::server::App;
    use crate::engine::session::{merge, SessionOptions};

    #[test]
    fn fields_round_trip_and_the_middleware_reads_them() {
        let own = App::AuthSeed.own_options();
        let mut draft = own.clone();
        for (path, kind, text) in [
            ("secret", FieldKind::Text, " new , zfpx ,"),
            ("resave", FieldKind::Choice(BOOL), "false"),
            ("cookie.maxAge", FieldKind::Number, "60000"),
            ("cookie.sameSite", FieldKind::Choice(&[]), "lax"),
            ("store", FieldKind::Choice(&[]), "persistent"),
        ] {
            draft = with_field(&draft, &own, path, kind, text);
        }
        assert_eq!(field_text(&draft, "secret"), "new, zfpx");
        assert_eq!(field_text(&draft, "cookie.maxAge"), "60000");
        assert_eq!(field_text(&draft, "resave"), "false");
        let o = SessionOptions::from_json(&merge(&own, &draft)).unwrap();
        assert_eq!(
            o.secret.as_deref(),
            Some(&["new".to_string(), "zfpx".to_string()][..])
        );
        assert_eq!(o.name, "connect.sid");
        // "sixty" stays text so the check can name the field
        draft = with_field(&draft, &own, "cookie.maxAge", FieldKind::Number, "sixty");
        assert_eq!(draft["cookie"]["maxAge"], json!("sixty"));
        assert!(SessionOptions::from_json(&draft).is_err());
        assert_eq!(field_text(&Map::new(), "store"), "memory");
    }

    #[test]
    fn a_field_shows_what_was_typed_while_it_means_the_draft() {
        let own = App::AuthSeed.own_options();
        let secret = FieldKind::Text;
        // typed key by key, as the page sends each input: every prefix shows as typed
        let mut draft = own.clone();
        let typed = "new-secret, zfpx";
        for end in 1..=typed.len() {
            let now = &typed[..end];
            draft = with_field(&draft, &own, "secret", secret, now);
            assert_eq!(shown_text(&draft, "secret", secret, Some(now)), now);
        }
        assert_eq!(draft["secret"], json!(["new-secret", "zfpx"]));
        // a trailing space in a name, a number being typed
        let named = with_field(&own, &own, "name", secret, "sid ");
        assert_eq!(shown_text(&named, "name", secret, Some("sid ")), "sid ");
        let age = with_field(&own, &own, "cookie.maxAge", FieldKind::Number, "6");
        assert_eq!(
            shown_text(&age, "cookie.maxAge", FieldKind::Number, Some("6")),
            "6"
        );
        // text that no longer stands for the draft (replaced by the course's options, or
        // nothing typed) shows the draft's own
        assert_eq!(
            shown_text(&own, "secret", secret, Some("other, x")),
            field_text(&own, "secret")
        );
        assert_eq!(
            shown_text(&draft, "secret", secret, None),
            "new-secret, zfpx"
        );
    }

    #[test]
    fn an_emptied_field_unsets_the_option() {
        let own = App::AuthSeed.own_options();
        let with_max_age = with_field(&own, &own, "cookie.maxAge", FieldKind::Number, "60000");
        let cleared = with_field(&with_max_age, &own, "cookie.maxAge", FieldKind::Number, " ");
        assert_eq!(cleared, own, "no maxAge: null, and no empty cookie object");
        // the app's own secret is unset with null, or merging would bring it back
        let no_secret = with_field(&own, &own, "secret", FieldKind::Text, "");
        assert_eq!(no_secret["secret"], Value::Null);
        assert_eq!(merge(&own, &no_secret).get("secret"), None);
    }

    #[test]
    fn a_secret_list_reads_as_written_in_javascript_too() {
        for text in [
            "new-secret, zfpx",
            "[new-secret, zfpx]",
            "['new-secret', 'zfpx']",
            r#"["new-secret","zfpx"]"#,
            // typed with a Chinese keyboard's comma (a walkthrough got one secret from it)
            "new-secret，zfpx",
            "new-secret， zfpx",
        ] {
            assert_eq!(
                field_value("secret", FieldKind::Text, text),
                Some(json!(["new-secret", "zfpx"])),
                "{text}"
            );
        }
        assert_eq!(
            field_value("secret", FieldKind::Text, "zfpx"),
            Some(json!("zfpx"))
        );
        assert_eq!(
            field_value("name", FieldKind::Text, "a,b"),
            Some(json!("a,b"))
        );
    }

    #[test]
    fn each_field_says_what_it_does_and_the_secret_how_it_takes_a_list() {
        for &(path, _) in FIELDS {
            for lang in [Lang::En, Lang::Zh] {
                let d = field_description(lang, path);
                assert!(d.is_some_and(|d| !d.is_empty()), "{path} {lang:?}");
            }
        }
        let secret = field_description(Lang::En, "secret").unwrap();
        assert!(
            secret.starts_with("The secret that signs the cookie"),
            "{secret}"
        );
        assert!(
            secret.ends_with(
                " In this field a list is written with commas, the newest first: new, old."
            ),
            "{secret}"
        );
        let zh = field_description(Lang::Zh, "secret").unwrap();
        assert!(
            zh.ends_with("在这一栏里，列表用逗号分开，新的在前：new, old。"),
            "{zh}"
        );
        assert_eq!(
            field_description(Lang::En, "resave").as_deref(),
            Some(t(
                Lang::En,
                crate::model::lessons::option_ref("resave").unwrap().what
            ))
        );
    }
}
