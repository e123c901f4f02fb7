//! The addresses of the NukeViet site the portal replaces, which must keep working:
//! what an old address names (an article by its NukeViet id, a category by its alias,
//! the feed, the polls, a page of a "page" module), read from the address alone.

/// What an old NukeViet address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Legacy {
    /// `…/news/{cat-alias}/{alias}-{id}.html`: the article with that NukeViet id.
    Article { id: i64 },
    /// `…/news/{cat-alias}/` or `…/news/{cat-alias}/page-{n}/`.
    Category { alias: String, page: u32 },
    /// `…/news/rss/` or `…/news/rss/{cat-alias}/`.
    Feed { alias: Option<String> },
    /// `…/news/`.
    News,
    /// `…/voting/`.
    Polls,
    /// `…/{module}/{alias}.html`: a page of a NukeViet "page" module (`about`, …) moved
    /// here; `…/{module}/` (no alias): that module's first page.
    Page {
        module: String,
        alias: Option<String>,
    },
}

fn is_alias(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The NukeViet id at the end of an article's alias: `ten-bai-viet-123` → 123.
fn article_id(alias: &str) -> Option<i64> {
    let (name, id) = alias.rsplit_once('-')?;
    (is_alias(name) && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.parse().ok())
        .flatten()
}

/// What the part of a news address after `news/` names: `{cat}/{alias}-{id}.html`,
/// `{cat}/`, `{cat}/page-{n}`, `rss/`…; `None` for anything else.
pub fn parse_news(rest: &str) -> Option<Legacy> {
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => Some(Legacy::News),
        ["rss"] => Some(Legacy::Feed { alias: None }),
        ["rss", alias] if is_alias(alias) => Some(Legacy::Feed {
            alias: Some((*alias).to_owned()),
        }),
        [alias] if is_alias(alias) => Some(Legacy::Category {
            alias: (*alias).to_owned(),
            page: 1,
        }),
        [alias, page] if is_alias(alias) && page.starts_with("page-") => {
            let page = page["page-".len()..].parse().ok().filter(|p| *p >= 1)?;
            Some(Legacy::Category {
                alias: (*alias).to_owned(),
                page,
            })
        }
        [cat, file] if is_alias(cat) => {
            let alias = file.strip_suffix(".html").unwrap_or(file);
            article_id(alias).map(|id| Legacy::Article { id })
        }
        _ => None,
    }
}

/// What a path names: `/{lang}/news/…`, `/news/…`, `/{lang}/voting/`.
pub fn parse_path(path: &str) -> Option<Legacy> {
    let path = path.strip_prefix('/')?;
    let without_lang = match path.split_once('/') {
        Some((lang, rest)) if lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()) => {
            rest
        }
        _ => path,
    };
    if let Some(rest) = without_lang.strip_prefix("news") {
        return match rest.strip_prefix('/') {
            Some(rest) => parse_news(rest),
            None if rest.is_empty() => Some(Legacy::News),
            None => None,
        };
    }
    matches!(without_lang.trim_end_matches('/'), "voting").then_some(Legacy::Polls)
}

/// What `/index.php?language=vi&nv=news&op=…` names, from its query's `nv` and `op`.
pub fn parse_index_php(nv: Option<&str>, op: Option<&str>) -> Option<Legacy> {
    match (nv?, op) {
        ("voting", _) => Some(Legacy::Polls),
        ("news", None) => Some(Legacy::News),
        ("news", Some(op)) => parse_news(op),
        (module, op) => page(module, op),
    }
}

/// What an address no route of the portal answers may name: a page of a NukeViet "page"
/// module, `/{lang}/{module}/{alias}.html` or `/{lang}/{module}/` (the language left out
/// where the site hid it).
pub fn parse_page_path(path: &str) -> Option<Legacy> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let segments = match segments.as_slice() {
        [lang, rest @ ..] if lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()) => {
            rest
        }
        all => all,
    };
    match segments {
        [module] => page(module, None),
        [module, file] => page(module, Some(file.strip_suffix(".html")?)),
        _ => None,
    }
}

