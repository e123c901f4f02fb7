//! The JSON API over HTTP, on a real temporary SQLite file.

use crate::common::{TestServer, concurrent_statuses, issued_visitor, problem};
use portal_contract::{Article, ArticleList, Category};

const SEED_TITLE: &str = "Bộ Công Thương ban hành Chỉ thị về việc đẩy mạnh các hoạt động khuyến công, tạo động lực mới cho phát triển công nghiệp nông thôn giai đoạn 2021 - 2025.";

async fn list(server: &TestServer, query: &str) -> ArticleList {
    let response = server.get(&format!("/api/articles{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

async fn seed_article_id(server: &TestServer) -> i64 {
    list(server, "?per_page=50")
        .await
        .items
        .into_iter()
        .find(|a| a.title == SEED_TITLE)
        .expect("the seed article is in the demo content")
        .id
}

#[tokio::test]
async fn categories_come_in_menu_order() {
    let server = TestServer::start().await;
    let response = server.get("/api/categories").await;
    assert_eq!(response.status(), 200);
    let categories: Vec<Category> = response.json().await.unwrap();
    let slugs: Vec<_> = categories.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "tin-hoat-dong",
            "chinh-sach",
            "san-pham-cnnttb",
            "dao-tao-tap-huan"
        ]
    );
}

#[tokio::test]
async fn articles_are_listed_newest_first_with_the_total() {
    let server = TestServer::start().await;
    let first = list(&server, "").await;
    assert_eq!(first.total, 14);
    assert_eq!((first.page, first.per_page), (1, 10));
    assert_eq!(first.items.len(), 10);
    assert!(first.category.is_none());
    let dates: Vec<_> = first.items.iter().map(|a| a.published_at).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    let second = list(&server, "?page=2").await;
    assert_eq!(second.items.len(), 4);
    assert!(second.items[0].published_at <= *dates.last().unwrap());
    let beyond = list(&server, "?page=3").await;
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 14);

    let small = list(&server, "?page=2&per_page=5").await;
    assert_eq!(small.items[0].id, first.items[5].id);
}

#[tokio::test]
async fn articles_can_be_filtered_by_category() {
    let server = TestServer::start().await;
    let policy = list(&server, "?category=chinh-sach").await;
    assert_eq!(policy.total, 5);
    assert_eq!(policy.category.unwrap().title, "Văn bản, chính sách");
    assert!(policy.items.iter().all(|a| a.category.slug == "chinh-sach"));
    let all = list(&server, "?category=").await;
    assert_eq!(all.total, 14);

    let body = problem(server.get("/api/articles?category=khong-co").await, 404).await;
    assert_eq!(body["title"], "Không tìm thấy chuyên mục");
}

#[tokio::test]
async fn bad_query_values_are_refused_as_problems() {
    let server = TestServer::start().await;
    let body = problem(server.get("/api/articles?page=-1").await, 422).await;
    assert_eq!(body["title"], "Số trang không hợp lệ");
    let body = problem(server.get("/api/articles?page=0").await, 422).await;
    assert_eq!(body["title"], "Số trang không hợp lệ");
    let body = problem(server.get("/api/articles?per_page=10000").await, 422).await;
    assert_eq!(body["title"], "Số bài mỗi trang không hợp lệ");
    let body = problem(server.get("/api/articles?per_page=0").await, 422).await;
    assert_eq!(body["title"], "Số bài mỗi trang không hợp lệ");
    let body = problem(server.get("/api/articles?page=abc").await, 400).await;
    assert_eq!(body["title"], "Yêu cầu không hợp lệ");
    problem(
        server.get("/api/articles?page=99999999999999999999").await,
        400,
    )
    .await;
}

#[tokio::test]
async fn the_seed_article_is_served_whole() {
    let server = TestServer::start().await;
    let id = seed_article_id(&server).await;
    let reader = "5d2c9e1a-3b4f-4a6d-9e8f-7a6b5c4d3e2f";
    let response = server.get_as(reader, &format!("/api/articles/{id}")).await;
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json().await.unwrap();
    assert_eq!(json["published_at"], "2021-03-28T20:33:00Z");
    let article: Article = serde_json::from_value(json).unwrap();
    assert_eq!(article.title, SEED_TITLE);
    assert_eq!(article.summary, SEED_TITLE);
    assert_eq!(article.author, "Mai Thanh - TTKC");
    assert_eq!(article.category.slug, "chinh-sach");
    assert!(
        article
            .body_html
            .starts_with("<p>Ngày 19/02/2021, Bộ Công Thương ban hành Chỉ thị số 04/CT-BCT")
    );
    assert!(article.body_html.contains("<p>2. Sở Công Thương các tỉnh"));
    assert_eq!(article.source, None);
    assert_eq!(
        article.tags,
        ["khuyến công", "Chỉ thị 04/CT-BCT", "công nghiệp nông thôn"]
    );
    assert_eq!(article.views, 1);
}

