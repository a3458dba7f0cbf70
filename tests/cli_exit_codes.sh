#!/bin/sh
# The CLI's documented exit codes and error messages: 0 ok, 1 some input
# failed (the rest still written), 2 usage; one line per bad file naming it.
set -u
BIN="${BS_BIN:?}"
T="${BS_TMP:?}"
fails=0
check() { # name expected actual
    if [ "$2" != "$3" ]; then echo "FAIL: $1: expected $2, got $3"; fails=$((fails + 1)); else echo "ok: $1"; fi
}
"$BIN" >/dev/null 2>&1; check "no command" 2 $?
"$BIN" --help >/dev/null 2>&1; check "--help" 0 $?
"$BIN" --version | grep -q '^broadsheet '; check "--version" 0 $?
"$BIN" frobnicate >/dev/null 2>&1; check "unknown command" 2 $?
"$BIN" run >/dev/null 2>&1; check "run without args" 2 $?
"$BIN" run "$T/x.png" >/dev/null 2>&1; check "run without -o" 2 $?
"$BIN" run --help | grep -q 'exit codes'; check "run --help" 0 $?
"$BIN" run --max-side abc -o "$T/o" x.png >/dev/null 2>&1; check "bad number" 2 $?
# A text model that cannot be used stops run and batch before any page.
mkdir -p "$T/arch/issue-1"; : > "$T/arch/issue-1/p1.png"
for cmd in run batch; do
    in="$T/x.png"; [ $cmd = batch ] && in="$T/arch"
    "$BIN" $cmd -q --text-model "$T/none.bsm" -o "$T/tm-$cmd" "$in" 2>"$T/tm.err"
    check "$cmd: missing --text-model" 2 $?
    grep -q "none.bsm: cannot open language model" "$T/tm.err"; check "$cmd: --text-model named" 0 $?
    "$BIN" $cmd -q --no-models --text-model "$T/none.bsm" -o "$T/tm-$cmd" "$in" 2>"$T/tm.err"
    check "$cmd: --text-model with --no-models" 2 $?
    grep -q "not with --no-models" "$T/tm.err"; check "$cmd: --no-models named" 0 $?
done

# Bad inputs: missing, empty, truncated, not an image.  Each is named in a
# one-line error, the run exits 1, and issue.json is still written.
: > "$T/empty.png"
printf 'hello, not an image\n' > "$T/text.png"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\4\0\0\0\4\0\10\2' > "$T/trunc.png"
"$BIN" run -q "$T/missing.png" "$T/empty.png" "$T/text.png" "$T/trunc.png" -o "$T/out" 2>"$T/err"
check "bad inputs exit 1" 1 $?
for f in missing.png empty.png text.png trunc.png; do
    n=$(grep -c "$f" "$T/err")
    check "error names $f once" 1 "$n"
done
test -s "$T/out/issue.json"; check "issue.json written despite failures" 0 $?
grep -q '"error": "' "$T/out/issue.json"; check "page errors recorded in issue.json" 0 $?
ls "$T/out" | grep -q '\.tmp\.' ; check "no temporary files left" 1 $?

# Output folder that cannot be created: error names it, exit 1.
: > "$T/afile"
"$BIN" run -q "$T/empty.png" -o "$T/afile/sub" 2>"$T/err2"
check "unwritable output exit 1" 1 $?
grep -q "afile" "$T/err2"; check "unwritable output named" 0 $?

[ $fails -eq 0 ] || exit 1
