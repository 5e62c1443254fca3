#!/usr/bin/env bash
# Self-test of the Slurm lab (scripts/slurm-lab.sh), bounded in time: brings a lab up in a fresh `mktemp -d` folder
# and down again on any exit, and checks what Ultrafleet's Slurm executor relies on:
#   1. up: every node IDLE, with its topology features and its GPUs; the fleet file for `ultrafleet serve`;
#   2. a job submitted through slurmrestd (JWT, REST v0.0.38) with an explicit node list runs on exactly those nodes,
#      and is cancelled through REST;
#   3. a job over two whole racks runs a step on every node of both;
#   4. a killed slurmd makes its node NOT_RESPONDING/DOWN, and restarting it brings the node back;
#   5. down leaves no process of the lab behind.
# Prints one line per check and the timings. Exit 0 when all pass. Runs as root.
#
#   scripts/slurm-lab-selftest.sh [--keep]     (--keep: leave the folder with its logs, even on success)
#
# SLURM_LAB_SELFTEST_PORT_BASE (default 26800) moves its ports away from a lab already up on the default ones.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB="$HERE/slurm-lab.sh"
LIMIT=${SLURM_LAB_SELFTEST_LIMIT:-600}
PORT_BASE=${SLURM_LAB_SELFTEST_PORT_BASE:-26800}
KEEP=0
[[ "${1:-}" == --keep ]] && KEEP=1

# The whole test runs under a time limit.
if [[ -z "${SLURM_LAB_SELFTEST_BOUNDED:-}" ]]; then
  SLURM_LAB_SELFTEST_BOUNDED=1 exec timeout --kill-after=30 "$LIMIT" "$0" "$@"
fi

[[ "$(id -u)" -eq 0 ]] || {
  echo "slurm-lab-selftest: error: run as root (the lab starts Slurm's daemons)" >&2
  exit 1
}

now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
ok() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*" >&2
  exit 1
}
TIMINGS=()
timing() { TIMINGS+=("$(printf '%-58s %s s' "$1" "$2")"); }

DIR=$(mktemp -d -t slurm-lab-selftest.XXXXXX)
STARTED=0
cleanup() {
  local rc=$?
  if ((STARTED)); then "$LAB" down --dir "$DIR" >/dev/null 2>&1 || echo "slurm-lab-selftest: down failed in $DIR" >&2; fi
  if ((rc == 0 && KEEP == 0)); then rm -rf "$DIR"; else echo "slurm-lab-selftest: logs and files kept in $DIR" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "FAIL time limit of $LIMIT s reached (SLURM_LAB_SELFTEST_LIMIT)" >&2; exit 124' TERM INT

command -v jq >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq >/dev/null 2>&1 ||
    fail "jq is needed (apt-get install jq failed)"
}

# Polls "$@" every 0.1 s until it succeeds, at most $1 seconds; returns 1 on time-out.
poll() {
  local limit=$1 t0
  shift
  t0=$(now)
  until "$@"; do
    awk -v a="$t0" -v b="$(now)" -v l="$limit" 'BEGIN { exit !(b - a > l) }' && return 1
    sleep 0.1
  done
}

# --- 1. up ----------------------------------------------------------------------------------------------------------

CLUSTERS=2 RACKS=4 NODES_PER_RACK=4 GPUS=4 RACKS_PER_BLOCK=2
t0=$(now)
STARTED=1
"$LAB" up --dir "$DIR" --port-base "$PORT_BASE" >"$DIR/up.out" 2>&1 || {
  cat "$DIR/up.out" >&2
  fail "up failed (output above)"
}
T_UP=$(since "$t0")
timing "up (2 clusters x 4 racks x 4 nodes = 32 slurmd)" "$T_UP"
ok "up in $T_UP s"