fn page(module: &str, alias: Option<&str>) -> Option<Legacy> {
    let alias = alias.map(|alias| alias.strip_suffix(".html").unwrap_or(alias));
    (is_alias(module) && alias.is_none_or(is_alias)).then(|| Legacy::Page {
        module: module.to_owned(),
        alias: alias.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(alias: &str, page: u32) -> Option<Legacy> {
        Some(Legacy::Category {
            alias: alias.into(),
            page,
        })
    }

    #[test]
    fn article_addresses_of_nukeviet_4_name_the_id() {
        let article = Some(Legacy::Article { id: 1234 });
        for path in [
            "/vi/news/tin-hoat-dong/bo-cong-thuong-ban-hanh-chi-thi-1234.html",
            "/en/news/tin-hoat-dong/bo-cong-thuong-ban-hanh-chi-thi-1234.html",
            "/news/tin-hoat-dong/bo-cong-thuong-ban-hanh-chi-thi-1234.html",
        ] {
            assert_eq!(parse_path(path), article, "{path}");
        }
        assert_eq!(
            parse_index_php(Some("news"), Some("tin-hoat-dong/bo-cong-thuong-1234")),
            article
        );
        assert_eq!(parse_path("/vi/news/tin-hoat-dong/khong-co-so.html"), None);
        assert_eq!(parse_path("/vi/news/tin-hoat-dong/a-1234.php"), None);
    }

    #[test]
    fn category_feed_and_poll_addresses() {
        assert_eq!(
            parse_path("/vi/news/tin-hoat-dong/"),
            category("tin-hoat-dong", 1)
        );
        assert_eq!(
            parse_path("/vi/news/tin-hoat-dong"),
            category("tin-hoat-dong", 1)
        );
        assert_eq!(
            parse_path("/vi/news/tin-hoat-dong/page-3/"),
            category("tin-hoat-dong", 3)
        );
        assert_eq!(parse_path("/vi/news/tin-hoat-dong/page-0"), None);
        assert_eq!(
            parse_path("/vi/news/rss/"),
            Some(Legacy::Feed { alias: None })
        );
        assert_eq!(
            parse_path("/vi/news/rss/tin-hoat-dong/"),
            Some(Legacy::Feed {
                alias: Some("tin-hoat-dong".into())
            })
        );
        assert_eq!(parse_path("/vi/news/"), Some(Legacy::News));
        assert_eq!(parse_path("/vi/voting/"), Some(Legacy::Polls));
        assert_eq!(parse_index_php(Some("voting"), None), Some(Legacy::Polls));
        assert_eq!(
            parse_index_php(Some("news"), Some("tin-hoat-dong")),
            category("tin-hoat-dong", 1)
        );
    }

    #[test]
    fn a_page_modules_addresses_name_its_module_and_alias() {
        let page = |module: &str, alias: Option<&str>| {
            Some(Legacy::Page {
                module: module.into(),
                alias: alias.map(Into::into),
            })
        };
        for path in ["/vi/about/gioi-thieu.html", "/about/gioi-thieu.html"] {
            assert_eq!(
                parse_page_path(path),
                page("about", Some("gioi-thieu")),
                "{path}"
            );
        }
        assert_eq!(parse_page_path("/vi/about/"), page("about", None));
        assert_eq!(
            parse_index_php(Some("about"), Some("gioi-thieu")),
            page("about", Some("gioi-thieu"))
        );
        assert_eq!(parse_index_php(Some("about"), None), page("about", None));
        for path in [
            "/vi/about/gioi-thieu",
            "/vi/about/a/b.html",
            "/vi/about/%3Cscript%3E.html",
            "/",
        ] {
            assert_eq!(parse_page_path(path), None, "{path}");
        }
    }

    #[test]
    fn nothing_else_is_an_old_address() {
        for path in [
            "/vi/newsletter/",
            "/vi/news/a/b/c.html",
            "/vietnam/news/x-1.html",
            "/vi/news/%3Cscript%3E/",
        ] {
            assert_eq!(parse_path(path), None, "{path}");
        }
    }
}
