//! The per-network valves against scripts: ballots and ratings counted by network inside
//! the write transaction, IPv6 by /64, and X-Forwarded-For only from trusted proxies.

use crate::common::{TestServer, concurrent_statuses, problem};
use portal_server::Settings;
use serde_json::json;

const POLL: &str = "san-pham-cnnttb-cap-tinh";
const OTHER_POLL: &str = "hoat-dong-khuyen-cong-quan-tam";

fn reader(n: u32) -> String {
    format!("00000000-0000-4000-a000-{n:012x}")
}

async fn first_option(server: &TestServer, poll: i64) -> i64 {
    let poll: portal_contract::Poll = server
        .get(&format!("/api/polls/{poll}"))
        .await
        .json()
        .await
        .unwrap();
    poll.options[0].id
}

fn ballot(server: &TestServer, poll: i64, option: i64, who: &str) -> reqwest::RequestBuilder {
    server
        .post_as(who, &format!("/api/polls/{poll}/votes"))
        .json(&json!({ "option_ids": [option] }))
}

#[tokio::test]
async fn sixty_racing_readers_of_one_address_cast_exactly_fifty_ballots() {
    let server = TestServer::start().await;
    let poll = server.poll_id(POLL).await;
    let option = first_option(&server, poll).await;
    let requests = (0..60).map(|n| ballot(&server, poll, option, &reader(n)));
    let statuses = concurrent_statuses(requests).await;
    let cast = statuses.iter().filter(|s| **s == 201).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((cast, refused), (50, 10), "{statuses:?}");
    let counted: portal_contract::Poll = server
        .get(&format!("/api/polls/{poll}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(counted.total_votes, 50);
}

#[tokio::test]
async fn the_ballot_valve_spans_polls_and_says_when_to_come_back() {
    let server = TestServer::with_settings(Settings {
        ballots_per_ip_per_hour: 2,
        ..Settings::default()
    })
    .await;
    let (first, second) = (server.poll_id(POLL).await, server.poll_id(OTHER_POLL).await);
    let (a, b) = (
        first_option(&server, first).await,
        first_option(&server, second).await,
    );
    assert_eq!(
        ballot(&server, first, a, &reader(1))
            .send()
            .await
            .unwrap()
            .status(),
        201
    );
    assert_eq!(
        ballot(&server, second, b, &reader(2))
            .send()
            .await
            .unwrap()
            .status(),
        201
    );
    let refused = ballot(&server, second, b, &reader(3)).send().await.unwrap();
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    let body = problem(refused, 429).await;
    assert_eq!(body["type"], "/problems/too-many-requests");
}

#[tokio::test]
async fn ratings_are_capped_per_address_across_all_articles() {
    let server = TestServer::with_settings(Settings {
        ratings_per_ip_per_hour_all_articles: 3,
        ..Settings::default()
    })
    .await;
    let list: portal_contract::ArticleList = server
        .get("/api/articles?per_page=5")
        .await
        .json()
        .await
        .unwrap();
    let mut statuses = Vec::new();
    for (n, article) in list.items.iter().enumerate() {
        let response = server
            .post_as(
                &reader(100 + n as u32),
                &format!("/api/articles/{}/ratings", article.id),
            )
            .json(&json!({ "point": 4 }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429]);
}

fn from(request: reqwest::RequestBuilder, forwarded_for: &str) -> reqwest::RequestBuilder {
    request.header("x-forwarded-for", forwarded_for)
}

#[tokio::test]
async fn behind_a_trusted_proxy_ipv6_readers_count_by_their_64() {
    let server = TestServer::with_settings(Settings {
        ballots_per_ip_per_hour: 2,
        trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        ..Settings::default()
    })
    .await;
    let poll = server.poll_id(POLL).await;
    let option = first_option(&server, poll).await;
    let cast = |n: u32, address: &'static str| {
        let request = from(ballot(&server, poll, option, &reader(n)), address);
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(cast(1, "2001:db8:1:2::1").await, 201);
    assert_eq!(cast(2, "2001:db8:1:2:ffff::9").await, 201);
    assert_eq!(cast(3, "2001:db8:1:2:abcd::3").await, 429, "the same /64");
    assert_eq!(cast(4, "2001:db8:1:3::1").await, 201, "another /64");
    assert_eq!(cast(5, "198.51.100.7").await, 201);
}

#[tokio::test]
async fn without_trusted_proxies_x_forwarded_for_is_ignored() {
    let server = TestServer::with_settings(Settings {
        ballots_per_ip_per_hour: 2,
        ..Settings::default()
    })
    .await;
    let poll = server.poll_id(POLL).await;
    let option = first_option(&server, poll).await;
    let mut statuses = Vec::new();
    for (n, address) in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
        .iter()
        .enumerate()
    {
        let request = from(ballot(&server, poll, option, &reader(n as u32)), address);
        statuses.push(request.send().await.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 429], "all from the one TCP peer");
}

#[tokio::test]
async fn the_64s_of_one_ipv6_48_share_ten_times_a_network_s_valve() {
    let server = TestServer::with_settings(Settings {
        ballots_per_ip_per_hour: 2,
        ratings_per_ip_per_hour: 1,
        trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        ..Settings::default()
    })
    .await;
    let poll = server.poll_id(POLL).await;
    let option = first_option(&server, poll).await;
    // 30 /64s of one /48, one ballot each: the /48 takes 2 × 10 of them.
    let mut statuses = Vec::new();
    for n in 0..30 {
        let address = format!("2001:db8:5:{n:x}::1");
        let request = from(ballot(&server, poll, option, &reader(n)), &address);
        statuses.push(request.send().await.unwrap().status().as_u16());
    }
    let cast = statuses.iter().filter(|s| **s == 201).count();
    assert_eq!(cast, 20, "{statuses:?}");
    assert!(statuses[20..].iter().all(|s| *s == 429));
    let elsewhere = from(ballot(&server, poll, option, &reader(99)), "2001:db8:6::1");
    assert_eq!(elsewhere.send().await.unwrap().status(), 201, "another /48");

    let article = server.article_id("ho-tro-may-moc-che-bien-che").await;
    let mut rated = 0;
    for n in 0..15 {
        let address = format!("2001:db8:7:{n:x}::1");
        let rating = server
            .post_as(
                &reader(200 + n),
                &format!("/api/articles/{article}/ratings"),
            )
            .json(&json!({ "point": 5 }));
        if from(rating, &address).send().await.unwrap().status() == 201 {
            rated += 1;
        }
    }
    assert_eq!(rated, 10, "one rating a /64, ten a /48");
}
