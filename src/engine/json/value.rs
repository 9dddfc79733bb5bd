//! A JSON value as `JSON.parse` hands it to JavaScript: null, a boolean, a number, a string, an
//! array, or an object whose members keep their insertion order.
//!
//! It has the shape (and the method names) of `serde_json::Value` with `preserve_order`, which
//! the lab used before: integers stay integers (`PosInt` / `NegInt`), other numbers are
//! doubles, and an object is an [`IndexMap`], so a repeated key keeps its first position and
//! takes the last value, and `remove` is spelled `swap_remove` or `shift_remove`. Our own
//! type because serde's generic machinery cost the page's module 36.7 KB (16.8 KB gzip) for
//! the three things we used it for (parse, build, compare); printing is
//! [`super::stringify`].

use indexmap::IndexMap;

/// An object's members in insertion order.
pub type Map<K, V> = IndexMap<K, V>;

/// A JSON value.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: an integer as written, or a finite double.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map<String, Value>),
}

/// A JSON number: a non-negative integer, a negative integer, or a finite double (never NaN
/// or infinite). `1` and `1.0` are different numbers here, as in serde_json; JavaScript
/// compares them through [`Number::as_f64`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl Number {
    /// The double `f`, or `None` when it is NaN or infinite (JSON has neither).
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(N::Float(f)))
    }

    /// The number as a double (always `Some`; the `Option` is serde_json's signature).
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::PosInt(n) => n as f64,
            N::NegInt(n) => n as f64,
            N::Float(f) => f,
        })
    }

    /// The number when it is an integer that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(n) => i64::try_from(n).ok(),
            N::NegInt(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// The number when it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(n) => Some(n),
            _ => None,
        }
    }
}

impl std::fmt::Display for Number {
    /// As JavaScript prints the number.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        super::super::js::push_number(&mut s, self.as_f64().unwrap_or(f64::NAN));
        f.write_str(&s)
    }
}

impl Number {
    fn unsigned(n: u64) -> Number {
        Number(N::PosInt(n))
    }

    fn signed(n: i64) -> Number {
        Number(if n < 0 {
            N::NegInt(n)
        } else {
            N::PosInt(n as u64)
        })
    }
}

/// Integers of every width, each as [`Number::unsigned`] or [`Number::signed`] of it widened.
macro_rules! from_integer {
    ($($t:ty => $kind:ident $wide:ty,)*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number::$kind(n as $wide)
            }
        }
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n.into())
            }
        }
        impl From<&$t> for Value {
            fn from(n: &$t) -> Value {
                Value::Number((*n).into())
            }
        }
    )*};
}
from_integer!(
    u8 => unsigned u64,
    u16 => unsigned u64,
    u32 => unsigned u64,
    u64 => unsigned u64,
    usize => unsigned u64,
    i8 => signed i64,
    i16 => signed i64,
    i32 => signed i64,
    i64 => signed i64,
    isize => signed i64,
);

