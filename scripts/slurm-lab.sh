#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The Ultrafleet Slurm lab: real Slurm (Debian's slurm-wlm 22.05) on this machine, for tests and for trying
# `ultrafleet serve` against Slurm. Per cluster one slurmctld, one slurmd per node on loopback and a slurmrestd with
# JWT auth; placeholder GPUs; the topology as node features. See docs/slurm.md.
#
#   scripts/slurm-lab.sh up [--clusters 2] [--racks 4] [--racks-per-block 2] [--nodes-per-rack 4]
#                           [--gpus-per-node 4] [--port-base 16800] [--timeout 120] [--dir DIR]
#   scripts/slurm-lab.sh down [--dir DIR]
#   scripts/slurm-lab.sh status [--dir DIR]
#
# Runs as root. DIR defaults to .slurm-lab in the project.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$(cd "$HERE/.." && pwd)"
# shellcheck source=slurm-lab/common.sh
source "$HERE/slurm-lab/common.sh"
# shellcheck source=slurm-lab/config.sh
source "$HERE/slurm-lab/config.sh"
# shellcheck source=slurm-lab/daemons.sh
source "$HERE/slurm-lab/daemons.sh"
# shellcheck source=slurm-lab/fleet-yaml.sh
source "$HERE/slurm-lab/fleet-yaml.sh"

usage() {
  cat <<'EOF'
usage: scripts/slurm-lab.sh up [--clusters 2] [--racks 4] [--racks-per-block 2] [--nodes-per-rack 4]
                               [--gpus-per-node 4] [--port-base 16800] [--timeout 120] [--dir DIR]
       scripts/slurm-lab.sh down [--dir DIR]
       scripts/slurm-lab.sh status [--dir DIR]
       scripts/slurm-lab.sh stop-node NODE [--dir DIR]     (kills its slurmd, as a crash would)
       scripts/slurm-lab.sh start-node NODE [--dir DIR]
       scripts/slurm-lab.sh stop-restd CLUSTER [--dir DIR]  (kills its slurmrestd: the cluster cannot be reached)
       scripts/slurm-lab.sh start-restd CLUSTER [--dir DIR]
Starts, stops or shows a local Slurm lab (run as root). DIR defaults to .slurm-lab in the project. See docs/slurm.md.
EOF
}

LAB_DIR="$PROJECT/.slurm-lab"

# Parses the options of command $1 (up takes the shape options, down and status only --dir).
parse_options() {
  local cmd=$1 opt value
  shift
  while (($# > 0)); do
    opt=$1
    if [[ "$opt" == --*=* ]]; then
      value=${opt#*=}
      opt=${opt%%=*}
    elif [[ "$opt" == --* && $# -ge 2 ]]; then
      value=$2
      shift
    else
      die "unknown argument '$opt' (see $0 --help)"
    fi
    shift
    case "$cmd:$opt" in
      *:--dir) LAB_DIR=$value ;;
      up:--clusters) CLUSTERS=$value ;;
      up:--racks) RACKS=$value ;;
      up:--racks-per-block) RACKS_PER_BLOCK=$value ;;
      up:--nodes-per-rack) NODES_PER_RACK=$value ;;
      up:--gpus-per-node) GPUS_PER_NODE=$value ;;
      up:--port-base) PORT_BASE=$value ;;
      up:--timeout) TIMEOUT=$value ;;
      *) die "unknown option $opt for $cmd (see $0 --help)" ;;
    esac
  done
  [[ -n "$LAB_DIR" ]] || die "--dir must not be empty"
  LAB_DIR=$(realpath -m -- "$LAB_DIR")
  LAB_ROOT=$LAB_DIR # until lab.conf or choose_root says otherwise
}

