//! Copying an SQLite portal into a new PostgreSQL database, for the move to several
//! servers: every row of every table (users, sessions, articles and their revisions,
//! ratings, ballots, counters, the reader-cookie secret) and every uploaded file, read
//! from one snapshot of the SQLite file and written in one PostgreSQL transaction, so a
//! copy is whole or leaves nothing. Which tables and columns there are is read from
//! PostgreSQL's catalog (its migrations are the schema), so a new table needs no change
//! here; a table the SQLite file has and PostgreSQL lacks stops the copy.

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt,
    path::Path,
};

use futures_util::TryStreamExt;
use sqlx::{PgPool, Postgres, Row, SqlitePool, query::Query, sqlite::SqliteRow};

use super::{backup, stored_files, uploads};
use crate::operations::{Progress, Tally};

/// Tables that are not copied as rows: the migrations' own record, the search log (the
/// copy's own is written as its articles are, and its servers build their indexes from
/// it) and the file store (filled from the uploads folder).
const NOT_COPIED: &[&str] = &[
    "_sqlx_migrations",
    "search_changes",
    "search_log",
    "file_chunks",
];

/// At most this many rows go in one INSERT…
const ROWS_PER_INSERT: usize = 500;
/// …and at most this many values (PostgreSQL's limit of a statement's parameters).
const VALUES_PER_INSERT: usize = u16::MAX as usize;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the PostgreSQL database is not empty (table {0} has rows): copy into a new one")]
    NotEmpty(String),
    #[error("the SQLite file has {0}, which PostgreSQL's schema lacks")]
    Unknown(String),
    #[error("column {table}.{column} has type {kind}, which the copy does not know")]
    UnknownType {
        table: String,
        column: String,
        kind: String,
    },
    #[error("the uploaded file {name} is missing from the uploads folder")]
    MissingFile {
        name: String,
        source: std::io::Error,
    },
    #[error("the tables' foreign keys form a cycle: {0:?}")]
    Cycle(Vec<String>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What a copy wrote.
#[derive(Debug, Default)]
pub struct Copied {
    /// Rows per table, in the order the tables were written.
    pub rows: Vec<(String, u64)>,
    pub files: u64,
}

impl fmt::Display for Copied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: u64 = self.rows.iter().map(|(_, n)| n).sum();
        write!(
            f,
            "{rows} rows in {} tables and {} files",
            self.rows.len(),
            self.files
        )?;
        for (table, n) in self.rows.iter().filter(|(_, n)| *n > 0) {
            write!(f, "\n  {table}: {n}")?;
        }
        Ok(())
    }
}

/// A column as PostgreSQL declares it, and how its values travel.
struct Column {
    name: String,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Boolean,
    Text,
    Bytes,
}

impl Kind {
    fn of(data_type: &str) -> Option<Self> {
        match data_type {
            "bigint" | "integer" | "smallint" => Some(Self::Integer),
            "boolean" => Some(Self::Boolean),
            "text" => Some(Self::Text),
            "bytea" => Some(Self::Bytes),
            _ => None,
        }
    }
}

/// One value on its way from SQLite to PostgreSQL.
enum Value {
    Integer(Option<i64>),
    Boolean(Option<bool>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl Value {
    fn read(row: &SqliteRow, index: usize, kind: Kind) -> Result<Self, sqlx::Error> {
        Ok(match kind {
            Kind::Integer => Self::Integer(row.try_get(index)?),
            Kind::Boolean => Self::Boolean(row.try_get(index)?),
            Kind::Text => Self::Text(row.try_get(index)?),
            Kind::Bytes => Self::Bytes(row.try_get(index)?),
        })
    }

    fn bind<'q>(
        self,
        query: Query<'q, Postgres, sqlx::postgres::PgArguments>,
    ) -> Query<'q, Postgres, sqlx::postgres::PgArguments> {
        match self {
            Self::Integer(value) => query.bind(value),
            Self::Boolean(value) => query.bind(value),
            Self::Text(value) => query.bind(value),
            Self::Bytes(value) => query.bind(value),
        }
    }
}

