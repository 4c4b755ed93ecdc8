//! Integration tests: one binary, one module per feature, all driven by the
//! fixture-site builder in `fixture`.

mod browser;
mod cli;
mod corpus;
mod crashes;
mod errors;
mod figures;
mod fixture;
mod import;
mod localization;
mod pages;
mod photos;
mod provinces;
mod publishing;
mod quality;
mod rebuild;
mod sample;
mod search;
mod security;
mod tools;
mod validation;
mod watch;
