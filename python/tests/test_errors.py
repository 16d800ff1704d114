"""Errors: bad files name their path and line, bad values raise, nothing panics."""

import pathlib
import warnings

import pytest

import actorgraph
from actorgraph import ActorgraphError, ActorgraphWarning


def test_a_bad_gazetteer_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("id\tkind\tlabel\nalexei\tperson\tAlexei\nbad\tpersn\tBad Kind\n", encoding="utf-8")
    with pytest.raises(ActorgraphError) as info:
        actorgraph.Pipeline([path])
    assert (info.value.path, info.value.line) == (str(path), 3)
    assert f"{path}:3" in str(info.value) and "persn" in str(info.value)
    with pytest.raises(ActorgraphError):
        actorgraph.Gazetteer([path])


def test_a_missing_gazetteer_file(tmp_path):
    missing = tmp_path / "nope.tsv"
    with pytest.raises(ActorgraphError) as info:
        actorgraph.Pipeline([missing])
    assert str(missing) in str(info.value)


def test_a_broken_jsonl_record_names_the_file_and_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": "a", "text": "Iran."}\n{"id": "b", "text": \n{"id": "c", "text": "Iraq."}\n')
    with pytest.raises(ActorgraphError) as info:
        actorgraph.Pipeline().extract_many(path)
    assert (info.value.path, info.value.line) == (str(path), 2)
    with pytest.warns(ActorgraphWarning, match=r"corpus.jsonl:2"):
        mentions = actorgraph.Pipeline(skip_bad_records=True).extract_many(path)
    assert [m.entity for m in mentions] == ["IRN", "IRQ"]


def test_a_missing_input_file(tmp_path):
    with pytest.raises(ActorgraphError) as info:
        actorgraph.Pipeline().graph(tmp_path / "nothing.md")
    assert info.value.path == str(tmp_path / "nothing.md")


def test_warnings_for_documents_that_are_read_all_the_same():
    with pytest.warns(ActorgraphWarning, match="^0: empty document$"):
        assert actorgraph.Pipeline().extract("   ") == []
    with pytest.warns(ActorgraphWarning, match="treated as undated"):
        actorgraph.Pipeline().extract_many([{"id": "d", "text": "Iran.", "date": "soon"}])


def test_bad_items_raise():
    p = actorgraph.Pipeline()
    with pytest.raises(TypeError, match="item 1: expected a str, a dict or a path, not int"):
        p.extract_many(["Iran.", 5])
    with pytest.raises(TypeError, match="not one str"):
        p.extract_many("Iran and Iraq.")
    with pytest.raises(TypeError, match="not both"):
        p.graph(["Iran.", pathlib.Path("data/articles")])
    with pytest.raises(ActorgraphError, match='item 0: no "text" field'):
        p.extract_many([{"body": "Iran."}])
    with pytest.raises(ActorgraphError, match='item 0: field "text" is not a str'):
        p.extract_many([{"text": 3}])
    with pytest.raises(TypeError):
        p.extract(None)


def test_text_that_is_not_unicode_raises_rather_than_crashes():
    with pytest.raises(UnicodeEncodeError):
        actorgraph.Pipeline().extract("Iran \ud800")


@pytest.mark.parametrize(
    "options, match",
    [
        ({"window": "week"}, "unknown window"),
        ({"engine": "fast"}, "unknown engine"),
        ({"weight": "cosine"}, "unknown edge weight"),
        ({"kinds": ["persn"]}, "unknown kind"),
        ({"rank_nodes": "age"}, "unknown rank_nodes"),
        ({"input_format": "xml"}, "unknown input_format"),
        ({"backbone": 2.0}, "backbone"),
        ({"min_weight": float("nan")}, "min_weight"),
        ({"date": "soon"}, "soon"),
    ],
)
def test_bad_options_raise_value_error(options, match):
    with pytest.raises(ValueError, match=match):
        actorgraph.Pipeline(**options)


def test_an_unknown_excluded_actor_is_an_error_when_the_graph_is_made():
    with pytest.raises(ActorgraphError, match="excluded actor NOSUCH"):
        actorgraph.Pipeline(exclude=["NOSUCH"]).graph(["Iran and Iraq."])


def test_an_unknown_graph_format(tmp_path):
    graph = actorgraph.graph(["Iran and Iraq."])
    with pytest.raises(ValueError, match="unknown graph format"):
        graph.write(tmp_path, ["png"])


def test_to_networkx_without_networkx_says_what_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_networkx(name, *args, **kwargs):
        if name == "networkx":
            raise ImportError("no networkx here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_networkx)
    with pytest.raises(ImportError, match="pip install networkx"):
        actorgraph.graph(["Iran and Iraq."]).to_networkx()


def test_no_warning_on_a_clean_run():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        actorgraph.Pipeline().graph(pathlib.Path("data/articles"))
