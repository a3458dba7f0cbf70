#!/bin/sh
# sample_targets.sh - issue 5's targets end to end on generated pages:
# `broadsheet run` on the two bundled sample issues (testdata/sample/zh and
# en, two pages each, rendered by tools/mkissue from the project's own
# text) and `broadsheet eval` against their ground truth.  Targets: aca at
# least 0.95 (zh) and 0.97 (en), title accuracy 0.95, complete 0.80, every
# jump stitched.  Measured 2026-12-06: zh aca 0.993, complete 1.00, titles
# 1.00; en 0.989, 0.917, 1.00.  Real Tesseract with the project's models.
set -eu
: "${BS_ROOT:?}" "${BS_TMP:?}" "${BS_BIN:?}"
fail() { echo "FAIL: $*"; exit 1; }
cd "$BS_TMP"
export BROADSHEET_MODELS="${BS_BUILD:-$BS_ROOT/build}/models" OMP_THREAD_LIMIT=1
"$BS_BIN" run -q --lang chi_sim "$BS_ROOT"/testdata/sample/zh/p*.png -o zh & zh=$!
"$BS_BIN" run -q --lang eng "$BS_ROOT"/testdata/sample/en/p*.png -o en || fail "run en exited $?"
wait $zh || fail "run zh exited $?"
for s in zh en; do
    "$BS_BIN" eval --json "$BS_ROOT/testdata/sample/$s/issue.json" $s/issue.json > $s.eval.json \
        || fail "eval $s exited $?"
done
/usr/bin/python3 - <<'PYEOF'
import json, sys
bad = []
for s, aca in (("zh", 0.95), ("en", 0.97)):
    ev = json.load(open(s + ".eval.json"))
    print("%s: aca %.4f complete %.3f titles %.3f jumps %.2f" %
          (s, ev["aca"], ev["complete"], ev["title_acc"], ev["jump_recall"]))
    if ev["aca"] < aca:
        bad.append("%s aca %.4f < %.2f" % (s, ev["aca"], aca))
    if ev["title_acc"] < 0.95:
        bad.append("%s titles %.3f < 0.95" % (s, ev["title_acc"]))
    if ev["complete"] < 0.80:
        bad.append("%s complete %.3f < 0.80" % (s, ev["complete"]))
    if ev["jump_recall"] < 1.0 or ev["jump_precision"] < 1.0:
        bad.append("%s jumps %.2f / %.2f" % (s, ev["jump_recall"], ev["jump_precision"]))
if bad:
    print("FAIL:", "; ".join(bad)); sys.exit(1)
PYEOF