#[tokio::test]
async fn newer_and_older_lists_hold_the_nearest_of_the_same_category() {
    let server = TestServer::start().await;
    let id = seed_article_id(&server).await;
    let article: Article = server
        .get(&format!("/api/articles/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let newer: Vec<_> = article.newer.iter().map(|a| a.slug.as_str()).collect();
    let older: Vec<_> = article.older.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(
        newer,
        [
            "huong-dan-lap-de-an-khuyen-cong-2022",
            "thong-tu-quan-ly-kinh-phi-khuyen-cong"
        ]
    );
    assert_eq!(
        older,
        [
            "quyet-dinh-ke-hoach-khuyen-cong-dia-phuong-2021",
            "nghi-dinh-khuyen-cong-giai-doan-2021-2025"
        ]
    );
}

#[tokio::test]
async fn neighbour_lists_stop_at_ten() {
    let server = TestServer::start().await;
    let lines: String = (1..=25)
        .map(|day| {
            format!(
                r#"{{"kind":"article","slug":"tin-{day}","category":"tin-hoat-dong","title":"Tin {day}","summary":"S","body_html":"<p>B</p>","author":"A","published_at":"2015-01-{:02}T08:00:00+07:00"}}"#,
                day
            ) + "\n"
        })
        .collect();
    portal_server::content::import(&server.pool, &lines)
        .await
        .unwrap();
    let all = list(&server, "?category=tin-hoat-dong&per_page=50").await;
    let middle = all.items.iter().find(|a| a.slug == "tin-13").unwrap().id;
    let article: Article = server
        .get(&format!("/api/articles/{middle}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(article.older.len(), 10);
    assert_eq!(article.older[0].slug, "tin-12");
    assert_eq!(article.newer.len(), 10);
    assert_eq!(article.newer[0].slug, "tin-14");
}

#[tokio::test]
async fn unknown_and_malformed_article_ids_are_problems() {
    let server = TestServer::start().await;
    let body = problem(server.get("/api/articles/999999").await, 404).await;
    assert_eq!(body["title"], "Không tìm thấy bài viết");
    let body = problem(server.get("/api/articles/abc").await, 400).await;
    assert_eq!(body["title"], "Yêu cầu không hợp lệ");
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let server = TestServer::start().await;
    for path in ["/api", "/api/", "/api/khong-co", "/api/articles/1/khong-co"] {
        let body = problem(server.get(path).await, 404).await;
        assert_eq!(body["title"], "Không tìm thấy địa chỉ này", "{path}");
    }
}

#[tokio::test]
async fn a_view_counts_once_per_visitor() {
    let server = TestServer::start().await;
    let id = seed_article_id(&server).await;
    let path = format!("/api/articles/{id}");

    let first = server.get(&path).await;
    let visitor = issued_visitor(&first).expect("a new reader gets a visitor cookie");
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert_eq!(
        first.json::<Article>().await.unwrap().views,
        0,
        "a reader minted by this very request is not counted"
    );
    assert_eq!(
        server
            .get_as(&visitor, &path)
            .await
            .json::<Article>()
            .await
            .unwrap()
            .views,
        1
    );

    for _ in 0..3 {
        let again = server.get_as(&visitor, &path).await;
        assert_eq!(
            issued_visitor(&again),
            None,
            "a known reader keeps the cookie"
        );
        assert_eq!(again.json::<Article>().await.unwrap().views, 1);
    }
    let other = server
        .get_as("7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", &path)
        .await;
    assert_eq!(other.json::<Article>().await.unwrap().views, 2);
}

#[tokio::test]
async fn racing_first_views_of_one_visitor_count_once() {
    let server = TestServer::start().await;
    let id = seed_article_id(&server).await;
    let path = format!("/api/articles/{id}");
    let visitor = "0b9d6f2a-1c3e-4d5f-8a7b-9c0d1e2f3a4b";
    let requests = (0..20).map(|_| {
        server
            .client
            .get(server.url(&path))
            .header("cookie", server.visitor_cookie(visitor))
    });
    let statuses = concurrent_statuses(requests).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let views = crate::common::integers(
        &server.pool,
        &format!("SELECT views FROM articles WHERE id = {id}"),
    )
    .await[0];
    assert_eq!(views, 1);
}

#[tokio::test]
async fn a_malformed_visitor_cookie_is_replaced() {
    let server = TestServer::start().await;
    let response = server.get_as("not-a-uuid", "/api/categories").await;
    assert!(issued_visitor(&response).is_some());
}

#[tokio::test]
async fn json_is_compressed_for_clients_that_ask() {
    let server = TestServer::start().await;
    for encoding in ["br", "gzip"] {
        let response = server
            .client
            .get(server.url("/api/articles?per_page=50"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-encoding"], encoding);
    }
}

#[tokio::test]
async fn a_tag_lists_the_articles_that_carry_it() {
    let server = TestServer::start().await;
    let tagged: ArticleList = server
        .get("/api/articles?tag=Ch%E1%BB%89%20th%E1%BB%8B%2004%2FCT-BCT")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tagged.total, 1);
    assert_eq!(
        tagged.items[0].slug,
        "chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong"
    );
    let none: ArticleList = server
        .get("/api/articles?tag=kh%C3%B4ng%20c%C3%B3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((none.total, none.items.len()), (0, 0));
}
