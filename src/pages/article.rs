//! The article page, laid out as NukeViet's: title, date line, views, lead, body, author,
//! source, tags, then the newer and older articles of its category.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::components::A;
use portal_contract::{Article, ArticleLink};

use portal_contract::format::{date_line, machine_time, short_date, thousands};

use portal_contract::{paths, words};

use crate::{
    api, environment,
    loading::page_by_id,
    routes::{self, PORTAL_NAME},
    widgets::{
        breadcrumb::{Breadcrumb, Crumb},
        font_size::FontSizeChoice,
        rating::Rating,
        share::ShareTools,
    },
};

#[component]
pub fn ArticlePage() -> impl IntoView {
    page_by_id(api::article, |article| view! { <ArticleView article/> })
}

/// Sends the view of article `id` when the page came with it uncounted (see
/// [`api::view_left_to_app`]), once the app runs the page.
pub fn count_view_left_to_app(id: i64) {
    if api::view_left_to_app(id) {
        // Effects run in the browser only.
        Effect::new(move |_| spawn_local(api::count_view(id)));
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    count_view_left_to_app(article.id);
    let tags = (!article.tags.is_empty()).then(|| {
        let links = article
            .tags
            .iter()
            .map(|tag| {
                let href = routes::tag(tag);
                let label = tag.clone();
                view! { <li><A href=href>{label}</A></li> }
            })
            .collect_view();
        view! {
            <div class="article__tags">
                <span class="article__tags-label">{words::TAGS}</span>
                <ul>{links}</ul>
            </div>
        }
    });
    let url = format!("{}{}", environment::origin(), routes::article(article.id));
    let crumbs = vec![
        Crumb::link(
            article.category.title.clone(),
            routes::category(&article.category.slug),
        ),
        Crumb::here(article.title.clone()),
    ];
    view! {
        <Title text=article.title.clone()/>
        <Breadcrumb crumbs/>
        <article class="article">
            <p class="print-only article__portal">{PORTAL_NAME}</p>
            <h1 class="article__title">{article.title.clone()}</h1>
            <p class="article__meta">
                <time datetime=machine_time(article.published_at)>{date_line(article.published_at)}</time>
                <span class="article__views">{words::VIEWS} {thousands(article.views)}</span>
            </p>
            <div class="article__tools">
                <button type="button" class="article__print" on:click=|_| print_page()>{words::PRINT}</button>
                // A server document: `rel="external"` keeps the router from taking the click.
                <a class="article__save" href=paths::saved_article(article.id) download="" rel="external nofollow">
                    {words::SAVE_ARTICLE}
                </a>
                <FontSizeChoice/>
            </div>
            <ArticleText article=article.clone()/>
            {tags}
            <p class="print-only article__url">{words::PRINT_URL}{url.clone()}</p>
            <ShareTools title=article.title.clone() url/>
            <Rating
                article_id=article.id
                summary=article.rating
                allow_rating=article.allow_rating
                my_rating=article.my_rating
            />
        </article>
        <Neighbours heading=words::NEWER links=article.newer/>
        <Neighbours heading=words::OLDER links=article.older/>
    }
}

/// What the article says — its lead, picture, body, attachments, author and source — on
/// its page and in the copy a reader saves.
#[component]
pub fn ArticleText(article: Article) -> impl IntoView {
    view! {
        <p class="article__lead">{article.summary}</p>
        // The server wrote these two (see its `article_files`), and the body sanitized.
        <div inner_html=article.picture_html></div>
        <div class="article__body" inner_html=article.body_html></div>
        <div inner_html=article.attachments_html></div>
        <p class="article__author">{words::AUTHOR} {article.author}</p>
        {article.source.map(|source| view! { <p class="article__source">{words::SOURCE} {source}</p> })}
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
                view! {
                    <li>
                        <A href=routes::article(link.id)>{link.title}</A>
                        " "
                        <time datetime=machine_time(link.published_at)>{format!("({})", short_date(link.published_at))}</time>
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
