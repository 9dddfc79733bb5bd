//! The timeline the page shows (requests and other events, oldest first) and what the last
//! request highlights: the lines of code it ran, the store rows it touched, and the sentence
//! the screen reader's live region says.

use super::travel::Snapshot;
use crate::engine::clock::Millis;
use crate::engine::events::{BrowserId, Event};
use crate::engine::lab::{Exchange, FlightStep};
use crate::engine::server::source::line_of;
use crate::engine::server::START_COMMAND;
use crate::engine::store::{CallResult, StoreOp};
use crate::i18n::{fill, t, Key, Lang};
use std::rc::Rc;

/// Most entries kept; older ones are dropped in batches of [`TRIM`].
pub const MAX_ENTRIES: usize = 1200;
/// How many entries are dropped at once when the timeline is full.
pub const TRIM: usize = 200;

/// One line of the timeline: a request with its events, or events not tied to one.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// A stable id (for keys and expansion).
    pub id: u64,
    /// The request, if this entry is one.
    pub exchange: Option<Exchange>,
    /// Events not tied to a request (clock, restarts, jar edits).
    pub events: Vec<Event>,
    /// The virtual time it happened at.
    pub at: Millis,
    /// The jars and the store right after it (for time travel).
    pub after: Snapshot,
}

/// The timeline, oldest first. Entries are shared (`Rc`) so a view can hold them cheaply and
/// compare them by identity: an entry never changes once logged.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    entries: Vec<Rc<LogEntry>>,
    last_id: u64,
    /// The state before the first entry kept, if known: what the first entry's changes are
    /// measured against.
    base: Option<Snapshot>,
    /// The steps of the latest requests in flight, in order (the interleaving the diagram
    /// draws and the store's history of writes).
    flight: Vec<FlightStep>,
    /// What the entries a clear of the log dropped said of what the learner did.
    kept: Kept,
}

/// What a clear of the log ("Clear the timeline") keeps of the entries it drops: what the
/// learner did that the page still reads. Show me's "press Restart server, then Go" after the
/// restart, a login that a later logout undid, the server pane's note beside Restart server
/// (a clear had sent Show me back to Restart server, whose second press wiped that note).
#[derive(Clone, Debug, Default)]
struct Kept {
    /// The newest restart with no request since.
    restart: Option<Event>,
    /// The paths of the learner's newest navigation, its redirects included.
    navigation: Vec<String>,
    /// Whether a login went through (see [`Timeline::logged_in_once`]).
    logged_in: bool,
}

