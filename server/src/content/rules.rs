//! The checks every content record passes before anything is written.

use serde::Deserialize;
use time::OffsetDateTime;

pub fn yes() -> bool {
    true
}

/// The contract's RFC 3339 reader (dates the portal can show), with an error that names
/// the expected form (an internally tagged record loses serde's own field context).
pub fn rfc3339<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    portal_contract::instant::parse_instant(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "dates must be RFC 3339 date-times from 1970 to 2999 such as \
             2021-03-29T03:33:00+07:00, not `{text}`"
        ))
    })
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
