//! The pages the server writes with the app's components: every citizens' route inside
//! the app's shell, their head tags, the reader's own parts, and the answers handed to
//! the app so that it hydrates without asking again.

use crate::common::TestServer;
use portal_contract::{
    Article, ArticleList, Category, CentrePage, CentrePageLink, Organisation, Poll, SearchResults,
    forms, paths, written_page::DATA_ID,
};
use scraper::{Html, Selector};

const SEED: &str = "chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong";
/// A reader whose cookie the server issued before.
const READER: &str = "3b1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";

async fn page(server: &TestServer, path: &str, status: u16) -> Html {
    written(server.get(path).await, path, status).await
}

/// The page at `path` as a reader the server issued a cookie to before.
async fn page_as(server: &TestServer, reader: &str, path: &str, status: u16) -> Html {
    written(server.get_as(reader, path).await, path, status).await
}

async fn written(response: reqwest::Response, path: &str, status: u16) -> Html {
    assert_eq!(
        response.status(),
        status,
        "{path}: {:?}",
        response.headers()
    );
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{path}: {:?}",
        response.headers()
    );
    assert_eq!(response.headers()["cache-control"], "private, no-cache");
    Html::parse_document(&response.text().await.unwrap())
}

fn texts(page: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The text of the one element `css` selects.
fn only_text(page: &Html, css: &str) -> String {
    let found = texts(page, css);
    assert_eq!(found.len(), 1, "{css}: {found:?}");
    found.into_iter().next().unwrap()
}

fn attr(page: &Html, css: &str, name: &str) -> String {
    let selector = Selector::parse(css).unwrap();
    let element = page
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no {css}"));
    element.value().attr(name).unwrap().to_owned()
}

/// Article `id` as the API answers it.
async fn article_of(server: &TestServer, id: i64) -> Article {
    server
        .get(&paths::api::article(id))
        .await
        .json()
        .await
        .unwrap()
}

fn handed_over(page: &Html) -> serde_json::Map<String, serde_json::Value> {
    let json = texts(page, &format!("script#{DATA_ID}")).concat();
    serde_json::from_str(&json).unwrap()
}

/// The answer for `path` the page came with (each is a result: `{"Ok": …}`).
fn answer<T: serde::de::DeserializeOwned>(page: &Html, path: &str) -> T {
    let answers = handed_over(page);
    let result = answers
        .get(path)
        .unwrap_or_else(|| panic!("no answer for {path}: {:?}", answers.keys()));
    serde_json::from_value(result["Ok"].clone()).unwrap()
}

#[tokio::test]
async fn an_article_is_written_with_its_head_tags() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let path = paths::article(id);
    let page = page(&server, &path, 200).await;
    let article = article_of(&server, id).await;

    assert_eq!(only_text(&page, "head title"), article.title);
    assert_eq!(only_text(&page, "main h1"), article.title);
    assert_eq!(
        attr(&page, "meta[property='og:title']", "content"),
        article.title
    );
    assert_eq!(
        attr(&page, "meta[property='og:type']", "content"),
        "article"
    );
    let url = server.url(&path);
    assert_eq!(attr(&page, "link[rel=canonical]", "href"), url);
    assert_eq!(attr(&page, "meta[property='og:url']", "content"), url);
    assert!(attr(&page, "meta[property='og:image']", "content").starts_with("http"));
    assert_eq!(
        attr(&page, "meta[name=description]", "content"),
        article.summary
    );
    assert_eq!(
        texts(&page, "meta[name=description]").len(),
        1,
        "the shell's is gone"
    );
    assert_eq!(
        attr(&page, "meta[property='article:published_time']", "content"),
        "2021-03-28T20:33:00Z"
    );
    let json_ld: serde_json::Value =
        serde_json::from_str(&texts(&page, "script[type='application/ld+json']").concat()).unwrap();
    assert_eq!(json_ld["@type"], "NewsArticle");
    assert_eq!(json_ld["headline"], article.title);
    assert_eq!(json_ld["datePublished"], "2021-03-28T20:33:00Z");

    assert_eq!(
        texts(&page, ".article__meta time"),
        ["Thứ hai - 29/03/2021 03:33"]
    );
    assert_eq!(only_text(&page, ".article__lead"), article.summary);
    assert!(texts(&page, ".article__author")[0].starts_with("Tác giả: "));
    // The stars are a form that posts without the app, back to this page.
    let form = format!("form[method=post][action='{}']", forms::rating_action(id));
    assert_eq!(
        texts(&page, &format!("{form} input[name={}]", forms::POINT_FIELD)).len(),
        5
    );
    assert_eq!(
        attr(
            &page,
            &format!("{form} input[name={}]", forms::RETURN_FIELD),
            "value"
        ),
        path
    );
    assert!(
        !texts(&page, "noscript")
            .concat()
            .contains("Cần JavaScript."),
        "the shell's note is replaced"
    );
}