impl Timeline {
    /// The server's console as a terminal shows it, oldest first: the last `lines` things
    /// printed (`console.log`, the warnings at start, errors) among the latest 60 entries
    /// (scanning a thousand logged requests per paint would be most of a frame).
    pub fn console_tail(&self, lines: usize) -> Vec<String> {
        let recent = &self.entries()[self.entries().len().saturating_sub(60)..];
        let mut out: Vec<String> = recent
            .iter()
            .flat_map(|e| {
                e.events
                    .iter()
                    .chain(e.exchange.iter().flat_map(|x| x.events.iter()))
            })
            .filter_map(|e| match e {
                Event::ConsoleLog(text) => Some(text.clone()),
                // each start as a terminal shows it: the command, then what it printed
                Event::ServerStarted { warnings, .. } => Some(
                    std::iter::once(format!("$ {START_COMMAND}"))
                        .chain(warnings.iter().map(|w| w.text().to_string()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                // Node prints the error's stack: its name first (`TypeError: …` as thrown,
                // `Error: …` for the stores' errors, which carry no name)
                Event::ServerError { message } => Some(if names_its_error(message) {
                    message.clone()
                } else {
                    format!("Error: {message}")
                }),
                _ => None,
            })
            .collect();
        out.drain(..out.len().saturating_sub(lines));
        out
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> &[Rc<LogEntry>] {
        &self.entries
    }

    /// The newest entry that is a request (notes of the clock, restarts and hand edits are
    /// skipped).
    pub fn last_request(&self) -> Option<&Rc<LogEntry>> {
        self.entries.iter().rev().find(|e| e.exchange.is_some())
    }

    /// The newest restart of the server while no request has come since (the server pane
    /// says it beside Restart server: on a phone the timeline that logs it is another tab,
    /// and an empty store looks the same before and after).
    pub fn restart_since_request(&self) -> Option<&Event> {
        let newest = (self.entries.iter().rev())
            .take_while(|e| e.exchange.is_none())
            .flat_map(|e| e.events.iter().rev())
            .find(|e| matches!(e, Event::ServerStarted { restart: true, .. }));
        // no request nor restart since a clear: the one before it
        newest.or_else(|| {
            (self.entries.iter().all(|e| e.exchange.is_none()))
                .then_some(self.kept.restart.as_ref())
                .flatten()
        })
    }

    /// Whether the learner's newest navigation went through `path` (a redirect on the way
    /// counts), before a clear of the log too.
    pub fn learner_went_through(&self, path: &str) -> bool {
        let since_clear = self.last_navigation(BrowserId::Victim);
        if since_clear.is_empty() {
            self.kept.navigation.iter().any(|p| p == path)
        } else {
            since_clear.iter().any(|x| x.url.path == path)
        }
    }

    /// Whether the learner has logged in since the lab started, as near as the log says (a
    /// clear of it included): a request of the learner's browser (not the attacker's) to
    /// /login answered with a redirect (lessons 4 to 6's apps send a login on to /user; behind
    /// the untrusted proxy, a login that kept no cookie counts too).
    pub fn logged_in_once(&self) -> bool {
        self.kept.logged_in
            || self.entries.iter().any(|e| {
                e.exchange.as_ref().is_some_and(|x| {
                    x.browser == BrowserId::Victim
                        && x.url.path == "/login"
                        && crate::engine::browser::is_redirect(x.response.status)
                })
            })
    }

    /// The cookies `who`'s jar dropped as expired since the newest request (the clock moved
    /// on: lesson 3's and lesson 6's "+1 min"), oldest first.
    pub fn expired_since_request(&self, who: BrowserId) -> Vec<String> {
        let mut names: Vec<String> = self
            .entries
            .iter()
            .rev()
            .take_while(|e| e.exchange.is_none())
            .flat_map(|e| e.events.iter().rev())
            .filter_map(|e| match e {
                Event::CookiesExpired { browser, names } if *browser == who => Some(names),
                _ => None,
            })
            .flatten()
            .cloned()
            .collect();
        names.reverse();
        names.dedup();
        names
    }

    /// Whether the newest request was one of a batch sent at once (the timeline then draws
    /// their interleaving).
    pub fn newest_in_flight(&self) -> bool {
        self.last_request()
            .and_then(|e| e.exchange.as_ref())
            .is_some_and(|x| x.flight.is_some())
    }

    /// Where the entry with this id is in [`Timeline::entries`], if it is still kept.
    pub fn position(&self, id: u64) -> Option<usize> {
        // ids only grow, so the entries are sorted by id
        self.entries.binary_search_by_key(&id, |e| e.id).ok()
    }

    /// The id the last entry got (0 before any): the next one gets one more. Ids only grow,
    /// across clears too.
    pub fn last_id(&self) -> u64 {
        self.last_id
    }

    /// The state before the first entry kept, if known.
    pub fn base(&self) -> Option<&Snapshot> {
        self.base.as_ref()
    }

    /// Logs events not tied to a request, with the state after them.
    pub fn note(&mut self, events: Vec<Event>, at: Millis, after: Snapshot) {
        self.push(None, events, at, after);
    }

    /// Logs a request, with the state after it.
    pub fn request(&mut self, x: Exchange, after: Snapshot) {
        let at = x.at;
        self.push(Some(x), Vec::new(), at, after);
    }

    /// The steps of the latest requests in flight, in order.
    pub fn flight(&self) -> &[FlightStep] {
        &self.flight
    }

    /// Whether the server restarted after the newest request in flight: its writes were made
    /// by a server that is gone (options applied, a restart; with a MemoryStore its store went
    /// too), and the list under the store said "kept: the last write" beside a store holding
    /// another session (lesson 6's steps 8 and 9, a reviewer). A persistent store or Redis
    /// keeps the rows; the list goes all the same, as the batch belongs to the old server.
    pub fn restarted_since_flight(&self) -> bool {
        let Some(i) = self
            .entries
            .iter()
            .rposition(|e| e.exchange.as_ref().is_some_and(|x| x.flight.is_some()))
        else {
            return false;
        };
        self.entries[i + 1..]
            .iter()
            .flat_map(|e| e.events.iter())
            .any(|e| matches!(e, Event::ServerStarted { .. }))
    }

    /// Adds what requests in flight did; `fresh` when they took off with none in the air
    /// (the log then starts again).
    pub fn add_flight(&mut self, steps: &[FlightStep], fresh: bool) {
        if steps.is_empty() {
            return;
        }
        if fresh {
            self.flight.clear();
        }
        self.flight.extend_from_slice(steps);
        // a long run of requests in flight keeps its latest steps
        if self.flight.len() > 400 {
            self.flight.drain(..200);
        }
    }

    /// Drops every entry and what they said (a new lab, a challenge's start); ids go on
    /// counting, so a new entry never reuses a key. `base` is the state the next entry's
    /// changes are measured against (`None`: nothing before).
    pub fn clear(&mut self, base: Option<Snapshot>) {
        self.entries.clear();
        self.flight.clear();
        self.base = base;
        self.kept = Kept::default();
    }

    /// The learner's "Clear the timeline": drops every entry, keeping what they said of what
    /// the learner did (the newest restart with no request since, the learner's newest
    /// navigation, whether a login went through), which Show me and the server pane read.
    pub fn clear_log(&mut self, base: Option<Snapshot>) {
        let kept = self.keep();
        self.clear(base);
        self.kept = kept;
    }

    /// What the entries say of what the learner did, with what a clear before them kept.
    fn keep(&self) -> Kept {
        let navigation: Vec<String> = (self.last_navigation(BrowserId::Victim).iter())
            .map(|x| x.url.path.clone())
            .collect();
        Kept {
            restart: self.restart_since_request().cloned(),
            navigation: match navigation.is_empty() {
                true => self.kept.navigation.clone(),
                false => navigation,
            },
            logged_in: self.logged_in_once(),
        }
    }

    fn push(
        &mut self,
        exchange: Option<Exchange>,
        events: Vec<Event>,
        at: Millis,
        after: Snapshot,
    ) {
        self.last_id += 1;
        self.entries.push(Rc::new(LogEntry {
            id: self.last_id,
            exchange,
            events,
            at,
            after,
        }));
        if self.entries.len() > MAX_ENTRIES {
            // (what the entries dropped said, kept as a clear keeps it; the facts the entries
            // left still say come from them)
            self.kept = self.keep();
            self.base = Some(self.entries[TRIM - 1].after.clone());
            self.entries.drain(..TRIM);
        }
    }

    /// Whether the cookie `name=value`, sent by `who`'s last navigation and found by no
    /// session, had one before a restart that lost sessions: the newest earlier request that
    /// got that value from the server, or sent it and was found in the store, came before
    /// such a restart (lesson 2's "restart the server, then Go" read like its made-up card
    /// number of the step before: "no card with this number").
    pub fn lost_in_restart(&self, who: BrowserId, name: &str, value: &str) -> bool {
        let mut restarted = false;
        let mut navigation = true;
        for e in self.entries.iter().rev() {
            let Some(x) = &e.exchange else {
                restarted |= e.events.iter().any(
                    |ev| matches!(ev, Event::ServerStarted { restart: true, lost, .. } if *lost > 0),
                );
                continue;
            };
            if x.browser != who {
                continue;
            }
            // the navigation's own requests, back to its first
            if navigation {
                navigation = x.hop != 0;
                continue;
            }
            let got = x.jar_took(name).any(|c| c.value == value);
            if got {
                return restarted;
            }
            if x.sent_cookie(name).as_deref() == Some(value) {
                // found then, and lost since; or unknown already
                return restarted
                    && x.events.iter().any(|ev| {
                        matches!(ev, Event::Store(c)
                            if c.op == StoreOp::Get && c.result == CallResult::Hit)
                    });
            }
        }
        false
    }

    /// The exchanges of a browser's last navigation: the first request and its redirects.
    pub fn last_navigation(&self, who: BrowserId) -> Vec<&Exchange> {
        let mut out = Vec::new();
        for x in self
            .entries
            .iter()
            .rev()
            .filter_map(|e| e.exchange.as_ref())
        {
            if x.browser != who {
                continue;
            }
            out.push(x);
            if x.hop == 0 {
                break;
            }
        }
        out.reverse();
        out
    }
}

/// How the last request touched the store, per id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
    /// `get` found it.
    Hit,
    /// `get` did not find it.
    Miss,
    /// `set` wrote it.
    Set,
    /// `touch` refreshed its expiry.
    Touch,
    /// `destroy` removed it.
    Destroy,
}

/// The store's calls a request made, in order, in words ("Session store calls: get,
/// destroy, set"), or `None` when it made none: the timeline's tag and the live region say
/// them alike.
pub fn store_calls_text(lang: Lang, x: &Exchange) -> Option<String> {
    if x.store_calls.is_empty() {
        return None;
    }
    let calls: Vec<&str> = x.store_calls.iter().map(|c| c.name()).collect();
    Some(fill(
        t(lang, Key::TimelineStoreCalls),
        &[("calls", &calls.join(", "))],
    ))
}

/// The lines of `source` (1-based) that the request ran.
pub fn ran_lines(x: &Exchange, source: &str) -> Vec<usize> {
    x.events
        .iter()
        .filter_map(|e| match e {
            Event::CodeRan { anchors } => Some(anchors),
            _ => None,
        })
        .flatten()
        .filter_map(|a| line_of(source, a))
        .collect()
}

/// The lines of `after` (1-based) that `before` does not have: what an apply wrote into the
/// code (`maxAge: 86400000`, `app.set('trust proxy', 1)`). Each line of `before` accounts for
/// one equal line of `after`; a line taken out marks nothing.
pub fn new_lines(before: &str, after: &str) -> Vec<usize> {
    let mut old: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for line in before.lines() {
        *old.entry(line).or_default() += 1;
    }
    after
        .lines()
        .enumerate()
        .filter_map(|(i, line)| match old.get_mut(line) {
            Some(n) if *n > 0 => {
                *n -= 1;
                None
            }
            _ => Some(i + 1),
        })
        .collect()
}

/// What the code box's marks are, in words: the lines the newest apply wrote, then those the
/// last request ran ("line 19" for one: "lines 19" had read for a single line; review).
pub fn code_marks_summary(lang: Lang, changed: &[usize], ran: &[usize]) -> String {
    if changed.is_empty() && ran.is_empty() {
        return t(lang, Key::RanLinesNone).to_string();
    }
    let mut out = String::new();
    for (lines, one, many) in [
        (changed, Key::ChangedLineSummary, Key::ChangedLinesSummary),
        (ran, Key::RanLineSummary, Key::RanLinesSummary),
    ] {
        if !lines.is_empty() {
            let ranges = line_ranges(lang, lines);
            let key = if ranges.chars().all(|c| c.is_ascii_digit()) {
                one
            } else {
                many
            };
            crate::i18n::push_sentence(&mut out, &fill(t(lang, key), &[("lines", &ranges)]));
        }
    }
    out
}

/// Line numbers as a reader says them: sorted, runs joined ("3–5, 9"; 第 3–5、9 行, as
/// Chinese lists them: its ASCII comma read as a slip in the middle of a Chinese sentence).
pub fn line_ranges(lang: Lang, lines: &[usize]) -> String {
    let mut v = lines.to_vec();
    crate::engine::sort::sort(&mut v);
    v.dedup();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}–{}", v[i], v[j])
        } else {
            v[i].to_string()
        });
        i = j + 1;
    }
    out.join(t(lang, Key::ListComma))
}

