#!/usr/bin/env bash
# HTTPS beside plain HTTP, one side-by-side run: a plain server and an HTTPS server of the same jar,
# alternated; wrk for HTTP/1.1 (plain and TLS), h2load for HTTP/2 (one stream per connection, as
# HTTP/1.1 keep-alive), 10 connections. Needs wrk, h2load (nghttp2-client), openssl, curl.
#   tools/https-bench.sh [JAR]   (default todo-standalone/target/todo-standalone.jar; SECS=8)
set -u
JAR=$(realpath "${1:-todo-standalone/target/todo-standalone.jar}")
J=${TODO_JAVA:-java}
O="-XX:+UseSerialGC -Xms16m -Xmx160m -Xss512k"
B=${WRK_SCRIPTS:-$(cd "$(dirname "$0")/../../shared/bench/wrk" 2>/dev/null && pwd)}  # the harness's wrk scripts
W=$(mktemp -d); cd "$W"; mkdir d1 d2
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout key.pem -out cert.pem 2>/dev/null
$J $O -jar "$JAR" --port 24001 --db d1/t.db > d1/log 2>&1 & P1=$!
$J $O -jar "$JAR" --port 24002 --db d2/t.db --tls-cert cert.pem --tls-key key.pem > d2/log 2>&1 & P2=$!
for i in $(seq 100); do curl -fs -o /dev/null http://127.0.0.1:24001/ && curl -fsk -o /dev/null https://127.0.0.1:24002/ && break; sleep 0.2; done
echo '{"name":"x","done":false}' > body.json
wrkrps() { wrk -t2 -c10 -d${SECS:-8}s -s $B/$1.lua $2 ${3:+-- $3} 2>&1 | sed -n 's/^WRKRESULT //p' | python3 -c 'import json,sys;print(round(json.load(sys.stdin)["rps"]))'; }
h2rps() { h2load -c10 -t2 -m1 -D ${SECS:-8} "$@" 2>&1 | awk '/finished in/ {gsub(",","",$4); print int($4)}'; }
# warm-up and rows to read
for u in http://127.0.0.1:24001 https://127.0.0.1:24002; do wrk -t2 -c10 -d6s -s $B/create.lua $u >/dev/null 2>&1; wrk -t2 -c10 -d6s -s $B/hello.lua $u >/dev/null 2>&1; done
h2load -c10 -t2 -m1 -D 5 https://127.0.0.1:24002/ >/dev/null 2>&1
for round in 1 2; do
  echo "round $round"
  echo "hello plain-h1 $(wrkrps hello http://127.0.0.1:24001) https-h1 $(wrkrps hello https://127.0.0.1:24002) https-h2 $(h2rps https://127.0.0.1:24002/)"
  echo "read plain-h1 $(wrkrps read http://127.0.0.1:24001 '1 1000') https-h1 $(wrkrps read https://127.0.0.1:24002 '1 1000') https-h2 $(h2rps https://127.0.0.1:24002/tasks/500)"
  echo "create plain-h1 $(wrkrps create http://127.0.0.1:24001) https-h1 $(wrkrps create https://127.0.0.1:24002) https-h2 $(h2rps -d body.json -H 'content-type: application/json' https://127.0.0.1:24002/tasks)"
done
kill $P1 $P2; sleep 2; kill -9 $P1 $P2 2>/dev/null; rm -rf "$W"
