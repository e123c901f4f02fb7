//! A written page's head: title, description, canonical address, Open Graph for the
//! previews of Zalo and Facebook, and JSON-LD `NewsArticle` for an article.

use maud::{Markup, PreEscaped, html};
use portal_contract::{Article, PORTAL_NAME, format::machine_time};
use serde_json::json;

/// The picture a shared link shows when its page has none of its own.
pub const PORTAL_PICTURE: &str = "/images/chia-se.png";
/// Longest description, in characters: what previews show before cutting.
const DESCRIPTION_CHARS: usize = 300;

pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute addresses, under the portal's public one.
    pub url: String,
    pub picture: String,
    pub article: Option<Article>,
}

impl Head {
    pub fn tags(&self) -> Markup {
        let description = shortened(&self.description);
        html! {
            title { (self.title) }
            meta name="description" content=(description);
            link rel="canonical" href=(self.url);
            meta property="og:site_name" content=(PORTAL_NAME);
            meta property="og:locale" content="vi_VN";
            meta property="og:type" content=(if self.article.is_some() { "article" } else { "website" });
            meta property="og:title" content=(self.title);
            meta property="og:description" content=(description);
            meta property="og:url" content=(self.url);
            meta property="og:image" content=(self.picture);
            @if let Some(article) = &self.article {
                meta property="article:published_time" content=(machine_time(article.published_at));
                meta property="article:section" content=(article.category.title);
                script type="application/ld+json" { (PreEscaped(self.news_article(article))) }
            }
        }
    }

    /// schema.org's `NewsArticle`, as JSON that cannot end its `<script>` early.
    fn news_article(&self, article: &Article) -> String {
        let data = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": shortened(&article.summary),
            "datePublished": machine_time(article.published_at),
            "image": [self.picture],
            "author": { "@type": "Person", "name": article.author },
            "publisher": { "@type": "Organization", "name": PORTAL_NAME },
            "articleSection": article.category.title,
            "keywords": article.tags,
            "mainEntityOfPage": self.url,
        });
        script_safe_json(&data)
    }
}

/// JSON to put inside a `<script>` element: `<` is written `\u003c`, so no `</script>`
/// or `<!--` in the data can end or bend the element.
pub fn script_safe_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .expect("plain data serializes")
        .replace('<', "\\u003c")
}

fn shortened(text: &str) -> String {
    match text.char_indices().nth(DESCRIPTION_CHARS) {
        Some((end, _)) => format!("{}…", text[..end].trim_end()),
        None => text.to_owned(),
    }
}

/// The address of the first picture in an article's (sanitized) body, if any.
pub fn first_picture(body_html: &str) -> Option<&str> {
    let img = &body_html[body_html.find("<img")?..];
    let img = &img[..img.find('>')?];
    let src = &img[img.find(" src=\"")? + 6..];
    Some(&src[..src.find('"')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_cannot_close_its_script() {
        let json = script_safe_json(&json!({ "title": "</script><script>alert(1)</script>" }));
        assert!(!json.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn long_descriptions_are_cut_at_a_character() {
        let long = "ệ".repeat(400);
        let short = shortened(&long);
        assert_eq!(short.chars().count(), DESCRIPTION_CHARS + 1);
        assert!(short.ends_with('…'));
        assert_eq!(shortened("Ngắn"), "Ngắn");
    }

    #[test]
    fn the_first_picture_of_a_body() {
        let body =
            r#"<p>Chữ</p><p><img alt="Hội nghị" src="/images/hoi-nghi.jpg"></p><img src="/b.png">"#;
        assert_eq!(first_picture(body), Some("/images/hoi-nghi.jpg"));
        assert_eq!(first_picture("<p>Không có ảnh</p>"), None);
    }
}
