//! The markup of the written pages: the same elements, classes and words as the SPA's
//! components (`src/layout.rs`, `src/pages/`, `src/widgets/`), so that the app's first
//! render lands where this one stood. The words come from `portal_contract::words` and
//! `format`; a browser test checks that both views read the same for every demo article.

use maud::{Markup, PreEscaped, html};
use portal_contract::{
    Article, ArticleLink, ArticleList, ArticleSummary, Category, PORTAL_NAME, PageRequest,
    QUERY_CHARS, Site, average_fill,
    font_size::{self, FontSize},
    format::{date_line, header_date, machine_date, machine_time, short_date, thousands},
    own_rating_line, paths, ranking_line, star_label, total_line, words,
};
use time::OffsetDateTime;

use crate::footer;

/// What the page is at (the menu marks the link that leads there), and the agency's
/// information for the footer.
pub struct Frame<'a> {
    pub path: &'a str,
    pub categories: &'a [Category],
    pub site: &'a Site,
}

/// Today's date, as the portal's day (Vietnam time).
fn today() -> Markup {
    let now = OffsetDateTime::now_utc();
    html! {
        p class="site-header__date" { time datetime=(machine_date(now)) { (header_date(now)) } }
    }
}

/// The portal's frame around `main`: header, category menu, sidebar, footer.
pub fn frame(at: &Frame, main: Markup) -> Markup {
    html! {
        a class="skip-link" href="#noi-dung" { (words::SKIP_TO_CONTENT) }
        header class="site-header" {
            div class="site-header__inner" {
                a href=(paths::HOME) class="site-name" {
                    span class="site-name__parent" { (words::PARENT_AGENCY) }
                    span class="site-name__title" { (PORTAL_NAME) }
                }
                (today())
                (search_box())
                div class="user-menu" {
                    a href=(paths::sign_in_returning_to(at.path)) { (words::SIGN_IN) }
                }
            }
            (category_menu(at))
        }
        div class="page" {
            main id="noi-dung" class="content" tabindex="-1" { (main) }
            aside class="sidebar" aria-label=(words::SIDEBAR_LABEL) {
                section class="block poll-panel needs-script" {
                    h2 class="block__title" { (words::POLL_BLOCK) }
                    p class="block__note" { (words::POLL_NEEDS_SCRIPT) }
                }
            }
        }
        footer class="site-footer" {
            div class="site-footer__site" { (footer::agency(at.site)) }
            p { (words::FOOTER_CREDIT) }
            p {
                a class="feed-link" href=(paths::FEED) rel="external" {
                    img src="/images/rss.svg" alt="" width="16" height="16";
                    (words::FOOTER_FEED)
                }
            }
        }
    }
}

/// `aria-current="page"` where the router's links would have it: `exact` for the home
/// page, otherwise for the link's address and every address under it.
fn current(path: &str, href: &str, exact: bool) -> Option<&'static str> {
    let here = path == href
        || (!exact
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')));
    here.then_some("page")
}

fn search_box() -> Markup {
    html! {
        form method="get" action=(paths::SEARCH) class="search-box" role="search" {
            label for="tu-khoa" class="visually-hidden" { (words::SEARCH_LABEL) }
            input id="tu-khoa" class="search-box__input" type="search" name="q"
                placeholder=(words::SEARCH_PLACEHOLDER)
                minlength=(QUERY_CHARS.start()) maxlength=(QUERY_CHARS.end()) required;
            button type="submit" class="search-box__button" { (words::SEARCH_BUTTON) }
        }
    }
}

fn category_menu(at: &Frame) -> Markup {
    html! {
        nav class="category-menu" aria-label=(words::MENU_LABEL) {
            // Opens once the app runs; without scripts the style sheet shows the list.
            button type="button" class="category-menu__toggle" aria-expanded="false"
                aria-controls=(words::MENU_LIST_ID) {
                span aria-hidden="true" { "☰ " } (words::MENU_TOGGLE)
            }
            ul id=(words::MENU_LIST_ID) class="category-menu__list" {
                li { a href=(paths::HOME) aria-current=[current(at.path, paths::HOME, true)] { (words::HOME) } }
                @for category in at.categories.iter().filter(|c| c.parent_id.is_none()) {
                    @let href = paths::category(&category.slug);
                    li { a href=(href) aria-current=[current(at.path, &href, false)] { (category.title) } }
                }
            }
        }
    }
}

