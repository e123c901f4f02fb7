//! The sidebar and the footer as every page shows them, and the visits they count.

use portal_contract::Sidebar;
use time::OffsetDateTime;

use crate::{
    AppState,
    http::ApiError,
    rules::{footer, reader::CountedReader},
    store::{sidebar, site, visitors},
};

/// The sidebar and the footer's agency as they stand (read for the frame every page
/// shares: `web::SharedFrame`).
pub async fn read_sidebar(state: &AppState) -> Result<Sidebar, ApiError> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let site = site::site(&state.db).await?;
    Ok(Sidebar {
        blocks: sidebar::blocks(&state.db, now, &site).await?,
        footer_html: footer::agency(&site).into_string(),
    })
}

/// Counts `viewer`'s visit, now; when the figures change, every page reads them anew.
/// Best effort: a failed count never fails the page.
pub async fn count_visitor(state: &AppState, viewer: &CountedReader) {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let caps = state.settings.new_readers;
    match visitors::record(&state.db, &state.writer, viewer, caps, now).await {
        Ok(true) => state.frame.changed(),
        Ok(false) => {}
        Err(error) => tracing::warn!(%error, "a visitor was not counted"),
    }
}
