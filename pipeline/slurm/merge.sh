#!/bin/sh
# pipeline/slurm/merge.sh - after every array task of submit.sh: merge the
# slices' qc.csv into OUT/qc.csv.  A slice without qc.csv (its task never
# finished a run) is named, and the exit status is then 1.
#   merge.sh BROADSHEET OUT N
set -eu
[ $# -eq 3 ] || { echo "usage: merge.sh BROADSHEET OUT N" >&2; exit 2; }
bin=$1; out=$2; n=$3
set --
missing=0
k=0
while [ "$k" -lt "$n" ]; do
    if [ -f "$out/slices/$k/qc.csv" ]; then
        set -- "$@" "$out/slices/$k/qc.csv"
    else
        echo "merge: slice $k has no qc.csv (see $out/slices/task-$k.log); rerun submit.sh" >&2
        missing=1
    fi
    k=$((k + 1))
done
[ $# -gt 0 ] || { echo "merge: no slice finished" >&2; exit 1; }
rc=0
"$bin" batch --merge-qc -o "$out" "$@" || rc=$?
[ "$missing" -eq 0 ] || rc=1
exit "$rc"
