#!/bin/sh
# reflow_tesseract_text.sh - `broadsheet reflow` on real Tesseract output:
# the bundled English sample's two pages OCRed whole with plain
# `tesseract --psm 3` (one printed line per line, a blank line after each
# block, columns and headlines in the engine's order), reflowed, scored
# against the sample's truth.  Read as printed lines, the blocks become
# paragraphs and wrapped headlines become one: 5 of the 12 stories come
# out complete (read one unit per line, 1) and the titles right (title
# accuracy 0.77; 0.43 before).
set -u
B=${BS_BIN:?}; R=${BS_ROOT:?}; T=${BS_TMP:?}
export BROADSHEET_MODELS="${BS_BUILD:-$R/build}/models"
fail() { echo "FAIL: $*"; exit 1; }
command -v tesseract >/dev/null || fail "no tesseract (tools/install-deps installs tesseract-ocr)"
for p in 1 2; do
    OMP_THREAD_LIMIT=1 tesseract "$R/testdata/sample/en/p$p.png" "$T/p$p" -l eng --psm 3 >/dev/null 2>&1 \
        || fail "tesseract on p$p.png"
done
"$B" reflow -q "$T/p1.txt" "$T/p2.txt" -o "$T/out" || fail "reflow exit $?"
grep -q '"kind": *"printed_lines"' "$T/out/issue.json" || fail "pages not read as printed lines"
"$B" eval "$R/testdata/sample/en/issue.json" "$T/out/issue.json" > "$T/score.json" || fail "eval exit $?"
cat "$T/score.json"
num() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p" "$T/score.json"; }
awk -v c="$(num complete)" -v t="$(num title_acc)" -v a="$(num aca)" \
    'BEGIN { exit !(c >= 0.3 && t >= 0.6 && a >= 0.5) }' \
    || fail "complete $(num complete) (>= 0.3), title_acc $(num title_acc) (>= 0.6), aca $(num aca) (>= 0.5)"
