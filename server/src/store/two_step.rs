//! Two-step sign-in's rows: the secret offered, the secret confirmed, the last step used,
//! the recovery codes' hashes. Each use of a code is one conditional write, so a code
//! signs in once however many requests race with it, on every server.

use super::{
    Db, Tx,
    engine::{exec, on},
};

/// Offers `secret` to user `id`, in place of any offered before; confirmed, it becomes
/// theirs.
pub async fn offer(writer: &Db, id: i64, secret: &str) -> Result<(), sqlx::Error> {
    exec!(writer, |c| sqlx::query(
        "UPDATE users SET totp_offered = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(secret)
    .execute(c)
    .await)?;
    Ok(())
}

/// The secret offered to user `id` and not yet confirmed.
pub async fn offered(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let secret: Option<Option<String>> = on!(db, |c| sqlx::query_scalar(
        "SELECT totp_offered FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    Ok(secret.flatten())
}

/// The confirmed secret of user `id`, if they sign in in two steps.
pub async fn secret(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    let secret: Option<Option<String>> = on!(db, |c| sqlx::query_scalar(
        "SELECT totp_secret FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    Ok(secret.flatten())
}

/// Makes the offered `secret` user `id`'s (`false` when another was offered since), with
/// `step` used and the recovery codes `code_hashes`; every other session of theirs ends
/// (`keep`: the one that confirmed).
pub async fn enable(
    writer: &Db,
    id: i64,
    secret: &str,
    step: u64,
    code_hashes: &[String],
    keep: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = writer.begin().await?;
    let enabled = exec!(&mut tx, |c| sqlx::query(
        "UPDATE users SET totp_secret = totp_offered, totp_offered = NULL, totp_last_step = $3
         WHERE id = $1 AND totp_offered = $2",
    )
    .bind(id)
    .bind(secret)
    .bind(step_value(step))
    .execute(c)
    .await)?;
    if enabled == 0 {
        return Ok(false);
    }
    replace_codes(&mut tx, id, code_hashes).await?;
    end_other_sessions(&mut tx, id, keep).await?;
    tx.commit().await?;
    Ok(true)
}

/// Uses the code of time step `step` for user `id`: `false` when it (or a later one) was
/// used already.
pub async fn use_step(writer: &Db, id: i64, step: u64) -> Result<bool, sqlx::Error> {
    let used = exec!(writer, |c| sqlx::query(
        "UPDATE users SET totp_last_step = $2
         WHERE id = $1 AND totp_secret IS NOT NULL
           AND (totp_last_step IS NULL OR totp_last_step < $2)",
    )
    .bind(id)
    .bind(step_value(step))
    .execute(c)
    .await)?;
    Ok(used == 1)
}

/// Uses up the recovery code of hash `code_hash` of user `id`: `false` when they have no
/// such code (or it was used).
pub async fn use_recovery_code(writer: &Db, id: i64, code_hash: &str) -> Result<bool, sqlx::Error> {
    let used = exec!(writer, |c| sqlx::query(
        "DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2"
    )
    .bind(id)
    .bind(code_hash)
    .execute(c)
    .await)?;
    Ok(used == 1)
}

/// How many recovery codes user `id` has left.
pub async fn recovery_codes_left(db: &Db, id: i64) -> Result<i64, sqlx::Error> {
    on!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
}

/// Gives user `id` new recovery codes; the old ones stop working.
pub async fn renew_recovery_codes(
    writer: &Db,
    id: i64,
    code_hashes: &[String],
) -> Result<(), sqlx::Error> {
    let mut tx = writer.begin().await?;
    replace_codes(&mut tx, id, code_hashes).await?;
    tx.commit().await
}

/// Ends two-step sign-in for user `id` (their own choice, or an admin's reset): secret,
/// offer and recovery codes go. `ending_sessions_but`: every session of theirs but the one
/// named ends too (a reset, for a lost phone or a taken account); `false` when they had no
/// two-step sign-in.
pub async fn disable(
    writer: &Db,
    id: i64,
    ending_sessions_but: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let mut tx = writer.begin().await?;
    let had = exec!(&mut tx, |c| sqlx::query(
        "UPDATE users SET totp_secret = NULL, totp_offered = NULL, totp_last_step = NULL
         WHERE id = $1 AND totp_secret IS NOT NULL",
    )
    .bind(id)
    .execute(c)
    .await)?;
    replace_codes(&mut tx, id, &[]).await?;
    if let Some(keep) = ending_sessions_but {
        end_other_sessions(&mut tx, id, keep).await?;
    }
    tx.commit().await?;
    Ok(had == 1)
}

async fn replace_codes(tx: &mut Tx, id: i64, code_hashes: &[String]) -> Result<(), sqlx::Error> {
    exec!(&mut *tx, |c| sqlx::query(
        "DELETE FROM recovery_codes WHERE user_id = $1"
    )
    .bind(id)
    .execute(c)
    .await)?;
    for hash in code_hashes {
        exec!(&mut *tx, |c| sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)"
        )
        .bind(id)
        .bind(hash)
        .execute(c)
        .await)?;
    }
    Ok(())
}

async fn end_other_sessions(tx: &mut Tx, id: i64, keep: &str) -> Result<(), sqlx::Error> {
    exec!(&mut *tx, |c| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2"
    )
    .bind(id)
    .bind(keep)
    .execute(c)
    .await)?;
    Ok(())
}

/// A time step as stored (steps of 30 s from 1970 fit an `i64` for ever).
fn step_value(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}
