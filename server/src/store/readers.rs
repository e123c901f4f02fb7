//! The anonymous readers whose views and visits count (`reader_admissions`): each network,
//! and the wider block around it, brings at most so many new readers an hour.

use super::{
    Tx,
    engine::{exec, on},
};
use crate::rules::reader::CountedReader;

/// The window the caps count new readers in.
const WINDOW_S: i64 = 3600;
/// An admitted reader is forgotten after this long, and admitted again on their next
/// view (a cookie's reader who returns within it costs the network nothing).
const KEPT_S: i64 = 30 * 24 * 3600;

/// How many new anonymous readers one network, and one wide block, may bring an hour.
#[derive(Debug, Clone, Copy)]
pub struct NewReaderCaps {
    pub per_network: u32,
    pub per_wide_network: u32,
}

/// Whether `counted`'s views and visits count: a signed-in user always; an anonymous
/// reader once admitted, which happens here while both caps have room. Runs in the
/// caller's write transaction, so the per-reader row it guards is written with it.
pub async fn admitted(
    tx: &mut Tx,
    counted: &CountedReader,
    caps: NewReaderCaps,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !counted.reader.is_anonymous() {
        return Ok(true);
    }
    let key = counted.reader.key();
    let known: bool = on!(&mut *tx, |c| sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM reader_admissions WHERE reader = $1)"
    )
    .bind(&key)
    .fetch_one(c)
    .await)?;
    if known {
        return Ok(true);
    }
    let network = &counted.network;
    tx.serialize_on(&format!("new readers from {}", network.wide))
        .await?;
    let (in_network, in_wide_network): (i64, i64) = on!(&mut *tx, |c| sqlx::query_as(
        "SELECT
             (SELECT COUNT(*) FROM reader_admissions WHERE network = $1 AND admitted_at > $3),
             (SELECT COUNT(*) FROM reader_admissions WHERE wide_network = $2 AND admitted_at > $3)",
    )
    .bind(&network.narrow)
    .bind(&network.wide)
    .bind(now - WINDOW_S)
    .fetch_one(c)
    .await)?;
    if in_network >= i64::from(caps.per_network)
        || in_wide_network >= i64::from(caps.per_wide_network)
    {
        return Ok(false);
    }
    exec!(&mut *tx, |c| sqlx::query(
        "INSERT INTO reader_admissions (reader, network, wide_network, admitted_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (reader) DO NOTHING",
    )
    .bind(&key)
    .bind(&network.narrow)
    .bind(&network.wide)
    .bind(now)
    .execute(c)
    .await)?;
    Ok(true)
}

/// Forgets the readers admitted longer ago than they are kept.
pub async fn prune(writer: &super::Db, now: i64) -> Result<u64, sqlx::Error> {
    exec!(writer, |c| sqlx::query(
        "DELETE FROM reader_admissions WHERE admitted_at <= $1"
    )
    .bind(now - KEPT_S)
    .execute(c)
    .await)
}
