//! URI component encoding as JavaScript and the Express helpers do it.

use percent_encoding::{utf8_percent_encode, AsciiSet};

/// Whether `encodeURIComponent` leaves byte `b` as it is: ECMAScript's `uriUnreserved`,
/// `A-Z a-z 0-9 - _ . ! ~ * ' ( )`. A predicate rather than a `percent_encoding::AsciiSet`,
/// because [`encode_uri_component`] scans for runs itself (below); read from a table made
/// at compile time, one load per byte.
pub fn uri_unreserved(b: u8) -> bool {
    const KEPT: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let b = i as u8;
            t[i] = b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
                );
            i += 1;
        }
        t
    };
    KEPT[usize::from(b)]
}

/// The bytes the `encodeurl` package escapes in a URL (it keeps existing `%XX` escapes, which
/// [`encode_url`] handles): controls, space, `"`, `<`, `>`, `` ` ``, `{`, `}` and a `%` that
/// starts no escape. Version 2 (what express 4.22 pins, `~2.0.0`) keeps `\`, `^` and `|` as
/// they are, where 1.x escaped them (tests/js_parity.rs checks against the package).
const ENCODEURL: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%');

/// `encodeURIComponent(s)`: UTF-8 bytes, uppercase hex.
pub fn encode_uri_component(s: &str) -> String {
    // Runs of kept bytes are copied whole and each other byte (every byte of a non-ASCII
    // character among them) becomes %XX. This runs on every `Set-Cookie`: percent-encoding's
    // iterator, one piece at a time, cost ~2,000 instructions for a signed session id, this
    // loop a fifth of that. A run holds ASCII bytes only, so its ends are char boundaries.
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if uri_unreserved(c) {
            continue;
        }
        if run < i {
            out.push_str(&s[run..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(c >> 4)]));
        out.push(char::from(HEX[usize::from(c & 15)]));
        run = i + 1;
    }
    if run < b.len() {
        out.push_str(&s[run..]);
    }
    out
}

/// Why `decodeURIComponent` threw a `URIError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hex digits (e.g. `%ZZ`), at this byte offset.
    BadEscape(usize),
    /// Escapes that do not spell valid UTF-8 (e.g. a lone surrogate `%ED%A0%80`), at this offset.
    BadUtf8(usize),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::BadEscape(i) => write!(f, "URIError: malformed escape at offset {i}"),
            DecodeError::BadUtf8(i) => {
                write!(f, "URIError: invalid UTF-8 in escapes at offset {i}")
            }
        }
    }
}

