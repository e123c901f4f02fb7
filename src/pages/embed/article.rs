//! `/nhung/bai-viet/{id}`: the article and its rating only, with a link to the full page.

use leptos::prelude::*;
use leptos_meta::Title;
use portal_contract::Article;

use super::frame::{CookiesBlocked, FrameCookies};
use portal_contract::format::{date_line, machine_time};

use portal_contract::words;

use crate::{
    api, loading::page_by_id, pages::article::count_view_left_to_app, routes,
    widgets::rating::Rating,
};

#[component]
pub fn EmbedArticle() -> impl IntoView {
    page_by_id(api::article, |article| view! { <EmbeddedArticle article/> })
}

#[component]
fn EmbeddedArticle(article: Article) -> impl IntoView {
    count_view_left_to_app(article.id);
    let cookies = expect_context::<FrameCookies>();
    let full_page = routes::article(article.id);
    let rating = {
        let full_page = full_page.clone();
        move || match cookies.0.get() {
            Some(false) => view! { <CookiesBlocked href=full_page.clone()/> }.into_any(),
            _ => view! {
                <Rating
                    article_id=article.id
                    summary=article.rating
                    allow_rating=article.allow_rating
                    my_rating=article.my_rating
                />
            }
            .into_any(),
        }
    };
    view! {
        <Title text=article.title.clone()/>
        <article class="article article--embedded">
            <h1 class="article__title">{article.title}</h1>
            <p class="article__meta">
                <time datetime=machine_time(article.published_at)>{date_line(article.published_at)}</time>
            </p>
            <div class="article__body" inner_html=article.body_html></div>
            <p class="article__author">{words::AUTHOR} {article.author}</p>
            {rating}
            <p class="embed__more">
                <a href=full_page target="_blank" rel="noopener">"Xem trên cổng thông tin"</a>
            </p>
        </article>
    }
}
