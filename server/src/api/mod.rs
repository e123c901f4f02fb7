//! The JSON API under `/api`, documented by the OpenAPI document it serves.

mod articles;
mod categories;
mod polls;
mod ratings;
mod sessions;
mod sidebar;

use std::sync::LazyLock;

use axum::{Json, Router, middleware, routing::any};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{AppState, problem, same_origin, session, visitor};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cổng thông tin Trung tâm Khuyến công",
        description = "The JSON API of the portal. Errors are application/problem+json with a Vietnamese title."
    ),
    components(schemas(portal_contract::Problem))
)]
struct ApiDoc;

fn documented_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(categories::list_categories))
        .routes(routes!(articles::list_articles))
        .routes(routes!(articles::get_article))
        .routes(routes!(ratings::rate_article))
        .routes(routes!(polls::list_polls))
        .routes(routes!(polls::get_poll))
        .routes(routes!(polls::cast_ballot))
        .routes(routes!(sidebar::get_sidebar))
        .routes(routes!(sidebar::visit_weblink))
        .routes(routes!(
            sessions::sign_in,
            sessions::get_session,
            sessions::sign_out
        ))
        .routes(routes!(sessions::keepalive))
        .routes(routes!(sessions::reader_status))
        .routes(routes!(openapi_document))
}

/// The OpenAPI document, generated from the same route list the router is built from.
pub static OPENAPI: LazyLock<utoipa::openapi::OpenApi> =
    LazyLock::new(|| documented_routes().split_for_parts().1);

/// This API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/api/openapi.json", responses((status = 200, description = "The OpenAPI document")))]
async fn openapi_document() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(&OPENAPI)
}

/// Every `/api` route, with the reader and session cookies, the same-origin guard and
/// JSON 404s for unknown paths.
pub fn router(state: AppState) -> Router {
    let (routes, _) = documented_routes().split_for_parts();
    routes
        .route("/api", any(problem::unknown_api_route))
        .route("/api/", any(problem::unknown_api_route))
        .route("/api/{*rest}", any(problem::unknown_api_route))
        .layer(middleware::from_fn(same_origin::guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::authenticate,
        ))
        .layer(middleware::from_fn(visitor::identify))
        .with_state(state)
}
