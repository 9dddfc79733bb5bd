//! Virtual time. The engine never reads a wall clock: every call that needs "now" takes it.
//!
//! Times are milliseconds since the Unix epoch, as in JavaScript. A JavaScript `Date` holds an
//! `f64` that may be `NaN` ("Invalid Date"), so dates that come from user options use
//! [`JsDate`]; the clock itself is always a valid [`Millis`].
//!
//! Formatting is hand-written on purpose: `Date.prototype.toUTCString` and `toISOString` must be
//! reproduced for every year a JavaScript date can hold (−271821 to 275760), which HTTP-date
//! crates cannot represent.

use super::js::push_padded;

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = i64;

/// The largest magnitude a JavaScript time value may have (ECMA-262 §21.4.1.31 TimeClip).
pub const MAX_TIME: f64 = 8.64e15;

/// A JavaScript `Date` value: milliseconds since the epoch, or `NaN` for an invalid date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JsDate(pub f64);

impl JsDate {
    /// `new Date(ms)`: applies TimeClip (NaN outside ±8.64e15, otherwise truncated).
    pub fn new(ms: f64) -> JsDate {
        JsDate(time_clip(ms))
    }
    /// A valid date from the virtual clock.
    pub fn from_millis(ms: Millis) -> JsDate {
        JsDate::new(ms as f64)
    }
    /// Whether this is a valid date (not "Invalid Date").
    pub fn is_valid(self) -> bool {
        self.0.is_finite()
    }
    /// The time value as integer milliseconds, if valid.
    pub fn millis(self) -> Option<Millis> {
        self.is_valid().then_some(self.0 as i64)
    }
    /// `Date.prototype.toUTCString()`, e.g. `Wed, 15 Nov 2023 22:13:20 GMT`.
    pub fn to_utc_string(self) -> String {
        match self.millis() {
            Some(ms) => utc_string(ms),
            None => "Invalid Date".to_string(),
        }
    }
    /// `Date.prototype.toISOString()`, or `None` where JavaScript throws a RangeError
    /// (and where `toJSON` gives `null`).
    pub fn to_iso_string(self) -> Option<String> {
        self.millis().map(iso_string)
    }
    /// `new Date(string)` for the formats the lab meets: ISO 8601 (as `Date.parse` reads it,
    /// date-only and time-without-offset forms taken as UTC since the simulated server runs in
    /// UTC) and the RFC 1123 form `toUTCString` writes. Anything else is an invalid date.
    pub fn parse(s: &str) -> JsDate {
        parse_iso(s.trim())
            .or_else(|| parse_rfc1123(s.trim()))
            .map(|ms| JsDate::new(ms as f64))
            .unwrap_or(JsDate(f64::NAN))
    }
}

/// ECMA-262 TimeClip.
pub fn time_clip(t: f64) -> f64 {
    if !t.is_finite() || t.abs() > MAX_TIME {
        f64::NAN
    } else {
        t.trunc() + 0.0
    }
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MS_PER_DAY: i64 = 86_400_000;

/// Broken-down UTC time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// Full year (may be negative).
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    /// 0..=23
    pub hour: u32,
    /// 0..=59
    pub minute: u32,
    /// 0..=59
    pub second: u32,
    /// 0..=999
    pub milli: u32,
    /// 0 = Thursday (the epoch's weekday) .. 6
    weekday_from_thu: u32,
}

/// Splits epoch milliseconds into UTC calendar fields (proleptic Gregorian).
pub fn civil(ms: Millis) -> Civil {
    let days = ms.div_euclid(MS_PER_DAY);
    let rem = ms.rem_euclid(MS_PER_DAY);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: (rem / 3_600_000) as u32,
        minute: (rem / 60_000 % 60) as u32,
        second: (rem / 1000 % 60) as u32,
        milli: (rem % 1000) as u32,
        weekday_from_thu: days.rem_euclid(7) as u32,
    }
}

/// Days since the epoch for a proleptic Gregorian date (Hinnant's days_from_civil).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn utc_string(ms: Millis) -> String {
    let c = civil(ms);
    let mut s = String::with_capacity(29);
    s.push_str(DAYS[c.weekday_from_thu as usize]);
    s.push_str(", ");
    push_padded(&mut s, c.day.into(), 2);
    s.push(' ');
    s.push_str(MONTHS[c.month as usize - 1]);
    s.push(' ');
    if c.year < 0 {
        s.push('-');
    }
    push_padded(&mut s, c.year.unsigned_abs(), 4);
    for (sep, n) in [(' ', c.hour), (':', c.minute), (':', c.second)] {
        s.push(sep);
        push_padded(&mut s, n.into(), 2);
    }
    s.push_str(" GMT");
    s
}

