//! A cache of small blocks in front of the system allocator, the page's global allocator.
//!
//! Why hand-written: a request makes about 85 small allocations (strings, vectors and boxes,
//! all under 2 KiB) and frees them again. In the release wasm std's allocator
//! (dlmalloc, built at our size-first opt-level) made a quarter of a request's cost: on the
//! host with the same dlmalloc, a returning visitor's request took 87,700 instructions, and
//! 65,500 with this cache in front for blocks up to 1 KiB (a new visitor's 85,000 and
//! 62,200); up to 2 KiB also takes the request's event lists (-1.5% more). No maintained
//! crate offers a plain size-class cache for single-threaded wasm (lol_alloc and wee_alloc
//! are first-fit lists, talc and rlsf were measured slower here: see the README's table), so
//! this is the classic one:
//!
//! - a block of up to [`SMALL`] bytes, aligned to at most [`GRAIN`], belongs to the class of
//!   its size rounded up to a multiple of [`GRAIN`];
//! - a freed block goes on its class's free list (the link is kept in the block itself), and
//!   the next allocation of that class takes it back: a handful of instructions each way;
//! - when a class's list is empty, the block is cut from a [`CHUNK`]-byte run taken from the
//!   system allocator.
//!
//! Blocks are never given back to the system allocator: memory held by a class stays at the
//! most that class ever held at once, which for the lab (tens of thousands of sessions at
//! most) is what it would hold anyway. Larger or over-aligned blocks go to the system
//! allocator unchanged.
//!
//! [`Pools`] has no locking: it is `Sync` only where there are no threads (wasm32 without
//! the atomics feature), so it can be a `#[global_allocator]` there and nowhere else. On the
//! host the tests drive a local instance.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr;

/// Sizes are rounded up to a multiple of this; it is also the largest alignment served.
pub const GRAIN: usize = 8;
/// The largest size served from the classes.
pub const SMALL: usize = 2048;
/// The size of a run taken from the system allocator when a class has no free block.
pub const CHUNK: usize = 16 * 1024;
const CLASSES: usize = SMALL / GRAIN;

// A free block holds the link to the next one.
const _: () = assert!(core::mem::size_of::<*mut u8>() <= GRAIN);

struct State {
    /// Each class's most recently freed block (null when none).
    free: [*mut u8; CLASSES],
    /// The unused rest of the current run.
    next: *mut u8,
    end: *mut u8,
}

/// The size-class cache over the allocator `A` (see the module's comment).
pub struct Pools<A> {
    inner: A,
    state: UnsafeCell<State>,
}

// SAFETY: without threads no two calls can overlap; this impl exists only there.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<A: Sync> Sync for Pools<A> {}

impl<A> Pools<A> {
    /// An empty cache in front of `inner`.
    pub const fn new(inner: A) -> Self {
        Self {
            inner,
            state: UnsafeCell::new(State {
                free: [ptr::null_mut(); CLASSES],
                next: ptr::null_mut(),
                end: ptr::null_mut(),
            }),
        }
    }
}

