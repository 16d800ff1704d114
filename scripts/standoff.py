#!/usr/bin/env python3
"""Stand-off annotation of a JSONL corpus for `actorgraph eval`.

The annotated set (data/eval-lee/) holds only offsets, names and ids, never the articles: the
text stays in the corpus file it came from. Coders work on a scratch copy in markup, one
sentence a line, kept outside the repository:

    skeleton CORPUS.jsonl OUTDIR ID...   write OUTDIR/ID.md: the text split into sentence lines
    render   CORPUS.jsonl SET OUTDIR [ID...]
                                         write the markup of annotated documents back out
    build    CORPUS.jsonl SET FILE.md... check markup files against the corpus and replace those
                                         documents' rows in SET/mentions.tsv and SET/sentences.tsv
    ids      SET                         list every id with its kind, surfaces and whether the
                                         built-in gazetteer knows it

Markup (see data/eval-lee/README.md): `{{TEXT|ID}}`, `{{TEXT|ID|adj}}`, `{{TEXT|ID|role}}`, and
`{{TEXT|?KIND:ID}}` for an actor the built-in gazetteer does not have.
"""

import csv
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("person", "state", "group", "place")
FLAGS = ("adj", "role")
MARK = re.compile(r"\{\{([^{}|]+)\|([^{}|]+)(?:\|([^{}|]+))?\}\}")
ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gen|Lt|Col|Capt|Maj|Sgt|Prof|Rev|Jr|Sr|No|Co|Inc|Ltd|"
    r"Corp|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)


def fail(where, message):
    sys.exit(f"standoff: {where}: {message}")


def load_corpus(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                rec = json.loads(line)
                docs[rec["id"]] = rec["text"]
    return docs


def gazetteer_kinds():
    """Maps each id of the built-in gazetteer to its kind."""
    kinds = {}
    for path in sorted((ROOT / "gazetteers").glob("*.tsv")):
        header = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if header is None:
                    header = cells
                    continue
                row = dict(zip(header, cells))
                kinds[row["id"]] = row["kind"]
    return kinds


def split_sentences(text):
    """A first guess at the sentences; the coder corrects it."""
    out, start = [], 0
    for m in re.finditer(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])", text):
        head = text[start : m.start() + 1]
        if ABBREV.search(head):
            continue
        end = m.end()
        out.append(text[start:end].rstrip())
        start = end
    if text[start:].strip():
        out.append(text[start:].rstrip())
    return out


def skeleton(corpus, outdir, ids):
    docs = load_corpus(corpus)
    os.makedirs(outdir, exist_ok=True)
    for doc in ids:
        if doc not in docs:
            fail(corpus, f"no document {doc}")
        with open(Path(outdir) / f"{doc}.md", "w", encoding="utf-8") as f:
            f.write("\n".join(split_sentences(docs[doc])) + "\n")


def parse_markup(path, text, kinds):
    """Returns (mentions, sentences) with byte offsets into `text`."""
    raw = text.encode("utf-8")
    pos = 0  # byte offset in raw
    mentions, sentences = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        plain, marks, last = [], [], 0
        for m in MARK.finditer(line):
            plain.append(line[last : m.start()])
            surface, target, flag = m.group(1), m.group(2).strip(), m.group(3)
            start = len("".join(plain).encode("utf-8"))
            plain.append(surface)
            marks.append((start, start + len(surface.encode("utf-8")), surface, target, flag))
            last = m.end()
        plain.append(line[last:])
        plain = "".join(plain)
        if "{{" in plain or "}}" in plain:
            fail(f"{path}:{lineno}", "unbalanced or malformed {{...}} mark")
        while pos < len(raw) and raw[pos : pos + 1].isspace():
            pos += 1
        want = plain.encode("utf-8")
        if raw[pos : pos + len(want)] != want:
            got = raw[pos : pos + len(want)].decode("utf-8", "replace")
            i = next((i for i, (a, b) in enumerate(zip(plain, got)) if a != b), len(got))
            fail(
                f"{path}:{lineno}",
                f"text differs from the corpus at character {i + 1}: "
                f"{plain[i:i + 30]!r} against {got[i:i + 30]!r}",
            )
        for start, end, surface, target, flag in marks:
            if flag is not None and flag not in FLAGS:
                fail(f"{path}:{lineno}", f"unknown flag {flag!r} (use adj or role)")
            if surface != surface.strip():
                fail(f"{path}:{lineno}", f"mark {surface!r} starts or ends with a space")
            if target.startswith("?"):
                kind, _, ident = target[1:].partition(":")
                if kind not in KINDS or not re.fullmatch(r"[a-z0-9_]+", ident):
                    fail(f"{path}:{lineno}", f"{target!r}: write ?KIND:id with a snake_case id")
                if ident in kinds and kinds[ident] != kind:
                    fail(
                        f"{path}:{lineno}",
                        f"{ident!r} is a {kinds[ident]} in the built-in gazetteer, not a {kind}",
                    )
            else:
                ident = target
                if ident not in kinds:
                    fail(f"{path}:{lineno}", f"{ident!r} is not a gazetteer id: write ?KIND:{ident}")
                kind = kinds[ident]
            mentions.append((pos + start, pos + end, surface, kind, ident, flag or ""))
        sentences.append((pos, pos + len(want)))
        pos += len(want)
    if raw[pos:].strip():
        fail(path, "the markup ends before the document does")
    return mentions, sentences


