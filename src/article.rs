//! The article page, laid out as NukeViet's: title, date line, views, lead, body, author,
//! source, tags, then the newer and older articles of its category.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use portal_contract::{Article, ArticleLink};

use crate::{
    api::{self, LoadError},
    embed::{CookiesBlocked, FrameCookies},
    format::{date_line, short_date, thousands},
    loading::{LoadFailed, Loading, resource_by_id},
    not_found::NotFound,
    rating::Rating,
};

/// The article page; `embedded` for the frame of another site (`/nhung/bai-viet/{id}`):
/// the article and its rating only, with a link to the full page.
#[component]
pub fn ArticlePage(#[prop(optional)] embedded: bool) -> impl IntoView {
    let article = resource_by_id(api::article);
    move || match article.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(LoadError::NotFound)) => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error/> }.into_any(),
        Some(Ok(article)) if embedded => view! { <EmbeddedArticle article/> }.into_any(),
        Some(Ok(article)) => view! { <ArticleView article/> }.into_any(),
    }
}

#[component]
fn EmbeddedArticle(article: Article) -> impl IntoView {
    let cookies = expect_context::<FrameCookies>();
    let full_page = format!("/bai-viet/{}", article.id);
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
                <time datetime=article.published_at.to_string()>{date_line(article.published_at)}</time>
            </p>
            <div class="article__body" inner_html=article.body_html></div>
            <p class="article__author">"Tác giả: " {article.author}</p>
            {rating}
            <p class="embed__more">
                <a href=full_page target="_blank" rel="noopener">"Xem trên cổng thông tin"</a>
            </p>
        </article>
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let category_href = format!("/chuyen-muc/{}", article.category.slug);
    let tags = (!article.tags.is_empty())
        .then(|| view! { <p class="article__tags">"Tags: " {article.tags.join(", ")}</p> });
    view! {
        <Title text=article.title.clone()/>
        <article class="article">
            <p class="article__category"><A href=category_href>{article.category.title}</A></p>
            <h1 class="article__title">{article.title}</h1>
            <p class="article__meta">
                <time datetime=article.published_at.to_string()>{date_line(article.published_at)}</time>
                <span class="article__views">"Lượt xem: " {thousands(article.views)}</span>
                <button type="button" class="article__print" on:click=|_| print_page()>"In ra"</button>
            </p>
            <p class="article__lead">{article.summary}</p>
            <div class="article__body" inner_html=article.body_html></div>
            <p class="article__author">"Tác giả: " {article.author}</p>
            {article.source.map(|source| view! { <p class="article__source">"Nguồn tin: " {source}</p> })}
            {tags}
            <Rating
                article_id=article.id
                summary=article.rating
                allow_rating=article.allow_rating
                my_rating=article.my_rating
            />
        </article>
        <Neighbours heading="Những tin mới hơn" links=article.newer/>
        <Neighbours heading="Những tin cũ hơn" links=article.older/>
    }
}

fn print_page() {
    // Printing can only fail when the browser forbids it; there is nothing to tell then.
    let _ = window().print();
}

#[component]
fn Neighbours(heading: &'static str, links: Vec<ArticleLink>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        let items = links
            .into_iter()
            .map(|link| {
                let href = format!("/bai-viet/{}", link.id);
                view! {
                    <li>
                        <A href=href>{link.title}</A>
                        " "
                        <time datetime=link.published_at.to_string()>{format!("({})", short_date(link.published_at))}</time>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="neighbours">
                <h2>{heading}</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}