#[tokio::test]
async fn the_app_gets_the_answers_the_page_was_written_from() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let page = page_as(&server, READER, &paths::article(id), 200).await;
    let article: Article = answer(&page, &paths::api::article(id));
    assert_eq!(texts(&page, "main h1"), [article.title]);
    // The menu: the home page, the centre's pages it lists, the categories.
    let pages: Vec<CentrePageLink> = answer(&page, paths::api::CENTRE_PAGES);
    let categories: Vec<Category> = answer(&page, paths::api::CATEGORIES);
    let listed = pages.iter().filter(|p| p.in_menu).map(|p| &p.title);
    let expected: Vec<&String> = listed.chain(categories.iter().map(|c| &c.title)).collect();
    let menu = texts(&page, ".category-menu li");
    assert_eq!(menu[0], "Trang nhất");
    assert_eq!(menu[1..].iter().collect::<Vec<_>>(), expected);
    assert_eq!(texts(&page, "#app").len(), 1, "the app's mount point");
}

#[tokio::test]
async fn lists_are_written_with_their_links() {
    let server = TestServer::start().await;
    let home = page(&server, "/", 200).await;
    let list: ArticleList = answer(&home, &paths::api::articles("", "", 1));
    let titles: Vec<String> = list.items.iter().map(|a| a.title.clone()).collect();
    assert_eq!(texts(&home, ".article-card__title"), titles);
    assert_eq!(texts(&home, "main h1"), ["Tin mới nhất"]);

    let category = &list.items[0].category;
    let path = paths::category(&category.slug);
    let listed = page(&server, &path, 200).await;
    assert_eq!(only_text(&listed, "main h1"), category.title);
    assert_eq!(only_text(&listed, "head title"), category.title);
    assert_eq!(
        attr(&listed, ".category-menu a[aria-current=page]", "href"),
        path
    );
    assert!(handed_over(&listed).contains_key(&paths::api::articles(&category.slug, "", 1)));
}

#[tokio::test]
async fn a_tags_list_is_written_too() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let article = article_of(&server, id).await;
    let tag = &article.tags[0];
    let listed = page(&server, &paths::tag(tag), 200).await;
    assert_eq!(texts(&listed, "main h1"), [format!("Từ khóa: {tag}")]);
    assert!(texts(&listed, ".article-card__title").contains(&article.title));
}