/// Copies the portal in `from` (with its files in `uploads`) into `to`, a PostgreSQL
/// database that is migrated and has no rows yet.
pub async fn sqlite_to_postgres(
    from: &SqlitePool,
    uploads: &Path,
    to: &PgPool,
    progress: &mut dyn Progress,
) -> Result<Copied, CopyError> {
    let tables = tables_in_order(to).await?;
    refuse_unknown_tables(from, &tables).await?;
    for table in &tables {
        if has_rows(to, table).await? {
            return Err(CopyError::NotEmpty(table.clone()));
        }
    }
    let mut snapshot = from.begin().await?;
    let names = uploads::stored_names(&mut snapshot).await?;
    let rows: i64 = backup::sqlite_rows(&mut snapshot).await?.values().sum();
    let mut tally = Tally::new(names.len() as u64 + rows.unsigned_abs(), progress);
    let mut tx = to.begin().await?;
    let mut copied = Copied {
        files: copy_files(&names, uploads, &mut tx, &mut tally).await?,
        ..Copied::default()
    };
    for table in tables {
        let columns = columns(&mut tx, &table).await?;
        refuse_unknown_columns(&mut snapshot, &table, &columns).await?;
        let rows = copy_table(&mut snapshot, &mut tx, &table, &columns, &mut tally).await?;
        copied.rows.push((table, rows));
    }
    restart_identities(&mut tx).await?;
    tx.commit().await?;
    snapshot.rollback().await?;
    Ok(copied)
}

/// The portal's tables on PostgreSQL, each after the tables its foreign keys name.
async fn tables_in_order(to: &PgPool) -> Result<Vec<String>, CopyError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r'",
    )
    .fetch_all(to)
    .await?;
    let references: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
         JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = current_schema() AND c.contype = 'f'",
    )
    .fetch_all(to)
    .await?;
    let tables = tables
        .into_iter()
        .filter(|t| !NOT_COPIED.contains(&t.as_str()));
    dependency_order(tables, &references).map_err(CopyError::Cycle)
}

/// `tables` ordered so that each comes after those it references (`(table, referenced)`;
/// a table referencing itself is allowed), by name where the order is free; or the
/// tables caught in a cycle.
fn dependency_order(
    tables: impl IntoIterator<Item = String>,
    references: &[(String, String)],
) -> Result<Vec<String>, Vec<String>> {
    let mut waiting: BTreeMap<String, BTreeSet<&str>> = tables
        .into_iter()
        .map(|table| (table, BTreeSet::new()))
        .collect();
    for (table, referenced) in references {
        if table == referenced || !waiting.contains_key(referenced) {
            continue;
        }
        if let Some(needs) = waiting.get_mut(table) {
            needs.insert(referenced);
        }
    }
    let mut ordered = Vec::new();
    while !waiting.is_empty() {
        let ready: Vec<String> = waiting
            .iter()
            .filter(|(_, needs)| needs.iter().all(|n| !waiting.contains_key(*n)))
            .map(|(table, _)| table.clone())
            .collect();
        if ready.is_empty() {
            return Err(waiting.into_keys().collect());
        }
        for table in ready {
            waiting.remove(&table);
            ordered.push(table);
        }
    }
    Ok(ordered)
}

/// Refuses an SQLite file with a table PostgreSQL's schema lacks: its rows would be lost.
async fn refuse_unknown_tables(from: &SqlitePool, known: &[String]) -> Result<(), CopyError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .fetch_all(from)
    .await?;
    match tables
        .into_iter()
        .find(|t| !known.contains(t) && !NOT_COPIED.contains(&t.as_str()))
    {
        Some(unknown) => Err(CopyError::Unknown(format!("table {unknown}"))),
        None => Ok(()),
    }
}

/// Refuses a table whose SQLite columns PostgreSQL's lacks: their values would be lost.
async fn refuse_unknown_columns(
    from: &mut sqlx::SqliteConnection,
    table: &str,
    known: &[Column],
) -> Result<(), CopyError> {
    let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
        .bind(table)
        .fetch_all(&mut *from)
        .await?;
    match columns
        .into_iter()
        .find(|name| !known.iter().any(|c| &c.name == name))
    {
        Some(unknown) => Err(CopyError::Unknown(format!("column {table}.{unknown}"))),
        None => Ok(()),
    }
}

async fn has_rows(to: &PgPool, table: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT EXISTS (SELECT 1 FROM \"{table}\")"))
        .fetch_one(to)
        .await
}

/// The columns of `table` a copy writes: all but the generated ones.
async fn columns(tx: &mut sqlx::PgConnection, table: &str) -> Result<Vec<Column>, CopyError> {
    let declared: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
         ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut *tx)
    .await?;
    declared
        .into_iter()
        .map(|(name, data_type)| match Kind::of(&data_type) {
            Some(kind) => Ok(Column { name, kind }),
            None => Err(CopyError::UnknownType {
                table: table.to_owned(),
                column: name,
                kind: data_type,
            }),
        })
        .collect()
}