fn iso_string(ms: Millis) -> String {
    let c = civil(ms);
    let mut s = String::with_capacity(24);
    if (0..=9999).contains(&c.year) {
        push_padded(&mut s, c.year.unsigned_abs(), 4);
    } else {
        s.push(if c.year < 0 { '-' } else { '+' });
        push_padded(&mut s, c.year.unsigned_abs(), 6);
    }
    for (sep, n) in [
        ('-', c.month),
        ('-', c.day),
        ('T', c.hour),
        (':', c.minute),
        (':', c.second),
    ] {
        s.push(sep);
        push_padded(&mut s, n.into(), 2);
    }
    s.push('.');
    push_padded(&mut s, c.milli.into(), 3);
    s.push('Z');
    s
}

fn digits(s: &str, n: usize) -> Option<(i64, &str)> {
    let head = s.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &s[n..]))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ECMA-262 §21.4.1.32 Date Time String Format.
fn parse_iso(s: &str) -> Option<Millis> {
    let (year, mut rest) = match s.as_bytes().first()? {
        b'+' | b'-' => {
            let (y, r) = digits(&s[1..], 6)?;
            if s.starts_with('-') && y == 0 {
                return None; // -000000 is not allowed
            }
            (if s.starts_with('-') { -y } else { y }, r)
        }
        _ => digits(s, 4)?,
    };
    let (mut month, mut day) = (1, 1);
    if let Some(r) = rest.strip_prefix('-') {
        let (m, r) = digits(r, 2)?;
        month = m as u32;
        rest = r;
        if let Some(r) = rest.strip_prefix('-') {
            let (d, r) = digits(r, 2)?;
            day = d as u32;
            rest = r;
        }
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let (mut h, mut mi, mut sec, mut milli, mut offset_min) = (0, 0, 0, 0, 0i64);
    if let Some(r) = rest.strip_prefix('T') {
        let (hh, r) = digits(r, 2)?;
        let r = r.strip_prefix(':')?;
        let (mm, mut r) = digits(r, 2)?;
        h = hh;
        mi = mm;
        if let Some(r2) = r.strip_prefix(':') {
            let (ss, r3) = digits(r2, 2)?;
            sec = ss;
            r = r3;
            if let Some(r4) = r.strip_prefix('.') {
                let n = r4.bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 {
                    return None;
                }
                let frac = &r4[..n];
                let padded = format!("{:0<3}", &frac[..n.min(3)]);
                milli = padded.parse().ok()?;
                r = &r4[n..];
            }
        }
        rest = r;
        if let Some(r) = rest.strip_prefix('Z') {
            rest = r;
        } else if let Some(sign) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
            let (oh, r) = digits(&rest[1..], 2)?;
            let r = r.strip_prefix(':')?;
            let (om, r) = digits(r, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            offset_min = (oh * 60 + om) * if sign == '+' { 1 } else { -1 };
            rest = r;
        }
        if h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi, sec, milli) != (0, 0, 0)) {
            return None;
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + sec * 1000 + milli - offset_min * 60_000)
}

