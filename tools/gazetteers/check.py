#!/usr/bin/env python3
"""Validate the whosaid gazetteer TSV files (python3 stdlib only).

Usage: check.py DIR [FILE.tsv ...]
With only DIR, checks the ten standard files in DIR (all must exist) and
the cross-file rules.  With explicit FILE.tsv arguments (e.g. a user's own
extension file named like people.tsv / people.local.tsv), checks those
files against the schema their base name selects.  Exits 1 on any error.
"""
import os
import re
import sys
import unicodedata

SCHEMAS = {
    "people": {"cols": ["name", "aliases", "gender", "office", "country"],
               "required": ["name"], "multi": ["aliases"],
               "enums": {"gender": {"m", "f", ""}}, "cc": ["country"]},
    "places": {"cols": ["name", "aliases", "kind", "country", "population"],
               "required": ["name", "kind"], "multi": ["aliases"],
               "enums": {"kind": {"country", "region", "city", "continent", "sea"}},
               "cc": ["country"], "int": ["population"]},
    "offices": {"cols": ["title", "aliases", "category"],
                "required": ["title", "category"], "multi": ["aliases"],
                "enums": {"category": {"head_of_state", "head_of_government", "minister",
                                       "legislator", "judge", "official", "military",
                                       "diplomat", "party", "religious", "business", "other"}}},
    "demonyms": {"cols": ["demonym", "plural", "country"],
                 "required": ["demonym", "plural"], "cc": ["country"]},
    "titles": {"cols": ["title", "gender"], "required": ["title"],
               "enums": {"gender": {"m", "f", ""}}},
    "abbreviations": {"cols": ["abbreviation"], "required": ["abbreviation"]},
    "cues": {"cols": ["word", "lemma", "class"], "required": ["word", "lemma", "class"],
             "enums": {"class": {"verb", "noun", "phrase"}}},
    "nominals": {"cols": ["word", "number", "gender"], "required": ["word", "number"],
                 "enums": {"number": {"sg", "pl"}, "gender": {"m", "f", ""}}},
    "given_names": {"cols": ["name", "gender"], "required": ["name", "gender"],
                    "enums": {"gender": {"m", "f", "u"}}},
    "surnames": {"cols": ["name", "count"], "required": ["name"], "int": ["count"]},
}

# one given name: letters, with inner hyphens or apostrophes (Jean-Luc, Ing-wen)
GIVEN_NAME_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")

errors = []


def err(path, line, msg):
    errors.append("%s:%s: %s" % (path, line, msg))


def check_value(path, n, col, v):
    if v != v.strip():
        err(path, n, "%s: leading/trailing whitespace in %r" % (col, v))
    if "  " in v:
        err(path, n, "%s: double space in %r" % (col, v))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in v):
        err(path, n, "%s: control character in %r" % (col, v))
    if unicodedata.normalize("NFC", v) != v:
        err(path, n, "%s: not NFC: %r" % (col, v))


