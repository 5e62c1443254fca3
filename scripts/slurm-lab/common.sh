# shellcheck shell=bash
# Shared helpers of scripts/slurm-lab.sh: messages, timing, lab settings and names, and how the lab finds its own
# processes. Sourced, never run.

# --- messages -------------------------------------------------------------------------------------------------------

log() { printf 'slurm-lab: %s\n' "$*" >&2; }

# One line: what failed and where to look. Exits 1 (the up failure trap then stops what was started).
die() {
  printf 'slurm-lab: error: %s\n' "$*" >&2
  exit 1
}

# Seconds since the epoch with microseconds (bash 5), for timings.
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }

# Seconds between $1 and now, one decimal.
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- settings -------------------------------------------------------------------------------------------------------

# Defaults of `up`; the settings a lab was started with are saved in $LAB_DIR/lab.conf so down and status read them.
CLUSTERS=2
RACKS=4
RACKS_PER_BLOCK=2
NODES_PER_RACK=4
GPUS_PER_NODE=4
PORT_BASE=16800
TIMEOUT=120
TOKEN_LIFESPAN=31536000 # one year, in seconds

LAB_USER=uflab         # the ordinary user whose JWT the lab hands out and whose jobs run
RESTD_USER=nobody      # slurmrestd refuses to run as root or as SlurmUser
MARKER=ULTRAFLEET_SLURM_LAB # environment variable set on every daemon the lab starts, valued $LAB_DIR
PARTITION=lab
GRES_TYPE=fake
CPUS_PER_GPU=4
MEMORY_MIB_PER_NODE=65536
REST_VERSIONS=(v0.0.38 v0.0.37 v0.0.36)

SBIN=/usr/sbin

# Keys written to lab.conf, in order.
SETTINGS=(CLUSTERS RACKS RACKS_PER_BLOCK NODES_PER_RACK GPUS_PER_NODE PORT_BASE TIMEOUT LAB_ROOT)

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

# Reads $LAB_DIR/lab.conf (KEY=VALUE lines written by save_settings) without executing it.
load_settings() {
  local file="$LAB_DIR/lab.conf" key value
  [[ -f "$file" ]] || return 1
  while IFS='=' read -r key value; do
    case "$key" in
      CLUSTERS | RACKS | RACKS_PER_BLOCK | NODES_PER_RACK | GPUS_PER_NODE | PORT_BASE | TIMEOUT)
        is_uint "$value" || die "bad value '$value' for $key in $file"
        printf -v "$key" '%s' "$value"
        ;;
      LAB_ROOT) LAB_ROOT="$value" ;;
      '' | '#'*) ;;
      *) die "unknown key '$key' in $file" ;;
    esac
  done <"$file"
}

save_settings() {
  local key
  {
    echo "# Written by scripts/slurm-lab.sh up; read by down and status. Do not edit while the lab is up."
    for key in "${SETTINGS[@]}"; do printf '%s=%s\n' "$key" "${!key}"; done
  } >"$LAB_DIR/lab.conf"
}

# --- names, ports and paths -----------------------------------------------------------------------------------------
# Cluster k (1-based) is Slurm cluster "labK" at site "siteK". Racks are rNN and blocks bNN, numbered per cluster;
# node j of rack r of cluster k is "labK-rNN-nJ".

nodes_per_cluster() { echo $((RACKS * NODES_PER_RACK)); }
block_count() { echo $(((RACKS + RACKS_PER_BLOCK - 1) / RACKS_PER_BLOCK)); }
model_name() { echo "lab-${GPUS_PER_NODE}gpu-${NODES_PER_RACK}node"; }
cluster_name() { echo "lab$1"; }
site_name() { echo "site$1"; }

