//! What Node's `console.log` prints for a session: `util.inspect` with its defaults (a line
//! of at most 80 columns, `compact: 3`, `depth: 2`, 100 array items), for the values a
//! session holds: the `Session` itself, its cookie (an object: express-session's `Cookie`
//! replaces its prototype, so no class name shows), a `Date`, `undefined` and JSON.
//!
//! Hand-written, following Node's `lib/internal/util/inspect.js` (`formatValue`,
//! `reduceToSingleString`, `isBelowBreakLength`, `groupArrayElements`, `strEscape`): no crate
//! prints JavaScript values as Node does, and the lab shows these bytes as the server's
//! console. Lengths are UTF-16 units, as JavaScript's `.length`.

use super::json::Value;

/// A value as `util.inspect` sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// A string (quoted and escaped when printed).
    Str(String),
    /// A number (`-0` keeps its sign; in an array's columns, numbers line up on the right).
    Num(f64),
    /// Printed as it is: `true`, `null`, `undefined`, a `Date`'s ISO text.
    Raw(String),
    /// An object with its own enumerable keys in order, and its class name (`Session`), if
    /// its constructor is not `Object`.
    Obj(Option<&'static str>, Vec<(String, Shown)>),
    /// An array.
    Arr(Vec<Shown>),
}

const BREAK_LENGTH: usize = 80;
const COMPACT: usize = 3;
const DEPTH: usize = 2;
const MAX_ARRAY_LENGTH: usize = 100;
/// `kMinLineWidth`: a shorter string is never split at its newlines.
const MIN_LINE_WIDTH: usize = 16;
/// `maxStringLength`: the rest of a longer string is counted, not printed.
const MAX_STRING_LENGTH: usize = 10_000;

impl Shown {
    /// A JSON value.
    pub fn json(v: &Value) -> Shown {
        match v {
            Value::String(s) => Shown::Str(s.clone()),
            Value::Number(n) => Shown::Num(n.as_f64().unwrap_or(f64::NAN)),
            Value::Bool(b) => Shown::Raw(b.to_string()),
            Value::Null => Shown::Raw("null".into()),
            Value::Array(a) => Shown::Arr(a.iter().map(Shown::json).collect()),
            Value::Object(m) => Shown::Obj(
                None,
                crate::engine::js::ordered_keys(m.keys())
                    .into_iter()
                    .map(|k| (k.clone(), Shown::json(&m[k.as_str()])))
                    .collect(),
            ),
        }
    }
}

/// `formatNumber`: JavaScript's `String(n)`, except that `-0` shows its sign.
fn number(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        "-0".into()
    } else {
        crate::engine::js::number_to_string(n)
    }
}

/// `util.inspect(value)`.
pub fn inspect(v: &Shown) -> String {
    let mut ctx = Ctx {
        indentation: 0,
        current_depth: 0,
    };
    format_value(&mut ctx, v, 0)
}

struct Ctx {
    indentation: usize,
    current_depth: usize,
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `getStringWidth`: the columns a terminal gives the text, which array columns are lined up
/// by (a Chinese character takes two). Node asks ICU's East Asian Width; these are the ranges
/// of its own fallback (`isFullWidthCodePoint`, `isZeroWidthCodePoint`), which agree for the
/// scripts a username is written in. The page's Last request bar weighs its text with it too.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let code = c as u32;
            let zero = code <= 0x1f
                || (0x7f..=0x9f).contains(&code)
                || (0x300..=0x36f).contains(&code)
                || (0x200b..=0x200f).contains(&code)
                || (0x20d0..=0x20ff).contains(&code)
                || (0xfe00..=0xfe0f).contains(&code)
                || (0xfe20..=0xfe2f).contains(&code)
                || (0xe0100..=0xe01ef).contains(&code);
            let full = code >= 0x1100
                && (code <= 0x115f
                    || code == 0x2329
                    || code == 0x232a
                    || ((0x2e80..=0x3247).contains(&code) && code != 0x303f)
                    || (0x3250..=0x4dbf).contains(&code)
                    || (0x4e00..=0xa4c6).contains(&code)
                    || (0xa960..=0xa97c).contains(&code)
                    || (0xac00..=0xd7a3).contains(&code)
                    || (0xf900..=0xfaff).contains(&code)
                    || (0xfe10..=0xfe19).contains(&code)
                    || (0xfe30..=0xfe6b).contains(&code)
                    || (0xff01..=0xff60).contains(&code)
                    || (0xffe0..=0xffe6).contains(&code)
                    || (0x1b000..=0x1b001).contains(&code)
                    || (0x1f200..=0x1f251).contains(&code)
                    || (0x1f300..=0x1f64f).contains(&code)
                    || (0x20000..=0x3fffd).contains(&code));
            if zero {
                0
            } else if full {
                2
            } else {
                1
            }
        })
        .sum()
}

