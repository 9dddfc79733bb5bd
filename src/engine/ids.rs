//! Session id generators. Randomness is an input ([`RandomSource`]): the page passes the
//! browser's `crypto.getRandomValues` (through getrandom), tests pass a seeded source.

use super::clock::Millis;
use super::js::number_to_string;
use base64::Engine as _;
use std::collections::VecDeque;

/// Where random bytes come from.
pub trait RandomSource {
    /// Fills `buf` with random bytes.
    fn fill(&mut self, buf: &mut [u8]);
    /// A double in [0, 1) built from 52 random bits, like V8's `Math.random()`.
    fn next_f64(&mut self) -> f64 {
        let mut b = [0u8; 8];
        self.fill(&mut b);
        (u64::from_le_bytes(b) >> 12) as f64 / (1u64 << 52) as f64
    }
}

/// A reproducible source (SplitMix64), for tests, scenarios and benchmarks.
#[derive(Clone, Debug)]
pub struct SeededRandom(pub u64);

impl RandomSource for SeededRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
    }
}

/// How new ids are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum IdScheme {
    /// express-session's default, `uid-safe`'s `uid.sync(24)`: 24 random bytes, base64url,
    /// 32 characters.
    #[default]
    UidSafe,
    /// The course's hand-built `Date.now() + '' + Math.random()`.
    DateRandom,
    /// `1`, `2`, `3`, … (guessable on purpose).
    Sequential,
}

impl IdScheme {
    /// Stable name, for scenarios and URLs.
    pub fn code(self) -> &'static str {
        match self {
            IdScheme::UidSafe => "uid-safe",
            IdScheme::DateRandom => "date-random",
            IdScheme::Sequential => "sequential",
        }
    }
    /// From [`IdScheme::code`].
    pub fn from_code(s: &str) -> Option<IdScheme> {
        [
            IdScheme::UidSafe,
            IdScheme::DateRandom,
            IdScheme::Sequential,
        ]
        .into_iter()
        .find(|i| i.code() == s)
    }
}

/// A generator: a scripted list first (scenario files, tests), then the scheme.
pub struct IdGenerator {
    /// The scheme used once the script runs out.
    pub scheme: IdScheme,
    scripted: VecDeque<String>,
    counter: u64,
    rng: Box<dyn RandomSource>,
    log: Option<Vec<String>>,
}

impl std::fmt::Debug for IdGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdGenerator")
            .field("scheme", &self.scheme)
            .field("scripted", &self.scripted)
            .field("counter", &self.counter)
            .finish()
    }
}

impl IdGenerator {
    /// A generator with this scheme and random source.
    pub fn new(scheme: IdScheme, rng: Box<dyn RandomSource>) -> IdGenerator {
        IdGenerator {
            scheme,
            scripted: VecDeque::new(),
            counter: 0,
            rng,
            log: None,
        }
    }

    /// Hands out these ids first, in order.
    pub fn script(&mut self, ids: impl IntoIterator<Item = String>) {
        self.scripted.extend(ids);
    }

    /// Starts (or, with `false`, stops and empties) the log of ids handed out: a recording
    /// writes them into its scenario's `genid` so the replay draws the same ones.
    pub fn log_ids(&mut self, on: bool) {
        self.log = on.then(Vec::new);
    }

    /// The ids handed out since [`IdGenerator::log_ids`] turned the log on.
    pub fn logged(&self) -> &[String] {
        self.log.as_deref().unwrap_or_default()
    }

    /// The next id: a scripted one while any are left, else one made by `scheme`.
    pub fn next_id(&mut self, now: Millis) -> String {
        let id = self.draw(now);
        if let Some(log) = self.log.as_mut() {
            log.push(id.clone());
        }
        id
    }

    fn draw(&mut self, now: Millis) -> String {
        if let Some(id) = self.scripted.pop_front() {
            return id;
        }
        match self.scheme {
            IdScheme::UidSafe => {
                let mut b = [0u8; 24];
                self.rng.fill(&mut b);
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
            }
            IdScheme::DateRandom => format!("{now}{}", number_to_string(self.rng.next_f64())),
            IdScheme::Sequential => {
                self.counter += 1;
                self.counter.to_string()
            }
        }
    }

    /// Sets the sequential counter back to 0 (a restarted process forgets it).
    pub fn reset_counter(&mut self) {
        self.counter = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        let mut g = IdGenerator::new(IdScheme::UidSafe, Box::new(SeededRandom(1)));
        let id = g.next_id(0);
        assert_eq!(id.len(), 32);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(g.next_id(0), id);
        let mut g = IdGenerator::new(IdScheme::DateRandom, Box::new(SeededRandom(1)));
        let id = g.next_id(1_700_000_000_000);
        assert!(id.starts_with("17000000000000."), "{id}");
        let mut g = IdGenerator::new(IdScheme::Sequential, Box::new(SeededRandom(1)));
        g.script(["a".to_string(), "b".to_string()]);
        assert_eq!(
            [g.next_id(0), g.next_id(0), g.next_id(0), g.next_id(0)],
            ["a", "b", "1", "2"]
        );
    }

    #[test]
    fn math_random_range() {
        let mut r = SeededRandom(7);
        for _ in 0..1000 {
            let x = r.next_f64();
            assert!((0.0..1.0).contains(&x));
        }
    }
}
