#!/usr/bin/env bash
# Booking storm benchmark (see docs/BENCHMARKS.md). Loopback only; stops by itself.
# Usage: bench/booking-storm.sh [-Dpeople=10000] [-Dslots=500] [-Dconcurrency=256] [-DpgbenchClients=32]
#                               [-Dwarmup=10000] [-DwarmupRounds=8]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pgbench >/dev/null 2>&1; then
  echo "pgbench is missing; installing Debian's PostgreSQL client tools"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client postgresql-contrib >/dev/null
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk (the HTTP load generator) is missing; installing Debian's package"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
exec mvn -q test-compile exec:java -Dexec.classpathScope=test -Dmain.class=at.jobfair.bench.BookingStorm "$@"
