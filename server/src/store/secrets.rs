//! The server's own secrets, made on first start and kept in the database, so every
//! restart (and every server on the same database) shares them.

use sqlx::SqlitePool;

use crate::auth;

/// The key that seals reader ids, made if the database has none yet.
pub async fn reader_key(db: &SqlitePool) -> Result<[u8; 32], sqlx::Error> {
    sqlx::query("INSERT OR IGNORE INTO server_secrets (name, value) VALUES ('reader-seal', ?)")
        .bind(auth::new_secret().to_vec())
        .execute(db)
        .await?;
    let stored: Vec<u8> =
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = 'reader-seal'")
            .fetch_one(db)
            .await?;
    stored
        .try_into()
        .map_err(|_| sqlx::Error::Decode("the stored reader key is not 32 bytes".into()))
}
