//! Two-step sign-in: time-based codes (RFC 6238, the kind any authenticator app shows)
//! and recovery codes. Pure: the store keeps what these make, the API wires them up.

use qrcode::{QrCode, render::svg};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds a code stands for (what every authenticator app assumes).
const STEP_S: u64 = 30;
/// Codes of the step before and after now count too: a phone's clock a little off, a
/// code typed as it turned.
const SKEW_STEPS: u64 = 1;
const DIGITS: usize = 6;
/// Bytes of a new secret (RFC 4226 recommends 160 bits).
const SECRET_BYTES: usize = 20;
/// Recovery codes given at once…
pub const RECOVERY_CODES: usize = 10;
/// …each of this many base32 letters (80 random bits), shown in groups of four.
const RECOVERY_CODE_CHARS: usize = 16;

/// A new secret, in base32 (how it is kept and typed).
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret: &str, account: &str, issuer: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    // The app shows `issuer` and the account; neither may hold a colon.
    let issuer = issuer.replace(':', " ");
    let account = account.replace(':', " ");
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        1,
        STEP_S,
        bytes,
        Some(issuer),
        account,
    )
    .ok()
}

/// The `otpauth://` address an app reads from the QR code.
pub fn uri(secret: &str, account: &str, issuer: &str) -> Option<String> {
    totp(secret, account, issuer).map(|totp| totp.get_url())
}

/// The QR code of `uri`, as an SVG element (no XML prolog, ready to go in a page).
pub fn qr_svg(uri: &str) -> Option<String> {
    let svg = QrCode::new(uri.as_bytes())
        .ok()?
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let start = svg.find("<svg")?;
    Some(svg[start..].to_owned())
}

/// The time step (Unix seconds / 30) whose code `code` is, among now's and its
/// neighbours'; `None` when it is none of them. A code is six digits; spaces are
/// ignored.
pub fn matching_step(secret: &str, code: &str, now: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret, "", "")?;
    let current = now / STEP_S;
    // Every candidate is computed and compared, so the time taken tells nothing.
    (current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS).fold(None, |found, step| {
        let same = constant_time_eq(totp.generate(step * STEP_S).as_bytes(), code.as_bytes());
        found.or(same.then_some(step))
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The code of the step `step` (what the user's app shows then).
#[cfg(test)]
pub fn code_at(secret: &str, step: u64) -> String {
    totp(secret, "", "").unwrap().generate(step * STEP_S)
}

/// Whether `code` has the shape of a recovery code rather than an app's code.
pub fn is_recovery_code(code: &str) -> bool {
    normalized_recovery_code(code).len() == RECOVERY_CODE_CHARS
}

/// New recovery codes, as shown to the user (`abcd-efgh-ijkl-mnop`).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect()
}

fn new_recovery_code() -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut bytes = [0u8; RECOVERY_CODE_CHARS];
    OsRng.fill_bytes(&mut bytes);
    let letters: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect();
    letters
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What a recovery code is as typed, without its dashes and spaces, in lower case.
fn normalized_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The hash a recovery code is kept as (80 random bits need no slow hash).
pub fn recovery_code_hash(code: &str) -> String {
    Sha256::digest(normalized_recovery_code(code).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's own test secret ("12345678901234567890") and its SHA-1 vectors.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_are_rfc_6238s() {
        // RFC 6238, appendix B: 59 s → 94287082; 1111111109 s → 07081804 (8 digits; the
        // last six are what a six-digit app shows).
        assert_eq!(code_at(RFC_SECRET, 59 / STEP_S), "287082");
        assert_eq!(code_at(RFC_SECRET, 1_111_111_109 / STEP_S), "081804");
    }

    #[test]
    fn a_code_matches_its_step_and_the_neighbours_only() {
        let now = 1_111_111_109;
        let step = now / STEP_S;
        for offset in [step - 1, step, step + 1] {
            let code = code_at(RFC_SECRET, offset);
            assert_eq!(matching_step(RFC_SECRET, &code, now), Some(offset));
        }
        for far in [step - 2, step + 2, step - 100] {
            let code = code_at(RFC_SECRET, far);
            assert_eq!(matching_step(RFC_SECRET, &code, now), None, "step {far}");
        }
    }

    #[test]
    fn codes_of_the_wrong_shape_match_nothing() {
        let now = 1_111_111_109;
        let code = code_at(RFC_SECRET, now / STEP_S);
        assert_eq!(
            matching_step(RFC_SECRET, &format!(" {} {} ", &code[..3], &code[3..]), now),
            Some(now / STEP_S),
            "spaces are ignored"
        );
        for wrong in ["", "12345", "1234567", "12345a", "١٢٣٤٥٦"] {
            assert_eq!(matching_step(RFC_SECRET, wrong, now), None, "{wrong:?}");
        }
        assert_eq!(matching_step("not base32!", &code, now), None);
    }

    #[test]
    fn new_secrets_are_random_and_read_back() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32, "160 bits in base32");
        assert_ne!(secret, new_secret());
        let uri = uri(&secret, "bien.tap", "Khuyến công: Bắc Giang").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        let qr = qr_svg(&uri).unwrap();
        assert!(qr.starts_with("<svg"), "{qr}");
    }

    #[test]
    fn recovery_codes_are_random_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(code.len(), 19, "{code}");
        assert!(is_recovery_code(code));
        assert!(!is_recovery_code("123456"));
        let typed = code.replace('-', " ").to_uppercase();
        assert_eq!(recovery_code_hash(&typed), recovery_code_hash(code));
        assert_ne!(recovery_code_hash(&codes[1]), recovery_code_hash(code));
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
    }
}
