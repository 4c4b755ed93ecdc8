//! Integration tests: one binary, one module per feature, all driven by the
//! fixture-site builder in `fixture`.

mod cli;
mod errors;
mod fixture;
mod localization;
mod pages;
mod sample;