# Digits of labels numbered up to $1: at least two, so that names sort in order.
label_width() { echo $((${#1} < 2 ? 2 : ${#1})); }
rack_label() { printf 'r%0*d' "$(label_width "$RACKS")" "$1"; }
block_label() { printf 'b%0*d' "$(label_width "$(block_count)")" "$1"; }
node_label() { printf 'n%s' "$(pad "${#NODES_PER_RACK}" "$1")"; }
pad() { printf '%0*d' "$1" "$2"; }
node_name() { echo "$(cluster_name "$1")-$(rack_label "$2")-$(node_label "$3")"; }

# All node names of cluster $1, one a line, rack by rack.
node_names() {
  local k=$1 r j
  for ((r = 1; r <= RACKS; r++)); do
    for ((j = 1; j <= NODES_PER_RACK; j++)); do node_name "$k" "$r" "$j"; done
  done
}

# Ports of cluster k: a window of PORT_STRIDE ports from PORT_BASE + (k-1) * PORT_STRIDE.
# +17 slurmctld, +18 default slurmd port (unused: every node has its own), +20 slurmrestd, +100.. one per node.
port_stride() { echo $((100 * (2 + ($(nodes_per_cluster) + 99) / 100))); }
cluster_port0() { echo $((PORT_BASE + ($1 - 1) * $(port_stride))); }
ctld_port() { echo $(($(cluster_port0 "$1") + 17)); }
slurmd_default_port() { echo $(($(cluster_port0 "$1") + 18)); }
restd_port() { echo $(($(cluster_port0 "$1") + 20)); }
node_port0() { echo $(($(cluster_port0 "$1") + 100)); }
restd_url() { echo "http://127.0.0.1:$(restd_port "$1")"; }

# Paths as the operator knows them ($LAB_DIR) and as Slurm sees them ($LAB_ROOT, the same folder, or a short alias
# without spaces when $LAB_DIR has characters Slurm's config files cannot hold or is too long for UNIX sockets).
cdir() { echo "$LAB_DIR/$(cluster_name "$1")"; }
croot() { echo "$LAB_ROOT/$(cluster_name "$1")"; }
conf_of() { echo "$(croot "$1")/etc/slurm.conf"; }
munge_dir() { echo "$LAB_DIR/munge"; }
munge_socket() { echo "$LAB_ROOT/munge/munge.socket"; }
yaml_file() { echo "$LAB_DIR/ultrafleet-slurm.yaml"; }
token_file() { echo "$(cdir "$1")/etc/$LAB_USER.token"; }

ALIAS_PARENT=/run/ultrafleet-slurm-lab

# Sets LAB_ROOT for a new lab: $LAB_DIR itself when Slurm can use it as it is, else a symlink under $ALIAS_PARENT.
choose_root() {
  if [[ "$LAB_DIR" =~ ^[A-Za-z0-9/._+-]+$ && ${#LAB_DIR} -le 48 ]]; then
    LAB_ROOT="$LAB_DIR"
  else
    LAB_ROOT="$ALIAS_PARENT/$(printf '%s' "$LAB_DIR" | sha256sum | cut -c1-12)"
  fi
}

make_root_alias() {
  [[ "$LAB_ROOT" == "$LAB_DIR" ]] && return 0
  mkdir -p "$ALIAS_PARENT"
  ln -sfn "$LAB_DIR" "$LAB_ROOT"
}

remove_root_alias() {
  [[ -n "${LAB_ROOT:-}" && "$LAB_ROOT" != "$LAB_DIR" && -L "$LAB_ROOT" ]] && rm -f "$LAB_ROOT"
  return 0
}

# --- the lab's processes --------------------------------------------------------------------------------------------
# Every daemon the lab starts carries $MARKER=$LAB_DIR in its environment (and so do their forks, like slurmscriptd).
# slurmd gives slurmstepd a fresh environment, but one with SLURM_CONF naming the lab's slurm.conf, and so do the
# jobs' processes (which also have SLURM_JOB_ID). The lab finds its processes by these marks, never by name alone, and
# a pid file whose process lacks the mark is stale.

# True when pid $1 is a live (not zombie) process.
pid_alive() {
  local stat
  [[ -n "$1" && -r "/proc/$1/stat" ]] || return 1
  stat=$(<"/proc/$1/stat") 2>/dev/null || return 1
  stat=${stat##*) }
  [[ "${stat:0:1}" != Z ]]
}

# True when pid $1 is alive and carries this lab's mark.
pid_is_lab() {
  pid_alive "$1" && grep -qzxF "$MARKER=$LAB_DIR" "/proc/$1/environ" 2>/dev/null
}

# The pid in file $1 if that process is alive and this lab's, else nothing.
lab_pid_from() {
  local pid
  [[ -r "$1" ]] || return 0
  read -r pid <"$1" || true
  is_uint "${pid:-x}" && pid_is_lab "$pid" && echo "$pid"
  return 0
}

# True when pid $1 is a slurmstepd or a job process of this lab (SLURM_CONF in the lab, and the slurmstepd program or
# a SLURM_JOB_ID), as opposed to, say, a shell or a test that merely points SLURM_CONF at the lab.
pid_is_lab_job() {
  local exe env=/proc/$1/environ
  grep -qzE "^SLURM_CONF=" "$env" 2>/dev/null || return 1
  [[ "$(grep -zE '^SLURM_CONF=' "$env" | tr -d '\0')" == "SLURM_CONF=$LAB_ROOT/"*/etc/slurm.conf ]] || return 1
  exe=$(readlink "/proc/$1/exe" 2>/dev/null) || exe=
  [[ "${exe##*/}" == slurmstepd* ]] || grep -qzE '^SLURM_JOB_ID=' "$env" 2>/dev/null
}

# Every live process of this lab, one pid a line (never this script or its parents).
lab_pids() {
  local f pid stat
  local -A mine=()
  pid=$BASHPID
  while [[ "$pid" -gt 1 ]]; do
    mine[$pid]=1
    stat=$(<"/proc/$pid/stat") 2>/dev/null || break
    stat=${stat##*) } # after the program name, which may hold spaces: state, then the parent's pid
    read -r _ pid _ <<<"$stat"
  done
  grep -lzF -e "$MARKER=$LAB_DIR" -e "SLURM_CONF=$LAB_ROOT/" /proc/[0-9]*/environ 2>/dev/null | while read -r f; do
    pid=${f#/proc/}
    pid=${pid%/environ}
    [[ -z "${mine[$pid]:-}" ]] || continue
    if pid_is_lab "$pid" || { pid_alive "$pid" && pid_is_lab_job "$pid"; }; then echo "$pid"; fi
  done
  return 0
}

# Waits until "$@" succeeds, at most $1 seconds ($2 is what is awaited, for the message). Returns 1 on time-out.
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(awk -v t="$(now)" -v l="$limit" 'BEGIN { printf "%.3f", t + l }')
  until "$@"; do
    if awk -v t="$(now)" -v d="$deadline" 'BEGIN { exit !(t > d) }'; then
      log "gave up waiting ${limit}s for $what"
      return 1
    fi
    sleep 0.2
  done
}
