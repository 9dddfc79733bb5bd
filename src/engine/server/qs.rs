//! `req.query` as Express 4.22 builds it: its default "extended" query parser is
//! `qs.parse(str, { allowPrototypes: true, arrayLimit: 1000 })` (express/lib/utils.js,
//! `parseExtendedQueryString`), with qs 6.16.
//!
//! This follows qs 6.16's `lib/parse.js` and `lib/utils.js` (`merge`, `combine`, `compact`,
//! `arrayToObject`) rule for rule, quirks included, because the lab shows what Express
//! really hands the app: a username sent as `username[a][b]=1` is an object two levels deep,
//! `a[0]=x` is an array, `a[1000]=x` an object, and `a=1&a[b]=2` the array `['1', {b: '2'}]`.
//! Written in our own words; the names of qs's steps are kept so the two can be read side by
//! side. With these options qs never fails and never hands out anything but strings, arrays
//! and plain objects; `tests/qs_parity.rs` holds this to Express itself.
//!
//! The limits qs sets keep the work bounded, whatever the input: 1,000 `&`-separated parts,
//! 5 levels of brackets, arrays of at most 1,000 elements.

use crate::engine::js::{number_to_string, order_like_js};
use crate::engine::json::{Map, Value};
use crate::engine::uri::decode_uri_component;

/// `parameterLimit`: parts after the first 1,000 are ignored.
const PARAMETER_LIMIT: usize = 1000;
/// `depth`: bracket groups after the fifth are kept as one literal segment.
const DEPTH: usize = 5;
/// `arrayLimit` as Express sets it: an index from 1,000 up makes an object key, and an array
/// that would grow past 1,000 elements becomes an object.
const ARRAY_LIMIT: usize = 1000;

/// A value while qs builds it: a string, an array that may have holes, or an object. qs keeps
/// two marks on some of its containers (in side channels keyed by identity); here they travel
/// with the container, and a new container (a copy, a concatenation) starts without them.
enum Node {
    Str(String),
    Arr(Arr),
    Obj(Obj),
}

/// A JavaScript array, holes and all, stored sparsely: `a[999]=x` is one element at 999 with
/// a `length` of 1,000 (as V8 stores it), so a thousand such keys cost a thousand elements.
#[derive(Default)]
struct Arr {
    /// `length`: one past the highest index.
    len: usize,
    /// The elements that are there (not holes), by ascending index.
    items: Vec<(usize, Node)>,
    /// The `strictMerge` conflict mark: the last index a conflict filled.
    conflict: Option<f64>,
}

impl Arr {
    /// A new array of these elements, without holes.
    fn of(nodes: impl IntoIterator<Item = Node>) -> Arr {
        let mut a = Arr::default();
        for v in nodes {
            a.push(v);
        }
        a
    }

    /// `a[a.length] = v`.
    fn push(&mut self, v: Node) {
        self.items.push((self.len, v));
        self.len += 1;
    }

    /// `a.concat(b)`'s elements: `b`'s after `a`'s, holes kept.
    fn append(&mut self, b: Arr) {
        let at = self.len;
        self.items
            .extend(b.items.into_iter().map(|(i, v)| (at + i, v)));
        self.len += b.len;
    }
}

#[derive(Default)]
struct Obj {
    /// Members in insertion order; [`js_order`] gives the order JavaScript enumerates them.
    map: Map<String, Node>,
    /// The overflow mark (an array past `arrayLimit`, kept as an object): its highest index.
    overflow: Option<f64>,
    /// The conflict mark, as on [`Arr`] (an object made of a conflict array keeps it).
    conflict: Option<f64>,
}

impl Node {
    /// `typeof v === 'object'` (qs's values are never null).
    fn is_container(&self) -> bool {
        !matches!(self, Node::Str(_))
    }

    fn is_overflow(&self) -> bool {
        matches!(
            self,
            Node::Obj(Obj {
                overflow: Some(_),
                ..
            })
        )
    }
}

/// `qs.parse(q, { allowPrototypes: true, arrayLimit: 1000 })`: never panics, whatever `q`.
pub fn parse(q: &str) -> Map<String, Value> {
    let mut top = Node::Obj(Obj::default());
    for (key, value) in js_order(parse_values(q).map) {
        if key.is_empty() {
            continue;
        }
        let chain = split_key(&key);
        top = merge(top, parse_object(&chain, value));
    }
    match compact(top) {
        Value::Object(m) => m,
        // the top is an object from the start and `merge` into an object gives an object
        _ => Map::new(),
    }
}

