//! The allow-list that article HTML passes through before it is stored.

use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

/// Where a relative address is judged: the root of an origin that is no real host. A
/// reader's browser resolves the address against the page showing the article, which is
/// at least one folder deep (`/bai-viet/3`); any `..` that climbs to the root from there
/// climbs to it from here, so judging at the root is the strictest.
static JUDGED_AT: LazyLock<url::Url> =
    LazyLock::new(|| url::Url::parse("https://portal.invalid/").expect("a valid base"));

/// A relative address an article may keep: one that resolves, as a browser resolves it
/// (the URL standard: dot segments, `%2e`, tabs and newlines dropped, `\` as `/`), to a
/// path of this site — never to another host, nor to the API (a link or picture must not
/// make the reader's browser call it).
fn keeps_relative(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    let resolved = JUDGED_AT.join(url).ok()?;
    let same_origin = resolved.origin() == JUDGED_AT.origin();
    let first_segment = resolved.path_segments()?.next().unwrap_or_default();
    let api = first_segment.eq_ignore_ascii_case("api");
    (same_origin && !api).then_some(url.into())
}

/// The allow-list, with `relative` deciding what becomes of relative addresses.
fn policy(relative: UrlRelative<'static>) -> Builder<'static> {
    let mut policy = Builder::default();
    policy
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .url_relative(relative)
        .link_rel(Some("noopener noreferrer"));
    policy
}

static POLICY: LazyLock<Builder<'static>> =
    LazyLock::new(|| policy(UrlRelative::Custom(Box::new(keeps_relative))));

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
    fn drops_other_hosts_and_api_addresses_but_keeps_site_paths() {
        let clean =
            article_html(r#"<a href="//evil.example/x">a</a><img src="/api/session" alt="b">"#);
        assert!(
            !clean.contains("evil") && !clean.contains("/api"),
            "{clean}"
        );
        let clean = article_html(r#"<a href="/bai-viet/3">c</a><img src="/images/x.svg" alt="d">"#);
        assert!(clean.contains(r#"href="/bai-viet/3""#), "{clean}");
        assert!(clean.contains(r#"src="/images/x.svg""#), "{clean}");
    }

    #[test]
    fn relative_addresses_are_judged_where_a_browser_resolves_them() {
        for sneaky in [
            "../api/session",
            "/./api/session",
            "/%2e/api/session",
            "/%2E%2E/api/session",
            "bai-viet/../../api/session",
            "/API/session",
            "/\t/evil.example/x",
            "/\n/evil.example/x",
            "\\\\evil.example/x",
            "/\\evil.example/x",
            "/\\/evil.example/x",
            " //evil.example/x",
        ] {
            let html = format!(r#"<a href="{sneaky}">a</a><img src="{sneaky}" alt="b">"#);
            let clean = article_html(&html);
            assert!(
                !clean.contains("href=") && !clean.contains("src="),
                "{sneaky:?} -> {clean}"
            );
        }
        for kept in [
            "/bai-viet/3",
            "#muc-2",
            "?trang=2",
            "tep/a.pdf",
            "/apis-moi",
            "/tep/api.pdf",
        ] {
            let clean = article_html(&format!(r#"<a href="{kept}">a</a>"#));
            assert!(
                clean.contains(&format!(r#"href="{kept}""#)),
                "{kept} -> {clean}"
            );
        }
    }

    /// Classic XSS and mXSS payloads; none may leave anything that runs or loads.
    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<body onload=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" &#14;javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<img srcset=\"javascript:alert(1) 1x, //evil.example/p.png 2x\">",
        "<base href=\"//evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">",
        "<form action=\"//evil.example\"><input name=p><button>Gửi</button></form>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<style>@import '//evil.example/x.css';</style>",
        "<iframe src=\"//evil.example\"></iframe>",
        "<object data=\"//evil.example/x.swf\"></object><embed src=\"//evil.example/x\">",
        "<details open ontoggle=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<p id=\"</p><script>alert(1)</script>\">",
        "<a href=\"//evil.example\">x</a>",
        "<img src=\"/api/session\" alt=\"\">",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    ];

    #[test]
    fn a_corpus_of_attacks_leaves_nothing_that_runs() {
        let forbidden = [
            "<script",
            "onerror",
            "onload",
            "ontoggle",
            "javascript:",
            "vbscript:",
            "data:",
            "<svg",
            "<math",
            "<base",
            "<meta",
            "<form",
            "<style",
            "style=",
            "<iframe",
            "<object",
            "<embed",
            "srcset",
            "evil.example",
            "/api/",
            "<noscript",
        ];
        assert!(PAYLOADS.len() >= 25);
        for payload in PAYLOADS {
            let clean = article_html(payload).to_ascii_lowercase();
            for bad in forbidden {
                assert!(!clean.contains(bad), "{payload} -> {clean}");
            }
        }
    }

    #[test]
    fn drops_inline_styles_and_iframes() {
        let clean =
            article_html(r#"<p style="color:red">x</p><iframe src="https://e.com"></iframe>"#);
        assert_eq!(clean, "<p>x</p>");
    }
}
