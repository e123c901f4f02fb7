//! The agency's information (the `site` row).

use super::{Db, engine::on};
use portal_contract::Site;
use sqlx::FromRow;

#[derive(FromRow)]
struct SiteRow {
    agency: String,
    governing_body: String,
    address: Option<String>,
    phone: Option<String>,
    fax: Option<String>,
    email: Option<String>,
    responsible: Option<String>,
    licence: Option<String>,
    public_services_url: Option<String>,
    demo: bool,
}

/// The stored information, or [`Site::unset`] before a `site` record was imported.
pub async fn site(db: &Db) -> Result<Site, sqlx::Error> {
    let row: Option<SiteRow> = on!(db, |c| sqlx::query_as(
        "SELECT agency, governing_body, address, phone, fax, email, responsible, licence,
                public_services_url, demo
         FROM site WHERE id = 1",
    )
    .fetch_optional(c)
    .await)?;
    Ok(row.map_or_else(Site::unset, |row| Site {
        agency: row.agency,
        governing_body: row.governing_body,
        address: row.address,
        phone: row.phone,
        fax: row.fax,
        email: row.email,
        responsible: row.responsible,
        licence: row.licence,
        public_services_url: row.public_services_url,
        demo: row.demo,
    }))
}
