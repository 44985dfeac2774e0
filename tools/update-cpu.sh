#!/usr/bin/env bash
# Server CPU time per update request of one jar, for A/B runs of the write path (docs/PERFORMANCE.md, #16):
#   tools/update-cpu.sh NAME JAR [JVM OPTION ...]
# Starts the jar with ./run's JVM options on a fresh SQLite file, creates tasks (3 s of create.lua),
# warms up with 6 s of updates, then measures 10 s of PUTs on ids 1..2000 and prints req/s and the
# server's user+system CPU per request. SCRIPT picks the wrk script: ../shared/bench's update.lua
# (the same body every time, the benchmark's) by default, or tools/wrk/update_change.lua (a new
# name and flag every time). C sets the connections (10). Alternate the jars: this machine drifts.
set -euo pipefail
name=$1; jar=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH:-$here/../../shared/bench}
port=$((21000 + RANDOM % 9000)); data=$(mktemp -d)
setsid java -XX:+UseSerialGC -Xms16m -Xmx160m -Xss512k -XX:+ExitOnOutOfMemoryError "$@" -jar "$jar" \
    --port "$port" --db "$data/todo.db" >"$data/log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
curl -fs -o /dev/null "http://127.0.0.1:$port/" || { echo "$name: the server did not answer in 30 s:" >&2; cat "$data/log" >&2; exit 1; }
url=http://127.0.0.1:$port
wrk -t2 -c10 -d3s -s "$bench/wrk/create.lua" "$url" >/dev/null 2>&1
wrk -t2 -c10 -d6s -s "$bench/wrk/update.lua" "$url" -- 1 2000 >/dev/null 2>&1
cp "$bench/wrk/common.lua" "$data/" && cp "${SCRIPT:-$bench/wrk/update.lua}" "$data/update.lua"
before=$(awk '{print $14+$15}' "/proc/$pid/stat")
out=$(wrk -t2 -c"${C:-10}" -d10s -s "$data/update.lua" "$url" -- 1 2000 2>&1)
after=$(awk '{print $14+$15}' "/proc/$pid/stat")
requests=$(awk '/requests in/{print $1}' <<<"$out")
rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
echo "$name update c=${C:-10}: $rps req/s, $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.1f", t / hz / n * 1e6}') µs CPU/request"