#[tokio::test]
async fn what_does_not_exist_is_a_404_page() {
    let server = TestServer::start().await;
    for path in [
        "/bai-viet/999999",
        "/bai-viet/abc",
        "/chuyen-muc/khong-co",
        "/khong-co-trang-nay",
        "/nhung/binh-chon/999999",
        "/trang/khong-co",
        "/trang/Kh%C3%B4ng%20c%C3%B3",
    ] {
        let page = page(&server, path, 404).await;
        assert_eq!(texts(&page, "main h1"), ["Không tìm thấy trang"], "{path}");
        assert_eq!(
            texts(&page, "head title"),
            ["Không tìm thấy trang"],
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_centres_own_pages_are_written_and_the_menu_links_those_it_lists() {
    let server = TestServer::start().await;
    let path = paths::centre_page("chuc-nang-nhiem-vu");
    let page = page(&server, &path, 200).await;
    assert_eq!(only_text(&page, "head title"), "Chức năng, nhiệm vụ");
    assert_eq!(only_text(&page, "main h1"), "Chức năng, nhiệm vụ");
    assert_eq!(
        attr(&page, "link[rel=canonical]", "href"),
        server.url(&path)
    );
    assert!(attr(&page, "meta[name=description]", "content").starts_with("Trung tâm tham mưu"));
    assert!(texts(&page, "main .article__body li")[0].starts_with("Xây dựng kế hoạch"));
    assert!(only_text(&page, ".centre-page__updated").starts_with("Cập nhật: "));
    let shown: CentrePage = answer(&page, &paths::api::centre_page("chuc-nang-nhiem-vu"));
    assert_eq!(shown.title, "Chức năng, nhiệm vụ");

    // The menu: the home page, the pages it lists in their order, then the categories.
    let menu = texts(&page, ".category-menu__list a");
    assert_eq!(
        menu[..3],
        ["Trang nhất", "Giới thiệu", "Chức năng, nhiệm vụ"]
    );
    assert!(!menu.iter().any(|item| item.starts_with("Quy chế")));
    let links: Vec<CentrePageLink> = answer(&page, paths::api::CENTRE_PAGES);
    assert_eq!(links.len(), 3);
    // A page left out of the menu still has its address.
    let unlisted = self::page(&server, &paths::centre_page("quy-che-cong-thong-tin"), 200).await;
    assert_eq!(
        only_text(&unlisted, "main h1"),
        "Quy chế hoạt động của cổng thông tin"
    );
    let article = self::page(&server, "/", 200).await;
    assert_eq!(
        attr(&article, ".category-menu__list li:nth-child(2) a", "href"),
        "/trang/gioi-thieu"
    );
}

#[tokio::test]
async fn the_organisation_and_contacts_are_written_with_links_to_call_and_write() {
    let server = TestServer::start().await;
    let page = page(&server, paths::ORGANISATION, 200).await;
    assert_eq!(only_text(&page, "main h1"), "Cơ cấu tổ chức");
    assert_eq!(texts(&page, "main h2")[0], "Ban Giám đốc");
    assert_eq!(texts(&page, "main h3"), ["Tổ Thông tin – Tuyên truyền"]);
    assert_eq!(
        attr(&page, "main .person a[href^='tel:']", "href"),
        "tel:0912000001"
    );
    assert_eq!(
        attr(&page, "main .person a[href^='mailto:']", "href"),
        "mailto:nguyenvana@example.gov.vn"
    );
    let organisation: Organisation = answer(&page, paths::api::ORGANISATION);
    assert_eq!(organisation.units.len(), 5);

    let page = self::page(&server, paths::CONTACTS, 200).await;
    assert_eq!(only_text(&page, "main h1"), "Liên hệ");
    assert_eq!(
        texts(&page, "main h2"),
        [
            "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
            "Cán bộ đầu mối liên hệ"
        ]
    );
    assert_eq!(texts(&page, "main .person__name").len(), 3);
    // Every page's footer links both.
    let footer = texts(&page, ".site-footer__links a");
    assert_eq!(footer, ["Cơ cấu tổ chức", "Liên hệ"]);
}

async fn views_of(server: &TestServer, id: i64) -> u64 {
    article_of(server, id).await.views
}

#[tokio::test]
async fn reading_the_page_counts_a_view_once() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let before = views_of(&server, id).await;
    for _ in 0..2 {
        assert_eq!(
            server.get_as(READER, &paths::article(id)).await.status(),
            200
        );
    }
    assert_eq!(views_of(&server, id).await, before + 1);
}

#[tokio::test]
async fn a_first_visit_counts_when_the_app_sends_it_with_the_issued_cookie_never_on_the_load() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let before = views_of(&server, id).await;
    // Whatever a client sends, a page's load does not count the reader it mints…
    let opened = server
        .client
        .get(server.url(&paths::article(id)))
        .header("sec-fetch-mode", "navigate")
        .send()
        .await
        .unwrap();
    let reader = crate::common::issued_visitor(&opened).expect("the load issues a cookie");
    let page = written(opened, &paths::article(id), 200).await;
    assert_eq!(
        only_text(&page, ".article__views"),
        format!("Lượt xem: {before}")
    );
    assert_eq!(views_of(&server, id).await, before);
    // …it hands the article over, and tells the app that the view is still to be sent.
    let answers = handed_over(&page);
    assert!(answers.contains_key(&paths::api::article(id)));
    let views = paths::api::article_views(id);
    assert_eq!(answers[&views], serde_json::json!({ "Ok": true }));
    let anonymous = server
        .client
        .post(server.url(&views))
        .header("content-type", "application/json");
    assert_eq!(anonymous.send().await.unwrap().status(), 204);
    assert_eq!(views_of(&server, id).await, before, "no cookie, no view");
    for _ in 0..2 {
        let sent = server
            .post_as(&reader, &views)
            .header("content-type", "application/json");
        assert_eq!(sent.send().await.unwrap().status(), 204);
    }
    assert_eq!(views_of(&server, id).await, before + 1, "once a day");
    // A reader the server knew is counted by the load, and the app sends nothing.
    let again = page_as(&server, &reader, &paths::article(id), 200).await;
    assert!(!handed_over(&again).contains_key(&views));
    let missing = server
        .post_as(&reader, &paths::api::article_views(999_999))
        .header("content-type", "application/json");
    crate::common::problem(missing.send().await.unwrap(), 404).await;
}

#[tokio::test]
async fn the_stars_show_the_average_and_a_closed_article_has_no_rating_block() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    for (reader, point) in [("1", 4), ("2", 5)] {
        let reader = format!("00000000-0000-4000-8000-00000000000{reader}");
        let rated = server
            .post_as(&reader, &format!("{}/ratings", paths::api::article(id)))
            .header("origin", server.url(""))
            .json(&serde_json::json!({ "point": point }))
            .send()
            .await
            .unwrap();
        assert_eq!(rated.status(), 201, "{:?}", rated.text().await);
    }
    let rated = page(&server, &paths::article(id), 200).await;
    assert_eq!(texts(&rated, ".rating__stars .rating__star--lit").len(), 4);
    assert_eq!(texts(&rated, ".rating__stars .rating__star--half").len(), 1);

    crate::common::execute(
        &server.pool,
        &format!("UPDATE articles SET allow_rating = FALSE WHERE id = {id}"),
    )
    .await;
    let closed = page(&server, &paths::article(id), 200).await;
    assert!(texts(&closed, ".rating").is_empty());
}

