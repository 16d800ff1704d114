//! Command-line arguments: parsing and validation only, no I/O.

use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, Parser, Subcommand, ValueEnum};

use crate::filter::FilterArgs;

/// Find the people, states, groups and places named in news articles, and build their
/// co-occurrence network for Gephi and Graphviz.
#[derive(Debug, Parser)]
#[command(name = "actorgraph", version, about, long_about = None)]
#[command(after_help = "Exit status: 0 on success, 1 if no actor was found, 2 on error.")]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write every actor mention (of the gazetteers, and discovered), with byte offsets, as CSV
    /// or JSONL.
    Extract(ExtractArgs),
    /// Build the actor graph (co-occurrence, or coded events with --relations events) and write
    /// it as CSV for Gephi, DOT for Graphviz, GEXF, GraphML, JSON, an HTML page or GeoJSON.
    Graph(GraphArgs),
    /// Write who did what to whom: one CAMEO-coded event per row (source, target, code, quad
    /// class, score, verb, byte spans, flags), as CSV or JSONL.
    Events(EventsArgs),
    /// Work with gazetteer files: import other dictionaries, suggest missing actors, count and
    /// check entries.
    Gazetteer(GazetteerArgs),
    /// Combine partial results (from `graph --partial`) into the graph one run would give.
    Merge(MergeArgs),
    /// Score the matcher against hand-annotated articles and print precision, recall and F1.
    Eval(EvalArgs),
    /// Write the completion script of a shell to standard output.
    Completions(crate::manual::CompletionsArgs),
    /// Write the man page to standard output, or with --out all the pages (one per command).
    Man(crate::manual::ManArgs),
}

#[derive(Debug, Args)]
pub(crate) struct GazetteerArgs {
    #[command(subcommand)]
    pub(crate) command: GazetteerCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum GazetteerCommand {
    /// Convert a GeoNames dump, a CAMEO .actors dictionary or spaCy EntityRuler patterns into
    /// a gazetteer file.
    Import(ImportArgs),
    /// Run discovery over a corpus and write the people, groups and places it proposes as gazetteer
    /// rows, most mentioned first, for a human to review.
    Suggest(SuggestArgs),
    /// Count the entities and aliases of each kind.
    Stats(GazetteerFiles),
    /// List what a person should look at, by kind: names a later file took over, entities
    /// replaced, mangled names, dictionary words and lower-case names (exit code 1 if there
    /// are any).
    Check(CheckArgs),
}

/// `gazetteer check`: the files, the word list and how much to list.
#[derive(Debug, Args)]
#[command(after_help = "Each kind is a heading with its count, then its findings, one per line \
as FILE:LINE: message; a kind with more than 5 lists its first 5 unless --verbose. A summary \
and the word list used go to standard error.")]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) files: GazetteerFiles,
    /// Report one-word names that are words of this English word list (one a line; default:
    /// /usr/share/dict/words when it exists, from Debian's wamerican), as the GeoNames import
    /// leaves them out.
    #[arg(long, value_name = "FILE", conflicts_with = "no_dictionary")]
    pub(crate) dictionary: Option<PathBuf>,
    /// Use no word list: only the GeoNames stop-list makes dictionary words.
    #[arg(long)]
    pub(crate) no_dictionary: bool,
    /// The population from which a place's name that is a dictionary word is not reported
    /// (default: 250000, as for the GeoNames import).
    #[arg(long, value_name = "N")]
    pub(crate) large_place: Option<u64>,
    /// List every finding: by default a kind with more than 5 lists its first 5.
    #[arg(short, long)]
    pub(crate) verbose: bool,
}

/// Which gazetteer files to read, for `gazetteer stats` and `check`.
#[derive(Debug, Args)]
pub(crate) struct GazetteerFiles {
    /// A gazetteer file to read on top of the built-in one (later files win).
    #[arg(value_name = "PATH")]
    pub(crate) gazetteers: Vec<PathBuf>,
    /// Read only the files given, not the built-in gazetteer.
    #[arg(long)]
    pub(crate) no_default_gazetteer: bool,
}

