//! `JSON.stringify` and `JSON.parse` as Node does them, over `serde_json::Value`.
//!
//! serde_json (with `preserve_order`) keeps insertion order and, like JavaScript, keeps the
//! first position of a duplicated key with the last value. Two things still differ and are
//! handled here: numbers are printed as JavaScript prints them (`1e+21`, not `1e21`), and
//! array-index keys (`"1"`, `"2"`) come first in ascending order, as in any JavaScript object.

use super::js::{ordered_keys, push_number};
use serde_json::Value;

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

/// `JSON.parse(text)`. Errors carry serde_json's message (line and column).
pub fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
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

fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
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
    out.push('"');
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

    #[test]
    fn parse_errors_are_values() {
        assert!(parse("{").is_err());
        assert!(parse("").is_err());
        assert!(parse("[1,]").is_err());
    }
}