/// The class of a layout the cache serves, or `None` for the system allocator's.
#[inline(always)]
fn class(layout: Layout) -> Option<usize> {
    // an `if`, not `bool::then`: at opt-level "z" the closure stays a call on every allocation
    if layout.size() <= SMALL && layout.align() <= GRAIN {
        Some(layout.size().max(1).div_ceil(GRAIN) - 1)
    } else {
        None
    }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Pools<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return self.inner.alloc(layout);
        };
        let s = &mut *self.state.get();
        let head = s.free[c];
        if !head.is_null() {
            s.free[c] = *(head as *mut *mut u8);
            return head;
        }
        let size = (c + 1) * GRAIN;
        if (s.end as usize) - (s.next as usize) < size {
            // The rest of the old run (under `size` bytes) is left unused.
            let run = self
                .inner
                .alloc(Layout::from_size_align_unchecked(CHUNK, GRAIN));
            if run.is_null() {
                return run;
            }
            s.next = run;
            s.end = run.add(CHUNK);
        }
        let block = s.next;
        s.next = block.add(size);
        block
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class(layout).is_none() {
            // the system allocator knows when fresh memory is zero already
            return self.inner.alloc_zeroed(layout);
        }
        let block = self.alloc(layout);
        if !block.is_null() {
            ptr::write_bytes(block, 0, layout.size());
        }
        block
    }

    #[inline]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            return self.inner.dealloc(block, layout);
        };
        let s = &mut *self.state.get();
        *(block as *mut *mut u8) = s.free[c];
        s.free[c] = block;
    }

    #[inline]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class(layout), class(new)) {
            (None, None) => self.inner.realloc(block, layout, new_size),
            (Some(a), Some(b)) if a == b => block,
            _ => {
                let moved = self.alloc(new);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                    self.dealloc(block, layout);
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    use std::collections::HashSet;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn classes_round_up_to_the_grain() {
        assert_eq!(class(layout(1, 1)), Some(0));
        assert_eq!(class(layout(8, 8)), Some(0));
        assert_eq!(class(layout(9, 1)), Some(1));
        assert_eq!(class(layout(SMALL, 4)), Some(CLASSES - 1));
        assert_eq!(class(layout(SMALL + 1, 1)), None);
        assert_eq!(class(layout(16, 16)), None);
    }

    #[test]
    fn a_freed_block_is_reused_by_its_class_only() {
        let pools = Pools::new(System);
        unsafe {
            let a = pools.alloc(layout(20, 4));
            let b = pools.alloc(layout(100, 8));
            pools.dealloc(a, layout(20, 4));
            // another class does not take it
            let c = pools.alloc(layout(40, 8));
            assert_ne!(c, a);
            // the same class (17..=24 bytes) does
            let d = pools.alloc(layout(17, 1));
            assert_eq!(d, a);
            for (p, l) in [(b, layout(100, 8)), (c, layout(40, 8)), (d, layout(17, 1))] {
                pools.dealloc(p, l);
            }
        }
    }

    #[test]
    fn zeroed_blocks_are_zero_even_when_reused() {
        let pools = Pools::new(System);
        unsafe {
            for size in [24, SMALL + 8] {
                let l = layout(size, 8);
                let a = pools.alloc(l);
                core::ptr::write_bytes(a, 0xa5, size);
                pools.dealloc(a, l);
                let z = pools.alloc_zeroed(l);
                assert!((0..size).all(|i| *z.add(i) == 0));
                pools.dealloc(z, l);
            }
        }
    }

    #[test]
    fn live_blocks_are_aligned_and_never_overlap() {
        // A deterministic churn of sizes across every class and past SMALL, writing a pattern
        // into each live block and checking it before the block is freed.
        let pools = Pools::new(System);
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let mut seed = 0x2545_f491_u32;
        let mut rng = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        unsafe {
            for step in 0..20_000u32 {
                let r = rng();
                if live.len() > 300 || (r % 3 == 0 && !live.is_empty()) {
                    let (p, l, tag) = live.swap_remove(r as usize % live.len());
                    assert!((0..l.size()).all(|i| *p.add(i) == tag), "block overwritten");
                    if r % 5 == 0 {
                        // grow or shrink it, across classes and to and from the system's
                        let size = 1 + rng() as usize % (SMALL * 2);
                        let q = pools.realloc(p, l, size);
                        let kept = l.size().min(size);
                        assert!((0..kept).all(|i| *q.add(i) == tag), "realloc lost bytes");
                        let l = layout(size, l.align());
                        core::ptr::write_bytes(q, tag, size);
                        live.push((q, l, tag));
                    } else {
                        pools.dealloc(p, l);
                    }
                } else {
                    let align = [1, 2, 4, 8, 16][r as usize % 5];
                    let size = 1 + rng() as usize % (SMALL + 64);
                    let l = layout(size, align);
                    let p = pools.alloc(l);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "misaligned");
                    let tag = step as u8;
                    core::ptr::write_bytes(p, tag, size);
                    live.push((p, l, tag));
                }
            }
            let mut starts = HashSet::new();
            for (p, l, tag) in live {
                assert!(starts.insert(p as usize));
                assert!((0..l.size()).all(|i| *p.add(i) == tag));
                pools.dealloc(p, l);
            }
        }
    }
}