/// qs's `decode` for utf-8: `+` is a space, then `decodeURIComponent`, keeping the text (with
/// its spaces) when that throws.
fn decode(s: &str) -> String {
    let plus = s.replace('+', " ");
    decode_uri_component(&plus).unwrap_or(plus)
}

/// `%5B` and `%5D` (any case) become `[` and `]` in the whole query before it is split.
fn unescape_brackets(q: &str) -> std::borrow::Cow<'_, str> {
    let b = q.as_bytes();
    let at = |i: usize| -> Option<char> {
        if b.get(i) != Some(&b'%') || b.get(i + 1) != Some(&b'5') {
            return None;
        }
        match b.get(i + 2) {
            Some(b'B' | b'b') => Some('['),
            Some(b'D' | b'd') => Some(']'),
            _ => None,
        }
    };
    if !(0..b.len()).any(|i| at(i).is_some()) {
        return q.into();
    }
    let mut out = String::with_capacity(q.len());
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(c) = at(i) {
            // '%' is ASCII, so `run..i` is whole characters
            out.push_str(&q[run..i]);
            out.push(c);
            i += 3;
            run = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&q[run..]);
    out.into()
}

/// `parseValues`: each part's decoded key and value, a repeated key's values combined (into
/// an array, or an overflow object past the limit). The keys are still whole (`a[b][c]`).
fn parse_values(q: &str) -> Obj {
    let mut out = Obj::default();
    let clean = unescape_brackets(q);
    for part in clean.split('&').take(PARAMETER_LIMIT) {
        // a `]=` splits first, so `a[b=c]=d` is the key `a[b=c]`
        let at = part.find("]=").map(|i| i + 1).or_else(|| part.find('='));
        let (key, value) = match at {
            None => (decode(part), String::new()),
            Some(i) => (decode(&part[..i]), decode(&part[i + 1..])),
        };
        match out.map.get_mut(&key) {
            Some(existing) => {
                let old = std::mem::replace(existing, Node::Str(String::new()));
                *existing = combine(old, Node::Str(value));
            }
            None => {
                out.map.insert(key, Node::Str(value));
            }
        }
    }
    out
}

/// `utils.combine(a, b)`: `[].concat(a, b)`, or `b` appended to an overflow object.
fn combine(a: Node, b: Node) -> Node {
    match a {
        Node::Obj(mut o) if o.overflow.is_some() => {
            let max = o.overflow.unwrap_or(0.0);
            let b = spread(b);
            for (i, v) in b.items {
                o.map.insert(number_to_string(max + 1.0 + i as f64), v);
            }
            o.overflow = Some(max + b.len as f64);
            Node::Obj(o)
        }
        a => {
            let mut items = spread(a);
            items.append(spread(b));
            limited(items)
        }
    }
}

/// What `[].concat(v)` puts in, as a new array (without marks): an array's elements (holes
/// too), anything else as itself.
fn spread(v: Node) -> Arr {
    match v {
        Node::Arr(a) => Arr {
            conflict: None,
            ..a
        },
        v => Arr::of([v]),
    }
}

/// The new array `items` (unmarked), or (longer than `arrayLimit`) the overflow object qs
/// makes of it.
fn limited(items: Arr) -> Node {
    if items.len > ARRAY_LIMIT {
        let max = (items.len - 1) as f64;
        overflowed(items, max)
    } else {
        Node::Arr(Arr {
            conflict: None,
            ..items
        })
    }
}

fn overflowed(items: Arr, max: f64) -> Node {
    let mut o = array_to_object(items);
    o.overflow = Some(max);
    Node::Obj(o)
}

/// `utils.arrayToObject`: the elements under their indices, holes left out.
fn array_to_object(items: Arr) -> Obj {
    let mut o = Obj::default();
    for (k, v) in indexed(items) {
        o.map.insert(k, v);
    }
    o
}

