//! bantin: a static bulletin of party-member development figures.
//!
//! The pipeline: [`load`] (walk + parse) → [`validate`] → [`resolve`] → compute indicators →
//! draw charts → render pages → write output. [`serve`] keeps a built site in memory
//! ([`live`]) and renders again only what a change touches ([`deps`]).

pub mod bulletin;
pub mod catalog;
pub mod charts;
pub mod datafiles;
#[cfg(feature = "serve")]
pub mod deps;
pub mod draw;
pub mod hints;
pub mod indicators;
pub mod limits;
pub mod lists;
#[cfg(feature = "serve")]
pub mod live;
pub mod load;
pub mod locale;
pub mod locate;
pub mod markdown;
pub mod model;
pub mod period;
pub mod pipeline;
pub mod points;
pub mod problem;
pub mod render;
pub mod resolve;
pub mod routes;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod sheets;
pub mod starter;
pub mod text;
pub mod theme;
pub mod timings;
pub mod url;
pub mod validate;
pub mod write;
