//! The parts pages are made of: each takes its data as props (or fetches its own), and
//! knows nothing of the page around it.

pub mod article_list;
pub mod breadcrumb;
pub mod category_select;
pub mod directory;
pub mod font_size;
pub mod pagination;
pub mod poll;
pub mod posting;
pub mod rating;
pub mod search_box;
pub mod share;
pub mod sidebar;
pub mod sign_in_form;
