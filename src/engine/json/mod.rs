//! JSON as Node reads and writes it: [`Value`] (what `JSON.parse` builds), [`from_str`]
//! (`JSON.parse`), [`stringify()`] (`JSON.stringify`) and the [`json!`](crate::json) builder.
//!
//! An object keeps insertion order and, like JavaScript, keeps the first position of a
//! duplicated key with the last value. Two more things follow JavaScript: numbers are printed
//! as JavaScript prints them (`1e+21`, not `1e21`), and array-index keys (`"1"`, `"2"`) come
//! first in ascending order, as in any JavaScript object.

mod parse;
mod value;

pub use crate::json;
pub use parse::{from_str, Error};
pub use value::{Index, Map, Number, Value};

use super::js::{ordered_keys, push_number};

/// `JSON.stringify(value)`: no whitespace, numbers as JavaScript prints them, index-like
/// keys first.
pub fn stringify(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, None, 0);
    out
}

/// `JSON.stringify(value, null, indent)`.
pub fn stringify_pretty(v: &Value, indent: usize) -> String {
    let mut out = String::new();
    write(&mut out, v, Some(indent), 0);
    out
}

/// `JSON.parse(text)`, the error as text (its message, line and column).
pub fn parse(text: &str) -> Result<Value, String> {
    from_str(text).map_err(|e| e.to_string())
}

/// Appends `JSON.stringify(v)` to `out`.
pub fn write_to(out: &mut String, v: &Value) {
    write(out, v, None, 0);
}

/// The JSON text of a string, with JavaScript's escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str(&mut out, s);
    out
}

/// Appends the JSON text of a string to `out`.
pub fn write_quoted(out: &mut String, s: &str) {
    write_str(out, s);
}

/// Appends an object member's name and colon, after a comma unless it is the first:
/// `,"name":` (one append for the punctuation on each side, not a push per character).
pub fn write_member_name(out: &mut String, name: &str, first: bool) {
    out.reserve(name.len() + 4);
    out.push_str(if first { "\"" } else { ",\"" });
    write_unquoted(out, name);
    out.push_str("\":");
}

fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    write_unquoted(out, s);
    out.push('"');
}

/// The JSON text of a string between its quotes.
fn write_unquoted(out: &mut String, s: &str) {
    // the usual name or value has nothing to escape: one append
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        return;
    }
    // every character JSON.stringify escapes is ASCII, so the runs between them are whole
    // characters, copied at once
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            out.push_str("\\u");
            super::js::push_hex(out, b.into(), 4);
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

/// A member of the object [`parse_flat`] reads: a scalar, or (one level down only) an object
/// of scalars.
#[derive(Clone, Debug, PartialEq)]
pub enum Flat<'t> {
    /// `null`, `true`, `false`, a short integer or a string without escapes.
    Scalar(Value),
    /// An object whose members are all scalars, repeated names resolved; the names are
    /// borrowed from the text (a stored cookie's are only looked up, never kept).
    Object(Vec<(&'t str, Value)>),
}

/// `JSON.parse(text)` for the shape a stored session almost always has,
/// `{"cookie":{"originalMaxAge":…,"expires":"…",…},"views":3}`, without building [`Value`]
/// maps: their keys are hashed with SipHash, which cost a returning visitor's request more
/// than a tenth of its time. Hand-written for that speed only; it is deliberately narrow and
/// answers `None` for everything else (whitespace, escapes in strings, numbers other than
/// integers of up to 15 digits, arrays, deeper objects, anything malformed), which the caller
/// then gives to [`parse`]. What it accepts it reads exactly as [`parse`] does: members in
/// order, a repeated key at its first position with its last value (a test compares the two
/// on generated texts).
pub fn parse_flat(text: &str) -> Option<Vec<(&str, Flat<'_>)>> {
    let mut i = 0;
    let members = flat_object(text, &mut i, |text, i| {
        Some(if text.as_bytes().get(*i) == Some(&b'{') {
            Flat::Object(flat_object(text, i, flat_scalar)?)
        } else {
            Flat::Scalar(flat_scalar(text, i)?)
        })
    })?;
    (i == text.len()).then_some(members)
}

impl Flat<'_> {
    /// The value this member stands for, as [`parse`] would have made it.
    pub fn into_value(self) -> Value {
        match self {
            Flat::Scalar(v) => v,
            Flat::Object(m) => {
                Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }
        }
    }
}

