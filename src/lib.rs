//! bantin: a static bulletin of party-member development figures.
//!
//! The pipeline: [`load`] (walk + parse) → [`validate`] → compute indicators →
//! draw charts → render pages → write output.

pub mod datafiles;
pub mod indicators;
pub mod labels;
pub mod load;
pub mod locale;
pub mod locate;
pub mod model;
pub mod period;
pub mod pipeline;
pub mod problem;
pub mod text;
pub mod validate;
pub mod write;
