"""Type stubs for actorgraph: the Rust extension actorgraph._actorgraph and the helpers of
actorgraph/__init__.py."""

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Optional, Sequence, Union

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
    ) -> None: ...
    def extract(
        self, text: str, *, date: Optional[DateLike] = None, id: Optional[str] = None
    ) -> list[Mention]: ...
    def extract_many(self, docs: Docs) -> list[Mention]: ...
    def graph(self, docs: Docs) -> Graph: ...
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def notices(self) -> list[str]: ...

def extract(docs: Docs, **options: Any) -> list[Mention]: ...
def graph(docs: Docs, **options: Any) -> Graph: ...
def to_dataframe(mentions: Iterable[Mention]) -> Any:
    """A pandas.DataFrame; needs pandas."""
