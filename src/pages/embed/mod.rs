//! Embed pages (`/nhung/…`): an article or a poll alone, for partner sites' frames.
//! `frame` is what every embed page shares: the height protocol and the cookie check.

mod article;
mod frame;
mod poll;

pub use article::EmbedArticle;
pub use frame::EmbedLayout;
pub use poll::EmbedPoll;