/// `splitKeyIntoSegments`: `a[b][c]` is `a`, `[b]`, `[c]`. A bracket group may hold nested
/// balanced brackets (`[[b]]`); an unclosed one takes the rest of the key, wrapped in one more
/// pair (`a[b` gives `[[b]`); text between groups is dropped; past the fifth group the rest
/// is one segment. With `allowPrototypes` no key is refused here.
fn split_key(key: &str) -> Vec<String> {
    let b = key.as_bytes();
    let first = key.find('[');
    let parent = first.map_or(key, |i| &key[..i]);
    let mut segments = Vec::new();
    if !parent.is_empty() {
        segments.push(parent.to_string());
    }
    let rest = |from: usize| format!("[{}]", &key[from..]);
    let mut open = first;
    let mut collected = 0;
    while let Some(o) = open.filter(|_| collected < DEPTH) {
        let mut level = 0usize;
        let close = b[o..].iter().position(|&c| {
            match c {
                b'[' => level += 1,
                b']' => level -= 1,
                _ => {}
            }
            level == 0
        });
        let Some(close) = close.map(|j| o + j) else {
            segments.push(rest(o));
            return segments;
        };
        segments.push(key[o..=close].to_string());
        collected += 1;
        open = key[close + 1..].find('[').map(|j| close + 1 + j);
    }
    if let Some(o) = open {
        segments.push(rest(o));
    }
    segments
}

/// `parseObject`: the value wrapped in the key's segments, innermost first. `[]` makes an
/// array of the value (an array value spread into it); `[n]` with `n` a canonical index below
/// the limit a sparse array with the value at `n`; a larger index an overflow object; any other
/// segment an object with that one key, except `__proto__`, which gives an empty object.
fn parse_object(chain: &[String], value: Node) -> Node {
    let mut leaf = value;
    for root in chain.iter().rev() {
        leaf = if root == "[]" {
            if leaf.is_overflow() {
                leaf
            } else {
                limited(spread(leaf))
            }
        } else {
            let bracketed = root.len() >= 2 && root.starts_with('[') && root.ends_with(']');
            let clean = if bracketed {
                &root[1..root.len() - 1]
            } else {
                root.as_str()
            };
            match index_of(clean).filter(|_| bracketed) {
                Some(i) if i < ARRAY_LIMIT as f64 => {
                    // below the limit, so a small whole number: `[]` with `leaf` at `i`
                    let i = i as usize;
                    Node::Arr(Arr {
                        len: i + 1,
                        items: vec![(i, leaf)],
                        conflict: None,
                    })
                }
                Some(i) => {
                    let mut o = Obj::default();
                    o.map.insert(clean.to_string(), leaf);
                    o.overflow = Some(i);
                    Node::Obj(o)
                }
                None => {
                    let mut o = Obj::default();
                    if clean != "__proto__" {
                        o.map.insert(clean.to_string(), leaf);
                    }
                    Node::Obj(o)
                }
            }
        };
    }
    leaf
}

/// `String(parseInt(s, 10)) === s`: the number `s` stands for, when it is written exactly as
/// JavaScript writes that number (no sign but `-`, no leading zero, not `-0`, no digits a
/// double cannot hold, no exponent).
fn int_key(s: &str) -> Option<f64> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty()
        || !digits.bytes().all(|c| c.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
        || (negative && digits == "0")
    {
        return None;
    }
    let n: f64 = digits.parse().ok()?;
    if digits.len() > 15 && number_to_string(n) != digits {
        return None;
    }
    Some(if negative { -n } else { n })
}

/// A segment's text that qs takes for an array index: a canonical non-negative integer.
fn index_of(s: &str) -> Option<f64> {
    int_key(s).filter(|n| *n >= 0.0)
}

/// `parseInt(s, 10)`: leading white space, a sign, then as many digits as there are (NaN if
/// none). qs only ever hands it the keys of an overflow object, which are indices.
fn parse_int(s: &str) -> f64 {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let (sign, t) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let end = t
        .bytes()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(t.len());
    t[..end].parse::<f64>().map_or(f64::NAN, |n| sign * n)
}

/// The members in the order `Object.keys` lists them: array indices first, ascending.
fn js_order(map: Map<String, Node>) -> Vec<(String, Node)> {
    let mut entries: Vec<(String, Node)> = map.into_iter().collect();
    order_like_js(&mut entries, |(k, _)| k.as_str());
    entries
}

