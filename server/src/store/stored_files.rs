//! Uploaded files kept in the database, for servers that share a PostgreSQL database (one
//! server's uploads folder is not the others'): each file by its stored name, in chunks
//! of [`CHUNK_BYTES`], written from a file on disk and read back one chunk at a time, so
//! no file is ever whole in memory. SQLite's servers keep their files in the uploads
//! folder and never call this module.

use std::path::Path;

use axum::body::Bytes;
use futures_util::Stream;
use sqlx::{PgConnection, PgPool};
use tokio::io::AsyncReadExt;

/// The size of one stored chunk: large enough for few rows, small enough to hold a few
/// hundred served at once.
const CHUNK_BYTES: usize = 256 * 1024;

/// Stores the file at `path` as `name` in the caller's transaction (a file half stored
/// must never be served); a file stored already is left as it is.
pub async fn save(tx: &mut PgConnection, name: &str, path: &Path) -> Result<(), SaveError> {
    let mut file = tokio::fs::File::open(path).await?;
    let mut buffer = vec![0; CHUNK_BYTES];
    for seq in 0_i64.. {
        let filled = fill(&mut file, &mut buffer).await?;
        if filled == 0 && seq > 0 {
            break;
        }
        sqlx::query(
            "INSERT INTO file_chunks (name, seq, bytes) VALUES ($1, $2, $3)
             ON CONFLICT (name, seq) DO NOTHING",
        )
        .bind(name)
        .bind(seq)
        .bind(&buffer[..filled])
        .execute(&mut *tx)
        .await?;
        if filled < CHUNK_BYTES {
            break;
        }
    }
    Ok(())
}

/// Reads into `buffer` until it is full or the file ends; how many bytes.
async fn fill(file: &mut tokio::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]).await? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The size in bytes of the file stored as `name`, if there is one.
pub async fn size(pool: &PgPool, name: &str) -> Result<Option<u64>, sqlx::Error> {
    let (chunks, bytes): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(octet_length(bytes)), 0) AS BIGINT)
         FROM file_chunks WHERE name = $1",
    )
    .bind(name)
    .fetch_one(pool)
    .await?;
    Ok((chunks > 0).then_some(bytes.unsigned_abs()))
}

/// The chunks of the file stored as `name`, in order, each read when the response wants it.
pub fn chunks(pool: PgPool, name: String) -> impl Stream<Item = Result<Bytes, sqlx::Error>> {
    futures_util::stream::try_unfold(0_i64, move |seq| {
        let (pool, name) = (pool.clone(), name.clone());
        async move {
            let chunk: Option<Vec<u8>> =
                sqlx::query_scalar("SELECT bytes FROM file_chunks WHERE name = $1 AND seq = $2")
                    .bind(&name)
                    .bind(seq)
                    .fetch_optional(&pool)
                    .await?;
            Ok(chunk.map(|bytes| (Bytes::from(bytes), seq + 1)))
        }
    })
}
