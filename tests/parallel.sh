#!/usr/bin/env bash
# parallel.sh - scale-out check: the README's
#   parallel --pipe --block 1M -k whosaid --jsonl < in.jsonl
# must give the same output as one `whosaid --jsonl < in.jsonl`, on ~5 MB of
# JSONL built from corpus/articles/*.txt (repeated with distinct ids) plus
# malformed lines and an empty line.
# Usage: tests/parallel.sh PATH_TO_WHOSAID GAZETTEER_DIR SOURCE_DIR
# Exit 0 pass, 1 fail, 77 skip (no GNU parallel or no python3).
set -uo pipefail
export LC_ALL=C

if [ $# -ne 3 ]; then
  echo "usage: $0 PATH_TO_WHOSAID GAZETTEER_DIR SOURCE_DIR" >&2
  exit 2
fi
WS=$1
GAZ=$2
SRC=$3

if ! command -v parallel >/dev/null 2>&1 ||
  ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "SKIP: GNU parallel is not installed"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 (used to generate the input) is not installed"
  exit 77
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-parallel.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
export PARALLEL_HOME=$T/parallel-home # keep parallel's state out of $HOME
mkdir -p "$PARALLEL_HOME"
# Both runs read one snapshot of the gazetteers, so that an edit to them
# while the test runs cannot make the outputs differ.
cp -R "$GAZ" "$T/gazetteers" || exit 2
export WHOSAID_GAZETTEERS=$T/gazetteers

# ~5 MB of JSONL: every corpus article again and again, each with its own
# id, and now and then a malformed line, a record without text, a non-string
# text and an empty line, so that error records land in several blocks.
python3 - "$SRC/corpus/articles" >"$T/in.jsonl" <<'EOF'
import glob, json, os, sys
arts = sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))
texts = [(os.path.basename(p), open(p, encoding="utf-8").read()) for p in arts]
bad = ['{"id": "broken", "text": "unterminated', 'not json at all',
       '{"id": "no-text", "body": "x"}', '{"id": "num", "text": 42}', '']
out, size, i = sys.stdout, 0, 0
while size < 5 * 1024 * 1024:
    name, text = texts[i % len(texts)]
    line = json.dumps({"id": "%s#%d" % (name, i), "text": text},
                      ensure_ascii=(i % 2 == 0))
    if i % 97 == 13:
        line = bad[(i // 97) % len(bad)]
    out.write(line + "\n")
    size += len(line) + 1
    i += 1
out.write("\n")  # an empty line, at the very end too
EOF
lines=$(wc -l <"$T/in.jsonl")
echo "input: $(wc -c <"$T/in.jsonl") bytes, $lines lines"

"$WS" --jsonl <"$T/in.jsonl" >"$T/single.jsonl" 2>"$T/single.err"
rc=$?
if [ $rc -ne 1 ]; then
  echo "FAIL: single run exited $rc, expected 1 (the input has error lines)"
  head -c 2000 "$T/single.err"
  exit 1
fi
parallel --will-cite --pipe --block 1M -k "$WS" --jsonl \
  <"$T/in.jsonl" >"$T/parallel.jsonl" 2>"$T/parallel.err"
prc=$? # the number of jobs that exited non-zero: not compared
echo "single run: $(wc -l <"$T/single.jsonl") lines; parallel: $(wc -l <"$T/parallel.jsonl") lines (parallel exit $prc)"

if [ "$(wc -l <"$T/single.jsonl")" -ne "$lines" ]; then
  echo "FAIL: $lines input lines but $(wc -l <"$T/single.jsonl") output lines"
  exit 1
fi

# Error records carry the input line number ("line":N), which under
# parallel restarts at 1 in every block, so it is removed from both outputs
# before comparing. Inside JSON strings a quotation mark is always escaped
# (\"), so the pattern can only match the member itself.
strip_line() { sed -E 's/,?"line":[0-9]+//' "$1"; }
if cmp -s <(strip_line "$T/single.jsonl") <(strip_line "$T/parallel.jsonl"); then
  echo "PASS: parallel --pipe --block 1M -k output is byte-identical (modulo \"line\")"
  exit 0
fi
echo "FAIL: outputs differ (after removing \"line\"):"
diff <(strip_line "$T/single.jsonl") <(strip_line "$T/parallel.jsonl") |
  head -c 3000
head -c 2000 "$T/parallel.err"
exit 1
