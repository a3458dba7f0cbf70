# layout_test.sh - sourced by the layout shell tests (tests/layout_*.sh):
# checks the environment, skips (exit 77) when ../shared/corpora is absent,
# enters $BS_TMP and defines fail and lay_out.
: "${BS_ROOT:?}" "${BS_BIN:?}" "${BS_TMP:?}"
PY=/usr/bin/python3
SHARED="${BS_SHARED:-$BS_ROOT/../shared}"
[ -d "$SHARED/corpora" ] || { echo "SKIP: no $SHARED/corpora (../shared absent)"; exit 77; }
export PYTHONPATH="$BS_ROOT/tests/helpers" PYTHONDONTWRITEBYTECODE=1
cd "$BS_TMP"
fail() { echo "FAIL: $*"; exit 1; }

# lay_out SET SEED DIR PAGE...: generate one issue of SET (tools/mkissue,
# the corpus in ../shared) into DIR/issue01 and lay out the given pages
# into DIR/pN.json.
lay_out() {
    set_=$1 seed=$2 dir=$3
    shift 3
    BS_SHARED="$SHARED" $PY "$BS_ROOT/tools/mkissue" --set "$set_" --count 1 --first-seed "$seed" \
        -o "$dir" >/dev/null || fail "mkissue $set_ $seed exited $?"
    for p in "$@"; do
        "$BS_BIN" layout "$dir/issue01/p$p.jpg" -o "$dir/p$p.png" --json "$dir/p$p.json" >/dev/null 2>&1 ||
            fail "layout $dir p$p exited $?"
    done
}
