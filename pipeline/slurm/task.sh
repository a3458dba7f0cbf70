#!/bin/sh
# pipeline/slurm/task.sh - one array task of submit.sh: slice
# $SLURM_ARRAY_TASK_ID of N.  sbatch runs a copy of this file, so everything
# comes in as arguments:
#   task.sh BROADSHEET MANIFEST OUT N CPUS [BATCH_OPTION...]
# Exit status is broadsheet's: 0 all read, 1 something failed or the task
# was stopped (its time limit sends SIGTERM: the batch stops after the pages
# in flight, and a rerun of submit.sh resumes it).
set -eu
[ $# -ge 5 ] || { echo "usage: task.sh BROADSHEET MANIFEST OUT N CPUS [BATCH_OPTION...]" >&2; exit 2; }
bin=$1; manifest=$2; out=$3; n=$4; cpus=$5
shift 5
k=${SLURM_ARRAY_TASK_ID:?task.sh runs as a Slurm array task}
mkdir -p -- "$out/slices/$k"
echo "broadsheet slice $k/$n on $(hostname) with $cpus cores"
exec "$bin" batch "$manifest" -o "$out" --slice "$k/$n" --state-dir "$out/slices/$k" \
    -j "$cpus" "$@"
