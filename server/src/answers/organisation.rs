//! The centre's organisation ("Cơ cấu tổ chức") and its contacts ("Liên hệ").

use portal_contract::{Contacts, Organisation};

use crate::{
    AppState,
    http::ApiError,
    store::{organisation::directory, site},
};

pub async fn read_organisation(state: &AppState) -> Result<Organisation, ApiError> {
    let units = directory(&state.db).await?.units;
    Ok(Organisation { units })
}

/// The agency's own contacts (the footer's) and the people to contact.
pub async fn read_contacts(state: &AppState) -> Result<Contacts, ApiError> {
    let site = site::site(&state.db).await?;
    let people = directory(&state.db).await?.contacts;
    Ok(Contacts {
        agency: site.agency,
        address: site.address,
        phone: site.phone,
        fax: site.fax,
        email: site.email,
        people,
    })
}
