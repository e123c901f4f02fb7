//! Where things are: the portal's name and every address the SPA links to. The shared
//! ones are built by `portal_contract::paths`, which the server uses too.

pub use portal_contract::paths::{
    FEED, HOME, POLLS, SEARCH, SIGN_IN, article, category, list_page, query_string, tag,
    weblink_visit,
};

pub use portal_contract::PORTAL_NAME;

/// `/dang-nhap?quay-lai=<the page at path + search>`.
pub fn sign_in_returning_to(path: &str, search: &str) -> String {
    portal_contract::paths::sign_in_returning_to(&format!("{path}{search}"))
}

/// Where to go after signing in: a path of this site, never another site or this page.
pub fn safe_return_path(raw: Option<&str>) -> String {
    match raw {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control)
                && !path.starts_with(SIGN_IN) =>
        {
            path.to_owned()
        }
        _ => HOME.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert_eq!(safe_return_path(Some("/bai-viet/3")), "/bai-viet/3");
        assert_eq!(
            safe_return_path(Some("/chuyen-muc/a?trang=2")),
            "/chuyen-muc/a?trang=2"
        );
        assert_eq!(safe_return_path(None), "/");
        assert_eq!(safe_return_path(Some("https://evil.example/")), "/");
        assert_eq!(safe_return_path(Some("//evil.example/")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_return_path(Some("/dang-nhap")), "/");
        assert_eq!(
            safe_return_path(Some("/\t/evil.example")),
            "/",
            "browsers drop tabs"
        );
        assert_eq!(safe_return_path(Some("/\n/evil.example")), "/");
    }
}
