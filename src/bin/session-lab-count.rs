//! `make bench` (h): what one simulated request costs in instructions, a figure that does not
//! depend on the machine (requests per second do: the same engine read 13x express-session on
//! one 2-core machine and 25x on another). `scripts/bench.sh` runs this under valgrind
//! (callgrind) twice, with 0 and with N requests after the same warm-up, and divides the
//! difference by N.
//!
//! Built with the release profile, so at the opt-level the WebAssembly ships with (`z`), and
//! with the page's size-class allocator (`src/pool.rs`) in front of the system allocator, as
//! in the page (there std's dlmalloc is underneath; here the system's, which only serves the
//! 16 KiB runs once the classes are warm).
//!
//! `session-lab-count returning|new N` prints the workload's checksum.

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use session_lab::pool::Pools;
    use std::alloc::{GlobalAlloc, Layout, System};

    /// The page's allocator, for this single-threaded program.
    pub struct OneThread(Pools<System>);

    // SAFETY: this program never starts a thread (std's runtime does not either), so no two
    // calls into the pools can overlap, which is all `Pools` needs (see src/pool.rs).
    unsafe impl Sync for OneThread {}

    // SAFETY: every call is forwarded unchanged to `Pools`, a `GlobalAlloc`.
    unsafe impl GlobalAlloc for OneThread {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { self.0.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            unsafe { self.0.alloc_zeroed(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { self.0.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            unsafe { self.0.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOC: OneThread = OneThread(Pools::new(System));
}

use session_lab::workload::{run, setup, Visitor};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (visitor, n) = match args.as_slice() {
        [kind, n] if kind == "returning" || kind == "new" => (
            if kind == "new" {
                Visitor::New
            } else {
                Visitor::Returning
            },
            n.parse::<usize>().unwrap_or(0),
        ),
        _ => {
            eprintln!("usage: session-lab-count returning|new N");
            std::process::exit(2);
        }
    };
    let mut lab = setup();
    // the same warm-up in both counted runs: the classes fill, the key is cached
    let mut check = run(&mut lab, visitor, 200);
    if n > 0 {
        check = run(&mut lab, visitor, n);
    }
    println!("checksum {check}");
}
