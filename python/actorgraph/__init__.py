"""Find the people, states, groups and places named in news text, and build their
co-occurrence network.

The work is done by the actorgraph Rust library; this package is a thin layer over it::

    import actorgraph, pathlib

    pipeline = actorgraph.Pipeline()
    mentions = pipeline.extract("Putin met Erdoğan in Ankara.")
    graph = pipeline.graph(pathlib.Path("data/articles"))
    g = graph.to_networkx()  # with networkx installed

Mentions' ``start`` and ``end`` are character offsets (``text[m.start:m.end] == m.surface``);
``byte_start`` and ``byte_end`` are the UTF-8 byte offsets the command line writes.
"""

from ._actorgraph import (
    ActorgraphError,
    ActorgraphWarning,
    Entry,
    Gazetteer,
    Graph,
    Imported,
    Mention,
    MentionsIter,
    Partial,
    Pipeline,
    Slices,
    Totals,
    __version__,
    import_gazetteer,
    merge,
)

__all__ = [
    "ActorgraphError",
    "ActorgraphWarning",
    "Entry",
    "Gazetteer",
    "Graph",
    "Imported",
    "Mention",
    "MentionsIter",
    "Partial",
    "Pipeline",
    "Slices",
    "Totals",
    "extract",
    "graph",
    "import_gazetteer",
    "merge",
    "to_dataframe",
    "__version__",
]


def extract(docs, **options):
    """The mentions in ``docs`` (texts, dicts or paths, as ``Pipeline.extract_many`` takes),
    with a new ``Pipeline(**options)``."""
    return Pipeline(**options).extract_many(docs)


def graph(docs, *, slice=None, partial=False, **options):
    """The co-occurrence graph of ``docs`` (texts, dicts or paths), with a new
    ``Pipeline(**options)``; with ``slice`` or ``partial``, as ``Pipeline.graph`` gives."""
    return Pipeline(**options).graph(docs, slice=slice, partial=partial)


def to_dataframe(mentions):
    """The mentions as a pandas DataFrame, one row per mention and one column per field of
    ``Mention.to_dict()``. Needs pandas installed."""
    try:
        import pandas
    except ImportError as err:
        raise ImportError("to_dataframe needs pandas (pip install pandas)") from err
    columns = [
        "document", "date", "entity", "kind", "label", "surface", "start", "end",
        "byte_start", "byte_end", "sentence", "paragraph", "adjectival", "discovered", "role",
    ]
    return pandas.DataFrame([m.to_dict() for m in mentions], columns=columns)
