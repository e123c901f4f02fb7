//! The agency's information in every page's footer (the `site` record), written once:
//! into the first view, and as the HTML the app's footer shows (`Sidebar::footer_html`),
//! so the app carries no code of its own for it.

use maud::{Markup, html};
use portal_contract::{Site, words};

/// The agency's part of the footer.
pub fn agency(site: &Site) -> Markup {
    html! {
        p class="site-footer__agency" { strong { (site.agency) } }
        address class="site-footer__contact" {
            @for line in site.footer_lines() {
                p {
                    (line.label)
                    @match &line.href {
                        Some(href) => a href=(href) { (line.text) },
                        None => (line.text),
                    }
                }
            }
        }
        @if let Some(href) = &site.public_services_url {
            p { a href=(href) { (words::PUBLIC_SERVICES) } }
        }
        @if site.demo {
            p class="site-footer__demo" { (words::DEMO_SITE) }
        }
    }
}
