//! Stable sorting with one copy of std's sort in the module.
//!
//! Every `slice::sort_by` with its own element type or comparator is a separate copy of std's
//! driftsort in the wasm (1.5-3 KB each; the page had seven, 22.7 KB of code before gzip).
//! [`sort_by`] sorts the positions `0..len` instead, with std's stable sort behind a `dyn`
//! comparator, and then moves the elements into that order: the sort is std's, compiled once,
//! and each caller adds only the small move. It is for short lists and for lists sorted once
//! per user action; the results are exactly those of `slice::sort_by` (stable: equal elements
//! keep their order), which the tests check.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` stably in ascending order, as `v.sort()` does.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The positions `0..len` in the order `cmp` puts them, ties in their original order: the one
/// instantiation of std's stable sort.
#[inline(never)]
fn positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut at: Vec<usize> = (0..len).collect();
    at.sort_by(|&a, &b| cmp(a, b));
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Stable: pairs compared by their first half only keep their second halves' order.
        #[test]
        fn same_as_std_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn strings_sort_as_std_does(v in proptest::collection::vec("[a-c]{0,3}", 0..60)) {
            let mut ours = v.clone();
            sort(&mut ours);
            let mut std = v;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn reverse_and_ties() {
        let mut v = vec![(1, 'a'), (3, 'b'), (1, 'c'), (2, 'd'), (3, 'e')];
        sort_by(&mut v, |a, b| b.0.cmp(&a.0));
        assert_eq!(v, [(3, 'b'), (3, 'e'), (2, 'd'), (1, 'a'), (1, 'c')]);
        let mut one = vec![String::from("x")];
        sort(&mut one);
        assert_eq!(one, ["x"]);
    }
}