/// Copies the rows of `table`, a few hundred per INSERT; how many.
async fn copy_table(
    from: &mut sqlx::SqliteConnection,
    to: &mut sqlx::PgConnection,
    table: &str,
    columns: &[Column],
    tally: &mut Tally<'_>,
) -> Result<u64, CopyError> {
    let names: Vec<String> = columns.iter().map(|c| format!("\"{}\"", c.name)).collect();
    let select = format!("SELECT {} FROM \"{table}\"", names.join(", "));
    let mut rows = sqlx::query(&select).fetch(&mut *from);
    let per_insert = ROWS_PER_INSERT.min(VALUES_PER_INSERT / columns.len().max(1));
    let mut batch = Vec::with_capacity(per_insert);
    let mut copied = 0;
    while let Some(row) = rows.try_next().await? {
        let values = columns
            .iter()
            .enumerate()
            .map(|(i, column)| Value::read(&row, i, column.kind))
            .collect::<Result<Vec<_>, _>>()?;
        batch.push(values);
        if batch.len() == per_insert {
            let inserted = insert(to, table, &names, std::mem::take(&mut batch)).await?;
            tally.add(inserted);
            copied += inserted;
        }
    }
    let inserted = insert(to, table, &names, batch).await?;
    tally.add(inserted);
    Ok(copied + inserted)
}

async fn insert(
    to: &mut sqlx::PgConnection,
    table: &str,
    columns: &[String],
    rows: Vec<Vec<Value>>,
) -> Result<u64, sqlx::Error> {
    if rows.is_empty() {
        return Ok(0);
    }
    let statement = insert_statement(table, columns, rows.len());
    let mut query = sqlx::query(&statement);
    for value in rows.into_iter().flatten() {
        query = value.bind(query);
    }
    Ok(query.execute(to).await?.rows_affected())
}

/// `INSERT INTO table (columns) … VALUES ($1, $2), ($3, $4) …` for `rows` rows, keeping
/// the copied ids even where PostgreSQL would make its own.
fn insert_statement(table: &str, columns: &[String], rows: usize) -> String {
    let width = columns.len();
    let tuples: Vec<String> = (0..rows)
        .map(|row| {
            let placeholders: Vec<String> = (1..=width)
                .map(|column| format!("${}", row * width + column))
                .collect();
            format!("({})", placeholders.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO \"{table}\" ({}) OVERRIDING SYSTEM VALUE VALUES {}",
        columns.join(", "),
        tuples.join(", ")
    )
}

/// Sets every identity column to go on after the largest copied value.
async fn restart_identities(tx: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (table, column) in identities {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence($1, $2),
                           COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
        ))
        .bind(format!("\"{table}\""))
        .bind(&column)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Stores the files `names` from `folder`; how many.
async fn copy_files(
    names: &[String],
    folder: &Path,
    to: &mut sqlx::PgConnection,
    tally: &mut Tally<'_>,
) -> Result<u64, CopyError> {
    for name in names {
        stored_files::save(&mut *to, name, &folder.join(name))
            .await
            .map_err(|error| match error {
                stored_files::SaveError::Io(source) => CopyError::MissingFile {
                    name: name.clone(),
                    source,
                },
                stored_files::SaveError::Database(error) => CopyError::Database(error),
            })?;
        tally.add(1);
    }
    Ok(names.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn references(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn tables_come_after_the_tables_they_reference() {
        let order = dependency_order(
            names(&["ballot_choices", "ballots", "poll_options", "polls", "site"]),
            &references(&[
                ("ballot_choices", "ballots"),
                ("ballot_choices", "poll_options"),
                ("ballots", "polls"),
                ("poll_options", "polls"),
                ("polls", "polls"),
            ]),
        )
        .unwrap();
        assert_eq!(
            order,
            names(&["polls", "site", "ballots", "poll_options", "ballot_choices"])
        );
    }

    #[test]
    fn a_cycle_is_named_not_looped_over() {
        let cycle = dependency_order(
            names(&["a", "b", "c"]),
            &references(&[("a", "b"), ("b", "a")]),
        )
        .unwrap_err();
        assert_eq!(cycle, names(&["a", "b"]));
    }

    #[test]
    fn an_insert_numbers_its_placeholders_row_by_row() {
        assert_eq!(
            insert_statement("t", &names(&["\"a\"", "\"b\""]), 2),
            "INSERT INTO \"t\" (\"a\", \"b\") OVERRIDING SYSTEM VALUE VALUES ($1, $2), ($3, $4)"
        );
    }
}
