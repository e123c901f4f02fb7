//! The rating's and the polls' forms, posted without the app: the API's rules, a redirect
//! back to the page, and the outcome shown there once.

use crate::common::{TestServer, problem};
use portal_contract::{Article, Poll, forms, paths};
use reqwest::Response;
use scraper::{Html, Selector};

const SEED: &str = "chi-thi-04-ct-bct-day-manh-hoat-dong-khuyen-cong";
/// Several choices, up to three, once per reader.
const UP_TO_THREE: &str = "hoat-dong-khuyen-cong-quan-tam";
const READER: &str = "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";

/// The form `fields` posted as `READER` from our own page to `action`.
async fn post_form(server: &TestServer, action: &str, fields: &[(&str, &str)]) -> Response {
    server
        .post_as(READER, action)
        .header("sec-fetch-site", "same-origin")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The redirect back: its address, and the outcome cookie it set.
fn redirected(response: &Response) -> (String, String) {
    assert_eq!(response.status(), 303, "{:?}", response.headers());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kc_posted="))
        .expect("the outcome's cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (location, cookie)
}

/// The page at `location` as `READER` with the outcome's `cookie`; it clears the cookie.
async fn page_after(server: &TestServer, location: &str, cookie: &str) -> Html {
    let path = location.split('#').next().unwrap();
    let response = server
        .client
        .get(server.url(path))
        .header(
            "cookie",
            format!("{}; {cookie}", server.visitor_cookie(READER)),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cleared = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with("kc_posted=;") && v.contains("Max-Age=0"));
    assert!(cleared, "shown once: {:?}", response.headers());
    Html::parse_document(&response.text().await.unwrap())
}

fn text(page: &Html, css: &str) -> String {
    let selector = Selector::parse(css).unwrap();
    page.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

async fn article_as_reader(server: &TestServer, id: i64) -> Article {
    let response = server.get_as(READER, &paths::api::article(id)).await;
    response.json().await.unwrap()
}

async fn poll_as_reader(server: &TestServer, id: i64) -> Poll {
    let response = server.get_as(READER, &paths::api::poll(id)).await;
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_rating_form_rates_once_and_the_page_says_so() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let before = article_as_reader(&server, id).await.rating;
    let here = paths::article(id);
    let fields = [
        (forms::POINT_FIELD, "4"),
        (forms::RETURN_FIELD, here.as_str()),
    ];

    let (location, cookie) =
        redirected(&post_form(&server, &forms::rating_action(id), &fields).await);
    assert_eq!(location, format!("{here}#danh-gia"));
    let article = article_as_reader(&server, id).await;
    assert_eq!(article.rating.count, before.count + 1);
    assert_eq!(article.my_rating, Some(4));
    let page = page_after(&server, &location, &cookie).await;
    assert!(
        text(&page, ".rating__status").starts_with("Cảm ơn bạn đã đánh giá."),
        "{}",
        text(&page, ".rating")
    );

    // The same rules as the API's: one rating per reader, in NukeViet's words.
    let (location, cookie) =
        redirected(&post_form(&server, &forms::rating_action(id), &fields).await);
    let page = page_after(&server, &location, &cookie).await;
    assert_eq!(
        text(&page, ".rating__status"),
        "Bạn đã đánh giá bài viết này rồi"
    );
    assert_eq!(
        article_as_reader(&server, id).await.rating.count,
        before.count + 1
    );

    // A point that is not a star is refused, and said.
    let fields = [(forms::POINT_FIELD, "9")];
    let (location, _) = redirected(&post_form(&server, &forms::rating_action(id), &fields).await);
    assert_eq!(location, format!("{here}#danh-gia"), "back to the article");
}

#[tokio::test]
async fn a_ballot_form_keeps_the_polls_rules() {
    let server = TestServer::start().await;
    let id = server.poll_id(UP_TO_THREE).await;
    let options: Vec<String> = poll_as_reader(&server, id)
        .await
        .options
        .iter()
        .map(|o| o.id.to_string())
        .collect();
    let action = forms::ballot_action(id);
    let ballot = |count: usize| -> Vec<(&str, &str)> {
        options[..count]
            .iter()
            .map(|option| (forms::CHOICE_FIELD, option.as_str()))
            .chain([(forms::RETURN_FIELD, paths::POLLS)])
            .collect()
    };

    // Over the maximum: refused and said; nothing cast.
    let (location, cookie) = redirected(&post_form(&server, &action, &ballot(4)).await);
    assert_eq!(location, format!("{}#binh-chon-{id}", paths::POLLS));
    let page = page_after(&server, &location, &cookie).await;
    let said = text(&page, &format!("#binh-chon-{id} .poll__error"));
    assert!(said.contains('3'), "{said}");
    assert!(poll_as_reader(&server, id).await.my_choices.is_empty());

    // Within it: recorded, and the results shown.
    let (location, cookie) = redirected(&post_form(&server, &action, &ballot(2)).await);
    let page = page_after(&server, &location, &cookie).await;
    assert_eq!(
        text(&page, &format!("#binh-chon-{id} .poll__status")),
        "Hệ thống đã ghi nhận bình chọn của bạn."
    );
    assert!(!text(&page, &format!("#binh-chon-{id} .poll-results")).is_empty());
    assert_eq!(poll_as_reader(&server, id).await.my_choices.len(), 2);

    // Once per reader.
    let (location, cookie) = redirected(&post_form(&server, &action, &ballot(1)).await);
    let page = page_after(&server, &location, &cookie).await;
    assert_eq!(
        text(&page, &format!("#binh-chon-{id} .poll__error")),
        "Bạn chỉ được bình chọn 1 lần"
    );
    assert_eq!(poll_as_reader(&server, id).await.my_choices.len(), 2);
}

#[tokio::test]
async fn the_results_button_shows_the_results_and_casts_nothing() {
    let server = TestServer::start().await;
    let id = server.poll_id(UP_TO_THREE).await;
    let fields = [
        (forms::RESULTS_FIELD, "1"),
        (forms::RETURN_FIELD, paths::POLLS),
    ];
    let (location, cookie) =
        redirected(&post_form(&server, &forms::ballot_action(id), &fields).await);
    let page = page_after(&server, &location, &cookie).await;
    assert!(!text(&page, &format!("#binh-chon-{id} .poll-results")).is_empty());
    assert!(poll_as_reader(&server, id).await.my_choices.is_empty());
}

#[tokio::test]
async fn forms_from_another_site_are_refused_and_write_nothing() {
    let server = TestServer::start().await;
    let article = server.article_id(SEED).await;
    let poll = server.poll_id(UP_TO_THREE).await;
    let option = poll_as_reader(&server, poll).await.options[0]
        .id
        .to_string();
    let posts = [
        (
            forms::rating_action(article),
            (forms::POINT_FIELD, "5".to_owned()),
        ),
        (forms::ballot_action(poll), (forms::CHOICE_FIELD, option)),
    ];
    for (action, (name, value)) in posts {
        for (header, from) in [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ] {
            let response = server
                .post_as(READER, &action)
                .header(header, from)
                .form(&[(name, value.as_str())])
                .send()
                .await
                .unwrap();
            let body = problem(response, 403).await;
            assert_eq!(body["type"], "/problems/cross-site", "{action} {header}");
        }
    }
    assert_eq!(article_as_reader(&server, article).await.my_rating, None);
    assert!(poll_as_reader(&server, poll).await.my_choices.is_empty());
}

#[tokio::test]
async fn a_form_returns_only_to_a_page_of_this_portal() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    for elsewhere in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let fields = [(forms::POINT_FIELD, "3"), (forms::RETURN_FIELD, elsewhere)];
        let response = post_form(&server, &forms::rating_action(id), &fields).await;
        let (location, _) = redirected(&response);
        assert_eq!(location, "/#danh-gia", "{elsewhere}");
    }
}

#[tokio::test]
async fn a_reader_without_a_cookie_is_asked_to_send_again() {
    let server = TestServer::start().await;
    let id = server.article_id(SEED).await;
    let count = || async {
        let article: Article = server
            .get(&paths::api::article(id))
            .await
            .json()
            .await
            .unwrap();
        article.rating.count
    };
    let before = count().await;
    let response = server
        .client
        .post(server.url(&forms::rating_action(id)))
        .header("sec-fetch-site", "same-origin")
        .form(&[(forms::POINT_FIELD, "5")])
        .send()
        .await
        .unwrap();
    let (_, cookie) = redirected(&response);
    assert!(cookie.contains("new-reader"), "{cookie}");
    assert_eq!(count().await, before, "nothing counted");
}
