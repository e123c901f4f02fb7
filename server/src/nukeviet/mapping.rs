//! What a NukeViet row becomes on the portal: pure rules, tested here. Every value comes
//! from the old site and is checked as hostile: paths may not leave the uploads folder,
//! addresses must be the web's, HTML is sanitized on the way in (by the store).

use portal_contract::newsroom::Status;

use crate::{
    content::records::CategoryRecord,
    rules::{
        legacy::{self, Legacy},
        newsroom,
    },
};

/// An article's state on the portal, from NukeViet's `status`, `publtime` and `exptime`.
/// A future `publtime` is a scheduled article: published, shown from that time.
pub fn status_of(status: i64, exptime: i64, now: i64) -> Status {
    if status != 1 {
        Status::Draft
    } else if exptime > 0 && exptime <= now {
        Status::Unpublished
    } else {
        Status::Published
    }
}

/// The portal's address word for a NukeViet alias, or one made from the title when the
/// alias is not one (empty, or holding what an address may not).
pub fn slug_of(alias: &str, title: &str, fallback: &str) -> String {
    let alias = alias.trim().to_lowercase();
    if crate::content::check_slug(&alias).is_ok() {
        return alias;
    }
    newsroom::slug_from_title(title)
        .or_else(|| newsroom::slug_from_title(alias.as_str()))
        .unwrap_or_else(|| fallback.to_owned())
}

/// A phone number or e-mail address as NukeViet kept it (free text), for a field whose
/// value must make a link: `None` when empty, `Err` with the value when it is not one.
pub fn contact(value: &str, makes_a_link: fn(&str) -> bool) -> Result<Option<String>, String> {
    let value = value.trim();
    match value {
        "" => Ok(None),
        value if makes_a_link(value) => Ok(Some(value.to_owned())),
        value => Err(value.to_owned()),
    }
}

/// A category as the portal keeps it, with the NukeViet address that redirects to it.
pub fn category(
    lang: &str,
    alias: &str,
    title: &str,
    catid: i64,
    position: i64,
    parent: Option<String>,
) -> CategoryRecord {
    let slug = slug_of(alias, title, &format!("chuyen-muc-{catid}"));
    CategoryRecord {
        parent,
        legacy_path: crate::content::check_slug(alias)
            .is_ok()
            .then(|| format!("/{lang}/news/{alias}/")),
        slug,
        title: title.trim().to_owned(),
        position,
    }
}

/// The path inside the site's `uploads/` folder that `reference` names: a path relative to
/// a module's folder (`2020_01/a.jpg` with `module` `news`), or an address whose path goes
/// through `/uploads/` (`/uploads/news/a.jpg`, `https://old.example/uploads/news/a.jpg`).
/// `None` for anything else, and for a path that would leave the folder.
pub fn uploads_path(reference: &str, module: Option<&str>) -> Option<String> {
    let reference = reference.trim();
    let path = match reference.find("/uploads/") {
        Some(at) if module.is_none() || reference.starts_with('/') || reference.contains("://") => {
            reference[at + "/uploads/".len()..].to_owned()
        }
        _ => {
            let module = module?;
            if reference.contains(':') || reference.starts_with('/') {
                return None;
            }
            format!("{module}/{reference}")
        }
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decoded(path)?;
    safe_relative(&decoded).then_some(decoded)
}

/// `path` is made of plain names only: no `..`, no root, no drive, no backslash, no
/// control character.
fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains(':'))
}

fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Every `src` and `href` value in `html`, in order (as written, entities and all).
pub fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for attribute in ["src=", "href="] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(attribute) {
            let start = from + at + attribute.len();
            from = start;
            let Some(quote) = html[start..]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
            else {
                continue;
            };
            let value_start = start + 1;
            if let Some(len) = html[value_start..].find(quote) {
                found.push(html[value_start..value_start + len].to_owned());
            }
        }
    }
    found
}

/// `html` with each quoted attribute value `from` put as `to`.
pub fn replace_reference(html: &str, from: &str, to: &str) -> String {
    html.replace(&format!("\"{from}\""), &format!("\"{to}\""))
        .replace(&format!("'{from}'"), &format!("'{to}'"))
}

/// What a link in a body names on the old site, when it is one of NukeViet's addresses
/// on the site itself (`/vi/news/…`, `/index.php?…&nv=news&op=…`). A link with a host is
/// left alone: it may be another site's, and the old host will redirect once it points
/// at the portal.
pub fn nukeviet_target(reference: &str) -> Option<Legacy> {
    let reference = reference.trim().replace("&amp;", "&");
    if !reference.starts_with('/') || reference.starts_with("//") {
        return None;
    }
    let reference = reference.split('#').next().unwrap_or_default();
    let (path, query) = reference.split_once('?').unwrap_or((reference, ""));
    if path == "/index.php" {
        let param = |key: &str| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        };
        return legacy::parse_index_php(param("nv"), param("op"));
    }
    legacy::parse_path(path)
}

/// The same for an address the voting module keeps (a poll's link, an option's), which is
/// usually the site's own with its host: the path is what counts.
pub fn nukeviet_target_of_url(url: &str) -> Option<Legacy> {
    let url = url.trim();
    match url.split_once("://") {
        Some(("http" | "https", rest)) => nukeviet_target(&rest[rest.find('/')?..]),
        Some(_) => None,
        None => nukeviet_target(url),
    }
}

/// The attachments' paths of NukeViet's `files` column (comma-separated, relative to the
/// module's uploads folder).
pub fn attachment_paths(files: &str, module: &str) -> Vec<Result<String, String>> {
    files
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| uploads_path(name, Some(module)).ok_or_else(|| name.to_owned()))
        .collect()
}

