"""The Python examples of README.md and python/README.md run as written."""

import re

import pytest

from conftest import ROOT


def python_blocks(path):
    """The Python blocks of a README, except the PySpark recipe, which needs a Spark install
    and is not an example of this package's API."""
    blocks = re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if "pyspark" not in b]


@pytest.mark.parametrize("readme", ["README.md", "python/README.md"])
def test_python_examples_run(readme, tmp_path, capsys):
    pytest.importorskip("networkx")
    blocks = python_blocks(ROOT / readme)
    assert blocks, f"{readme} has a Python example"
    out = tmp_path / "out"
    for code in blocks:
        exec(compile(code.replace('"out"', repr(str(out))), readme, "exec"), {})
    assert (out / "graph.gexf").exists() and (out / "nodes.csv").exists()
