//! The newsroom's pages, one file per route.

pub mod articles;
pub mod editor;