def read_rows(path):
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")][1:]


def write_rows(path, header, rows):
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def doc_key(row):
    return (row[0], int(row[1]), int(row[2]))


def build(corpus, setdir, files):
    docs = load_corpus(corpus)
    kinds = gazetteer_kinds()
    setdir = Path(setdir)
    mentions = read_rows(setdir / "mentions.tsv")
    sentences = read_rows(setdir / "sentences.tsv")
    for path in files:
        doc = Path(path).stem
        if doc not in docs:
            fail(path, f"the corpus has no document {doc}")
        found, sents = parse_markup(path, docs[doc], kinds)
        mentions = [r for r in mentions if r[0] != doc]
        sentences = [r for r in sentences if r[0] != doc]
        mentions += [[doc, str(s), str(e), t, k, i, fl] for s, e, t, k, i, fl in found]
        sentences += [[doc, str(s), str(e)] for s, e in sents]
    mentions.sort(key=doc_key)
    sentences.sort(key=doc_key)
    write_rows(
        setdir / "mentions.tsv",
        ["document", "start", "end", "surface", "kind", "id", "flags"],
        mentions,
    )
    write_rows(setdir / "sentences.tsv", ["document", "start", "end"], sentences)
    print(f"{len(files)} documents checked; {len(mentions)} mentions in the set")


def render(corpus, setdir, outdir, ids):
    docs = load_corpus(corpus)
    kinds = gazetteer_kinds()
    setdir = Path(setdir)
    mentions = read_rows(setdir / "mentions.tsv")
    sentences = read_rows(setdir / "sentences.tsv")
    wanted = set(ids) or {r[0] for r in sentences}
    os.makedirs(outdir, exist_ok=True)
    for doc in sorted(wanted):
        raw = docs[doc].encode("utf-8")
        marks = [r for r in mentions if r[0] == doc]
        lines = []
        for _, s, e in (r for r in sentences if r[0] == doc):
            s, e = int(s), int(e)
            out, at = [], s
            for m in marks:
                ms, me = int(m[1]), int(m[2])
                if s <= ms < e:
                    target = m[5] if m[5] in kinds else f"?{m[4]}:{m[5]}"
                    flag = f"|{m[6]}" if m[6] else ""
                    out.append(raw[at:ms].decode())
                    out.append(f"{{{{{raw[ms:me].decode()}|{target}{flag}}}}}")
                    at = me
            out.append(raw[at:e].decode())
            lines.append("".join(out))
        with open(Path(outdir) / f"{doc}.md", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


def list_ids(setdir):
    kinds = gazetteer_kinds()
    seen = {}
    for r in read_rows(Path(setdir) / "mentions.tsv"):
        entry = seen.setdefault((r[5], r[4]), {})
        entry[r[3]] = entry.get(r[3], 0) + 1
    for (ident, kind), surfaces in sorted(seen.items()):
        known = "known" if ident in kinds else "unknown"
        names = "|".join(f"{s} ({n})" for s, n in sorted(surfaces.items()))
        print(f"{ident}\t{kind}\t{known}\t{names}")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "skeleton" and len(args) >= 3:
        skeleton(args[0], args[1], args[2:])
    elif cmd == "build" and len(args) >= 3:
        build(args[0], args[1], args[2:])
    elif cmd == "render" and len(args) >= 3:
        render(args[0], args[1], args[2], args[3:])
    elif cmd == "ids" and len(args) == 1:
        list_ids(args[0])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
