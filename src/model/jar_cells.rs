//! The jar table's cells as the page shows and reads them. The engine edits a cookie from a
//! cell's text ([`crate::engine::jar::edit_cell`]) but knows no language; the Expires cell
//! shows a session cookie as a word of the page's language, and this module reads that word
//! back, in either language.

use crate::engine::clock::{JsDate, Millis};
use crate::engine::jar::{self, Cookie, EditError, Field, Limits, Persistence};
use crate::i18n::{fill, t, Key, Lang};
use crate::model::explain::duration_text;

/// How a row's controls name its cookie: by its name, and where another cookie in the jar has
/// the same name (the tamper challenge's second `balance`, for a domain edited by hand), by its
/// domain and path too: a screen reader heard "Delete balance" twice, with nothing to tell
/// them apart.
pub fn row_name(c: &Cookie, jar: &[&Cookie]) -> String {
    if jar.iter().filter(|o| o.name == c.name).count() > 1 {
        format!("{} ({} {})", c.name, c.domain_shown(), c.path)
    } else {
        c.name.clone()
    }
}

/// What the Expires cell shows: the session label (`会话 cookie`, `Session`), or the ISO date
/// and how far it is from `now` (`2030-01-01T00:00:00.000Z (6 d 1 h)`).
pub fn expires_text(c: &Cookie, lang: Lang, now: Millis) -> String {
    match c.persistence {
        Persistence::Session => t(lang, Key::SessionCookieLabel).to_string(),
        Persistence::Until(ms) => {
            let iso = JsDate::from_millis(ms).to_iso_string().unwrap_or_default();
            format!("{iso} ({})", duration_text(lang, ms - now))
        }
    }
}

/// What the Expires cell shows under a dated cookie's date: how long it has left from `now`
/// (`in 23 h 59 min`, `23 小时 59 分钟后`), the part of [`expires_text`] the cell's width cuts;
/// nothing for a session cookie, nor for one expired by `now` (the past jar shows one, tagged
/// expired, not "in -3 min").
pub fn expires_left(c: &Cookie, lang: Lang, now: Millis) -> Option<String> {
    match c.persistence {
        Persistence::Until(ms) if ms > now => Some(fill(
            t(lang, Key::ExpiresIn),
            &[("left", &duration_text(lang, ms - now))],
        )),
        _ => None,
    }
}

/// Whether an Expires cell's text is the session label of either language: it starts with
/// the label's first word (`会话`, `Session`; ASCII case ignored), so the label as shown, or
/// shortened, or typed in the other language, all mean a session cookie.
fn is_session_label(text: &str) -> bool {
    let text = text.trim();
    Lang::ALL.iter().any(|&lang| {
        let label = t(lang, Key::SessionCookieLabel);
        let word = label.split_whitespace().next().unwrap_or(label);
        text.get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
    })
}

/// `c` with one cell edited to `text`, touched at `now`, or why not: the engine's
/// [`jar::edit_cell`], with the session label of either language read as an empty Expires
/// cell (a session cookie).
pub fn edit_cell(c: &Cookie, field: Field, text: &str, now: Millis) -> Result<Cookie, EditError> {
    let text = if field == Field::Expires && is_session_label(text) {
        ""
    } else {
        text
    };
    jar::edit_cell(c, field, text, now, &Limits::default())
}

/// The word a double-click selects in a cell's text (`start..end`, UTF-16 offsets as the
/// browser counts them), cut to one part of a signed value, or `None` to keep the browser's:
/// - less the two hex digits of a `%XX` escape it begins with: the browser's word runs from
///   after the `%`, so a double-click on the 100 of `s%3A100.MAC` selected `3A100`, and 999
///   typed over it left `s%999.MAC` (tamper's hint 3 says to change the 100; a reviewer got
///   "not signed" instead of the 403);
/// - and on one side of the dot before the MAC: a MAC that starts with a digit joins the
///   number's word (`100.9bcdef`), and 999 typed over it took the MAC away. The side is the
///   one the first click's caret (`caret`) was on, else the payload's.
pub fn word_in_cell(text: &str, start: u32, end: u32, caret: Option<u32>) -> Option<(u32, u32)> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (mut s, mut e) = (start as usize, end as usize);
    if s >= e || e > units.len() {
        return None;
    }
    let hex = |i: usize| {
        units
            .get(i)
            .is_some_and(|&u| u < 128 && (u as u8).is_ascii_hexdigit())
    };
    if s >= 1 && units[s - 1] == u16::from(b'%') && hex(s) && hex(s + 1) && e > s + 2 {
        s += 2;
    }
    let signed = crate::model::anatomy::raw_prefix_len(text).is_some();
    let dot = units.iter().rposition(|&u| u == u16::from(b'.'));
    if let Some(d) = dot.filter(|&d| signed && s <= d && d < e) {
        if caret.is_some_and(|c| c as usize > d) {
            s = d + 1;
        } else {
            e = d;
        }
    }
    ((s, e) != (start as usize, end as usize) && s < e).then_some((s as u32, e as u32))
}

