#!/usr/bin/env bash
# Stop the OpenSearch node started by start-opensearch.sh (by PID file only; OpenSearch writes it via -p).
set -uo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE=${OPENSEARCH_BASE:-${POSTERN_BACKENDS_DIR:-$(cd "$SCRIPT_DIR/../.." && pwd)/run-data/backends}/opensearch}
PIDFILE=$BASE/work/opensearch.pid
[[ -f $PIDFILE ]] || { echo "[stop-opensearch] no pid file ($PIDFILE)"; exit 0; }
PID=$(cat "$PIDFILE")
if kill -0 "$PID" 2>/dev/null; then
  kill "$PID"
  for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$PID" 2>/dev/null; then echo "[stop-opensearch] still alive after 60s, SIGKILL $PID"; kill -9 "$PID"; fi
  echo "[stop-opensearch] stopped $PID"
else
  echo "[stop-opensearch] $PID not running"
fi
rm -f "$PIDFILE"
[[ ${OPENSEARCH_CLEAN:-0} == 1 ]] && rm -rf "$BASE/work"
exit 0