def check_file(path, kind):
    sch = SCHEMAS[kind]
    cols = sch["cols"]
    rows = []
    try:
        data = open(path, "rb").read()
    except OSError as e:
        err(path, 0, str(e))
        return rows
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        err(path, 0, "not UTF-8: %s" % e)
        return rows
    if text.startswith("\ufeff"):
        err(path, 1, "byte-order mark")
    if "\r" in text:
        err(path, 0, "CR characters (use LF line ends)")
    if text and not text.endswith("\n"):
        err(path, 0, "no final newline")
    header = None
    seen = set()
    for n, line in enumerate(text.split("\n"), 1):
        if line == "" or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            if fields != cols:
                err(path, n, "header %r, expected %r" % (fields, cols))
                return rows
            continue
        if len(fields) != len(cols):
            err(path, n, "%d columns, expected %d" % (len(fields), len(cols)))
            continue
        if line in seen:
            err(path, n, "duplicate row")
        seen.add(line)
        row = dict(zip(cols, fields))
        for c, v in row.items():
            check_value(path, n, c, v)
            if "|" in v and c not in sch.get("multi", []):
                err(path, n, "%s: '|' not allowed in %r" % (c, v))
        for c in sch.get("required", []):
            if row[c] == "":
                err(path, n, "empty %s" % c)
        for c, allowed in sch.get("enums", {}).items():
            if row[c] not in allowed:
                err(path, n, "%s=%r not in %s" % (c, row[c], sorted(allowed)))
        for c in sch.get("cc", []):
            if row[c] and not re.fullmatch(r"[A-Z]{2}", row[c]):
                err(path, n, "%s=%r is not an alpha-2 code" % (c, row[c]))
        for c in sch.get("int", []):
            if row[c] and not re.fullmatch(r"0|[1-9][0-9]*", row[c]):
                err(path, n, "%s=%r is not an integer" % (c, row[c]))
        for c in sch.get("multi", []):
            if row[c]:
                parts = row[c].split("|")
                if any(p == "" or p != p.strip() for p in parts):
                    err(path, n, "%s: empty or padded item in %r" % (c, row[c]))
                if len({p.casefold() for p in parts}) != len(parts):
                    err(path, n, "%s: repeated item in %r" % (c, row[c]))
        if kind == "given_names" and row["name"] and not GIVEN_NAME_RE.fullmatch(row["name"]):
            err(path, n, "name %r is not a single given name" % row["name"])
        if kind == "surnames" and row["name"] and not GIVEN_NAME_RE.fullmatch(row["name"]):
            err(path, n, "name %r is not a single name part" % row["name"])
        rows.append((n, row))
    if header is None:
        err(path, 0, "no header line")
    return rows


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    d = argv[1]
    files = argv[2:]
    if files:
        for f in files:
            base = os.path.basename(f).split(".")[0]
            if base not in SCHEMAS:
                err(f, 0, "cannot tell the schema from the file name")
                continue
            check_file(f, base)
    else:
        data = {k: check_file(os.path.join(d, k + ".tsv"), k) for k in SCHEMAS}
        # cross-file rules for the shipped set
        countries = {r["country"] for _, r in data["places"] if r["kind"] == "country"}
        titles = {r["title"] for _, r in data["offices"]}
        names = {}
        for n, r in data["places"]:
            k = r["name"].casefold()
            if k in names:
                err("places.tsv", n, "name %r repeats line %d" % (r["name"], names[k]))
            names[k] = n
            if r["kind"] in ("continent", "sea"):
                if r["country"]:
                    err("places.tsv", n, "%s has a country" % r["kind"])
            elif r["country"] not in countries:
                err("places.tsv", n, "unknown country %r" % r["country"])
        for name in ("people", "demonyms"):
            for n, r in data[name]:
                if r["country"] and r["country"] not in countries:
                    err(name + ".tsv", n, "unknown country %r" % r["country"])
        seen = {}
        for n, r in data["people"]:
            off = re.sub(r"^Former ", "", r["office"])
            if off and off not in titles:
                err("people.tsv", n, "office %r is not a title in offices.tsv" % off)
            for k in [r["name"]] + (r["aliases"].split("|") if r["aliases"] else []):
                k = k.casefold()
                if k in seen and seen[k] != n:
                    err("people.tsv", n, "name/alias %r also on line %d" % (k, seen[k]))
                seen[k] = n
        words = {(r["word"], r["lemma"], r["class"]) for _, r in data["cues"]}
        for n, r in data["cues"]:
            if (r["lemma"], r["lemma"], r["class"]) not in words:
                err("cues.tsv", n, "lemma %r has no row of its own" % r["lemma"])
        for fname in ("given_names", "surnames"):
            seen = {}
            prev = None
            for n, r in data[fname]:
                k = r["name"].casefold()
                if k in seen:
                    err(fname + ".tsv", n, "name %r repeats line %d" % (r["name"], seen[k]))
                seen[k] = n
                key = (k, r["name"])
                if prev is not None and key < prev:
                    err(fname + ".tsv", n, "not sorted: %r after %r" % (r["name"], prev[1]))
                prev = key
        given = {r["name"].casefold() for _, r in data["given_names"]}
        for n, r in data["surnames"]:
            if r["count"] == "" and r["name"].casefold() in given:
                err("surnames.tsv", n, "%r is a given name (only census surnames may be)" % r["name"])
        counts = ", ".join("%s %d" % (k, len(v)) for k, v in data.items())
        if not errors:
            print("check-gazetteers: OK (%s)" % counts)
    for e in errors[:200]:
        sys.stderr.write("check-gazetteers: %s\n" % e)
    if len(errors) > 200:
        sys.stderr.write("check-gazetteers: ... %d more errors\n" % (len(errors) - 200))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
