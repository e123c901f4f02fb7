//! The audit log of staff actions: added to, read by admins a page at a time, pruned
//! after its retention. Nothing else changes it.

use portal_contract::{
    PageRequest,
    audit::{AuditEntry, AuditPage},
};
use sqlx::FromRow;

use super::{
    Db, at,
    engine::exec,
    paged::{self, Bound},
};

/// One action to keep.
pub struct Action<'a> {
    pub user_id: Option<i64>,
    pub username: &'a str,
    pub action: &'static str,
    pub subject: Option<&'a str>,
    pub network: &'a str,
    pub at: i64,
}

pub async fn add(writer: &Db, action: &Action<'_>) -> Result<(), sqlx::Error> {
    exec!(writer, |c| sqlx::query(
        "INSERT INTO audit_log (at, user_id, username, action, subject, network)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(action.at)
    .bind(action.user_id)
    .bind(action.username)
    .bind(action.action)
    .bind(action.subject)
    .bind(action.network)
    .execute(c)
    .await)?;
    Ok(())
}

/// What an admin looks for; every part optional. Times are Unix seconds, `until`
/// excluded.
#[derive(Debug, Default)]
pub struct Filter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
}

#[derive(FromRow)]
struct Row {
    id: i64,
    at: i64,
    username: String,
    action: String,
    subject: Option<String>,
    network: String,
}

/// The entries `filter` finds, the newest first, a page at a time.
pub async fn page(db: &Db, filter: &Filter, page: PageRequest) -> Result<AuditPage, sqlx::Error> {
    let list = paged::List {
        columns: "id, at, username, action, subject, network",
        matching: "FROM audit_log
             WHERE ($1 IS NULL OR lower(username) = lower($1)) AND ($2 IS NULL OR action = $2)
               AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4)",
        order: "at DESC, id DESC",
    };
    let filter = [
        Bound::Text(filter.username.as_deref()),
        Bound::Text(filter.action.as_deref()),
        Bound::Number(filter.since),
        Bound::Number(filter.until),
    ];
    let (rows, total) = paged::fetch::<Row>(db, list, &filter, page).await?;
    Ok(AuditPage {
        items: rows
            .into_iter()
            .map(|row| AuditEntry {
                id: row.id,
                at: at(row.at),
                username: row.username,
                action: row.action,
                subject: row.subject,
                network: row.network,
            })
            .collect(),
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// Forgets the entries older than `keep_days`.
pub async fn prune(writer: &Db, now: i64, keep_days: u32) -> Result<u64, sqlx::Error> {
    exec!(writer, |c| sqlx::query(
        "DELETE FROM audit_log WHERE at < $1"
    )
    .bind(now - i64::from(keep_days) * 24 * 3600)
    .execute(c)
    .await)
}
