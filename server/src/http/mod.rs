//! Request plumbing, shared by every route: problems (`error`), extractors (`extract`),
//! the middleware that finds the reader (`visitor`, `session`) and guards state changes
//! (`same_origin`), the audit trail of staff actions (`audit`), what keeps every answer a
//! problem (`shield`), every request's id (`request_id`), the security headers
//! (`headers`), revalidated JSON (`etag`) and the built app's files (`built_app`).

pub mod audit;
pub mod built_app;
pub mod error;
pub mod etag;
pub mod extract;
pub mod headers;
pub mod request_id;
pub mod same_origin;
pub mod session;
pub mod shield;
pub mod visitor;

use axum::{Router, middleware};

use crate::AppState;

pub use error::{ApiError, ProblemDetails};
pub use extract::{
    ActingReader, Admin, ClientNetwork, IdPath, JsonBody, SignedIn, Staff, Titled, Viewer,
};

/// `routes` with the request's reader (the `kc_visitor` cookie, issued when missing) and
/// session found, as every handler that acts for a reader expects.
pub fn with_reader_and_session<S>(routes: Router<S>, state: &AppState) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    routes
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::authenticate,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            visitor::identify,
        ))
}
