"""Shared helpers: the repository root, the sample data, and the command line to compare with."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SAMPLE = ROOT / "data" / "sample.jsonl"


def cli_path():
    """The actorgraph binary: ACTORGRAPH_BIN (scripts/test-python sets it), else the release
    build in target/."""
    path = os.environ.get("ACTORGRAPH_BIN") or str(ROOT / "target" / "release" / "actorgraph")
    if not os.path.exists(path):
        pytest.fail(f"no actorgraph binary at {path}: run scripts/test-python, or set ACTORGRAPH_BIN")
    return path


def cli(*args):
    """Runs the command line from the repository root and returns its standard output."""
    out = subprocess.run(
        [cli_path(), *map(str, args)], cwd=ROOT, capture_output=True, check=True
    )
    return out.stdout


def cli_mentions(*inputs):
    """The command line's JSONL mention records of `inputs`, as parsed dicts."""
    text = cli("extract", "--quiet", "--format", "jsonl", *inputs).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def cli_record(mention):
    """A Mention as the command line's JSONL record, whose start and end are byte offsets."""
    d = mention.to_dict()
    d["start"], d["end"] = d.pop("byte_start"), d.pop("byte_end")
    keys = [
        "document", "date", "entity", "kind", "label", "surface", "start", "end",
        "sentence", "paragraph", "adjectival", "discovered", "role",
    ]
    return json.dumps({k: d[k] for k in keys}, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(autouse=True)
def in_root(monkeypatch):
    """Every test runs from the repository root, where document ids are relative paths as on
    the command line."""
    monkeypatch.chdir(ROOT)
