//! Every SQL statement, one module per resource; `import` writes the records of a content
//! file.

pub mod articles;
pub mod import;
pub mod legacy;
pub mod newsroom;
pub mod polls;
pub mod ratings;
pub mod search;
pub mod secrets;
pub mod sessions;
pub mod sidebar;
pub mod site;
pub mod sitemap;
pub mod uploads;
pub mod users;
pub mod visitors;

/// A stored time (Unix seconds); a value out of range reads as the epoch.
fn at(unix: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}