/// The byte that the two hex digits after the `%` at `i` stand for.
fn hex_byte(b: &[u8], i: usize) -> Option<u8> {
    // a match, not a closure over `char::to_digit`: at opt-level "z" those stay two calls per
    // digit, and a session cookie's value holds a handful of escapes on every request
    #[inline(always)]
    fn digit(c: Option<&u8>) -> Option<u8> {
        match *c? {
            c @ b'0'..=b'9' => Some(c - b'0'),
            c @ b'a'..=b'f' => Some(c - b'a' + 10),
            c @ b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    // two hex digits make at most 0xff
    Some(digit(b.get(i + 1))? * 16 + digit(b.get(i + 2))?)
}

/// `decodeURIComponent(s)` (ECMA-262 §19.2.6.5 Decode with an empty reserved set).
///
/// Hand-written because JavaScript throws on a malformed or non-UTF-8 escape, while
/// `percent-encoding` passes those through; jshttp/cookie relies on the throw.
pub fn decode_uri_component(s: &str) -> Result<String, DecodeError> {
    if !s.contains('%') {
        return Ok(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'%' {
            // copy the whole run up to the next escape ('%' is ASCII, so this is a boundary)
            let end = b[i..]
                .iter()
                .position(|&c| c == b'%')
                .map_or(b.len(), |j| i + j);
            out.push_str(&s[i..end]);
            i = end;
            continue;
        }
        let start = i;
        let first = hex_byte(b, i).ok_or(DecodeError::BadEscape(i))?;
        i += 3;
        let n = match first {
            0x00..=0x7f => {
                out.push(first as char);
                continue;
            }
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return Err(DecodeError::BadUtf8(start)),
        };
        let mut bytes = [first, 0, 0, 0];
        for byte in &mut bytes[1..n] {
            if b.get(i) != Some(&b'%') {
                return Err(DecodeError::BadUtf8(start));
            }
            let next = hex_byte(b, i).ok_or(DecodeError::BadEscape(i))?;
            if next & 0xc0 != 0x80 {
                return Err(DecodeError::BadUtf8(start));
            }
            *byte = next;
            i += 3;
        }
        // from_utf8 rejects overlong forms and surrogates, as the spec requires.
        let ch = std::str::from_utf8(&bytes[..n]).map_err(|_| DecodeError::BadUtf8(start))?;
        out.push_str(ch);
    }
    Ok(out)
}

/// The `escape-html` package: `& < > " '` become entities.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `encodeurl` package: percent-encode what is not allowed in a URL, keeping well-formed
/// `%XX` escapes as they are.
pub fn encode_url(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && hex_byte(b, i).is_some() {
            out.push_str(&utf8_percent_encode(&s[last..i], ENCODEURL).to_string());
            out.push_str(&s[i..i + 3]);
            i += 3;
            last = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&utf8_percent_encode(&s[last..], ENCODEURL).to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_matches_javascript() {
        // encodeURIComponent in Node 20
        assert_eq!(encode_uri_component("s:a+b/c=d"), "s%3Aa%2Bb%2Fc%3Dd");
        assert_eq!(encode_uri_component("-_.!~*'()"), "-_.!~*'()");
        assert_eq!(
            encode_uri_component("héllo 😀"),
            "h%C3%A9llo%20%F0%9F%98%80"
        );
        assert_eq!(encode_uri_component(""), "");
        assert_eq!(encode_uri_component("\u{7f}\u{0}a%"), "%7F%00a%25");
    }

    #[test]
    fn decode_matches_javascript() {
        assert_eq!(decode_uri_component("s%3Aabc").unwrap(), "s:abc");
        assert_eq!(decode_uri_component("h%C3%A9llo").unwrap(), "héllo");
        assert_eq!(decode_uri_component("a+b").unwrap(), "a+b");
        assert_eq!(decode_uri_component("%f0%9f%98%80").unwrap(), "😀");
        assert!(matches!(
            decode_uri_component("%ZZ"),
            Err(DecodeError::BadEscape(0))
        ));
        assert!(matches!(
            decode_uri_component("ab%2"),
            Err(DecodeError::BadEscape(2))
        ));
        assert!(matches!(
            decode_uri_component("%ED%A0%80"),
            Err(DecodeError::BadUtf8(0))
        ));
        assert!(matches!(
            decode_uri_component("%C0%AF"),
            Err(DecodeError::BadUtf8(0))
        ));
        assert!(matches!(
            decode_uri_component("%C3"),
            Err(DecodeError::BadUtf8(0))
        ));
        assert!(matches!(
            decode_uri_component("%C3%41"),
            Err(DecodeError::BadUtf8(0))
        ));
        assert!(matches!(
            decode_uri_component("%80"),
            Err(DecodeError::BadUtf8(0))
        ));
    }

    #[test]
    fn encodeurl_keeps_escapes() {
        assert_eq!(encode_url("/a b/%41%zz<"), "/a%20b/%41%25zz%3C");
        assert_eq!(encode_url("/ü?x=1#f"), "/%C3%BC?x=1#f");
        // encodeurl 2 (express 4.22's) keeps these; 1.x escaped them
        assert_eq!(encode_url("/a|b^c\\d[e]"), "/a|b^c\\d[e]");
    }

    proptest::proptest! {
        #[test]
        fn decode_never_panics_and_inverts_encode(s in "\\PC*", raw in "[%0-9A-Fa-fZz\u{e9}]{0,12}") {
            let _ = decode_uri_component(&raw);
            proptest::prop_assert_eq!(decode_uri_component(&encode_uri_component(&s)).unwrap(), s);
        }

        /// The hand-written loop against percent-encoding's encoder with the same set.
        #[test]
        fn encode_matches_percent_encoding(s in "\\PC*|[ -~]*|[%+/=:.a-z\u{e9}\u{1f600}]*") {
            const SET: &AsciiSet = &percent_encoding::NON_ALPHANUMERIC
                .remove(b'-').remove(b'_').remove(b'.').remove(b'!').remove(b'~')
                .remove(b'*').remove(b'\'').remove(b'(').remove(b')');
            proptest::prop_assert_eq!(encode_uri_component(&s), utf8_percent_encode(&s, SET).to_string());
        }
    }
}
