//! The few pieces of JavaScript semantics the seed's code depends on: `Number(x)`, `String(n)`,
//! and the ordering of an object's keys. Hand-written because the lab must print exactly what
//! Node prints (for example `NaN`, `1e+21`, `-10` for `Number('') - 10`).

use crate::engine::json::Value;

/// `String(n)` for a JavaScript number (ECMA-262 Number::toString).
pub fn number_to_string(n: f64) -> String {
    let mut s = String::new();
    push_number(&mut s, n);
    s
}

/// Appends `String(n)`. Whole numbers below 10^15 (a session's counters, maxAge, the balance)
/// are written as integers, which is what Number::toString prints for them, without the
/// shortest-round-trip search; everything else goes through `ryu-js`.
pub fn push_number(out: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // -0 prints as "0", as `String(-0)` does
        let i = n as i64;
        if i < 0 {
            out.push('-');
        }
        push_padded(out, i.unsigned_abs(), 1);
    } else {
        out.push_str(ryu_js::Buffer::new().format(n));
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits, without `format!` (which
/// costs more than the rest of a date or a JSON number on the request path).
pub fn push_padded(out: &mut String, n: u64, width: usize) {
    push_digits::<10>(out, n, width);
}

/// Appends `n` in lowercase hexadecimal, zero-padded to at least `width` digits (as
/// `n.toString(16)` writes it, and JSON's `\u00XX` escapes), without `format!`.
pub fn push_hex(out: &mut String, n: u64, width: usize) {
    push_digits::<16>(out, n, width);
}

/// The radix is a constant, so the divisions compile to multiplications.
fn push_digits<const RADIX: u64>(out: &mut String, n: u64, width: usize) {
    if n < RADIX && width <= 1 {
        // one digit (a session's first views, most lengths in hex): no buffer, no UTF-8 check
        out.push(char::from(b"0123456789abcdef"[n as usize]));
        return;
    }
    // the padding is the buffer's own zeros; the digits are written from the end
    let mut buf = [b'0'; 24];
    let mut at = buf.len();
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b"0123456789abcdef"[(n % RADIX) as usize];
        n /= RADIX;
        if n == 0 {
            break;
        }
    }
    for _ in buf.len()..width {
        out.push('0');
    }
    let start = at.min(buf.len().saturating_sub(width));
    // one append instead of a push per digit (the buffer is ASCII, so this never fails)
    out.push_str(std::str::from_utf8(&buf[start..]).unwrap_or_default());
}

/// JavaScript WhiteSpace and LineTerminator code points, which `Number()` trims.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `Number(string)`: ECMA-262 §7.1.4.1.1 StringToNumber.
pub fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(d) = t.strip_prefix(prefix) {
            if d.is_empty() || !d.chars().all(|c| c.is_digit(radix)) {
                return f64::NAN;
            }
            return d.chars().fold(0.0, |acc, c| {
                acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
            });
        }
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "Infinity" {
        return if t.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    if is_decimal_literal(unsigned) {
        t.parse::<f64>().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

/// StrUnsignedDecimalLiteral: `1`, `1.`, `.5`, `1.5e-3` (no `Infinity`, no `_`).
fn is_decimal_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac;
    }
    if int + frac == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

/// The `TypeError` that `String(x)`, `Number(x)`, `'' + x` and `obj[x]` throw when `x` is an
/// object that has no primitive form. ToPrimitive tries `toString` then `valueOf` (for a
/// number, `valueOf` first): `Object.prototype.valueOf` gives back the object itself, so an
/// object whose `toString` is not a function has no way out. A value out of `JSON.parse` or
/// qs never holds a function, so that is an object with an own `toString` key: qs makes
/// `?username[toString]=x` into `{ toString: 'x' }`. An own `valueOf` key alone is harmless,
/// the inherited `toString` still gives `[object Object]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsTypeError;

impl JsTypeError {
    /// V8's message, word for word.
    pub const MESSAGE: &'static str = "Cannot convert object to primitive value";
}

impl std::fmt::Display for JsTypeError {
    /// As `String(err)` prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TypeError: ")?;
        f.write_str(Self::MESSAGE)
    }
}

impl std::error::Error for JsTypeError {}

/// A route's exception is its message (what reaches Express's error handler).
impl From<JsTypeError> for String {
    fn from(e: JsTypeError) -> String {
        e.to_string()
    }
}

/// `Number(v)` for a value that came out of `JSON.parse` or qs: an array is first joined to a
/// string, an object is `NaN`, unless it has no primitive form at all (an own `toString`
/// key, here or in an array's element), when Node throws.
pub fn value_to_number(v: &Value) -> Result<f64, JsTypeError> {
    Ok(match v {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) => string_to_number(s),
        Value::Array(_) => string_to_number(&value_to_string(v)?),
        Value::Object(m) => {
            object_primitive(m)?;
            f64::NAN
        }
    })
}

