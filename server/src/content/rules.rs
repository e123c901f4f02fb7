//! The checks every content record passes before anything is written.

use axum::http::Uri;
use serde::Deserialize;
use time::OffsetDateTime;

pub fn yes() -> bool {
    true
}

/// Like `time::serde::rfc3339`, with an error that names the field and the expected form
/// (an internally tagged record loses serde's own field context).
pub fn rfc3339<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).map_err(|_| {
        serde::de::Error::custom(format!(
            "dates must be RFC 3339 date-times such as 2021-03-29T03:33:00+07:00, not `{text}`"
        ))
    })
}

pub fn optional_rfc3339<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<OffsetDateTime>, D::Error> {
    rfc3339(deserializer).map(Some)
}

pub fn check_slug(slug: &str) -> Result<(), String> {
    let well_formed = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "slug `{slug}` must be lowercase ASCII letters, digits and '-'"
        ))
    }
}

pub fn check_filled(field: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("`{field}` is empty"))
    } else {
        Ok(())
    }
}

/// An absolute http(s) address: the only kind a weblink may redirect to.
pub fn check_url(url: &str) -> Result<(), String> {
    // Visible ASCII only: anything else could not travel in a Location header.
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!(
            "`url` `{}` must be visible ASCII (percent-encode other characters)",
            url.escape_default()
        ));
    }
    let parsed: Uri = url
        .parse()
        .map_err(|_| format!("`url` `{url}` is not an address"))?;
    let web = matches!(parsed.scheme_str(), Some("http" | "https"));
    if web && parsed.host().is_some() {
        Ok(())
    } else {
        Err(format!(
            "`url` `{url}` must be an absolute http or https address"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn weblinks_go_to_absolute_web_addresses_only() {
        assert!(check_url("https://moit.gov.vn/").is_ok());
        assert!(check_url("http://127.0.0.1:8080/trang").is_ok());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("/bai-viet/1").is_err());
        assert!(check_url("ftp://example.gov.vn/").is_err());
        assert!(check_url("not a url").is_err());
        assert!(
            check_url("https://x/#\u{1}").is_err(),
            "a control character"
        );
        assert!(check_url("https://bộ.vn/").is_err(), "not ASCII");
        assert!(check_url("https://x/a\tb").is_err());
    }
}
