#!/usr/bin/env bash
# Walk-up queue benchmark (see docs/BENCHMARKS.md): the product as its own process, 2,000 people with a live socket each
# queueing at 20 booths, whose representatives press "next" at a steady pace.
# Usage: bench/queue.sh [-Dpeople=2000] [-Dbooths=20] [-DnextEveryMs=1000] [-DhereEverySeconds=30]. Stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 30000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# The server and the driver run from a copy of the classes, so that compiling meanwhile cannot change them under a run.
snap="$(mktemp -d /tmp/jobfair-bench-classes.XXXXXX)"
cp -r target/classes target/test-classes "$snap/"
cp="$snap/classes:$snap/test-classes:$(cat target/bench.classpath)"
exec java -Xmx1g -Dserver.classpath="$cp" "$@" -cp "$cp" at.jobfair.bench.QueueBench
