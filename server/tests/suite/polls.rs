//! Polls over HTTP: results, ballots, every refusal, and races.

use crate::common::{TestServer, assert_exactly_one_accepted, concurrent_statuses, problem};
use portal_contract::{Poll, RevotePolicy};
use portal_server::Settings;
use reqwest::RequestBuilder;
use serde_json::json;

const FEATURED: &str = "san-pham-cnnttb-cap-tinh";
const MULTI: &str = "hoat-dong-khuyen-cong-quan-tam";
const CLOSED: &str = "san-pham-cnnttb-2021";

fn reader(n: u32) -> String {
    format!("00000000-0000-4000-9000-{n:012x}")
}

async fn polls_as(server: &TestServer, who: &str) -> Vec<Poll> {
    let response = server.get_as(who, "/api/polls").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn poll(server: &TestServer, slug: &str, who: &str) -> Poll {
    polls_as(server, who)
        .await
        .into_iter()
        .find(|p| p.slug == slug)
        .unwrap()
}

fn vote(server: &TestServer, id: i64, who: &str) -> RequestBuilder {
    server.post_as(who, &format!("/api/polls/{id}/votes"))
}

async fn ballot(server: &TestServer, id: i64, who: &str, options: &[i64]) -> reqwest::Response {
    vote(server, id, who)
        .json(&json!({ "option_ids": options }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn started_polls_are_listed_featured_first() {
    let server = TestServer::start().await;
    let polls = polls_as(&server, &reader(0)).await;
    let slugs: Vec<_> = polls.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, [FEATURED, MULTI, CLOSED]);
    let featured = &polls[0];
    assert!(featured.featured && featured.is_open);
    assert_eq!(featured.max_choices, 1);
    assert_eq!(featured.revote, RevotePolicy::AfterCooldown { minutes: 60 });
    assert_eq!(featured.options.len(), 6);
    assert!(
        featured.options[0]
            .image
            .as_deref()
            .unwrap()
            .ends_with(".svg")
    );
    assert!(
        featured.options[0]
            .link
            .as_deref()
            .unwrap()
            .starts_with("/bai-viet/")
    );
    assert_eq!(featured.options[4].link, None);
    assert_eq!((featured.total_votes, featured.voters), (0, 0));
    assert!(featured.options.iter().all(|o| o.percent_hundredths == 0));
    assert_eq!(polls[1].revote, RevotePolicy::Once);
    assert!(!polls[2].is_open);
}

#[tokio::test]
async fn a_ballot_is_counted_and_the_results_come_back() {
    let server = TestServer::start().await;
    let featured = poll(&server, FEATURED, &reader(1)).await;
    let choice = featured.options[1].id;
    let response = ballot(&server, featured.id, &reader(1), &[choice]).await;
    assert_eq!(response.status(), 201);
    let results: Poll = response.json().await.unwrap();
    assert_eq!((results.total_votes, results.voters), (1, 1));
    assert_eq!(results.options[1].votes, 1);
    assert_eq!(results.options[1].percent_hundredths, 10_000);
    assert_eq!(results.my_choices, [choice]);

    let other = ballot(&server, featured.id, &reader(2), &[featured.options[0].id]).await;
    let results: Poll = other.json().await.unwrap();
    assert_eq!(results.options[0].percent_hundredths, 5_000);
    assert_eq!(results.options[1].percent_hundredths, 5_000);
    let by_id: Poll = server
        .get_as(&reader(1), &format!("/api/polls/{}", featured.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        by_id.my_choices,
        [choice],
        "each reader sees their own choice"
    );
    assert_eq!(by_id.total_votes, 2);
}

#[tokio::test]
async fn a_multi_answer_ballot_counts_each_choice() {
    let server = TestServer::start().await;
    let multi = poll(&server, MULTI, &reader(1)).await;
    let ids: Vec<i64> = multi.options.iter().map(|o| o.id).collect();
    assert_eq!(
        ballot(&server, multi.id, &reader(1), &ids[..3])
            .await
            .status(),
        201
    );
    let results = poll(&server, MULTI, &reader(1)).await;
    assert_eq!((results.total_votes, results.voters), (3, 1));
    assert_eq!(results.my_choices, ids[..3]);
    assert_eq!(results.options[0].percent_hundredths, 3_333);
}

#[tokio::test]
async fn wrong_ballots_are_422_with_nukeviets_messages() {
    let server = TestServer::start().await;
    let featured = poll(&server, FEATURED, &reader(1)).await;
    let multi = poll(&server, MULTI, &reader(1)).await;
    let all: Vec<i64> = multi.options.iter().map(|o| o.id).collect();
    let cases: [(i64, serde_json::Value, &str); 6] = [
        (
            featured.id,
            json!({ "option_ids": [] }),
            "Bạn cần chọn 1 phương án",
        ),
        (
            multi.id,
            json!({ "option_ids": [] }),
            "Bạn cần chọn từ 1 đến 3 phương án",
        ),
        (
            multi.id,
            json!({ "option_ids": all }),
            "Bạn cần chọn từ 1 đến 3 phương án",
        ),
        (
            multi.id,
            json!({ "option_ids": [all[0], all[0]] }),
            "Phương án bình chọn không hợp lệ",
        ),
        (
            multi.id,
            json!({ "option_ids": [featured.options[0].id] }),
            "Phương án bình chọn không hợp lệ",
        ),
        (
            multi.id,
            json!({ "option_ids": "1" }),
            "Phương án bình chọn không hợp lệ",
        ),
    ];
    for (id, body, title) in cases {
        let response = vote(&server, id, &reader(1))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(problem(response, 422).await["title"], title, "{body}");
    }
    let malformed = vote(&server, multi.id, &reader(1))
        .header("content-type", "application/json")
        .body("{\"option_ids\": [")
        .send()
        .await
        .unwrap();
    problem(malformed, 422).await;
    assert_eq!(
        poll(&server, MULTI, &reader(1)).await.total_votes,
        0,
        "nothing counted"
    );
}

#[tokio::test]
async fn a_repeat_ballot_is_refused_by_the_polls_policy() {
    let server = TestServer::start().await;
    let multi = poll(&server, MULTI, &reader(1)).await;
    let first = multi.options[0].id;
    assert_eq!(
        ballot(&server, multi.id, &reader(1), &[first])
            .await
            .status(),
        201
    );
    let body = problem(ballot(&server, multi.id, &reader(1), &[first]).await, 409).await;
    assert_eq!(body["title"], "Bạn chỉ được bình chọn 1 lần");

    let featured = poll(&server, FEATURED, &reader(1)).await;
    let choice = featured.options[0].id;
    assert_eq!(
        ballot(&server, featured.id, &reader(1), &[choice])
            .await
            .status(),
        201
    );
    let body = problem(
        ballot(&server, featured.id, &reader(1), &[choice]).await,
        409,
    )
    .await;
    assert_eq!(
        body["title"],
        "Bạn đã bình chọn! Vui lòng đợi 60 phút sau để có thể bình chọn lại."
    );
}

#[tokio::test]
async fn the_cooldown_counts_down_and_then_allows_a_new_ballot() {
    let server = TestServer::start().await;
    let featured = poll(&server, FEATURED, &reader(1)).await;
    let choice = featured.options[2].id;
    assert_eq!(
        ballot(&server, featured.id, &reader(1), &[choice])
            .await
            .status(),
        201
    );
    // As if the ballot had been cast 45 minutes and 10 seconds ago.
    crate::common::execute(
        &server.pool,
        "UPDATE poll_voters SET last_cast_at = last_cast_at - 2710",
    )
    .await;
    let body = problem(
        ballot(&server, featured.id, &reader(1), &[choice]).await,
        409,
    )
    .await;
    assert_eq!(
        body["title"],
        "Bạn đã bình chọn! Vui lòng đợi 15 phút sau để có thể bình chọn lại."
    );
    crate::common::execute(
        &server.pool,
        "UPDATE poll_voters SET last_cast_at = last_cast_at - 900",
    )
    .await;
    let again = ballot(&server, featured.id, &reader(1), &[featured.options[3].id]).await;
    assert_eq!(again.status(), 201);
    let results: Poll = again.json().await.unwrap();
    assert_eq!((results.total_votes, results.voters), (2, 1));
    assert_eq!(
        results.my_choices,
        [featured.options[3].id],
        "the latest ballot"
    );
}

#[tokio::test]
async fn closed_unknown_and_future_polls() {
    let server = TestServer::start().await;
    let closed = poll(&server, CLOSED, &reader(1)).await;
    let body = problem(
        ballot(&server, closed.id, &reader(1), &[closed.options[0].id]).await,
        409,
    )
    .await;
    assert_eq!(body["title"], "Cuộc bình chọn đã kết thúc");

    let body = problem(ballot(&server, 999_999, &reader(1), &[1]).await, 404).await;
    assert_eq!(body["title"], "Không tìm thấy cuộc bình chọn");
    problem(server.get("/api/polls/999999").await, 404).await;
    problem(server.get("/api/polls/abc").await, 400).await;

    let future = r#"{"kind":"poll","slug":"tuong-lai","question":"Q?","max_choices":1,"starts_at":"2099-01-01T00:00:00Z","options":[{"slug":"a","title":"A"},{"slug":"b","title":"B"}]}"#;
    portal_server::content::import(&server.pool, future)
        .await
        .unwrap();
    let id = crate::common::integers(
        &server.pool,
        "SELECT id FROM polls WHERE slug = 'tuong-lai'",
    )
    .await[0];
    assert!(
        polls_as(&server, &reader(1))
            .await
            .iter()
            .all(|p| p.id != id)
    );
    problem(server.get(&format!("/api/polls/{id}")).await, 404).await;
    problem(ballot(&server, id, &reader(1), &[1]).await, 404).await;
}

#[tokio::test]
async fn cross_site_ballots_are_refused() {
    let server = TestServer::start().await;
    let featured = poll(&server, FEATURED, &reader(1)).await;
    let response = vote(&server, featured.id, &reader(1))
        .header("origin", "https://evil.example")
        .json(&json!({ "option_ids": [featured.options[0].id] }))
        .send()
        .await
        .unwrap();
    problem(response, 403).await;
    assert_eq!(poll(&server, FEATURED, &reader(1)).await.total_votes, 0);
}

#[tokio::test]
async fn three_hundred_concurrent_readers_give_exact_counts() {
    // Three hundred readers behind one address: the per-address valve is opened wide.
    let server = TestServer::with_settings(Settings {
        ballots_per_ip_per_hour: 1000,
        ..Settings::default()
    })
    .await;
    let featured = poll(&server, FEATURED, &reader(0)).await;
    let ids: Vec<i64> = featured.options.iter().map(|o| o.id).collect();
    let requests = (0..300u32).map(|n| {
        let option = ids[(n % 6) as usize];
        vote(&server, featured.id, &reader(n)).json(&json!({ "option_ids": [option] }))
    });
    let statuses = concurrent_statuses(requests).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let results = poll(&server, FEATURED, &reader(0)).await;
    assert_eq!((results.total_votes, results.voters), (300, 300));
    assert!(
        results.options.iter().all(|o| o.votes == 50),
        "{:?}",
        results.options
    );
}

#[tokio::test]
async fn one_reader_firing_twenty_ballots_lands_exactly_one() {
    let server = TestServer::start().await;
    let featured = poll(&server, FEATURED, &reader(9)).await;
    let option = featured.options[0].id;
    let requests = (0..20)
        .map(|_| vote(&server, featured.id, &reader(9)).json(&json!({ "option_ids": [option] })));
    let statuses = concurrent_statuses(requests).await;
    assert_exactly_one_accepted(&statuses);
    let results = poll(&server, FEATURED, &reader(9)).await;
    assert_eq!((results.total_votes, results.voters), (1, 1));
}

const EDITED: &str = "kiem-thu-sua-binh-chon";

fn edited_poll(options: &[(&str, &str)]) -> String {
    let options: Vec<_> = options
        .iter()
        .map(|(slug, title)| json!({ "slug": slug, "title": title }))
        .collect();
    json!({
        "kind": "poll", "slug": EDITED, "question": "Sản phẩm nào?", "max_choices": 1,
        "starts_at": "2026-01-01T00:00:00Z", "options": options,
    })
    .to_string()
}

#[tokio::test]
async fn re_importing_a_poll_matches_options_by_slug_and_never_moves_a_vote() {
    let server = TestServer::start().await;
    let import = |text: String| {
        let pool = server.pool.clone();
        async move { portal_server::content::import(&pool, &text).await }
    };
    import(edited_poll(&[
        ("che", "Chè"),
        ("gom", "Gốm"),
        ("mat-ong", "Mật ong"),
    ]))
    .await
    .unwrap();
    // No ballots yet: options may trade places freely.
    import(edited_poll(&[
        ("gom", "Gốm"),
        ("che", "Chè"),
        ("mat-ong", "Mật ong"),
    ]))
    .await
    .unwrap();
    let before = poll(&server, EDITED, &reader(1)).await;
    let titles: Vec<_> = before.options.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, ["Gốm", "Chè", "Mật ong"]);
    let che = before.options[1].id;
    assert_eq!(
        ballot(&server, before.id, &reader(1), &[che])
            .await
            .status(),
        201
    );

    let removed = edited_poll(&[("gom", "Gốm"), ("mat-ong", "Mật ong")]);
    let error = import(format!("\n{removed}"))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("line 2") && error.contains("`che` đã có lượt bình chọn"),
        "{error}"
    );
    let moved = edited_poll(&[("che", "Chè"), ("gom", "Gốm"), ("mat-ong", "Mật ong")]);
    let error = import(moved).await.unwrap_err().to_string();
    assert!(error.contains("không thể đổi vị trí"), "{error}");

    // Renaming the voted option, and dropping one without ballots, is fine.
    import(edited_poll(&[("gom", "Gốm sứ"), ("che", "Chè Tân Cương")]))
        .await
        .unwrap();
    let after = poll(&server, EDITED, &reader(1)).await;
    assert_eq!(after.options.len(), 2);
    assert_eq!(after.options[1].id, che, "the same option row");
    assert_eq!(
        (after.options[1].title.as_str(), after.options[1].votes),
        ("Chè Tân Cương", 1)
    );
    assert_eq!(after.my_choices, [che]);
}
