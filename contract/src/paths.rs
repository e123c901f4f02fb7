//! The portal's addresses, each built by one function: the SPA links with them and the
//! server writes them into the data it sends (showcase cards, poll options).
//!
//! The route tables (the SPA's router, the server's embed rules) match these shapes.

use std::fmt::Write;

/// The home page.
pub const HOME: &str = "/";
/// Every poll, open and closed.
pub const POLLS: &str = "/binh-chon";
/// The RSS feed of the newest articles (a server document; `/rss/{category}` per category).
pub const FEED: &str = "/rss";
/// Search results; `?q=` holds the words.
pub const SEARCH: &str = "/tim-kiem";
/// The sign-in form; `?quay-lai=` names the page to return to.
pub const SIGN_IN: &str = "/dang-nhap";
/// The newsroom, the staff's app (its own bundle); every newsroom page starts with this.
pub const NEWSROOM: &str = "/quan-tri";
/// The newsroom's form for a new article.
pub const NEWSROOM_NEW_ARTICLE: &str = "/quan-tri/bai-viet/moi";
/// The newsroom's polls; `/quan-tri/binh-chon/moi` adds one.
pub const NEWSROOM_POLLS: &str = "/quan-tri/binh-chon";
/// The newsroom's sidebar: linked websites, blocks, public-service figures.
pub const NEWSROOM_SIDEBAR: &str = "/quan-tri/khoi-ben";
/// The admins' page of users.
pub const NEWSROOM_USERS: &str = "/quan-tri/nguoi-dung";
/// The admins' page of the audit log of staff actions.
pub const NEWSROOM_AUDIT: &str = "/quan-tri/nhat-ky";
/// Each member of staff's page of their two-step sign-in.
pub const NEWSROOM_TWO_STEP: &str = "/quan-tri/xac-thuc-hai-buoc";
/// "Cơ cấu tổ chức": the centre's units and their people.
pub const ORGANISATION: &str = "/co-cau-to-chuc";
/// "Liên hệ": the centre's contacts.
pub const CONTACTS: &str = "/lien-he";
/// The pages meant to be framed by partner sites start with this.
pub const EMBED_PREFIX: &str = "/nhung/";

/// An article's page.
pub fn article(id: i64) -> String {
    format!("/bai-viet/{id}")
}

/// "Lưu bài viết này": the article as a self-contained HTML file to keep (a server
/// document, downloaded).
pub fn saved_article(id: i64) -> String {
    format!("/bai-viet/{id}/luu")
}

/// An article in the newsroom's editor.
pub fn newsroom_article(id: i64) -> String {
    format!("{NEWSROOM}/bai-viet/{id}")
}

/// A poll in the newsroom's editor (`moi` for a new one).
pub fn newsroom_poll(id: &str) -> String {
    format!("{NEWSROOM_POLLS}/{id}")
}

/// An article as citizens will see it, whatever its state (staff only; a server page).
pub fn preview(id: i64) -> String {
    format!("{NEWSROOM}/xem-truoc/{id}")
}

/// A category's list of articles.
pub fn category(slug: &str) -> String {
    format!("/chuyen-muc/{slug}")
}

/// One of the centre's own pages.
pub fn centre_page(slug: &str) -> String {
    format!("/trang/{slug}")
}

/// The articles with tag `tag` (percent-encoded: tags are Vietnamese words).
pub fn tag(tag: &str) -> String {
    format!("/the/{}", percent_encoded(tag))
}

/// The sign-in form, returning to `here` (a path with its query) once signed in.
pub fn sign_in_returning_to(here: &str) -> String {
    format!("{SIGN_IN}?quay-lai={}", percent_encoded(here))
}

/// "Gửi bài viết qua email": a `mailto:` link with the article's title as the subject
/// and its address `url` as the body (the reader's own mail program sends it).
pub fn email_article(title: &str, url: &str) -> String {
    format!(
        "mailto:?subject={}&body={}",
        percent_encoded(title),
        percent_encoded(url)
    )
}

/// Facebook's plain share address for the page at `url` (no SDK, no script of theirs).
pub fn facebook_share(url: &str) -> String {
    format!(
        "https://www.facebook.com/sharer/sharer.php?u={}",
        percent_encoded(url)
    )
}

/// Where to go back to after signing in or posting a form: a path of this site, never
/// another site, nor the sign-in page.
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

/// Every byte but the unreserved ones of RFC 3986 as `%XX` (written in place: a page
/// encodes its share links' titles byte by byte).
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A query string of `pairs`, each value percent-encoded; empty values left out.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={}", percent_encoded(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Page `page` of a paged list at `base` (which may have a query of its own).
pub fn list_page(base: &str, page: u32) -> String {
    let joint = if base.contains('?') { '&' } else { '?' };
    format!("{base}{joint}trang={page}")
}

