//! cookie-signature 1.0.x: `sign` and `unsign`, with secret rotation as express-session and
//! cookie-parser do it (sign with the first secret, accept any).
//!
//! The real package returns `false` for every failure. A teaching tool must say why, so
//! [`unsign`] returns a typed [`UnsignError`] that also carries the expected and presented MACs.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The MAC of `value` under `secret`: HMAC-SHA256, standard base64 without `=` padding
/// (always 43 characters).
pub fn mac(value: &str, secret: &str) -> String {
    let mut h = keyed(secret);
    h.update(value.as_bytes());
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(h.finalize().into_bytes())
}

/// How long every MAC [`mac`] makes is: 32 bytes in base64 without padding.
pub const MAC_LEN: usize = 43;

/// Whether `s` could be a MAC [`mac`] makes: [`MAC_LEN`] characters of standard base64. One
/// that is not (cut short, or edited with a `-`) no secret verifies.
pub fn is_mac_shaped(s: &str) -> bool {
    s.len() == MAC_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

thread_local! {
    /// The last key's HMAC state: a server signs and verifies with the same few secrets, and
    /// keying HMAC costs two of its four SHA-256 blocks.
    static KEYED: std::cell::RefCell<Option<(String, Hmac<Sha256>)>> = const { std::cell::RefCell::new(None) };
}

fn keyed(secret: &str) -> Hmac<Sha256> {
    KEYED.with(|k| {
        let mut k = k.borrow_mut();
        if let Some((s, h)) = k.as_ref() {
            if s == secret {
                return h.clone();
            }
        }
        // HMAC accepts keys of any length, so this cannot fail.
        let h = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        *k = Some((secret.to_string(), h.clone()));
        h
    })
}

thread_local! {
    /// The last MAC [`unsign`] verified, as (secret, value, MAC): a returning visitor's id is
    /// verified and then signed again under the same secret for its `Set-Cookie`, and the MAC
    /// is a function of the two, so [`sign`] reuses it instead of running HMAC a second time.
    static VERIFIED: std::cell::RefCell<(String, String, String)> =
        const { std::cell::RefCell::new((String::new(), String::new(), String::new())) };
}

fn remember(secret: &str, value: &str, mac: &str) {
    VERIFIED.with(|v| {
        let (s, v, m) = &mut *v.borrow_mut();
        for (held, new) in [(s, secret), (v, value), (m, mac)] {
            held.clear();
            held.push_str(new);
        }
    });
}

/// `sign(val, secret)`: `val + "." + mac`.
///
/// ```
/// use session_lab::engine::signature::sign;
/// assert_eq!(sign("hello", "tobiiscool"), "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI");
/// ```
pub fn sign(value: &str, secret: &str) -> String {
    let mut out = String::with_capacity(value.len() + 44);
    out.push_str(value);
    out.push('.');
    let known = VERIFIED.with(|v| {
        let (s, v, m) = &*v.borrow();
        let hit = !m.is_empty() && s == secret && v == value;
        if hit {
            out.push_str(m);
        }
        hit
    });
    if !known {
        out.push_str(&mac(value, secret));
    }
    out
}

/// Why a signed value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsignError {
    /// There is no `.` at all, so there is nothing to check a MAC against.
    NoDot,
    /// The MAC after the last `.` is not the one any secret produces.
    BadMac {
        /// The value the MAC was supposed to cover (before the last `.`).
        value: String,
        /// What the first secret would have produced (what the server signs with).
        expected: String,
        /// What the cookie carried.
        presented: String,
    },
    /// There is no secret to check with.
    NoSecret,
}

/// A successfully verified value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsigned {
    /// The value before the last `.`.
    pub value: String,
    /// Which secret in the rotation list verified it (0 = the current one).
    pub secret_index: usize,
}

