#!/usr/bin/env bash
# Booking storm benchmark (see docs/BENCHMARKS.md): the product as its own process, a load generator in C, and pgbench
# as the ceiling. Loopback only; stops by itself.
# Usage: bench/booking-storm.sh [-Dpeople=10000] [-Dslots=500] [-Dconcurrency=256] [-DpgbenchClients=32]
#                               [-Dwarmup=10000] [-DwarmupRounds=40]
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-client postgresql-contrib)
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing what the benchmark needs: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
gcc -O2 -Wall -o target/storm bench/storm.c
# The server and the driver run from a copy of the classes, so that compiling meanwhile cannot change them under a run.
snap="$(mktemp -d /tmp/jobfair-bench-classes.XXXXXX)"
cp -r target/classes target/test-classes "$snap/"
cp="$snap/classes:$snap/test-classes:$(cat target/bench.classpath)"
exec java -Xmx1g -Dserver.classpath="$cp" "$@" -cp "$cp" at.jobfair.bench.BookingStorm