/// The span of a cell's text (UTF-16 offsets) that "Show me" selects for `pick`: a signed
/// value's payload (after `s:` or `s%3A`, before the last dot), or its last character; `None`
/// for the whole text (or when the text has no such part).
pub fn pick_span(text: &str, pick: crate::model::lessons::Pick) -> Option<(u32, u32)> {
    use crate::model::lessons::Pick;
    let units: Vec<u16> = text.encode_utf16().collect();
    let n = u32::try_from(units.len()).ok()?;
    match pick {
        Pick::All => None,
        Pick::LastChar => {
            let last = text.chars().next_back()?;
            Some((n - last.len_utf16() as u32, n))
        }
        Pick::Payload => {
            let from = crate::model::anatomy::raw_prefix_len(text)?;
            let to = units.iter().rposition(|&u| u == u16::from(b'.'))?;
            (to > from).then_some((from as u32, to as u32))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_700_000_000_000;

    #[test]
    fn a_row_is_named_by_its_domain_and_path_only_beside_a_namesake() {
        let a = Cookie::by_hand("balance", "1", "localhost", 0);
        let b = Cookie {
            path: "/admin".into(),
            ..Cookie::by_hand("balance", "2", "loca999st", 0)
        };
        let other = Cookie::by_hand("connect.sid", "3", "localhost", 0);
        assert_eq!(row_name(&a, &[&a, &other]), "balance");
        assert_eq!(row_name(&a, &[&a, &b, &other]), "balance (localhost /)");
        assert_eq!(
            row_name(&b, &[&a, &b, &other]),
            "balance (loca999st /admin)"
        );
        assert_eq!(row_name(&other, &[&a, &b, &other]), "connect.sid");
    }

    fn persistent() -> Cookie {
        Cookie {
            persistence: Persistence::Until(1_893_456_000_000),
            ..Cookie::by_hand("a", "1", "localhost", 0)
        }
    }

    #[test]
    fn session_labels_of_both_languages() {
        for text in [
            "会话 cookie",
            "会话",
            " 会话cookie ",
            "Session",
            "session",
            "SESSION",
            "Session cookie",
            "",
            "   ",
        ] {
            let c = edit_cell(&persistent(), Field::Expires, text, NOW).unwrap();
            assert_eq!(c.persistence, Persistence::Session, "{text:?}");
            assert_eq!(c.last_access, NOW);
        }
        for lang in Lang::ALL {
            let shown = expires_text(&Cookie::by_hand("a", "1", "h", 0), lang, NOW);
            assert!(is_session_label(&shown), "{shown}");
        }
        for text in ["会", "Sess", "sessio", "2030", "cookie"] {
            assert!(!is_session_label(text), "{text}");
        }
    }

    #[test]
    fn the_shown_date_reads_back_in_both_languages() {
        let c = persistent();
        for lang in Lang::ALL {
            let shown = expires_text(&c, lang, NOW);
            assert!(shown.starts_with("2030-01-01T00:00:00.000Z ("), "{shown}");
            let back = edit_cell(&c, Field::Expires, &shown, NOW).unwrap();
            assert_eq!(back.persistence, c.persistence, "{shown}");
        }
        assert_eq!(
            expires_text(&c, Lang::En, 1_893_455_940_000),
            "2030-01-01T00:00:00.000Z (1 min)"
        );
        assert_eq!(
            expires_left(&c, Lang::En, 1_893_456_000_000 - 86_340_000).as_deref(),
            Some("in 23 h 59 min")
        );
        assert_eq!(
            expires_left(&c, Lang::Zh, 1_893_456_000_000 - 86_340_000).as_deref(),
            Some("23 小时 59 分钟后")
        );
        assert_eq!(
            expires_left(&Cookie::by_hand("a", "1", "h", 0), Lang::En, NOW),
            None
        );
        assert_eq!(expires_left(&c, Lang::En, 1_893_456_000_000), None);
        assert_eq!(
            edit_cell(&c, Field::Expires, "next week", NOW),
            Err(EditError::NotADate)
        );
    }

    #[test]
    fn other_cells_go_to_the_engine() {
        let c = edit_cell(&persistent(), Field::Value, "Session", NOW).unwrap();
        assert_eq!(c.value, "Session");
        assert!(matches!(
            edit_cell(&persistent(), Field::Name, "a;b", NOW),
            Err(EditError::Invalid(_))
        ));
    }

    #[test]
    fn a_double_click_in_a_signed_value_selects_one_part_of_it() {
        let v = "s%3A100.Yv8hnDOSFJceDCc2cWiKMcmFnsAngxZyRtVysJbE2bE";
        // the browser's word: "3A100"
        assert_eq!(word_in_cell(v, 2, 7, None), Some((4, 7)));
        // words not after an escape, or the escape alone, stay as the browser chose
        assert_eq!(word_in_cell(v, 8, v.len() as u32, None), None);
        assert_eq!(word_in_cell("a%3A", 2, 4, None), None);
        assert_eq!(word_in_cell("%zz100", 1, 6, None), None);
        assert_eq!(word_in_cell("x100", 1, 4, None), None);
        // a MAC that starts with a digit joins the number's word: one side of the dot, the
        // one the first click was on (the payload's when unknown)
        let d = "s%3A100.9bcdefYv8hnDOSFJceDCc2cWiKMcmFnsAngxZ";
        let end = d.len() as u32;
        assert_eq!(word_in_cell(d, 2, end, None), Some((4, 7)));
        assert_eq!(word_in_cell(d, 2, end, Some(5)), Some((4, 7)));
        assert_eq!(word_in_cell(d, 2, end, Some(10)), Some((8, end)));
        let decoded = "s:100.9bcdef";
        assert_eq!(word_in_cell(decoded, 2, 12, Some(3)), Some((2, 5)));
        assert_eq!(word_in_cell(decoded, 2, 12, Some(9)), Some((6, 12)));
        // not a signed value: its dots are the browser's business
        assert_eq!(word_in_cell("1.5", 0, 3, Some(0)), None);
        // offsets out of the text (a stale selection) change nothing and never panic
        assert_eq!(word_in_cell("s%3A1", 2, 40, None), None);
        assert_eq!(word_in_cell("", 0, 0, None), None);
        assert_eq!(word_in_cell("%", 1, 3, None), None);
        assert_eq!(word_in_cell("s:.", 2, 3, Some(9)), None);
        // UTF-16 offsets: a character outside the BMP before the escape counts two
        assert_eq!(word_in_cell("😀%3Aab", 3, 7, None), Some((5, 7)));
    }

    #[test]
    fn show_me_picks_the_payload_or_the_last_character() {
        use crate::model::lessons::Pick;
        let card = "s%3A100.Yv8hnDOSFJceDCc2cWiKMcmFnsAngxZyRtVysJbE2bE";
        assert_eq!(pick_span(card, Pick::Payload), Some((4, 7)));
        assert_eq!(pick_span("s:100.mac", Pick::Payload), Some((2, 5)));
        assert_eq!(pick_span(card, Pick::LastChar), Some((50, 51)));
        assert_eq!(pick_span("😀", Pick::LastChar), Some((0, 2)));
        assert_eq!(pick_span(card, Pick::All), None);
        // no payload to pick: the whole text
        for text in ["100", "s%3A100", "s:.mac", "", "s%3"] {
            assert_eq!(pick_span(text, Pick::Payload), None, "{text}");
        }
        assert_eq!(pick_span("", Pick::LastChar), None);
    }
}
