//! The audit log of staff actions, for admins: read a page at a time, filtered by user,
//! action and days. Nothing in the API changes it.

use axum::{
    Json,
    extract::{Query, State},
};
use axum_extra::extract::WithRejection;
use portal_contract::{PageRequest, audit::AuditPage};
use serde::Deserialize;
use time::Duration;
use utoipa::IntoParams;

use crate::{
    AppState,
    answers::{
        articles::page_error,
        search::{day, day_start},
    },
    http::{Admin, ApiError, ProblemDetails},
    store::audit::{self as store, Filter},
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only this user's actions (the username, any case).
    username: Option<String>,
    /// Only this kind of action (`article-save`, `sign-in-failed`, …).
    action: Option<String>,
    /// From this day (YYYY-MM-DD, Vietnam time).
    from: Option<String>,
    /// To this day, included (YYYY-MM-DD, Vietnam time).
    to: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1)]
    page: Option<i64>,
    /// Entries a page, 1 to 50 (10 by default).
    #[param(minimum = 1, maximum = 50)]
    per_page: Option<i64>,
}

/// The log's entries, the newest first.
///
/// 400: a page that is not a number; 401, 403: not an admin; 422: a bad day or page.
#[utoipa::path(get, path = "/api/newsroom/audit", tag = "newsroom", params(AuditQuery), responses(
    (status = 200, body = AuditPage),
    (status = 400, response = ProblemDetails),
    (status = 401, response = ProblemDetails),
    (status = 403, response = ProblemDetails),
    (status = 422, response = ProblemDetails),
))]
pub async fn audit_log(
    State(state): State<AppState>,
    _: Admin,
    WithRejection(Query(query), _): WithRejection<Query<AuditQuery>, ApiError>,
) -> Result<Json<AuditPage>, ApiError> {
    let page = PageRequest::new(query.page, query.per_page).map_err(page_error)?;
    let filled =
        |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filter = Filter {
        username: filled(query.username),
        action: filled(query.action),
        since: day("from", query.from.as_deref())?.map(day_start),
        until: day("to", query.to.as_deref())?.map(|to| day_start(to + Duration::days(1))),
    };
    Ok(Json(store::page(&state.db, &filter, page).await?))
}
