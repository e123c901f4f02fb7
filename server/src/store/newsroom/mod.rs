//! The newsroom's queries: articles in every state (`rows`), saves that keep each version,
//! autosaves and the bin (`saves`), the kept versions (`revisions`). Citizens' queries
//! never come here (they read the `public_articles` view); the rules a save applies are
//! `rules::newsroom`'s.

mod revisions;
mod rows;
mod saves;

pub use revisions::{record_revision, revision, revisions};
pub use rows::{RowFilter, edited, list};
pub use saves::{SaveRefusal, Saver, autosave, autosaved, create, set_in_bin, update};
