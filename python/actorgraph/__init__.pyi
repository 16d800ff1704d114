"""Type stubs for actorgraph: the Rust extension actorgraph._actorgraph and the helpers of
actorgraph/__init__.py."""

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Callable, Literal, Optional, Sequence, Union, overload

__version__: str

StrPath = Union[str, os.PathLike[str]]
DateLike = Union[str, datetime.date]
Doc = Union[str, Mapping[str, Any]]
Docs = Union[Iterable[Doc], Iterable[os.PathLike[str]], os.PathLike[str]]

class ActorgraphError(Exception):
    """A bad gazetteer line, a broken corpus record, a file that cannot be read or written."""

    path: Optional[str]
    """The file (or JSONL source) concerned, when known."""
    line: Optional[int]
    """The 1-based line, when known."""

class ActorgraphWarning(UserWarning):
    """A problem that did not stop a run (an empty document, an unreadable date, a skipped
    record)."""

class Mention:
    """One mention of an actor. ``start``/``end`` are character offsets into the text;
    ``byte_start``/``byte_end`` are UTF-8 byte offsets (the command line's start and end)."""

    @property
    def document(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def surface(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def sentence(self) -> int: ...
    @property
    def paragraph(self) -> int: ...
    @property
    def adjectival(self) -> bool: ...
    @property
    def discovered(self) -> bool: ...
    @property
    def role(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

class Entry:
    """One actor of a gazetteer."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def iso(self) -> Optional[str]: ...
    @property
    def affiliation(self) -> Optional[str]: ...
    @property
    def country(self) -> Optional[str]: ...
    @property
    def role(self) -> Optional[str]: ...
    @property
    def discovered(self) -> bool: ...
    @property
    def note(self) -> Optional[str]: ...

class Gazetteer:
    """Known actors: the built-in gazetteer and files on top of it (later files win)."""

    def __init__(
        self, gazetteers: Sequence[StrPath] = ..., *, default_gazetteer: bool = True
    ) -> None: ...
    def get(self, id: str, default: Optional[Entry] = None) -> Optional[Entry]: ...
    def ids(self) -> list[str]: ...
    @property
    def notices(self) -> list[str]: ...
    def __getitem__(self, id: str) -> Entry: ...
    def __contains__(self, id: object) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Entry]: ...

class Graph:
    """A co-occurrence graph: actors as nodes, edges between actors that share a window."""

    def to_json(self) -> str: ...
    def node_link_data(self) -> dict[str, Any]: ...
    def nodes(self) -> list[dict[str, Any]]: ...
    def edges(self) -> list[dict[str, Any]]: ...
    @property
    def node_count(self) -> int: ...
    @property
    def edge_count(self) -> int: ...
    def to_networkx(self) -> Any:
        """A networkx.Graph; needs networkx."""
    def write(
        self, out: StrPath, formats: Sequence[str] = ("csv", "dot"), *, raw_csv: bool = False
    ) -> None: ...
    def __len__(self) -> int: ...

class Totals:
    """The totals of a run so far, as a ``progress`` callback receives them."""

    @property
    def documents(self) -> int: ...
    @property
    def mentions(self) -> int: ...
    @property
    def skipped(self) -> int: ...
    @property
    def bytes(self) -> int:
        """Bytes of the files and JSONL records read (texts and dicts from Python count 0)."""
    @property
    def undated(self) -> int: ...

class Slices:
    """The graph of each month or year, from ``Pipeline.graph(docs, slice=...)`` (the
    command line's ``graph --slice``). Documents without a date (for months, without a
    month) are left out and counted in ``left_out``."""

    def periods(self) -> list[str]:
        """The periods that have documents, in date order ("2025-06" or "2025")."""
    @property
    def left_out(self) -> int: ...
    def write(
        self, out: StrPath, formats: Sequence[str] = ("csv", "dot"), *, raw_csv: bool = False
    ) -> None:
        """Writes ``out/PERIOD/`` in each format and the dynamic ``out/graph.gexf``: the
        command line's ``graph --slice`` files."""
    def __getitem__(self, period: str) -> Graph: ...
    def __contains__(self, period: object) -> bool: ...
    def __len__(self) -> int: ...

class Partial:
    """A mergeable partial result, from ``Pipeline.graph(docs, partial=True)`` (the command
    line's ``graph --partial``)."""

    def write(self, out: StrPath) -> None:
        """Writes ``out/partial.json``, the command line's file."""
    def to_json(self) -> str: ...
    @property
    def document_count(self) -> int: ...
    @property
    def undated_count(self) -> int: ...

class Imported:
    """What ``import_gazetteer`` gives: the entries, what was skipped, the notes, and the
    gazetteer file."""

    @property
    def entries(self) -> list[Entry]: ...
    @property
    def name_count(self) -> int: ...
    @property
    def skipped(self) -> list[tuple[str, int]]: ...
    @property
    def qualified(self) -> int: ...
    @property
    def notes(self) -> list[str]: ...
    def to_tsv(self) -> str:
        """The gazetteer file, byte for byte the command line's output."""
    def write(self, path: StrPath) -> None: ...
    def __len__(self) -> int: ...

class MentionsIter(Iterator[list[Mention]]):
    """The mentions of each document, one list per document in input order."""

    def __iter__(self) -> MentionsIter: ...
    def __next__(self) -> list[Mention]: ...

class Pipeline:
    """Finds actors in texts and files and builds their co-occurrence graph. The keyword
    arguments are the command line's options, each ``--no-X`` flag as ``X=False``."""

    def __init__(
        self,
        gazetteers: Sequence[StrPath] = ...,
        *,
        default_gazetteer: bool = True,
        gazetteer_cache: Optional[StrPath] = None,
        adjectives: bool = True,
        name_parts: bool = True,
        surnames: bool = True,
        roles: bool = True,
        engine: str = "auto",
        join_breaks: bool = True,
        discover: bool = True,
        date: Optional[DateLike] = None,
        window: str = "sentence",
        threads: int = 0,
        skip_bad_records: bool = False,
        input_format: str = "auto",
        id_field: str = "id",
        text_field: str = "text",
        date_field: str = "date",
        max_document_bytes: int = 64 << 20,
        weight: str = "windows",
        kinds: Sequence[str] = ...,
        exclude: Sequence[str] = ...,
        min_weight: Optional[float] = None,
        min_docs: Optional[int] = None,
        backbone: Optional[float] = None,
        top_nodes: Optional[int] = None,
        rank_nodes: str = "mentions",
        top_edges: Optional[int] = None,
        drop_isolated: bool = False,
        measures: bool = True,
        betweenness_limit: int = 10_000,
        progress: Optional[Callable[[Totals], Any]] = None,
    ) -> None:
        """``progress`` receives the ``Totals`` every 64 documents and at the end of a run;
        an exception it raises stops the run."""
    def extract(
        self, text: str, *, date: Optional[DateLike] = None, id: Optional[str] = None
    ) -> list[Mention]: ...
    def extract_many(self, docs: Docs) -> list[Mention]: ...
    def extract_iter(self, items: Iterable[Doc]) -> MentionsIter:
        """One list of mentions per text or dict of ``items``, in input order, read and
        matched a batch at a time (512 texts or 16 MiB) with the GIL released."""
    @overload
    def graph(self, docs: Docs, *, slice: None = None, partial: Literal[False] = False) -> Graph: ...
    @overload
    def graph(self, docs: Docs, *, slice: str, partial: Literal[False] = False) -> Slices:
        """``slice="month"`` or ``"year"``: the command line's ``graph --slice``."""
    @overload
    def graph(self, docs: Docs, *, slice: None = None, partial: Literal[True]) -> Partial:
        """``partial=True``: the command line's ``graph --partial``."""
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def notices(self) -> list[str]: ...

def extract(docs: Docs, **options: Any) -> list[Mention]: ...
def graph(
    docs: Docs, *, slice: Optional[str] = None, partial: bool = False, **options: Any
) -> Union[Graph, Slices, Partial]: ...
def merge(
    partials: Sequence[Union[Partial, StrPath]],
    *,
    weight: str = "windows",
    kinds: Sequence[str] = ...,
    exclude: Sequence[str] = ...,
    min_weight: Optional[float] = None,
    min_docs: Optional[int] = None,
    backbone: Optional[float] = None,
    top_nodes: Optional[int] = None,
    rank_nodes: str = "mentions",
    top_edges: Optional[int] = None,
    drop_isolated: bool = False,
    measures: bool = True,
    betweenness_limit: int = 10_000,
) -> Graph:
    """Combines partial results into the graph one run would give: the command line's
    ``actorgraph merge``, with its graph options. A path is read as that command reads it: a
    partial.json, a file of partials one a line, a job's output directory, or a glob."""
def import_gazetteer(
    file: StrPath,
    *,
    from_: str,
    output: Optional[StrPath] = None,
    min_population: Optional[int] = None,
    feature_class: Sequence[str] = ...,
    alternate_names: bool = False,
    stop_list: Sequence[StrPath] = ...,
    dictionary: Optional[StrPath] = None,
    no_dictionary: bool = False,
    large_place: Optional[int] = None,
    keep_ids: bool = False,
) -> Imported:
    """The command line's ``actorgraph gazetteer import --from FROM_ FILE``; ``output`` is
    its ``-o``. The GeoNames options apply only to ``from_="geonames"``, ``keep_ids`` only to
    ``from_="spacy"``."""
def to_dataframe(mentions: Iterable[Mention]) -> Any:
    """A pandas.DataFrame; needs pandas."""