/// `suggest` always runs discovery, so the discovery switches are hidden from its help.
#[derive(Debug, Args)]
#[command(mut_arg("discover", |a| a.hide(true)), mut_arg("no_discover", |a| a.hide(true)))]
pub(crate) struct SuggestArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// Write to this file (atomically; - is standard output) instead of standard output.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Leave out candidates mentioned fewer times than this.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub(crate) min_mentions: u64,
}

#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// Partial results written by `actorgraph graph --partial`: files (one partial a line;
    /// empty ones are skipped), directories (their files at any depth, in sorted order, such
    /// as a Spark or Hadoop output directory) or globs (quoted, such as 'out/part-*').
    #[arg(required = true, value_name = "PARTIAL")]
    pub(crate) partials: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) output: GraphOutputArgs,
    /// With partials of `graph --relations events --partial`: weigh each edge by cooperation
    /// minus conflict.
    #[arg(long)]
    pub(crate) signed: bool,
    /// Refused: partial results hold no text to cite (only so that the refusal says why).
    #[arg(long, hide = true)]
    pub(crate) evidence: bool,
    /// Refused: partial results hold no metadata counts (only so that the refusal says why).
    #[arg(long = "attribute", hide = true, value_name = "FIELD")]
    pub(crate) attributes: Vec<String>,
    /// Refused, as --attribute.
    #[arg(long, hide = true, value_name = "FIELD")]
    pub(crate) split_by: Option<String>,
    /// Refused, as --attribute.
    #[arg(long, hide = true, value_name = "FIELD")]
    pub(crate) two_mode: Option<String>,
    /// Print no notes, warnings or summary.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// A directory of annotated articles and pairs.tsv (format: data/eval/README.md), or of
    /// stand-off annotations (mentions.tsv; format: data/eval-lee/README.md) with --corpus.
    /// Default: data/eval in the current directory, else in the source tree actorgraph was
    /// built from.
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// The JSONL corpus that holds the texts of a stand-off set.
    #[arg(long, value_name = "JSONL")]
    pub(crate) corpus: Option<PathBuf>,
    /// Add a gazetteer file on top of the built-in one (repeatable; later files win).
    #[arg(short, long = "gazetteer", value_name = "PATH")]
    pub(crate) gazetteers: Vec<PathBuf>,
    /// Use only the gazetteers given with --gazetteer.
    #[arg(long)]
    pub(crate) no_default_gazetteer: bool,
    /// Score with discovery (the default), which the actors the gazetteer lacks need.
    #[arg(long, overrides_with = "no_discover")]
    pub(crate) discover: bool,
    /// Score the gazetteer alone, without discovery.
    #[arg(long)]
    pub(crate) no_discover: bool,
    /// Also list every false and missed mention (of a stand-off set, in its development part
    /// only: the held-back part "test" is scored, never listed).
    #[arg(long)]
    pub(crate) errors: bool,
    /// The date of every article that has none of its own (YYYY, YYYY-MM or YYYY-MM-DD), as
    /// for `extract` and `graph`.
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<actorgraph::Date>,
    /// Add an event dictionary on top of the built-in one for the event scores (repeatable;
    /// format: events/README.md). Events are scored when the set has event annotations.
    #[arg(long = "events", value_name = "PATH")]
    pub(crate) events: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "A summary and what was skipped, by reason, go to standard error.")]