/// Constant-time string equality (lengths are public, as in the 1.1+ line's timingSafeEqual).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// `unsign(input, secret)` tried with each secret in order, as express-session's
/// `unsigncookie` does. The split is at the last `.`; the whole input must equal
/// `sign(value, secret)`, so trailing garbage or re-added `=` padding fail.
pub fn unsign(input: &str, secrets: &[String]) -> Result<Unsigned, UnsignError> {
    if secrets.is_empty() {
        return Err(UnsignError::NoSecret);
    }
    let Some(dot) = input.rfind('.') else {
        return Err(UnsignError::NoDot);
    };
    let value = &input[..dot];
    let presented = &input[dot + 1..];
    let mut first_expected = None;
    for (i, secret) in secrets.iter().enumerate() {
        let expected = mac(value, secret);
        let ok = constant_time_eq(&expected, presented);
        if ok {
            remember(secret, value, &expected);
            return Ok(Unsigned {
                value: value.to_string(),
                secret_index: i,
            });
        }
        first_expected.get_or_insert(expected);
    }
    Err(UnsignError::BadMac {
        value: value.to_string(),
        expected: first_expected.unwrap_or_default(),
        presented: presented.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn vectors_from_the_real_package() {
        let cases = [
            (
                "hello",
                "tobiiscool",
                "hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI",
            ),
            (
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX",
                "zfpx",
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX.W/83IrtQEUmVbFEfq+GGkGbwYCJTR8nk91zVwjtDN0E",
            ),
            (
                "abcdefghijklmnopqrstuvwxyz012345",
                "zfpx",
                "abcdefghijklmnopqrstuvwxyz012345.50RIT3UG9/aUb4o2MN3n4uOivYXMLZAUyJJ/FfMrln8",
            ),
            ("", "secret", ".+eZuF5tnR65UEI+C+K3os8Jddv0wr95sOVgixTAZYWk"),
            (
                "héllo",
                "sécret",
                "héllo.BUzCvwWlVt9eogu+Wsll5Dn+mflyOf7kCGwDmmNzV2M",
            ),
            (
                "apple",
                "keyboard cat",
                "apple.D8Y+pkTAmeR0PobOhY4G97PRW+j7bUnP/5m6/On1MCU",
            ),
        ];
        for (value, secret, want) in cases {
            assert_eq!(sign(value, secret), want);
            assert_eq!(unsign(want, &s(&[secret])).unwrap().value, value);
        }
    }

    #[test]
    fn signing_what_was_just_verified_gives_what_hmac_gives() {
        let secrets = s(&["new", "old"]);
        let fresh = |v: &str, k: &str| format!("{v}.{}", mac(v, k));
        // verified under the second secret: signing under the first must not reuse that MAC
        let signed_old = fresh("sid", "old");
        assert_eq!(unsign(&signed_old, &secrets).unwrap().secret_index, 1);
        assert_eq!(sign("sid", "new"), fresh("sid", "new"));
        assert_eq!(sign("sid", "old"), signed_old);
        // another value under the same secret, and a refused one in between
        assert_eq!(sign("sie", "old"), fresh("sie", "old"));
        assert!(unsign("sid.forged", &secrets).is_err());
        assert_eq!(sign("sid", "old"), signed_old);
        assert_eq!(sign("sid", "new"), fresh("sid", "new"));
        // the empty value and the empty secret are values like any other
        assert_eq!(unsign(&fresh("", "new"), &secrets).unwrap().value, "");
        assert_eq!(sign("", "new"), fresh("", "new"));
        assert_eq!(sign("", ""), fresh("", ""));
    }

    #[test]
    fn rejections_say_why() {
        let good = sign("a.b", "zfpx");
        assert_eq!(unsign(&good, &s(&["zfpx"])).unwrap().value, "a.b");
        assert_eq!(unsign("nodot", &s(&["zfpx"])), Err(UnsignError::NoDot));
        assert_eq!(unsign(&good, &[]), Err(UnsignError::NoSecret));
        match unsign(&format!("{good}="), &s(&["zfpx"])) {
            Err(UnsignError::BadMac {
                presented,
                expected,
                ..
            }) => {
                assert_eq!(presented.len(), 44);
                assert_eq!(format!("{expected}="), presented);
            }
            other => panic!("{other:?}"),
        }
        match unsign(&sign("a", "other"), &s(&["zfpx"])) {
            Err(UnsignError::BadMac {
                value, expected, ..
            }) => {
                assert_eq!(value, "a");
                assert_eq!(expected, mac("a", "zfpx"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rotation_accepts_old_and_reports_which() {
        let old = sign("sid", "old");
        let got = unsign(&old, &s(&["new", "old"])).unwrap();
        assert_eq!(got.secret_index, 1);
        // the reported expected MAC is the current (first) secret's
        match unsign(&old, &s(&["new"])) {
            Err(UnsignError::BadMac { expected, .. }) => assert_eq!(expected, mac("sid", "new")),
            other => panic!("{other:?}"),
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_round_trips(v in "\\PC*", secret in "\\PC{1,20}", junk in "\\PC*") {
            let signed = sign(&v, &secret);
            let secrets = vec![secret];
            proptest::prop_assert_eq!(unsign(&signed, &secrets).unwrap().value, v);
            let _ = unsign(&junk, &secrets);
        }
    }
}
