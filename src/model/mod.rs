//! What the page shows, computed without a browser: lessons, the rendered page, cookie
//! anatomy and verdicts, events in words, and what is saved between visits. Host-tested.
pub mod anatomy;
pub mod bruteforce;
pub mod challenges;
pub mod deploy;
pub mod explain;
pub mod export;
pub mod gloss;
pub mod http_text;
pub mod inspector;
pub mod jar_cells;
pub mod jar_io;
pub mod keys;
pub mod lessons;
pub mod library;
pub mod options_form;
pub mod page;
pub mod persist;
pub mod share;
pub mod shell;
pub mod visitors;
pub mod workbench;
