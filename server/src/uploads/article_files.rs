//! An article's lead picture and its attachments ("Tệp đính kèm"), written once as HTML:
//! into the first view, and as `Article::picture_html` and `attachments_html`, which the
//! app shows as they are (so the app carries no code of its own for them).

use maud::html;
use portal_contract::{UploadedFile, words};

/// The files an article names, as uploaded.
#[derive(Debug, Clone, Default)]
pub struct ArticleFiles {
    pub picture: Option<UploadedFile>,
    pub caption: String,
    pub attachments: Vec<UploadedFile>,
}

impl ArticleFiles {
    /// The lead picture at the width the screen needs, with its caption; empty for none.
    pub fn picture_html(&self) -> String {
        let Some(picture) = &self.picture else {
            return String::new();
        };
        let caption = &self.caption;
        html! {
            figure class="article__picture" {
                img src=(picture.url) srcset=[picture.srcset.as_deref()] sizes=(words::PICTURE_SIZES)
                    width=[picture.width] height=[picture.height] alt=(caption);
                @if !caption.is_empty() { figcaption { (caption) } }
            }
        }
        .into_string()
    }

    /// "Tệp đính kèm": each file's name, type and size (a PDF opens in the browser's
    /// viewer); empty for none.
    pub fn attachments_html(&self) -> String {
        if self.attachments.is_empty() {
            return String::new();
        }
        html! {
            section class="attachments" aria-labelledby="tep-dinh-kem" {
                h2 id="tep-dinh-kem" class="attachments__title" { (words::ATTACHMENTS) }
                ul class="attachments__list" {
                    @for file in &self.attachments {
                        // A file the server sends: `rel="external"` keeps the app's router
                        // from taking the click.
                        li { a href=(file.url) rel="external" { (file.name) } (words::attachment_facts(&file.label, file.size)) }
                    }
                }
            }
        }
        .into_string()
    }
}
