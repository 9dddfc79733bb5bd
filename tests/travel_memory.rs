//! What time travel costs in memory: a full timeline (1,200 entries) over a store of
//! `FULL_STORE` sessions (kept whole in every snapshot) and over one of 10,000 (the scale
//! test's size, kept as touched rows). The heap is measured with a counting allocator: what
//! clearing the timeline frees is what its entries held, requests and snapshots together; the
//! snapshots' share is counted from the snapshots themselves, each shared part once.

use session_lab::engine::events::BrowserId::Victim;
use session_lab::engine::ids::SeededRandom;
use session_lab::engine::jar::Cookie;
use session_lab::engine::store::MemoryKv;
use session_lab::model::visitors::SimConfig;
use session_lab::model::workbench::{Op, PastRow, Start, StoreSnap, Workbench, FULL_STORE};
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashSet;
use std::mem::size_of;
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new as isize - l.size() as isize, Ordering::Relaxed);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn open() -> Workbench {
    Workbench::load(
        Start {
            now: 1_700_000_000_000,
            fragment: "lesson=middleware".into(),
            stored: Ok(None),
            docs_dropped: 0,
            languages: vec!["en".into()],
        },
        Box::<MemoryKv>::default(),
        Box::new(|| Box::new(SeededRandom(9))),
    )
}

fn cookie_bytes(c: &Cookie) -> usize {
    size_of::<Cookie>()
        + c.name.capacity()
        + c.value.capacity()
        + c.domain.capacity()
        + c.path.capacity()
        + c.priority.capacity()
}

fn row_bytes(r: &PastRow) -> usize {
    size_of::<PastRow>() + 16 + r.sid.capacity() + r.data.capacity()
}

fn store_bytes(s: &StoreSnap) -> usize {
    size_of::<StoreSnap>()
        + 16
        + s.rows.capacity() * size_of::<usize>()
        + s.touched
            .iter()
            .flatten()
            .map(|t| size_of::<String>() + t.capacity())
            .sum::<usize>()
}

/// Bytes the timeline's snapshots hold, each shared jar, store and row counted once.
fn snapshot_bytes(wb: &Workbench) -> usize {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut total = 0;
    for e in wb.timeline().entries() {
        let s = &e.after;
        total += size_of_val(s);
        for jar in [&s.victim, &s.attacker] {
            if seen.insert(jar.as_ptr() as usize) {
                total += 16 + jar.iter().map(cookie_bytes).sum::<usize>();
            }
        }
        if seen.insert(std::rc::Rc::as_ptr(&s.store) as usize) {
            total += store_bytes(&s.store);
            for r in &s.store.rows {
                if seen.insert(std::rc::Rc::as_ptr(r) as usize) {
                    total += row_bytes(r);
                }
            }
        }
    }
    total
}

/// A lab with `sessions` other visitors' sessions in its store, then `requests` visits.
fn measure(sessions: usize, requests: usize) -> (usize, usize, usize, usize) {
    let mut wb = open();
    wb.apply(Op::Type(Victim, "http://localhost:3000/".into()));
    wb.apply(Op::Go(Victim));
    let config = SimConfig {
        visitors: sessions,
        returning_pct: 0,
        max_age: None,
        ..SimConfig::default()
    };
    wb.apply(Op::SimStart(config, true));
    while wb.sim().is_some_and(|r| !r.done()) {
        wb.apply(Op::SimStep(1000));
    }
    let held = wb.lab().server.store.len_raw();
    for _ in 0..requests {
        wb.apply(Op::Go(Victim));
    }
    let entries = wb.timeline().entries().len();
    let snaps = snapshot_bytes(&wb);
    let before = live();
    wb.apply(Op::ClearLog);
    let freed = (before - live()).max(0) as usize;
    (held, entries, freed, snaps)
}

#[test]
fn a_full_timeline_of_snapshots_stays_small() {
    // a store kept whole in every snapshot: the worst case for the copies
    let (held, entries, freed, snaps) = measure(FULL_STORE - 1, 1_300);
    assert_eq!(held, FULL_STORE);
    eprintln!(
        "store of {held} rows kept whole: {entries} entries hold {:.2} MB, of which snapshots {:.2} MB ({} bytes per entry)",
        freed as f64 / 1e6,
        snaps as f64 / 1e6,
        snaps / entries
    );
    assert!(entries >= 1_000);
    assert!(
        snaps < 4_000_000,
        "snapshots of a {held}-row store: {snaps} bytes"
    );
    // the scale test's store: only the touched rows are kept
    let (held, entries, freed, snaps) = measure(10_000, 1_300);
    assert!(held > 10_000);
    eprintln!(
        "store of {held} rows, touched rows kept: {entries} entries hold {:.2} MB, of which snapshots {:.2} MB ({} bytes per entry)",
        freed as f64 / 1e6,
        snaps as f64 / 1e6,
        snaps / entries
    );
    assert!(
        snaps < 2_000_000,
        "snapshots of a {held}-row store: {snaps} bytes"
    );
}
