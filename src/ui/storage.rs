//! The browser's storage: the state blob, and the persistent store's documents (one key per
//! document, written through as the store changes). Every access can fail (private modes
//! throw, quotas fill); failures become a status, never a panic.

use crate::engine::store::{KvBackend, KvError};
use crate::model::persist::{valid_document, DB_PREFIX};
use crate::model::workbench::StorageStatus;
use indexmap::IndexMap;

fn local() -> Result<web_sys::Storage, StorageStatus> {
    web_sys::window()
        .ok_or(StorageStatus::Unavailable)?
        .local_storage()
        .map_err(|_| StorageStatus::Unavailable)?
        .ok_or(StorageStatus::Unavailable)
}

/// Reads a key.
pub fn read(key: &str) -> Result<Option<String>, StorageStatus> {
    local()?
        .get_item(key)
        .map_err(|_| StorageStatus::Unavailable)
}

/// Writes a key.
pub fn write(key: &str, value: &str) -> StorageStatus {
    match local() {
        Ok(s) => match s.set_item(key, value) {
            Ok(()) => StorageStatus::Ok,
            Err(_) => StorageStatus::Full,
        },
        Err(e) => e,
    }
}

fn db_keys(s: &web_sys::Storage) -> Vec<String> {
    // one call for every key: `Storage.key(i)` walks the map in Chromium, so a loop over it is
    // quadratic (28 s for 26,000 documents)
    let mut keys: Vec<String> = js_sys::Object::keys(s)
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| k.starts_with(DB_PREFIX))
        .collect();
    crate::engine::sort::sort(&mut keys);
    keys
}

/// Removes documents that cannot be read back; returns how many.
pub fn sanitize_db() -> usize {
    let Ok(s) = local() else { return 0 };
    let mut removed = 0;
    for k in db_keys(&s) {
        let sid = &k[DB_PREFIX.len()..];
        let ok = s
            .get_item(&k)
            .ok()
            .flatten()
            .is_some_and(|text| valid_document(sid, &text));
        if !ok && s.remove_item(&k).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The persistent store's backend: a cache in memory, written through to localStorage.
#[derive(Debug, Default)]
pub struct LocalKv {
    cache: IndexMap<String, String>,
}

impl LocalKv {
    /// Loads what is stored.
    pub fn open() -> LocalKv {
        let mut cache = IndexMap::new();
        if let Ok(s) = local() {
            for k in db_keys(&s) {
                if let Ok(Some(v)) = s.get_item(&k) {
                    cache.insert(k[DB_PREFIX.len()..].to_string(), v);
                }
            }
        }
        LocalKv { cache }
    }
}

impl KvBackend for LocalKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        Ok(self.cache.get(key).cloned())
    }
    fn put(&mut self, key: &str, value: String) -> Result<(), KvError> {
        if let Ok(s) = local() {
            if s.set_item(&format!("{DB_PREFIX}{key}"), &value).is_err() {
                // keep memory and storage consistent: the write did not happen
                return Err(KvError::QuotaExceeded);
            }
        }
        self.cache.insert(key.to_string(), value);
        Ok(())
    }
    fn delete(&mut self, key: &str) -> Result<(), KvError> {
        if let Ok(s) = local() {
            let _ = s.remove_item(&format!("{DB_PREFIX}{key}"));
        }
        self.cache.shift_remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        Ok(self.cache.keys().cloned().collect())
    }
    fn total_bytes(&self) -> usize {
        self.cache.values().map(String::len).sum()
    }
    fn external_change(&mut self, key: &str, value: Option<String>) {
        // a document is kept only if it reads back; another version's junk is ignored
        match value.filter(|v| valid_document(key, v)) {
            Some(v) => {
                self.cache.insert(key.to_string(), v);
            }
            None => {
                self.cache.shift_remove(key);
            }
        }
    }
}
