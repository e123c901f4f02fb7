//! `POST /api/articles/{id}/ratings`: every status, races, restarts and the per-IP valve.

use crate::common::{
    TestServer, assert_exactly_one_accepted, concurrent_statuses, issued_visitor, problem,
};
use portal_contract::{Article, RatingAccepted};
use portal_server::Settings;
use reqwest::{RequestBuilder, Response};
use serde_json::json;

fn visitor(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

fn rate(server: &TestServer, id: i64, reader: &str) -> RequestBuilder {
    server.post_as(reader, &format!("/api/articles/{id}/ratings"))
}

async fn rate_point(server: &TestServer, id: i64, reader: &str, point: u8) -> Response {
    rate(server, id, reader)
        .json(&json!({ "point": point }))
        .send()
        .await
        .unwrap()
}

async fn article_as(server: &TestServer, id: i64, reader: &str) -> Article {
    server
        .get_as(reader, &format!("/api/articles/{id}"))
        .await
        .json()
        .await
        .unwrap()
}

const ARTICLE: &str = "ho-tro-may-moc-che-bien-che";

#[tokio::test]
async fn a_rating_is_recorded_and_summarised() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let before = article_as(&server, id, &visitor(1)).await;
    assert!(before.allow_rating);
    assert_eq!((before.rating.total, before.rating.count), (0, 0));
    assert_eq!(before.my_rating, None);

    let response = rate_point(&server, id, &visitor(1), 4).await;
    assert_eq!(response.status(), 201);
    let accepted: RatingAccepted = response.json().await.unwrap();
    assert_eq!((accepted.rating.total, accepted.rating.count), (4, 1));
    assert_eq!(accepted.rating.average, 4.0);
    assert_eq!(accepted.my_rating, 4);

    let accepted: RatingAccepted = rate_point(&server, id, &visitor(2), 5)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((accepted.rating.total, accepted.rating.count), (9, 2));
    assert_eq!(accepted.rating.average, 4.5);

    let seen_by_first = article_as(&server, id, &visitor(1)).await;
    assert_eq!(seen_by_first.my_rating, Some(4));
    assert_eq!(article_as(&server, id, &visitor(3)).await.my_rating, None);
}

#[tokio::test]
async fn a_second_rating_by_the_same_reader_is_a_conflict() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    assert_eq!(rate_point(&server, id, &visitor(1), 3).await.status(), 201);
    let body = problem(rate_point(&server, id, &visitor(1), 5).await, 409).await;
    assert_eq!(body["title"], "Bạn đã đánh giá bài viết này rồi");
    let article = article_as(&server, id, &visitor(1)).await;
    assert_eq!((article.rating.total, article.rating.count), (3, 1));
}

#[tokio::test]
async fn invalid_ratings_are_422() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let bodies = [
        r#"{"point": 0}"#,
        r#"{"point": 6}"#,
        r#"{"point": -1}"#,
        r#"{"point": 4.5}"#,
        r#"{"point": "4"}"#,
        r#"{"point": null}"#,
        r#"{}"#,
        r#"{"point": 4"#,
        "",
    ];
    for body in bodies {
        let response = rate(&server, id, &visitor(1))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let problem = problem(response, 422).await;
        assert_eq!(problem["title"], "Đánh giá không hợp lệ", "{body}");
    }
    let article = article_as(&server, id, &visitor(1)).await;
    assert_eq!(article.rating.count, 0, "nothing was recorded");
}

