//! Where things are: the portal's name and every address the SPA links to. The shared
//! ones are built by `portal_contract::paths`, which the server uses too.

pub use portal_contract::paths::{
    FEED, HOME, POLLS, SEARCH, article, category, centre_page, list_page, query_string,
    safe_return_path, tag, weblink_visit,
};

pub use portal_contract::PORTAL_NAME;

/// `/dang-nhap?quay-lai=<the page at path + search>`.
pub fn sign_in_returning_to(path: &str, search: &str) -> String {
    portal_contract::paths::sign_in_returning_to(&format!("{path}{search}"))
}