/// An array's elements as `Object.keys` sees them: holes skipped.
fn indexed(a: Arr) -> Vec<(String, Node)> {
    a.items
        .into_iter()
        .map(|(i, v)| (i.to_string(), v))
        .collect()
}

/// `utils.merge(target, source)` with `strictMerge` (qs 6.16's default): how a key's value
/// joins what the earlier keys built. Returns the merged value (sometimes `target` itself,
/// changed, sometimes a new container).
fn merge(target: Node, source: Node) -> Node {
    match source {
        // `if (!source) return target`: an empty string adds nothing
        Node::Str(s) if s.is_empty() => target,
        Node::Str(s) => merge_string(target, s),
        source => match target {
            Node::Str(t) => wrap(t, source),
            Node::Arr(t) => match source {
                Node::Arr(s) => merge_arrays(t, s),
                Node::Obj(s) => {
                    let conflict = t.conflict.map(|_| t.len as f64 - 1.0);
                    let mut o = array_to_object(t);
                    o.conflict = conflict;
                    Node::Obj(merge_into_object(o, Node::Obj(s)))
                }
                Node::Str(_) => Node::Arr(t),
            },
            Node::Obj(t) => Node::Obj(merge_into_object(t, source)),
        },
    }
}

/// A string source: appended to an array (which past the limit becomes an overflow object), at
/// the next index of an overflow or conflict object, paired with any other object (a conflict
/// array) or with a string (a plain array).
fn merge_string(target: Node, s: String) -> Node {
    match target {
        Node::Arr(mut a) => {
            let next = a.len;
            a.push(Node::Str(s));
            if next >= ARRAY_LIMIT {
                overflowed(a, next as f64)
            } else {
                Node::Arr(a)
            }
        }
        Node::Obj(mut o) => {
            if let Some(max) = o.overflow {
                o.map.insert(number_to_string(max + 1.0), Node::Str(s));
                o.overflow = Some(max + 1.0);
                Node::Obj(o)
            } else if let Some(last) = o.conflict {
                o.map.insert(number_to_string(last + 1.0), Node::Str(s));
                o.conflict = Some(last + 1.0);
                Node::Obj(o)
            } else {
                Node::Arr(Arr {
                    conflict: Some(1.0),
                    ..Arr::of([Node::Obj(o), Node::Str(s)])
                })
            }
        }
        Node::Str(t) => Node::Arr(Arr::of([Node::Str(t), Node::Str(s)])),
    }
}

/// A string target meets a container: `[target].concat(source)`, or for an overflow source a
/// new overflow object with the string at 0 and the source's entries one index up.
fn wrap(t: String, source: Node) -> Node {
    match source {
        Node::Obj(s) if s.overflow.is_some() => {
            let max = s.overflow.unwrap_or(0.0);
            let mut o = Obj::default();
            o.map.insert("0".into(), Node::Str(t));
            for (k, v) in js_order(s.map) {
                o.map.insert(number_to_string(parse_int(&k) + 1.0), v);
            }
            o.overflow = Some(max + 1.0);
            Node::Obj(o)
        }
        source => {
            let mut items = Arr::of([Node::Str(t)]);
            items.append(spread(source));
            limited(items)
        }
    }
}

/// Two arrays: each of the source's elements goes to its index, or is merged into a container
/// there (when both are containers), or else is appended.
fn merge_arrays(mut t: Arr, s: Arr) -> Node {
    for (i, item) in s.items {
        match t.items.binary_search_by_key(&i, |(j, _)| *j) {
            Ok(at) => match t.items.get_mut(at) {
                Some((_, old)) if old.is_container() && item.is_container() => {
                    let taken = std::mem::replace(old, Node::Str(String::new()));
                    *old = merge(taken, item);
                }
                _ => t.push(item),
            },
            Err(at) => {
                t.items.insert(at, (i, item));
                t.len = t.len.max(i + 1);
            }
        }
    }
    if t.len > ARRAY_LIMIT {
        let max = (t.len - 1) as f64;
        overflowed(t, max)
    } else {
        Node::Arr(t)
    }
}

