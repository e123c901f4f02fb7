use serde::{Deserialize, Serialize};
use time::Date;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// What the frame shows beside every page: each visible sidebar block, in order, with
/// its data, and the agency's information for the footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Sidebar {
    pub blocks: Vec<SidebarBlock>,
    /// The footer's agency part as the server writes it for the first view (from the
    /// `site` record, every value escaped): one template, and no footer code in the app.
    pub footer_html: String,
}

/// One block of the sidebar, named by its kind: `{"poll": {"title": …}}`. (Externally
/// tagged: an internal `kind` tag makes serde buffer every block before reading it, and
/// that code cost the app's wasm several kilobytes.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SidebarBlock {
    /// The featured poll; its data comes from `/api/polls`, as it is per reader.
    Poll { title: String },
    PublicServices {
        title: String,
        /// None until figures are entered.
        results: Option<PublicServiceResults>,
        /// The public-services portal the block links to (the `site` record's).
        portal_url: Option<String>,
    },
    Showcase {
        title: String,
        items: Vec<ShowcaseItem>,
    },
    Weblinks {
        title: String,
        groups: Vec<WeblinkGroup>,
    },
    /// "Thống kê truy cập".
    Visitors {
        title: String,
        counts: VisitorCounts,
    },
}

/// "Thống kê truy cập": readers counted once a day each, on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VisitorCounts {
    /// Readers seen in the last five minutes.
    pub online: u64,
    pub today: u64,
    pub this_month: u64,
    pub total: u64,
}

/// Linked websites under one heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WeblinkGroup {
    pub title: String,
    pub links: Vec<Weblink>,
}

/// A linked website. The SPA links to `/api/weblinks/{id}/visit`, which counts the visit
/// and redirects to `url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Weblink {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub visits: u64,
}

/// The online public services' figures for one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PublicServiceResults {
    pub year: i32,
    pub received: u64,
    pub on_time: u64,
    pub late: u64,
    pub in_progress: u64,
    /// When the figures were taken.
    #[serde(with = "crate::instant::full_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub as_of: Date,
}

impl PublicServiceResults {
    /// Processed on time among all processed dossiers, in hundredths of a percent.
    pub fn on_time_rate_hundredths(&self) -> u64 {
        crate::percent_hundredths(&[self.on_time, self.late])[0]
    }
}

/// A card of the showcase: a picture and a title, linking to an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ShowcaseItem {
    pub title: String,
    pub image: String,
    /// A path to the article, when the article exists.
    pub link: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn results(on_time: u64, late: u64) -> PublicServiceResults {
        PublicServiceResults {
            year: 2026,
            received: on_time + late + 5,
            on_time,
            late,
            in_progress: 5,
            as_of: date!(2026 - 11 - 30),
        }
    }

    #[test]
    fn the_on_time_rate_counts_processed_dossiers_only() {
        assert_eq!(results(95, 5).on_time_rate_hundredths(), 9_500);
        assert_eq!(results(2, 1).on_time_rate_hundredths(), 6_667);
        assert_eq!(results(0, 0).on_time_rate_hundredths(), 0);
        assert_eq!(results(10, 0).on_time_rate_hundredths(), 10_000);
    }

    #[test]
    fn blocks_travel_named_by_kind() {
        let block = SidebarBlock::Poll {
            title: "Bình chọn".into(),
        };
        let json = serde_json::to_string(&block).unwrap();
        assert_eq!(json, r#"{"poll":{"title":"Bình chọn"}}"#);
    }

    #[test]
    fn dates_of_figures_travel_as_iso_dates() {
        let json = serde_json::to_value(results(1, 1)).unwrap();
        assert_eq!(json["as_of"], "2026-11-30");
    }
}
