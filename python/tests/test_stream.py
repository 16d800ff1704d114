"""Pipeline.extract_iter: per-document results in input order, read lazily a batch at a time."""

import itertools

import pytest

import actorgraph
from conftest import ARTICLES, SAMPLE


def article_texts():
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.iterdir())]


def test_one_list_per_text_in_input_order_equal_to_extract_many():
    texts = article_texts() + ["No actor here.", "Iran and Iraq met."]
    per_doc = list(actorgraph.Pipeline().extract_iter(texts))
    assert len(per_doc) == len(texts)
    assert per_doc[-2] == []
    assert [m.document for m in per_doc[-1]] == [str(len(texts) - 1)] * 2
    for i, mentions in enumerate(per_doc):
        assert all(m.document == str(i) for m in mentions)
    flat = [m.to_dict() for m in itertools.chain.from_iterable(per_doc)]
    assert flat == [m.to_dict() for m in actorgraph.Pipeline().extract_many(texts)]


def test_dicts_and_discovered_ids_across_batches_as_in_one_run():
    # More texts than a batch (512), so discovered actors are registered over several batches.
    docs = [{"id": f"d{i}", "text": t} for i, t in enumerate(article_texts() * 80)]
    streamed = [m.to_dict() for ms in actorgraph.Pipeline().extract_iter(docs) for m in ms]
    whole = [m.to_dict() for m in actorgraph.Pipeline().extract_many(docs)]
    assert len(docs) > 512 and streamed == whole
    assert any(m["discovered"] for m in streamed)


def test_the_input_is_read_one_batch_at_a_time():
    pulled = []

    def texts():
        for i in range(2000):
            pulled.append(i)
            yield "Iran and Iraq met." if i % 2 else "Putin spoke."

    it = actorgraph.Pipeline().extract_iter(texts())
    assert pulled == []  # nothing is read before the first result is asked for
    first = next(it)
    assert [m.entity for m in first] == ["vladimir_putin"]
    assert len(pulled) == 512  # one batch, not the whole input
    rest = list(it)
    assert len(pulled) == 2000 and len(rest) == 1999


def test_a_large_text_ends_its_batch_early():
    pulled = []
    big = "x " * (9 << 20) + "Iran."  # 18 MiB: more than a batch holds

    def texts():
        for i in range(10):
            pulled.append(i)
            yield big if i == 0 else "Putin spoke."

    it = actorgraph.Pipeline(discover=False).extract_iter(texts())
    assert [m.entity for m in next(it)] == ["IRN"]
    assert len(pulled) == 1


def test_bad_items_and_paths_raise():
    pipeline = actorgraph.Pipeline()
    with pytest.raises(TypeError, match="not one str"):
        pipeline.extract_iter("Iran and Iraq.")
    with pytest.raises(TypeError, match="for paths use extract_many"):
        list(pipeline.extract_iter([SAMPLE]))
    it = pipeline.extract_iter(["Iran.", 3])
    with pytest.raises(TypeError, match="item 1"):
        next(it)