/// The members of the object at `*i`, each value read by `value`.
fn flat_object<'t, V>(
    text: &'t str,
    i: &mut usize,
    value: impl Fn(&'t str, &mut usize) -> Option<V>,
) -> Option<Vec<(&'t str, V)>> {
    let b = text.as_bytes();
    (b.get(*i) == Some(&b'{')).then_some(())?;
    *i += 1;
    // a stored session has a few members and its cookie six or seven: room for eight at once
    let mut out: Vec<(&str, V)> = Vec::with_capacity(8);
    if b.get(*i) == Some(&b'}') {
        *i += 1;
        return Some(out);
    }
    loop {
        let key = flat_string(text, i)?;
        (b.get(*i) == Some(&b':')).then_some(())?;
        *i += 1;
        let v = value(text, i)?;
        // JSON.parse: a repeated key keeps its first position and takes the last value
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = v,
            None => out.push((key, v)),
        }
        match b.get(*i) {
            Some(b',') => *i += 1,
            Some(b'}') => {
                *i += 1;
                return Some(out);
            }
            _ => return None,
        }
    }
}

/// A string without escapes or control characters at `*i`.
fn flat_string<'t>(text: &'t str, i: &mut usize) -> Option<&'t str> {
    let b = text.as_bytes();
    (b.get(*i) == Some(&b'"')).then_some(())?;
    let start = *i + 1;
    let len = b[start..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
    (b[start + len] == b'"').then_some(())?;
    *i = start + len + 1;
    // '"' is ASCII, so both ends are character boundaries
    text.get(start..start + len)
}

/// `null`, `true`, `false`, a string without escapes, or an integer of at most 15 digits
/// (exact as a double; [`parse`] keeps it as an integer, as this does).
fn flat_scalar(text: &str, i: &mut usize) -> Option<Value> {
    let b = text.as_bytes();
    let rest = &b[*i..];
    // one look at the first byte (building the three candidate words' values to compare
    // against cost a stored session's five members ~250 instructions each)
    let (word, v): (&[u8], _) = match rest.first() {
        Some(b'"') => return flat_string(text, i).map(|s| Value::String(s.to_string())),
        Some(b'n') => (b"null", Value::Null),
        Some(b't') => (b"true", Value::Bool(true)),
        Some(b'f') => (b"false", Value::Bool(false)),
        _ => (b"", Value::Null),
    };
    if !word.is_empty() {
        if !rest.starts_with(word) {
            return None;
        }
        *i += word.len();
        return Some(v);
    }
    let negative = rest.first() == Some(&b'-');
    let digits = &rest[usize::from(negative)..];
    let n = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    // no leading zero (`01` is not JSON), no `-0` (a double, not an integer), no fraction or
    // exponent: those go to `parse`
    if n == 0 || n > 15 || (digits[0] == b'0' && (n > 1 || negative)) {
        return None;
    }
    if matches!(digits.get(n), Some(b'.' | b'e' | b'E')) {
        return None;
    }
    let magnitude = digits[..n]
        .iter()
        .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
    *i += usize::from(negative) + n;
    Some(if negative {
        // at most 15 digits: fits an i64
        Value::from(-(magnitude as i64))
    } else {
        Value::from(magnitude)
    })
}

fn newline(out: &mut String, indent: Option<usize>, depth: usize) {
    if let Some(n) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', n * depth));
    }
}

