#!/usr/bin/env bash
# Times the full default scenario RUNS times (default 5) and reports the median wall time and the peak heap in use
# (the largest heap occupancy the GC log shows before a collection), run by the launcher as a user runs it (its
# collector and huge pages) with the heap capped at 1 GiB (the target). Usage: scripts/bench-default-scenario.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
"$root/ultrafleet" --version >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  ULTRAFLEET_JAVA_OPTS="-Xmx1g -Xlog:gc:file=$tmp/gc-$i.log ${ULTRAFLEET_JAVA_OPTS:-}" "$root/ultrafleet" simulate --json \
    > "$tmp/out-$i.json" 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc >> "$tmp/times"
  grep -oE '[0-9]+M->' "$tmp/gc-$i.log" | sed 's/M->//' | sort -n | tail -1 >> "$tmp/heaps" || echo 0 >> "$tmp/heaps"
done
cmp -s "$tmp/out-1.json" "$tmp/out-$runs.json" && same=yes || same=no
sort -n "$tmp/times" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "wall_s median %.2f (min %.2f, max %.2f, runs %d)\n", m, a[1], a[NR], NR}'
sort -n "$tmp/heaps" | awk '{a[NR]=$1} END {printf "peak_heap_used_mib max %d\n", a[NR]}'
echo "identical summaries across runs: $same"
