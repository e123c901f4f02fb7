//! The newsroom's pages, one file per route.

pub mod articles;
pub mod audit;
pub mod editor;
pub mod poll_editor;
pub mod polls;
pub mod sidebar;
pub mod two_step;
pub mod users;
