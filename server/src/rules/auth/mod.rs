//! Passwords (argon2id), session tokens, and the sign-in lock-out rule; `two_step` the
//! second step.

pub mod two_step;

use std::sync::Mutex;

use argon2::{
    Algorithm, Argon2, Block, Params, PasswordHash, PasswordHasher, Version,
    password_hash::{Output, SaltString},
};
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// Failed sign-ins of one username from one network that lock it out…
pub const MAX_FAILURES: usize = 5;
/// …and failed sign-ins from one network, whatever the usernames, that throttle it…
pub const MAX_NETWORK_FAILURES: usize = 20;
/// …within this window.
pub const FAILURE_WINDOW_S: i64 = 15 * 60;
/// Failed sign-ins of one username from every network together within the hour (OWASP
/// ASVS 2.2.1: at most 100 an hour) beyond which only networks the user has signed in
/// from before may try: a flood from elsewhere cannot guess on, nor lock the user out.
pub const MAX_USERNAME_FAILURES_PER_HOUR: usize = 100;
/// How long a failed sign-in is remembered (the widest window above).
pub const FAILURE_MEMORY_S: i64 = 3600;
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

/// Checks passwords against argon2 hashes (PHC strings) in memory kept for reuse. A check
/// needs the hash's whole memory cost (19 MiB by default): allocated anew each time, it
/// makes the allocator's heap grow without bound under a stream of sign-ins (measured:
/// 0.5 MB more per sign-in). The pool holds one block of memory per check that ran at
/// once, so no more than `AppState::password_checks` allows.
#[derive(Default)]
pub struct PasswordChecker {
    memory: Mutex<Vec<Vec<Block>>>,
}

impl PasswordChecker {
    pub fn verify(&self, password: &str, phc: &str) -> bool {
        let Ok(hash) = PasswordHash::new(phc) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
            return false;
        };
        let (Ok(params), Ok(algorithm)) =
            (Params::try_from(&hash), Algorithm::try_from(hash.algorithm))
        else {
            return false;
        };
        let Ok(version) = hash
            .version
            .map_or(Ok(Version::default()), Version::try_from)
        else {
            return false;
        };
        let mut salt_bytes = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let mut memory = self.take(params.block_count());
        let mut out = vec![0u8; expected.len()];
        let hashed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
            password.as_bytes(),
            salt,
            &mut out,
            &mut memory[..],
        );
        self.keep(memory);
        // `Output`'s equality is constant-time.
        hashed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
    }

    fn take(&self, blocks: usize) -> Vec<Block> {
        let mut pool = self.memory.lock().unwrap_or_else(|e| e.into_inner());
        match pool.iter().position(|memory| memory.len() == blocks) {
            Some(found) => pool.swap_remove(found),
            None => vec![Block::default(); blocks],
        }
    }

    fn keep(&self, memory: Vec<Block>) {
        self.memory
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(memory);
    }
}

/// A hash to verify against when the username is unknown, so an unknown user takes as
/// long to refuse as a wrong password and the timing tells nothing. A constant (of a
/// password nobody has, with the parameters `hash_password` uses: a test keeps them in
/// step), so no start-up work or memory goes into making it.
pub fn decoy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$dGpK+zK0l9GKLYSyjnvEfw$0p/kT0UYSxuhkE6iKji1q/BBsS+9gd1UakZSuvHYawU"
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

/// The same for a username from every network together, for a client on a network the
/// user has not signed in from (`familiar`: one they have, never held back by it).
pub fn guessing_remaining(failures: &[i64], now: i64, familiar: bool) -> Option<u64> {
    if familiar {
        return None;
    }
    remaining_in(
        failures,
        now,
        MAX_USERNAME_FAILURES_PER_HOUR,
        FAILURE_MEMORY_S,
    )
}

fn remaining(failures: &[i64], now: i64, max: usize) -> Option<u64> {
    remaining_in(failures, now, max, FAILURE_WINDOW_S)
}

fn remaining_in(failures: &[i64], now: i64, max: usize, window: i64) -> Option<u64> {
    let mut recent: Vec<i64> = failures
        .iter()
        .copied()
        .filter(|at| *at > now - window)
        .collect();
    if recent.len() < max {
        return None;
    }
    recent.sort_unstable();
    // Unlocked once enough of the oldest failures have left the window.
    let unlocking = recent[recent.len() - max];
    Some((unlocking + window - now).max(1).unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let checker = PasswordChecker::default();
        let hash = hash_password("mật khẩu đúng");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(checker.verify("mật khẩu đúng", &hash));
        assert!(!checker.verify("mật khẩu sai", &hash));
        assert!(!checker.verify("mật khẩu đúng", "not a hash"));
        assert_ne!(hash, hash_password("mật khẩu đúng"), "salted");
    }

    #[test]
    fn the_decoy_costs_what_a_real_hash_costs() {
        let params = |phc: &str| PasswordHash::new(phc).unwrap().params.to_string();
        assert_eq!(params(decoy_hash()), params(&hash_password("x")));
        assert!(!PasswordChecker::default().verify("", decoy_hash()));
    }

    #[test]
    fn checks_reuse_their_memory() {
        let checker = PasswordChecker::default();
        let hash = hash_password("x");
        for _ in 0..3 {
            assert!(checker.verify("x", &hash));
        }
        assert_eq!(checker.memory.lock().unwrap().len(), 1, "one block, reused");
    }

    #[test]
    fn hashes_of_other_parameters_verify_too() {
        let light = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 2, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let hash = light.hash_password(b"nhe", &salt).unwrap().to_string();
        let checker = PasswordChecker::default();
        assert!(checker.verify("nhe", &hash));
        assert!(!checker.verify("nang", &hash));
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
    fn a_hundred_failures_an_hour_hold_back_only_unfamiliar_networks() {
        let now = 10_000;
        assert_eq!(guessing_remaining(&[now - 3000; 99], now, false), None);
        assert_eq!(
            guessing_remaining(&[now - 3000; 100], now, false),
            Some(600)
        );
        assert_eq!(guessing_remaining(&[now - 3000; 500], now, true), None);
        assert_eq!(guessing_remaining(&[now - 3600; 100], now, false), None);
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let now = 10_000;
        let old = [now - 1000, now - 950, now - 920, now - 901, now - 10];
        assert_eq!(lockout_remaining(&old, now), None);
    }
}
