//! The edge weight and graph filter flags shared by `graph` and `merge`, and their translation
//! into the library's `GraphOptions`.

use std::io;

use actorgraph::{
    Cooccurrence, CooccurrenceGraph, EdgeWeight, EntityKind, Gazetteer, GraphOptions, NodeRank,
    Result,
};
use clap::{Args, ValueEnum};

/// How edges are weighed and which nodes and edges are kept.
/// The help heading of these flags.
const HEADING: &str = "Edge weights and filters (applied in the order listed)";

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// The edge weight: written as Weight (CSV) and weight (GEXF, GraphML, JSON), scales DOT
    /// pen widths, and is what --min-weight and --top-edges compare. Every format also writes
    /// all of them as edge attributes.
    #[arg(long, help_heading = HEADING, value_enum, value_name = "WEIGHT", default_value_t = WeightArg::Windows)]
    pub(crate) weight: WeightArg,
    /// Keep only actors of these kinds, comma-separated.
    #[arg(long, help_heading = HEADING, value_enum, value_delimiter = ',', value_name = "KINDS")]
    pub(crate) kinds: Vec<KindArg>,
    /// Leave out these actors and their edges (gazetteer ids, comma-separated, repeatable),
    /// such as --exclude USA.
    #[arg(long, help_heading = HEADING, value_delimiter = ',', value_name = "ID")]
    pub(crate) exclude: Vec<String>,
    /// Leave out edges whose chosen weight (--weight) is below X.
    #[arg(long, help_heading = HEADING, value_name = "X", value_parser = finite)]
    pub(crate) min_weight: Option<f64>,
    /// Leave out edges seen in fewer than N documents.
    #[arg(long, help_heading = HEADING, value_name = "N")]
    pub(crate) min_docs: Option<u64>,
    /// Keep only the disparity-filter backbone at significance ALPHA (0 < ALPHA <= 1, for
    /// example 0.05), computed on window counts.
    #[arg(long, help_heading = HEADING, value_name = "ALPHA", value_parser = alpha)]
    pub(crate) backbone: Option<f64>,
    /// Keep only the N actors ranked highest by --rank-nodes, and the edges among them.
    #[arg(long, help_heading = HEADING, value_name = "N")]
    pub(crate) top_nodes: Option<usize>,
    /// How --top-nodes ranks actors: by mentions, or by degree after the filters above.
    #[arg(long, help_heading = HEADING, value_enum, value_name = "BY", default_value_t = RankArg::Mentions)]
    pub(crate) rank_nodes: RankArg,
    /// Keep only the N edges with the highest chosen weight (ties by source and target).
    #[arg(long, help_heading = HEADING, value_name = "N")]
    pub(crate) top_edges: Option<usize>,
    /// Remove actors left without edges (by default they stay).
    #[arg(long, help_heading = HEADING)]
    pub(crate) drop_isolated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum WeightArg {
    Windows,
    Documents,
    Pmi,
    Npmi,
    Jaccard,
    Dice,
    AssociationStrength,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum KindArg {
    Person,
    State,
    Group,
    Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RankArg {
    Mentions,
    Degree,
}

/// Parses a finite number.
fn finite(text: &str) -> std::result::Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("\"{text}\" is not a finite number")),
    }
}

/// Parses a significance level in (0, 1].
fn alpha(text: &str) -> std::result::Result<f64, String> {
    match finite(text) {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(format!("\"{text}\" is not a significance level between 0 (excluded) and 1")),
    }
}

impl FilterArgs {
    /// Builds the library options. An `--exclude` id that `gaz` does not know is an error if
    /// `gaz` is the whole gazetteer (`complete`), else (a merge, whose gazetteer holds only
    /// the actors the partials mention) a warning passed to `warn`.
    pub(crate) fn options(
        &self,
        gaz: &Gazetteer,
        complete: bool,
        mut warn: impl FnMut(&str),
    ) -> Result<GraphOptions> {
        let mut options = GraphOptions::new();
        options.weight(self.weight()).kinds(&self.kinds()).drop_isolated(self.drop_isolated);
        for id in &self.exclude {
            match gaz.lookup(id) {
                Some(entity) => {
                    options.exclude(entity);
                }
                None if complete => {
                    let msg = format!("--exclude {id}: the gazetteer has no actor with this id");
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, msg).into());
                }
                None => warn(&format!("--exclude {id}: no partial result mentions this actor")),
            }
        }
        if let Some(x) = self.min_weight {
            options.min_weight(x);
        }
        if let Some(n) = self.min_docs {
            options.min_documents(n);
        }
        if let Some(alpha) = self.backbone {
            options.backbone(alpha);
        }
        if let Some(n) = self.top_nodes {
            options.top_nodes(n, self.rank());
        }
        if let Some(n) = self.top_edges {
            options.top_edges(n);
        }
        Ok(options)
    }

    fn weight(&self) -> EdgeWeight {
        match self.weight {
            WeightArg::Windows => EdgeWeight::Windows,
            WeightArg::Documents => EdgeWeight::Documents,
            WeightArg::Pmi => EdgeWeight::Pmi,
            WeightArg::Npmi => EdgeWeight::Npmi,
            WeightArg::Jaccard => EdgeWeight::Jaccard,
            WeightArg::Dice => EdgeWeight::Dice,
            WeightArg::AssociationStrength => EdgeWeight::AssociationStrength,
        }
    }

    fn kinds(&self) -> Vec<EntityKind> {
        let kind = |k: &KindArg| match k {
            KindArg::Person => EntityKind::Person,
            KindArg::State => EntityKind::State,
            KindArg::Group => EntityKind::Group,
            KindArg::Place => EntityKind::Place,
        };
        self.kinds.iter().map(kind).collect()
    }

    fn rank(&self) -> NodeRank {
        match self.rank_nodes {
            RankArg::Mentions => NodeRank::Mentions,
            RankArg::Degree => NodeRank::Degree,
        }
    }
}

/// For the summary line: how many nodes and edges of the counts the filters removed, or
/// nothing if they removed none.
pub(crate) fn removed(counts: &Cooccurrence, graph: &CooccurrenceGraph) -> String {
    let nodes = counts.node_counts().count() - graph.node_count();
    let edges = counts.edge_counts().count() - graph.edge_count();
    if nodes == 0 && edges == 0 {
        return String::new();
    }
    format!(" (filters removed {nodes} nodes and {edges} edges)")
}
