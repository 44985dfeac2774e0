#!/usr/bin/env bash
# Proves the WAR drops into a real Tomcat 10.1 from Debian's tomcat10 package, unmodified:
# installs the package if missing (root), builds todo.war if missing, copies it to webapps/,
# starts Tomcat on port 8080 (or $PORT), and checks the contract over HTTP. Stops Tomcat after.
#   samples/war/tomcat10-dropin.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8080}
BASE=/var/lib/tomcat10
HOME_DIR=/usr/share/tomcat10

if [ ! -x "$HOME_DIR/bin/catalina.sh" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tomcat10 >/dev/null
fi
[ -f samples/war/target/todo.war ] || ./mvnw -B -q -pl samples/war -am package -DskipTests

data=$(mktemp -d)
mkdir -p "$BASE/conf/Catalina/localhost"
# the database goes where the operator says, through a context parameter (samples/war/README.md)
cat > "$BASE/conf/Catalina/localhost/todo.xml" <<XML
<Context>
    <Parameter name="todo.db" value="$data/todo.db" override="false"/>
</Context>
XML
cp samples/war/target/todo.war "$BASE/webapps/todo.war"
sed -i "s/port=\"8080\"/port=\"$PORT\"/" "$BASE/conf/server.xml"

# as the systemd unit of the package does: CATALINA_BASE/temp does not exist, and sqlite-jdbc
# unpacks its native library into the temp folder
export CATALINA_HOME=$HOME_DIR CATALINA_BASE=$BASE CATALINA_PID=$data/tomcat.pid CATALINA_TMPDIR=/tmp
"$HOME_DIR/bin/catalina.sh" start >/dev/null
trap '"$HOME_DIR/bin/catalina.sh" stop 10 -force >/dev/null 2>&1 || true; rm -f "$BASE/webapps/todo.war"; rm -rf "$BASE/webapps/todo" "$BASE/conf/Catalina/localhost/todo.xml"' EXIT

url=http://127.0.0.1:$PORT/todo
for _ in $(seq 1 120); do curl -fs "$url/" >/dev/null 2>&1 && break; sleep 0.5; done

passed=0 failed=0
check() {   # NAME EXPECTED_STATUS curl-args...
    local name=$1 want=$2; shift 2
    local got
    got=$(curl -s -o /tmp/todo-dropin-body -w '%{http_code}' "$@")
    if [ "$got" = "$want" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name: $got, wanted $want: $(cat /tmp/todo-dropin-body)"; fi
}
json=(-H 'Content-Type: application/json')
check "hello" 200 "$url/"
check "info" 200 "$url/info"
check "health" 200 "$url/health"
check "create" 201 -X POST "${json[@]}" -d '{"name":"from Tomcat","done":false}' "$url/tasks"
id=$(grep -o '"id":[0-9]*' /tmp/todo-dropin-body | cut -d: -f2)
check "read" 200 "$url/tasks/$id"
check "replace" 200 -X PUT "${json[@]}" -d '{"name":"renamed","done":true}' "$url/tasks/$id"
check "patch" 200 -X PATCH "${json[@]}" -d '{"done":false}' "$url/tasks/$id"
check "list" 200 "$url/tasks"
check "page" 200 "$url/tasks?limit=1"
check "blank name" 400 -X POST "${json[@]}" -d '{"name":" ","done":false}' "$url/tasks"
check "malformed json" 400 -X POST "${json[@]}" -d '{"name":' "$url/tasks"
check "bad id" 400 "$url/tasks/abc"
check "wrong type" 415 -X POST -H 'Content-Type: text/plain' -d 'x' "$url/tasks"
check "wrong method" 405 -X DELETE "$url/tasks"
check "delete" 204 -X DELETE "$url/tasks/$id"
check "gone" 404 "$url/tasks/$id"
check "openapi" 200 "$url/openapi.json"
check "web app" 200 "$url/app/"
[ -f "$data/todo.db" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL the database is not at $data/todo.db"; }
echo "Tomcat $("$HOME_DIR/bin/version.sh" 2>/dev/null | sed -n 's/^Server number: *//p'): $passed passed, $failed failed"
[ "$failed" = 0 ]