fn format_value(ctx: &mut Ctx, v: &Shown, recurse: usize) -> String {
    match v {
        Shown::Num(n) => number(*n),
        Shown::Raw(s) => s.clone(),
        Shown::Str(s) => format_string(ctx, s),
        Shown::Obj(class, entries) => {
            let open = class.map_or("{".to_string(), |c| format!("{c} {{"));
            if entries.is_empty() {
                return format!("{open}}}");
            }
            if recurse > DEPTH {
                return format!("[{}]", class.unwrap_or("Object"));
            }
            let recurse = recurse + 1;
            ctx.current_depth = recurse;
            let output: Vec<String> = entries
                .iter()
                .map(|(k, v)| {
                    let value = property(ctx, v, recurse);
                    format!("{}: {value}", key(k))
                })
                .collect();
            reduce(ctx, output, &open, "}", recurse, None)
        }
        Shown::Arr(items) => {
            if items.is_empty() {
                return "[]".into();
            }
            if recurse > DEPTH {
                return "[Array]".into();
            }
            let recurse = recurse + 1;
            ctx.current_depth = recurse;
            let shown = items.len().min(MAX_ARRAY_LENGTH);
            let mut output: Vec<String> = items[..shown]
                .iter()
                .map(|v| property(ctx, v, recurse))
                .collect();
            let more = items.len() - shown;
            if more > 0 {
                output.push(format!(
                    "... {more} more item{}",
                    if more > 1 { "s" } else { "" }
                ));
            }
            reduce(ctx, output, "[", "]", recurse, Some(items))
        }
    }
}

/// `formatProperty`'s value: two more columns of indentation while it is formatted.
fn property(ctx: &mut Ctx, v: &Shown, recurse: usize) -> String {
    ctx.indentation += 2;
    let s = format_value(ctx, v, recurse);
    ctx.indentation -= 2;
    s
}

/// A key: bare when it is an identifier (`/^[a-zA-Z_][a-zA-Z_0-9]*$/`), else quoted;
/// `__proto__` in brackets, as Node marks an own property of that name.
fn key(k: &str) -> String {
    if k == "__proto__" {
        return "['__proto__']".into();
    }
    let mut chars = k.chars();
    let bare = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if bare {
        k.to_string()
    } else {
        escape(k)
    }
}

/// `formatPrimitive` for a string: a long one is split after each newline, one quoted piece
/// per line joined by ` +`.
fn format_string(ctx: &Ctx, s: &str) -> String {
    let (s, lone, trailer) = cut(s);
    let len = units(s);
    let mut out =
        if len > MIN_LINE_WIDTH && len + ctx.indentation + 4 > BREAK_LENGTH && s.contains('\n') {
            let pieces: Vec<String> = s.split_inclusive('\n').map(escape).collect();
            pieces.join(&format!(" +\n{}", " ".repeat(ctx.indentation + 2)))
        } else {
            escape(s)
        };
    if let Some(high) = lone {
        // before the closing quote
        out.insert_str(out.len() - 1, &format!("\\u{high:x}"));
    }
    out + &trailer
}

/// A string past `maxStringLength` UTF-16 units: its first 10,000 and "... n more
/// characters". A pair cut in two leaves its high half, which Node prints as `\ud83d`.
fn cut(s: &str) -> (&str, Option<u16>, String) {
    let total = units(s);
    if total <= MAX_STRING_LENGTH {
        return (s, None, String::new());
    }
    let mut n = 0;
    let mut end = s.len();
    let mut lone = None;
    for (at, c) in s.char_indices() {
        let w = c.len_utf16();
        if n + w > MAX_STRING_LENGTH {
            end = at;
            if n < MAX_STRING_LENGTH {
                let mut pair = [0u16; 2];
                c.encode_utf16(&mut pair);
                lone = Some(pair[0]);
            }
            break;
        }
        n += w;
    }
    let more = total - MAX_STRING_LENGTH;
    let plural = if more > 1 { "s" } else { "" };
    (
        &s[..end],
        lone,
        format!("... {more} more character{plural}"),
    )
}

