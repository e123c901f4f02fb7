//! The frame of every embed page.
//!
//! The page reports its height to the host page with `postMessage`, sent only to the
//! host's origin (given by embed.js as `?nguon=`), whenever the content's size changes.
//! Message, version 1: `{ "type": "khuyencong:height", "version": 1, "height": <px> }`.

use leptos::{html, prelude::*};
use leptos_router::{components::Outlet, hooks::use_query_map};
use portal_contract::is_origin;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};

use crate::{api, loading::retried};

pub const MESSAGE_TYPE: &str = "khuyencong:height";
pub const MESSAGE_VERSION: u32 = 1;

/// The host's origin from `?nguon=`, if it is one (`scheme://host[:port]`).
pub fn host_origin(raw: Option<&str>) -> Option<String> {
    raw.filter(|raw| is_origin(raw)).map(str::to_owned)
}

/// Whether the browser kept our cookie in this frame; `None` until known.
#[derive(Clone, Copy)]
pub struct FrameCookies(pub Signal<Option<bool>>);

/// Shown instead of the rating or ballot where the browser blocks our cookie in frames.
#[component]
pub fn CookiesBlocked(href: String) -> impl IntoView {
    view! {
        <p class="embed__blocked" role="note">
            "Trình duyệt của bạn đang chặn cookie trong khung nhúng này, nên chưa thể đánh giá hoặc bình chọn tại đây. "
            <a href=href target="_blank" rel="noopener">"Mở trên cổng thông tin để tham gia"</a>
        </p>
    }
}

fn post_height(origin: &str, height: f64) {
    let message = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&message, &key.into(), &value);
    };
    set("type", MESSAGE_TYPE.into());
    set("version", MESSAGE_VERSION.into());
    set("height", height.ceil().into());
    if let Ok(Some(parent)) = window().parent() {
        let _ = parent.post_message(&message, origin);
    }
}

/// Reports the element's height to the host whenever it changes.
fn report_height(element: web_sys::Element, origin: String) {
    let measured = element.clone();
    let callback = Closure::<dyn Fn()>::new(move || {
        post_height(&origin, measured.get_bounding_client_rect().height());
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&element);
        // The observer and its callback live as long as the page: an embed page is the
        // frame's only page.
        std::mem::forget(observer);
        callback.forget();
    }
}

#[component]
pub fn EmbedLayout() -> impl IntoView {
    let query = use_query_map();
    let status = retried(api::reader_status);
    let cookies = FrameCookies(Signal::derive(move || {
        // An answer that did not come says nothing against the cookie.
        status
            .get()
            .map(|status| status.map_or(true, |status| status.known))
    }));
    provide_context(cookies);
    let root = NodeRef::<html::Div>::new();
    root.on_load(move |element| {
        if let Some(origin) = host_origin(query.read_untracked().get("nguon").as_deref()) {
            report_height(element.into(), origin);
        }
    });
    view! {
        <div class="embed" node_ref=root>
            <main id="noi-dung"><Outlet/></main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::host_origin;

    #[test]
    fn only_plain_origins_are_posted_to() {
        assert_eq!(
            host_origin(Some("http://localhost:8080")).as_deref(),
            Some("http://localhost:8080")
        );
        assert_eq!(host_origin(Some("*")), None, "never a wildcard target");
        assert_eq!(host_origin(None), None);
    }
}
