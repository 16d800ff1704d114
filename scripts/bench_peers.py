#!/usr/bin/env python3
"""Measurements for scripts/bench --peers and scripts/bench-python, one per process.

    bench_peers.py dictionary OUT [GAZETTEER.tsv]
        (needs the actorgraph package) writes the dictionary every peer is given: one
        "name<TAB>entity id" line per distinct alias of the built-in gazetteer (or only of
        GAZETTEER.tsv when given), sorted; a name shared by several entities keeps the first.
    bench_peers.py names [--lower] DICTIONARY OUT
        writes the names of DICTIONARY to OUT, one a line, longest first (so that a matcher
        reporting the first pattern to match at a position reports the longest), lower-cased
        with --lower.
    bench_peers.py texts [--lower] CORPUS OUT
        writes the "text" of every JSONL record of CORPUS to OUT, one record per line (newlines
        inside a text become spaces), lower-cased with --lower, for the peers that read plain
        text; text_bytes counts the texts' UTF-8 bytes as they were.
    bench_peers.py ours [--names-only] CORPUS [GAZETTEER.tsv]
        (needs the actorgraph package) `Pipeline(threads=1).extract_many` over the records of
        CORPUS already in memory as dicts, and `extract_iter` over them; --names-only turns off
        discovery, surnames, name parts and roles, leaving the gazetteer's names.
    bench_peers.py PEER CORPUS DICTIONARY   (PEER: flashtext, pyahocorasick, spacy)
        builds PEER's matcher from DICTIONARY, then scans the texts of CORPUS in memory.

Each prints one line of key=value pairs: build_secs (building the matcher), scan_secs (the
fastest of --repeat scans, default 3), matches, and for `dictionary` names and text_bytes.
Reading the corpus is never timed.
"""

import argparse
import json
import sys
import time


