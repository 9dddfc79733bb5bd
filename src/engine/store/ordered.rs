//! A string-keyed map that iterates in insertion order, as a JavaScript object (or a Redis or
//! MongoDB collection listed by the lab) keeps its keys, and removes a key in O(log n).
//!
//! `IndexMap::shift_remove` keeps the order too, but moves every later entry: with 50,000
//! sessions in a MemoryStore and expired ones deleted as visitors come back, "Simulate N
//! visitors" spent nearly all its time there. Here each key carries the sequence number of
//! its first insertion; a `BTreeMap` from sequence to key gives the order.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

/// Every request looks its session up here. The keys are session ids, random or typed by the
/// learner into their own page, so the fast Fx hash needs no protection against chosen keys.
type Fx = BuildHasherDefault<rustc_hash::FxHasher>;

/// Insertion-ordered map: writing an existing key keeps its place (as assigning an existing
/// property does in JavaScript); removing and writing it again moves it to the end.
#[derive(Clone, Debug, Default)]
pub struct OrderedMap<V> {
    entries: HashMap<String, (u64, V), Fx>,
    order: BTreeMap<u64, String>,
    next: u64,
}

impl<V> OrderedMap<V> {
    /// Writes `key`; returns the value it replaced.
    pub fn insert(&mut self, key: &str, value: V) -> Option<V> {
        if let Some((_, v)) = self.entries.get_mut(key) {
            return Some(std::mem::replace(v, value));
        }
        let seq = self.next;
        self.next += 1;
        self.order.insert(seq, key.to_string());
        self.entries.insert(key.to_string(), (seq, value));
        None
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let (seq, v) = self.entries.remove(key)?;
        self.order.remove(&seq);
        Some(v)
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key).map(|(_, v)| v)
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.order.values()
    }

    /// The values, in no particular order (for sums and counts).
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.values().map(|(_, v)| v)
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
    }
}

/// Two maps are equal when they hold the same keys, in the same order, with equal values
/// (the sequence numbers behind the order do not matter).
impl<V: PartialEq> PartialEq for OrderedMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .keys()
                .zip(other.keys())
                .all(|(a, b)| a == b && self.get(a) == other.get(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(m: &OrderedMap<u32>) -> Vec<&str> {
        m.keys().map(String::as_str).collect()
    }

    #[test]
    fn keeps_insertion_order_through_rewrites_and_removals() {
        let mut m = OrderedMap::default();
        for (i, k) in ["a", "b", "c", "d"].iter().enumerate() {
            assert_eq!(m.insert(k, i as u32), None);
        }
        // rewriting keeps the place
        assert_eq!(m.insert("b", 9), Some(1));
        assert_eq!(keys(&m), ["a", "b", "c", "d"]);
        // removing closes the gap; writing again goes to the end
        assert_eq!(m.remove("a"), Some(0));
        assert_eq!(m.remove("a"), None);
        m.insert("a", 5);
        assert_eq!(keys(&m), ["b", "c", "d", "a"]);
        assert_eq!(m.get("b"), Some(&9));
        assert_eq!(m.len(), 4);
        assert_eq!(m.values().sum::<u32>(), 9 + 2 + 3 + 5);
        m.clear();
        assert_eq!(m.len(), 0);
        assert_eq!(keys(&m), Vec::<&str>::new());
    }

    #[test]
    fn equal_when_order_and_values_match() {
        let (mut a, mut b) = (OrderedMap::default(), OrderedMap::default());
        a.insert("x", 1);
        a.insert("y", 2);
        b.insert("y", 2);
        b.insert("x", 1);
        assert_ne!(a, b, "same entries, other order");
        b.remove("y");
        b.insert("y", 2);
        assert_eq!(a, b, "same order reached by other sequence numbers");
        b.insert("y", 3);
        assert_ne!(a, b);
    }

    #[test]
    fn removals_from_the_front_leave_the_rest_in_order() {
        // the pattern that made shift_remove quadratic: the oldest entries go first
        let mut m = OrderedMap::default();
        for i in 0..40_000u32 {
            m.insert(&i.to_string(), i);
        }
        for i in 0..20_000u32 {
            assert_eq!(m.remove(&i.to_string()), Some(i));
        }
        let first: Vec<&str> = m.keys().take(2).map(String::as_str).collect();
        assert_eq!(first, ["20000", "20001"]);
        assert_eq!(m.len(), 20_000);
    }
}
