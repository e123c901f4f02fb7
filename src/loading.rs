//! The one way pages and widgets show data on its way: [`Loaded`] shows "Đang tải…"
//! while it comes, then the data, the not-found page, or what went wrong with "Thử lại".

use std::{cell::Cell, future::Future, rc::Rc};

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_params_map;
use portal_contract::Cause;
use serde::de::DeserializeOwned;

use crate::{api::Read, pages::not_found::NotFound, request::ApiError};

/// Data a page or a block shows, from [`retried`].
pub struct Fetched<T: 'static> {
    data: RwSignal<Option<Result<T, ApiError>>>,
    again: Trigger,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Fetched<T> {}

impl<T: Clone + Send + Sync> Fetched<T> {
    /// The data; `None` while it comes.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.data.get()
    }

    /// Reads it again (after a change the page made).
    pub fn refetch(&self) {
        self.again.notify();
    }
}

/// What [`retried`] reads: a [`Read`] of the API, or any request of the app's own (a
/// future), which no page comes with.
pub trait Source<T>: 'static {
    /// What is known without asking.
    fn known(&self) -> Option<Result<T, ApiError>> {
        None
    }

    fn fetch(self) -> impl Future<Output = Result<T, ApiError>> + 'static;
}

impl<T: DeserializeOwned + Clone + 'static> Source<T> for Read<T> {
    fn known(&self) -> Option<Result<T, ApiError>> {
        Read::known(self)
    }

    fn fetch(self) -> impl Future<Output = Result<T, ApiError>> + 'static {
        Read::fetch(self)
    }
}

impl<T, F: Future<Output = Result<T, ApiError>> + 'static> Source<T> for F {
    fn fetch(self) -> impl Future<Output = Result<T, ApiError>> + 'static {
        self
    }
}

/// The data of `read`, read again whenever its inputs change or "Thử lại" is pressed.
///
/// Its first value is what is known at once — the answer the page came with — so the
/// server writes the page with it and the browser's first render is the same; only when
/// the page did not come with it does the browser ask. The server never asks: it renders
/// once, with what it read.
pub fn retried<T, S>(read: impl Fn() -> S + 'static) -> Fetched<T>
where
    T: Send + Sync + 'static,
    S: Source<T>,
{
    let first = untrack(&read).known();
    let known_first = first.is_some();
    let data = RwSignal::new(first);
    let again = Trigger::new();
    let retry = expect_context::<Retry>();
    // The newest request: an older answer that comes after it is dropped.
    let latest = Rc::new(Cell::new(0_u64));
    // Effects run in the browser only, after hydration.
    Effect::new(move |ran_before: Option<()>| {
        retry.0.track();
        again.track();
        let read = read();
        if ran_before.is_none() && known_first {
            return;
        }
        let request = latest.get() + 1;
        latest.set(request);
        let latest = latest.clone();
        spawn_local(async move {
            let answer = read.fetch().await;
            if latest.get() == request {
                // A page left before its answer came has no data to set.
                let _ = data.try_set(Some(answer));
            }
        });
    });
    Fetched { data, again }
}

/// A page for the route's numeric `:id`: its data from `read`, shown by `show` once it
/// came (see [`Loaded`]). An id that is not a number is a 404 without asking the server.
pub fn page_by_id<T, V>(
    read: impl Fn(i64) -> Read<T> + Copy + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let params = use_params_map();
    let data = retried(move || {
        match params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
        {
            Some(id) => read(id),
            None => Read::refused(Cause::NotFound),
        }
    });
    view! { <Loaded data let:value>{show(value)}</Loaded> }
}

/// A trigger that every page's data tracks: "Thử lại" notifies it, so one press retries
/// everything that failed (the page and the category menu alike).
#[derive(Clone, Copy)]
pub struct Retry(Trigger);

pub fn provide_retry() {
    provide_context(Retry(Trigger::new()));
}

/// `children` with the data once it came. Until then "Đang tải…" (nothing when `quiet`);
/// a 404 shows the not-found page, any other failure the error and "Thử lại" — or, for a
/// block beside the page, only the short `failure_note`.
#[component]
pub fn Loaded<T, V, F>(
    data: Fetched<T>,
    children: F,
    #[prop(optional)] quiet: bool,
    #[prop(optional)] failure_note: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    move || match data.get() {
        None if quiet => ().into_any(),
        None => view! { <Loading/> }.into_any(),
        Some(Ok(value)) => children(value).into_any(),
        Some(Err(_)) if failure_note.is_some() => {
            view! { <p class="block__note">{failure_note}</p> }.into_any()
        }
        Some(Err(ApiError::Failed {
            cause: Cause::NotFound,
            ..
        })) => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
    }
}

