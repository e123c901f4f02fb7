//! Every SQL statement, one module per resource; `import` writes the records of a content
//! file.

pub mod articles;
pub mod import;
pub mod legacy;
pub mod newsroom;
pub mod poll_editing;
pub mod polls;
pub mod ratings;
pub mod search;
pub mod secrets;
pub mod sessions;
pub mod sidebar;
pub mod sidebar_editing;
pub mod site;
pub mod sitemap;
pub mod uploads;
pub mod users;
pub mod visitors;

/// A stored time (Unix seconds); a value out of range reads as the epoch.
fn at(unix: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// `base`, or the first of `base-2`, `base-3`, … that no row of `table` has as its slug.
async fn first_free_slug(
    conn: &mut sqlx::SqliteConnection,
    table: &'static str,
    base: &str,
) -> Result<String, sqlx::Error> {
    let query = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE slug = ?)");
    let mut slug = base.to_owned();
    let mut n = 1;
    while sqlx::query_scalar::<_, bool>(&query)
        .bind(&slug)
        .fetch_one(&mut *conn)
        .await?
    {
        n += 1;
        slug = crate::newsroom::numbered(base, n);
    }
    Ok(slug)
}
