//! One module per route of the app (see `app`), as the reader reaches them.

pub mod article;
pub mod category;
pub mod centre_page;
pub mod contacts;
pub mod embed;
pub mod home;
pub mod lazy;
mod listing;
pub mod not_found;
pub mod organisation;
pub mod polls;
pub mod search;
pub mod sign_in;
pub mod tag;