/// `String(v)` (and `'' + v`, and the key `obj[v]` looks up) for a value that came out of
/// `JSON.parse` or qs: an array is joined with commas, its `null` elements as `""`; a plain
/// object is `[object Object]`; an object with an own `toString` key (here or inside an
/// array) throws, as it does in Node.
pub fn value_to_string(v: &Value) -> Result<String, JsTypeError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => {
            let mut out = String::new();
            push_value_string(&mut out, v)?;
            Ok(out)
        }
    }
}

/// Appends `String(v)` (see [`value_to_string`]).
fn push_value_string(out: &mut String, v: &Value) -> Result<(), JsTypeError> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => push_number(out, n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => out.push_str(s),
        // Array.prototype.join: null and undefined elements become "", every other element
        // is converted with ToString (and may throw)
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if !item.is_null() {
                    push_value_string(out, item)?;
                }
            }
        }
        Value::Object(m) => out.push_str(object_primitive(m)?),
    }
    Ok(())
}

/// ToPrimitive of a plain object from `JSON.parse` or qs: `Object.prototype.toString`'s
/// `[object Object]`, or the `TypeError` when an own `toString` (never a function here)
/// hides it. `valueOf`, own or inherited, never gives a primitive for such an object.
fn object_primitive(
    m: &crate::engine::json::Map<String, Value>,
) -> Result<&'static str, JsTypeError> {
    if m.contains_key("toString") {
        Err(JsTypeError)
    } else {
        Ok("[object Object]")
    }
}

/// Whether a property key is an array index ("0", "1", … up to 2³²−2). Objects list such keys
/// first, in ascending numeric order, before the other string keys in insertion order.
pub fn is_array_index(key: &str) -> bool {
    if key.is_empty() || key.len() > 10 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if key.len() > 1 && key.starts_with('0') {
        return false;
    }
    key.parse::<u64>().is_ok_and(|n| n < u64::from(u32::MAX))
}

/// The keys of an object in the order JavaScript enumerates them.
pub fn ordered_keys<'a, I: IntoIterator<Item = &'a String>>(keys: I) -> Vec<&'a String> {
    let mut all: Vec<&String> = keys.into_iter().collect();
    order_like_js(&mut all, |k| k.as_str());
    all
}

/// Puts `items` (in insertion order) in the order JavaScript enumerates their keys: array
/// indices first, ascending, then the other keys as they were.
pub fn order_like_js<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    // the usual case: no array-index keys, insertion order as is
    if !items.iter().any(|t| is_array_index(key(t))) {
        return;
    }
    let keys: Vec<&str> = items.iter().map(&key).collect();
    let mut dest = js_positions(&keys);
    // each item to its place, a cycle at a time (no sort is compiled for each `T`)
    for i in 0..items.len() {
        while dest[i] != i {
            let j = dest[i];
            items.swap(i, j);
            dest.swap(i, j);
        }
    }
}

/// Where each of `keys` goes when JavaScript enumerates them.
fn js_positions(keys: &[&str]) -> Vec<usize> {
    let mut order: Vec<(bool, u64, usize)> = keys
        .iter()
        .enumerate()
        .map(|(at, k)| match is_array_index(k) {
            true => (false, k.parse::<u64>().unwrap_or(0), at),
            false => (true, 0, at),
        })
        .collect();
    super::sort::sort(&mut order);
    let mut dest = vec![0; keys.len()];
    for (to, &(_, _, from)) in order.iter().enumerate() {
        dest[from] = to;
    }
    dest
}

