# shellcheck shell=bash
# Files of scripts/slurm-lab.sh: the folder layout, the munge key, and per cluster slurm.conf, gres.conf,
# cgroup.conf, the JWT key and the placeholder GPU devices. Sourced, never run.

# Makes the folders of a fresh lab. Slurm's unprivileged users (slurmrestd runs as $RESTD_USER, jobs as $LAB_USER)
# must reach the config files and the spool, so every folder of the lab is 0755; only keys stay private.
make_layout() {
  local k d
  mkdir -p "$LAB_DIR"
  chmod 0755 "$LAB_DIR"
  for ((k = 1; k <= CLUSTERS; k++)); do
    d=$(cdir "$k")
    mkdir -p "$d"/{etc,dev,state,spool,run,log}
    chmod 0755 "$d" "$d"/{etc,dev,spool,run,log}
    chmod 0700 "$d/state"
  done
  mkdir -p "$(munge_dir)"
}

# Fails with the folder to fix when user $1 cannot read file $2 (a parent folder of the lab is closed to others).
check_readable_by() {
  local user=$1 file=$2 p="" part
  runuser -u "$user" -- test -r "$file" && return 0
  local -a parts
  IFS=/ read -r -a parts <<<"${file#/}"
  for part in "${parts[@]:0:${#parts[@]}-1}"; do
    p="$p/$part"
    runuser -u "$user" -- test -x "$p" ||
      die "user $user cannot enter $p, so it cannot read $file; open it (chmod o+x '$p') or use another --dir"
  done
  die "user $user cannot read $file"
}

# A munge key of the lab's own, shared by all its clusters. munged insists that its socket folder be open to all and
# its key readable by munge alone.
write_munge_key() {
  local d
  d=$(munge_dir)
  [[ -s "$d/munge.key" ]] || mungekey --create --keyfile="$d/munge.key" >/dev/null 2>&1 ||
    die "mungekey could not write $d/munge.key"
  chown -R munge:munge "$d"
  chmod 0755 "$d"
  chmod 0400 "$d/munge.key"
}

# The JWT key of cluster $1: 32 random bytes, readable by SlurmUser (root) only, as Slurm requires.
write_jwt_key() {
  local key
  key="$(cdir "$1")/etc/jwt.key"
  [[ -s "$key" ]] || (umask 077 && head -c 32 /dev/urandom >"$key")
  chown root:root "$key"
  chmod 0600 "$key"
}

# Placeholder GPUs: Slurm 22.05 drops GPUs without a File= and rejects regular files, but accepts symlinks to a
# character device, so each GPU is a link to /dev/null.
make_fake_gpus() {
  local d g
  d="$(cdir "$1")/dev"
  for ((g = 0; g < GPUS_PER_NODE; g++)); do ln -sfn /dev/null "$d/gpu$g"; done
}

# A Slurm host range: prefix[first-last], or prefix+first when there is one.
range() {
  local prefix=$1 first=$2 last=$3
  if [[ "$first" == "$last" ]]; then echo "$prefix$first"; else echo "${prefix}[$first-$last]"; fi
}

# The node lines of cluster $1, one per rack, with the rack's topology as node features (see docs/slurm.md).
node_lines() {
  local k=$1 r block p0 first last
  local cpus=$((GPUS_PER_NODE * CPUS_PER_GPU))
  p0=$(node_port0 "$k")
  for ((r = 1; r <= RACKS; r++)); do
    block=$(((r - 1) / RACKS_PER_BLOCK + 1))
    first=$((p0 + (r - 1) * NODES_PER_RACK))
    last=$((first + NODES_PER_RACK - 1))
    printf 'NodeName=%s-%s-%s Port=%s NodeHostname=localhost NodeAddr=127.0.0.1' \
      "$(cluster_name "$k")" "$(rack_label "$r")" "$(range n "$(pad "${#NODES_PER_RACK}" 1)" "$NODES_PER_RACK")" \
      "$(range '' "$first" "$last")"
    printf ' CPUs=%d Boards=1 SocketsPerBoard=1 CoresPerSocket=%d ThreadsPerCore=1 RealMemory=%d' \
      "$cpus" "$cpus" "$MEMORY_MIB_PER_NODE"
    printf ' Gres=gpu:%s:%d Features=site:%s,block:%s,rack:%s,model:%s State=UNKNOWN\n' \
      "$GRES_TYPE" "$GPUS_PER_NODE" "$(site_name "$k")" "$(block_label "$block")" "$(rack_label "$r")" "$(model_name)"
  done
}

write_slurm_conf() {
  local k=$1 root
  root=$(croot "$k")
  cat >"$(cdir "$k")/etc/slurm.conf" <<EOF
# Cluster $(cluster_name "$k") of the Ultrafleet Slurm lab, written by scripts/slurm-lab.sh up (see docs/slurm.md).
# Every slurmd of this cluster runs on this host (slurmd -N NODE), each on its own port.
ClusterName=$(cluster_name "$k")
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$(ctld_port "$k")
SlurmdPort=$(slurmd_default_port "$k")
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# The lab's own munged, shared by its clusters.
AuthInfo=socket=$(munge_socket)
# JWT lets slurmrestd act for users; the key is readable by SlurmUser only.
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$root/etc/jwt.key
StateSaveLocation=$root/state
SlurmdSpoolDir=$root/spool/%n
SlurmctldPidFile=$root/run/slurmctld.pid
SlurmdPidFile=$root/run/slurmd-%n.pid
SlurmctldLogFile=$root/log/slurmctld.log
SlurmdLogFile=$root/log/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
# Nodes report the CPUs and memory declared here, not the host's.
SlurmdParameters=config_overrides
# A node that comes back with a valid configuration returns to service by itself.
ReturnToService=2
SchedulerType=sched/backfill
# Schedule batch jobs (REST submissions are batch jobs) at the next pass, not up to 3 s later.
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
# No slurmdbd: no accounting (AccountingStorageTRES would be fatal without it).
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# Short timeouts, so that a lost node is noticed within seconds: measured NOT_RESPONDING about 10 s and DOWN about
# 16-19 s after its slurmd died (a shorter MessageTimeout bounds the retries of the controller's pings).
SlurmdTimeout=10
SlurmctldTimeout=10
MessageTimeout=$(($(nodes_per_cluster) <= 256 ? 5 : 10))
InactiveLimit=0
KillWait=5
Waittime=0
MinJobAge=300
$(node_lines "$k")
# Whole nodes only: a node is the smallest unit Ultrafleet places.
PartitionName=$PARTITION Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=EXCLUSIVE
EOF
  cat >"$(cdir "$k")/etc/gres.conf" <<EOF
# Placeholder GPUs: symlinks to /dev/null, shared by every node of this host.
AutoDetect=off
Name=gpu Type=$GRES_TYPE File=$root/dev/$(range gpu 0 $((GPUS_PER_NODE - 1)))
EOF
  cat >"$(cdir "$k")/etc/cgroup.conf" <<EOF
# Slurm 22.05 has no "disabled" cgroup plugin; autodetect works on cgroup v1, v2 and hybrid hosts.
CgroupPlugin=autodetect
EOF
  chmod 0644 "$(cdir "$k")"/etc/{slurm,gres,cgroup}.conf
}

write_cluster_files() {
  write_jwt_key "$1"
  make_fake_gpus "$1"
  write_slurm_conf "$1"
}
