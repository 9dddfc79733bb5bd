//! The English texts, kept out of the WebAssembly module.
//!
//! The module is built with the zh-CN texts only; `static/strings-en.json` holds the English
//! ones (`["<EN_HASH in hex>", text of Key 0, text of Key 1, ...]`), written from the table by
//! `cargo run --bin session-lab-shell -- --write` and checked against it by `tests/shell.rs`.
//! The page fetches it before it starts in English and when the learner switches to English
//! (`src/ui/strings.rs`), then `install`s it. On the host both languages are compiled in, and
//! this module only writes and reads the file.

use super::{Key, EN_HASH};

/// The file's name in `dist/` (trunk copies it from `static/`).
pub const FILE: &str = "strings-en.json";

/// FNV-1a over the texts, each followed by a 0 byte; a `const fn` so the fingerprint is made
/// while compiling, from texts the module then does not contain.
pub const fn fnv1a(texts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < texts.len() {
        let b = texts[i].as_bytes();
        let mut j = 0;
        while j <= b.len() {
            let byte = if j < b.len() { b[j] } else { 0 };
            h ^= byte as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            j += 1;
        }
        i += 1;
    }
    h
}

/// The fingerprint as the file's first entry carries it (and as the page asks for it, so a
/// cached file of another build is never used).
pub fn hash_hex() -> String {
    let mut s = String::new();
    crate::engine::js::push_hex(&mut s, EN_HASH, 16);
    s
}

/// `strings-en.json` as the table makes it.
#[cfg(not(target_arch = "wasm32"))]
pub fn file() -> String {
    let mut all: Vec<crate::engine::json::Value> = vec![hash_hex().into()];
    all.extend(
        Key::ALL
            .iter()
            .map(|&k| super::t(super::Lang::En, k).into()),
    );
    let mut out = crate::engine::json::stringify(&crate::engine::json::Value::Array(all));
    out.push('\n');
    out
}

/// The texts of a `strings-en.json`, in `Key` order, if it is the one this build expects: a
/// JSON array of strings, the first this build's [`hash_hex`], then one text for each key.
pub fn parse(text: &str) -> Result<Vec<String>, String> {
    let all = crate::engine::json::from_str(text).map_err(|e| format!("{FILE}: {e}"))?;
    let all: Vec<String> = all
        .as_array()
        .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect())
        .ok_or_else(|| format!("{FILE}: not an array of strings"))?;
    let Some((hash, texts)) = all.split_first() else {
        return Err(format!("{FILE}: empty"));
    };
    if *hash != hash_hex() {
        return Err(format!("{FILE}: made for another build ({hash})"));
    }
    if texts.len() != Key::ALL.len() {
        return Err(format!(
            "{FILE}: {} texts for {} keys",
            texts.len(),
            Key::ALL.len()
        ));
    }
    Ok(texts.to_vec())
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static TEXTS: std::cell::OnceCell<Vec<&'static str>> = const { std::cell::OnceCell::new() };
}

/// Installs the English texts from a fetched `strings-en.json` (once: later calls keep the
/// first). They live as long as the page, so they are leaked into `&'static str`s.
#[cfg(target_arch = "wasm32")]
pub fn install(text: &str) -> Result<(), String> {
    if loaded() {
        return Ok(());
    }
    let texts = parse(text)?;
    let leaked = texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    TEXTS.with(|c| {
        let _ = c.set(leaked);
    });
    Ok(())
}

/// Whether the English texts are here.
#[cfg(target_arch = "wasm32")]
pub fn loaded() -> bool {
    TEXTS.with(|c| c.get().is_some())
}

/// The English text of `key`, once installed.
#[cfg(target_arch = "wasm32")]
pub fn text(key: Key) -> Option<&'static str> {
    TEXTS.with(|c| c.get().and_then(|v| v.get(key as usize).copied()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_file_reads_back_as_the_table() {
        let texts = parse(&file()).unwrap();
        for (&k, t) in Key::ALL.iter().zip(&texts) {
            assert_eq!(t, super::super::t(super::super::Lang::En, k), "{k:?}");
        }
        // the keys are numbered in ALL's order, which is what `text` indexes by
        assert!(Key::ALL.iter().enumerate().all(|(i, &k)| k as usize == i));
    }

    #[test]
    fn a_file_of_another_build_or_shape_is_refused() {
        let good = file();
        let other = good.replacen(&hash_hex(), "0000000000000000", 1);
        assert!(parse(&other).unwrap_err().contains("another build"));
        assert!(parse("[]").is_err());
        assert!(parse("{").is_err());
        let short = format!("[\"{}\",\"a\"]", hash_hex());
        assert!(parse(&short).unwrap_err().contains("texts for"));
        // the fingerprint changes with any text
        assert_ne!(fnv1a(&["a", "b"]), fnv1a(&["ab", ""]));
        assert_ne!(EN_HASH, fnv1a(&[]));
    }
}