/// `Wed, 15 Nov 2023 22:13:20 GMT`, the form `toUTCString` and HTTP dates use.
fn parse_rfc1123(s: &str) -> Option<Millis> {
    let mut parts = s.split(' ').filter(|p| !p.is_empty());
    let wd = parts.next()?;
    if !wd.ends_with(',') {
        return None;
    }
    let day: u32 = parts.next()?.parse().ok()?;
    let mon = parts.next()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(mon))? as u32 + 1;
    // V8's legacy parser (what `new Date(string)` falls back to for this form): digits only,
    // no sign (`-0001` is NaN), and a year below 100 is two-digit shorthand, whatever its
    // width: 0-49 are 2000-2049 and 50-99 are 1950-1999 (`0000` reads as 2000)
    let year = parts.next()?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i64 = match year.parse().ok()? {
        y @ 0..=49 => y + 2000,
        y @ 50..=99 => y + 1900,
        y => y,
    };
    let hms: Vec<u32> = parts
        .next()?
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let zone = parts.next()?;
    if parts.next().is_some() || !(zone == "GMT" || zone == "UTC" || zone == "Z") || hms.len() != 3
    {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) || hms[0] > 23 || hms[1] > 59 || hms[2] > 59 {
        return None;
    }
    Some(
        days_from_civil(year, month, day) * MS_PER_DAY
            + i64::from(hms[0]) * 3_600_000
            + i64::from(hms[1]) * 60_000
            + i64::from(hms[2]) * 1000,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_string_matches_javascript() {
        // Values printed by Node 20: new Date(x).toUTCString()
        assert_eq!(
            JsDate::new(0.0).to_utc_string(),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
        assert_eq!(
            JsDate::new(1_700_086_400_000.0).to_utc_string(),
            "Wed, 15 Nov 2023 22:13:20 GMT"
        );
        assert_eq!(
            JsDate::new(8.64e15).to_utc_string(),
            "Sat, 13 Sep 275760 00:00:00 GMT"
        );
        assert_eq!(
            JsDate::new(-8.64e15).to_utc_string(),
            "Tue, 20 Apr -271821 00:00:00 GMT"
        );
        assert_eq!(
            JsDate::new(-1.0).to_utc_string(),
            "Wed, 31 Dec 1969 23:59:59 GMT"
        );
        assert_eq!(JsDate::new(f64::NAN).to_utc_string(), "Invalid Date");
        assert_eq!(JsDate::new(1e308).to_utc_string(), "Invalid Date");
    }

    proptest::proptest! {
        /// The digit writer agrees with `format!`'s padding over the whole range of dates.
        #[test]
        fn dates_write_as_format_would(ms in -8_640_000_000_000_000i64..=8_640_000_000_000_000i64) {
            let c = civil(ms);
            let year = if (0..=9999).contains(&c.year) {
                format!("{:04}", c.year)
            } else if c.year < 0 {
                format!("-{:06}", -c.year)
            } else {
                format!("+{:06}", c.year)
            };
            let iso = format!("{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.month, c.day, c.hour, c.minute, c.second, c.milli);
            proptest::prop_assert_eq!(iso_string(ms), iso);
            let year = if c.year < 0 { format!("-{:04}", -c.year) } else { format!("{:04}", c.year) };
            let utc = format!("{}, {:02} {} {year} {:02}:{:02}:{:02} GMT", DAYS[c.weekday_from_thu as usize], c.day, MONTHS[c.month as usize - 1], c.hour, c.minute, c.second);
            proptest::prop_assert_eq!(utc_string(ms), utc);
        }
    }

    #[test]
    fn iso_string_matches_javascript() {
        assert_eq!(
            JsDate::new(1_700_086_400_000.0).to_iso_string().unwrap(),
            "2023-11-15T22:13:20.000Z"
        );
        assert_eq!(
            JsDate::new(8.64e15).to_iso_string().unwrap(),
            "+275760-09-13T00:00:00.000Z"
        );
        assert_eq!(
            JsDate::new(-8.64e15).to_iso_string().unwrap(),
            "-271821-04-20T00:00:00.000Z"
        );
        assert_eq!(
            JsDate::new(-62198755200000.0).to_iso_string().unwrap(),
            "-000001-01-01T00:00:00.000Z"
        );
        assert_eq!(JsDate::new(f64::NAN).to_iso_string(), None);
        assert_eq!(JsDate::new(1.9).0, 1.0);
    }

    #[test]
    fn parse_round_trips_and_rejects() {
        for ms in [
            0i64,
            1_700_086_400_123,
            -62198755200000,
            8_640_000_000_000_000,
            -1,
        ] {
            let d = JsDate::from_millis(ms);
            assert_eq!(
                JsDate::parse(&d.to_iso_string().unwrap()).millis(),
                Some(ms)
            );
            // the RFC 1123 form reads back for years from 100 on (see below for the others)
            if ms >= -59_011_459_200_000 {
                assert_eq!(
                    JsDate::parse(&d.to_utc_string()).millis(),
                    Some(ms - ms.rem_euclid(1000))
                );
            }
        }
        // as V8 reads that form (values printed by Node 20): years below 100 are two-digit
        // shorthand, a sign makes it invalid
        let utc = |y: &str| JsDate::parse(&format!("Mon, 01 Jan {y} 00:00:00 GMT")).millis();
        assert_eq!(utc("0000"), Some(946_684_800_000));
        assert_eq!(utc("0050"), Some(-631_152_000_000));
        assert_eq!(utc("0100"), Some(-59_011_459_200_000));
        assert_eq!(utc("-0001"), None);
        assert_eq!(utc("+10000"), None);
        assert_eq!(
            JsDate::parse("2023-11-15").millis(),
            Some(1_700_006_400_000)
        );
        assert_eq!(
            JsDate::parse("2023-11-15T22:13:20+01:00").millis(),
            Some(1_700_082_800_000)
        );
        // V8's legacy fallback parser accepts some of these (e.g. "2023-02-30" as 2 March);
        // the lab only reads the ISO and RFC 1123 forms and treats the rest as invalid.
        for bad in [
            "",
            "x",
            "2023-13-01",
            "2023-02-30",
            "2023-11-15T25:00",
            "-000000-01-01",
            "2023-11-15T22:13:20.Z",
        ] {
            assert!(!JsDate::parse(bad).is_valid(), "{bad}");
        }
    }
}