/// The counting redirect to a linked website.
pub fn weblink_visit(id: i64) -> String {
    format!("/api/weblinks/{id}/visit")
}

/// Whether a path is an embed page.
pub fn is_embed(path: &str) -> bool {
    path.starts_with(EMBED_PREFIX)
}

/// The API's addresses the SPA reads pages from. The server's first view hands the SPA
/// the answers to some of them in advance, keyed by these exact strings.
pub mod api {
    pub const CATEGORIES: &str = "/api/categories";
    /// Every sidebar block with its data, and the footer's agency part.
    pub const SIDEBAR: &str = "/api/sidebar";
    /// Where the app counts a visit the page's load did not (`POST`; the figures back).
    pub const VISITS: &str = "/api/visits";
    /// Every poll that has started.
    pub const POLLS: &str = "/api/polls";
    /// The signed-in user's session (`POST` signs in, `DELETE` out). As a handed-over
    /// answer, `null` says no one is signed in.
    pub const SESSION: &str = "/api/session";
    /// Extends the session.
    pub const KEEPALIVE: &str = "/api/session/keepalive";
    /// Whether the reader's cookie came with the request (embed pages ask).
    pub const READER: &str = "/api/reader";
    /// The agency's information for the footer.
    pub const SITE: &str = "/api/site";
    /// The centre's units and their people.
    pub const ORGANISATION: &str = "/api/organisation";
    /// The centre's contacts and the people to contact.
    pub const CONTACTS: &str = "/api/contacts";
    /// The centre's own pages, in their order (links).
    pub const CENTRE_PAGES: &str = "/api/pages";

    /// One of the centre's own pages.
    pub fn centre_page(slug: &str) -> String {
        format!("{CENTRE_PAGES}/{slug}")
    }

    pub fn article(id: i64) -> String {
        format!("/api/articles/{id}")
    }

    /// Where a view of article `id` is counted (`POST`). As a handed-over answer, `true`
    /// says the page's load did not count it, so the app sends it.
    pub fn article_views(id: i64) -> String {
        format!("/api/articles/{id}/views")
    }

    /// Where staff upload a file (`multipart/form-data`, the only body that is not JSON).
    pub const UPLOADS: &str = "/api/newsroom/uploads";

    /// Two-step sign-in of the signed-in user: `POST` turns it on (with the password and
    /// the first code).
    pub const TWO_STEP: &str = "/api/session/two-step";
    /// Offers a new secret for two-step sign-in (`POST`).
    pub const TWO_STEP_SETUP: &str = "/api/session/two-step/setup";
    /// Renews the recovery codes (`POST`).
    pub const TWO_STEP_RECOVERY_CODES: &str = "/api/session/two-step/recovery-codes";
    /// Turns two-step sign-in off (`POST`).
    pub const TWO_STEP_OFF: &str = "/api/session/two-step/off";

    /// The audit log of staff actions (admins; read only).
    pub const AUDIT: &str = "/api/newsroom/audit";

    /// The newsroom's articles (`POST` adds one).
    pub const NEWSROOM_ARTICLES: &str = "/api/newsroom/articles";

    /// An article as the newsroom edits it (`PUT` saves, `DELETE` moves it to the bin).
    pub fn newsroom_article(id: i64) -> String {
        format!("{NEWSROOM_ARTICLES}/{id}")
    }

    /// Takes article `id` out of the bin (`POST`).
    pub fn newsroom_article_restore(id: i64) -> String {
        format!("{NEWSROOM_ARTICLES}/{id}/restore")
    }

    /// What the editor typed in article `id` and did not save (`PUT` keeps it).
    pub fn newsroom_article_autosave(id: i64) -> String {
        format!("{NEWSROOM_ARTICLES}/{id}/autosave")
    }

    /// The saved versions of article `id`.
    pub fn newsroom_article_revisions(id: i64) -> String {
        format!("{NEWSROOM_ARTICLES}/{id}/revisions")
    }

    /// Item `id` of one of the newsroom's collections (`NEWSROOM_POLLS`, `…_WEBLINKS`,
    /// `…_USERS`).
    pub fn newsroom_item(collection: &str, id: i64) -> String {
        format!("{collection}/{id}")
    }

    /// Ends poll `id` now (`POST`).
    pub fn newsroom_poll_close(id: i64) -> String {
        format!("{NEWSROOM_POLLS}/{id}/close")
    }

    /// Resets user `id`'s two-step sign-in (`DELETE`).
    pub fn newsroom_user_two_step(id: i64) -> String {
        format!("{NEWSROOM_USERS}/{id}/two-step")
    }

