# shellcheck shell=bash
# The file `up` writes for `ultrafleet serve`: $LAB_DIR/ultrafleet-slurm.yaml, an ultrafleet/v1 document with the
# lab's fleet shape, tenant, queue and priority classes (as in a scenario, docs/scenario.md), the lab's hardware
# model, and an executor section naming the Slurm clusters. docs/slurm.md describes every key. Sourced, never run.

# A YAML scalar: plain when it is safe to be, else double-quoted.
yaml_str() {
  local s=$1
  if [[ "$s" =~ ^[A-Za-z0-9/][A-Za-z0-9/._:+-]*$ ]]; then
    printf '%s' "$s"
  else
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
  fi
}

# Writes the file; $1 is the start time (UTC, ISO 8601).
write_fleet_yaml() {
  local started=$1 expires file k versions
  expires=$(token_expiry 1)
  file=$(yaml_file)
  versions=$(printf '%s, ' "${REST_VERSIONS[@]}")
  install -m 0600 /dev/null "$file.tmp"
  {
    cat <<EOF
# Ultrafleet Slurm lab, written by scripts/slurm-lab.sh up; \`ultrafleet serve\` reads it as it is.
# Fleet shape, tenants and priority classes as in a scenario (docs/scenario.md); the lab's hardware model and the
# Slurm clusters to dispatch to are described in docs/slurm.md. It holds bearer tokens: keep it private.
apiVersion: ultrafleet/v1
name: slurm-lab
description: >-
  Local Slurm lab: $CLUSTERS Slurm cluster(s), one per site, each of $RACKS racks x $NODES_PER_RACK nodes x
  $GPUS_PER_NODE placeholder GPUs, $RACKS_PER_BLOCK racks per block.
start: $started
horizon: $expires # when the lab's tokens expire

priorityClasses:
  - {name: production, value: 1000}
  - {name: training, value: 500}
  - {name: research, value: 100}
  - {name: best-effort, value: 0}

# Models not in the built-in catalogue. A node is a Slurm node (a tray or host); a rack (NVLink domain) holds
# nodesPerRack nodes, and jobs get whole nodes.
hardwareModels:
  - name: $(model_name)
    accelerator: $GRES_TYPE
    gpusPerNode: $GPUS_PER_NODE
    nodesPerRack: $NODES_PER_RACK
    vcpusPerNode: $((GPUS_PER_NODE * CPUS_PER_GPU))
    memoryMibPerNode: $MEMORY_MIB_PER_NODE

fleet:
  providers:
    - name: lab
      regions:
        - name: local
          sites:
EOF
    for ((k = 1; k <= CLUSTERS; k++)); do
      echo "            - {name: $(site_name "$k"), racksPerBlock: $RACKS_PER_BLOCK}"
    done
    echo "  deliveries:"
    for ((k = 1; k <= CLUSTERS; k++)); do
      echo "    - {site: $(site_name "$k"), model: $(model_name), racks: $RACKS, start: $started}"
    done
    cat <<EOF

tenants:
  - name: lab
    queues:
      - {name: default, priorityClass: training}

# Where the work runs: one Slurm cluster per site, reached through slurmrestd with a JWT for an ordinary user.
# Nodes carry their place as features site:SITE, block:BLOCK, rack:RACK and model:MODEL (docs/slurm.md).
executor:
  kind: slurm
  clusters:
EOF
    for ((k = 1; k <= CLUSTERS; k++)); do
      cat <<EOF
    - name: $(cluster_name "$k")
      site: $(site_name "$k")
      url: $(restd_url "$k")
      apiVersions: [${versions%, }]
      partition: $PARTITION
      user: $LAB_USER
      token: $(token_of "$k")
      tokenExpires: $(token_expiry "$k")
      nodes: $(nodes_per_cluster)
      slurmConf: $(yaml_str "$(cdir "$k")/etc/slurm.conf")
EOF
    done
  } >"$file.tmp"
  mv "$file.tmp" "$file"
}
