#!/bin/sh
# tests/fuzz_regressions.sh: replays every stored fuzz input through the
# sanitizer build.  For each target in tests/fuzz/ (fuzz_<target>.c), the
# regression inputs in tests/fuzz/regressions/<target>/ (each one crashed,
# hung or leaked once; see tests/fuzz/README.md) and the seed corpus in
# tests/fuzz/corpus/<target>/ run through $SAN/fuzz/replay_<target>, built
# by make check from the same target file and the gcc ASan/UBSan library.
# A sanitizer report, a crash, or an input slower than the hang limit
# fails the test.
set -u
: "${BS_ROOT:?}" "${BS_BIN:?}"
san=$(dirname "$(dirname "$BS_BIN")")
# Seconds one replay binary may take for all its inputs before the run is
# called a hang: the fuzzers' own limit is 10 s per input, and a whole
# directory replays in well under a second.
HANG_SECONDS=60
status=0
ran=0
for src in "$BS_ROOT"/tests/fuzz/fuzz_*.c; do
    t=$(basename "$src" .c); t=${t#fuzz_}
    bin="$san/fuzz/replay_$t"
    if [ ! -x "$bin" ]; then
        echo "FAIL $t: $bin not built (make test-bins builds it)"
        status=1; continue
    fi
    set --
    for d in "$BS_ROOT/tests/fuzz/regressions/$t" "$BS_ROOT/tests/fuzz/corpus/$t"; do
        [ -d "$d" ] || continue
        for f in "$d"/*; do [ -f "$f" ] && set -- "$@" "$f"; done
    done
    [ $# -gt 0 ] || { echo "note: $t has no stored inputs"; continue; }
    if timeout "$HANG_SECONDS" "$bin" "$@" >"$BS_TMP/$t.log" 2>&1; then
        echo "ok   $t: $# inputs"
        ran=$((ran + $#))
    else
        echo "FAIL $t (exit $?): see below"
        tail -n 40 "$BS_TMP/$t.log"
        status=1
    fi
done
echo "$ran inputs replayed"
exit $status