/// An object target and a container source: key by key, in the source's `Object.keys` order, a
/// new key is added and an existing one merged; the target's marks follow the keys.
fn merge_into_object(mut acc: Obj, source: Node) -> Obj {
    let (entries, source_overflow) = match source {
        Node::Obj(s) => (js_order(s.map), s.overflow),
        Node::Arr(s) => (indexed(s), None),
        Node::Str(_) => return acc,
    };
    for (key, value) in entries {
        match acc.map.get_mut(&key) {
            Some(slot) => {
                let old = std::mem::replace(slot, Node::Str(String::new()));
                *slot = merge(old, value);
            }
            None => {
                acc.map.insert(key.clone(), value);
            }
        }
        if let (Some(max), None) = (source_overflow, acc.overflow) {
            // `maxNumericIndex(acc, max)`
            let highest = acc
                .map
                .keys()
                .filter_map(|k| int_key(k))
                .fold(max, f64::max);
            acc.overflow = Some(highest);
        }
        let n = int_key(&key);
        if let (Some(max), Some(n)) = (acc.overflow, n) {
            if n >= 0.0 && n > max {
                acc.overflow = Some(n);
            }
        }
        if let (Some(last), Some(n)) = (acc.conflict, n) {
            if n > last {
                acc.conflict = Some(n);
            }
        }
    }
    acc
}

/// `utils.compact` and the hand-over: arrays lose their holes, objects list their keys as
/// JavaScript enumerates them.
fn compact(v: Node) -> Value {
    match v {
        Node::Str(s) => Value::String(s),
        Node::Arr(a) => Value::Array(a.items.into_iter().map(|(_, v)| compact(v)).collect()),
        Node::Obj(o) => Value::Object(
            js_order(o.map)
                .into_iter()
                .map(|(k, v)| (k, compact(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn q(s: &str) -> Value {
        Value::Object(parse(s))
    }

    #[test]
    fn keys_split_as_qs_splits_them() {
        let s = |k: &str| split_key(k);
        assert_eq!(s("a"), ["a"]);
        assert_eq!(s("a[b][c]"), ["a", "[b]", "[c]"]);
        assert_eq!(s("[a]"), ["[a]"]);
        assert_eq!(s("a[b"), ["a", "[[b]"]);
        assert_eq!(s("a[[b]]x[c]"), ["a", "[[b]]", "[c]"]);
        assert_eq!(
            s("a[1][2][3][4][5][6][7]"),
            ["a", "[1]", "[2]", "[3]", "[4]", "[5]", "[[6][7]]"]
        );
    }

    #[test]
    fn indices_as_javascript_writes_them() {
        assert_eq!(index_of("0"), Some(0.0));
        assert_eq!(index_of("999"), Some(999.0));
        for s in [
            "",
            "01",
            "-1",
            "-0",
            "+1",
            " 1",
            "1.0",
            "1e3",
            "9007199254740993",
            "1e+21",
        ] {
            assert_eq!(index_of(s), None, "{s}");
        }
        assert_eq!(index_of("100000000000000000000"), Some(1e20));
        assert_eq!(int_key("-5"), Some(-5.0));
        assert!(parse_int("b").is_nan());
        assert_eq!(parse_int(" 12x"), 12.0);
    }

    #[test]
    fn what_express_gives() {
        assert_eq!(q("a[b][c]=2"), json!({"a": {"b": {"c": "2"}}}));
        assert_eq!(q("a[0]=x"), json!({"a": ["x"]}));
        assert_eq!(q("a[1]=b&a[5]=c&a[3]=d"), json!({"a": ["b", "d", "c"]}));
        assert_eq!(q("a[1001]=x&a=y"), json!({"a": {"1001": "x", "1002": "y"}}));
        assert_eq!(q("a=1&a[b]=2"), json!({"a": ["1", {"b": "2"}]}));
        assert_eq!(q("a[b]=1&a=2"), json!({"a": [{"b": "1"}, "2"]}));
        assert_eq!(q("5[a]=1&5=2"), json!({"5": ["2", {"a": "1"}]}));
        assert_eq!(
            q("a[]=1&a[b]=2&a[]=3"),
            json!({"a": {"0": "1", "1": "3", "b": "2"}})
        );
        assert_eq!(q("a[__proto__]=1&__proto__[x]=2"), json!({"a": {}}));
        assert_eq!(q("a%5Bb%5D=%5B"), json!({"a": {"b": "["}}));
        assert_eq!(
            q("a[100000000000000000000]=x&a=y"),
            json!({"a": {"100000000000000000000": "y"}})
        );
    }
}
