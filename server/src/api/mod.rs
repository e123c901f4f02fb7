//! The JSON API under `/api`, documented by the OpenAPI document it serves.

mod articles;
mod categories;
mod centre_pages;
mod credentials;
mod newsroom;
mod organisation;
mod polls;
mod ratings;
mod search;
mod sessions;
mod sidebar;
mod two_step;

use std::sync::LazyLock;

use axum::{Json, Router, http::Method, middleware, routing::any};
use utoipa::{
    OpenApi, ToResponse,
    openapi::{self, Ref, RefOr},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    AppState,
    http::{
        audit,
        error::{self, ProblemDetails},
        headers, same_origin,
        shield::{Limits, shield},
        with_reader_and_session,
    },
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cổng thông tin Trung tâm Khuyến công",
        description = "The JSON API of the portal. Errors are application/problem+json with a Vietnamese title."
    ),
    components(
        responses(error::ProblemDetails),
        // Referred to by name from the problem answer and a query parameter.
        schemas(portal_contract::Problem, portal_contract::Cause, portal_contract::newsroom::Shelf)
    )
)]
struct ApiDoc;

fn documented_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(categories::list_categories))
        .routes(routes!(articles::list_articles))
        .routes(routes!(articles::get_article))
        .routes(routes!(articles::count_view))
        .routes(routes!(centre_pages::list_centre_pages))
        .routes(routes!(centre_pages::get_centre_page))
        .routes(routes!(organisation::get_organisation))
        .routes(routes!(organisation::get_contacts))
        .routes(routes!(ratings::rate_article))
        .routes(routes!(polls::list_polls))
        .routes(routes!(polls::get_poll))
        .routes(routes!(polls::cast_ballot))
        .routes(routes!(search::search))
        .routes(routes!(sidebar::get_sidebar))
        .routes(routes!(sidebar::count_visit))
        .routes(routes!(sidebar::get_site))
        .routes(routes!(sidebar::visit_weblink))
        .routes(routes!(
            sessions::sign_in,
            sessions::get_session,
            sessions::sign_out
        ))
        .routes(routes!(sessions::keepalive))
        .routes(routes!(sessions::reader_status))
        .routes(routes!(two_step::offer_secret))
        .routes(routes!(two_step::enable))
        .routes(routes!(two_step::renew_recovery_codes))
        .routes(routes!(two_step::disable))
        .routes(routes!(openapi_document))
        .merge(newsroom::routes())
}

/// The OpenAPI document, generated from the same route list the router is built from.
pub static OPENAPI: LazyLock<openapi::OpenApi> = LazyLock::new(|| {
    let mut document = documented_routes().split_for_parts().1;
    document_plumbing(&mut document);
    document
});

/// Every documented (method, route): the routes that have a handler.
fn handled_routes() -> same_origin::Handled {
    let routes = OPENAPI.paths.paths.iter().flat_map(|(path, item)| {
        let methods = [
            (Method::GET, item.get.is_some()),
            (Method::POST, item.post.is_some()),
            (Method::PUT, item.put.is_some()),
            (Method::PATCH, item.patch.is_some()),
            (Method::DELETE, item.delete.is_some()),
        ];
        methods
            .into_iter()
            .filter(|(_, present)| *present)
            .map(|(method, _)| (method, path.clone()))
    });
    same_origin::Handled::new(routes)
}

/// Adds to each operation the answers that the plumbing shared by every route gives, so
/// no handler has to repeat them: 400 for an `{id}` that is not a number (`IdPath`); 403
/// (another site), 413 (body over the limit) and 415 (not JSON) on state changes; 408
/// and 503 from the shield on every route.
fn document_plumbing(document: &mut openapi::OpenApi) {
    let problem = || RefOr::Ref(Ref::from_response_name(ProblemDetails::response().0));
    for (path, item) in &mut document.paths.paths {
        let has_id = path.contains("{id}");
        let operations = [
            (false, &mut item.get),
            (true, &mut item.post),
            (true, &mut item.put),
            (true, &mut item.patch),
            (true, &mut item.delete),
        ];
        for (changes_state, operation) in operations {
            let Some(operation) = operation else { continue };
            let plumbing = [
                (has_id, "400"),
                (changes_state, "403"),
                (true, "408"),
                (changes_state, "413"),
                (changes_state, "415"),
                (true, "503"),
            ];
            for (_, status) in plumbing.into_iter().filter(|(applies, _)| *applies) {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(problem);
            }
        }
    }
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/api/openapi.json", responses((status = 200, description = "The OpenAPI document")))]
async fn openapi_document() -> Json<&'static openapi::OpenApi> {
    Json(&OPENAPI)
}

/// Every `/api` route, with the reader and session cookies, the same-origin guard and
/// JSON 404s for unknown paths.
pub fn router(state: AppState) -> Router {
    let limits = Limits::of(&state);
    let (routes, _) = documented_routes().split_for_parts();
    let routes = routes
        .route("/api", any(error::unknown_api_route))
        .route("/api/", any(error::unknown_api_route))
        .route("/api/{*rest}", any(error::unknown_api_route))
        .route_layer(middleware::from_fn_with_state(
            handled_routes(),
            same_origin::guard,
        ))
        .route_layer(middleware::from_fn_with_state(state.clone(), audit::record))
        .layer(middleware::from_fn(headers::no_store_by_default));
    let routes = with_reader_and_session(routes, &state).with_state(state);
    shield(routes, limits)
}
