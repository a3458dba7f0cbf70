#!/bin/sh
# slurm_batch.sh - pipeline/slurm/submit.sh on a real, single-node Slurm
# cluster started here on localhost (Debian slurm-wlm and munge): a munge
# key and socket, a slurm.conf, state and spool folders, all in BS_TMP, on
# ports derived from this shell's PID so parallel runs do not collide.
# Submits a two-slice batch of two rendered issues, waits, checks the
# outputs, the slice journals and the merged qc.csv, then submits again and
# checks that the rerun resumed (skipped everything).  Daemons are stopped
# by their PIDs.  Skipped (exit 77) only where Slurm cannot be started.
set -eu
: "${BS_BIN:?}" "${BS_ROOT:?}" "${BS_TMP:?}"
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; for f in "$T"/log/*.log "$OUT"/slices/*.log; do [ -f "$f" ] && { echo "== $f"; tail -n 20 "$f"; }; done; exit 1; }
for c in munged slurmctld slurmd sbatch sinfo squeue; do
    command -v "$c" >/dev/null 2>&1 || [ -x "/usr/sbin/$c" ] || skip "$c not installed (apt-get install slurm-wlm munge)"
done
[ "$(id -u)" -eq 0 ] || skip "a private Slurm cluster needs root (SlurmUser=root)"
PY=/usr/bin/python3
$PY -c 'import PIL' 2>/dev/null || skip "/usr/bin/python3 has no PIL"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
[ -f "$FONT" ] || skip "no DejaVu font"
PATH="$PATH:/usr/sbin"
cd "$BS_TMP"   # scratch files (submit.out, ...) stay out of the repository

T="$BS_TMP/cluster"
OUT="$BS_TMP/out"
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log"
chmod 700 "$T/munge"
alive() { # PID runs and is not a zombie (PID 1 of a container may not reap)
    kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != "Z" ]
}
cleanup() { # stop each daemon by its PID and wait for it (then SIGKILL)
    for p in "$T/slurmd.pid" "$T/slurmctld.pid" "$T/munge/munged.pid"; do
        [ -f "$p" ] || continue
        pid=$(cat "$p")
        kill "$pid" 2>/dev/null || continue
        n=0
        while alive "$pid" && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT INT TERM

# ---- munge ---------------------------------------------------------------
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$T/munge/munge.key"
SOCK="$T/munge/munge.socket"
munged --socket="$SOCK" --key-file="$T/munge/munge.key" --pid-file="$T/munge/munged.pid" \
    --log-file="$T/log/munged.log" --seed-file="$T/munge/seed" --force \
    || skip "munged does not start here: $(tail -n 3 "$T/log/munged.log" 2>/dev/null)"
munge -n -S "$SOCK" | unmunge -S "$SOCK" >/dev/null 2>&1 || skip "munge credentials do not work here"

# ---- slurm ---------------------------------------------------------------
PORT=$((20000 + $$ % 20000))
cat >"$T/slurm.conf" <<CONF
ClusterName=bstest$$
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCK
CredType=cred/munge
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -f "$T/slurm.conf" -i || skip "slurmctld does not start here: $(tail -n 3 "$T/log/slurmctld.log" 2>/dev/null)"
slurmd -f "$T/slurm.conf" -N localhost || skip "slurmd does not start here: $(tail -n 3 "$T/log/slurmd.log" 2>/dev/null)"
i=0
until [ "$(sinfo -h -o %T 2>/dev/null)" = "idle" ]; do
    i=$((i + 1))
    [ $i -lt 60 ] || skip "the Slurm node never became idle: $(sinfo 2>&1 | tail -n 2); $(tail -n 3 "$T/log/slurmd.log")"
    sleep 0.5
done

# ---- a tiny archive: two issues ------------------------------------------
mkdir -p "$BS_TMP/arch/issue 1" "$BS_TMP/arch/issue-2"
$PY - "$FONT" "$BS_TMP/arch" <<'PYEOF'
import sys
from PIL import Image, ImageDraw, ImageFont
f = ImageFont.truetype(sys.argv[1], 28)
pages = {"issue 1/p1.png": "CITY COUNCIL MEETS\nThe council met on Monday.",
         "issue 1/p2.png": "HARBOUR NEWS\nShips arrived early today.",
         "issue-2/p1.png": "MARKET REPORT\nPrices of rice fell again."}
for name, text in pages.items():
    im = Image.new("L", (640, 360), 255)
    ImageDraw.Draw(im).multiline_text((30, 30), text, font=f, fill=0, spacing=14)
    im.save(sys.argv[2] + "/" + name)
PYEOF

wait_jobs() { # wait until the queue is empty
    i=0
    while [ -n "$(squeue -h -o %i 2>/dev/null)" ]; do
        i=$((i + 1)); [ $i -lt 600 ] || fail "jobs still queued after 300 s: $(squeue)"
        sleep 0.5
    done
}
SUBMIT="$BS_ROOT/pipeline/slurm/submit.sh"
sh "$SUBMIT" -o "$OUT" -n 2 -c 1 -b "$BS_BIN" "$BS_TMP/arch" -- --lang eng >submit.out 2>&1 \
    || fail "submit.sh: $(cat submit.out)"
grep -q '^array [0-9]' submit.out && grep -q '^merge [0-9]' submit.out || fail "no job ids: $(cat submit.out)"
wait_jobs

# "issue 1" is sanitised to issue_1.
for id in issue_1 issue-2; do
    [ -f "$OUT/$id/issue.json" ] || fail "$id not written"
done
[ "$(cat "$OUT"/slices/0/journal.tsv "$OUT"/slices/1/journal.tsv | grep -c '	ok	')" -eq 2 ] \
    || fail "slice journals: $(cat "$OUT"/slices/*/journal.tsv)"
[ -f "$OUT/qc.csv" ] || fail "no merged qc.csv"
[ "$(grep -c ',ok,' "$OUT/qc.csv")" -eq 5 ] || fail "qc.csv: $(cat "$OUT/qc.csv")"
head -n 1 "$OUT/qc.csv" | grep -q '^attention,issue,page,status' || fail "qc.csv header"
cp "$OUT/qc.csv" qc.first

# ---- resubmit: everything is skipped, nothing changes --------------------
sh "$SUBMIT" -o "$OUT" -n 2 -c 1 -b "$BS_BIN" "$BS_TMP/arch" -- --lang eng >submit2.out 2>&1 \
    || fail "resubmit: $(cat submit2.out)"
wait_jobs
grep -q "1 issues (1 already done" "$OUT/slices/task-0.log" || fail "slice 0 did not resume: $(cat "$OUT/slices/task-0.log")"
[ "$(cat "$OUT"/slices/*/journal.tsv | grep -vc '^#')" -eq 2 ] || fail "rerun journaled again"
cmp -s qc.first "$OUT/qc.csv" || fail "merged qc.csv changed on a rerun"
sh "$SUBMIT" -o "$OUT" -n 3 -b "$BS_BIN" "$BS_TMP/arch" >submit3.out 2>&1 && fail "a different -n was accepted"
echo "slurm batch test passed"
