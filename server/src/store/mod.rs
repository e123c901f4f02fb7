//! Every query, one module per resource.

pub mod articles;
pub mod polls;
pub mod ratings;
pub mod sessions;
pub mod sidebar;