/// Every store call the request made, by session id.
pub fn touched(x: &Exchange) -> Vec<(String, Touch)> {
    x.events
        .iter()
        .filter_map(|e| match e {
            Event::Store(c) => Some((
                c.sid.clone(),
                match (c.op, &c.result) {
                    (StoreOp::Get, CallResult::Hit) => Touch::Hit,
                    (StoreOp::Get, _) => Touch::Miss,
                    (StoreOp::Set, _) => Touch::Set,
                    (StoreOp::Touch, _) => Touch::Touch,
                    (StoreOp::Destroy, _) => Touch::Destroy,
                },
            )),
            _ => None,
        })
        .collect()
}

/// Whether a thrown message starts with its error's name (`TypeError: …`, `RangeError: …`).
fn names_its_error(message: &str) -> bool {
    message.split_once(": ").is_some_and(|(name, _)| {
        name.ends_with("Error") && name.chars().all(|c| c.is_ascii_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::{code_marks_summary, line_ranges, names_its_error, new_lines};
    use crate::i18n::Lang;

    #[test]
    fn a_thrown_error_is_printed_under_its_own_name() {
        assert!(names_its_error(
            "TypeError: Cannot convert object to primitive value"
        ));
        assert!(!names_its_error("connection refused"));
        assert!(!names_its_error("views/user.html:8: oops"));
    }

    #[test]
    fn lines_read_as_ranges() {
        assert_eq!(line_ranges(Lang::En, &[9, 3, 4, 5]), "3–5, 9");
        assert_eq!(line_ranges(Lang::Zh, &[9, 3, 4, 5, 12]), "3–5、9、12");
        assert_eq!(line_ranges(Lang::En, &[7]), "7");
        assert_eq!(line_ranges(Lang::En, &[2, 2, 3]), "2–3");
        assert_eq!(line_ranges(Lang::En, &[]), "");
    }

    #[test]
    fn one_line_is_a_line_and_more_are_lines() {
        use crate::i18n::Lang::En;
        assert_eq!(
            code_marks_summary(En, &[19], &[]),
            "The apply just now wrote line 19 (highlighted)."
        );
        assert_eq!(
            code_marks_summary(En, &[19, 20], &[4, 9]),
            "The apply just now wrote lines 19–20 (highlighted). The last request ran lines 4, 9 (highlighted)."
        );
        assert_eq!(
            code_marks_summary(En, &[], &[12]),
            "The last request ran line 12 (highlighted)."
        );
        assert_eq!(
            code_marks_summary(En, &[], &[]),
            "No request has run this code yet."
        );
    }

    #[test]
    fn new_lines_are_the_ones_an_apply_wrote() {
        let before = "a\n  resave: true,\n}\n}";
        let after = "a\n  resave: false,\n  cookie: { maxAge: 1 },\n}\n}";
        assert_eq!(new_lines(before, after), [2, 3]);
        // a line taken out marks nothing; a repeated line is matched once
        assert_eq!(new_lines(after, before), [2]);
        assert_eq!(new_lines("}", "}\n}"), [2]);
        assert_eq!(new_lines(before, before), Vec::<usize>::new());
    }
}
