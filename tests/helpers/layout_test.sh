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

# lay_need DIR PAGE GT_ROLE PREFIX ROLE MIN_IOU WHAT: the ground-truth
# region of GT_ROLE whose text starts with PREFIX, on page PAGE of
# DIR/issue01, is one ROLE region of DIR/pPAGE.json (IoU >= MIN_IOU);
# prints "ok: WHAT".
lay_need() {
    $PY - "$@" <<'PYEOF' || exit 1
import sys
from layout_gt import gt_regions, need, one, out_regions
d, page, gt_role, prefix, role, min_iou, what = sys.argv[1:8]
region = one(gt_regions("%s/issue01/issue.json" % d, int(page)), gt_role, prefix)
need(out_regions("%s/p%s.json" % (d, page)), role, region, float(min_iou))
print("ok:", what)
PYEOF
}