/// `strEscape`: single quotes, unless the text has one and no double quote (then double), or
/// has both but no backtick and no `${` (then backticks); control characters escaped.
fn escape(s: &str) -> String {
    let quote = if !s.contains('\'') {
        '\''
    } else if !s.contains('"') {
        '"'
    } else if !s.contains('`') && !s.contains("${") {
        '`'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\'' if quote == '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `reduceToSingleString` with a numeric `compact`: on one line when the entries fit in the
/// line (and none spans lines), else one per line; an array of more than six is first
/// grouped into columns.
fn reduce(
    ctx: &Ctx,
    output: Vec<String>,
    open: &str,
    close: &str,
    recurse: usize,
    array: Option<&[Shown]>,
) -> String {
    let entries = output.len();
    let output = match array {
        Some(items) if entries > 6 => group(ctx, output, items),
        _ => output,
    };
    if ctx.current_depth - recurse < COMPACT && entries == output.len() {
        let start = output.len() + ctx.indentation + units(open) + 10;
        if below_break_length(&output, start) {
            let joined = output.join(", ");
            if !joined.contains('\n') {
                return format!("{open} {joined} {close}");
            }
        }
    }
    let indentation = format!("\n{}", " ".repeat(ctx.indentation));
    format!(
        "{open}{indentation}  {}{indentation}{close}",
        output.join(&format!(",{indentation}  "))
    )
}

fn below_break_length(output: &[String], start: usize) -> bool {
    let mut total = output.len() + start;
    if total + output.len() > BREAK_LENGTH {
        return false;
    }
    for o in output {
        total += units(o);
        if total > BREAK_LENGTH {
            return false;
        }
    }
    true
}

/// `groupArrayElements`: short entries in columns, padded to each column's widest.
fn group(ctx: &Ctx, output: Vec<String>, items: &[Shown]) -> Vec<String> {
    const SEPARATOR: usize = 2;
    let mut count = output.len();
    if MAX_ARRAY_LENGTH < output.len() {
        // the "... n more items" line is not grouped
        count -= 1;
    }
    let lens: Vec<usize> = output[..count].iter().map(|o| width(o)).collect();
    let total: usize = lens.iter().map(|l| l + SEPARATOR).sum();
    let max = lens.iter().copied().max().unwrap_or(0);
    let actual_max = max + SEPARATOR;
    if !(actual_max * 3 + ctx.indentation < BREAK_LENGTH
        && (total as f64 / actual_max as f64 > 5.0 || max <= 6))
    {
        return output;
    }
    let average_bias = (actual_max as f64 - total as f64 / output.len() as f64).sqrt();
    let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
    let columns = [
        ((2.5 * biased_max * count as f64).sqrt() / biased_max).round() as usize,
        (BREAK_LENGTH - ctx.indentation) / actual_max,
        COMPACT * 4,
        15,
    ]
    .into_iter()
    .min()
    .unwrap_or(1);
    if columns <= 1 {
        return output;
    }
    let widest: Vec<usize> = (0..columns)
        .map(|i| {
            (i..output.len())
                .step_by(columns)
                .map(|j| lens.get(j).copied().unwrap_or(0))
                .max()
                .unwrap_or(0)
                + SEPARATOR
        })
        .collect();
    // numbers line up on the right, anything else on the left
    let numbers = (0..output.len()).all(|i| matches!(items.get(i), Some(Shown::Num(_))));
    // padded to a column's width in columns, as Node's padStart/padEnd by a length made up
    // for the difference between width and length
    let pad = |s: &str, target: usize| {
        let fill = " ".repeat(target.saturating_sub(width(s)));
        if numbers {
            format!("{fill}{s}")
        } else {
            format!("{s}{fill}")
        }
    };
    let mut rows = Vec::new();
    let mut i = 0;
    while i < count {
        let end = (i + columns).min(count);
        let mut row = String::new();
        for j in i..end - 1 {
            row.push_str(&pad(&format!("{}, ", output[j]), widest[j - i]));
        }
        let j = end - 1;
        if numbers {
            row.push_str(&pad(&output[j], widest[j - i] - SEPARATOR));
        } else {
            row.push_str(&output[j]);
        }
        rows.push(row);
        i += columns;
    }
    if MAX_ARRAY_LENGTH < output.len() {
        rows.push(output[count].clone());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json::json;

    fn s(v: Value) -> String {
        inspect(&Shown::json(&v))
    }

    #[test]
    fn strings_pick_their_quotes_as_node_does() {
        assert_eq!(escape("alice"), "'alice'");
        assert_eq!(escape("it's"), "\"it's\"");
        assert_eq!(escape("it's \"x\""), "`it's \"x\"`");
        assert_eq!(escape("a'b\"c`d"), "'a\\'b\"c`d'");
        assert_eq!(escape("a\nb\u{1}\u{7f}\\"), "'a\\nb\\x01\\x7F\\\\'");
    }

    #[test]
    fn short_objects_stay_on_one_line_and_long_ones_break() {
        assert_eq!(s(json!({"a": 1, "b": [1, 2]})), "{ a: 1, b: [ 1, 2 ] }");
        assert_eq!(s(json!({})), "{}");
        assert_eq!(s(json!([])), "[]");
        assert_eq!(s(json!({"a-b": -0.0})), "{ 'a-b': -0 }");
        assert_eq!(s(json!({"__proto__": 1})), "{ ['__proto__']: 1 }");
        let long = s(
            json!({"aaaaaaaaaaaaaaaaaaaa": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "c": "dddddddddddddddddddddd"}),
        );
        assert_eq!(
            long,
            "{\n  aaaaaaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',\n  c: 'dddddddddddddddddddddd'\n}"
        );
        // deeper than two levels: [Object]
        assert_eq!(
            s(json!({"a": {"b": {"c": {"d": 1}}}})),
            "{ a: { b: { c: [Object] } } }"
        );
    }
}
