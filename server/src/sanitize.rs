//! The allow-list that article HTML passes through before it is stored.

use std::sync::LazyLock;

use ammonia::Builder;

static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut policy = Builder::default();
    policy
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .link_rel(Some("noopener noreferrer"));
    policy
});

/// Keeps structure and text; drops scripts, event handlers, styles and unsafe URLs.
pub fn article_html(raw: &str) -> String {
    POLICY.clean(raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::article_html;

    #[test]
    fn keeps_ordinary_markup() {
        let html = "<p>Ngày <strong>19/02/2021</strong></p><ul><li>một</li></ul>";
        assert_eq!(article_html(html), html);
    }

    #[test]
    fn drops_script_elements_with_their_content() {
        let clean = article_html("<p>a</p><script>alert(1)</script>");
        assert_eq!(clean, "<p>a</p>");
    }

    #[test]
    fn drops_event_handlers() {
        let clean = article_html(r#"<img src="x.png" onerror="alert(1)" alt="x">"#);
        assert!(!clean.contains("onerror"), "{clean}");
        assert!(clean.contains(r#"src="x.png""#), "{clean}");
    }

    #[test]
    fn drops_javascript_urls() {
        let clean = article_html(r#"<a href="javascript:alert(1)">x</a>"#);
        assert!(!clean.contains("javascript"), "{clean}");
        let clean = article_html(r#"<a href=" JaVaScRiPt:alert(1)">x</a>"#);
        assert!(!clean.to_lowercase().contains("javascript"), "{clean}");
    }

    #[test]
    fn links_get_noopener_noreferrer() {
        let clean = article_html(r#"<a href="https://moit.gov.vn/">Bộ Công Thương</a>"#);
        assert_eq!(
            clean,
            r#"<a href="https://moit.gov.vn/" rel="noopener noreferrer">Bộ Công Thương</a>"#
        );
    }

    #[test]
    fn drops_inline_styles_and_iframes() {
        let clean =
            article_html(r#"<p style="color:red">x</p><iframe src="https://e.com"></iframe>"#);
        assert_eq!(clean, "<p>x</p>");
    }
}
