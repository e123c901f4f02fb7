//! Every SQL statement, one module per resource; `import` writes the records of a content
//! file.

pub mod articles;
pub mod audit;
pub mod backup;
pub mod centre_pages;
pub mod copy;
pub mod engine;
pub mod health;
pub mod import;
pub mod legacy;
pub mod newsroom;
pub mod nukeviet;
pub mod organisation;
mod paged;
pub mod poll_editing;
pub mod polls;
pub mod ratings;
pub mod readers;
pub mod search;
pub mod secrets;
pub mod sessions;
pub mod sidebar;
pub mod sidebar_editing;
pub mod site;
pub mod sitemap;
pub mod stored_files;
pub mod two_step;
pub mod uploads;
pub mod users;
pub mod visitors;

pub use engine::{Db, Engine, Turn, Tx};

use engine::on;

/// A stored time (Unix seconds); a value out of range reads as the epoch.
fn at(unix: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// Whether a row of `table` other than `except` has `slug`.
pub(super) async fn slug_taken(
    conn: &mut Tx,
    table: &'static str,
    slug: &str,
    except: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let query =
        format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE slug = $1 AND id IS DISTINCT FROM $2)");
    on!(conn, |c| sqlx::query_scalar(&query)
        .bind(slug)
        .bind(except)
        .fetch_one(c)
        .await)
}

/// `base`, or the first of `base-2`, `base-3`, … that no row of `table` other than
/// `except` has as its slug.
pub(super) async fn first_free_slug(
    conn: &mut Tx,
    table: &'static str,
    base: &str,
    except: Option<i64>,
) -> Result<String, sqlx::Error> {
    let mut slug = base.to_owned();
    let mut n = 1;
    while slug_taken(&mut *conn, table, &slug, except).await? {
        n += 1;
        slug = crate::rules::newsroom::numbered(base, n);
    }
    Ok(slug)
}