check_shape() {
  local name value option
  for name in CLUSTERS RACKS RACKS_PER_BLOCK NODES_PER_RACK GPUS_PER_NODE PORT_BASE TIMEOUT; do
    value=${!name}
    option=${name//_/-}
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "--${option,,} must be a whole number >= 1, found '$value'"
  done
  ((CLUSTERS <= 9)) || die "--clusters: at most 9, found $CLUSTERS"
  ((NODES_PER_RACK <= 64)) || die "--nodes-per-rack: at most 64 (nodes per NVLink domain), found $NODES_PER_RACK"
  ((GPUS_PER_NODE <= 64)) || die "--gpus-per-node: at most 64, found $GPUS_PER_NODE"
  ((RACKS * NODES_PER_RACK <= 1024)) || die "at most 1024 nodes per cluster on one machine, asked $((RACKS * NODES_PER_RACK))"
  (($(cluster_port0 $((CLUSTERS + 1))) <= 65535)) || die "--port-base $PORT_BASE leaves too few ports for the lab"
}

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "run as root: the lab starts Slurm's daemons and creates user $LAB_USER"
}

# --- up -------------------------------------------------------------------------------------------------------------

# Clears what an earlier lab in $LAB_DIR left (its config, state and logs), so that each up starts fresh.
clear_previous_lab() {
  local old k
  if [[ -f "$LAB_DIR/lab.conf" ]]; then
    old=$(load_settings && echo "$CLUSTERS") || die "cannot read $LAB_DIR/lab.conf"
    for ((k = 1; k <= old; k++)); do rm -rf "$(cdir "$k")"; done
    rm -rf "$(munge_dir)" "$LAB_DIR/lab.conf" "$(yaml_file)"
  else
    for ((k = 1; k <= CLUSTERS; k++)); do
      [[ ! -e "$(cdir "$k")" ]] || die "$(cdir "$k") exists but is not a lab's; use an empty --dir"
    done
    [[ ! -e "$(munge_dir)" ]] || die "$(munge_dir) exists but is not a lab's; use an empty --dir"
  fi
}

# On a failed up, stop what was started so that the next up finds the folder free; logs stay for reading.
on_up_exit() {
  local rc=$1
  ((rc == 0)) && return 0
  log "up failed; stopping what it started (logs stay under $LAB_DIR)"
  (stop_lab) || true
}

print_summary() {
  local took=$1 k
  echo "# Slurm lab up in $took s: $CLUSTERS cluster(s), $((CLUSTERS * $(nodes_per_cluster))) nodes," \
    "$((CLUSTERS * $(nodes_per_cluster) * GPUS_PER_NODE)) GPUs, in $LAB_DIR"
  echo "# For ultrafleet serve: $(yaml_file)"
  echo "# Slurm commands (squeue, sinfo, scontrol) on one cluster:"
  for ((k = 1; k <= CLUSTERS; k++)); do
    echo "# cluster $(cluster_name "$k") at site $(site_name "$k"), slurmrestd $(restd_url "$k")"
    echo "export SLURM_CONF=$(shell_quote "$(cdir "$k")/etc/slurm.conf")"
  done
}

