//! What a page shows while its data is on the way, or when it could not come.

use leptos::prelude::*;

use crate::api::LoadError;

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