/// A step of the breadcrumb: a link, or the page itself.
pub struct Crumb<'a> {
    pub label: &'a str,
    pub href: Option<String>,
}

fn breadcrumb(crumbs: &[Crumb]) -> Markup {
    html! {
        nav class="breadcrumb" aria-label=(words::BREADCRUMB_LABEL) {
            ol {
                li { a href=(paths::HOME) { (words::HOME) } }
                @for (i, crumb) in crumbs.iter().enumerate() {
                    @let current = (i + 1 == crumbs.len()).then_some("page");
                    li {
                        span class="breadcrumb__sep" aria-hidden="true" { "›" }
                        @match &crumb.href {
                            Some(href) => a href=(href) aria-current=[current] { (crumb.label) },
                            None => span aria-current=[current] { (crumb.label) },
                        }
                    }
                }
            }
        }
    }
}

/// The article page's `main`, as `src/pages/article.rs` writes it; `url` is its address.
pub fn article(article: &Article, url: &str, font_size: FontSize) -> Markup {
    let crumbs = [
        Crumb {
            label: &article.category.title,
            href: Some(paths::category(&article.category.slug)),
        },
        Crumb {
            label: &article.title,
            href: None,
        },
    ];
    html! {
        (breadcrumb(&crumbs))
        article class="article" {
            p class="print-only article__portal" { (PORTAL_NAME) }
            h1 class="article__title" { (article.title) }
            p class="article__meta" {
                time datetime=(machine_time(article.published_at)) { (date_line(article.published_at)) }
                span class="article__views" { (words::VIEWS) (thousands(article.views)) }
            }
            div class="article__tools" {
                // The app's button, in its place before it runs (see the style sheet).
                button type="button" class="article__print" { (words::PRINT) }
                a class="article__save" href=(paths::saved_article(article.id)) download="" rel="external nofollow" {
                    (words::SAVE_ARTICLE)
                }
                (font_size_choice(font_size))
            }
            p class="article__lead" { (article.summary) }
            // Written by `crate::uploads::article_files`.
            (PreEscaped(&article.picture_html))
            // Sanitized when it was imported.
            div class="article__body" { (PreEscaped(&article.body_html)) }
            (PreEscaped(&article.attachments_html))
            p class="article__author" { (words::AUTHOR) (article.author) }
            @if let Some(source) = &article.source {
                p class="article__source" { (words::SOURCE) (source) }
            }
            @if !article.tags.is_empty() {
                div class="article__tags" {
                    span class="article__tags-label" { (words::TAGS) }
                    ul { @for tag in &article.tags { li { a href=(paths::tag(tag)) { (tag) } } } }
                }
            }
            p class="print-only article__url" { (words::PRINT_URL) (url) }
            (share(&article.title, url))
            (rating(article))
        }
        (neighbours(words::NEWER, &article.newer))
        (neighbours(words::OLDER, &article.older))
    }
}

/// "Cỡ chữ", as `src/widgets/font_size.rs` writes it; `public/boot.js` presses the
/// buttons, before the app runs too.
fn font_size_choice(in_force: FontSize) -> Markup {
    html! {
        div class="font-size" role="group" aria-label=(font_size::LABEL) {
            span class="font-size__label" aria-hidden="true" { (font_size::LABEL) }
            @for size in FontSize::ALL {
                button type="button" class="font-size__choice" data-font-choice=(size.value())
                    data-announce=(size.announcement()) title=(size.name())
                    aria-pressed=((size == in_force).to_string()) { (size.face()) }
            }
            span class="font-size__status visually-hidden" role="status" {}
        }
    }
}

/// "Chia sẻ", as `src/widgets/share.rs` writes it (copying needs the app).
fn share(title: &str, url: &str) -> Markup {
    html! {
        div class="share" role="group" aria-label=(words::SHARE_LABEL) {
            a class="share__link" href=(paths::email_article(title, url)) { (words::EMAIL_ARTICLE) }
            a class="share__link" href=(paths::facebook_share(url)) target="_blank" rel="noopener noreferrer" {
                (words::SHARE_FACEBOOK)
            }
            button type="button" class="share__apps" data-share-title=(title) data-share-url=(url) {
                (words::SHARE_APPS)
            }
            button type="button" class="share__copy" { (words::COPY_LINK) }
            p class="share__status" role="status" {}
        }
    }
}

