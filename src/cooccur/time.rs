//! Time: the dates a [`Cooccurrence`] keeps, and [`TimeSlices`], which counts each period of a
//! corpus (a month or a year) apart, so that the network can be followed over time.
//!
//! Each period has its own counter, so a period's graph is exactly the graph a run over only
//! that period's documents gives. Their union is the dynamic graph that Gephi's timeline plays.

use std::collections::BTreeMap;

use super::{Cooccurrence, CooccurrenceBuilder, CooccurrenceGraph, EdgeCounts, GraphOptions};
use super::{NodeCounts, Segments};
use crate::corpus::{Date, Document};
use crate::gazetteer::EntityId;
use crate::gazetteer::Gazetteer;
use crate::matcher::Mention;

/// Widens a first-seen/last-seen pair to cover `first` and `last`.
pub(super) fn see(
    first_seen: &mut Option<Date>,
    last_seen: &mut Option<Date>,
    first: Option<Date>,
    last: Option<Date>,
) {
    *first_seen = Date::earliest(*first_seen, first);
    *last_seen = Date::latest(*last_seen, last);
}

impl Cooccurrence {
    /// Records one document's date, or that it had none.
    pub(super) fn see_document(&mut self, date: Option<Date>) {
        match date {
            Some(_) => see(&mut self.first_date, &mut self.last_date, date, date),
            None => self.undated += 1,
        }
    }

    /// Adds date facts read from elsewhere (such as a partial result): `undated` documents
    /// without a date, and the earliest and latest dates of the dated ones.
    pub fn add_dates(&mut self, undated: u64, range: Option<(Date, Date)>) {
        self.undated += undated;
        if let Some((first, last)) = range {
            see(&mut self.first_date, &mut self.last_date, Some(first), Some(last));
        }
    }

    /// Returns the number of documents counted without a date.
    pub fn undated_count(&self) -> u64 {
        self.undated
    }

    /// Returns the earliest and latest dates of the documents counted, or `None` if no
    /// document had a date.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        Some((self.first_date?, self.last_date?))
    }
}

/// The length of the periods a corpus is cut into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Slice {
    /// Calendar months (`2012-09`).
    #[default]
    Month,
    /// Calendar years (`2012`).
    Year,
}

impl Slice {
    /// Returns the period a date falls in, as a month- or year-precision [`Date`], or `None`
    /// if the date is too coarse (a year-only date has no month).
    ///
    /// ```
    /// use actorgraph::{Date, Slice};
    ///
    /// let day: Date = "2012-09-04".parse().unwrap();
    /// assert_eq!(Slice::Month.period(day).unwrap().to_string(), "2012-09");
    /// assert_eq!(Slice::Year.period(day).unwrap().to_string(), "2012");
    /// assert_eq!(Slice::Month.period("2012".parse().unwrap()), None);
    /// ```
    pub fn period(self, date: Date) -> Option<Date> {
        match self {
            Slice::Month => Date::from_ym(date.year(), date.month()?),
            Slice::Year => Date::from_y(date.year()),
        }
    }
}

/// Co-occurrence counts kept apart for each period (month or year) of a corpus.
///
/// Each document goes to the counter of its period; documents without a date, or with a date
/// too coarse for the period (a bare year when slicing by month), are left out and counted.
/// Periods come out in date order.
///
/// ```
/// use actorgraph::{CooccurrenceBuilder, Gazetteer, Matcher, Segmenter, Slice, TimeSlices};
///
/// let gaz = Gazetteer::builtin();
/// let (matcher, segmenter) = (Matcher::new(&gaz)?, Segmenter::new());
/// let mut slices = TimeSlices::new(Slice::Month, &CooccurrenceBuilder::new());
/// let docs = [
///     ("Syria and Iraq met.", Some("2012-09-04")),
///     ("Iraq and Iran met.", Some("2012-03-01")),
///     ("Syria and Iran met.", Some("2012-09-20")),
///     ("Chile and Peru met.", None),
/// ];
/// for (text, date) in docs {
///     let date = date.map(|d| d.parse().unwrap());
///     slices.add_document(&matcher.find_all(text), &segmenter.segment(text), date);
/// }
/// let periods: Vec<(String, usize)> =
///     slices.periods().map(|(p, c)| (p.to_string(), c.to_graph().edge_count())).collect();
/// assert_eq!(periods, [("2012-03".to_string(), 1), ("2012-09".to_string(), 2)]);
/// assert_eq!(slices.left_out(), 1);
/// assert_eq!(slices.to_graph().edge_count(), 3);
/// # Ok::<(), actorgraph::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct TimeSlices {
    slice: Slice,
    config: CooccurrenceBuilder,
    periods: BTreeMap<Date, Cooccurrence>,
    left_out: u64,
}