#[tokio::test]
async fn saving_downloads_the_article_as_one_html_file_named_from_its_slug() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    // A picture and a link by the site's own paths, as the newsroom will write them.
    crate::common::execute(
        &server.pool,
        &format!(
            r#"UPDATE articles SET body_html =
               '<p><img src="/images/chia-se.png" alt="Ảnh"> <a href="/bai-viet/1">Tin</a></p>'
               WHERE id = {id}"#
        ),
    )
    .await;
    let before = views_of(&server, id).await;
    let response = server
        .client
        .get(server.url(&paths::saved_article(id)))
        .header("sec-fetch-mode", "navigate")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"{SEED}.html\"")
    );
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let saved = Html::parse_document(&response.text().await.unwrap());
    let article = article_of(&server, id).await;
    assert_eq!(article.views, before, "saving is not a view");
    assert_eq!(only_text(&saved, "h1"), article.title);
    assert_eq!(only_text(&saved, ".article__lead"), article.summary);
    let address = server.url(&paths::article(id));
    assert_eq!(
        only_text(&saved, ".url"),
        format!("URL của bản tin này: {address}")
    );
    assert!(
        texts(&saved, "script").is_empty(),
        "nothing runs in the copy"
    );
    assert_eq!(
        texts(&saved, "link[rel=stylesheet]").len(),
        0,
        "its style is inside"
    );
    // The stored body as it is, read against the article's address wherever it is opened.
    let base = url::Url::parse(&attr(&saved, "head base", "href")).unwrap();
    assert_eq!(base.as_str(), address);
    let resolved = |css: &str, name: &str| base.join(&attr(&saved, css, name)).unwrap();
    assert_eq!(
        resolved("article img", "src").as_str(),
        server.url("/images/chia-se.png"),
        "pictures by their absolute address"
    );
    assert_eq!(
        resolved("article p a", "href").as_str(),
        server.url("/bai-viet/1")
    );
    assert!(texts(&saved, "article").concat().contains("Tác giả: "));
}

#[tokio::test]
async fn saving_what_does_not_exist_is_the_404_page() {
    let server = TestServer::start().await;
    for path in ["/bai-viet/999999/luu", "/bai-viet/abc/luu"] {
        let page = page(&server, path, 404).await;
        assert_eq!(texts(&page, "main h1"), ["Không tìm thấy trang"], "{path}");
    }
}

