#!/bin/sh
# cli.sh - black-box tests of the whosaid command line: exit codes, --help,
# JSONL framing (one output line per input line), error records and output
# validity. Usage: tests/cli.sh PATH_TO_WHOSAID GAZETTEER_DIR. Prints TAP.
#
# JSON is checked with python3 (stdlib only) when it is available; without
# it those checks are reported as skipped and only exit codes and line counts
# are tested. Attribution itself is not tested here (see tests/spec/).

LC_ALL=C
export LC_ALL

if [ $# -ne 2 ]; then
  echo "usage: $0 PATH_TO_WHOSAID GAZETTEER_DIR" >&2
  exit 2
fi
case $1 in /*) WS=$1 ;; *) WS=$(pwd)/$1 ;; esac
case $2 in /*) GAZ=$2 ;; *) GAZ=$(pwd)/$2 ;; esac
if [ ! -x "$WS" ]; then
  echo "$0: $WS is not an executable" >&2
  exit 2
fi
WHOSAID_GAZETTEERS=$GAZ
export WHOSAID_GAZETTEERS

exec </dev/null # whosaid reads stdin only where a check redirects it

T=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

PY=
if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' 2>/dev/null
then
  PY=python3
fi

n=0
failed=0

# ok NAME / fail NAME REASON / skip NAME REASON: one TAP line per check.
ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}
fail() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  echo "# $2"
  if [ -s "$T/err" ]; then
    echo "# stderr:"
    head -c 2000 "$T/err" | sed 's/^/#   /'
  fi
}
skip() {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# run ARGS...: run whosaid (stdin from /dev/null unless redirected by the
# caller), stdout to $T/out, stderr to $T/err, exit status in $rc.
run() {
  "$WS" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

# lines FILE: number of newline-terminated lines in FILE.
lines() {
  wc -l <"$1" | tr -d ' '
}

# py NAME SUBCOMMAND ARGS...: a JSON check done by $T/check.py; passes,
# fails with its message, or is skipped without python3.
py() {
  pyname=$1
  shift
  if [ -z "$PY" ]; then
    skip "$pyname" "no python3"
  elif "$PY" "$T/check.py" "$@" >"$T/pymsg" 2>&1; then
    ok "$pyname"
  else
    fail "$pyname" "$(head -c 2000 "$T/pymsg" | tr '\n' ' ')"
  fi
}

cat >"$T/check.py" <<'EOF'
# check.py - JSON assertions for cli.sh; exits 1 with a message on failure.
import json
import sys

DOC_KEYS = ["id", "entities", "quotes"]
PERQ_KEYS = ["id", "quote", "kind", "speaker", "office", "speaker_kind",
             "mention", "cue", "start", "end", "cp_start", "cp_end",
             "confidence"]
ERR_CODES = {"invalid_json", "missing_text", "empty_line", "too_large"}


def die(msg):
    print(msg)
    sys.exit(1)


def records(path):
    """Each line of path as (text, parsed value); strict UTF-8, one JSON
    object per line, every line newline-terminated."""
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        die("output does not end with a newline")
    out = []
    for i, raw in enumerate(data.split(b"\n")[:-1], 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            die("line %d is not UTF-8: %s" % (i, e))
        try:
            val = json.loads(line, object_pairs_hook=pairs)
        except ValueError as e:
            die("line %d is not JSON: %s: %.200r" % (i, e, line))
        if not isinstance(val, dict):
            die("line %d is not an object" % i)
        try:
            utf8_strings(val)
        except UnicodeEncodeError as e:
            die("line %d: a string is not valid Unicode: %s" % (i, e))
        out.append(val)
    return out


def utf8_strings(v):
    """Raise if any string in v holds an unpaired surrogate escape: invalid
    input must come out as U+FFFD, never as \\udcXX."""
    if isinstance(v, str):
        v.encode("utf-8")
    elif isinstance(v, dict):
        for k, x in v.items():
            utf8_strings(k)
            utf8_strings(x)
    elif isinstance(v, list):
        for x in v:
            utf8_strings(x)


class Obj(dict):
    """A dict that remembers its key order (and refuses duplicates)."""


def pairs(kv):
    o = Obj(kv)
    if len(o) != len(kv):
        die("duplicate key in %r" % [k for k, _ in kv])
    o.order = [k for k, _ in kv]
    return o


def check_doc(rec, where):
    keys = rec.order
    want = DOC_KEYS + (["warnings"] if "warnings" in rec else [])
    if keys != want:
        die("%s: keys %r, expected %r" % (where, keys, want))
    if "warnings" in rec and not rec["warnings"]:
        die("%s: empty warnings list should be omitted" % where)
    if not isinstance(rec["entities"], list):
        die("%s: entities is not a list" % where)
    if not isinstance(rec["quotes"], list):
        die("%s: quotes is not a list" % where)
    for q in rec["quotes"]:
        c = q.get("confidence")
        if not isinstance(c, (int, float)) or not 0 <= c <= 1:
            die("%s: confidence %r not in [0,1]" % (where, c))
        if q.get("kind") not in ("direct", "partial"):
            die("%s: quote kind %r" % (where, q.get("kind")))


def check_error(rec, where, code, line_no):
    if rec.order[:2] != ["id", "error"]:
        die("%s: error record keys %r" % (where, rec.order))
    err = rec["error"]
    if not isinstance(err, dict) or err.get("code") not in ERR_CODES:
        die("%s: bad error object %r" % (where, err))
    if code != "*" and err["code"] != code:
        die("%s: error code %r, expected %r" % (where, err["code"], code))
    if not isinstance(err.get("message"), str) or not err["message"]:
        die("%s: error has no message" % where)
    if line_no is not None and err.get("line") != line_no:
        die("%s: error line %r, expected %d" % (where, err.get("line"),
                                                 line_no))


def cmd_valid(path, count=None):
    """Every line is a document, per-quote or error record; optionally
    count them."""
    recs = records(path)
    if count is not None and len(recs) != int(count):
        die("%d records, expected %s" % (len(recs), count))
    for i, r in enumerate(recs, 1):
        if "error" in r:
            check_error(r, "line %d" % i, "*", None)
        elif "quote" in r:
            if r.order != PERQ_KEYS:
                die("line %d: keys %r, expected %r" % (i, r.order, PERQ_KEYS))
        else:
            check_doc(r, "line %d" % i)


def cmd_expect(path, *spec):
    """Line i matches spec[i]: ID=WHAT, ID a JSON value or '*', WHAT 'ok'
    or an error code; error records must carry "line": i (JSONL mode)."""
    expect(path, spec, True)


def cmd_expect_doc(path, *spec):
    """As expect, for document (non-JSONL) mode: no line number check."""
    expect(path, spec, False)


def expect(path, spec, check_line):
    recs = records(path)
    if len(recs) != len(spec):
        die("%d output lines, expected %d" % (len(recs), len(spec)))
    for i, (r, s) in enumerate(zip(recs, spec), 1):
        want_id, what = s.rsplit("=", 1)
        where = "line %d" % i
        if want_id != "*" and r.get("id") != json.loads(want_id):
            die("%s: id %r, expected %s" % (where, r.get("id"), want_id))
        if what == "ok":
            if "error" in r:
                die("%s: unexpected error %r" % (where, r["error"]))
            check_doc(r, where)
        else:
            if "error" not in r:
                die("%s: expected error %s, got a document" % (where, what))
            check_error(r, where, what, i if check_line else None)


def cmd_pretty(pretty_path, compact_path):
    """The --pretty output is multi-line JSON equal to the compact one."""
    with open(pretty_path, "rb") as f:
        text = f.read().decode("utf-8")
    dec = json.JSONDecoder()
    vals, pos = [], 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos == len(text):
            break
        try:
            v, pos = dec.raw_decode(text, pos)
        except ValueError as e:
            die("pretty output is not JSON: %s" % e)
        vals.append(v)
    if text.count("\n") <= len(vals):
        die("pretty output is not indented over several lines")
    compact = [json.loads(l) for l in open(compact_path, encoding="utf-8")]
    if vals != compact:
        die("pretty and compact output differ")


def cmd_perquote(perq_path, doc_path, count):
    """--per-quote gives `count` records with the documented keys, matching
    the quotes of the document record."""
    perq = records(perq_path)
    doc = records(doc_path)
    if len(perq) != int(count):
        die("%d per-quote records, expected %s" % (len(perq), count))
    if len(doc) != 1 or len(doc[0]["quotes"]) != len(perq):
        die("document record has %d quotes, per-quote has %d"
            % (len(doc[0]["quotes"]) if doc else -1, len(perq)))
    for i, (p, q) in enumerate(zip(perq, doc[0]["quotes"]), 1):
        if p.order != PERQ_KEYS:
            die("record %d: keys %r, expected %r" % (i, p.order, PERQ_KEYS))
        if p["id"] != doc[0]["id"]:
            die("record %d: id %r vs %r" % (i, p["id"], doc[0]["id"]))
        for a, b in (("quote", "text"), ("start", "start"), ("end", "end"),
                     ("kind", "kind"), ("cp_start", "cp_start")):
            if p[a] != q[b]:
                die("record %d: %s %r, document has %r" % (i, a, p[a], q[b]))


def cmd_offsets(out_path, input_path):
    """For a valid UTF-8 input, every quote, cue, speaker and entity span
    slices the input bytes to its text, and cp offsets agree."""
    with open(input_path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    (rec,) = records(out_path)
    check_doc(rec, "record")

    def span(obj, key, where):
        s, e, cs, ce = obj["start"], obj["end"], obj["cp_start"], obj["cp_end"]
        if not (0 <= s <= e <= len(data) and 0 <= cs <= ce <= len(text)):
            die("%s: span out of range %r" % (where, (s, e, cs, ce)))
        got = data[s:e].decode("utf-8", "replace")
        if key is not None and got != obj[key]:
            die("%s: bytes [%d,%d) are %r, %s is %r"
                % (where, s, e, got, key, obj[key]))
        if text[cs:ce] != got:
            die("%s: cp [%d,%d) is %r, bytes give %r"
                % (where, cs, ce, text[cs:ce], got))

    for i, ent in enumerate(rec["entities"]):
        span(ent, "text", "entity %d" % i)
    for i, q in enumerate(rec["quotes"]):
        span(q, "text", "quote %d" % i)
        if q["cue"] is not None:
            span(q["cue"], "text", "quote %d cue" % i)
        if q["speaker"] is not None:
            span(q["speaker"], "mention", "quote %d speaker" % i)


def cmd_warning(path, code):
    """The single document record carries a warning with this code."""
    (rec,) = records(path)
    check_doc(rec, "record")
    codes = [w.get("code") for w in rec.get("warnings", [])]
    if code not in codes:
        die("warning codes %r lack %r" % (codes, code))
    for w in rec["warnings"]:
        if not isinstance(w.get("offset"), int) or \
                not isinstance(w.get("message"), str):
            die("bad warning %r" % w)


def cmd_nowarnings(path):
    """Clean input gives no warnings key at all."""
    for i, rec in enumerate(records(path), 1):
        if "warnings" in rec:
            die("line %d: unexpected warnings %r" % (i, rec["warnings"]))


def cmd_quotes(path, count):
    """The single document record lists `count` quotes."""
    (rec,) = records(path)
    check_doc(rec, "record")
    if len(rec["quotes"]) != int(count):
        die("%d quotes, expected %s" % (len(rec["quotes"]), count))


def cmd_object(path):
    """The output is one JSON object of non-negative integer counts."""
    with open(path, encoding="utf-8") as f:
        val = json.load(f)
    if not isinstance(val, dict) or not val or not all(
            isinstance(v, int) and v >= 0 for v in val.values()):
        die("not an object of counts: %r" % val)


cmds = {k[4:]: v for k, v in globals().items() if k.startswith("cmd_")}
cmds[sys.argv[1]](*sys.argv[2:])
EOF

# ---- test inputs -----------------------------------------------------------
Q1='"We will win," Senator Ann Lee said.'
# curly quotes and non-ASCII text, so byte and codepoint offsets differ
Q2=$(printf '\342\200\234The count in Bogot\303\241 is not over,\342\200\235 she added.')
printf '%s\n' "$Q1" >"$T/one.txt"
printf '%s %s\n' "$Q1" "$Q2" >"$T/two.txt"
printf '%s\n' 'There are no quotations in this sentence.' >"$T/none.txt"
# invalid UTF-8 (lone Latin-1 byte, 0xFF, truncated sequence) and a NUL
printf '"Caf\351 \377 ok," she said. \342\200\n' >"$T/badutf8.txt"
printf '"We\000will,\000" she said.\n' >"$T/nul.txt"

# JSONL framing input: one line per case; expected result per line in SPEC.
{
  printf '%s\n' '{"id": "a", "text": "\"We will win,\" Senator Ann Lee said."}'
  printf '%s\n' '{"id": "b", "text": "broken'
  printf '%s\n' '{"id": "c", "body": "no text field"}'
  printf '%s\n' '{"id": "d", "text": 42}'
  printf '\n'
  printf '{"id": "f", "text": "\342\200\234Caf\303\251 \346\235\261\344\272\254 \360\237\230\200,\342\200\235 she said. \\u00e9\\ud83d\\ude00"}\n'
  printf '{"id": "g", "text": "'
  awk 'BEGIN { for (i = 0; i < 26000; i++)
                 printf "%s", "\\\"We will win,\\\" Senator Ann Lee said. " }'
  printf '"}\n'
  printf '%s\n' '{"id": "h", "text": "\"a\u0000b,\" he said.\u0000"}'
  printf ' \t \n'
  printf '%s\n' '{"text": "\"No,\" he said."}'
  printf '%s\n' '{"id": "k", "text": null}'
} >"$T/frame.jsonl"
FRAME_N=11 # expected results: see the --jsonl checks below

# all-valid JSONL, last line without a trailing newline
{
  printf '%s\n' '{"id": "v1", "text": "\"We will win,\" Senator Ann Lee said."}'
  printf '%s\n' '{"text": "No quotes here.", "id": "v2"}'
  printf '%s' '{"id": "v3", "text": "\"Yes,\" he said."}'
} >"$T/valid.jsonl"

# ---- help, version, usage errors -------------------------------------------
for opt in --help -h; do
  run $opt
  if [ $rc -ne 0 ]; then
    fail "$opt exits 0" "exit status $rc"
  elif ! grep -q -- '--jsonl' "$T/out"; then
    fail "$opt exits 0" "usage on stdout does not mention --jsonl"
  else
    ok "$opt prints usage on stdout and exits 0"
  fi
done

for opt in --version -V; do
  run $opt
  if [ $rc -ne 0 ]; then
    fail "$opt exits 0" "exit status $rc"
  elif ! grep -Eq '^whosaid [0-9]+\.[0-9]+\.[0-9]+' "$T/out"; then
    fail "$opt exits 0" "stdout is '$(head -c 100 "$T/out")'"
  else
    ok "$opt prints 'whosaid X.Y.Z' and exits 0"
  fi
done

# usage_error NAME ARGS...: exit 2, a message on stderr, nothing on stdout.
usage_error() {
  uname=$1
  shift
  run "$@" </dev/null
  if [ $rc -ne 2 ]; then
    fail "$uname" "exit status $rc, expected 2"
  elif [ ! -s "$T/err" ]; then
    fail "$uname" "no message on stderr"
  elif [ -s "$T/out" ]; then
    fail "$uname" "unexpected output on stdout"
  else
    ok "$uname"
  fi
}
usage_error "unknown option exits 2" --no-such-option
usage_error "unknown short option exits 2" -Z
usage_error "missing argument to --text-field exits 2" --jsonl --text-field
usage_error "missing argument to -g exits 2" -g
usage_error "missing argument to --max-doc-bytes exits 2" --max-doc-bytes
usage_error "non-numeric --max-doc-bytes exits 2" --max-doc-bytes lots "$T/one.txt"

# ---- I/O and gazetteer errors ----------------------------------------------
run "$T/no-such-file.txt"
if [ $rc -eq 3 ] && [ -s "$T/err" ]; then
  ok "nonexistent input file exits 3"
else
  fail "nonexistent input file exits 3" "exit status $rc"
fi

run "$T"
if [ $rc -eq 3 ]; then
  ok "directory as input file exits 3"
else
  fail "directory as input file exits 3" "exit status $rc"
fi

if [ -w /dev/full ]; then
  "$WS" "$T/one.txt" >/dev/full 2>"$T/err"
  rc=$?
  if [ $rc -eq 3 ]; then
    ok "write error exits 3"
  else
    fail "write error exits 3" "exit status $rc writing to /dev/full"
  fi
else
  skip "write error exits 3" "no /dev/full"
fi

run -g "$T/no-such-dir" "$T/one.txt"
if [ $rc -eq 4 ] && [ -s "$T/err" ] && [ ! -s "$T/out" ]; then
  ok "bad gazetteer directory exits 4"
else
  fail "bad gazetteer directory exits 4" "exit status $rc"
fi

run --gazetteer "$T/no-such-gazetteer.tsv" "$T/one.txt"
if [ $rc -eq 4 ] && [ ! -s "$T/out" ]; then
  ok "missing --gazetteer file exits 4"
else
  fail "missing --gazetteer file exits 4" "exit status $rc"
fi

run -g "$GAZ" --check-gazetteers
if [ $rc -eq 0 ] && [ "$(cat "$T/out")" = ok ]; then
  ok "--check-gazetteers prints ok for the shipped gazetteers"
else
  fail "--check-gazetteers prints ok" "exit status $rc, stdout '$(head -c 200 "$T/out")'"
fi

run -g "$T/no-such-dir" --check-gazetteers
if [ $rc -eq 4 ]; then
  ok "--check-gazetteers on a bad directory exits 4"
else
  fail "--check-gazetteers on a bad directory exits 4" "exit status $rc"
fi

run -g "$GAZ" --gazetteer-stats
if [ $rc -ne 0 ]; then
  fail "--gazetteer-stats exits 0" "exit status $rc"
else
  ok "--gazetteer-stats exits 0"
  py "--gazetteer-stats prints a JSON object of counts" object "$T/out"
fi

# ---- plain documents ---------------------------------------------------------
run -g "$GAZ" <"$T/one.txt"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 1 ]; then
  ok "stdin is one document, one output line"
  py "stdin document has id \"-\"" expect_doc "$T/out" '"-"=ok'
else
  fail "stdin is one document, one output line" "exit status $rc, $(lines "$T/out") lines"
fi

run <"$T/one.txt"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 1 ]; then
  ok "WHOSAID_GAZETTEERS is used without -g"
else
  fail "WHOSAID_GAZETTEERS is used without -g" "exit status $rc"
fi

mkdir "$T/sub"
cp "$T/two.txt" "$T/sub/two.txt"
(cd "$T" && "$WS" -g "$GAZ" one.txt ./sub/../sub/two.txt "$T/none.txt" \
  >"$T/out" 2>"$T/err")
rc=$?
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 3 ]; then
  ok "each FILE is one document, in order"
  py "document id is the path as given" expect_doc "$T/out" \
    '"one.txt"=ok' '"./sub/../sub/two.txt"=ok' "\"$T/none.txt\"=ok"
else
  fail "each FILE is one document, in order" "exit status $rc, $(lines "$T/out") lines"
fi

run -g "$GAZ" "$T/two.txt"
cp "$T/out" "$T/two.doc"
py "two quotations are found in a two-quote text" quotes "$T/two.doc" 2
py "offsets slice the input to the quoted text" offsets "$T/two.doc" "$T/two.txt"
run -g "$GAZ" "$T/none.txt"
py "text without quotation marks has no quotes" quotes "$T/out" 0

run -g "$GAZ" "$T/one.txt" "$T/two.txt" "$T/none.txt"
py "clean input has no warnings key" nowarnings "$T/out"

run -g "$GAZ" --per-quote "$T/two.txt"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 2 ]; then
  ok "--per-quote gives one line per quotation"
  py "--per-quote records have the documented keys" perquote "$T/out" "$T/two.doc" 2
else
  fail "--per-quote gives one line per quotation" "exit status $rc, $(lines "$T/out") lines"
fi

run -g "$GAZ" --per-quote "$T/none.txt"
if [ $rc -eq 0 ] && [ ! -s "$T/out" ]; then
  ok "--per-quote on a text without quotes prints nothing"
else
  fail "--per-quote on a text without quotes prints nothing" "exit status $rc"
fi

run -g "$GAZ" "$T/one.txt" "$T/two.txt"
cp "$T/out" "$T/compact.out"
run -g "$GAZ" --pretty "$T/one.txt" "$T/two.txt"
if [ $rc -eq 0 ]; then
  ok "--pretty exits 0"
  py "--pretty output parses as JSON equal to the compact output" \
    pretty "$T/out" "$T/compact.out"
else
  fail "--pretty exits 0" "exit status $rc"
fi

run -g "$GAZ" "$T/badutf8.txt"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 1 ]; then
  ok "invalid UTF-8 input is processed"
  py "invalid UTF-8 gives valid JSON and an invalid_utf8 warning" \
    warning "$T/out" invalid_utf8
else
  fail "invalid UTF-8 input is processed" "exit status $rc"
fi

run -g "$GAZ" "$T/nul.txt"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 1 ]; then
  ok "input with NUL bytes is processed"
  py "NUL bytes give valid JSON and a nul_byte warning" warning "$T/out" nul_byte
else
  fail "input with NUL bytes is processed" "exit status $rc"
fi

run -g "$GAZ" --max-doc-bytes 10 "$T/two.txt"
if [ $rc -eq 1 ] && [ "$(lines "$T/out")" -eq 1 ]; then
  ok "--max-doc-bytes 10 on a longer document exits 1"
  py "over-size document gives a too_large error record" \
    expect_doc "$T/out" "\"$T/two.txt\"=too_large"
else
  fail "--max-doc-bytes 10 on a longer document exits 1" "exit status $rc, $(lines "$T/out") lines"
fi

# ---- JSONL -------------------------------------------------------------------
run -g "$GAZ" --jsonl <"$T/frame.jsonl"
cp "$T/out" "$T/frame.out"
if [ "$(lines "$T/out")" -eq $FRAME_N ]; then
  ok "--jsonl: $FRAME_N input lines give $FRAME_N output lines"
else
  fail "--jsonl: $FRAME_N input lines give $FRAME_N output lines" "got $(lines "$T/out")"
fi
if [ $rc -eq 1 ]; then
  ok "--jsonl with error records exits 1"
else
  fail "--jsonl with error records exits 1" "exit status $rc"
fi
py "--jsonl: ids, order and error codes per line" expect "$T/frame.out" \
  '"a"=ok' '*=invalid_json' '"c"=missing_text' '"d"=missing_text' \
  'null=empty_line' '"f"=ok' '"g"=ok' '"h"=ok' 'null=empty_line' 'null=ok' \
  '"k"=missing_text'

run -g "$GAZ" --jsonl "$T/frame.jsonl"
if cmp -s "$T/out" "$T/frame.out"; then
  ok "--jsonl FILE gives the same output as --jsonl on stdin"
else
  fail "--jsonl FILE gives the same output as --jsonl on stdin" "outputs differ"
fi

run -g "$GAZ" --jsonl <"$T/valid.jsonl"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 3 ]; then
  ok "--jsonl all valid (no final newline) exits 0 with 3 lines"
  py "--jsonl all-valid ids preserved" expect "$T/out" '"v1"=ok' '"v2"=ok' '"v3"=ok'
else
  fail "--jsonl all valid (no final newline) exits 0 with 3 lines" "exit status $rc, $(lines "$T/out") lines"
fi

run -g "$GAZ" --jsonl </dev/null
if [ $rc -eq 0 ] && [ ! -s "$T/out" ]; then
  ok "--jsonl on empty input prints nothing and exits 0"
else
  fail "--jsonl on empty input prints nothing and exits 0" "exit status $rc"
fi

{
  printf '%s\n' '{"key": "k1", "body": "\"Yes,\" he said.", "text": 5}'
  printf '%s\n' '{"id": "k2", "text": "\"Yes,\" he said."}'
  printf '%s\n' '{"body": "\"Yes,\" he said.", "id": "k3"}'
} >"$T/fields.jsonl"
run -g "$GAZ" --jsonl --text-field body --id-field key <"$T/fields.jsonl"
if [ $rc -eq 1 ] && [ "$(lines "$T/out")" -eq 3 ]; then
  ok "--text-field/--id-field: 3 lines, exit 1"
  py "--text-field/--id-field select the fields" expect "$T/out" \
    '"k1"=ok' 'null=missing_text' 'null=ok'
else
  fail "--text-field/--id-field: 3 lines, exit 1" "exit status $rc, $(lines "$T/out") lines"
fi

printf '%s\n' '{"id": "big", "text": "\"We will win,\" Senator Ann Lee said."}' \
  '{"id": "small", "text": "ok"}' >"$T/big.jsonl"
run -g "$GAZ" --jsonl --max-doc-bytes 10 <"$T/big.jsonl"
if [ $rc -eq 1 ] && [ "$(lines "$T/out")" -eq 2 ]; then
  ok "--jsonl --max-doc-bytes 10: 2 lines, exit 1"
  py "--jsonl over-size text gives too_large" expect "$T/out" '"big"=too_large' '"small"=ok'
else
  fail "--jsonl --max-doc-bytes 10: 2 lines, exit 1" "exit status $rc, $(lines "$T/out") lines"
fi

run -g "$GAZ" --jsonl --per-quote <"$T/valid.jsonl"
if [ $rc -eq 0 ]; then
  ok "--jsonl --per-quote exits 0"
  py "--jsonl --per-quote output is valid JSON" valid "$T/out"
else
  fail "--jsonl --per-quote exits 0" "exit status $rc"
fi

# ---- -j N worker threads ------------------------------------------------------
# Whatever N, the output must be byte for byte that of -j 1 (the serial loop)
# and the exit status the same. The input: the corpus articles as JSONL
# records among many short ones (~3600 lines, so batches of 256 lines wrap
# the ring of 2N+2 slots), with malformed lines, an empty and a blank line,
# non-string and missing text, raw invalid UTF-8, a JSON NUL escape, and a
# last line without its newline.
CORPUS=$(dirname "$0")/../corpus/articles
set -- "$CORPUS"/*.txt
if [ ! -f "$1" ]; then # not run from a source tree: use this script's texts
  set -- "$T/one.txt" "$T/two.txt" "$T/none.txt"
fi
ARTICLES="$*" # the paths have no spaces in either case
i=0
for f in "$@"; do
  i=$((i + 1))
  # JSON string body: escape \ and ", join the lines with \n
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' "$f" |
    awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }' >"$T/art.$i"
  echo >>"$T/art.$i"
done
awk '
  { art[++n] = $0 }
  END {
    bad[0] = "{\"id\": \"broken\", \"text\": \"unterminated"
    bad[1] = "not json at all"
    bad[2] = ""
    bad[3] = " \t "
    bad[4] = "{\"id\": \"num\", \"text\": 42}"
    bad[5] = "{\"id\": \"no-text\", \"body\": \"x\"}"
    bad[6] = "[1, 2]"
    bad[7] = "{\"id\": \"latin1\", \"text\": \"\\\"Caf\351 \377,\\\" she said.\"}"
    bad[8] = "{\"id\": \"nul\", \"text\": \"\\\"a\\u0000b,\\\" he said.\"}"
    bad[9] = "{\"id\": \"cr\", \"text\": \"\\\"Yes,\\\" he said.\"}\r"
    for (i = 1; i <= 3600; i++) {
      if (i % 10 == 1)
        printf "{\"id\": \"art%d\", \"text\": \"%s\"}\n", i, art[int(i / 10) % n + 1]
      else if (i % 97 == 7)
        printf "%s\n", bad[int(i / 97) % 10]
      else
        printf "{\"id\": \"s%d\", \"text\": \"\\\"Line %d is short,\\\" Senator Ann Lee said.\"}\n", i, i
    }
    printf "{\"id\": \"last\", \"text\": \"\\\"No newline,\\\" he said.\"}"
  }' "$T"/art.* >"$T/jobs.jsonl"
JOBS_LINES=3601

# same_as_serial NAME JOBS ARGS...: whosaid ARGS (stdin from $T/jobs.in)
# with -j 1, then with -j J for each J in the list JOBS ("default": no -j):
# the same stdout and exit status each time.
same_as_serial() {
  sname=$1
  sjobs=$2
  shift 2
  "$WS" -j 1 "$@" <"$T/jobs.in" >"$T/j1.out" 2>"$T/err"
  rc1=$?
  for j in $sjobs; do
    if [ "$j" = default ]; then
      "$WS" "$@" <"$T/jobs.in" >"$T/jn.out" 2>"$T/err"
    else
      "$WS" -j "$j" "$@" <"$T/jobs.in" >"$T/jn.out" 2>"$T/err"
    fi
    rcn=$?
    if ! cmp -s "$T/j1.out" "$T/jn.out"; then
      fail "$sname: -j $j output equals -j 1" \
        "outputs differ: $(cmp "$T/j1.out" "$T/jn.out" 2>&1)"
    elif [ $rcn -ne $rc1 ]; then
      fail "$sname: -j $j output equals -j 1" "exit status $rcn, -j 1 gave $rc1"
    else
      ok "$sname: -j $j output and status ($rcn) equal -j 1"
    fi
  done
}

cp "$T/jobs.jsonl" "$T/jobs.in"
run -j 1 --jsonl <"$T/jobs.in"
if [ $rc -eq 1 ] && [ "$(lines "$T/out")" -eq $JOBS_LINES ]; then
  ok "-j 1 --jsonl: $JOBS_LINES lines in, $JOBS_LINES out, exit 1"
else
  fail "-j 1 --jsonl: $JOBS_LINES lines in, $JOBS_LINES out, exit 1" \
    "exit status $rc, $(lines "$T/out") lines"
fi
same_as_serial "--jsonl" "2 4 default" --jsonl
# error records carry their true input line numbers, whichever thread ran them
"$WS" -j 4 --jsonl <"$T/jobs.in" >"$T/out" 2>"$T/err"
if awk '/"error":/ { if (!match($0, /"line":[0-9]+}/) ||
                        substr($0, RSTART + 7, RLENGTH - 8) != NR) bad++; n++ }
        END { exit !(n >= 20 && !bad) }' "$T/out"; then
  ok "-j 4 --jsonl: error records give their input line"
else
  fail "-j 4 --jsonl: error records give their input line" \
    "wrong or missing \"line\""
fi
same_as_serial "--jsonl --per-quote" 3 --jsonl --per-quote
same_as_serial "--jsonl --pretty" 2 --jsonl --pretty
same_as_serial "--jsonl FILE FILE (line numbers restart)" 3 --jsonl \
  "$T/jobs.jsonl" "$T/frame.jsonl" "$T/jobs.jsonl"
same_as_serial "--jsonl FILE, then a missing FILE" 2 --jsonl \
  "$T/jobs.jsonl" "$T/no-such-file" "$T/frame.jsonl"
cp "$T/frame.jsonl" "$T/jobs.in"
same_as_serial "--jsonl with a 1 MB line" 2 --jsonl
: >"$T/jobs.in"
same_as_serial "--jsonl on empty input" 2 --jsonl
# documents: each FILE on a thread, written in argument order
cp "$T/two.txt" "$T/jobs.in"
# shellcheck disable=SC2086 # ARTICLES is a list of paths
same_as_serial "FILE..." 3 $ARTICLES "$T/badutf8.txt" "$T/nul.txt" - \
  $ARTICLES
# shellcheck disable=SC2086
same_as_serial "--per-quote FILE..." 2 --per-quote $ARTICLES
# shellcheck disable=SC2086
same_as_serial "FILE... with a missing FILE" 2 $ARTICLES "$T/no-such-file" \
  "$T/two.txt"
same_as_serial "FILE... with a directory" 2 "$T/one.txt" "$T" "$T/two.txt"
same_as_serial "stdin named twice" 2 - "$T/one.txt" -

run -j 1000 --jsonl "$T/valid.jsonl"
if [ $rc -eq 0 ] && [ "$(lines "$T/out")" -eq 3 ]; then
  ok "-j 1000 is capped, not refused"
else
  fail "-j 1000 is capped, not refused" "exit status $rc"
fi
if [ -w /dev/full ]; then
  "$WS" -j 2 --jsonl <"$T/jobs.jsonl" >/dev/full 2>"$T/err"
  rc=$?
  if [ $rc -eq 3 ]; then
    ok "-j 2: write error exits 3"
  else
    fail "-j 2: write error exits 3" "exit status $rc writing to /dev/full"
  fi
else
  skip "-j 2: write error exits 3" "no /dev/full"
fi
usage_error "-j 0 exits 2" -j 0 --jsonl
usage_error "-j -2 exits 2" -j -2 --jsonl
usage_error "-j abc exits 2" -j abc --jsonl
usage_error "-j 2x exits 2" -j 2x --jsonl
usage_error "-j '' exits 2" -j '' --jsonl
usage_error "--jobs=0 exits 2" --jobs=0 --jsonl
usage_error "missing argument to -j exits 2" --jsonl -j

# ---- gazetteer snapshot ------------------------------------------------------
# The build writes the gazetteers' tables to gazetteers.snap beside the
# binary; ws_ctx_new loads them when they match the code and the data.
SNAP=$(dirname "$WS")/gazetteers.snap
ARTS=$(dirname "$GAZ")/corpus/articles
if [ -f "$SNAP" ] && [ -d "$ARTS" ]; then
  WHOSAID_SNAPSHOT= "$WS" -g "$GAZ" --gazetteer-stats >"$T/st.tsv" 2>"$T/err"
  WHOSAID_SNAPSHOT=$SNAP "$WS" -g "$GAZ" --gazetteer-stats >"$T/st.snap" 2>>"$T/err"
  if [ -s "$T/st.tsv" ] && cmp -s "$T/st.tsv" "$T/st.snap"; then
    ok "snapshot: same gazetteer counts as parsing the TSV files"
  else
    fail "snapshot: same gazetteer counts as parsing the TSV files" "counts differ"
  fi
  WHOSAID_SNAPSHOT= "$WS" -g "$GAZ" "$ARTS"/*.txt "$T/two.txt" >"$T/o.tsv" 2>"$T/err"
  WHOSAID_SNAPSHOT=$SNAP "$WS" -g "$GAZ" "$ARTS"/*.txt "$T/two.txt" >"$T/o.snap" 2>>"$T/err"
  if [ -s "$T/o.tsv" ] && cmp -s "$T/o.tsv" "$T/o.snap"; then
    ok "snapshot: corpus output byte-identical to parsing the TSV files"
  else
    fail "snapshot: corpus output byte-identical to parsing the TSV files" "outputs differ"
  fi
  head -c 100000 "$SNAP" >"$T/trunc.snap"
  printf 'WSSNAP2\000 not a snapshot' >"$T/junk.snap"
  : >"$T/empty.snap"
  cat "$SNAP" "$SNAP" >"$T/long.snap" # trailing bytes
  for bad in trunc junk missing empty long; do
    WHOSAID_SNAPSHOT=$T/$bad.snap "$WS" -g "$GAZ" "$ARTS"/*.txt "$T/two.txt" >"$T/o.bad" 2>"$T/err"
    rc=$?
    if [ $rc -eq 0 ] && cmp -s "$T/o.tsv" "$T/o.bad"; then
      ok "snapshot: a $bad snapshot file is ignored"
    else
      fail "snapshot: a $bad snapshot file is ignored" "exit $rc or output differs"
    fi
  done
  # an edited gazetteer is read again, not served from the snapshot
  mkdir "$T/gaz2" && cp "$GAZ"/*.tsv "$T/gaz2/" &&
    printf 'Quorin Vellacott\tZed Testman\tm\t\t\n' >>"$T/gaz2/people.tsv"
  printf 'Zed Testman spoke at noon.\n' >"$T/edited.txt"
  WHOSAID_SNAPSHOT=$SNAP "$WS" -g "$T/gaz2" "$T/edited.txt" >"$T/o.ed" 2>"$T/err"
  if grep -q '"canonical":"Quorin Vellacott"' "$T/o.ed"; then
    ok "snapshot: an edited gazetteer is parsed again"
  else
    fail "snapshot: an edited gazetteer is parsed again" "the added person was not found"
  fi
else
  skip "snapshot checks" "no gazetteers.snap beside $WS or no corpus"
fi

# ---- a stream fed line by line is answered line by line ------------------------
# Output is buffered in large blocks, but never held back while whosaid waits
# for input: the second line is written only after the first one's answer is read.
for j in 1 2; do
  coproc WSP { "$WS" -g "$GAZ" --jsonl -j "$j" 2>/dev/null; }
  printf '{"id":"first","text":"\\"Yes,\\" she said."}\n' >&"${WSP[1]}"
  got1=
  IFS= read -r -t 20 got1 <&"${WSP[0]}"
  printf '{"id":"second","text":"No."}\n' >&"${WSP[1]}"
  got2=
  IFS= read -r -t 20 got2 <&"${WSP[0]}"
  exec {WSP[1]}>&-
  wait "$WSP_PID" 2>/dev/null
  case "$got1|$got2" in
  '{"id":"first"'*'|{"id":"second"'*)
    ok "-j $j: each line of a trickling stream is answered before the next" ;;
  *)
    fail "-j $j: each line of a trickling stream is answered before the next" \
      "got '${got1:0:40}' then '${got2:0:40}'" ;;
  esac
done

# ---- determinism -------------------------------------------------------------
"$WS" -g "$GAZ" --jsonl <"$T/frame.jsonl" >"$T/det1" 2>/dev/null
"$WS" -g "$GAZ" --jsonl <"$T/frame.jsonl" >"$T/det2" 2>/dev/null
"$WS" -g "$GAZ" "$T/two.txt" "$T/badutf8.txt" >>"$T/det1" 2>/dev/null
"$WS" -g "$GAZ" "$T/two.txt" "$T/badutf8.txt" >>"$T/det2" 2>/dev/null
if cmp -s "$T/det1" "$T/det2" && [ -s "$T/det1" ]; then
  ok "output is byte-identical across two runs"
else
  fail "output is byte-identical across two runs" "outputs differ"
fi

echo "1..$n"
if [ $failed -ne 0 ]; then
  echo "# $failed of $n checks failed"
  exit 1
fi
exit 0
