//! The integration test binary: the library's public API, the real CLI on data/, and the
//! examples.

mod util;

mod api;
mod bad_input;
mod cli;
mod eval;
mod events;
mod evidence;
mod examples;
mod formats;
mod gazetteer;
mod hostile;
mod import;
mod measures;
mod metadata;
mod props;
mod scale;
mod time;
mod traps;