#[tokio::test]
async fn the_page_is_written_at_the_readers_font_size() {
    let server = TestServer::start().await;
    let path = paths::article(server.article_id(SEED).await);
    let written = |cookie: &'static str| {
        let request = server
            .client
            .get(server.url(&path))
            .header("cookie", cookie);
        async move {
            let html = request.send().await.unwrap().text().await.unwrap();
            Html::parse_document(&html)
        }
    };
    let large = written("font-size=large").await;
    assert_eq!(attr(&large, "html", "data-font-size"), "large");
    assert_eq!(
        attr(
            &large,
            ".font-size__choice[aria-pressed=true]",
            "data-font-choice"
        ),
        "large"
    );
    let unknown = written("font-size=huge").await;
    assert_eq!(attr(&unknown, "html", "data-font-size"), "normal");
    assert_eq!(
        texts(&unknown, ".font-size__choice").concat(),
        "A−AA+",
        "three sizes"
    );
}

#[tokio::test]
async fn every_page_has_the_agencys_footer_as_the_app_gets_it() {
    let server = TestServer::start().await;
    for path in ["/", "/bai-viet/999999"] {
        let status = if path == "/" { 200 } else { 404 };
        let page = page(&server, path, status).await;
        assert_eq!(
            only_text(&page, ".site-footer__agency"),
            "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"
        );
        let contact = texts(&page, ".site-footer__contact p");
        assert_eq!(contact[0], "Cơ quan chủ quản: Sở Công Thương");
        assert!(
            contact.contains(&"Điện thoại: 0203 3820 000 – Fax: 0203 3820 001".to_owned()),
            "{contact:?}"
        );
        assert_eq!(
            attr(&page, ".site-footer__contact a", "href"),
            "mailto:khuyencong@example.gov.vn"
        );
        assert!(texts(&page, ".site-footer__demo")[0].contains("dữ liệu mẫu"));
        let footer = Selector::parse(".site-footer").unwrap();
        let written = page.select(&footer).next().unwrap().inner_html();
        let sidebar: portal_contract::Sidebar =
            server.get("/api/sidebar").await.json().await.unwrap();
        assert!(
            written.contains(&sidebar.footer_html),
            "{path}: the app's footer is the written one"
        );
    }
}

#[tokio::test]
async fn the_search_page_is_written_with_the_results_of_its_address() {
    let server = TestServer::start().await;
    let address = "/tim-kiem?q=khuy%E1%BA%BFn+c%C3%B4ng&trang=1";
    let found = page_as(&server, READER, address, 200).await;
    let results: SearchResults = answer(&found, &paths::api::search("khuyến công", "", "", "", 1));
    assert!(results.total > 0);
    let titles: Vec<String> = results
        .items
        .iter()
        .map(|hit| hit.article.title.clone())
        .collect();
    assert_eq!(texts(&found, ".search-hit__title"), titles);
    assert_eq!(
        attr(&found, "#tim-tu-khoa", "value"),
        "khuyến công",
        "the words again, in the form"
    );
    // Words that cannot be searched ask nothing: the page says why.
    let short = page(&server, "/tim-kiem?q=k", 200).await;
    assert!(
        texts(&short, "[role=alert]")
            .concat()
            .contains("từ 2 đến 200 ký tự")
    );
    assert!(
        !handed_over(&short)
            .keys()
            .any(|key| key.starts_with("/api/search"))
    );
    // A category that does not exist is the not-found answer, written.
    let unknown = page(&server, "/tim-kiem?q=khuyen&chuyen-muc=khong-co", 404).await;
    assert_eq!(
        texts(&unknown, "main h1"),
        ["Tìm kiếm", "Không tìm thấy trang"]
    );
}

#[tokio::test]
async fn the_polls_page_and_the_sidebar_are_written_with_the_readers_ballot() {
    let server = TestServer::start().await;
    let id = server.poll_id("san-pham-cnnttb-cap-tinh").await;
    let poll: Poll = server
        .get(&paths::api::poll(id))
        .await
        .json()
        .await
        .unwrap();
    let chosen = poll.options[1].id;
    let voted = server
        .post_as(READER, &paths::api::poll_votes(id))
        .json(&serde_json::json!({ "option_ids": [chosen] }))
        .send()
        .await
        .unwrap();
    assert_eq!(voted.status(), 201);

    let polls = page_as(&server, READER, paths::POLLS, 200).await;
    assert_eq!(texts(&polls, "main h1"), ["Các cuộc bình chọn"]);
    let answered: Vec<Poll> = answer(&polls, paths::api::POLLS);
    assert_eq!(answered[0].my_choices, [chosen]);
    assert!(
        texts(&polls, ".poll-panel").is_empty(),
        "the panel is left out of the page that has the polls"
    );
    // Elsewhere the sidebar's panel shows the featured poll, read for this reader.
    let home = page_as(&server, READER, "/", 200).await;
    assert_eq!(texts(&home, ".poll-panel .poll").len(), 1);
    let featured: Vec<Poll> = answer(&home, paths::api::POLLS);
    assert_eq!(featured[0].my_choices, [chosen]);
    assert!(!texts(&home, ".sidebar").concat().is_empty());
}