#[component]
fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Đang tải…"</p> }
}

fn message(error: &ApiError) -> String {
    match error {
        ApiError::Unreachable => {
            "Không kết nối được với máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.".into()
        }
        ApiError::Failed {
            cause: Cause::NotFound,
            ..
        } => "Không tìm thấy nội dung này.".into(),
        ApiError::Failed {
            title: Some(title), ..
        } => format!("{title}."),
        ApiError::Failed { title: None, .. } => {
            "Máy chủ đang gặp sự cố, vui lòng thử lại sau.".into()
        }
    }
}

/// Why something the reader sent (a rating, a ballot, a sign-in) was not taken: the
/// server's own words for a refusal, else what went wrong. `what` names what was sent.
pub fn refusal_message(error: &ApiError, what: &str) -> String {
    match error {
        ApiError::Unreachable => {
            format!("Không gửi được {what}. Vui lòng kiểm tra kết nối mạng rồi thử lại.")
        }
        ApiError::Failed {
            cause: Cause::NotFound,
            ..
        } => "Không tìm thấy nội dung này.".into(),
        ApiError::Failed {
            cause,
            title: Some(title),
        } if cause.is_refusal() => title.clone(),
        ApiError::Failed { .. } => {
            format!("Máy chủ đang gặp sự cố, chưa ghi nhận được {what}. Vui lòng thử lại sau.")
        }
    }
}

/// The error in Vietnamese with a "Thử lại" button that retries.
#[component]
fn LoadFailed(error: ApiError) -> impl IntoView {
    let retry = expect_context::<Retry>();
    view! {
        <div class="load-failed" role="alert">
            <p>{message(&error)}</p>
            <button type="button" on:click=move |_| retry.0.notify()>"Thử lại"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(cause: Cause, title: &str) -> ApiError {
        ApiError::Failed {
            cause,
            title: Some(title.into()),
        }
    }

    #[test]
    fn refusals_carry_the_servers_words() {
        let repeat = refused(Cause::AlreadyVoted, "Bạn chỉ được bình chọn 1 lần");
        assert_eq!(
            refusal_message(&repeat, "bình chọn"),
            "Bạn chỉ được bình chọn 1 lần"
        );
        let invalid = refused(Cause::InvalidValue, "Đánh giá không hợp lệ");
        assert_eq!(
            refusal_message(&invalid, "đánh giá"),
            "Đánh giá không hợp lệ"
        );
    }

    #[test]
    fn failures_say_what_was_not_sent() {
        assert_eq!(
            refusal_message(&ApiError::Unreachable, "đánh giá"),
            "Không gửi được đánh giá. Vui lòng kiểm tra kết nối mạng rồi thử lại."
        );
        let broken = refused(Cause::ServerError, "x");
        assert_eq!(
            refusal_message(&broken, "bình chọn"),
            "Máy chủ đang gặp sự cố, chưa ghi nhận được bình chọn. Vui lòng thử lại sau."
        );
    }

    #[test]
    fn a_missing_page_is_said_the_same_whatever_the_server_titled_it() {
        let missing = refused(Cause::NotFound, "Không tìm thấy bài viết");
        assert_eq!(message(&missing), "Không tìm thấy nội dung này.");
        assert_eq!(
            refusal_message(&missing, "đánh giá"),
            "Không tìm thấy nội dung này."
        );
        assert_eq!(
            message(&refused(Cause::ServerError, "Máy chủ bận")),
            "Máy chủ bận."
        );
    }
}
