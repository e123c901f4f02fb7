/// Articles per page when the request does not say.
pub const DEFAULT_PER_PAGE: u32 = 10;
/// The most articles one page may hold; larger requests are refused, not clamped.
pub const MAX_PER_PAGE: u32 = 50;

/// A validated page of a list: `page` counts from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

/// Why a page request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageError {
    PageOutOfRange,
    PerPageOutOfRange,
}

impl PageRequest {
    /// Checks raw query values; absent values take the defaults.
    pub fn new(page: Option<i64>, per_page: Option<i64>) -> Result<Self, PageError> {
        let page = match page {
            None => 1,
            Some(p) => u32::try_from(p)
                .ok()
                .filter(|p| *p >= 1)
                .ok_or(PageError::PageOutOfRange)?,
        };
        let per_page = match per_page {
            None => DEFAULT_PER_PAGE,
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                .ok_or(PageError::PerPageOutOfRange)?,
        };
        Ok(Self { page, per_page })
    }

    /// How many rows to skip.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// How many pages `total` items fill (at least one, so an empty list still has page 1).
    pub fn page_count(total: u64, per_page: u32) -> u32 {
        let pages = total.div_ceil(u64::from(per_page.max(1))).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }
}

/// The page a list's address asks for with `?trang=`: 1 when absent or not a page number.
pub fn page_in_address(trang: Option<&str>) -> u32 {
    trang
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_absent() {
        assert_eq!(
            PageRequest::new(None, None),
            Ok(PageRequest {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            })
        );
    }

    #[test]
    fn page_must_be_positive() {
        assert_eq!(
            PageRequest::new(Some(0), None),
            Err(PageError::PageOutOfRange)
        );
        assert_eq!(
            PageRequest::new(Some(-1), None),
            Err(PageError::PageOutOfRange)
        );
        assert_eq!(
            PageRequest::new(Some(i64::MAX), None),
            Err(PageError::PageOutOfRange)
        );
        assert!(PageRequest::new(Some(1), None).is_ok());
    }

    #[test]
    fn per_page_bounds_are_inclusive() {
        assert_eq!(
            PageRequest::new(None, Some(0)),
            Err(PageError::PerPageOutOfRange)
        );
        assert_eq!(
            PageRequest::new(None, Some(10_000)),
            Err(PageError::PerPageOutOfRange)
        );
        assert_eq!(
            PageRequest::new(None, Some(i64::from(MAX_PER_PAGE) + 1)),
            Err(PageError::PerPageOutOfRange)
        );
        assert_eq!(
            PageRequest::new(None, Some(i64::from(MAX_PER_PAGE))).map(|p| p.per_page),
            Ok(MAX_PER_PAGE)
        );
        assert_eq!(PageRequest::new(None, Some(1)).map(|p| p.per_page), Ok(1));
    }

    #[test]
    fn offset_skips_earlier_pages() {
        let p = PageRequest::new(Some(3), Some(10)).unwrap();
        assert_eq!(p.offset(), 20);
        assert_eq!(PageRequest::new(Some(1), Some(7)).unwrap().offset(), 0);
    }

    #[test]
    fn the_address_names_a_page_or_the_first() {
        assert_eq!(page_in_address(Some("3")), 3);
        assert_eq!(page_in_address(None), 1);
        assert_eq!(page_in_address(Some("0")), 1);
        assert_eq!(page_in_address(Some("-2")), 1);
        assert_eq!(page_in_address(Some("hai")), 1);
    }

    #[test]
    fn page_count_rounds_up_and_never_zero() {
        assert_eq!(PageRequest::page_count(0, 10), 1);
        assert_eq!(PageRequest::page_count(10, 10), 1);
        assert_eq!(PageRequest::page_count(11, 10), 2);
        assert_eq!(PageRequest::page_count(13, 5), 3);
    }
}
