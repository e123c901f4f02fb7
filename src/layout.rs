//! The frame of every page: header with the category menu, main column, sidebar, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{api, app::PORTAL_NAME, loading::track_retry, sidebar::Sidebar};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#noi-dung">"Bỏ qua, đến nội dung chính"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-name">
                    <span class="site-name__parent">"Sở Công Thương"</span>
                    <span class="site-name__title">{PORTAL_NAME}</span>
                </A>
            </div>
            <CategoryMenu/>
        </header>
        <div class="page">
            <main id="noi-dung" class="content" tabindex="-1">{children()}</main>
            <Sidebar/>
        </div>
        <footer class="site-footer">
            <p>
                <strong>{PORTAL_NAME}</strong>
                " — đơn vị sự nghiệp trực thuộc Sở Công Thương."
            </p>
            <p>"Khi sử dụng thông tin từ cổng thông tin này, xin ghi rõ nguồn."</p>
        </footer>
    }
}

/// The category menu; while categories cannot be loaded it offers the home page alone.
#[component]
fn CategoryMenu() -> impl IntoView {
    let categories = LocalResource::new(|| {
        track_retry();
        api::categories()
    });
    let items = move || {
        categories
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|category| {
                let href = format!("/chuyen-muc/{}", category.slug);
                view! { <li><A href=href>{category.title}</A></li> }
            })
            .collect_view()
    };
    view! {
        <nav class="category-menu" aria-label="Chuyên mục">
            <ul>
                <li><A href="/" exact=true>"Trang chủ"</A></li>
                {items}
            </ul>
        </nav>
    }
}
