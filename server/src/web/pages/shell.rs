//! The built SPA's `index.html`, cut where a written page goes into it: the page's own
//! head tags before `</head>`, its markup, the app's mount point and the handed-over
//! answers in place of the `<noscript>` that says the SPA needs JavaScript.

/// `index.html` in three parts around the two places a page fills.
#[derive(Debug, Clone)]
pub struct Shell {
    head: String,
    body_open: String,
    body_close: String,
}

impl Shell {
    /// A bare document, for when no SPA is built (the API alone is served then, and
    /// written pages still read without the app).
    pub fn bare() -> Self {
        Self {
            head: "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
                   <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                .into(),
            body_open: "<body>".into(),
            body_close: "</body></html>".into(),
        }
    }

    /// The parts of `html`, without its generic `<title>` and description (each page
    /// writes its own), or `None` when it lacks the places a page goes.
    pub fn cut(html: &str) -> Option<Self> {
        let (head, rest) = html.split_once("</head>")?;
        let (body_open, rest) = rest.split_once("<noscript>")?;
        let (_, body_close) = rest.split_once("</noscript>")?;
        let head = without_element(head, "<title>", "</title>");
        let head = without_element(&head, "<meta name=\"description\"", ">");
        Some(Self {
            head,
            body_open: format!("</head>{body_open}"),
            body_close: body_close.to_owned(),
        })
    }

    /// The whole page: `root_attributes` on `<html>`, `head_tags` in the head, `body`
    /// where the SPA would say it needs JavaScript.
    pub fn page(&self, root_attributes: &str, head_tags: &str, body: &str) -> String {
        let head = self
            .head
            .replacen("<html", &format!("<html {root_attributes}"), 1);
        let mut page =
            String::with_capacity(head.len() + head_tags.len() + self.body_open.len() + body.len());
        for part in [
            head.as_str(),
            head_tags,
            &self.body_open,
            body,
            &self.body_close,
        ] {
            page.push_str(part);
        }
        page
    }
}

impl Shell {
    /// This shell without its scripts: a written page that no app takes over (the
    /// newsroom's preview, whose address the portal's app has no page for).
    pub fn without_scripts(&self) -> Self {
        let mut head = self.head.clone();
        while head.contains("<script") {
            head = without_element(&head, "<script", "</script>");
        }
        Self {
            head,
            ..self.clone()
        }
    }
}

/// `html` without the first element that starts with `start` and ends with `end`.
fn without_element(html: &str, start: &str, end: &str) -> String {
    let Some(from) = html.find(start) else {
        return html.to_owned();
    };
    match html[from..].find(end) {
        Some(to) => format!("{}{}", &html[..from], &html[from + to + end.len()..]),
        None => html.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::Shell;

    const BUILT: &str = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
        <meta name=\"description\" content=\"Cổng\">\n<title>Trung tâm</title>\n\
        <script type=\"module\" src=\"/boot.js\"></script></head>\n<body>\n    \
        <noscript><p>Cần JavaScript.</p></noscript>\n</body>\n</html>";

    #[test]
    fn a_page_replaces_the_generic_title_and_the_noscript() {
        let shell = Shell::cut(BUILT).unwrap();
        let page = shell.page(
            "data-font-size=\"large\"",
            "<title>Bài</title>",
            "<main>Bài viết</main>",
        );
        assert!(page.contains("<html data-font-size=\"large\" lang=\"vi\">"));
        assert!(page.contains("<title>Bài</title></head>"));
        assert!(!page.contains("Trung tâm</title>"));
        assert!(!page.contains("content=\"Cổng\""));
        assert!(!page.contains("Cần JavaScript"));
        assert!(page.contains("<body>\n    <main>Bài viết</main>\n</body>"));
        assert!(page.contains("/boot.js"), "the app still starts");
    }

    #[test]
    fn a_preview_has_no_app() {
        let page = Shell::cut(BUILT)
            .unwrap()
            .without_scripts()
            .page("", "", "<main>x</main>");
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("<main>x</main>"));
    }

    #[test]
    fn a_shell_without_its_places_is_refused() {
        assert!(Shell::cut("<!DOCTYPE html><title>SPA</title>").is_none());
    }
}