def read_records(corpus):
    with open(corpus, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_texts(corpus):
    return [record["text"] for record in read_records(corpus)]


def read_dictionary(path):
    """The (name, id) pairs of a dictionary file."""
    pairs = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            name, _, entity = line.rstrip("\n").partition("\t")
            pairs.append((name, entity))
    return pairs


def best_of(repeat, scan):
    """The fastest of `repeat` runs of scan() and what it returned."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        found = scan()
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best, found


def timed(build):
    start = time.perf_counter()
    built = build()
    return time.perf_counter() - start, built


def report(**values):
    print(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items()))


# --- the dictionary and the texts ---------------------------------------------------------


def dictionary(args):
    import actorgraph

    if args.gazetteer:
        gazetteer = actorgraph.Gazetteer([args.gazetteer], default_gazetteer=False)
    else:
        gazetteer = actorgraph.Gazetteer()
    first = {}
    for entry in gazetteer:
        for name in entry.aliases:
            if name.strip():
                first.setdefault(name, entry.id)
    with open(args.out, "w", encoding="utf-8") as out:
        out.writelines(f"{name}\t{first[name]}\n" for name in sorted(first))
    report(names=len(first))


def names(args):
    found = sorted({name for name, _ in read_dictionary(args.dictionary)}, key=lambda n: (-len(n), n))
    if args.lower:
        found = sorted({name.lower() for name in found}, key=lambda n: (-len(n), n))
    with open(args.out, "w", encoding="utf-8") as out:
        out.writelines(name + "\n" for name in found)
    report(names=len(found))


def texts(args):
    records = read_texts(args.corpus)
    size = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for text in records:
            size += len(text.encode("utf-8"))
            line = text.replace("\r", " ").replace("\n", " ")
            out.write((line.lower() if args.lower else line) + "\n")
    report(documents=len(records), text_bytes=size)


# --- actorgraph in process -----------------------------------------------------------------


def ours(args):
    import actorgraph

    records = read_records(args.corpus)
    options = {"threads": 1}
    if args.names_only:
        options.update(discover=False, surnames=False, name_parts=False, roles=False)
    if args.gazetteer:
        options.update(gazetteers=[args.gazetteer], default_gazetteer=False)
    build, pipeline = timed(lambda: actorgraph.Pipeline(**options))
    scan, found = best_of(args.repeat, lambda: len(pipeline.extract_many(records)))
    scan_iter, found_iter = best_of(
        args.repeat, lambda: sum(len(ms) for ms in pipeline.extract_iter(records))
    )
    report(build_secs=build, scan_secs=scan, matches=found, iter_secs=scan_iter, iter_matches=found_iter)


# --- the peers -----------------------------------------------------------------------------


def flashtext(pairs, texts_, repeat):
    """Case-insensitive, longest match first, words of [A-Za-z0-9_]; the id as clean name."""
    from flashtext import KeywordProcessor

    def build():
        keywords = KeywordProcessor(case_sensitive=False)
        for name, entity in pairs:
            keywords.add_keyword(name, entity)
        return keywords

    took, keywords = timed(build)
    scan = best_of(repeat, lambda: sum(len(keywords.extract_keywords(t, span_info=True)) for t in texts_))
    return took, scan


def word_char(c):
    return c.isalnum() or c == "_"


def pyahocorasick(pairs, texts_, repeat):
    """Every occurrence of a lower-cased name in the lower-cased text, kept when it starts and
    ends at word boundaries, then the leftmost-longest of overlapping ones (what a gazetteer
    matcher finds); each match carries the entity id and its offsets."""
    import ahocorasick

    def build():
        automaton = ahocorasick.Automaton()
        for name, entity in pairs:
            key = name.lower()
            if key not in automaton:
                automaton.add_word(key, (len(key), entity))
        automaton.make_automaton()
        return automaton

    took, automaton = timed(build)

    def matches(text):
        low = text.lower()
        last = len(low) - 1
        candidates = []
        for end, (length, entity) in automaton.iter(low):
            start = end - length + 1
            if (start == 0 or not word_char(low[start - 1])) and (
                end == last or not word_char(low[end + 1])
            ):
                candidates.append((start, -length, entity))
        candidates.sort()
        found, free = [], 0
        for start, negative, entity in candidates:
            if start >= free:
                found.append((start, start - negative, entity))
                free = start - negative
        return found

    scan = best_of(repeat, lambda: sum(len(matches(t)) for t in texts_))
    return took, scan


def spacy(pairs, texts_, repeat):
    """spaCy's PhraseMatcher on the LOWER attribute over the blank English tokenizer: every
    token-aligned match, overlapping ones included, under one label."""
    import spacy as spacy_

    from spacy.matcher import PhraseMatcher

    nlp = spacy_.blank("en")

    def build():
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("ACTOR", list(nlp.tokenizer.pipe(name for name, _ in pairs)))
        return matcher

    took, matcher = timed(build)
    scan = best_of(repeat, lambda: sum(len(matcher(doc)) for doc in nlp.tokenizer.pipe(texts_)))
    return took, scan


PEERS = {"flashtext": flashtext, "pyahocorasick": pyahocorasick, "spacy": spacy}


def peer(args):
    pairs = read_dictionary(args.dictionary)
    texts_ = read_texts(args.corpus)
    build, (scan, found) = PEERS[args.command](pairs, texts_, args.repeat)
    report(build_secs=build, scan_secs=scan, matches=found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="scans to take the fastest of")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("dictionary")
    command.add_argument("out")
    command.add_argument("gazetteer", nargs="?")
    command.set_defaults(run=dictionary)
    command = commands.add_parser("names")
    command.add_argument("--lower", action="store_true")
    command.add_argument("dictionary")
    command.add_argument("out")
    command.set_defaults(run=names)
    command = commands.add_parser("texts")
    command.add_argument("--lower", action="store_true")
    command.add_argument("corpus")
    command.add_argument("out")
    command.set_defaults(run=texts)
    command = commands.add_parser("ours")
    command.add_argument("--names-only", action="store_true")
    command.add_argument("corpus")
    command.add_argument("gazetteer", nargs="?")
    command.set_defaults(run=ours)
    for name in PEERS:
        command = commands.add_parser(name)
        command.add_argument("corpus")
        command.add_argument("dictionary")
        command.set_defaults(run=peer)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    sys.exit(main())
