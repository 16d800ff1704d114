"""Time slices, partial results and merge, gazetteer import and progress: the command line's
options from Python, with its files byte for byte."""

import pathlib

import pytest

import actorgraph
from conftest import ARTICLES, ROOT, SAMPLE, cli

FORMATS = ["csv", "dot", "gexf", "graphml", "json", "html"]


def tree(out):
    """Every file under `out`, by relative path, with its bytes."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("period", ["year", "month"])
def test_slices_write_the_command_line_files(tmp_path, period):
    cli("graph", "--quiet", "data/articles", "--slice", period, "--format", ",".join(FORMATS),
        "--out", tmp_path / "cli")
    slices = actorgraph.Pipeline().graph(pathlib.Path("data/articles"), slice=period)
    slices.write(tmp_path / "py", FORMATS)
    expected = tree(tmp_path / "cli")
    assert "graph.gexf" in expected and len(expected) > len(FORMATS)
    assert tree(tmp_path / "py") == expected
    assert len(slices) == len(slices.periods()) > 1
    first = slices.periods()[0]
    assert first in slices and slices[first].to_json().encode() == expected[f"{first}/graph.json"]


def test_slices_of_texts_and_documents_left_out():
    texts = [
        {"text": "Iran and Iraq met.", "date": "2012-09-04"},
        {"text": "Iraq and Syria met.", "date": "2013-01"},
        {"text": "Syria and Iran met.", "date": "2013"},
        "Syria and Iraq met, without a date.",
    ]
    years = actorgraph.Pipeline().graph(texts, slice="year")
    assert (years.periods(), years.left_out) == (["2012", "2013"], 1)
    assert years["2013"].edge_count == 2
    months = actorgraph.graph(texts, slice="month")
    assert (months.periods(), months.left_out) == (["2012-09", "2013-01"], 2)
    with pytest.raises(KeyError):
        months["2013"]


def test_slices_without_dates_and_bad_options(tmp_path):
    slices = actorgraph.Pipeline().graph(["Iran and Iraq met."], slice="month")
    assert slices.periods() == []
    with pytest.raises(actorgraph.ActorgraphError, match="no document has a date with a month"):
        slices.write(tmp_path / "out")
    with pytest.raises(ValueError, match="unknown slice"):
        actorgraph.graph(["Iran."], slice="week")
    with pytest.raises(ValueError, match="do not go together"):
        actorgraph.graph(["Iran."], slice="year", partial=True)


def test_a_partial_is_the_command_line_partial(tmp_path):
    cli("graph", "--quiet", "data/articles", "--partial", "--out", tmp_path / "cli")
    partial = actorgraph.Pipeline().graph(pathlib.Path("data/articles"), partial=True)
    partial.write(tmp_path / "py")
    expected = (tmp_path / "cli" / "partial.json").read_bytes()
    assert (tmp_path / "py" / "partial.json").read_bytes() == expected
    assert partial.to_json().encode() == expected
    assert (partial.document_count, partial.undated_count) == (8, 0)


def test_merge_gives_the_command_line_merge(tmp_path):
    parts = sorted(ARTICLES.iterdir())
    halves = [parts[:4], parts[4:]]
    paths = []
    for i, half in enumerate(halves):
        cli("graph", "--quiet", *half, "--partial", "--out", tmp_path / f"cli{i}")
        paths.append(tmp_path / f"cli{i}" / "partial.json")
    flags = ["--weight", "npmi", "--exclude", "USA", "--top-edges", "40"]
    cli("merge", *paths, *flags, "--format", ",".join(FORMATS), "--out", tmp_path / "cli")
    # Partials made in Python, merged from objects, give the same files as the command line's.
    pipeline = actorgraph.Pipeline()
    partials = [pipeline.graph(half, partial=True) for half in halves]
    merged = actorgraph.merge(partials, weight="npmi", exclude=["USA"], top_edges=40)
    merged.write(tmp_path / "py", FORMATS)
    assert tree(tmp_path / "py") == tree(tmp_path / "cli")
    # So do the command line's partial files, read by path.
    from_files = actorgraph.merge(paths, weight="npmi", exclude=["USA"], top_edges=40)
    assert from_files.to_json() == merged.to_json()
    # And a job's output directory, read as the command line's merge reads it: part files of
    # one partial a line, an empty one, and a _SUCCESS marker.
    job = tmp_path / "job"
    job.mkdir()
    for i, path in enumerate(paths):
        (job / f"part-0000{i}").write_text(path.read_text().strip() + "\n")
    (job / "part-00009").write_text("")
    (job / "_SUCCESS").write_text("")
    from_job = actorgraph.merge([job], weight="npmi", exclude=["USA"], top_edges=40)
    assert from_job.to_json() == merged.to_json()


def test_merge_errors_and_warnings(tmp_path):
    partial = actorgraph.graph(["Iran and Iraq met."], partial=True)
    with pytest.warns(actorgraph.ActorgraphWarning, match="exclude nosuch: no partial result"):
        actorgraph.merge([partial], exclude=["nosuch"])
    with pytest.raises(ValueError, match="needs a partial"):
        actorgraph.merge([])
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else", "version": 1}\n')
    with pytest.raises(actorgraph.ActorgraphError, match="bad.json:1") as err:
        actorgraph.merge([partial, bad])
    assert (err.value.path, err.value.line) == (str(bad), 1)
    with pytest.raises(actorgraph.ActorgraphError) as err:
        actorgraph.merge([tmp_path / "missing.json"])
    assert err.value.path == str(tmp_path / "missing.json")


def geonames_row(id, name, cc, population):
    return f"{id}\t{name}\t{name}\t\t1.0\t2.0\tP\tPPL\t{cc}\t\t01\t\t\t\t{population}\t\t\tZone\t\n"


IMPORTS = {
    "spacy": (
        "patterns.jsonl",
        '{"label": "ORG", "pattern": "Apple", "id": "apple"}\n'
        '{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}\n'
        '{"label": "NORP", "pattern": "Californians"}\n',
    ),
    "cameo": ("x.actors", "UN_ [IGOUNO]\n"),
    "geonames": ("cities.txt", geonames_row(1, "Wakefield", "IE", 100) + geonames_row(2, "Leeds", "IE", 200)),
}


@pytest.mark.parametrize("fmt", sorted(IMPORTS))
def test_import_writes_the_command_line_file(tmp_path, fmt):
    name, text = IMPORTS[fmt]
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    expected = cli("gazetteer", "import", "--from", fmt, src)
    imported = actorgraph.import_gazetteer(src, from_=fmt, output=tmp_path / "out.tsv")
    assert (tmp_path / "out.tsv").read_bytes() == expected
    assert imported.to_tsv().encode() == expected
    assert len(imported) == len(imported.entries) > 0
    assert imported.name_count >= len(imported)


def test_import_of_a_real_cameo_dictionary(tmp_path):
    src = ROOT.parent / "shared" / "data" / "cameo" / "Phoenix.MilNonState.actors.txt"
    if not src.exists():
        pytest.skip(f"{src} is not here")
    imported = actorgraph.import_gazetteer(src, from_="cameo")
    assert imported.to_tsv().encode() == cli("gazetteer", "import", "--from", "cameo", src)
    # 866 groups and 138 merge rows adding names to built-in groups (gazetteers/README.md).
    assert len(imported) == 1004
    assert sum(e.id.startswith("cameo_") for e in imported.entries) == 866


def test_import_geonames_options_as_on_the_command_line(tmp_path):
    src = tmp_path / "cities.txt"
    src.write_text(IMPORTS["geonames"][1] + geonames_row(3, "York", "IE", 50), encoding="utf-8")
    stop = tmp_path / "stop.txt"
    stop.write_text("wakefield\n")
    expected = cli("gazetteer", "import", "--from", "geonames", "--min-population", "60",
                   "--feature-class", "P,A", "--stop-list", stop, src)
    imported = actorgraph.import_gazetteer(
        src, from_="geonames", min_population=60, feature_class=["P", "a"], stop_list=[stop]
    )
    assert imported.to_tsv().encode() == expected
    assert [e.label for e in imported.entries] == ["Leeds"]
    assert ("names on the stop-list", 1) in imported.skipped
    words = tmp_path / "words.txt"
    words.write_text("york\nLeeds\n")
    expected = cli("gazetteer", "import", "--from", "geonames", "--dictionary", words,
                   "--large-place", "1000", src)
    imported = actorgraph.import_gazetteer(src, from_="geonames", dictionary=words, large_place=1000)
    assert imported.to_tsv().encode() == expected
    assert [e.label for e in imported.entries] == ["Wakefield", "Leeds"]
    assert ("names that are dictionary words", 1) in imported.skipped
    with pytest.raises(ValueError, match="dictionary applies only to"):
        actorgraph.import_gazetteer(src, from_="cameo", dictionary=words)
    with pytest.raises(ValueError, match="min_population applies only to"):
        actorgraph.import_gazetteer(src, from_="cameo", min_population=5)
    with pytest.raises(ValueError, match="not a GeoNames feature class"):
        actorgraph.import_gazetteer(src, from_="geonames", feature_class=["Q"])
    with pytest.raises(ValueError, match="unknown from_"):
        actorgraph.import_gazetteer(src, from_="csv")


def test_import_errors_name_the_file_and_line(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"label": "ORG", "pattern": "Acme"}\n{"label": \n')
    with pytest.raises(actorgraph.ActorgraphError, match="bad.jsonl:2: invalid JSON") as err:
        actorgraph.import_gazetteer(src, from_="spacy")
    assert err.value.line == 2


def test_an_imported_file_is_a_gazetteer(tmp_path):
    name, text = IMPORTS["spacy"]
    (tmp_path / name).write_text(text)
    actorgraph.import_gazetteer(tmp_path / name, from_="spacy", output=tmp_path / "g.tsv")
    mentions = actorgraph.extract(["Apple opened in San Francisco."], gazetteers=[tmp_path / "g.tsv"])
    # The imported file adds Apple; San Francisco, a name the built-in gazetteer holds, stays
    # with the built-in entity (a later file takes a built-in name only when its row asks).
    assert [m.entity for m in mentions][:2] == ["apple", "san_francisco"]


def test_progress_receives_the_totals():
    seen = []
    pipeline = actorgraph.Pipeline(progress=seen.append)
    texts = ["Iran and Iraq met."] * 130 + [""]
    with pytest.warns(actorgraph.ActorgraphWarning, match="empty document"):
        pipeline.extract_many(texts)
    assert [t.documents for t in seen] == [64, 128, 131]
    last = seen[-1]
    assert (last.mentions, last.skipped, last.undated) == (260, 0, 131)
    assert last.bytes == 0  # texts from Python have no source file
    seen.clear()
    pipeline.graph([pathlib.Path("data/articles")])
    assert [t.documents for t in seen] == [8]
    assert seen[0].bytes == sum(p.stat().st_size for p in ARTICLES.iterdir())
    # A stream counts over all of its batches.
    seen.clear()
    list(pipeline.extract_iter(["Putin spoke."] * 1100))
    # Batches of 512, 512 and 76 texts.
    assert [t.documents for t in seen] == list(range(64, 1025, 64)) + [1088, 1100]
    assert seen[-1].mentions == 1100


def test_an_exception_from_progress_stops_the_run():
    def stop(totals):
        raise RuntimeError(f"stop at {totals.documents}")

    with pytest.raises(RuntimeError, match="stop at 64"):
        actorgraph.Pipeline(progress=stop).extract_many(["Iran."] * 200)
