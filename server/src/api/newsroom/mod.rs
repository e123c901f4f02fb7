//! The newsroom's API under `/api/newsroom`: articles, uploads, polls and the sidebar for
//! staff (an editor or an admin; 401 without a session, 403 for a user without a role),
//! the users and the audit log of staff actions for admins only.

mod articles;
mod audit;
mod polls;
mod sidebar;
mod uploads;
mod users;
mod versions;

use axum::extract::DefaultBodyLimit;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;

/// The largest request body the newsroom reads: an article of the largest body the
/// contract allows, as JSON (the rest of the API takes 16 KiB).
const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// The newsroom's routes, with their own body limits.
pub fn routes() -> OpenApiRouter<AppState> {
    // An upload counts its own bytes against `--max-upload-mb` as it streams them.
    let uploads = OpenApiRouter::new()
        .routes(routes!(uploads::upload))
        .layer(DefaultBodyLimit::disable());
    OpenApiRouter::new()
        .routes(routes!(articles::list_rows, articles::create_article))
        .routes(routes!(
            articles::get_edited_article,
            articles::save_article,
            articles::bin_article
        ))
        .routes(routes!(articles::restore_article))
        .routes(routes!(articles::list_revisions))
        .routes(routes!(articles::autosaved, articles::autosave))
        .routes(routes!(polls::list_edited_polls, polls::create_poll))
        .routes(routes!(polls::get_edited_poll, polls::save_poll))
        .routes(routes!(polls::close_poll))
        .routes(routes!(sidebar::list_weblinks, sidebar::add_weblink))
        .routes(routes!(sidebar::change_weblink))
        .routes(routes!(sidebar::order_weblinks))
        .routes(routes!(sidebar::list_blocks, sidebar::set_blocks))
        .routes(routes!(
            sidebar::list_public_services,
            sidebar::set_public_services
        ))
        .routes(routes!(users::list_users, users::add_user))
        .routes(routes!(users::change_user))
        .routes(routes!(users::reset_two_step))
        .routes(routes!(audit::audit_log))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .merge(uploads)
}