/// A poll's maximum choices (`acceptcm`) within what the portal takes: at least one, at
/// most the options there are.
pub fn max_choices(acceptcm: i64, options: usize) -> u32 {
    let options = u32::try_from(options).unwrap_or(u32::MAX).max(1);
    u32::try_from(acceptcm).unwrap_or(1).clamp(1, options)
}

/// A count read from NukeViet (never negative on the portal).
pub fn count(value: i64) -> i64 {
    value.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_status_and_expiry() {
        let now = 1_700_000_000;
        assert_eq!(status_of(1, 0, now), Status::Published);
        assert_eq!(status_of(0, 0, now), Status::Draft);
        assert_eq!(status_of(2, 0, now), Status::Draft, "waiting for review");
        assert_eq!(status_of(1, now - 1, now), Status::Unpublished);
        assert_eq!(
            status_of(1, now + 3600, now),
            Status::Published,
            "expires later"
        );
    }

    #[test]
    fn contacts_that_make_no_link_are_told_not_kept() {
        use portal_contract::is_phone;
        assert_eq!(contact("  ", is_phone), Ok(None));
        assert_eq!(
            contact(" 0203 3820 000 ", is_phone),
            Ok(Some("0203 3820 000".into()))
        );
        assert_eq!(
            contact("0203.3820000 - máy lẻ 12", is_phone),
            Err("0203.3820000 - máy lẻ 12".into())
        );
    }

    #[test]
    fn aliases_become_slugs_or_titles_do() {
        assert_eq!(slug_of("hoi-cho-2024", "x", "f"), "hoi-cho-2024");
        assert_eq!(slug_of("Hoi-Cho", "x", "f"), "hoi-cho");
        assert_eq!(
            slug_of("hội chợ", "Hội chợ Đà Nẵng", "f"),
            "hoi-cho-da-nang"
        );
        assert_eq!(slug_of("", "", "bai-viet-7"), "bai-viet-7");
    }

    #[test]
    fn uploads_paths_never_leave_the_folder() {
        let news = Some("news");
        assert_eq!(
            uploads_path("2020_01/a.jpg", news).as_deref(),
            Some("news/2020_01/a.jpg")
        );
        assert_eq!(
            uploads_path("/uploads/news/2020_01/a%20b.jpg", None).as_deref(),
            Some("news/2020_01/a b.jpg")
        );
        assert_eq!(
            uploads_path("https://old.example.vn/uploads/news/x.pdf?v=2", None).as_deref(),
            Some("news/x.pdf")
        );
        for hostile in [
            "../../etc/passwd",
            "/uploads/../../etc/passwd",
            "/uploads/news/%2e%2e/%2e%2e/secret",
            "/uploads/news/a\\..\\b",
            "/etc/passwd",
            "C:/x",
            "/uploads/",
            "https://elsewhere.example/x.jpg",
        ] {
            assert_eq!(uploads_path(hostile, news), None, "{hostile}");
        }
        assert_eq!(uploads_path("/images/logo.png", None), None);
    }

    #[test]
    fn references_are_found_in_any_quote_and_case() {
        let html = r#"<p><IMG SRC="/uploads/news/a.jpg"> <a href='/uploads/news/b.pdf'>b</a>
            <a href=unquoted>c</a></p>"#;
        assert_eq!(
            references(html),
            ["/uploads/news/a.jpg", "/uploads/news/b.pdf"]
        );
        let moved = replace_reference(html, "/uploads/news/a.jpg", "/tep/abc.jpg");
        assert!(moved.contains(r#"SRC="/tep/abc.jpg""#), "{moved}");
    }

    #[test]
    fn links_to_the_old_site_s_own_addresses_are_recognized() {
        assert_eq!(
            nukeviet_target("/vi/news/tin-hoat-dong/hoi-cho-2024-101.html#anh"),
            Some(Legacy::Article { id: 101 })
        );
        assert_eq!(
            nukeviet_target("/index.php?language=vi&amp;nv=news&amp;op=tin/hoi-cho-101"),
            Some(Legacy::Article { id: 101 })
        );
        assert_eq!(
            nukeviet_target("/vi/news/tin-hoat-dong/"),
            Some(Legacy::Category {
                alias: "tin-hoat-dong".into(),
                page: 1
            })
        );
        for other in [
            "https://moit.gov.vn/vi/news/tin/x-1.html",
            "//moit.gov.vn/vi/news/tin/x-1.html",
            "/tep/abc.pdf",
            "tin/x-1.html",
        ] {
            assert_eq!(nukeviet_target(other), None, "{other}");
        }
    }

    #[test]
    fn a_poll_s_link_names_the_old_site_s_page_with_its_host() {
        assert_eq!(
            nukeviet_target_of_url("https://old.example.vn/vi/news/tin/hoi-cho-101.html"),
            Some(Legacy::Article { id: 101 })
        );
        assert_eq!(
            nukeviet_target_of_url("javascript:alert(1)//vi/news/tin/x-1.html"),
            None
        );
        assert_eq!(nukeviet_target_of_url("https://old.example.vn"), None);
    }

    #[test]
    fn attachments_are_split_and_checked() {
        assert_eq!(
            attachment_paths("2020/a.pdf, ,../b.doc", "news"),
            [Ok("news/2020/a.pdf".to_owned()), Err("../b.doc".to_owned())]
        );
    }

    #[test]
    fn choices_stay_within_the_options() {
        assert_eq!(max_choices(0, 3), 1);
        assert_eq!(max_choices(2, 3), 2);
        assert_eq!(max_choices(9, 3), 3);
        assert_eq!(max_choices(1, 0), 1);
    }
}
