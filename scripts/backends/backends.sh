#!/usr/bin/env bash
# ./postern backends start|stop|status: the real Cassandra 4.1 and OpenSearch 2.19 that
# storage=cassandra and opensearch.enabled=true use, single-node, on 127.0.0.1 only.
# Settings (environment; defaults):
#   POSTERN_BACKENDS_DIR=<repository>/run-data/backends   jars, data, logs, pid files
#   POSTERN_CQL_PORT=19042 POSTERN_CASSANDRA_STORAGE_PORT=17000 POSTERN_CASSANDRA_JMX_PORT=17199
#   POSTERN_OPENSEARCH_PORT=19200 POSTERN_OPENSEARCH_TRANSPORT_PORT=19300
#   CASSANDRA_HEAP=512M OPENSEARCH_HEAP=512m   POSTERN_BACKENDS=cassandra,opensearch (which ones)
#   POSTERN_MAVEN_REPO  local Maven repository used to fetch the servers (default ~/.m2/repository)
set -uo pipefail
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export POSTERN_BACKENDS_DIR=${POSTERN_BACKENDS_DIR:-$(cd "$DIR/../.." && pwd)/run-data/backends}
CQL_PORT=${POSTERN_CQL_PORT:-19042}
OS_PORT=${POSTERN_OPENSEARCH_PORT:-19200}
IFS=, read -r -a WANTED <<< "${POSTERN_BACKENDS:-cassandra,opensearch}"
LOGS=$POSTERN_BACKENDS_DIR/start-logs

running() { # name pidfile
    [[ -f $2 ]] && kill -0 "$(cat "$2")" 2>/dev/null
}
pidfile() {
    case $1 in
        cassandra) echo "$POSTERN_BACKENDS_DIR/cassandra/cassandra.pid" ;;
        opensearch) echo "$POSTERN_BACKENDS_DIR/opensearch/work/opensearch.pid" ;;
        *) echo "postern backends: unknown backend '$1' in POSTERN_BACKENDS (cassandra, opensearch)" >&2; exit 2 ;;
    esac
}
address() {
    case $1 in cassandra) echo "127.0.0.1:$CQL_PORT" ;; opensearch) echo "http://127.0.0.1:$OS_PORT" ;; esac
}

start() {
    mkdir -p "$LOGS"
    local pids=() name failed=0 t0=$SECONDS
    for name in "${WANTED[@]}"; do
        pidfile "$name" >/dev/null
        "$DIR/start-$name.sh" > "$LOGS/$name.out" 2> "$LOGS/$name.err" &
        pids+=($!)
    done
    local i=0
    for name in "${WANTED[@]}"; do
        if wait "${pids[$i]}"; then
            echo "postern backends: $name ready at $(address "$name") (pid $(tail -n 1 "$LOGS/$name.out"))"
        else
            failed=1
            echo "postern backends: $name failed to start; its output ($LOGS/$name.err):" >&2
            tail -n 20 "$LOGS/$name.err" >&2
        fi
        i=$((i + 1))
    done
    echo "postern backends: started in $((SECONDS - t0))s"
    return $failed
}

stop() {
    local name
    for name in "${WANTED[@]}"; do "$DIR/stop-$name.sh"; done
}

status() {
    local name rc=0
    for name in "${WANTED[@]}"; do
        if running "$name" "$(pidfile "$name")"; then
            echo "$name: running, pid $(cat "$(pidfile "$name")"), $(address "$name")"
        else
            echo "$name: stopped"; rc=3
        fi
    done
    return $rc
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: ./postern backends start|stop|status" >&2; exit 2 ;;
esac
