//! Search: the published articles a query finds, a page at a time.

use portal_contract::{PageRequest, SEARCH_PER_PAGE, SearchHit, SearchResults, is_searchable};
use serde::Deserialize;
use time::{
    Date, OffsetDateTime,
    macros::{format_description, offset},
};
use utoipa::IntoParams;

use super::articles::category_named;
use crate::{
    AppState,
    http::ApiError,
    rules::search::{Terms, snippet},
    search::{Filter, Window},
    store::search as store,
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The words to find, 2 to 200 characters; case and diacritics do not matter, a
    /// phrase in quotes matches as a phrase.
    pub q: String,
    /// A category slug; empty or absent for all.
    pub category: Option<String>,
    /// Published on or after this day (YYYY-MM-DD, Vietnam time).
    pub from: Option<String>,
    /// Published on or before this day (YYYY-MM-DD, Vietnam time).
    pub to: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1)]
    pub page: Option<i64>,
}

/// The start of `day` in Vietnam (UTC+7), as Unix seconds.
pub fn day_start(day: Date) -> i64 {
    day.midnight().assume_offset(offset!(+7)).unix_timestamp()
}

pub fn day(field: &str, value: Option<&str>) -> Result<Option<Date>, ApiError> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    Date::parse(value, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| ApiError::invalid("Ngày không hợp lệ", format!("{field} must be YYYY-MM-DD")))
}

/// The results of `query` (see [`search`] for its refusals).
pub async fn found(state: &AppState, query: &SearchQuery) -> Result<SearchResults, ApiError> {
    if !is_searchable(&query.q) {
        return Err(ApiError::invalid(
            "Từ khóa tìm kiếm phải có từ 2 đến 200 ký tự",
            "q must have 2 to 200 characters",
        ));
    }
    let page = PageRequest::new(query.page, Some(i64::from(SEARCH_PER_PAGE)))
        .map_err(|_| ApiError::invalid("Số trang không hợp lệ", "page must be 1 or more"))?;
    let category_id = category_named(state, query.category.as_deref())
        .await?
        .map(|category| category.id);
    let filter = Filter {
        category_id,
        from: day("from", query.from.as_deref())?.map(day_start),
        until: day("to", query.to.as_deref())?
            .and_then(Date::next_day)
            .map(day_start),
        now: OffsetDateTime::now_utc().unix_timestamp(),
    };
    let terms = Terms::parse(&query.q);
    let (found, total) = if terms.is_empty() {
        (Vec::new(), 0)
    } else {
        let window = Window {
            offset: usize::try_from(page.offset()).unwrap_or(usize::MAX),
            limit: usize::try_from(page.per_page).unwrap_or(0),
        };
        let (ids, total) = state.search.search(terms.clone(), filter, window).await?;
        (store::found(&state.db, &ids).await?, total)
    };
    let items = found
        .into_iter()
        .map(|found| SearchHit {
            snippet_html: snippet(&found.text, &terms),
            article: found.article,
        })
        .collect();
    Ok(SearchResults {
        query: query.q.trim().to_owned(),
        total,
        page: page.page,
        per_page: page.per_page,
        items,
    })
}