pub(crate) struct ImportArgs {
    /// The format of FILE.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) from: ImportFormatArg,
    /// The dictionary to import (plain or gzip-compressed).
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Write the gazetteer to this file (atomically; - is standard output) instead of standard
    /// output.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// GeoNames: leave out places with a smaller population (default: 0).
    #[arg(long, value_name = "N")]
    pub(crate) min_population: Option<u64>,
    /// GeoNames: keep only these feature classes, comma-separated (default: all).
    #[arg(long, value_name = "CLASSES", value_delimiter = ',', value_parser = feature_class)]
    pub(crate) feature_class: Vec<String>,
    /// GeoNames: also import alternate names (Latin script, 3 characters or more).
    #[arg(long)]
    pub(crate) alternate_names: bool,
    /// GeoNames: never import the names in this file (one a line), besides the built-in
    /// stop-list (repeatable).
    #[arg(long, value_name = "FILE")]
    pub(crate) stop_list: Vec<PathBuf>,
    /// GeoNames: leave out one-word names that are words of this English word list (one a
    /// line; default: /usr/share/dict/words when it exists, from Debian's wamerican).
    #[arg(long, value_name = "FILE", conflicts_with = "no_dictionary")]
    pub(crate) dictionary: Option<PathBuf>,
    /// GeoNames: do not leave out dictionary words.
    #[arg(long)]
    pub(crate) no_dictionary: bool,
    /// GeoNames: the population from which a place keeps a name that is a dictionary word, a
    /// given name or a surname (default: 250000).
    #[arg(long, value_name = "N")]
    pub(crate) large_place: Option<u64>,
    /// spaCy: keep pattern ids that the built-in gazetteer has, so that the imported entities
    /// replace those built-in entities when stacked (default: renamed spacy_ID).
    #[arg(long)]
    pub(crate) keep_ids: bool,
}

impl ImportArgs {
    /// Checks that the GeoNames options are given only with `--from geonames`.
    pub(crate) fn check(&self) -> Result<(), String> {
        let geonames_only = [
            ("--min-population", self.min_population.is_some()),
            ("--feature-class", !self.feature_class.is_empty()),
            ("--alternate-names", self.alternate_names),
            ("--stop-list", !self.stop_list.is_empty()),
            ("--dictionary", self.dictionary.is_some()),
            ("--no-dictionary", self.no_dictionary),
            ("--large-place", self.large_place.is_some()),
        ];
        if let Some((flag, _)) = geonames_only.iter().find(|(_, given)| *given) {
            if self.from != ImportFormatArg::Geonames {
                return Err(format!("{flag} applies only to --from geonames"));
            }
        }
        if self.keep_ids && self.from != ImportFormatArg::Spacy {
            return Err("--keep-ids applies only to --from spacy".to_string());
        }
        Ok(())
    }
}

/// Parses a GeoNames feature class: one of the letters A, H, L, P, R, S, T, U, V.
fn feature_class(text: &str) -> Result<String, String> {
    let class = text.trim().to_ascii_uppercase();
    if class.len() == 1 && "AHLPRSTUV".contains(&class) {
        Ok(class)
    } else {
        Err(format!("\"{text}\" is not a GeoNames feature class (A, H, L, P, R, S, T, U or V)"))
    }
}

