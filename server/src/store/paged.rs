//! A page of a filtered list and how many rows the filter finds, with the filter's values
//! bound once for both statements: every paged list of the store (articles, search
//! results, the newsroom's articles, the audit log) reads through [`fetch`].

use portal_contract::PageRequest;
use sqlx::{
    Arguments, Database, Encode, FromRow, Postgres, Sqlite, Type, postgres::PgRow,
    sqlite::SqliteRow,
};

use super::{Db, articles::count};

/// One value of a list's filter, bound as `$1`, `$2`, … in the order given.
#[derive(Debug, Clone, Copy)]
pub enum Bound<'a> {
    Number(Option<i64>),
    Text(Option<&'a str>),
}

/// The statement of a paged list: the columns of its rows, the rows its filter finds
/// (`FROM … WHERE …`, over the filter's `$1`, `$2`, …) and their order.
pub struct List<'a> {
    pub columns: &'a str,
    pub matching: &'a str,
    pub order: &'a str,
}

/// The rows of `page` of `list` under `filter`, and how many rows the filter finds.
pub async fn fetch<R>(
    db: &Db,
    list: List<'_>,
    filter: &[Bound<'_>],
    page: PageRequest,
) -> Result<(Vec<R>, u64), sqlx::Error>
where
    R: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let List {
        columns,
        matching,
        order,
    } = list;
    let after = filter.len();
    let rows_sql = format!(
        "SELECT {columns} {matching} ORDER BY {order} LIMIT ${} OFFSET ${}",
        after + 1,
        after + 2
    );
    let count_sql = format!("SELECT COUNT(*) {matching}");
    let window = [
        Bound::Number(Some(i64::from(page.per_page))),
        Bound::Number(Some(i64::try_from(page.offset()).unwrap_or(i64::MAX))),
    ];
    let with_window = || filter.iter().chain(&window);
    let (rows, total): (Vec<R>, i64) = match db {
        Db::Sqlite(pool) => {
            let rows = sqlx::query_as_with(&rows_sql, arguments::<Sqlite>(with_window())?)
                .fetch_all(pool)
                .await?;
            let total = sqlx::query_scalar_with(&count_sql, arguments::<Sqlite>(filter)?)
                .fetch_one(pool)
                .await?;
            (rows, total)
        }
        Db::Postgres(pool) => {
            let rows = sqlx::query_as_with(&rows_sql, arguments::<Postgres>(with_window())?)
                .fetch_all(pool)
                .await?;
            let total = sqlx::query_scalar_with(&count_sql, arguments::<Postgres>(filter)?)
                .fetch_one(pool)
                .await?;
            (rows, total)
        }
    };
    Ok((rows, count(total)))
}

/// `values` as an engine's arguments.
fn arguments<'q, DB>(
    values: impl IntoIterator<Item = &'q Bound<'q>>,
) -> Result<DB::Arguments<'q>, sqlx::Error>
where
    DB: Database,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
{
    let mut arguments = DB::Arguments::default();
    for value in values {
        match *value {
            Bound::Number(number) => arguments.add(number),
            Bound::Text(text) => arguments.add(text),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(arguments)
}
