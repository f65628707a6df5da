//! bantin: a static bulletin of party-member development figures.
//!
//! One pipeline ([`pipeline`]), its stages in the order they run:
//!
//! 1. [`load`]: walk the content folder and parse `site.yaml`, the data files (YAML
//!    or workbooks, through [`sheets`]) and the articles into a [`model::Content`],
//!    keeping each file's text so problems can be placed ([`problem`]).
//! 2. [`validate`]: every rule of the content, all problems collected in one run.
//! 3. [`resolve`]: the read-only [`resolve::Bulletin`] every later stage shares (the
//!    unit tree, names, categories, published articles and their lists, periods,
//!    the route table).
//! 4. [`compute`]: the indicators of every unit and period, and the front page's focus.
//! 5. [`charts`]: which charts each page shows, each chart's values, then its
//!    drawings (wide and narrow SVG) and table files.
//! 6. [`render`]: the pages through the tera templates, the data files, the search
//!    index and the PDF bulletin.
//! 7. [`write`]: into a staging folder, swapped in only when everything succeeded.
//!
//! [`serve`] (the default `serve` feature) runs the same stages for the live preview
//! and renders again only what a change touches.

pub mod catalog;
pub(crate) mod charts;
pub mod compute;
pub mod load;
pub mod locale;
pub mod model;
pub mod pipeline;
pub mod problem;
pub mod render;
pub mod resolve;
#[cfg(feature = "serve")]
pub mod serve;
pub(crate) mod sheets;
pub mod starter;
pub mod text;
pub mod timings;
pub(crate) mod url;
pub(crate) mod validate;
pub mod write;