/// The matcher's search engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EngineArg {
    /// Aho-Corasick up to 60,000 name variants, the trie above.
    Auto,
    /// One Aho-Corasick pass (contiguous NFA).
    AhoCorasick,
    /// An anchored trie tried at word starts: fast to build for very large gazetteers.
    Trie,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ImportFormatArg {
    /// GeoNames dump lines (cities500.txt, allCountries.txt).
    Geonames,
    /// CAMEO/PETRARCH .actors dictionaries.
    Cameo,
    /// spaCy EntityRuler patterns (JSONL).
    Spacy,
}

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MentionFormatArg::Csv)]
    pub(crate) format: MentionFormatArg,
    /// Write to this file (atomically; - is standard output) instead of standard output.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Write CSV text cells as they are, even those that start with = + - @, a tab or a
    /// carriage return (which otherwise get a ' in front, so spreadsheets do not run them).
    #[arg(long)]
    pub(crate) raw_csv: bool,
    /// Add a date_source column after date: where each document's date came from (field,
    /// dateline, filename, default for --date, or empty).
    #[arg(long)]
    pub(crate) show_date_source: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct EventsArgs {
    #[command(subcommand)]
    pub(crate) command: Option<EventsCommand>,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MentionFormatArg::Csv)]
    pub(crate) format: MentionFormatArg,
    /// Write to this file (atomically; - is standard output) instead of standard output.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Add an event dictionary file on top of the built-in one (repeatable; later files win;
    /// format: events/README.md).
    #[arg(long = "events", value_name = "PATH")]
    pub(crate) dictionaries: Vec<PathBuf>,
    /// Use only the event dictionaries given with --events.
    #[arg(long)]
    pub(crate) no_default_events: bool,
    /// Write CSV text cells as they are, even those that start with = + - @, a tab or a
    /// carriage return (which otherwise get a ' in front, so spreadsheets do not run them).
    #[arg(long)]
    pub(crate) raw_csv: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum EventsCommand {
    /// Convert a PETRARCH verb dictionary (CAMEO.2.0.txt) into an event dictionary file for
    /// --events (what it cannot express is counted on standard error).
    Import(VerbImportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct VerbImportArgs {
    /// The PETRARCH verb dictionary (plain or gzip-compressed).
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Write the event dictionary to this file (atomically; - is standard output) instead of
    /// standard output.
    #[arg(short, long = "out", alias = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct GraphArgs {
    #[command(flatten)]
    pub(crate) common: CommonArgs,
    #[command(flatten)]
    pub(crate) output: GraphOutputArgs,
    /// The window in which two actors co-occur.
    #[arg(long, value_enum, default_value_t = WindowArg::Sentence)]
    pub(crate) window: WindowArg,
    /// Write a mergeable partial result (OUT/partial.json, or one line on standard output
    /// with --out -) instead of the graph files; combine partials with `actorgraph merge`,
    /// which takes the output options (--format, filters, measures). Exit status 0 whenever
    /// the partial is written, even with no actor.
    #[arg(long)]
    pub(crate) partial: bool,
    /// Write one graph per month or year into OUT/PERIOD/ (such as OUT/2025-06/), in every
    /// --format, and one dynamic OUT/graph.gexf whose timeline in Gephi plays the periods.
    /// Documents without a date are left out and counted.
    #[arg(long, value_enum, value_name = "PERIOD", conflicts_with = "partial")]
    pub(crate) slice: Option<SliceArg>,
    /// Boxed: the command's arguments would otherwise be much larger than the others'.
    #[command(flatten)]
    pub(crate) evidence: Box<EvidenceArgs>,
    #[command(flatten)]
    pub(crate) relations: RelationArgs,
    #[command(flatten)]
    pub(crate) metadata: Box<MetadataArgs>,
}

/// The help heading of the metadata flags.
const METADATA: &str = "Metadata (JSONL fields such as party or source)";

#[derive(Debug, Args)]
pub(crate) struct MetadataArgs {
    /// Count a JSONL field per value on every node and edge (repeatable or comma-separated):
    /// each value becomes a column FIELD=VALUE (such as party=democrat, values in sorted
    /// order) holding the documents with that value in which the actor appears, or in which
    /// the two actors share a window. Documents without the field (or with it null or empty)
    /// count under no value; the summary says how many.
    #[arg(long = "attribute", help_heading = METADATA, value_delimiter = ',', value_name = "FIELD")]
    pub(crate) attributes: Vec<String>,
    /// Write one graph per value of a JSONL field into OUT/VALUE/ (the value made safe as a
    /// folder name; OUT/values.tsv gives each folder's value), in every --format. Documents
    /// without the field are left out and counted.
    #[arg(long, help_heading = METADATA, value_name = "FIELD")]
    pub(crate) split_by: Option<String>,
    /// Write the two-mode (bipartite) network of actors and the values of a JSONL field
    /// (`document`: each document's id) instead of the co-occurrence graph: an edge joins an
    /// actor to a value, weighted by the documents with that value that mention the actor.
    /// Nodes carry Mode (actor or the field's name), Bipartite (0 or 1) and Type (false or
    /// true). Formats csv, gexf, graphml, json and dot; filters --kinds, --exclude and
    /// --drop-isolated. Documents without the field are left out and counted.
    #[arg(long, help_heading = METADATA, value_name = "FIELD")]
    pub(crate) two_mode: Option<String>,
}

/// Which relation links the actors of a graph.
/// The help heading of these flags.
const RELATIONS: &str = "Relations";

#[derive(Debug, Args)]
pub(crate) struct RelationArgs {
    /// What an edge is: co-occurrence in a window (undirected), or coded events from a source
    /// to a target (directed; counts per quad class and the mean score, weighted by events).
    #[arg(long, help_heading = RELATIONS, value_enum, default_value_t = RelationArg::Cooccurrence)]
    pub(crate) relations: RelationArg,
    /// With --relations events: weigh each edge by cooperation minus conflict (its events of
    /// the two cooperation classes less those of the two conflict classes).
    #[arg(long, help_heading = RELATIONS)]
    pub(crate) signed: bool,
    /// With --relations events: count negated and modal events too ("did not attack", "could
    /// attack"), which are left out by default.
    #[arg(long, help_heading = RELATIONS)]
    pub(crate) include_unasserted: bool,
    /// With --relations events: add an event dictionary file on top of the built-in one
    /// (repeatable; later files win; format: events/README.md).
    #[arg(long = "events", help_heading = RELATIONS, value_name = "PATH")]
    pub(crate) dictionaries: Vec<PathBuf>,
    /// With --relations events: use only the event dictionaries given with --events.
    #[arg(long, help_heading = RELATIONS)]
    pub(crate) no_default_events: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RelationArg {
    Cooccurrence,
    Events,
}

/// Where and how a graph is written.
#[derive(Debug, Args)]
pub(crate) struct GraphOutputArgs {
    /// Directory to write the files of --format into (created if missing): nodes.csv and
    /// edges.csv, graph.dot, graph.gexf and so on. The files are published together, with
    /// actorgraph-manifest.tsv (each file and its size) last; graph files of an earlier run
    /// that this run does not write are removed, with a note.
    #[arg(short, long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Formats to write, comma-separated: csv (nodes.csv and edges.csv), dot (graph.dot), gexf
    /// (graph.gexf), graphml (graph.graphml), json (graph.json), html (graph.html), geojson (graph.geojson).
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [GraphFormatArg::Csv, GraphFormatArg::Dot])]
    pub(crate) format: Vec<GraphFormatArg>,
    /// Write CSV text cells as they are, even those that start with = + - @, a tab or a
    /// carriage return (which otherwise get a ' in front, so spreadsheets do not run them).
    #[arg(long)]
    pub(crate) raw_csv: bool,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Do not compute or write the node measures (degree, weighted degree, betweenness,
    /// eigenvector, community).
    #[arg(long)]
    pub(crate) no_measures: bool,
    /// Compute betweenness only on graphs of at most N nodes (it takes nodes × edges steps);
    /// larger graphs are written without it, with a note.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub(crate) betweenness_limit: usize,
}

/// The help heading of the evidence flags.
const EVIDENCE: &str = "Evidence";

/// Which evidence a graph run writes beside the graph.
#[derive(Debug, Args)]
pub(crate) struct EvidenceArgs {
    /// Also write evidence.csv: for each edge (and node) of the graph, the documents, the
    /// sentence byte spans and a one-line snippet holding the two actors' mentions (the node's
    /// mention), keyed by the Source and Target (Id) of edges.csv (nodes.csv); graph.html then
    /// shows a clicked edge's sentences. Not with --partial, --slice or --relations events.
    #[arg(long, help_heading = EVIDENCE)]
    pub(crate) evidence: bool,
    /// Keep at most N rows per edge: its first N windows in input order (the Total column and
    /// the edge's Windows give the count of all).
    #[arg(long, help_heading = EVIDENCE, value_name = "N", default_value_t = 5, requires = "evidence",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) evidence_per_edge: u32,
    /// Keep at most N rows per node: its first N mentions in input order (the Total column
    /// and the node's Mentions give the count of all).
    #[arg(long, help_heading = EVIDENCE, value_name = "N", default_value_t = 5, requires = "evidence",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) evidence_per_node: u32,
    /// The longest snippet, in characters (at least 16).
    #[arg(long, help_heading = EVIDENCE, value_name = "CHARS", default_value_t = 200, requires = "evidence",
          value_parser = clap::value_parser!(u32).range(16..))]
    pub(crate) snippet_chars: u32,
    /// Evidence formats, comma-separated: csv (evidence.csv), jsonl (evidence.jsonl, the same
    /// records as JSON Lines).
    #[arg(long, help_heading = EVIDENCE, value_enum, value_name = "FORMATS", value_delimiter = ',',
          default_values_t = [MentionFormatArg::Csv], requires = "evidence")]
    pub(crate) evidence_format: Vec<MentionFormatArg>,
}

