#!/usr/bin/env bash
# Page speed benchmark (see docs/BENCHMARKS.md): the product as its own process and, in the same run, a bare Vert.x +
# Handlebars server rendering the same booth page from memory as the ceiling; the booth page (not signed in and signed
# in), the fair page and a static file against it. Loopback only; stops by itself.
# Usage: bench/page-speed.sh [-Dconnections=32] [-Dseconds=10] [-Dwarmup=20] [-DwarmupRounds=3] [-Drounds=1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# The server, the ceiling and the driver run from a copy of the classes, so that compiling meanwhile cannot change them.
snap="$(mktemp -d /tmp/jobfair-bench-classes.XXXXXX)"
cp -r target/classes target/test-classes "$snap/"
cp="$snap/classes:$snap/test-classes:$(cat target/bench.classpath)"
exec java -Xmx1g -Dserver.classpath="$cp" "$@" -cp "$cp" at.jobfair.bench.PageSpeed