impl TimeSlices {
    /// Creates empty slices of the given length; each period's counter is built by `config`.
    pub fn new(slice: Slice, config: &CooccurrenceBuilder) -> TimeSlices {
        TimeSlices { slice, config: config.clone(), periods: BTreeMap::new(), left_out: 0 }
    }

    /// Returns the length of the periods.
    pub fn slice(&self) -> Slice {
        self.slice
    }

    /// Counts one document in its period and returns the period, or leaves it out and returns
    /// `None` if it has no date or one too coarse for the period.
    pub fn add_document(
        &mut self,
        mentions: &[Mention],
        segments: &Segments,
        date: Option<Date>,
    ) -> Option<Date> {
        let counts = self.counter(date)?;
        counts.add_dated_document(mentions, segments, date);
        date.and_then(|d| self.slice.period(d))
    }

    /// Counts one document in its period as [`TimeSlices::add_document`] does, with its
    /// field values if `config` named [fields](CooccurrenceBuilder::fields) (see
    /// [`Cooccurrence::add_record`]).
    pub fn add_record(
        &mut self,
        doc: &Document,
        mentions: &[Mention],
        segments: &Segments,
        date: Option<Date>,
    ) -> Option<Date> {
        let counts = self.counter(date)?;
        counts.add_record(doc, mentions, segments, date);
        date.and_then(|d| self.slice.period(d))
    }

    /// The counter of the period of `date`, or `None` (the document counted as left out).
    fn counter(&mut self, date: Option<Date>) -> Option<&mut Cooccurrence> {
        let Some(period) = date.and_then(|d| self.slice.period(d)) else {
            self.left_out += 1;
            return None;
        };
        Some(self.periods.entry(period).or_insert_with(|| self.config.build()))
    }

    /// Returns the number of documents left out: without a date, or with one too coarse.
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Returns each period that has documents, with its counts, in date order.
    pub fn periods(&self) -> impl Iterator<Item = (Date, &Cooccurrence)> {
        self.periods.iter().map(|(p, c)| (*p, c))
    }

    /// Adds other slices' counts to these, period by period.
    ///
    /// # Panics
    ///
    /// Panics if the two have different period lengths, which is a programming error.
    pub fn merge(&mut self, other: &TimeSlices) {
        assert_eq!(self.slice, other.slice, "only slices of the same length merge");
        self.left_out += other.left_out;
        for (period, counts) in &other.periods {
            self.periods.entry(*period).or_insert_with(|| self.config.build()).merge(counts);
        }
    }

