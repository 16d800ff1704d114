"""Mentions: offsets, dates, documents given as texts, dicts and paths, and agreement with
the command line's `extract`."""

import datetime
import json
import pathlib

import pytest

import actorgraph
from conftest import ARTICLES, SAMPLE, cli, cli_mentions, cli_record


@pytest.fixture(scope="module")
def pipeline():
    return actorgraph.Pipeline()


def test_the_crate_example_finds_the_same_actors(pipeline):
    text = "Turkish and Russian envoys met in Ankara. Mr. Erdoğan's aides said little."
    ids = [m.entity for m in pipeline.extract(text)]
    assert ids == ["TUR", "RUS", "ankara", "recep_tayyip_erdogan"]


def test_character_offsets_slice_to_the_surface_and_byte_offsets_to_its_utf8(pipeline):
    text = "« Ελλάδα » 🙂 Erdoğan flew to Ankara; then Erdoğan met Putin in Kyiv. Zürich, Genève."
    mentions = pipeline.extract(text)
    assert len(mentions) >= 5
    data = text.encode("utf-8")
    for m in mentions:
        assert text[m.start:m.end] == m.surface
        assert data[m.byte_start:m.byte_end].decode("utf-8") == m.surface
        assert m.byte_start >= m.start  # multi-byte characters come before
    assert [m.surface for m in mentions if m.entity == "ankara"] == ["Ankara"]


def test_offsets_hold_over_every_sample_article(pipeline):
    for path in sorted(ARTICLES.iterdir()):
        text = path.read_text(encoding="utf-8")
        mentions = pipeline.extract(text)
        assert mentions, path
        for m in mentions:
            assert text[m.start:m.end] == m.surface


def test_mention_fields(pipeline):
    text = "Russian forces shelled Kherson.\n\nUkraine's army said so."
    first, *_, last = pipeline.extract(text, date="2025-06-24", id="a1")
    assert (first.document, first.date, first.entity, first.kind) == ("a1", "2025-06-24", "RUS", "state")
    assert (first.label, first.adjectival, first.discovered) == ("Russia", True, False)
    assert (first.sentence, first.paragraph) == (0, 0)
    assert (last.entity, last.sentence, last.paragraph) == ("UKR", 1, 1)
    d = first.to_dict()
    assert d["entity"] == "RUS" and d["start"] == 0 and d["byte_end"] == len("Russian")
    assert "Mention(entity=\"RUS\"" in repr(first)
    assert first == pipeline.extract(text, date="2025-06-24", id="a1")[0]


def test_dates_from_the_argument_a_date_line_or_the_pipeline(pipeline):
    assert pipeline.extract("Iran.", date=datetime.date(2019, 5, 1))[0].date == "2019-05-01"
    assert pipeline.extract("Iran.", date="2019-05")[0].date == "2019-05"
    assert pipeline.extract("CAIRO, Jan. 20, 2025 — Iran.")[0].date == "2025-01-20"
    assert pipeline.extract("Iran.")[0].date == ""
    dated = actorgraph.Pipeline(date="2012")
    assert dated.extract("Iran.")[0].date == "2012"


def test_a_titled_surname_is_whoever_held_the_office_at_the_date():
    bush = actorgraph.Pipeline(discover=False)
    older = bush.extract("President Bush spoke.", date="1990")
    newer = bush.extract("President Bush spoke.", date="2005")
    assert older[0].entity != newer[0].entity


def test_extract_many_over_texts_and_dicts(pipeline):
    texts = ["Iran and Iraq met.", "Nothing here.", "Syria."]
    mentions = pipeline.extract_many(texts)
    assert [(m.document, m.entity) for m in mentions] == [("0", "IRN"), ("0", "IRQ"), ("2", "SYR")]
    records = [{"id": "x", "text": "Iran.", "date": "2020-01-02"}, {"text": "Iraq.", "id": 7}]
    mentions = pipeline.extract_many(iter(records))
    assert [(m.document, m.entity, m.date) for m in mentions] == [
        ("x", "IRN", "2020-01-02"),
        ("7", "IRQ", ""),
    ]


def test_dict_keys_follow_the_jsonl_field_options():
    p = actorgraph.Pipeline(id_field="key", text_field="body", date_field="day")
    m = p.extract_many([{"key": "k1", "body": "Iran.", "day": "2021"}])[0]
    assert (m.document, m.entity, m.date) == ("k1", "IRN", "2021")


def test_paths_give_the_command_line_records_byte_for_byte():
    expected = cli("extract", "--quiet", "--format", "jsonl", "data/articles", "data/sample.jsonl")
    inputs = [pathlib.Path("data/articles"), pathlib.Path("data/sample.jsonl")]
    mentions = actorgraph.Pipeline().extract_many(inputs)
    got = "".join(cli_record(m) + "\n" for m in mentions).encode("utf-8")
    assert len(mentions) > 400
    assert got == expected


def test_texts_give_the_same_mentions_as_the_file_they_come_from():
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    in_memory = actorgraph.Pipeline().extract_many(records)
    expected = cli_mentions("data/sample.jsonl")
    assert [cli_record(m) for m in in_memory] == [
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in expected
    ]


def test_one_path_alone(pipeline):
    path = pathlib.Path("data/articles/2025-03-14-aleppo-talks.md")
    mentions = pipeline.extract_many(path)
    assert mentions[0].document == "data/articles/2025-03-14-aleppo-talks.md"
    assert mentions[0].date == "2025-03-14"


def test_module_level_extract_takes_the_options():
    texts = ["Russian envoys arrived.", "Iraq."]
    assert [m.entity for m in actorgraph.extract(texts)] == ["RUS", "IRQ"]
    assert [m.entity for m in actorgraph.extract(texts, adjectives=False)] == ["IRQ"]


def test_options_change_matching():
    text = "Russian and Iraqi envoys met."
    assert [m.entity for m in actorgraph.Pipeline(adjectives=False).extract(text)] == []
    assert [m.entity for m in actorgraph.Pipeline(engine="trie").extract(text)] == ["RUS", "IRQ"]


def test_discovered_actors_keep_their_ids_across_calls():
    p = actorgraph.Pipeline()
    first = [m for m in p.extract("Oksana Melnychuk, a Ukrainian lawyer, spoke.") if m.discovered]
    assert first, "discovery proposes the lawyer"
    again = [m for m in p.extract("Later Oksana Melnychuk left.") if m.discovered]
    assert again[0].entity == first[0].entity
    assert first[0].entity in p.gazetteer
    assert p.gazetteer[first[0].entity].discovered


def test_to_dataframe():
    pandas = pytest.importorskip("pandas")
    df = actorgraph.to_dataframe(actorgraph.Pipeline().extract("Iran and Iraq met."))
    assert isinstance(df, pandas.DataFrame)
    assert list(df["entity"]) == ["IRN", "IRQ"]
