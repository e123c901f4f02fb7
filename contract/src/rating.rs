use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The tooltips and accessible names of the five stars, from 1 to 5 (as NukeViet's).
pub const STAR_LABELS: [&str; 5] = [
    "Bài viết rất kém",
    "Bài viết kém",
    "Bài viết đạt",
    "Bài viết tốt",
    "Bài viết rất tốt",
];

/// The body of `POST /api/articles/{id}/ratings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewRating {
    /// 1 to 5.
    pub point: u8,
}

impl NewRating {
    /// Whether the point is one of the five stars.
    pub fn is_valid(self) -> bool {
        (1..=5).contains(&self.point)
    }
}

/// An article's ratings: the sum of points, how many, and their average.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RatingSummary {
    pub total: u64,
    pub count: u64,
    /// total / count, rounded half up to one decimal; 0 without ratings.
    pub average: f64,
}

impl RatingSummary {
    pub fn new(total: u64, count: u64) -> Self {
        let tenths = average_tenths(total, count);
        Self {
            total,
            count,
            average: tenths as f64 / 10.0,
        }
    }

    /// The average in tenths, computed exactly (no float rounding surprises).
    pub fn average_tenths(&self) -> u64 {
        average_tenths(self.total, self.count)
    }
}

/// round(total / count, 1) × 10, rounding halves up, in integers.
fn average_tenths(total: u64, count: u64) -> u64 {
    if count == 0 {
        return 0;
    }
    (total * 20 + count) / (count * 2)
}

/// "Tổng số điểm của bài viết là: 4 trong 1 đánh giá".
pub fn total_line(summary: &RatingSummary) -> String {
    format!(
        "Tổng số điểm của bài viết là: {} trong {} đánh giá",
        summary.total, summary.count
    )
}

/// "Xếp hạng: 4,0 - 1 phiếu bầu", only once someone has rated.
pub fn ranking_line(summary: &RatingSummary) -> Option<String> {
    (summary.count > 0).then(|| {
        format!(
            "Xếp hạng: {} - {} phiếu bầu",
            crate::format::tenths_vi(summary.average_tenths()),
            summary.count
        )
    })
}

/// The name of star `point` (1 to 5): "Bài viết tốt" for 4.
pub fn star_label(point: u8) -> &'static str {
    STAR_LABELS[usize::from(point.clamp(1, 5)) - 1]
}

/// "Đánh giá của bạn: 4 sao – Bài viết tốt".
pub fn own_rating_line(point: u8) -> String {
    format!("Đánh giá của bạn: {point} sao – {}", star_label(point))
}

/// How much of one star is lit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StarFill {
    Empty,
    Half,
    Full,
}

impl StarFill {
    /// The class that lights the star, if any.
    pub fn class(self) -> &'static str {
        match self {
            Self::Empty => "",
            Self::Half => "rating__star--half",
            Self::Full => "rating__star--lit",
        }
    }
}

/// Star `point` (1 to 5) of a row showing `summary`'s average, lit to the nearest half
/// star (4,3 → four and a half; 4,2 → four).
pub fn average_fill(summary: &RatingSummary, point: u8) -> StarFill {
    let halves = (summary.average_tenths() * 2 + 5) / 10;
    let needed = u64::from(point) * 2;
    if halves >= needed {
        StarFill::Full
    } else if halves + 1 == needed {
        StarFill::Half
    } else {
        StarFill::Empty
    }
}

/// What `POST /api/articles/{id}/ratings` answers when the rating is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RatingAccepted {
    pub rating: RatingSummary,
    pub my_rating: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fills(total: u64, count: u64) -> Vec<StarFill> {
        let summary = RatingSummary::new(total, count);
        (1..=5).map(|point| average_fill(&summary, point)).collect()
    }

    #[test]
    fn stars_are_named_by_their_points() {
        assert_eq!(star_label(1), "Bài viết rất kém");
        assert_eq!(star_label(5), "Bài viết rất tốt");
        assert_eq!(own_rating_line(4), "Đánh giá của bạn: 4 sao – Bài viết tốt");
    }

    #[test]
    fn the_average_lights_stars_to_the_nearest_half() {
        use StarFill::{Empty as E, Full as F, Half as H};
        assert_eq!(fills(0, 0), [E, E, E, E, E]);
        assert_eq!(fills(4, 1), [F, F, F, F, E]);
        assert_eq!(fills(9, 2), [F, F, F, F, H], "4,5");
        assert_eq!(fills(13, 3), [F, F, F, F, H], "4,3");
        assert_eq!(fills(21, 5), [F, F, F, F, E], "4,2");
        assert_eq!(fills(14, 3), [F, F, F, F, H], "4,7");
        assert_eq!(fills(24, 5), [F, F, F, F, F], "4,8 rounds to 5");
        assert_eq!(fills(3, 2), [F, H, E, E, E], "1,5");
    }

    #[test]
    fn the_lines_read_as_nukeviet_writes_them() {
        let none = RatingSummary::new(0, 0);
        assert_eq!(
            total_line(&none),
            "Tổng số điểm của bài viết là: 0 trong 0 đánh giá"
        );
        assert_eq!(ranking_line(&none), None);
        let one = RatingSummary::new(4, 1);
        assert_eq!(
            total_line(&one),
            "Tổng số điểm của bài viết là: 4 trong 1 đánh giá"
        );
        assert_eq!(
            ranking_line(&one).as_deref(),
            Some("Xếp hạng: 4,0 - 1 phiếu bầu")
        );
        assert_eq!(
            ranking_line(&RatingSummary::new(17, 4)).as_deref(),
            Some("Xếp hạng: 4,3 - 4 phiếu bầu")
        );
    }

    #[test]
    fn no_ratings_average_zero() {
        assert_eq!(RatingSummary::new(0, 0).average, 0.0);
        assert_eq!(RatingSummary::new(0, 0).average_tenths(), 0);
    }

    #[test]
    fn averages_round_half_up_to_one_decimal() {
        assert_eq!(RatingSummary::new(4, 1).average, 4.0);
        assert_eq!(RatingSummary::new(9, 2).average, 4.5);
        // 17 / 4 = 4.25 → 4.3 (PHP's round, not banker's rounding)
        assert_eq!(RatingSummary::new(17, 4).average_tenths(), 43);
        // 13 / 3 = 4.333… → 4.3; 14 / 3 = 4.666… → 4.7
        assert_eq!(RatingSummary::new(13, 3).average_tenths(), 43);
        assert_eq!(RatingSummary::new(14, 3).average_tenths(), 47);
        // 1 / 8 = 0.125 → 0.1
        assert_eq!(RatingSummary::new(1, 8).average_tenths(), 1);
        assert_eq!(RatingSummary::new(5 * 200, 200).average, 5.0);
    }

    #[test]
    fn only_one_to_five_stars_are_valid() {
        assert!(!NewRating { point: 0 }.is_valid());
        assert!((1..=5).all(|point| NewRating { point }.is_valid()));
        assert!(!NewRating { point: 6 }.is_valid());
    }

    #[test]
    fn every_star_has_a_label() {
        assert_eq!(STAR_LABELS[3], "Bài viết tốt");
    }
}
