//! The server's own secrets, made on first start and kept in the database, so every
//! restart (and every server on the same database) shares them.

use super::{
    Db,
    engine::{exec, on},
};
use crate::rules::auth;

/// The key that seals reader ids, made if the database has none yet.
pub async fn reader_key(db: &Db) -> Result<[u8; 32], sqlx::Error> {
    exec!(db, |c| sqlx::query(
        "INSERT INTO server_secrets (name, value) VALUES ('reader-seal', $1)
         ON CONFLICT (name) DO NOTHING"
    )
    .bind(auth::new_secret().to_vec())
    .execute(c)
    .await)?;
    let stored: Vec<u8> = on!(db, |c| sqlx::query_scalar(
        "SELECT value FROM server_secrets WHERE name = 'reader-seal'"
    )
    .fetch_one(c)
    .await)?;
    stored
        .try_into()
        .map_err(|_| sqlx::Error::Decode("the stored reader key is not 32 bytes".into()))
}
