//! Passwords (argon2id), session tokens, and the sign-in lock-out rule.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash::SaltString};
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// Failed sign-ins of one username from one network that lock it out…
pub const MAX_FAILURES: usize = 5;
/// …and failed sign-ins from one network, whatever the usernames, that throttle it…
pub const MAX_NETWORK_FAILURES: usize = 20;
/// …within this window.
pub const FAILURE_WINDOW_S: i64 = 15 * 60;
/// The longest accepted username (in characters) and password (in bytes): longer ones
/// are refused before any hashing or database work.
pub const MAX_USERNAME_CHARS: usize = 64;
pub const MAX_PASSWORD_BYTES: usize = 1024;

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes any password with a generated salt")
        .to_string()
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to verify against when the username is unknown, so an unknown user takes as
/// long to refuse as a wrong password and the timing tells nothing.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash_password("not a password of anyone"));
    &DECOY
}

/// A new session token (256 random bits, hex) and the hash the database keeps of it.
pub fn new_session_token() -> (String, String) {
    let token = hex(&new_secret());
    let hash = token_hash(&token);
    (token, hash)
}

/// 256 random bits: a new server secret.
pub fn new_secret() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

/// Seals the reader ids the server issues (HMAC-SHA256 with a secret of its own), so a
/// reader id that a client makes up is no reader.
pub struct ReaderSeal(Hmac<Sha256>);

/// Hex digits of the seal kept in the cookie (128 bits).
const SEAL_HEX: usize = 32;

impl ReaderSeal {
    pub fn new(secret: &[u8; 32]) -> Self {
        Self(Hmac::new_from_slice(secret).expect("HMAC takes a key of any length"))
    }

    fn tag(&self, id: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(id.as_bytes());
        let mut tag = hex(&mac.finalize().into_bytes());
        tag.truncate(SEAL_HEX);
        tag
    }

    /// The cookie value for `id`: `{id}.{seal}`.
    pub fn seal(&self, id: &str) -> String {
        format!("{id}.{}", self.tag(id))
    }

    /// The id a cookie value carries, if the seal is ours.
    pub fn open<'a>(&self, value: &'a str) -> Option<&'a str> {
        let (id, tag) = value.rsplit_once('.')?;
        let expected = self.tag(id);
        // Compared in constant time: the seal must not leak byte by byte.
        let same = expected.len() == tag.len()
            && expected
                .bytes()
                .zip(tag.bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0;
        same.then_some(id)
    }
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds until a locked-out username may try again, given the times (Unix seconds) of
/// its recent failures; `None` when it is not locked out.
pub fn lockout_remaining(failures: &[i64], now: i64) -> Option<u64> {
    remaining(failures, now, MAX_FAILURES)
}

/// The same for a network, over all usernames.
pub fn throttle_remaining(failures: &[i64], now: i64) -> Option<u64> {
    remaining(failures, now, MAX_NETWORK_FAILURES)
}

fn remaining(failures: &[i64], now: i64, max: usize) -> Option<u64> {
    let mut recent: Vec<i64> = failures
        .iter()
        .copied()
        .filter(|at| *at > now - FAILURE_WINDOW_S)
        .collect();
    if recent.len() < max {
        return None;
    }
    recent.sort_unstable();
    // Unlocked once enough of the oldest failures have left the window.
    let unlocking = recent[recent.len() - max];
    Some((unlocking + FAILURE_WINDOW_S - now).max(1).unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("mật khẩu đúng");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("mật khẩu đúng", &hash));
        assert!(!verify_password("mật khẩu sai", &hash));
        assert!(!verify_password("mật khẩu đúng", "not a hash"));
        assert_ne!(hash, hash_password("mật khẩu đúng"), "salted");
    }

    #[test]
    fn only_ids_this_server_sealed_open() {
        let seal = ReaderSeal::new(&[7; 32]);
        let cookie = seal.seal("0b9d6f2a-1c3e-4d5f-8a7b-9c0d1e2f3a4b");
        assert_eq!(
            seal.open(&cookie),
            Some("0b9d6f2a-1c3e-4d5f-8a7b-9c0d1e2f3a4b")
        );
        assert_eq!(
            seal.open("0b9d6f2a-1c3e-4d5f-8a7b-9c0d1e2f3a4b"),
            None,
            "unsealed"
        );
        let forged = cookie.replace("0b9d", "1b9d");
        assert_eq!(seal.open(&forged), None, "another id under the same seal");
        assert_eq!(
            ReaderSeal::new(&[8; 32]).open(&cookie),
            None,
            "another server's key"
        );
        assert_eq!(
            seal.open(&cookie[..cookie.len() - 1]),
            None,
            "a shortened seal"
        );
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (token, hash) = new_session_token();
        assert_eq!(token.len(), 64);
        assert_eq!(hash, token_hash(&token));
        assert_ne!(token, hash);
        assert_ne!(new_session_token().0, token);
    }

    #[test]
    fn five_failures_within_fifteen_minutes_lock_out() {
        let now = 10_000;
        assert_eq!(lockout_remaining(&[now - 10; 4], now), None);
        assert_eq!(lockout_remaining(&[now - 10; 5], now), Some(890));
        let spread = [now - 800, now - 600, now - 400, now - 200, now - 1];
        assert_eq!(lockout_remaining(&spread, now), Some(100));
    }

    #[test]
    fn twenty_failures_from_one_network_throttle_it() {
        let now = 10_000;
        assert_eq!(throttle_remaining(&[now - 10; 19], now), None);
        assert_eq!(throttle_remaining(&[now - 10; 20], now), Some(890));
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let now = 10_000;
        let old = [now - 1000, now - 950, now - 920, now - 901, now - 10];
        assert_eq!(lockout_remaining(&old, now), None);
    }
}
