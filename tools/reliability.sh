#!/usr/bin/env bash
# The long forms of the reliability tests (docs/RELIABILITY.md), against the runnable jar.
#
#   tools/reliability.sh crash        [--kills 20] [--synchronous normal|full|both] [--seed N]
#   tools/reliability.sh load         [--seconds 60] [--connections 256] [--p99-bound-ms 2000]
#   tools/reliability.sh bad-input    [--requests 100000] [--slow 500]
#   tools/reliability.sh slow-clients [--connections 500] [--seconds 60] [--request-timeout-ms 2000] [--p99-bound-ms 500]
#   tools/reliability.sh resource     [--connections 1000] [--creates 50000] [--p99-bound-ms 50]
#   tools/reliability.sh all          (every scenario with its defaults: about 8 minutes on 2 cores)
#   common options: --dir DIR (work folder), --server-jvm "-Xmx256m" (JVM options for the server)
#
# Builds the jar and the test classes first (SKIP_BUILD=1 skips that), then runs
# io.github.todo.standalone.reliability.Reliability from todo-standalone's test classes. Prints
# the figures, every broken guarantee, and "N passed, M failed"; exits 1 when a guarantee broke,
# keeping the server logs and databases. --dir DIR chooses the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -eq 0 || "$1" == -h || "$1" == --help ]]; then
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

classpath=todo-standalone/target/reliability.classpath
if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$classpath" ]]; then
    # one reactor run: the jar, the test classes, and a classpath that points at this build's modules
    ./mvnw -B -q -Dstyle.color=never -pl todo-standalone -am package dependency:build-classpath -DskipTests \
        -Dmaven.javadoc.skip -Dmaven.source.skip \
        -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath"
fi

scenario=$1
shift
exec java -cp "todo-standalone/target/test-classes:$(cat "$classpath")" \
    io.github.todo.standalone.reliability.Reliability "$scenario" \
    --jar todo-standalone/target/todo-standalone.jar "$@"