    /// Returns the counts of one entity in each period it appears in, in date order.
    pub fn node_periods(&self, id: EntityId) -> impl Iterator<Item = (Date, NodeCounts)> + '_ {
        self.periods.iter().filter_map(move |(p, c)| Some((*p, c.node(id)?)))
    }

    /// Returns the counts of a pair in each period whose graph has it as an edge (at least the
    /// minimum weight there), in date order.
    pub fn edge_periods(
        &self,
        a: EntityId,
        b: EntityId,
    ) -> impl Iterator<Item = (Date, EdgeCounts)> + '_ {
        let min = self.config.min_weight;
        self.periods
            .iter()
            .filter_map(move |(p, c)| Some((*p, c.edge(a, b)?)))
            .filter(move |(_, e)| e.weight >= min)
    }

    /// Builds the union of the period graphs: every node of a period graph and every edge of
    /// a period graph, carrying their counts over all periods (and so over every document
    /// with a date precise enough). With the default minimum weight of 1, this is the graph
    /// of a run over those documents.
    pub fn to_graph(&self) -> CooccurrenceGraph {
        self.total().to_graph()
    }

    /// Builds the union of the period graphs, as [`TimeSlices::to_graph`] does, with a chosen
    /// edge weight and filters applied to the counts over all periods (see [`GraphOptions`]).
    pub fn to_graph_with(&self, gaz: &Gazetteer, options: &GraphOptions) -> CooccurrenceGraph {
        self.total().to_graph_with(gaz, options)
    }

    /// The counts over all periods, keeping only the pairs that are an edge of some period.
    fn total(&self) -> Cooccurrence {
        let mut total = self.config.build();
        for counts in self.periods.values() {
            total.merge(counts);
        }
        total.edges.retain(|(a, b), _| self.edge_periods(*a, *b).next().is_some());
        total
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Window;
    use super::*;
    use crate::segment::Segmenter;
    use crate::span::Span;

    fn id(n: usize) -> EntityId {
        EntityId::new(n)
    }

    fn date(s: &str) -> Option<Date> {
        Some(s.parse().expect("a valid date"))
    }

    /// One document per row: its date and the entities in its one sentence.
    const DOCS: &[(Option<&str>, &[usize])] = &[
        (Some("2012-09-04"), &[0, 1]),
        (Some("2012-03-01"), &[1, 2]),
        (None, &[0, 2]),
        (Some("2012-09-20"), &[0, 1, 2]),
        (Some("2013"), &[0, 3]),
        (Some("2012-09"), &[3]),
    ];

    fn mentions(entities: &[usize]) -> Vec<Mention> {
        let span = |i: usize| Span::new(2 * i, 2 * i + 1);
        entities.iter().enumerate().map(|(i, &e)| Mention::new(id(e), span(i), false)).collect()
    }

    fn counts(docs: &[(Option<&str>, &[usize])]) -> Cooccurrence {
        let segments = Segmenter::new().segment("a b c d.");
        let mut c = Cooccurrence::new();
        for (d, entities) in docs {
            c.add_dated_document(&mentions(entities), &segments, d.and_then(date));
        }
        c
    }

    fn slices(slice: Slice, min_weight: u64, docs: &[(Option<&str>, &[usize])]) -> TimeSlices {
        let segments = Segmenter::new().segment("a b c d.");
        let mut config = CooccurrenceBuilder::new();
        config.window(Window::Sentence).min_weight(min_weight);
        let mut s = TimeSlices::new(slice, &config);
        for (d, entities) in docs {
            s.add_document(&mentions(entities), &segments, d.and_then(date));
        }
        s
    }

    fn seen(first: Option<Date>, last: Option<Date>) -> (String, String) {
        let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        (text(first), text(last))
    }

    #[test]
    fn first_and_last_seen() {
        let c = counts(DOCS);
        let cases = [
            (0, ("2012-09-04", "2013")),
            (1, ("2012-03-01", "2012-09-20")),
            (2, ("2012-03-01", "2012-09-20")),
            (3, ("2012-09", "2013")),
        ];
        for (n, (first, last)) in cases {
            let node = c.node(id(n)).unwrap();
            assert_eq!(seen(node.first_seen, node.last_seen), (first.into(), last.into()), "{n}");
        }
        let edges = [
            ((0, 1), ("2012-09-04", "2012-09-20")),
            ((0, 2), ("2012-09-20", "2012-09-20")),
            ((1, 2), ("2012-03-01", "2012-09-20")),
            ((0, 3), ("2013", "2013")),
        ];
        for ((a, b), (first, last)) in edges {
            let edge = c.edge(id(a), id(b)).unwrap();
            let want = (first.to_string(), last.to_string());
            assert_eq!(seen(edge.first_seen, edge.last_seen), want, "{a}-{b}");
        }
        assert_eq!(c.undated_count(), 1);
        assert_eq!(c.document_count(), 6);
        let (first, last) = c.date_range().unwrap();
        assert_eq!((first.to_string(), last.to_string()), ("2012-03-01".into(), "2013".into()));
    }

    #[test]
    fn undated_documents_leave_dates_alone() {
        let c = counts(&[(None, &[0, 1])]);
        let node = c.node(id(0)).unwrap();
        assert_eq!((node.documents, node.first_seen, node.last_seen), (1, None, None));
        assert_eq!(c.edge(id(0), id(1)).unwrap().first_seen, None);
        assert_eq!((c.undated_count(), c.date_range()), (1, None));
    }

    #[test]
    fn merging_keeps_dates_exact() {
        for split in 0..=DOCS.len() {
            let mut left = counts(&DOCS[..split]);
            left.merge(&counts(&DOCS[split..]));
            let whole = counts(DOCS);
            assert_eq!(left.nodes, whole.nodes, "split at {split}");
            assert_eq!(left.edges, whole.edges, "split at {split}");
            assert_eq!(left.undated, whole.undated, "split at {split}");
            assert_eq!(left.date_range(), whole.date_range(), "split at {split}");
        }
    }

    #[test]
    fn months_and_years() {
        let by_month = slices(Slice::Month, 1, DOCS);
        let periods: Vec<String> = by_month.periods().map(|(p, _)| p.to_string()).collect();
        assert_eq!(periods, ["2012-03", "2012-09"]);
        assert_eq!(by_month.left_out(), 2, "the undated document and the bare year");
        let by_year = slices(Slice::Year, 1, DOCS);
        let periods: Vec<(String, u64)> =
            by_year.periods().map(|(p, c)| (p.to_string(), c.document_count())).collect();
        assert_eq!(periods, [("2012".to_string(), 4), ("2013".to_string(), 1)]);
        assert_eq!(by_year.left_out(), 1);
    }

    #[test]
    fn a_period_equals_a_run_over_its_documents() {
        let s = slices(Slice::Month, 1, DOCS);
        let september: Vec<_> =
            DOCS.iter().filter(|(d, _)| d.is_some_and(|d| d.starts_with("2012-09"))).collect();
        assert_eq!(september.len(), 3);
        let alone = counts(&september.into_iter().copied().collect::<Vec<_>>());
        let (_, sliced) = s.periods().nth(1).unwrap();
        assert_eq!(sliced.nodes, alone.nodes);
        assert_eq!(sliced.edges, alone.edges);
        assert_eq!(sliced.document_count(), alone.document_count());
    }

    #[test]
    fn periods_of_nodes_and_edges() {
        let s = slices(Slice::Month, 1, DOCS);
        let months = |it: &mut dyn Iterator<Item = Date>| it.map(|p| p.to_string()).collect();
        let got: Vec<String> = months(&mut s.node_periods(id(1)).map(|p| p.0));
        assert_eq!(got, ["2012-03", "2012-09"]);
        let got: Vec<String> = months(&mut s.edge_periods(id(0), id(1)).map(|p| p.0));
        assert_eq!(got, ["2012-09"]);
        let (_, sept) = s.edge_periods(id(1), id(0)).next().unwrap();
        assert_eq!(sept.weight, 2);
    }

    #[test]
    fn union_graph_keeps_edges_of_some_period() {
        let s = slices(Slice::Month, 2, DOCS);
        let g = s.to_graph();
        let edges: Vec<_> = g.edges().map(|(a, b, e)| (a, b, e.weight())).collect();
        assert_eq!(edges, [(id(0), id(1), 2)], "only 0-1 has weight 2 in a month");
        assert_eq!(g.node_count(), 4);
        let mut dated_only = counts(&[DOCS[0], DOCS[1], DOCS[3], DOCS[5]]);
        dated_only.config.min_weight = 1;
        let plain = slices(Slice::Month, 1, DOCS).to_graph();
        let want = dated_only.to_graph();
        let pairs =
            |g: &CooccurrenceGraph| g.edges().map(|(a, b, e)| (a, b, *e)).collect::<Vec<_>>();
        assert_eq!(pairs(&plain), pairs(&want), "min weight 1: the graph of the dated run");
        assert_eq!(plain.nodes().collect::<Vec<_>>(), want.nodes().collect::<Vec<_>>());
    }

    /// A document for property tests: an optional date (a day, a month or a year in
    /// 2011-2012) and up to four entities.
    fn arb_doc() -> impl Strategy<Value = (Option<Date>, Vec<usize>)> {
        let day = (2011u16..=2012, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("days 1 to 28 exist"));
        let month = (2011u16..=2012, 1u8..=12).prop_map(|(y, m)| Date::from_ym(y, m).unwrap());
        let year = (2011u16..=2012).prop_map(|y| Date::from_y(y).unwrap());
        let date = prop_oneof![4 => day.prop_map(Some), 1 => month.prop_map(Some), 1 => year.prop_map(Some), 1 => Just(None)];
        (date, proptest::collection::vec(0usize..4, 0..4))
    }

    fn count_all(docs: &[(Option<Date>, Vec<usize>)]) -> Cooccurrence {
        let segments = Segmenter::new().segment("a b c d.");
        let mut c = Cooccurrence::new();
        for (date, entities) in docs {
            c.add_dated_document(&mentions(entities), &segments, *date);
        }
        c
    }

    proptest! {
        /// Dates survive any split and any order: merging gives the counts of one pass, so
        /// sharded and parallel runs keep first-seen and last-seen dates exact.
        #[test]
        fn dates_merge_in_any_split_and_order(
            docs in proptest::collection::vec(arb_doc(), 0..12),
            split in 0usize..12,
        ) {
            let split = split.min(docs.len());
            let whole = count_all(&docs);
            let mut merged = count_all(&docs[split..]);
            merged.merge(&count_all(&docs[..split]));
            let reversed: Vec<_> = docs.iter().rev().cloned().collect();
            let reversed = count_all(&reversed);
            for other in [&merged, &reversed] {
                prop_assert_eq!(&other.nodes, &whole.nodes);
                prop_assert_eq!(&other.edges, &whole.edges);
                prop_assert_eq!(other.undated, whole.undated);
                prop_assert_eq!(other.date_range(), whole.date_range());
            }
            for (id, node) in &whole.nodes {
                let dates: Vec<Date> = docs
                    .iter()
                    .filter(|(_, e)| e.contains(&id.as_usize()))
                    .filter_map(|(d, _)| *d)
                    .collect();
                prop_assert_eq!(node.first_seen, dates.iter().copied().min());
                prop_assert!(node.first_seen <= node.last_seen);
                prop_assert_eq!(node.last_seen.is_some(), !dates.is_empty());
            }
        }
    }

    #[test]
    fn slices_merge_like_one_pass() {
        for split in 0..=DOCS.len() {
            let mut left = slices(Slice::Month, 1, &DOCS[..split]);
            left.merge(&slices(Slice::Month, 1, &DOCS[split..]));
            let whole = slices(Slice::Month, 1, DOCS);
            assert_eq!(left.left_out(), whole.left_out());
            let a: Vec<_> =
                left.periods().map(|(p, c)| (p, c.nodes.clone(), c.edges.clone())).collect();
            let b: Vec<_> =
                whole.periods().map(|(p, c)| (p, c.nodes.clone(), c.edges.clone())).collect();
            assert_eq!(a, b, "split at {split}");
        }
    }
}
