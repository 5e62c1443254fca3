#!/usr/bin/env bash
# Compares two builds on one scenario in alternating pairs (A, B, A, B, ...), so that a machine whose speed drifts
# during the runs (a shared host) slows both alike. Prints each pair's CPU seconds as the runs report them, both
# medians, and in how many pairs B took less CPU than A; says whether every run printed the same summary.
# Usage: scripts/bench-ab.sh PAIRS JAR_A JAR_B [SCENARIO]   (SCENARIO: a file or a built-in name; default: the default)
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: scripts/bench-ab.sh PAIRS JAR_A JAR_B [SCENARIO]" >&2
  exit 2
fi
pairs="$1"
a="$2"
b="$3"
scenario="${4:-}"
if ! [[ "$pairs" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench-ab: PAIRS must be a whole number of at least 1, got '$pairs'" >&2
  exit 2
fi
for jar in "$a" "$b"; do
  if [[ ! -f "$jar" ]]; then
    echo "bench-ab: no such jar: $jar" >&2
    exit 2
  fi
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run() { # jar, label, pair -> CPU seconds
  local out="$tmp/$2-$3.json"
  java -XX:+UseParallelGC -Xmx1g -jar "$1" simulate ${scenario:+"$scenario"} --json >"$out" 2>"$tmp/err"
  sed -n 's/.*wall time, \([0-9.]*\) s CPU.*/\1/p' "$tmp/err" | tail -1
}
faster=0
same=yes
for i in $(seq 1 "$pairs"); do
  ta=$(run "$a" a "$i")
  tb=$(run "$b" b "$i")
  echo "pair $i: A $ta s, B $tb s"
  echo "$ta" >>"$tmp/ta"
  echo "$tb" >>"$tmp/tb"
  if awk -v x="$tb" -v y="$ta" 'BEGIN { exit !(x < y) }'; then
    faster=$((faster + 1))
  fi
  cmp -s "$tmp/a-1.json" "$tmp/a-$i.json" && cmp -s "$tmp/a-1.json" "$tmp/b-$i.json" || same=no
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.2f", m}'; }
echo "median CPU s: A $(median "$tmp/ta"), B $(median "$tmp/tb"); B took less CPU in $faster of $pairs pairs"
echo "identical summaries across all runs: $same"