/// Whether two strings are equal, lengths compared first and inline: at opt-level "z" a `==`
/// between `&str`s (and a slice's `contains`) is a call per comparison, and most lookups on the
/// request path compare names of different lengths.
#[inline(always)]
pub fn same_str(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes() == b.as_bytes()
}

/// Whether `key` is one of `names` (see [`same_str`]).
#[inline(always)]
pub fn is_one_of(key: &str, names: &[&str]) -> bool {
    // a loop, not `any`: at "z" its closure is a call per name
    for n in names {
        if same_str(n, key) {
            return true;
        }
    }
    false
}

/// Properties every plain object inherits from `Object.prototype`. In the hand-built session
/// (`sessions[id]`) such an id finds an inherited value instead of `undefined`.
pub const OBJECT_PROTOTYPE_KEYS: [&str; 12] = [
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_equal_format_for_every_width() {
        let values = [
            0,
            1,
            9,
            10,
            15,
            16,
            99,
            255,
            999,
            4096,
            65_535,
            1 << 40,
            u64::MAX,
        ];
        for n in values {
            for width in [0, 1, 2, 3, 4, 6, 20, 23, 24, 25, 30] {
                let mut dec = String::from("x");
                push_padded(&mut dec, n, width);
                assert_eq!(dec, format!("x{n:0width$}"), "{n} at {width}");
                let mut hex = String::from("x");
                push_hex(&mut hex, n, width);
                assert_eq!(hex, format!("x{n:0width$x}"), "{n:x} at {width}");
            }
        }
    }

    #[test]
    fn number_minus_ten_matches_node() {
        // Each pair: input, String(Number(input) - 10) as printed by Node 20.
        let cases = [
            ("", "-10"),
            (" 12 ", "2"),
            ("0x10", "6"),
            ("-0x10", "NaN"),
            ("1e3", "990"),
            (".5", "-9.5"),
            ("5.", "-5"),
            ("Infinity", "Infinity"),
            ("-Infinity", "-Infinity"),
            ("+5", "-5"),
            ("1_000", "NaN"),
            ("abc", "NaN"),
            ("\u{a0}12\u{2003}", "2"),
            ("0b101", "-5"),
            ("0o17", "5"),
            ("00012", "2"),
            ("-0", "-10"),
            ("1e400", "Infinity"),
            ("0x", "NaN"),
            ("12abc", "NaN"),
            ("  ", "-10"),
            ("+Infinity", "Infinity"),
            ("infinity", "NaN"),
            ("inf", "NaN"),
            ("NaN", "NaN"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ];
        for (input, want) in cases {
            assert_eq!(
                number_to_string(string_to_number(input) - 10.0),
                want,
                "{input:?}"
            );
        }
    }

    proptest::proptest! {
        /// The whole-number shortcut prints what ryu-js (Number::toString) prints.
        #[test]
        fn whole_numbers_print_as_ryu_does(i in -2_000_000_000_000_000i64..2_000_000_000_000_000i64, bits in proptest::num::u64::ANY) {
            for n in [i as f64, f64::from_bits(bits), (i as f64) / 8.0] {
                let mut ours = String::new();
                push_number(&mut ours, n);
                proptest::prop_assert_eq!(ours, ryu_js::Buffer::new().format(n).to_string());
            }
        }
    }

    #[test]
    fn number_to_string_matches_node() {
        assert_eq!(number_to_string(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_to_string(1e21), "1e+21");
        assert_eq!(number_to_string(1e-7), "1e-7");
        assert_eq!(
            number_to_string(123456789012345680000.0),
            "123456789012345680000"
        );
        assert_eq!(number_to_string(-0.0), "0");
        assert_eq!(number_to_string(f64::NAN), "NaN");
    }

    #[test]
    fn json_values_to_number() {
        let n = |s: &str| {
            number_to_string(value_to_number(&crate::engine::json::from_str(s).unwrap()).unwrap())
        };
        assert_eq!(n("[7]"), "7");
        assert_eq!(n("[1,2]"), "NaN");
        assert_eq!(n("[]"), "0");
        assert_eq!(n("[null]"), "0");
        assert_eq!(n("{}"), "NaN");
        assert_eq!(n("true"), "1");
        assert_eq!(n("null"), "0");
        assert_eq!(n("\"12\""), "12");
    }

    /// What Node 20 prints for `String(JSON.parse(text))` and `Number(JSON.parse(text))`, or
    /// `None` where both throw `TypeError: Cannot convert object to primitive value`.
    #[test]
    fn to_primitive_follows_node() {
        let cases: [(&str, Option<(&str, &str)>); 17] = [
            // an own toString that is not a function: nothing gives a primitive
            (r#"{"toString":"x"}"#, None),
            (r#"{"toString":{}}"#, None),
            (r#"{"toString":null}"#, None),
            (r#"{"valueOf":"5","toString":"x"}"#, None),
            // an own valueOf alone: the inherited toString still answers
            (r#"{"valueOf":"5"}"#, Some(("[object Object]", "NaN"))),
            (r#"{"valueOf":5}"#, Some(("[object Object]", "NaN"))),
            (r#"{"tostring":"x"}"#, Some(("[object Object]", "NaN"))),
            (
                r#"{"__proto__":{"toString":"x"}}"#,
                Some(("[object Object]", "NaN")),
            ),
            (
                r#"{"a":{"toString":"x"}}"#,
                Some(("[object Object]", "NaN")),
            ),
            // join converts every element, however deep
            (r#"[{"toString":"x"}]"#, None),
            (r#"["a",[{"toString":1}]]"#, None),
            (r#"[1,null,{"toString":2}]"#, None),
            (
                r#"["a",{"valueOf":"b"},"c"]"#,
                Some(("a,[object Object],c", "NaN")),
            ),
            // null elements are ""
            (r#"[null]"#, Some(("", "0"))),
            (r#"[null,null]"#, Some((",", "NaN"))),
            (r#"[1,[2,[null,3]]]"#, Some(("1,2,,3", "NaN"))),
            (r#"[[[" 7 "]]]"#, Some((" 7 ", "7"))),
        ];
        for (text, want) in cases {
            let v = crate::engine::json::from_str(text).unwrap();
            let got = value_to_string(&v).ok().zip(value_to_number(&v).ok());
            let got = got
                .as_ref()
                .map(|(s, n)| (s.as_str(), number_to_string(*n)));
            let want = want.map(|(s, n)| (s, n.to_string()));
            assert_eq!(got, want, "{text}");
        }
        assert_eq!(
            JsTypeError.to_string(),
            "TypeError: Cannot convert object to primitive value"
        );
        assert_eq!(
            value_to_string(&crate::engine::json::from_str("[true,false,1e21,-0]").unwrap()),
            Ok("true,false,1e+21,0".to_string())
        );
    }

    #[test]
    fn key_order() {
        let keys: Vec<String> = ["b", "2", "a", "1", "01", "4294967295", "4294967294"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let order: Vec<&str> = ordered_keys(&keys)
            .into_iter()
            .map(String::as_str)
            .collect();
        assert_eq!(
            order,
            ["1", "2", "4294967294", "b", "a", "01", "4294967295"]
        );
    }

    #[test]
    fn items_move_with_their_keys() {
        // values travel with their keys, through cycles of every length
        let mut items: Vec<(String, usize)> = ["x", "10", "y", "3", "0", "z", "2", "1"]
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), i))
            .collect();
        order_like_js(&mut items, |(k, _)| k.as_str());
        let got: Vec<(&str, usize)> = items.iter().map(|(k, i)| (k.as_str(), *i)).collect();
        assert_eq!(
            got,
            [
                ("0", 4),
                ("1", 7),
                ("2", 6),
                ("3", 3),
                ("10", 1),
                ("x", 0),
                ("y", 2),
                ("z", 5)
            ]
        );
        let mut plain = vec!["b", "a"];
        order_like_js(&mut plain, |k| k);
        assert_eq!(plain, ["b", "a"]);
    }
}
