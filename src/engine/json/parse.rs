//! `JSON.parse` into a [`Value`]: RFC 8259 exactly, numbers correctly rounded.
//!
//! It accepts and rejects what serde_json 1 (with `float_roundtrip`) does, builds the same
//! values, and reports an error with the same message, line and column, because those reach
//! the learner ("line 2, column 7") and the tests; a host test compares the two on generated
//! and damaged texts. Like serde_json it refuses numbers out of a double's range and lone
//! surrogates in `\u` escapes (where JavaScript would give `Infinity` or keep the half), and
//! stops at 128 levels of nesting rather than overflowing the stack.

use super::value::{Map, Number, Value};

/// Why a text is not JSON, and where: the line (from 1) and the column (bytes from the start
/// of the line, so the first character is column 1; 0 at the end of an empty line).
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    what: &'static str,
    line: usize,
    column: usize,
}

impl Error {
    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column, in bytes from the start of the line.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether parsing stopped at the nesting limit (the text may be JSON, only too deep).
    pub fn too_deep(&self) -> bool {
        self.what == TOO_DEEP
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING: &str = "trailing characters";
const KEY_NOT_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TOO_DEEP: &str = "recursion limit exceeded";

/// Nesting deeper than this is refused (serde_json's limit).
const DEPTH: usize = 128;

/// Parses a whole text: one value with optional whitespace around it.
pub fn from_str(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        b: text.as_bytes(),
        i: 0,
        depth: DEPTH,
    };
    let v = p.value()?;
    match p.whitespace() {
        Some(_) => Err(p.peek_error(TRAILING)),
        None => Ok(v),
    }
}

struct Parser<'t> {
    b: &'t [u8],
    /// The next byte to read.
    i: usize,
    /// Levels of nesting still allowed.
    depth: usize,
}

