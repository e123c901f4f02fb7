//! The page for an address that leads nowhere: an unknown route or article.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::routes::HOME;

const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text=NOT_FOUND_TITLE/>
        <section class="not-found">
            <h1>{NOT_FOUND_TITLE}</h1>
            <p>"Trang bạn tìm không tồn tại hoặc đã được chuyển đi."</p>
            <p><A href=HOME>"Về trang chủ"</A></p>
        </section>
    }
}
