//! The one way pages and widgets show data on its way: [`Loaded`] shows "Đang tải…"
//! while it comes, then the data, the not-found page, or what went wrong with "Thử lại".

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_contract::Cause;

use crate::{api::ApiError, pages::not_found::NotFound};

/// Data for the route's numeric `:id`, fetched again on "Thử lại"; an id that is not a
/// number is a 404 without asking the server.
fn resource_by_id<T, Fut>(
    fetch: impl Fn(i64) -> Fut + Copy + 'static,
) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    retried(move || {
        let id = id();
        async move {
            match id {
                Some(id) => fetch(id).await,
                None => Err(ApiError::Failed {
                    cause: Cause::NotFound,
                    title: None,
                }),
            }
        }
    })
}

/// A page for the route's numeric `:id`: its data from `fetch`, shown by `show` once it
/// came (see [`Loaded`]).
pub fn page_by_id<T, Fut, V>(
    fetch: impl Fn(i64) -> Fut + Copy + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
    V: IntoView + 'static,
{
    let data = resource_by_id(fetch);
    view! { <Loaded data let:value>{show(value)}</Loaded> }
}

/// A resource that runs `fetch` again whenever its inputs change or "Thử lại" is pressed.
pub fn retried<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let retry = expect_context::<Retry>();
    LocalResource::new(move || {
        retry.0.track();
        fetch()
    })
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
    data: LocalResource<Result<T, ApiError>>,
    children: F,
    #[prop(optional)] quiet: bool,
    #[prop(optional)] failure_note: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + 'static,
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