fn write(out: &mut String, v: &Value, indent: Option<usize>, depth: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.is_finite() {
                push_number(out, f);
            } else {
                out.push_str("null");
            }
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write(out, item, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            let member = |i: usize, key: &str, v: &Value, out: &mut String| {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write_str(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write(out, v, indent, depth + 1);
            };
            if map.keys().any(|k| super::js::is_array_index(k)) {
                for (i, key) in ordered_keys(map.keys()).into_iter().enumerate() {
                    member(i, key, &map[key.as_str()], out);
                }
            } else {
                // the usual case: insertion order, no lookups
                for (i, (key, v)) in map.iter().enumerate() {
                    member(i, key, v, out);
                }
            }
            newline(out, indent, depth);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_json_stringify_does() {
        // JSON.stringify and serde_json escape the same characters the same way (short forms
        // for \b \f \n \r \t, lowercase \u00XX for the other controls)
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("名前 é 😀 \u{7f}\u{2028}");
        for s in [all.as_str(), "", "plain", "\"", "a\\b", "\u{1}x\u{1f}"] {
            let mut out = String::new();
            write_quoted(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn matches_node_stringify() {
        // Expected strings printed by Node 20's JSON.stringify.
        let v =
            parse(r#"{"b":1,"2":[1e21,0.5,-0,"x\u0001\n\"\\/"],"a":{},"1":[],"c":1.0}"#).unwrap();
        assert_eq!(
            stringify(&v),
            r#"{"1":[],"2":[1e+21,0.5,0,"x\u0001\n\"\\/"],"b":1,"a":{},"c":1}"#
        );
        assert_eq!(
            stringify_pretty(&parse(r#"{"a":[1,{"b":null}],"e":[]}"#).unwrap(), 2),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"e\": []\n}"
        );
    }

    #[test]
    fn duplicate_keys_keep_first_position_last_value() {
        // JSON.stringify(JSON.parse('{"a":1,"b":2,"a":3}')) === '{"a":3,"b":2}'
        assert_eq!(
            stringify(&parse(r#"{"a":1,"b":2,"a":3}"#).unwrap()),
            r#"{"a":3,"b":2}"#
        );
    }

    /// A scalar token, sometimes one `parse_flat` leaves to `parse`.
    fn token() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("false".to_string()),
            (-999_999_999_999_999i64..=999_999_999_999_999).prop_map(|n| n.to_string()),
            "[a-z0-9 é名:/.\\-]{0,12}".prop_map(|s| format!("\"{s}\"")),
            prop::sample::select(vec![
                "-0",
                "01",
                "1.5",
                "1e3",
                "2E-1",
                "1234567890123456",
                "-",
                "\"a\\\"b\"",
                "\"\\u0041\"",
                "\"\u{1}\"",
                "nul",
                "[1]",
                "[]",
                "\"",
                "tru",
                "1.",
            ])
            .prop_map(str::to_string),
        ]
    }

    /// An object of `members` (name index, token) over a few names, repeats included.
    fn object(members: &[(usize, String)]) -> String {
        const NAMES: [&str; 6] = ["cookie", "views", "1", "a", "expires", "__proto__"];
        let body: Vec<String> = members
            .iter()
            .map(|(k, v)| format!("\"{}\":{v}", NAMES[k % NAMES.len()]))
            .collect();
        format!("{{{}}}", body.join(","))
    }

    fn member() -> impl proptest::strategy::Strategy<Value = (usize, String)> {
        use proptest::prelude::*;
        let inner = proptest::collection::vec((0usize..6, token()), 0..5).prop_map(|m| object(&m));
        (0usize..6, prop_oneof![4 => token(), 1 => inner])
    }

    /// `parse_flat`'s members as the `Value` they stand for, in order.
    fn flat_as_values(members: Vec<(&str, Flat)>) -> Vec<(String, Value)> {
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_value()))
            .collect()
    }

    fn in_order(v: &Value) -> Vec<(String, Value)> {
        match v {
            Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn flat_reads_a_stored_session_and_leaves_the_rest() {
        let text = r#"{"cookie":{"originalMaxAge":60000,"expires":"2023-11-14T22:14:20.000Z","httpOnly":true,"path":"/"},"views":-3,"views":4,"name":"名前"}"#;
        let flat = parse_flat(text).expect("the usual shape is read");
        assert_eq!(flat_as_values(flat), in_order(&parse(text).unwrap()));
        for other in [
            r#"{"a":1} "#,
            r#"{ "a":1}"#,
            r#"{"a":1.5}"#,
            r#"{"a":"x\ny"}"#,
            r#"{"a":[1]}"#,
            r#"{"a":{"b":{}}}"#,
            r#"{"a":-0}"#,
            r#"{"a":1,}"#,
            r#"[1]"#,
            "null",
            "",
        ] {
            assert_eq!(parse_flat(other), None, "{other}");
        }
    }

    proptest::proptest! {
        /// What `parse_flat` reads, `parse` reads the same: members, order and values.
        #[test]
        fn flat_agrees_with_parse(
            members in proptest::collection::vec(member(), 0..7),
            cut in proptest::option::of(0usize..200),
        ) {
            let mut text = object(&members);
            if let Some(n) = cut {
                let mut n = n.min(text.len());
                while !text.is_char_boundary(n) {
                    n -= 1;
                }
                text.truncate(n);
            }
            if let Some(flat) = parse_flat(&text) {
                let parsed = parse(&text);
                proptest::prop_assert!(parsed.is_ok(), "{text}: {parsed:?}");
                proptest::prop_assert_eq!(flat_as_values(flat), in_order(&parsed.unwrap()));
            }
        }
    }

    #[test]
    fn parse_errors_are_values() {
        assert!(parse("{").is_err());
        assert!(parse("").is_err());
        assert!(parse("[1,]").is_err());
    }
}