/// Options shared by every command that reads a corpus.
#[derive(Debug, Args)]
pub(crate) struct CommonArgs {
    /// Files or directories to read; - reads standard input. Directories are read at any depth,
    /// in sorted order: their .txt, .md, .markdown and .jsonl files, each also gzip-compressed
    /// (.gz), hidden ones skipped.
    #[arg(required = true, value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Add a gazetteer file on top of the built-in one (repeatable; later files win).
    #[arg(short, long = "gazetteer", value_name = "PATH")]
    pub(crate) gazetteers: Vec<PathBuf>,
    /// Use only the gazetteers given with --gazetteer.
    #[arg(long)]
    pub(crate) no_default_gazetteer: bool,
    /// Keep the compiled gazetteer (names and matcher) in this directory and load it from
    /// there while the gazetteer files and options are unchanged: fast startup for large
    /// gazetteers. Never written inside the input data unless this points there.
    #[arg(long, value_name = "DIR")]
    pub(crate) gazetteer_cache: Option<PathBuf>,
    /// Do not count adjectival forms such as "Russian" or "Saudi-led" as mentions, so they
    /// make no nodes or edges either (--no-adjectival is the same flag).
    #[arg(long, visible_alias = "no-adjectival", overrides_with = "include_adjectival")]
    pub(crate) no_adjectives: bool,
    /// Count adjectival forms as mentions (the default; undoes an earlier --no-adjectives).
    #[arg(long, overrides_with = "no_adjectives")]
    pub(crate) include_adjectival: bool,
    /// Keep a state or place name that is part of a longer capitalised name ("Georgia" in
    /// "Georgia Hayes"), which is dropped by default.
    #[arg(long)]
    pub(crate) no_name_parts: bool,
    /// Do not resolve a bare surname (or a given name used alone) to the person named in full
    /// earlier in the document, nor a titled surname ("President Bush") to the office-holder of
    /// the time.
    #[arg(long)]
    pub(crate) no_surnames: bool,
    /// Do not resolve an office without a name ("the Israeli Prime Minister") to its holder
    /// of the time (such role mentions are flagged in the mention outputs), nor a body named by
    /// its head ("the Senate", "Pakistan's Foreign Ministry") to the state's body
    #[arg(long)]
    pub(crate) no_roles: bool,
    /// The search engine: Aho-Corasick for small gazetteers and a word-start trie for large
    /// ones (auto), or either always. Both find exactly the same mentions.
    #[arg(long, value_enum, default_value_t = EngineArg::Auto)]
    pub(crate) engine: EngineArg,
    /// Keep paragraphs apart even where a sentence seems cut by a page break.
    #[arg(long)]
    pub(crate) no_join_breaks: bool,
    /// Propose people, groups and places missing from the gazetteer (the default); they are marked as
    /// discovered in every output.
    #[arg(long, overrides_with = "no_discover")]
    pub(crate) discover: bool,
    /// Find only the actors the gazetteers list: no discovery.
    #[arg(long)]
    pub(crate) no_discover: bool,
    /// The date of every document that has none of its own (YYYY, YYYY-MM or YYYY-MM-DD): it
    /// dates the graph and decides who a titled surname ("President Bush") means.
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<actorgraph::Date>,
    /// How to read inputs: by extension (auto), each as one text, or each as JSONL.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub(crate) input_format: InputFormatArg,
    /// The JSONL field holding a document's id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub(crate) id_field: String,
    /// The JSONL field holding a document's text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub(crate) text_field: String,
    /// The JSONL field holding a document's date.
    #[arg(long, value_name = "NAME", default_value = "date")]
    pub(crate) date_field: String,
    /// Where a document's date comes from, tried in order: the JSONL date field (a null or
    /// empty one leaves the record undated), a dateline or byline near the top of the text,
    /// a YYYY-MM-DD date in the file name. `field` alone turns guessing off; `none` reads no
    /// date at all.
    #[arg(long, value_name = "SOURCES", default_value = "field,dateline,filename")]
    pub(crate) date_source: actorgraph::DateSources,
    /// The largest text document, and the longest JSONL line, accepted, in bytes (after
    /// decompression). A larger one is an error naming it, or is skipped with
    /// --skip-bad-records; it is never read whole into memory.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub(crate) max_document_bytes: usize,
    /// Skip broken records and unreadable files with a warning instead of stopping.
    #[arg(long)]
    pub(crate) skip_bad_records: bool,
    /// Worker threads (default: all cores). Output is identical whatever the number.
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// Print no notes, warnings or summary.
    #[arg(short, long, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// List every note one by one: by default a kind of note given more than 5 times (names
    /// of a stacked gazetteer that stay with the built-in one) is printed as one line with its
    /// count.
    #[arg(short, long)]
    pub(crate) verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum MentionFormatArg {
    Csv,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormatArg {
    Csv,
    Dot,
    Gexf,
    #[value(name = "graphml")]
    GraphMl,
    Json,
    Html,
    #[value(name = "geojson")]
    GeoJson,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum SliceArg {
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum WindowArg {
    Sentence,
    Paragraph,
    Document,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum InputFormatArg {
    Auto,
    Text,
    Jsonl,
}

/// Why partial results (`graph --partial`, `merge`) take no `--attribute`, `--split-by` or
/// `--two-mode`.
pub(crate) const NO_METADATA: &str = "a partial result holds the counts of actors and pairs, \
     not per metadata value, so neither `graph --partial` nor `merge` can write them: run \
     `actorgraph graph` with it over the corpus itself";

/// Why partial results (`graph --partial`, `merge`) take no `--evidence`.
pub(crate) const NO_EVIDENCE: &str = "evidence needs the documents' text, which a partial \
     result does not hold, so neither `graph --partial` nor `merge` writes it: run `actorgraph \
     graph --evidence` over the corpus itself";

/// Refuses the output options (`--format`, the filters, the measures) given to `graph
/// --partial`, which writes counts, not graph files: they belong to `merge`.
pub(crate) fn check_partial(matches: &ArgMatches) -> Result<(), String> {
    let Some(("graph", graph)) = matches.subcommand() else { return Ok(()) };
    if !graph.get_flag("partial") {
        return Ok(());
    }
    let outputs = GraphOutputArgs::augment_args(clap::Command::new("output"));
    let outputs = EvidenceArgs::augment_args(outputs);
    for arg in outputs.get_arguments().filter(|a| a.get_id() != "out") {
        if graph.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine) {
            let flag = arg.get_long().map_or(arg.get_id().to_string(), |l| format!("--{l}"));
            if arg.get_help_heading() == Some(EVIDENCE) {
                return Err(format!("{flag}: {NO_EVIDENCE}"));
            }
            return Err(format!(
                "{flag} is an output option, which --partial does not use (a partial holds \
                 counts, not graph files): give it to `actorgraph merge` instead"
            ));
        }
    }
    Ok(())
}
