//! "Chia sẻ": the article's tools for passing it on — by e-mail (a `mailto:` link), on
//! Facebook (its plain share address), through the phone's share sheet (Zalo and the
//! other apps; `public/boot.js` works the button, shown only where the browser has one),
//! or by copying the address, which a live region confirms. No third-party script is
//! loaded.

use leptos::{prelude::*, task::spawn_local};
use portal_contract::{paths, words};
use wasm_bindgen_futures::JsFuture;

const COPIED: &str = "Đã sao chép liên kết của bài viết.";
const NOT_COPIED: &str = "Trình duyệt không cho sao chép; hãy chép địa chỉ trên thanh địa chỉ.";

/// The tools for the article `title` at the absolute address `url`.
#[component]
pub fn ShareTools(title: String, url: String) -> impl IntoView {
    let status = RwSignal::new("");
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            spawn_local(async move {
                let written = window().navigator().clipboard().write_text(&url);
                status.set(match JsFuture::from(written).await {
                    Ok(_) => COPIED,
                    Err(_) => NOT_COPIED,
                });
            });
        }
    };
    view! {
        <div class="share" role="group" aria-label=words::SHARE_LABEL>
            <a class="share__link" href=paths::email_article(&title, &url)>{words::EMAIL_ARTICLE}</a>
            <a class="share__link" href=paths::facebook_share(&url) target="_blank" rel="noopener noreferrer">
                {words::SHARE_FACEBOOK}
            </a>
            <button type="button" class="share__apps" data-share-title=title data-share-url=url.clone()>
                {words::SHARE_APPS}
            </button>
            <button type="button" class="share__copy" on:click=copy>{words::COPY_LINK}</button>
            <p class="share__status" role="status">{move || status.get()}</p>
        </div>
    }
}