impl Parser<'_> {
    /// The line and column of byte `i` (serde_json's convention).
    fn error_at(&self, what: &'static str, i: usize) -> Error {
        let before = &self.b[..i];
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        Error {
            what,
            line: 1 + before[..line_start].iter().filter(|&&c| c == b'\n').count(),
            column: i - line_start,
        }
    }

    /// An error about the byte just read.
    fn error(&self, what: &'static str) -> Error {
        self.error_at(what, self.i)
    }

    /// An error about the byte about to be read.
    fn peek_error(&self, what: &'static str) -> Error {
        self.error_at(what, (self.i + 1).min(self.b.len()))
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    /// Skips whitespace and answers the next byte, not consumed.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn value(&mut self) -> Result<Value, Error> {
        let Some(c) = self.whitespace() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        match c {
            b'n' => self.word(b"null", Value::Null),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'-' => {
                self.i += 1;
                self.number(false)
            }
            b'0'..=b'9' => self.number(true),
            b'"' => {
                self.i += 1;
                self.string().map(Value::String)
            }
            b'[' | b'{' => {
                self.depth -= 1;
                if self.depth == 0 {
                    return Err(self.peek_error(TOO_DEEP));
                }
                self.i += 1;
                let v = if c == b'[' {
                    self.array().map(Value::Array)
                } else {
                    self.object().map(Value::Object)
                };
                self.depth += 1;
                v
            }
            _ => Err(self.peek_error("expected value")),
        }
    }

    fn word(&mut self, word: &[u8], v: Value) -> Result<Value, Error> {
        self.i += 1;
        for &want in &word[1..] {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(c) if c != want => return Err(self.error("expected ident")),
                Some(_) => {}
            }
        }
        Ok(v)
    }

    /// After `[`: the elements and the closing bracket.
    fn array(&mut self) -> Result<Vec<Value>, Error> {
        let mut out = Vec::new();
        loop {
            match self.whitespace() {
                None => return Err(self.peek_error(EOF_LIST)),
                Some(b']') => break,
                Some(_) if out.is_empty() => {}
                Some(b',') => {
                    self.i += 1;
                    match self.whitespace() {
                        Some(b']') => return Err(self.peek_error(TRAILING_COMMA)),
                        Some(_) => {}
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `]`")),
            }
            out.push(self.value()?);
        }
        self.i += 1;
        Ok(out)
    }

    /// After `{`: the members and the closing brace. A repeated name keeps its first
    /// position and takes the last value, as in `JSON.parse`.
    fn object(&mut self) -> Result<Map<String, Value>, Error> {
        let mut out = Map::new();
        loop {
            match self.whitespace() {
                None => return Err(self.peek_error(EOF_OBJECT)),
                Some(b'}') => break,
                Some(c) if out.is_empty() => {
                    if c != b'"' {
                        return Err(self.peek_error(KEY_NOT_STRING));
                    }
                }
                Some(b',') => {
                    self.i += 1;
                    match self.whitespace() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                        Some(_) => return Err(self.peek_error(KEY_NOT_STRING)),
                        None => return Err(self.peek_error(EOF_VALUE)),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `}`")),
            }
            self.i += 1;
            let key = self.string()?;
            match self.whitespace() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error("expected `:`")),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            let v = self.value()?;
            out.insert(key, v);
        }
        self.i += 1;
        Ok(out)
    }

    /// After the opening quote: the string's characters, escapes decoded, and the closing
    /// quote.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = Vec::new();
        let mut start = self.i;
        loop {
            let run = self.b[self.i..]
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20);
            let Some(run) = run else {
                self.i = self.b.len();
                return Err(self.error(EOF_STRING));
            };
            self.i += run;
            match self.b[self.i] {
                b'"' => {
                    out.extend_from_slice(&self.b[start..self.i]);
                    self.i += 1;
                    break;
                }
                b'\\' => {
                    out.extend_from_slice(&self.b[start..self.i]);
                    self.i += 1;
                    self.escape(&mut out)?;
                    start = self.i;
                }
                _ => {
                    self.i += 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
        // the text is a `str` and escapes push whole characters, so this holds UTF-8
        String::from_utf8(out).map_err(|_| self.error("invalid unicode code point"))
    }

    /// After a backslash: one escape, appended to `out`.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let Some(c) = self.next() else {
            return Err(self.error(EOF_STRING));
        };
        let byte = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error("invalid escape")),
        };
        out.push(byte);
        Ok(())
    }

    /// After `\u`: a character, or a surrogate pair written as two escapes.
    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(self.error(LONE_SURROGATE)),
            0xD800..=0xDBFF => {
                // a leading surrogate: `\u` and a trailing one must follow
                for want in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.peek_error(EOF_STRING)),
                        Some(c) => {
                            self.i += 1;
                            if c != want {
                                return Err(self.error("unexpected end of hex escape"));
                            }
                        }
                    }
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.error(LONE_SURROGATE));
                }
                0x1_0000 + ((u32::from(n) - 0xD800) << 10 | (u32::from(low) - 0xDC00))
            }
            _ => u32::from(n),
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let Some(digits) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return Err(self.error(EOF_STRING));
        };
        self.i += 4;
        digits
            .iter()
            .try_fold(0u16, |n, &d| {
                Some(n << 4 | (d as char).to_digit(16)? as u16)
            })
            .ok_or_else(|| self.error("invalid escape"))
    }

    /// A number, its sign already read (`positive` is false after `-`).
    fn number(&mut self, positive: bool) -> Result<Value, Error> {
        let start = self.i;
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        let int_end = self.i;
        let mut float = false;
        let mut fraction: &[u8] = &[];
        if self.peek() == Some(b'.') {
            float = true;
            self.i += 1;
            let before = self.i;
            self.digits();
            fraction = &self.b[before..self.i];
            if self.i == before {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(INVALID_NUMBER),
                    None => self.peek_error(EOF_VALUE),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            float = true;
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            let positive_exp = self.b[self.i - 1] != b'-';
            let mut exp: i32 = match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(c @ b'0'..=b'9') => (c - b'0').into(),
                Some(_) => return Err(self.error(INVALID_NUMBER)),
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add((c - b'0').into()))
                {
                    Some(e) => exp = e,
                    // serde_json stops at the digit that overflows an i32 when the number
                    // would be infinite, and says so there
                    None if positive_exp
                        && self.b[start..int_end]
                            .iter()
                            .chain(fraction)
                            .any(|&d| (b'1'..=b'9').contains(&d)) =>
                    {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                    None => exp = i32::MAX,
                }
            }
        }
        let digits = &self.b[start..self.i];
        if !float {
            let int = &self.b[start..int_end];
            // integers that fit stay integers; longer ones become doubles, as in serde_json
            let magnitude = int.iter().try_fold(0u64, |n, &d| {
                n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            });
            if let Some(m) = magnitude {
                if positive {
                    return Ok(Value::Number(Number::from(m)));
                }
                if m != 0 && m <= 1 << 63 {
                    return Ok(Value::Number(Number::from((m as i64).wrapping_neg())));
                }
            }
        }
        // ASCII digits, '.', 'e', signs: always valid UTF-8, and Rust's parser rounds
        // correctly, as JSON.parse does
        let f: f64 = std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::INFINITY);
        if f.is_infinite() {
            return Err(self.error(OUT_OF_RANGE));
        }
        Ok(Value::Number(
            Number::from_f64(if positive { f } else { -f }).unwrap_or(Number::from(0)),
        ))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's value as ours: the same tree, numbers of the same kind and bits.
    fn theirs(v: serde_json::Value) -> Value {
        use serde_json::Value as S;
        match v {
            S::Null => Value::Null,
            S::Bool(b) => Value::Bool(b),
            S::Number(n) => {
                if let Some(u) = n.as_u64() {
                    Value::from(u)
                } else if let Some(i) = n.as_i64() {
                    Value::from(i)
                } else {
                    Value::Number(Number::from_f64(n.as_f64().unwrap()).unwrap())
                }
            }
            S::String(s) => Value::String(s),
            S::Array(a) => Value::Array(a.into_iter().map(theirs).collect()),
            S::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, theirs(v))).collect()),
        }
    }

    /// Both parsers on `text`: the same value (member order and the bits of every double
    /// included), or the same message at the same line and column.
    fn agree(text: &str) -> Result<(), TestCaseError> {
        let ours = from_str(text);
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => {
                let v = theirs(v);
                let Ok(ours) = ours else {
                    return Err(TestCaseError::fail(format!("{text:?}: {ours:?}")));
                };
                prop_assert_eq!(&ours, &v, "{:?}", text);
                // -0.0 == 0.0: compare the doubles' bits through their text too
                prop_assert_eq!(format!("{ours:?}"), format!("{v:?}"), "{:?}", text);
            }
            Err(e) => {
                let Err(ours) = ours else {
                    return Err(TestCaseError::fail(format!("{text:?}: ours read it")));
                };
                prop_assert_eq!(ours.to_string(), e.to_string(), "{:?}", text);
            }
        }
        Ok(())
    }

    #[test]
    fn agrees_with_serde_json_on_chosen_texts() {
        let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        let too_deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        for text in [
            "",
            " ",
            "null",
            "nul",
            "nulx",
            "tru",
            "[true,false,null]",
            "0",
            "-0",
            "-",
            "-x",
            "01",
            "1.",
            "1.x",
            "1e",
            "1e+",
            "1e+x",
            "1E5",
            "1.5e-3",
            "0.1",
            "123456789012345678901234567890",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1e308",
            "1e309",
            "-1e400",
            "1e-400",
            "2.2250738585072011e-308",
            "9007199254740993",
            "0.30000000000000004",
            "\"a\\u00e9\\ud83d\\ude00\\n\\/\"",
            "\"\\ud83d\"",
            "\"\\ud83dx\"",
            "\"\\ud83d\\x\"",
            "\"\\ud83d\\u0041\"",
            "\"\\ude00\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"\\q\"",
            "\"\\",
            "\"abc",
            "\"a\u{1}b\"",
            "\"名前 é 😀\"",
            "{\"a\":1,\"b\":2,\"a\":3}",
            "{\"a\" : [1 , {\"b\":null}] }",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{\"a\":1,",
            "{\"a\":1 \"b\":2}",
            "{1:2}",
            "{\"a\":1,2:3}",
            "[",
            "[1",
            "[1,",
            "[1,]",
            "[1 2]",
            "[1]x",
            "[1] ",
            "\n\n  [1,\n   x]",
            "{\"a\":\n  {\"b\": tru}}",
            &deep_ok,
            &too_deep,
        ] {
            agree(text).unwrap();
        }
    }

    /// Texts made of JSON's pieces, often broken.
    fn texty() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"",
            "\\",
            "\"a\"",
            "\"k\"",
            "1",
            "-",
            "0",
            ".",
            "e",
            "E",
            "+",
            "5",
            "null",
            "true",
            "fals",
            "\\u",
            "d83d",
            "dc00",
            "00e9",
            "x",
            "é",
            "\t",
            "\u{1}",
            "9999999999999999999999",
            "1e999",
            "\"\\n\"",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
    }

    /// Valid JSON, to be cut or changed by a byte.
    fn valid() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| format!("{f:e}")),
            "[ -~é名😀\\n]{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec(("[a-c1]{1,2}", inner), 0..6).prop_map(|m| {
                    let body: Vec<String> =
                        m.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
                    format!("{{ {} }}", body.join(",\n"))
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn agrees_with_serde_json_on_broken_texts(text in texty()) {
            agree(&text)?;
        }

        #[test]
        fn agrees_with_serde_json_on_valid_and_damaged_texts(
            text in valid(),
            cut in proptest::option::of(any::<prop::sample::Index>()),
            byte in proptest::option::of((any::<prop::sample::Index>(), 0x20u8..0x7f)),
        ) {
            agree(&text)?;
            let mut text = text.into_bytes();
            if let Some(at) = cut {
                text.truncate(at.index(text.len() + 1));
            }
            if let (Some((at, b)), false) = (byte, text.is_empty()) {
                let i = at.index(text.len());
                text[i] = b;
            }
            if let Ok(text) = String::from_utf8(text) {
                agree(&text)?;
            }
        }
    }
}
