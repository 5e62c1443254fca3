# shellcheck shell=bash
# Daemons of scripts/slurm-lab.sh: packages and users, starting munged, slurmctld, slurmd and slurmrestd, waiting
# until they serve, and stopping them. Sourced, never run.

PACKAGES=(slurm-wlm slurmctld slurmd slurm-client munge slurmrestd slurm-wlm-jwt-plugin)

# Installs Debian's Slurm, munge, slurmrestd and the JWT plugin when one is missing.
ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == *'install ok installed'* ]] || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]} (apt-get; log in /tmp/slurm-lab-apt.log)"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } \
    >/tmp/slurm-lab-apt.log 2>&1 || die "apt-get install ${missing[*]} failed; see /tmp/slurm-lab-apt.log"
}

# The ordinary user the lab's tokens are for: slurmrestd refuses tokens for root and for SlurmUser.
ensure_lab_user() {
  id -u "$LAB_USER" >/dev/null 2>&1 && return 0
  useradd --create-home --shell /bin/bash --comment "Ultrafleet Slurm lab user" "$LAB_USER" ||
    die "could not create user $LAB_USER (useradd failed)"
}

# Fails when a port the lab needs already has a listener (another lab, or anything else).
check_ports_free() {
  local k p busy=()
  for ((k = 1; k <= CLUSTERS; k++)); do
    for p in "$(ctld_port "$k")" "$(restd_port "$k")" $(seq "$(node_port0 "$k")" $(($(node_port0 "$k") + $(nodes_per_cluster) - 1))); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then busy+=("$p"); fi
    done
  done
  ((${#busy[@]} == 0)) || die "ports already in use: ${busy[*]}; stop what listens there or pick --port-base"
}

# --- munge ----------------------------------------------------------------------------------------------------------

munge_works() { munge -n -S "$(munge_socket)" 2>/dev/null | unmunge -S "$(munge_socket)" >/dev/null 2>&1; }

start_munge() {
  local d
  d=$(munge_dir)
  runuser -u munge -- env "$MARKER=$LAB_DIR" "$SBIN/munged" --socket="$(munge_socket)" --key-file="$d/munge.key" \
    --pid-file="$d/munged.pid" --log-file="$d/munged.log" --seed-file="$d/munged.seed" </dev/null >/dev/null 2>&1 ||
    die "munged did not start; see $d/munged.log"
  wait_for 10 "munged" munge_works || die "munged does not answer on $(munge_socket); see $d/munged.log"
}

# --- slurmctld and slurmd -------------------------------------------------------------------------------------------
# Slurm 22.05 decides whether it is the controller by its program name: started as slurmctld-wlm, the GPUs of every
# node silently become "(null)". So both daemons are started under their own names (exec -a).

start_slurmctld() {
  local k=$1 conf
  conf=$(conf_of "$k")
  (
    export SLURM_CONF="$conf" "$MARKER=$LAB_DIR"
    exec -a slurmctld "$SBIN/slurmctld-wlm" -f "$conf"
  ) </dev/null >>"$(cdir "$k")/log/slurmctld.out" 2>&1 ||
    die "slurmctld of $(cluster_name "$k") did not start; see $(cdir "$k")/log/slurmctld.log"
}

ctld_up() { [[ "$(SLURM_CONF="$(conf_of "$1")" scontrol ping 2>/dev/null)" == *"is UP"* ]]; }

# Starts the slurmd of node $2 of cluster $1.
start_slurmd() {
  local k=$1 node=$2 conf
  conf=$(conf_of "$k")
  mkdir -p "$(cdir "$k")/spool/$node"
  (
    export SLURM_CONF="$conf" "$MARKER=$LAB_DIR"
    exec -a slurmd "$SBIN/slurmd-wlm" -f "$conf" -d "$SBIN/slurmstepd-wlm" -N "$node"
  ) </dev/null >>"$(cdir "$k")/log/slurmd.out" 2>&1 ||
    die "slurmd $node did not start; see $(cdir "$k")/log/slurmd.out and slurmd-$node.log there"
}

start_slurmds() {
  local node
  while read -r node; do start_slurmd "$1" "$node"; done < <(node_names "$1")
}

# Number of idle nodes of cluster $1.
idle_count() {
  SLURM_CONF="$(conf_of "$1")" sinfo -h -N -p "$PARTITION" -t idle -o '%N' 2>/dev/null | sort -u | wc -l
}

all_nodes_idle() {
  local k
  for ((k = 1; k <= CLUSTERS; k++)); do
    [[ "$(idle_count "$k")" -eq "$(nodes_per_cluster)" ]] || return 1
  done
}

# Starts again the slurmd of each node whose process has ended (one that failed as it started, or ended after its
# node registered, which slurmctld shows idle until the node's timeout); true if any.
restart_ended_slurmds() {
  local k node any=1
  for ((k = 1; k <= CLUSTERS; k++)); do
    while read -r node; do
      if [[ -z "$(lab_pid_from "$(cdir "$k")/run/slurmd-$node.pid")" ]]; then
        log "slurmd $node has ended; starting it again"
        start_slurmd "$k" "$node"
        any=0
      fi
    done < <(node_names "$k")
  done
  return "$any"
}

# The last lines of the slurmd logs of the nodes not idle (at most three), for an error message: the lab's folder may
# not outlive it.
slurmd_log_tails() {
  local k node shown=0
  for ((k = 1; k <= CLUSTERS; k++)); do
    while read -r node; do
      ((shown < 3)) || return 0
      shown=$((shown + 1))
      echo "--- $(cdir "$k")/log/slurmd-$node.log:"
      tail -n 8 "$(cdir "$k")/log/slurmd-$node.log" 2>/dev/null || echo "(no log: the slurmd never wrote one)"
    done < <(SLURM_CONF="$(conf_of "$k")" sinfo -h -N -o '%N %T' 2>/dev/null | awk '$2 != "idle" { print $1 }' | sort -u)
  done
}

# Names the nodes that are not idle, with their state and reason, for the error message.
not_idle_report() {
  local k
  for ((k = 1; k <= CLUSTERS; k++)); do
    SLURM_CONF="$(conf_of "$k")" sinfo -h -N -o '%N %T %E' 2>/dev/null | awk '$2 != "idle"' | head -5
  done | paste -sd ';' -
}

# --- slurmrestd -----------------------------------------------------------------------------------------------------

# A token for $LAB_USER on cluster $1, saved in its token file (0600).
make_token() {
  local k=$1 out
  out=$(SLURM_CONF="$(conf_of "$k")" scontrol token username="$LAB_USER" lifespan="$TOKEN_LIFESPAN" 2>&1) ||
    die "scontrol token for $LAB_USER on $(cluster_name "$k") failed: $out"
  [[ "$out" == SLURM_JWT=* ]] || die "scontrol token printed no token: $out"
  (umask 077 && printf '%s\n' "${out#SLURM_JWT=}" >"$(token_file "$k")")
}

token_of() { local t; read -r t <"$(token_file "$1")" && echo "$t"; }

# When the token of cluster $1 expires (UTC, ISO 8601), from its "exp" claim.
token_expiry() {
  local payload exp
  payload=$(token_of "$1" | cut -d. -f2 | tr '_-' '/+')
  while ((${#payload} % 4)); do payload+='='; done
  exp=$(printf '%s' "$payload" | base64 -d 2>/dev/null | grep -oE '"exp": *[0-9]+' | grep -oE '[0-9]+$') ||
    die "cannot read the expiry of $(token_file "$1")"
  date -u -d "@$exp" +%Y-%m-%dT%H:%M:%SZ
}

# True when no TCP socket of any state has local port $1. slurmrestd binds its port without SO_REUSEADDR, so the
# TIME_WAIT sockets left by a lab that went down while clients held connections make its bind fail for up to 60 s.
port_quiet() {
  local hex
  hex=$(printf ':%04X' "$1")
  awk -v h="$hex" 'FNR > 1 && substr($2, length($2) - 4) == h { found = 1 } END { exit found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# slurmrestd talks to slurmctld with munge (SLURM_JWT=daemon), runs as an unprivileged user (it refuses root) and
# loads only the openapi/v0.0.3x plugins (the dbv0.0.3x ones are fatal without slurmdbd).
start_slurmrestd() {
  local k=$1 conf plugins group pid
  conf=$(conf_of "$k")
  plugins=$(printf 'openapi/%s,' "${REST_VERSIONS[@]}")
  group=$(id -gn "$RESTD_USER")
  if ! port_quiet "$(restd_port "$k")"; then
    log "port $(restd_port "$k") still has sockets of an earlier lab; waiting for them to close"
    wait_for 75 "port $(restd_port "$k") to be free" port_quiet "$(restd_port "$k")" || true
  fi
  (
    export SLURM_CONF="$conf" SLURM_JWT=daemon "$MARKER=$LAB_DIR"
    exec setsid "$SBIN/slurmrestd" -f "$conf" -u "$RESTD_USER" -g "$group" -a rest_auth/jwt -s "${plugins%,}" \
      "127.0.0.1:$(restd_port "$k")"
  ) </dev/null >>"$(cdir "$k")/log/slurmrestd.log" 2>&1 &
  pid=$!
  echo "$pid" >"$(cdir "$k")/run/slurmrestd.pid"
}

# True when slurmrestd of cluster $1 answers a ping with the lab user's token.
restd_up() {
  local k=$1 body
  body=$(curl -fsS -m 5 -H "X-SLURM-USER-NAME: $LAB_USER" -H "X-SLURM-USER-TOKEN: $(token_of "$k")" \
    "$(restd_url "$k")/slurm/${REST_VERSIONS[0]}/ping" 2>/dev/null) || return 1
  [[ "$body" == *'"UP"'* ]]
}

all_restd_up() {
  local k
  for ((k = 1; k <= CLUSTERS; k++)); do restd_up "$k" || return 1; done
}

# Starts again the slurmrestd of each cluster whose process has ended (one that failed as it started); true if any.
restart_ended_restds() {
  local k any=1
  for ((k = 1; k <= CLUSTERS; k++)); do
    if [[ -z "$(lab_pid_from "$(cdir "$k")/run/slurmrestd.pid")" ]]; then
      log "slurmrestd of $(cluster_name "$k") ended as it started; starting it again"
      start_slurmrestd "$k"
      any=0
    fi
  done
  return "$any"
}

# The last lines of every cluster's slurmrestd log, for an error message (the lab's folder may not outlive it).
restd_log_tails() {
  local k
  for ((k = 1; k <= CLUSTERS; k++)); do
    echo "--- $(cdir "$k")/log/slurmrestd.log:"
    tail -n 8 "$(cdir "$k")/log/slurmrestd.log" 2>/dev/null || true
  done
}

# --- stopping -------------------------------------------------------------------------------------------------------

# Pids of the daemons started from the lab's pid files (live and this lab's only).
daemon_pids() {
  local k f
  for ((k = 1; k <= CLUSTERS; k++)); do
    for f in "$(cdir "$k")"/run/*.pid; do lab_pid_from "$f"; done
  done
}

# Pids of $@ and all their descendants.
with_descendants() {
  ps -e -o pid=,ppid= | awk -v roots="$*" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
      do { added = 0; for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; added = 1 } } } while (added)
      for (p in keep) print p
    }'
}

none_alive() {
  local p
  for p in "$@"; do pid_alive "$p" && return 1; done
  return 0
}

# Sends TERM to $@ (pids), waits up to $1 seconds, then KILLs what is left.
terminate() {
  local grace=$1
  shift
  (($# == 0)) && return 0
  kill -TERM "$@" 2>/dev/null || true
  wait_for "$grace" "processes $* to end" none_alive "$@" || kill -KILL "$@" 2>/dev/null || true
  wait_for 5 "killed processes $* to end" none_alive "$@" || true
}

# Stops every process of the lab: the daemons by their pid files, then whatever still carries the lab's mark
# (slurmstepd of running jobs, with the jobs' processes under them), munged last. Idempotent.
stop_lab() {
  local daemons=() rest=() munged tree=() k
  mapfile -t daemons < <(daemon_pids)
  terminate 15 "${daemons[@]}"
  munged=$(lab_pid_from "$(munge_dir)/munged.pid")
  mapfile -t rest < <(lab_pids | grep -vxF "${munged:-none}")
  if ((${#rest[@]} > 0)); then
    mapfile -t tree < <(with_descendants "${rest[@]}")
    kill -KILL "${tree[@]}" 2>/dev/null || true
    wait_for 5 "job processes ${tree[*]} to end" none_alive "${tree[@]}" || true
  fi
  [[ -n "$munged" ]] && terminate 5 "$munged"
  mapfile -t rest < <(lab_pids)
  ((${#rest[@]} == 0)) || die "processes of the lab still run after down: ${rest[*]}"
  rm -f "$(munge_dir)/munged.pid"
  for ((k = 1; k <= CLUSTERS; k++)); do rm -f "$(cdir "$k")"/run/*.pid; done
  remove_root_alias
}