impl From<f64> for Value {
    /// A finite double, or `null` for NaN and the infinities (as `JSON.stringify` prints them).
    fn from(f: f64) -> Value {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<&Value> for Value {
    fn from(v: &Value) -> Value {
        v.clone()
    }
}

impl From<Map<String, Value>> for Value {
    fn from(m: Map<String, Value>) -> Value {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Value {
        Value::Array(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Clone + Into<Value>> From<&[T]> for Value {
    fn from(v: &[T]) -> Value {
        Value::Array(v.iter().cloned().map(Into::into).collect())
    }
}

impl<T: Clone + Into<Value>> From<&Vec<T>> for Value {
    fn from(v: &Vec<T>) -> Value {
        v.as_slice().into()
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// What [`Value::get`] looks up: a member name or an array position.
pub trait Index {
    /// The value at this name or position, if `v` has one.
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value>;
    /// The same, mutably.
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value>;
}

impl Index for usize {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_array()?.get(*self)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        v.as_array_mut()?.get_mut(*self)
    }
}

impl Index for str {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_object()?.get(self)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        v.as_object_mut()?.get_mut(self)
    }
}

impl Index for String {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        self.as_str().index_into(v)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        self.as_str().index_into_mut(v)
    }
}

impl<T: Index + ?Sized> Index for &T {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        (**self).index_into(v)
    }
    fn index_into_mut<'v>(&self, v: &'v mut Value) -> Option<&'v mut Value> {
        (**self).index_into_mut(v)
    }
}

static NULL: Value = Value::Null;

impl<I: Index> std::ops::Index<I> for Value {
    type Output = Value;
    /// The member or element, or `null` when there is none (never a panic).
    fn index(&self, i: I) -> &Value {
        i.index_into(self).unwrap_or(&NULL)
    }
}

impl std::ops::IndexMut<&str> for Value {
    /// The member `name`, added as `null` when missing; `null` itself becomes an empty object
    /// first. For building values in tests and fixtures: any other value panics, as in
    /// serde_json.
    fn index_mut(&mut self, name: &str) -> &mut Value {
        if self.is_null() {
            *self = Value::Object(Map::new());
        }
        match self {
            Value::Object(m) => m.entry(name.to_string()).or_insert(Value::Null),
            _ => panic!("cannot index a non-object JSON value by name"),
        }
    }
}

impl Value {
    /// The member `name` of an object or the element at a position of an array.
    pub fn get<I: Index>(&self, i: I) -> Option<&Value> {
        i.index_into(self)
    }

    /// The same, mutably.
    pub fn get_mut<I: Index>(&mut self, i: I) -> Option<&mut Value> {
        i.index_into_mut(self)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as a double, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number()?.as_f64()
    }

    /// The number, if this is an integer that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()?.as_i64()
    }

    /// The number, if this is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, mutably, if this is an array.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map<String, Value>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The members, mutably, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut Map<String, Value>> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
}

impl std::fmt::Display for Value {
    /// `JSON.stringify(value)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::stringify(self))
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<i32> for Value {
    fn eq(&self, other: &i32) -> bool {
        self.as_i64() == Some(i64::from(*other))
    }
}

impl PartialEq<f64> for Value {
    fn eq(&self, other: &f64) -> bool {
        self.as_f64() == Some(*other)
    }
}

/// Builds a [`Value`] from JSON-like syntax: `json!({"a": [1, x, null], "b": {"c": y}})`,
/// each value an expression turned into a `Value` with `Value::from`.
#[macro_export]
macro_rules! json {
    ($($tt:tt)+) => {
        $crate::json_internal!($($tt)+)
    };
}

/// The muncher behind [`json!`]: not for direct use.
#[macro_export]
#[doc(hidden)]
macro_rules! json_internal {
    // arrays: elements collected one at a time
    (@array [$($done:expr,)*]) => {
        vec![$($done,)*]
    };
    (@array [$($done:expr,)*] null $(, $($rest:tt)*)?) => {
        $crate::json_internal!(@array [$($done,)* $crate::json_internal!(null),] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] [$($a:tt)*] $(, $($rest:tt)*)?) => {
        $crate::json_internal!(@array [$($done,)* $crate::json_internal!([$($a)*]),] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] {$($o:tt)*} $(, $($rest:tt)*)?) => {
        $crate::json_internal!(@array [$($done,)* $crate::json_internal!({$($o)*}),] $($($rest)*)?)
    };
    (@array [$($done:expr,)*] $next:expr $(, $($rest:tt)*)?) => {
        $crate::json_internal!(@array [$($done,)* $crate::json_internal!($next),] $($($rest)*)?)
    };
    // objects: members inserted one at a time
    (@object $m:ident) => {};
    (@object $m:ident $key:literal : null $(, $($rest:tt)*)?) => {
        $m.insert(($key).into(), $crate::json_internal!(null));
        $crate::json_internal!(@object $m $($($rest)*)?);
    };
    (@object $m:ident $key:literal : [$($a:tt)*] $(, $($rest:tt)*)?) => {
        $m.insert(($key).into(), $crate::json_internal!([$($a)*]));
        $crate::json_internal!(@object $m $($($rest)*)?);
    };
    (@object $m:ident $key:literal : {$($o:tt)*} $(, $($rest:tt)*)?) => {
        $m.insert(($key).into(), $crate::json_internal!({$($o)*}));
        $crate::json_internal!(@object $m $($($rest)*)?);
    };
    (@object $m:ident $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $m.insert(($key).into(), $crate::json_internal!($value));
        $crate::json_internal!(@object $m $($($rest)*)?);
    };
    (null) => {
        $crate::engine::json::Value::Null
    };
    ([]) => {
        $crate::engine::json::Value::Array(vec![])
    };
    ([ $($tt:tt)+ ]) => {
        $crate::engine::json::Value::Array($crate::json_internal!(@array [] $($tt)+))
    };
    ({}) => {
        $crate::engine::json::Value::Object($crate::engine::json::Map::new())
    };
    ({ $($tt:tt)+ }) => {
        $crate::engine::json::Value::Object({
            let mut m = $crate::engine::json::Map::new();
            $crate::json_internal!(@object m $($tt)+);
            m
        })
    };
    ($other:expr) => {
        $crate::engine::json::Value::from($other)
    };
}
