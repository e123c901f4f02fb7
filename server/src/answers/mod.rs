//! What the JSON API and the written pages both answer, under one set of rules: the
//! citizens' reads (articles and their lists, the centre's own pages, its organisation
//! and contacts, search, polls, the sidebar, who is signed in) and their votes (a
//! rating, a ballot). `api/` serves them as JSON, `web/` writes them into pages and
//! takes them from forms; neither reaches into the other.

pub mod articles;
pub mod centre_pages;
pub mod organisation;
pub mod polls;
pub mod ratings;
pub mod search;
pub mod session;
pub mod sidebar;
