//! Compute: the indicators of every unit and period (SPEC §6), rolled up the unit tree,
//! ranked among siblings and checked for consistency, and the main points the front
//! page states in words. Pure: no I/O, no clock.

pub(crate) mod again;
pub mod indicators;
mod order;
pub(crate) mod points;
pub(crate) mod reads;
