//! "Lưu bài viết này": the article as one HTML file to keep — its text as its page writes
//! it (the app's `ArticleText`), its own small style sheet inside, every link and
//! picture read against the article's address (`<base>`), so the copy reads the same
//! opened from a disk, far from the portal. The body is the stored one, sanitized when
//! it was saved: nothing is parsed again per download.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use portal_contract::{
    Article, PORTAL_NAME,
    format::{date_line, machine_time},
    words,
};

/// Enough style to read the copy comfortably on any screen or on paper.
const STYLE: &str = "body{font:1.0625rem/1.6 system-ui,sans-serif;color:#1b1b1b;\
max-width:42rem;margin:2rem auto;padding:0 1rem}h1{line-height:1.25}img{max-width:100%;\
height:auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem}\
.portal,.meta,.url{color:#4a4a4a;font-size:.9375rem}.article__lead{font-weight:600}";

/// The download of `article`, read at `url`, as `{slug}.html`.
pub fn download(article: Article, url: &url::Url) -> Response {
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ),
        (header::CONTENT_DISPOSITION, disposition(&article)),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    (headers, document(article, url).into_string()).into_response()
}

/// `attachment` named from the slug (plain ASCII by the import's rules; anything else is
/// left out rather than trusted into a header).
fn disposition(article: &Article) -> HeaderValue {
    let slug: String = article
        .slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let name = if slug.is_empty() {
        format!("bai-viet-{}", article.id)
    } else {
        slug
    };
    HeaderValue::from_str(&format!("attachment; filename=\"{name}.html\""))
        .expect("letters, digits and '-' fit a header")
}

fn document(article: Article, url: &url::Url) -> Markup {
    let (title, published_at) = (article.title.clone(), article.published_at);
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (PORTAL_NAME) }
                base href=(url);
                link rel="canonical" href=(url);
                style { (PreEscaped(STYLE)) }
            }
            body {
                article {
                    p class="portal" { (PORTAL_NAME) }
                    h1 { (title) }
                    p class="meta" {
                        time datetime=(machine_time(published_at)) { (date_line(published_at)) }
                    }
                    (PreEscaped(portal::render::article_text(article)))
                    p class="url" { (words::PRINT_URL) a href=(url) { (url) } }
                }
            }
        }
    }
}