#[tokio::test]
async fn unknown_articles_are_404_and_closed_ones_403() {
    let server = TestServer::start().await;
    let body = problem(rate_point(&server, 999_999, &visitor(1), 4).await, 404).await;
    assert_eq!(body["title"], "Không tìm thấy bài viết");

    let id = server.article_id(ARTICLE).await;
    crate::common::execute(
        &server.pool,
        &format!("UPDATE articles SET allow_rating = FALSE WHERE id = {id}"),
    )
    .await;
    let body = problem(rate_point(&server, id, &visitor(1), 4).await, 403).await;
    assert_eq!(body["title"], "Bài viết này không nhận đánh giá");
    assert!(!article_as(&server, id, &visitor(1)).await.allow_rating);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let form_post = rate(&server, id, &visitor(1))
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("point=5")
        .send()
        .await
        .unwrap();
    let body = problem(form_post, 403).await;
    assert_eq!(body["title"], "Yêu cầu từ trang web khác bị từ chối");

    let fetched_cross_site = rate(&server, id, &visitor(1))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({ "point": 5 }))
        .send()
        .await
        .unwrap();
    problem(fetched_cross_site, 403).await;

    let same_site_form = rate(&server, id, &visitor(1))
        .header("content-type", "text/plain")
        .body(r#"{"point": 5}"#)
        .send()
        .await
        .unwrap();
    problem(same_site_form, 415).await;

    let own_origin = rate(&server, id, &visitor(1))
        .header("origin", &server.base)
        .json(&json!({ "point": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(own_origin.status(), 201);
    assert_eq!(article_as(&server, id, &visitor(1)).await.rating.count, 1);
}

#[tokio::test]
async fn a_reader_without_a_cookie_is_issued_one_then_the_rating_counts() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let response = server
        .client
        .post(server.url(&format!("/api/articles/{id}/ratings")))
        .json(&json!({ "point": 2 }))
        .send()
        .await
        .unwrap();
    let issued = issued_visitor(&response).expect("a cookie is issued");
    let body = problem(response, 428).await;
    assert_eq!(
        body["type"], "/problems/new-reader",
        "minted by this request"
    );
    assert_eq!(
        rate_point(&server, id, &issued, 2).await.status(),
        201,
        "sent again"
    );
    assert_eq!(article_as(&server, id, &issued).await.my_rating, Some(2));
}

#[tokio::test]
async fn a_reader_id_the_client_made_up_is_no_reader() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let made_up = "00000000-0000-4000-8000-00000000beef";
    for cookie in [made_up.to_owned(), format!("{made_up}.{}", "0".repeat(32))] {
        let response = server
            .client
            .post(server.url(&format!("/api/articles/{id}/ratings")))
            .header("cookie", format!("kc_visitor={cookie}"))
            .json(&json!({ "point": 5 }))
            .send()
            .await
            .unwrap();
        let fresh = issued_visitor(&response).expect("a new, sealed id instead");
        assert_ne!(fresh, made_up);
        problem(response, 428).await;
    }
    let summary = article_as(&server, id, made_up).await.rating;
    assert_eq!(summary.count, 0, "nothing was counted");
}

#[tokio::test]
async fn two_hundred_concurrent_readers_are_all_counted_exactly() {
    // All of them come from 127.0.0.1: lift the per-IP valve, which has its own test.
    let server = TestServer::with_settings(Settings {
        ratings_per_ip_per_hour: 1_000,
        ..Settings::default()
    })
    .await;
    let id = server.article_id(ARTICLE).await;
    let requests = (0..200u32).map(|n| {
        let point = (n % 5 + 1) as u8;
        rate(&server, id, &visitor(n)).json(&json!({ "point": point }))
    });
    let statuses = concurrent_statuses(requests).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let article = article_as(&server, id, &visitor(0)).await;
    assert_eq!(article.rating.count, 200);
    assert_eq!(article.rating.total, 40 * (1 + 2 + 3 + 4 + 5));
    let stored = crate::common::integers(
        &server.pool,
        &format!(
            "SELECT COUNT(*), CAST(SUM(point) AS BIGINT) FROM ratings WHERE article_id = {id}"
        ),
    )
    .await;
    assert_eq!(stored, [200, 600]);
}

#[tokio::test]
async fn one_reader_racing_twenty_ratings_lands_exactly_one() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    let requests = (0..20).map(|_| rate(&server, id, &visitor(7)).json(&json!({ "point": 5 })));
    let statuses = concurrent_statuses(requests).await;
    assert_exactly_one_accepted(&statuses);
    let article = article_as(&server, id, &visitor(7)).await;
    assert_eq!((article.rating.total, article.rating.count), (5, 1));
}

#[tokio::test]
async fn accepted_ratings_survive_a_restart() {
    let server = TestServer::start().await;
    let id = server.article_id(ARTICLE).await;
    for n in 0..10 {
        assert_eq!(rate_point(&server, id, &visitor(n), 3).await.status(), 201);
    }
    let server = server.restart().await;
    let article = article_as(&server, id, &visitor(4)).await;
    assert_eq!((article.rating.total, article.rating.count), (30, 10));
    assert_eq!(article.my_rating, Some(3));
    assert_eq!(rate_point(&server, id, &visitor(4), 3).await.status(), 409);
}

#[tokio::test]
async fn too_many_anonymous_readers_from_one_address_get_429() {
    let server = TestServer::with_settings(Settings {
        ratings_per_ip_per_hour: 3,
        ..Settings::default()
    })
    .await;
    let id = server.article_id(ARTICLE).await;
    for n in 0..3 {
        assert_eq!(rate_point(&server, id, &visitor(n), 5).await.status(), 201);
    }
    let response = rate_point(&server, id, &visitor(3), 5).await;
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry_after), "{retry_after}");
    problem(response, 429).await;
    let article = article_as(&server, id, &visitor(0)).await;
    assert_eq!(article.rating.count, 3, "the refused rating was not kept");
    let other = server.article_id("tap-huan-thuong-mai-dien-tu").await;
    assert_eq!(
        rate_point(&server, other, &visitor(3), 5).await.status(),
        201,
        "per article"
    );
}
