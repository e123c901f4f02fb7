//! What a page shows while its data is on the way, or when it could not come.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::LoadError;

/// Data for the route's numeric `:id`, fetched again on "Thử lại"; an id that is not a
/// number is a 404 without asking the server.
pub fn resource_by_id<T, Fut>(
    fetch: impl Fn(i64) -> Fut + Copy + 'static,
) -> LocalResource<Result<T, LoadError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, LoadError>> + 'static,
{
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    LocalResource::new(move || {
        track_retry();
        let id = id();
        async move {
            match id {
                Some(id) => fetch(id).await,
                None => Err(LoadError::NotFound),
            }
        }
    })
}

/// A trigger that every page's data tracks: "Thử lại" notifies it, so one press retries
/// everything that failed (the page and the category menu alike).
#[derive(Clone, Copy)]
pub struct Retry(Trigger);

pub fn provide_retry() {
    provide_context(Retry(Trigger::new()));
}

/// Call inside a resource's fetcher to have it run again on "Thử lại".
pub fn track_retry() {
    expect_context::<Retry>().0.track();
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Đang tải…"</p> }
}

fn message(error: &LoadError) -> String {
    match error {
        LoadError::Unreachable => {
            "Không kết nối được với máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.".into()
        }
        LoadError::NotFound => "Không tìm thấy nội dung này.".into(),
        LoadError::Failed {
            title: Some(title), ..
        } => format!("{title}."),
        LoadError::Failed { title: None, .. } => {
            "Máy chủ đang gặp sự cố, vui lòng thử lại sau.".into()
        }
    }
}

/// Why something the reader sent (a rating, a ballot, a sign-in) was not taken: the
/// server's own words for a refusal, else what went wrong. `what` names what was sent.
pub fn refusal_message(error: &LoadError, what: &str) -> String {
    match error {
        LoadError::Unreachable => {
            format!("Không gửi được {what}. Vui lòng kiểm tra kết nối mạng rồi thử lại.")
        }
        LoadError::Failed {
            status: 400..=499,
            title: Some(title),
        } => title.clone(),
        LoadError::NotFound => "Không tìm thấy nội dung này.".into(),
        LoadError::Failed { .. } => {
            format!("Máy chủ đang gặp sự cố, chưa ghi nhận được {what}. Vui lòng thử lại sau.")
        }
    }
}

/// The error in Vietnamese with a "Thử lại" button that retries.
#[component]
pub fn LoadFailed(error: LoadError) -> impl IntoView {
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

    #[test]
    fn refusals_carry_the_servers_words() {
        let repeat = LoadError::Failed {
            status: 409,
            title: Some("Bạn chỉ được bình chọn 1 lần".into()),
        };
        assert_eq!(
            refusal_message(&repeat, "bình chọn"),
            "Bạn chỉ được bình chọn 1 lần"
        );
        let invalid = LoadError::Failed {
            status: 422,
            title: Some("Đánh giá không hợp lệ".into()),
        };
        assert_eq!(
            refusal_message(&invalid, "đánh giá"),
            "Đánh giá không hợp lệ"
        );
    }

    #[test]
    fn failures_say_what_was_not_sent() {
        assert_eq!(
            refusal_message(&LoadError::Unreachable, "đánh giá"),
            "Không gửi được đánh giá. Vui lòng kiểm tra kết nối mạng rồi thử lại."
        );
        let broken = LoadError::Failed {
            status: 500,
            title: Some("x".into()),
        };
        assert_eq!(
            refusal_message(&broken, "bình chọn"),
            "Máy chủ đang gặp sự cố, chưa ghi nhận được bình chọn. Vui lòng thử lại sau."
        );
    }
}
