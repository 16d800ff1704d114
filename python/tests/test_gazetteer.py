"""Gazetteer access: lookup by id, entries, layers."""

import actorgraph


def test_the_builtin_gazetteer():
    gaz = actorgraph.Gazetteer()
    assert len(gaz) > 1000
    assert "RUS" in gaz and "NOSUCH" not in gaz
    russia = gaz["RUS"]
    assert (russia.id, russia.kind, russia.label, russia.discovered) == ("RUS", "state", "Russia", False)
    assert "Russian" in russia.aliases
    assert gaz.get("NOSUCH") is None
    assert gaz.ids()[: len(gaz)] == [e.id for e in gaz]
    assert repr(russia) == 'Entry(id="RUS", kind="state", label="Russia")'


def test_a_file_on_top_of_the_builtin_one():
    gaz = actorgraph.Gazetteer(["examples/gazetteer.tsv"])
    assert "alexander_lavrentiev" in gaz and "RUS" in gaz
    alone = actorgraph.Gazetteer(["examples/gazetteer.tsv"], default_gazetteer=False)
    assert "alexander_lavrentiev" in alone and "RUS" not in alone
    assert len(alone) < len(gaz)


def test_a_pipeline_with_a_gazetteer_file_finds_its_actors():
    p = actorgraph.Pipeline(["examples/gazetteer.tsv"])
    assert "alexander_lavrentiev" in p.gazetteer
    mentions = p.extract("Alexander Lavrentiev arrived in Astana.")
    assert mentions[0].entity == "alexander_lavrentiev"


def test_missing_ids_raise_key_error():
    import pytest

    with pytest.raises(KeyError):
        actorgraph.Gazetteer()["NOSUCH"]
