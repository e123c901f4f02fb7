//! The JSON contract of the portal, written once and used by the SPA and the server.
//!
//! Every type here is a plain serde type; validation rules that both sides must agree on
//! (page bounds, …) live beside the types they constrain.

/// The portal's name, as its pages and feeds show it.
pub const PORTAL_NAME: &str = "Trung tâm Khuyến công";

mod articles;
pub mod audit;
mod centre_pages;
pub mod content;
mod files;
pub mod font_size;
pub mod format;
pub mod forms;
pub mod instant;
pub mod newsroom;
mod organisation;
mod origin;
mod paging;
pub mod paths;
mod poll;
mod problem;
mod rating;
mod search;
mod session;
mod sidebar;
mod site;
pub mod words;
pub mod written_page;

pub use articles::{Article, ArticleLink, ArticleList, ArticleSummary, Category, Thumbnail};
pub use centre_pages::{CentrePage, CentrePageLink};
pub use files::UploadedFile;
pub use organisation::{ContactPerson, Contacts, Organisation, Person, Unit, tel_href};
pub use origin::is_origin;
pub use paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, PageError, PageRequest, page_in_address};
pub use poll::{
    BallotError, NewBallot, Poll, PollOption, RevotePolicy, check_ballot, minutes_until,
    percent_hundredths,
};
pub use problem::{Cause, PROBLEM_CONTENT_TYPE, Problem};
pub use rating::{
    NewRating, RatingAccepted, RatingSummary, StarFill, average_fill, own_rating_line,
    ranking_line, star_label, total_line,
};
pub use search::{QUERY_CHARS, SEARCH_PER_PAGE, SearchHit, SearchResults, is_searchable};
pub use session::{
    ReaderStatus, RecoveryCodes, SessionInfo, SessionUser, SignIn, TwoStep, TwoStepProof,
    TwoStepSetup, WARNING_S,
};
pub use sidebar::{
    PublicServiceResults, ShowcaseItem, Sidebar, SidebarBlock, VisitorCounts, Weblink, WeblinkGroup,
};
pub use site::{FooterLine, Site, is_email, is_phone};
