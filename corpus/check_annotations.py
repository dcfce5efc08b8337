#!/usr/bin/env python3
"""Sanity-check corpus/annotations against corpus/articles (Python 3, stdlib only).

For every article: each annotated quote must occur in the article, in document
order, directly after an opening mark and (unless it is the first paragraph of
a multi-paragraph quote, marked by a trailing " …", or runs unterminated to the
end of its paragraph) directly before a closing mark; each non-empty mention
must occur in the text before the quote or in the same paragraph. Every double
quotation mark in the text must be covered by an annotated quote (single marks
are only checked where annotated, since they double as apostrophes).

    python3 corpus/check_annotations.py        # exit status 1 on any problem
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OPEN = "\"“‘'"
CLOSE = "\"”’'"
MULTI = " …"


def check(name):
    problems = []
    text = open(os.path.join(HERE, "articles", name + ".txt"), encoding="utf-8").read()
    with open(os.path.join(HERE, "annotations", name + ".tsv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows[0] != ["kind", "quote", "speaker", "mention"]:
        problems.append("bad header %r" % rows[0])
    covered = []  # (start, end) of the marks-inclusive span of each quote
    pos = 0
    for n, row in enumerate(rows[1:], 2):
        if len(row) != 4:
            problems.append("line %d: %d fields" % (n, len(row)))
            continue
        kind, quote, speaker, mention = row
        if kind not in ("direct", "partial", "scare"):
            problems.append("line %d: bad kind %r" % (n, kind))
        if (kind == "scare") != (speaker == "" and mention == ""):
            problems.append("line %d: scare rows (only) have no speaker/mention" % n)
        multi = quote.endswith(MULTI)
        body = quote[: -len(MULTI)] if multi else quote
        i = text.find(body, pos)
        while i > 0 and text[i - 1] not in OPEN:
            i = text.find(body, i + 1)
        if i <= 0:
            problems.append("line %d: quote not found in order: %r" % (n, quote[:50]))
            continue
        end = i + len(body)
        after = text[end : end + 1]
        para_end = after in ("\n", "")
        if multi:
            if not text.startswith("\n\n", end):
                problems.append("line %d: multi-paragraph quote does not end its paragraph" % n)
            j = end
            while text.startswith("\n\n", j) and text[j + 2 : j + 3] in OPEN:
                j = text.find("\n", j + 2)
                j = len(text) if j < 0 else j
            covered.append((i - 1, j))
        elif after in CLOSE:
            covered.append((i - 1, end + 1))
        elif para_end:
            covered.append((i - 1, end))  # unterminated quotation
        else:
            problems.append("line %d: no closing mark after %r" % (n, quote[-20:]))
        if mention:
            lo = text.rfind("\n\n", 0, i) if mention[0].islower() else 0
            hi = text.find("\n\n", end)
            hi = len(text) if hi < 0 else hi
            if mention not in text[max(lo, 0) : hi]:
                problems.append("line %d: mention %r not near quote" % (n, mention))
        pos = end
    for k, ch in enumerate(text):
        if ch in "\"“”" and not any(s <= k < e for s, e in covered):
            line = text.count("\n", 0, k) + 1
            problems.append("unannotated %r at line %d: %r" % (ch, line, text[max(0, k - 30) : k + 30]))
    return problems


def main():
    names = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "articles")) if f.endswith(".txt"))
    bad = 0
    for name in names:
        probs = check(name)
        ents = os.path.join(HERE, "annotations", name + ".entities.tsv")
        if not os.path.exists(ents):
            probs.append("missing %s" % os.path.basename(ents))
        else:
            with open(ents, encoding="utf-8", newline="") as f:
                erows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
            if erows[0] != ["type", "canonical", "office"]:
                probs.append("bad entities header")
            for r in erows[1:]:
                if len(r) != 3 or r[0] not in ("person", "place"):
                    probs.append("bad entities row %r" % r)
        n = sum(1 for _ in open(os.path.join(HERE, "annotations", name + ".tsv"), encoding="utf-8")) - 1
        print("%-40s %2d rows  %s" % (name, n, "ok" if not probs else "%d problem(s)" % len(probs)))
        for p in probs:
            print("    " + p)
        bad += bool(probs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
