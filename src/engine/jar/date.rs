//! RFC 6265 §5.1.1: the cookie-date an `Expires` attribute holds, read as forgivingly as a
//! browser reads it (any delimiters, tokens in any order, two-digit years).

use crate::engine::clock::{days_from_civil, Millis};

/// RFC 6265 §5.1.1 cookie-date. Returns epoch ms, or `None` if it does not parse.
pub fn parse_cookie_date(s: &str) -> Option<Millis> {
    let is_delim = |c: char| {
        c == '\t'
            || (' '..='/').contains(&c)
            || (';'..='@').contains(&c)
            || ('['..='`').contains(&c)
            || ('{'..='~').contains(&c)
    };
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for tok in s.split(is_delim).filter(|t| !t.is_empty()) {
        if time.is_none() {
            if let Some(t) = parse_time(tok) {
                time = Some(t);
                continue;
            }
        }
        if day.is_none() {
            if let Some(d) = leading_digits(tok, 1, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() && tok.len() >= 3 {
            const M: [&str; 12] = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            if let Some(i) = tok
                .get(..3)
                .and_then(|p| M.iter().position(|m| m.eq_ignore_ascii_case(p)))
            {
                month = Some(i as u32 + 1);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = leading_digits(tok, 2, 4) {
                year = Some(y);
                continue;
            }
        }
    }
    let (h, mi, se) = time?;
    let day = day?;
    let month = month?;
    let mut year = i64::from(year?);
    if (70..=99).contains(&year) {
        year += 1900;
    } else if (0..=69).contains(&year) {
        year += 2000;
    }
    if !(1..=31).contains(&day) || year < 1601 || h > 23 || mi > 59 || se > 59 {
        return None;
    }
    let days_in = match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days_in {
        return None;
    }
    Some(
        days_from_civil(year, month, day) * 86_400_000
            + i64::from(h) * 3_600_000
            + i64::from(mi) * 60_000
            + i64::from(se) * 1000,
    )
}

/// 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT, then anything non-digit.
fn parse_time(tok: &str) -> Option<(u32, u32, u32)> {
    let mut parts = tok.splitn(3, ':');
    let h = all_digits(parts.next()?, 1, 2)?;
    let m = all_digits(parts.next()?, 1, 2)?;
    let s = leading_digits(parts.next()?, 1, 2)?;
    Some((h, m, s))
}

fn all_digits(s: &str, min: usize, max: usize) -> Option<u32> {
    (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

/// `min`..`max` digits, optionally followed by non-digits.
fn leading_digits(s: &str, min: usize, max: usize) -> Option<u32> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    s[..n].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_dates() {
        assert_eq!(
            parse_cookie_date("Wed, 15 Nov 2023 22:13:20 GMT"),
            Some(1_700_086_400_000)
        );
        assert_eq!(
            parse_cookie_date("Wednesday, 15-Nov-23 22:13:20 GMT"),
            Some(1_700_086_400_000)
        );
        assert_eq!(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_cookie_date("15 Nov 2023"), None);
        assert_eq!(parse_cookie_date("Wed, 31 Feb 2023 00:00:00 GMT"), None);
        assert_eq!(parse_cookie_date("Wed, 15 Nov 1600 22:13:20 GMT"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_cookie_date(&s);
        }
    }
}
