#!/bin/sh
# pipeline/slurm/submit.sh - run `broadsheet batch` over an archive on a Slurm
# cluster: a job array of N slices of the archive's issues, then one job that
# merges the slices' QC tables into OUT/qc.csv.  See pipeline/README.md.
#
#   pipeline/slurm/submit.sh -o OUT [-n SLICES] [-c CPUS] [-b BROADSHEET]
#                            [-S SBATCH_ARG]... ARCHIVE [-- BATCH_OPTION...]
#
#   ARCHIVE   folder of issue folders, or a manifest CSV (issue,page,path,lang)
#   -o OUT    output folder on storage every node sees (shared file system)
#   -n N      slices = array tasks (default 4)
#   -c CPUS   cores per task; each task runs `batch -j CPUS` (default 4)
#   -b BIN    the broadsheet binary, as the nodes see it (default: on PATH)
#   -S ARG    one extra sbatch argument, repeatable (-S --time=12:00:00)
#   -- ...    further options for `broadsheet batch` (-- --lang chi_tra)
#
# How the work is split: the issue list is frozen once in
# OUT/slices/manifest.csv (written by `broadsheet batch --write-manifest`,
# with absolute paths), and array task k of N runs `broadsheet batch
# --slice k/N` on it: issues k, k+N, k+2N, ...  Slicing by issue inside
# broadsheet, instead of cutting the CSV with shell tools, keeps every issue
# in one task and copes with quoted fields.  Each task writes its issues to
# OUT/<issue>/ and its journal and qc.csv to OUT/slices/k/, so no two tasks
# append to the same file (appends are not atomic on NFS).  The merge job
# (afterany: it runs even if a task failed or hit its time limit) writes
# OUT/qc.csv from the slices' tables and names slices that have none.
#
# Resuming: run the same command again.  The manifest and N are reused (a
# different N is refused, since slices would no longer match their
# journals) and every task skips the issues its journal lists as finished.
#
# Prints "array JOBID" and "merge JOBID".
set -eu

usage() { sed -n '6,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# One shell word for any value, for the eval'd sbatch command line.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

out=""; slices=4; cpus=4; bin="broadsheet"; extra=""
while getopts "o:n:c:b:S:h" opt; do
    case "$opt" in
        o) out=$OPTARG ;;
        n) slices=$OPTARG ;;
        c) cpus=$OPTARG ;;
        b) bin=$OPTARG ;;
        S) extra="$extra $(q "$OPTARG")" ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] && [ -n "$out" ] || usage
archive=$1; shift
if [ $# -gt 0 ]; then
    [ "$1" = "--" ] || usage
    shift
fi
for n in "$slices" "$cpus"; do
    case "$n" in ''|*[!0-9]*|0) echo "submit.sh: -n and -c want positive numbers" >&2; exit 2 ;; esac
done
[ -e "$archive" ] || { echo "submit.sh: $archive: no such file or folder" >&2; exit 2; }
command -v sbatch >/dev/null 2>&1 || { echo "submit.sh: sbatch not found (is this a Slurm login node?)" >&2; exit 1; }

# Absolute paths: jobs start in other folders, on other nodes.
abspath() { (cd "$(dirname -- "$1")" && printf '%s/%s\n' "$(pwd -P)" "$(basename -- "$1")"); }
here=$(cd "$(dirname -- "$0")" && pwd -P)
case "$bin" in
    */*) bin=$(abspath "$bin") ;;
    *) bin=$(command -v -- "$bin") || { echo "submit.sh: broadsheet not found; use -b" >&2; exit 1; } ;;
esac
[ -x "$bin" ] || { echo "submit.sh: $bin is not executable" >&2; exit 1; }
mkdir -p -- "$out/slices"
out=$(cd -- "$out" && pwd -P)
archive=$(abspath "$archive")

# Freeze the slicing: the same issues in the same slices on every rerun.
if [ -f "$out/slices/nslices" ] && [ "$(cat "$out/slices/nslices")" != "$slices" ]; then
    echo "submit.sh: $out was started with -n $(cat "$out/slices/nslices"); rerun with that -n or use a new OUT" >&2
    exit 2
fi
manifest="$out/slices/manifest.csv"
if [ ! -f "$manifest" ]; then
    if ! "$bin" batch "$archive" --write-manifest "$manifest.tmp"; then
        echo "submit.sh: problems in $archive (listed above); fix them first" >&2
        rm -f -- "$manifest.tmp"
        exit 1
    fi
    mv -- "$manifest.tmp" "$manifest"
fi
printf '%s\n' "$slices" >"$out/slices/nslices"

# Batch options after --, each kept one word.
bopts=""
for a in "$@"; do bopts="$bopts $(q "$a")"; done

array=$(eval "sbatch --parsable --job-name=broadsheet-batch --array=$(q "0-$((slices - 1))") \
    --cpus-per-task=$(q "$cpus") --output=$(q "$out/slices/task-%a.log") $extra \
    $(q "$here/task.sh") $(q "$bin") $(q "$manifest") $(q "$out") $(q "$slices") $(q "$cpus") $bopts")
array=${array%%;*}
merge=$(eval "sbatch --parsable --job-name=broadsheet-merge --dependency=$(q "afterany:$array") \
    --output=$(q "$out/slices/merge.log") $extra \
    $(q "$here/merge.sh") $(q "$bin") $(q "$out") $(q "$slices")")
merge=${merge%%;*}
echo "array $array"
echo "merge $merge"
