#!/usr/bin/env bash
# Live fan-out benchmark (see docs/BENCHMARKS.md): the product as its own process, 10,000 WebSockets on loopback.
# Usage: bench/live-fanout.sh [-Dclients=10000] [-Dstaff=100] [-Devents=60]. Stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 30000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# The server and the driver run from a copy of the classes, so that compiling meanwhile cannot change them under a run.
snap="$(mktemp -d /tmp/jobfair-bench-classes.XXXXXX)"
cp -r target/classes target/test-classes "$snap/"
cp="$snap/classes:$snap/test-classes:$(cat target/bench.classpath)"
exec java -Xmx2g -Dserver.classpath="$cp" "$@" -cp "$cp" at.jobfair.bench.LiveFanout
