//! Measurements for `scripts/bench` that need a Rust program rather than a whole CLI run. It
//! prints one line of `key=value` pairs.
//!
//! ```text
//! bench_probe scan      [GAZETTEER OPTIONS] CORPUS...   the matching limit, and the library's parts
//! bench_probe build     [GAZETTEER OPTIONS] [--engine auto|aho|trie] [--cache DIR]
//!                                                       gazetteer load and matcher build times;
//!                                                       with --cache, also the cache save and
//!                                                       load times
//! bench_probe automaton [GAZETTEER OPTIONS] [AUTOMATON OPTIONS] CORPUS...
//! ```
//!
//! Gazetteer options are `-g PATH` (repeatable) and `--no-default-gazetteer`, as in the CLI;
//! `--repeat N` keeps the best of N timed passes (default 3); `--engine` picks the matcher's
//! engine for `scan` and `build`. Automaton options are `--kind
//! auto|dfa|contiguous|noncontiguous`, `--prefilter on|off`, `--dense-depth N`, `--fold` (fold
//! the patterns to lower case and build a case-sensitive automaton, instead of letting the
//! automaton fold ASCII case) and `--anchored` (build for anchored searches only; no scan).
//!
//! `scan` times a bare `AhoCorasick::find_iter` (leftmost-longest, ASCII case-insensitive) over
//! the matcher's own patterns and the corpus texts: the fastest a scan of those bytes can go,
//! the baseline for the benchmarks. It also times `Matcher::find_all` and `Segmenter::segment`
//! alone. `automaton` builds the automaton the matcher needs (standard semantics, overlapping
//! search, ASCII case-insensitive) with one configuration, and reports its build time, heap
//! size and overlapping-scan time. Every run reports the process's peak memory (`VmHWM`).

use std::error::Error;
use std::time::{Duration, Instant};

use actorgraph::{
    CacheStatus, Corpus, Engine, Gazetteer, GazetteerCache, Matcher, MatcherBuilder, Segmenter,
};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};

type Res<T> = Result<T, Box<dyn Error>>;

/// The parsed command line.
#[derive(Debug, Default)]
struct Opts {
    command: String,
    gazetteers: Vec<String>,
    no_default: bool,
    repeat: usize,
    kind: Option<AhoCorasickKind>,
    prefilter: bool,
    dense_depth: Option<usize>,
    fold: bool,
    anchored: bool,
    engine: Engine,
    cache: Option<String>,
    inputs: Vec<String>,
}

fn main() -> Res<()> {
    let opts = parse(std::env::args().skip(1))?;
    let line = match opts.command.as_str() {
        "scan" => scan(&opts)?,
        "build" => build(&opts)?,
        "automaton" => automaton(&opts)?,
        other => return Err(format!("unknown command {other:?}: scan, build or automaton").into()),
    };
    println!("{line} peak_rss_kb={}", peak_rss_kb());
    Ok(())
}

fn parse(mut args: impl Iterator<Item = String>) -> Res<Opts> {
    let mut opts = Opts { repeat: 3, prefilter: true, ..Opts::default() };
    opts.command = args.next().ok_or("missing command: scan, build or automaton")?;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "-g" | "--gazetteer" => opts.gazetteers.push(value()?),
            "--no-default-gazetteer" => opts.no_default = true,
            "--repeat" => opts.repeat = value()?.parse()?,
            "--kind" => opts.kind = parse_kind(&value()?)?,
            "--prefilter" => opts.prefilter = value()? == "on",
            "--dense-depth" => opts.dense_depth = Some(value()?.parse()?),
            "--fold" => opts.fold = true,
            "--anchored" => opts.anchored = true,
            "--engine" => opts.engine = parse_engine(&value()?)?,
            "--cache" => opts.cache = Some(value()?),
            _ => opts.inputs.push(arg),
        }
    }
    Ok(opts)
}

fn parse_kind(name: &str) -> Res<Option<AhoCorasickKind>> {
    Ok(match name {
        "auto" => None,
        "dfa" => Some(AhoCorasickKind::DFA),
        "contiguous" => Some(AhoCorasickKind::ContiguousNFA),
        "noncontiguous" => Some(AhoCorasickKind::NoncontiguousNFA),
        _ => return Err(format!("unknown kind {name:?}").into()),
    })
}

fn parse_engine(name: &str) -> Res<Engine> {
    Ok(match name {
        "auto" => Engine::Auto,
        "aho" => Engine::AhoCorasick,
        "trie" => Engine::Trie,
        _ => return Err(format!("unknown engine {name:?}").into()),
    })
}

fn gazetteer(opts: &Opts) -> Res<Gazetteer> {
    let mut builder = Gazetteer::builder();
    if !opts.no_default {
        builder.add_builtin();
    }
    for path in &opts.gazetteers {
        builder.add_path(path)?;
    }
    Ok(builder.build()?)
}

fn texts(opts: &Opts) -> Res<Vec<String>> {
    let mut texts = Vec::new();
    for doc in Corpus::new().documents(&opts.inputs) {
        texts.push(doc?.text().to_string());
    }
    Ok(texts)
}