#[tokio::test]
async fn a_guests_page_says_no_one_is_signed_in_and_a_users_names_them() {
    let server = TestServer::start().await;
    let guest = page(&server, "/dang-nhap", 200).await;
    assert_eq!(texts(&guest, "main h1"), ["Đăng nhập"]);
    assert_eq!(
        handed_over(&guest)[paths::api::SESSION],
        serde_json::json!({ "Ok": null }),
        "the app needs not ask (and be refused)"
    );
    assert_eq!(texts(&guest, ".user-menu a"), ["Đăng nhập"]);

    let session = server.editor_session().await;
    let response = server
        .client
        .get(server.url("/"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    let signed_in = written(response, "/", 200).await;
    let info: portal_contract::SessionInfo = answer(&signed_in, paths::api::SESSION);
    assert_eq!(
        texts(&signed_in, ".user-menu__name"),
        [info.user.display_name]
    );
    assert_eq!(texts(&signed_in, ".user-menu a"), ["Quản trị"]);
}

#[tokio::test]
async fn embed_pages_are_written_without_the_portals_frame() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let article = page_as(&server, READER, &format!("/nhung/bai-viet/{id}"), 200).await;
    let read: Article = answer(&article, &paths::api::article(id));
    assert_eq!(texts(&article, "main h1"), [read.title]);
    assert!(texts(&article, ".site-header").is_empty());
    assert!(texts(&article, ".sidebar").is_empty());
    let known: portal_contract::ReaderStatus = answer(&article, paths::api::READER);
    assert!(known.known);
    assert_eq!(texts(&article, ".rating").len(), 1);

    let poll_id = server.poll_id("san-pham-cnnttb-cap-tinh").await;
    let poll = page_as(&server, READER, &format!("/nhung/binh-chon/{poll_id}"), 200).await;
    let read: Poll = answer(&poll, &paths::api::poll(poll_id));
    assert_eq!(texts(&poll, ".poll__question"), [read.question]);
    // A new reader's cookie may be blocked in a frame: only the app can tell, so the page
    // does not say, and shows the ballot.
    let new_reader = page(&server, &format!("/nhung/binh-chon/{poll_id}"), 200).await;
    assert!(!handed_over(&new_reader).contains_key(paths::api::READER));
    assert_eq!(texts(&new_reader, ".poll__question").len(), 1);
}

#[tokio::test]
async fn a_new_readers_visit_is_left_to_the_app_and_counted_once() {
    let server = TestServer::start().await;
    let visits = || async {
        let sidebar: portal_contract::Sidebar =
            server.get("/api/sidebar").await.json().await.unwrap();
        serde_json::to_value(&sidebar.blocks).unwrap().to_string()
    };
    let opened = server
        .client
        .get(server.url("/"))
        .header("sec-fetch-mode", "navigate")
        .send()
        .await
        .unwrap();
    let reader = crate::common::issued_visitor(&opened).expect("the load issues a cookie");
    let page = written(opened, "/", 200).await;
    assert_eq!(
        handed_over(&page)[portal_contract::written_page::VISIT_LEFT_TO_APP],
        serde_json::json!({ "Ok": true })
    );
    let before = visits().await;
    let count = || {
        server
            .post_as(&reader, paths::api::VISITS)
            .header("content-type", "application/json")
    };
    let counted: portal_contract::VisitorCounts =
        count().send().await.unwrap().json().await.unwrap();
    let after = visits().await;
    assert_ne!(before, after, "the app's request counts the visit");
    assert!(
        after.contains(&format!("\"total\":{}", counted.total)),
        "{after}"
    );
    assert_eq!(count().send().await.unwrap().status(), 200);
    assert_eq!(visits().await, after, "once a day");
    // Known now: the next page's load counts (nothing for the app to do).
    let again = page_as(&server, &reader, "/", 200).await;
    assert!(!handed_over(&again).contains_key(portal_contract::written_page::VISIT_LEFT_TO_APP));
}