YAML="$DIR/ultrafleet-slurm.yaml"
[[ -f "$YAML" ]] || fail "up wrote no $YAML"
[[ "$(stat -c %a "$YAML")" == 600 ]] || fail "$YAML is not private (mode $(stat -c %a "$YAML"))"
grep -qx 'apiVersion: ultrafleet/v1' "$YAML" || fail "$YAML: no 'apiVersion: ultrafleet/v1'"
grep -qx '  kind: slurm' "$YAML" || fail "$YAML: no executor 'kind: slurm'"
mapfile -t URLS < <(sed -n 's/^      url: //p' "$YAML")
mapfile -t TOKENS < <(sed -n 's/^      token: //p' "$YAML")
mapfile -t CONFS < <(sed -n 's/^      slurmConf: //p' "$YAML" | sed 's/^"\(.*\)"$/\1/')
((${#URLS[@]} == CLUSTERS && ${#TOKENS[@]} == CLUSTERS && ${#CONFS[@]} == CLUSTERS)) ||
  fail "$YAML: expected $CLUSTERS clusters with url, token and slurmConf"
ok "fleet file $YAML: $CLUSTERS clusters with url, token and slurmConf"

# Every node idle, with gpu:fake:4 and features site:siteK, block:bNN, rack:rNN, model:lab-4gpu-4node, where the rack
# is the one in its name and the block holds RACKS_PER_BLOCK racks.
check_nodes() {
  local k=$1 conf=${CONFS[$1 - 1]} lines bad
  lines=$(SLURM_CONF="$conf" timeout 20 sinfo -h -N -o '%N|%T|%G|%f') || fail "sinfo on lab$k failed"
  [[ "$(wc -l <<<"$lines")" -eq $((RACKS * NODES_PER_RACK)) ]] || fail "lab$k: expected $((RACKS * NODES_PER_RACK)) nodes: $lines"
  bad=$(awk -F'|' -v k="$k" -v per="$RACKS_PER_BLOCK" -v g="$GPUS" '{
      split($1, p, "-"); rack = substr(p[2], 2) + 0; block = int((rack - 1) / per) + 1
      want = sprintf("site:site%d,block:b%02d,rack:r%02d,model:lab-4gpu-4node", k, block, rack)
      if ($2 != "idle" || $3 != "gpu:fake:" g || $4 != want) print $0 " (want idle|gpu:fake:" g "|" want ")"
    }' <<<"$lines")
  [[ -z "$bad" ]] || fail "lab$k nodes not as expected: $bad"
}
for ((k = 1; k <= CLUSTERS; k++)); do check_nodes "$k"; done
ok "all $((CLUSTERS * RACKS * NODES_PER_RACK)) nodes idle, with gpu:fake:$GPUS and site/block/rack/model features"

# --- 2. REST submission with an explicit node list ------------------------------------------------------------------

# rest K METHOD PATH [BODY]: calls slurmrestd of cluster K as user uflab with its JWT.
rest() {
  local k=$1 method=$2 path=$3 body=${4:-}
  curl -sS -m 10 -X "$method" -H "X-SLURM-USER-NAME: uflab" -H "X-SLURM-USER-TOKEN: ${TOKENS[$k - 1]}" \
    -H 'Content-Type: application/json' ${body:+--data "$body"} "${URLS[$k - 1]}/slurm/v0.0.38$path"
}

# submit K NODELIST NODES SCRIPT: prints the job id, or fails with Slurm's errors.
submit() {
  local k=$1 nodelist=$2 nodes=$3 script=$4 body out id
  body=$(jq -n --arg s "$script" --arg nl "$nodelist" --arg n "$nodes" --arg out "$DIR/out/job-%j.out" '{
      script: $s,
      job: {name: "selftest", partition: "lab", nodes: $n, nodelist: $nl, exclusive: "exclusive",
            current_working_directory: "/tmp", environment: {PATH: "/bin:/usr/bin"}, standard_output: $out}}')
  out=$(rest "$k" POST /job/submit "$body") || fail "REST submission to lab$k failed: $out"
  id=$(jq -r '.job_id // empty' <<<"$out")
  [[ -n "$id" && "$(jq '.errors | length' <<<"$out")" == 0 ]] || fail "REST submission to lab$k rejected: $out"
  echo "$id"
}

job_field() { rest "$1" GET "/job/$2" | jq -r ".jobs[0].$3 // empty"; }
job_is() { [[ "$(job_field "$1" "$2" job_state)" == "$3" ]]; }

mkdir -p "$DIR/out"
chmod 1777 "$DIR/out"
WANT1="lab1-r02-n[1,3]"
t0=$(now)
JOB1=$(submit 1 "$WANT1" 2 $'#!/bin/bash\nsleep 120\n')
poll 30 job_is 1 "$JOB1" RUNNING || fail "REST job $JOB1 on lab1 not RUNNING after 30 s (state $(job_field 1 "$JOB1" job_state))"
T_SUBMIT=$(since "$t0")
timing "REST submission to RUNNING (first job after up)" "$T_SUBMIT"
got_rest=$(job_field 1 "$JOB1" nodes)
got_squeue=$(SLURM_CONF="${CONFS[0]}" squeue -h -j "$JOB1" -o %N)
[[ "$got_rest" == "$WANT1" && "$got_squeue" == "$WANT1" ]] ||
  fail "job $JOB1 asked for $WANT1 but runs on $got_rest (REST) / $got_squeue (squeue)"
user=$(job_field 1 "$JOB1" user_name)
[[ "$user" == uflab ]] || fail "job $JOB1 runs as '$user', not uflab"
gres=$(SLURM_CONF="${CONFS[0]}" scontrol -d show job "$JOB1" | grep -oE 'GRES=gpu:fake:[0-9]+\(IDX:[0-9-]+\)' | sort -u)
[[ "$gres" == "GRES=gpu:fake:$GPUS(IDX:0-$((GPUS - 1)))" ]] || fail "job $JOB1 does not hold every GPU of its nodes: $gres"
ok "REST job $JOB1 of lab1 runs as uflab on exactly $WANT1 with all $GPUS GPUs of each node ($T_SUBMIT s from submission)"

t0=$(now)
rest 1 DELETE "/job/$JOB1" >/dev/null || fail "REST cancel of job $JOB1 failed"
gone() { [[ -z "$(SLURM_CONF="${CONFS[0]}" squeue -h -j "$JOB1" -t R,CG -o %i 2>/dev/null)" ]]; }
poll 30 gone || fail "job $JOB1 still running 30 s after its REST cancel"
timing "REST cancel to nodes free" "$(since "$t0")"
ok "REST cancel of job $JOB1 of lab1: state $(job_field 1 "$JOB1" job_state)"

# Submission-to-running latency, as a median over jobs on free nodes of lab2 (rack r03), one after another.
LAT=()
for n in 1 2 3 4 5 6 7; do
  node="lab2-r03-n$(((n - 1) % NODES_PER_RACK + 1))"
  [[ $n -gt $NODES_PER_RACK ]] && node="lab2-r04-n$((n - NODES_PER_RACK))"
  t0=$(now)
  id=$(submit 2 "$node" 1 $'#!/bin/bash\nsleep 30\n')
  poll 30 job_is 2 "$id" RUNNING || fail "REST job $id of lab2 not RUNNING after 30 s"
  LAT+=("$(since "$t0")")
done
read -r LAT_MED LAT_MIN LAT_MAX < <(printf '%s\n' "${LAT[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)], a[1], a[NR] }')
timing "REST submission to RUNNING, median of ${#LAT[@]} (min-max)" "$LAT_MED ($LAT_MIN-$LAT_MAX)"
ok "REST submission to RUNNING: median $LAT_MED s over ${#LAT[@]} jobs (min $LAT_MIN, max $LAT_MAX)"
for id in $(SLURM_CONF="${CONFS[1]}" squeue -h -o %i); do rest 2 DELETE "/job/$id" >/dev/null; done

# --- 3. a job over two whole racks ----------------------------------------------------------------------------------

t0=$(now)
JOB2=$(submit 2 "lab2-r01-n[1-4],lab2-r02-n[1-4]" 8 \
  $'#!/bin/bash\nsrun -N8 -n8 bash -c \'echo "$SLURMD_NODENAME $SLURM_JOB_GPUS"\' | sort\n')
poll 60 job_is 2 "$JOB2" COMPLETED ||
  fail "two-rack job $JOB2 not COMPLETED after 60 s (state $(job_field 2 "$JOB2" job_state)); output: $(cat "$DIR/out/job-$JOB2.out" 2>/dev/null)"
T_RACKS=$(since "$t0")
timing "two-rack job (8 nodes, srun on each) to COMPLETED" "$T_RACKS"
got=$(job_field 2 "$JOB2" nodes)
want_lines=$(for r in 1 2; do for n in 1 2 3 4; do echo "lab2-r0$r-n$n"; done; done)
got_lines=$(awk '{ print $1 }' "$DIR/out/job-$JOB2.out")
[[ "$got_lines" == "$want_lines" ]] || fail "two-rack job $JOB2 on $got ran steps on: $(paste -sd ' ' <<<"$got_lines")"
ok "two-rack job $JOB2 of lab2 ran on $got, one step on each of its 8 nodes ($T_RACKS s)"

# --- 4. a lost node -------------------------------------------------------------------------------------------------

NODE=lab1-r03-n2
node_state() { SLURM_CONF="${CONFS[0]}" scontrol show node "$NODE" | grep -oE 'State=[^ ]+' | cut -d= -f2; }
"$LAB" stop-node "$NODE" --dir "$DIR" >/dev/null || fail "stop-node $NODE failed"
t0=$(now)
lost() { [[ "$(node_state)" =~ DOWN|NOT_RESPONDING ]]; }
poll 40 lost || fail "node $NODE still $(node_state) 40 s after its slurmd was killed"
T_LOST=$(since "$t0")
timing "killed slurmd to node NOT_RESPONDING" "$T_LOST"
down_state() { [[ "$(node_state)" == DOWN* ]]; }
poll 40 down_state || fail "node $NODE still $(node_state) 40 s after its slurmd was killed"
T_DOWNED=$(since "$t0")
timing "killed slurmd to node DOWN" "$T_DOWNED"
ok "node $NODE is NOT_RESPONDING $T_LOST s and $(node_state) $T_DOWNED s after its slurmd was killed"
t0=$(now)
"$LAB" start-node "$NODE" --dir "$DIR" >/dev/null || fail "start-node $NODE failed"
back() { [[ "$(node_state)" == IDLE ]]; }
poll 40 back || fail "node $NODE still $(node_state) 40 s after its slurmd was restarted"
T_BACK=$(since "$t0")
timing "restarted slurmd to node IDLE" "$T_BACK"
ok "node $NODE is IDLE again $T_BACK s after its slurmd was restarted"

# --- 5. down --------------------------------------------------------------------------------------------------------

# A job left running, so that down must also stop slurmstepd and the job's processes.
JOB3=$(submit 2 "lab2-r04-n1" 1 $'#!/bin/bash\nsleep 600\n')
poll 30 job_is 2 "$JOB3" RUNNING || fail "job $JOB3 not RUNNING after 30 s"
t0=$(now)
"$LAB" down --dir "$DIR" >/dev/null || fail "down failed"
STARTED=0
T_DOWN=$(since "$t0")
timing "down (with one job running)" "$T_DOWN"
left=$(pgrep -af -- "${DIR//./\\.}" || true) # mktemp names hold no other regex characters
[[ -z "$left" ]] || fail "processes naming $DIR survive down: $left"
left=$(grep -lsF "$DIR" /proc/[0-9]*/environ | cut -d/ -f3 | while read -r p; do
  [[ "$p" != "$$" && "$p" != "$BASHPID" ]] && ps -o pid=,args= -p "$p"
done || true)
[[ -z "$left" ]] || fail "processes with $DIR in their environment survive down: $left"
ok "down in $T_DOWN s leaves no slurm or munge process of the lab (one job was running)"

echo
echo "timings (this run, $(nproc) cores, $(date -u +%Y-%m-%d)):"
printf '  %s\n' "${TIMINGS[@]}"
