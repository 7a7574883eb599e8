#!/usr/bin/env bash
# Stop the Cassandra node started by start-cassandra.sh (by PID file only).
set -uo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE=${CASSANDRA_BASE:-${POSTERN_BACKENDS_DIR:-$(cd "$SCRIPT_DIR/../.." && pwd)/run-data/backends}/cassandra}
PIDFILE=$BASE/cassandra.pid
[[ -f $PIDFILE ]] || { echo "[stop-cassandra] no pid file ($PIDFILE)"; exit 0; }
PID=$(cat "$PIDFILE")
if kill -0 "$PID" 2>/dev/null; then
  kill "$PID"
  for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$PID" 2>/dev/null; then echo "[stop-cassandra] still alive after 60s, SIGKILL $PID"; kill -9 "$PID"; fi
  echo "[stop-cassandra] stopped $PID"
else
  echo "[stop-cassandra] $PID not running"
fi
rm -f "$PIDFILE"
[[ ${CASSANDRA_CLEAN:-0} == 1 ]] && rm -rf "$BASE/work"
exit 0