/// The rating block as it stands before the app runs: the average in the stars and the
/// totals; the app makes the stars clickable (without JavaScript, a note says so). An
/// article closed to rating has no block.
fn rating(article: &Article) -> Markup {
    if !article.allow_rating {
        return html! {};
    }
    let summary = &article.rating;
    html! {
        section class="rating" aria-label=(words::RATING_LABEL) {
            @if let Some(point) = article.my_rating {
                p class="rating__mine" {
                    span aria-hidden="true" {
                        @for n in 1..=5u8 {
                            span class={ "rating__star" @if n <= point { " rating__star--lit" } } { "★" }
                        }
                    }
                    " " (own_rating_line(point))
                }
                p class="rating__done" { (words::ALREADY_RATED) }
            } @else {
                fieldset class="rating__stars" disabled {
                    legend class="visually-hidden" { (words::STARS_LEGEND) }
                    @for point in 1..=5u8 {
                        input type="radio" class="rating__input" name="danh-gia" id=(format!("danh-gia-{point}")) value=(point);
                        label for=(format!("danh-gia-{point}")) class={ "rating__star " (average_fill(summary, point).class()) } title=(star_label(point)) {
                            span aria-hidden="true" { "★" }
                            span class="visually-hidden" { (star_label(point)) }
                        }
                    }
                    span class="rating__preview" aria-hidden="true" {}
                }
            }
            p class="rating__total" { (total_line(summary)) }
            @if article.my_rating.is_none() {
                p class="rating__hint needs-script" { (words::RATING_NEEDS_SCRIPT) }
            }
            @if let Some(line) = ranking_line(summary) {
                p class="rating__ranking" { (line) }
            }
        }
    }
}

fn neighbours(heading: &str, links: &[ArticleLink]) -> Markup {
    html! {
        @if !links.is_empty() {
            section class="neighbours" {
                h2 { (heading) }
                ul {
                    @for link in links {
                        li {
                            a href=(paths::article(link.id)) { (link.title) }
                            " "
                            time datetime=(machine_time(link.published_at)) { "(" (short_date(link.published_at)) ")" }
                        }
                    }
                }
            }
        }
    }
}

/// A list page's `main`: the home page's (no breadcrumb) or a category's or tag's.
pub fn list(heading: &str, with_breadcrumb: bool, page: &ArticleList, base: &str) -> Markup {
    let crumbs = [Crumb {
        label: heading,
        href: None,
    }];
    html! {
        @if with_breadcrumb { (breadcrumb(&crumbs)) }
        h1 class="page-title" { (heading) }
        (article_list(&page.items))
        (pagination(base, page.page, PageRequest::page_count(page.total, page.per_page)))
    }
}

fn article_list(items: &[ArticleSummary]) -> Markup {
    html! {
        @if items.is_empty() {
            p class="empty" { (words::NO_ARTICLES) }
        } @else {
            ul class="article-list" {
                @for item in items {
                    li class="article-card" {
                        @if let Some(picture) = &item.thumbnail {
                            img class="article-card__thumbnail" src=(picture.url) width=(picture.width)
                                height=(picture.height) alt="" loading="lazy" decoding="async";
                        }
                        h2 class="article-card__title" { a href=(paths::article(item.id)) { (item.title) } }
                        p class="article-card__date" {
                            time datetime=(machine_time(item.published_at)) { (date_line(item.published_at)) }
                            span class="article-card__views" { (words::viewed(item.views)) }
                        }
                        p class="article-card__summary" { (item.summary) }
                    }
                }
            }
        }
    }
}

fn pagination(base: &str, page: u32, pages: u32) -> Markup {
    html! {
        @if pages > 1 {
            nav class="pagination" aria-label=(words::PAGINATION_LABEL) {
                @if page > 1 { a href=(paths::list_page(base, page - 1)) rel="prev" { (words::PREVIOUS_PAGE) } }
                span class="pagination__where" { (words::page_of(page, pages)) }
                @if page < pages { a href=(paths::list_page(base, page + 1)) rel="next" { (words::NEXT_PAGE) } }
            }
        }
    }
}

/// The not-found page's `main`.
pub fn not_found() -> Markup {
    html! {
        section class="not-found" {
            h1 { (words::NOT_FOUND_TITLE) }
            p { (words::NOT_FOUND_TEXT) }
            p { a href=(paths::HOME) { (words::BACK_HOME) } }
        }
    }
}