shell_quote() {
  if [[ "$1" =~ ^[A-Za-z0-9/._:+=-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

cmd_up() {
  local t0 k
  require_root
  check_shape
  if [[ -f "$LAB_DIR/lab.conf" ]]; then LAB_ROOT=$(load_settings && echo "$LAB_ROOT"); fi
  if [[ -n "$(lab_pids)" ]]; then
    die "a lab is already up in $LAB_DIR; run: $0 down --dir $(shell_quote "$LAB_DIR")"
  fi
  t0=$(now)
  ensure_packages
  ensure_lab_user
  clear_previous_lab
  choose_root
  check_ports_free
  trap 'on_up_exit $?' EXIT
  make_layout
  write_munge_key
  for ((k = 1; k <= CLUSTERS; k++)); do write_cluster_files "$k"; done
  save_settings
  make_root_alias
  check_readable_by "$RESTD_USER" "$(cdir 1)/etc/slurm.conf"
  check_readable_by "$LAB_USER" "$(cdir 1)/spool"
  start_munge
  for ((k = 1; k <= CLUSTERS; k++)); do start_slurmctld "$k"; done
  for ((k = 1; k <= CLUSTERS; k++)); do
    wait_for 30 "slurmctld of $(cluster_name "$k")" ctld_up "$k" ||
      die "slurmctld of $(cluster_name "$k") does not answer; see $(cdir "$k")/log/slurmctld.log"
  done
  for ((k = 1; k <= CLUSTERS; k++)); do start_slurmds "$k"; done
  for ((k = 1; k <= CLUSTERS; k++)); do
    make_token "$k"
    start_slurmrestd "$k"
  done
  if ! wait_for "$TIMEOUT" "every node to be idle" all_nodes_idle; then
    { restart_ended_slurmds && wait_for 60 "every node to be idle, its slurmd started again" all_nodes_idle; } ||
      die "nodes not idle after ${TIMEOUT}s: $(not_idle_report); see $(cdir 1)/log/, whose slurmd logs end:
$(slurmd_log_tails)"
  fi
  if ! wait_for 30 "slurmrestd" all_restd_up; then
    { restart_ended_restds && wait_for 30 "slurmrestd, started again" all_restd_up; } ||
      die "slurmrestd does not answer; see $LAB_DIR/lab*/log/slurmrestd.log, which ends:
$(restd_log_tails)"
  fi
  # A slurmd that ended after its node registered leaves the node idle until slurmctld's timeout marks it down, in
  # the middle of whatever runs next: every slurmd must still be running when the lab is declared up.
  if restart_ended_slurmds; then
    wait_for 60 "every node to be idle, its slurmd started again" all_nodes_idle ||
      die "nodes not idle after their slurmd was started again: $(not_idle_report); their slurmd logs end:
$(slurmd_log_tails)"
  fi
  write_fleet_yaml "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  trap - EXIT
  print_summary "$(since "$t0")"
}

# --- down -----------------------------------------------------------------------------------------------------------

cmd_down() {
  local t0
  require_root
  t0=$(now)
  if ! load_settings; then
    if [[ -z "$(lab_pids)" ]]; then
      echo "# no lab in $LAB_DIR; nothing to stop"
      return 0
    fi
  fi
  stop_lab
  echo "# Slurm lab in $LAB_DIR stopped in $(since "$t0") s"
}

# --- one node -----------------------------------------------------------------------------------------------------

# Sets NODE_CLUSTER to the cluster number of node $1, or fails.
find_node() {
  local k
  for ((k = 1; k <= CLUSTERS; k++)); do
    if [[ $'\n'"$(node_names "$k")"$'\n' == *$'\n'"$1"$'\n'* ]]; then
      NODE_CLUSTER=$k
      return 0
    fi
  done
  die "no node $1 in the lab in $LAB_DIR (nodes are named like $(node_name 1 1 1))"
}

load_running_lab() {
  require_root
  load_settings || die "no lab in $LAB_DIR (no lab.conf); start one with: $0 up"
}

cmd_stop_node() {
  local pid file
  load_running_lab
  find_node "$NODE"
  file="$(cdir "$NODE_CLUSTER")/run/slurmd-$NODE.pid"
  pid=$(lab_pid_from "$file")
  [[ -n "$pid" ]] || die "slurmd of $NODE is not running (no live pid in $file)"
  kill -KILL "$pid"
  wait_for 10 "slurmd of $NODE to end" none_alive "$pid" || die "slurmd of $NODE (pid $pid) survived SIGKILL"
  rm -f "$file"
  echo "# slurmd of $NODE stopped; slurmctld marks the node DOWN after SlurmdTimeout (10 s)"
}

cmd_start_node() {
  load_running_lab
  find_node "$NODE"
  [[ -z "$(lab_pid_from "$(cdir "$NODE_CLUSTER")/run/slurmd-$NODE.pid")" ]] || die "slurmd of $NODE already runs"
  start_slurmd "$NODE_CLUSTER" "$NODE"
  echo "# slurmd of $NODE started; the node returns to service when it registers"
}

# Sets NODE_CLUSTER to the number of cluster $1 (its name, such as lab1), or fails.
find_cluster() {
  local k
  for ((k = 1; k <= CLUSTERS; k++)); do
    if [[ "$(cluster_name "$k")" == "$1" ]]; then
      NODE_CLUSTER=$k
      return 0
    fi
  done
  die "no cluster $1 in the lab in $LAB_DIR (clusters are named like $(cluster_name 1))"
}

cmd_stop_restd() {
  local pid file
  load_running_lab
  find_cluster "$NODE"
  file="$(cdir "$NODE_CLUSTER")/run/slurmrestd.pid"
  pid=$(lab_pid_from "$file")
  [[ -n "$pid" ]] || die "slurmrestd of $NODE is not running (no live pid in $file)"
  kill -KILL "$pid"
  wait_for 10 "slurmrestd of $NODE to end" none_alive "$pid" || die "slurmrestd of $NODE (pid $pid) survived SIGKILL"
  rm -f "$file"
  echo "# slurmrestd of $NODE stopped; $(restd_url "$NODE_CLUSTER") does not answer"
}

cmd_start_restd() {
  load_running_lab
  find_cluster "$NODE"
  [[ -z "$(lab_pid_from "$(cdir "$NODE_CLUSTER")/run/slurmrestd.pid")" ]] || die "slurmrestd of $NODE already runs"
  start_slurmrestd "$NODE_CLUSTER"
  wait_for 30 "slurmrestd of $NODE" restd_up "$NODE_CLUSTER" ||
    die "slurmrestd of $NODE does not answer; see $(cdir "$NODE_CLUSTER")/log/slurmrestd.log"
  echo "# slurmrestd of $NODE started at $(restd_url "$NODE_CLUSTER")"
}

# --- status ---------------------------------------------------------------------------------------------------------

cmd_status() {
  local k ok=1 ctld nd alive node summary restd munged
  require_root
  if ! load_settings; then
    echo "no lab in $LAB_DIR"
    return 3
  fi
  munged=$(lab_pid_from "$(munge_dir)/munged.pid")
  echo "lab $LAB_DIR: $CLUSTERS cluster(s) of $RACKS racks x $NODES_PER_RACK nodes x $GPUS_PER_NODE GPUs," \
    "munged $([[ -n "$munged" ]] && echo "up (pid $munged)" || echo down)"
  [[ -n "$munged" ]] || ok=0
  for ((k = 1; k <= CLUSTERS; k++)); do
    ctld=$(lab_pid_from "$(cdir "$k")/run/slurmctld.pid")
    if [[ -n "$ctld" ]] && ctld_up "$k"; then ctld="up (pid $ctld)"; else ctld=down ok=0; fi
    nd=$(nodes_per_cluster)
    alive=0
    while read -r node; do
      [[ -n "$(lab_pid_from "$(cdir "$k")/run/slurmd-$node.pid")" ]] && alive=$((alive + 1))
    done < <(node_names "$k")
    ((alive == nd)) || ok=0
    if [[ -f "$(token_file "$k")" ]] && restd_up "$k"; then restd="up"; else restd=down ok=0; fi
    summary=$(SLURM_CONF="$(conf_of "$k")" timeout 10 sinfo -h -o '%T:%D' 2>/dev/null | paste -sd ' ' -) || true
    echo "$(cluster_name "$k") (site $(site_name "$k")): slurmctld $ctld; slurmd $alive/$nd up;" \
      "slurmrestd $(restd_url "$k") $restd; sinfo ${summary:-unavailable}"
  done
  ((ok == 1)) && return 0
  return 3
}

main() {
  local cmd=${1:-}
  case "$cmd" in
    up | down | status)
      shift
      parse_options "$cmd" "$@"
      "cmd_$cmd"
      ;;
    stop-node | start-node | stop-restd | start-restd)
      shift
      [[ $# -ge 1 && "$1" != --* ]] || die "$cmd needs a ${cmd#*-} name (see $0 --help)"
      NODE=$1
      shift
      parse_options "$cmd" "$@"
      "cmd_${cmd//-/_}"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
