use axum::{Json, extract::State};
use portal_contract::{Contacts, Organisation};

use crate::{
    AppState,
    answers::organisation::{read_contacts, read_organisation},
    http::ApiError,
};

/// "Cơ cấu tổ chức": the centre's units, each after the unit it sits under, with their
/// contacts and people.
#[utoipa::path(get, path = "/api/organisation", tag = "pages", responses(
    (status = 200, body = Organisation),
))]
pub async fn get_organisation(
    State(state): State<AppState>,
) -> Result<Json<Organisation>, ApiError> {
    Ok(Json(read_organisation(&state).await?))
}

/// "Liên hệ": the centre's address, phones and e-mail, and the people to contact.
#[utoipa::path(get, path = "/api/contacts", tag = "pages", responses(
    (status = 200, body = Contacts),
))]
pub async fn get_contacts(State(state): State<AppState>) -> Result<Json<Contacts>, ApiError> {
    Ok(Json(read_contacts(&state).await?))
}