    /// The newsroom's polls (`POST` adds one; `/{id}` reads and saves one).
    pub const NEWSROOM_POLLS: &str = "/api/newsroom/polls";
    /// Linked websites (`POST` adds one, `PUT /{id}` changes one).
    pub const NEWSROOM_WEBLINKS: &str = "/api/newsroom/weblinks";
    /// The linked websites' order (`PUT`).
    pub const NEWSROOM_WEBLINKS_ORDER: &str = "/api/newsroom/weblinks/order";
    /// The sidebar's blocks (`PUT` sets them all).
    pub const NEWSROOM_BLOCKS: &str = "/api/newsroom/blocks";
    /// Each year's public-service figures (`PUT` sets a year's).
    pub const NEWSROOM_PUBLIC_SERVICES: &str = "/api/newsroom/public-services";
    /// The users, for admins (`POST` adds one, `PATCH /{id}` changes one).
    pub const NEWSROOM_USERS: &str = "/api/newsroom/users";

    pub fn poll(id: i64) -> String {
        format!("{POLLS}/{id}")
    }

    /// Where a ballot of poll `id` is cast (`POST`).
    pub fn poll_votes(id: i64) -> String {
        format!("{POLLS}/{id}/votes")
    }

    /// Where article `id` is rated (`POST`).
    pub fn article_ratings(id: i64) -> String {
        format!("/api/articles/{id}/ratings")
    }

    /// Page `page` of the articles that match `words`, in category `category` (a slug,
    /// empty for all), published from day `from` to day `to` (YYYY-MM-DD, empty for any).
    pub fn search(words: &str, category: &str, from: &str, to: &str, page: u32) -> String {
        let page = page.max(1).to_string();
        let query = super::query_string(&[
            ("q", words),
            ("category", category),
            ("from", from),
            ("to", to),
            ("page", &page),
        ]);
        format!("/api/search?{query}")
    }

    /// One page of articles: all (`category` and `tag` empty), a category's or a tag's.
    pub fn articles(category: &str, tag: &str, page: u32) -> String {
        let mut path = format!("/api/articles?page={page}");
        for (key, value) in [("category", category), ("tag", tag)] {
            if !value.is_empty() {
                path.push_str(&format!("&{key}={}", super::percent_encoded(value)));
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn sharing_links_carry_the_title_and_address_encoded() {
        let url = "https://khuyencong.example/bai-viet/7";
        assert_eq!(
            email_article("Tin & ảnh", url),
            "mailto:?subject=Tin%20%26%20%E1%BA%A3nh&body=https%3A%2F%2Fkhuyencong.example%2Fbai-viet%2F7"
        );
        assert_eq!(
            facebook_share(url),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fkhuyencong.example%2Fbai-viet%2F7"
        );
    }

    #[test]
    fn addresses_read_as_the_router_matches_them() {
        assert_eq!(article(12), "/bai-viet/12");
        assert_eq!(saved_article(12), "/bai-viet/12/luu");
        assert_eq!(category("tin-hoat-dong"), "/chuyen-muc/tin-hoat-dong");
        assert_eq!(list_page("/", 2), "/?trang=2");
        assert_eq!(
            list_page(&category("a"), 3),
            "/chuyen-muc/a?trang=3",
            "pages of a category"
        );
        assert_eq!(list_page("/tim-kiem?q=che", 2), "/tim-kiem?q=che&trang=2");
        assert_eq!(tag("khuyến công"), "/the/khuy%E1%BA%BFn%20c%C3%B4ng");
        assert_eq!(
            tag("Chỉ thị 04/CT-BCT"),
            "/the/Ch%E1%BB%89%20th%E1%BB%8B%2004%2FCT-BCT"
        );
        assert_eq!(weblink_visit(7), "/api/weblinks/7/visit");
        assert_eq!(
            sign_in_returning_to("/chuyen-muc/a?trang=2"),
            "/dang-nhap?quay-lai=%2Fchuyen-muc%2Fa%3Ftrang%3D2"
        );
        assert!(is_embed("/nhung/bai-viet/1"));
        assert!(!is_embed("/bai-viet/1"));
    }

    #[test]
    fn api_addresses_name_each_answer_once() {
        assert_eq!(api::article(12), "/api/articles/12");
        assert_eq!(api::articles("", "", 1), "/api/articles?page=1");
        assert_eq!(
            api::articles("tin-hoat-dong", "", 2),
            "/api/articles?page=2&category=tin-hoat-dong"
        );
        assert_eq!(
            api::articles("", "khuyến công", 1),
            "/api/articles?page=1&tag=khuy%E1%BA%BFn%20c%C3%B4ng"
        );
    }
}
