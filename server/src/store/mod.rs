//! Every SQL statement, one module per resource; `import` writes the records of a content
//! file.

pub mod articles;
pub mod import;
pub mod legacy;
pub mod polls;
pub mod ratings;
pub mod search;
pub mod secrets;
pub mod sessions;
pub mod sidebar;
pub mod sitemap;
pub mod users;