/// Runs `f` over every text `repeat` times and returns the fastest pass and its result.
fn best_of<F: FnMut(&str) -> usize>(repeat: usize, texts: &[String], mut f: F) -> (f64, usize) {
    let mut best = (Duration::MAX, 0);
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let count = texts.iter().map(|t| f(t)).sum();
        best = best.min((start.elapsed(), count));
    }
    (best.0.as_secs_f64(), best.1)
}

fn scan(opts: &Opts) -> Res<String> {
    let matcher = MatcherBuilder::new().engine(opts.engine).build(&gazetteer(opts)?)?;
    let texts = texts(opts)?;
    let bare = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(matcher.patterns())?;
    let (bare_secs, bare_hits) = best_of(opts.repeat, &texts, |t| bare.find_iter(t).count());
    let (matcher_secs, mentions) = best_of(opts.repeat, &texts, |t| matcher.find_all(t).len());
    let segmenter = Segmenter::new();
    let (segment_secs, _) =
        best_of(opts.repeat, &texts, |t| segmenter.segment(t).sentences().len());
    let bytes: usize = texts.iter().map(String::len).sum();
    Ok(format!(
        "patterns={} docs={} text_bytes={bytes} bare_kind={:?} bare_secs={bare_secs:.4} \
         bare_hits={bare_hits} matcher_secs={matcher_secs:.4} mentions={mentions} \
         segment_secs={segment_secs:.4}",
        matcher.pattern_count(),
        texts.len(),
        bare.kind(),
    ))
}

fn build(opts: &Opts) -> Res<String> {
    let start = Instant::now();
    let gaz = gazetteer(opts)?;
    let load_secs = start.elapsed().as_secs_f64();
    let aliases: usize = gaz.entries().map(|e| e.aliases().len()).sum();
    let start = Instant::now();
    let matcher = MatcherBuilder::new().engine(opts.engine).build(&gaz)?;
    let build_secs = start.elapsed().as_secs_f64();
    let cache = match &opts.cache {
        Some(dir) => cache_times(opts, dir)?,
        None => String::new(),
    };
    Ok(format!(
        "entities={} aliases={aliases} patterns={} engine={:?} load_secs={load_secs:.3} \
         build_secs={build_secs:.3}{cache}",
        gaz.len(),
        matcher.pattern_count(),
        matcher.engine(),
    ))
}

/// Fills the cache in `dir` (timing the save: load, build and write) if it is not filled,
/// then times the best of `repeat` loads from it, each a hit. A load reads and hashes every
/// source file, so it is the whole time to a ready matcher.
fn cache_times(opts: &Opts, dir: &str) -> Res<String> {
    let cache = GazetteerCache::new(dir);
    let mut builder = MatcherBuilder::new();
    builder.engine(opts.engine);
    let paths = &opts.gazetteers;
    let start = Instant::now();
    let first = cache.load_or_build(!opts.no_default, paths, &builder)?;
    let first_secs = start.elapsed().as_secs_f64();
    drop(first.compiled);
    let mut best = f64::MAX;
    for _ in 0..opts.repeat.max(1) {
        let start = Instant::now();
        let hit = cache.load_or_build(!opts.no_default, paths, &builder)?;
        best = best.min(start.elapsed().as_secs_f64());
        if hit.status != CacheStatus::Hit {
            return Err(format!("cache miss after a save: {:?}", hit.status).into());
        }
    }
    let bytes: u64 =
        std::fs::read_dir(dir)?.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
    Ok(format!(
        " cache_first={:?} cache_first_secs={first_secs:.3} cache_load_secs={best:.3} \
         cache_mb={:.1}",
        first.status,
        bytes as f64 / 1e6
    ))
}

fn automaton(opts: &Opts) -> Res<String> {
    let mut patterns: Vec<String> =
        Matcher::new(&gazetteer(opts)?)?.patterns().map(str::to_string).collect();
    if opts.fold {
        patterns.iter_mut().for_each(|p| p.make_ascii_lowercase());
    }
    let texts = texts(opts)?;
    let rss_before = peak_rss_kb();
    let mut builder = AhoCorasick::builder();
    builder
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(!opts.fold)
        .start_kind(if opts.anchored { StartKind::Anchored } else { StartKind::Unanchored })
        .kind(opts.kind)
        .prefilter(opts.prefilter);
    if let Some(depth) = opts.dense_depth {
        builder.dense_depth(depth);
    }
    let start = Instant::now();
    let ac = builder.build(&patterns)?;
    let build_secs = start.elapsed().as_secs_f64();
    // An anchored-only automaton cannot run the unanchored scan.
    let (scan_secs, hits) = if opts.anchored {
        (f64::NAN, 0)
    } else {
        best_of(opts.repeat, &texts, |t| ac.find_overlapping_iter(t).count())
    };
    Ok(format!(
        "patterns={} kind={:?} build_secs={build_secs:.3} heap_mb={:.1} \
         build_rss_growth_kb={} scan_secs={scan_secs:.4} hits={hits}",
        patterns.len(),
        ac.kind(),
        ac.memory_usage() as f64 / 1e6,
        peak_rss_kb().saturating_sub(rss_before),
    ))
}

/// The process's peak resident memory in KiB, from `/proc/self/status` (0 where unavailable).
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
