#!/usr/bin/env bash
# Start a real single-node OpenSearch (no Docker) on loopback, from Maven Central only:
#   - org.opensearch.distribution.integ-test-zip:opensearch:<ver>:zip  (core + transport-netty4 module, no security plugin)
#   - modules analysis-common, lang-painless, reindex rebuilt from org.opensearch.plugin jars
#     (James' index settings need analysis-common: asciifolding, uax_url_email...; _delete_by_query needs reindex;
#      analysis-common extends lang-painless so painless must be present too)
# Waits until _cluster/health is at least yellow, prints the Java PID.
#
# Env knobs (defaults):
#   OPENSEARCH_VERSION=2.19.2 (what James 3.9 uses; the zip exists on Central for 2.19.x, 2.17.1, 2.11.1; not 2.8.0/2.1.0)
#   POSTERN_BACKENDS_DIR=<repository>/run-data/backends; OPENSEARCH_BASE=$POSTERN_BACKENDS_DIR/opensearch
#                                (dist, config, data, logs, pid file; must be writable)
#   OPENSEARCH_HEAP=512m  POSTERN_OPENSEARCH_PORT=19200  POSTERN_OPENSEARCH_TRANSPORT_PORT=19300
#   POSTERN_MAVEN_REPO=<local Maven repository for the fetch> (default: Maven's own, ~/.m2/repository)
#   OPENSEARCH_USER=opensearch  (OpenSearch refuses to run as root: when run as root the script creates this
#                                system user and runs the node as it; when not root it runs as the current user)
#   OPENSEARCH_JAVA_HOME=<JDK of `java` on PATH, i.e. Java 17>   OPENSEARCH_READY_TIMEOUT=180   OPENSEARCH_CLEAN=1 wipes data
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VER=${OPENSEARCH_VERSION:-2.19.2}
BASE=${OPENSEARCH_BASE:-${POSTERN_BACKENDS_DIR:-$(cd "$SCRIPT_DIR/../.." && pwd)/run-data/backends}/opensearch}
HEAP=${OPENSEARCH_HEAP:-512m}
HTTP_PORT=${POSTERN_OPENSEARCH_PORT:-19200}
TRANSPORT_PORT=${POSTERN_OPENSEARCH_TRANSPORT_PORT:-19300}
TIMEOUT=${OPENSEARCH_READY_TIMEOUT:-180}
OS_USER=${OPENSEARCH_USER:-opensearch}
JH=${OPENSEARCH_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

DIST=$BASE/dist/opensearch-$VER
WORK=$BASE/work
PIDFILE=$WORK/opensearch.pid
URL=http://127.0.0.1:$HTTP_PORT
log() { echo "[start-opensearch] $*" >&2; }
mkdir -p "$BASE"
MVN_REPO=()
[[ -n ${POSTERN_MAVEN_REPO:-} ]] && MVN_REPO=(-Dmaven.repo.local="$POSTERN_MAVEN_REPO")
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

if [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  log "already running"; cat "$PIDFILE"; exit 0
fi

port_free "$HTTP_PORT" || { log "HTTP port $HTTP_PORT on 127.0.0.1 is already in use by another program: set POSTERN_OPENSEARCH_PORT to a free port"; exit 2; }
port_free "$TRANSPORT_PORT" || { log "transport port $TRANSPORT_PORT on 127.0.0.1 is already in use by another program: set POSTERN_OPENSEARCH_TRANSPORT_PORT to a free port"; exit 2; }

# ---------- 1. distribution + modules from Maven Central ----------
if [[ ! -f $DIST/.assembled ]]; then
  log "fetching integ-test-zip $VER and modules with mvn"
  rm -rf "$DIST" "$BASE/mvn"
  mkdir -p "$BASE/mvn" "$BASE/dist"
  mvn "${MVN_REPO[@]}" -q -B dependency:copy -Dartifact=org.opensearch.distribution.integ-test-zip:opensearch:"$VER":zip \
      -DoutputDirectory="$BASE/mvn" >&2
  if command -v unzip >/dev/null; then unzip -q "$BASE/mvn/opensearch-$VER.zip" -d "$BASE/dist"
  else (cd "$BASE/dist" && jar xf "$BASE/mvn/opensearch-$VER.zip"); chmod +x "$DIST"/bin/*; fi
  # one Maven reactor, one sub-project per module, so each module's runtime jars land in their own folder
  MODS="analysis-common lang-painless reindex-client"
  { echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '<groupId>local.backends</groupId><artifactId>os-modules</artifactId><version>1</version><packaging>pom</packaging><modules>'
    for m in $MODS; do echo "<module>$m</module>"; done; echo '</modules></project>'; } > "$BASE/mvn/pom.xml"
  for m in $MODS; do
    mkdir -p "$BASE/mvn/$m"
    cat > "$BASE/mvn/$m/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.backends</groupId><artifactId>os-mod-$m</artifactId><version>1</version><packaging>pom</packaging>
<dependencies><dependency><groupId>org.opensearch.plugin</groupId><artifactId>$m</artifactId><version>$VER</version></dependency></dependencies>
</project>
EOF
  done
  (cd "$BASE/mvn" && mvn "${MVN_REPO[@]}" -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=jars) >&2
  mkmod() { # module-dir-name maven-subproject classname extended-plugins description
    local d=$DIST/modules/$1; mkdir -p "$d"
    for j in "$BASE/mvn/$2/jars"/*.jar; do [[ -e $DIST/lib/$(basename "$j") ]] || cp "$j" "$d/"; done  # no jar hell with lib/
    printf 'description=%s\nversion=%s\nname=%s\nclassname=%s\njava.version=11\nopensearch.version=%s\ncustom.foldername=\nextended.plugins=%s\nhas.native.controller=false\n' \
      "$5" "$VER" "$1" "$3" "$VER" "$4" > "$d/plugin-descriptor.properties"
  }
  mkmod lang-painless lang-painless org.opensearch.painless.PainlessPlugin "" "An easy, safe and fast scripting language for OpenSearch"
  mkmod analysis-common analysis-common org.opensearch.analysis.common.CommonAnalysisPlugin lang-painless 'Adds "built in" analyzers to OpenSearch.'
  mkmod reindex reindex-client org.opensearch.index.reindex.ReindexPlugin "" "The Reindex module adds APIs to reindex from one index to another or update documents in place."
  # security policies, as in OpenSearch's modules/*/src/main/plugin-metadata/plugin-security.policy
  cat > "$DIST/modules/lang-painless/plugin-security.policy" <<'EOF'
grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
EOF
  cat > "$DIST/modules/reindex/plugin-security.policy" <<'EOF'
grant {
  permission java.net.SocketPermission "*", "connect";
};
grant codeBase "${codebase.opensearch-rest-client}" {
  permission java.net.NetPermission "getProxySelector";
};
grant codeBase "${codebase.httpasyncclient}" {
  permission java.net.NetPermission "getProxySelector";
};
EOF
  touch "$DIST/.assembled"
fi

# ---------- 2. config ----------
[[ ${OPENSEARCH_CLEAN:-0} == 1 ]] && rm -rf "$WORK"
mkdir -p "$WORK/config" "$WORK/data" "$WORK/logs" "$WORK/tmp"
cp "$DIST/config/log4j2.properties" "$WORK/config/"
cat > "$WORK/config/opensearch.yml" <<EOF
cluster.name: postern-test
node.name: node-1
path.data: $WORK/data
path.logs: $WORK/logs
network.host: 127.0.0.1
http.port: $HTTP_PORT
transport.port: $TRANSPORT_PORT
discovery.type: single-node
# test node on a shared disk: never flip indices read-only because the disk is fairly full
cluster.routing.allocation.disk.threshold_enabled: false
EOF
cat > "$WORK/config/jvm.options" <<EOF
-Xms$HEAP
-Xmx$HEAP
11-:-XX:+UseG1GC
11-:-XX:G1ReservePercent=25
11-:-XX:InitiatingHeapOccupancyPercent=30
-Djava.io.tmpdir=\${OPENSEARCH_TMPDIR}
-XX:+HeapDumpOnOutOfMemoryError
-XX:HeapDumpPath=$WORK/data
-XX:ErrorFile=$WORK/logs/hs_err_pid%p.log
9-:-Xlog:gc*,gc+age=trace,safepoint:file=$WORK/logs/gc.log:utctime,pid,tags:filecount=4,filesize=16m
18-:-Djava.security.manager=allow
20-:--add-modules=jdk.incubator.vector
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
EOF
rm -f "$PIDFILE"

RUN=()
if [[ $(id -u) == 0 ]]; then
  id "$OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER"
  chown -R "$OS_USER": "$WORK"
  if ! runuser -u "$OS_USER" -- test -r "$DIST/lib/opensearch-$VER.jar"; then
    log "user $OS_USER cannot read $DIST (a parent folder is not world-readable?); set OPENSEARCH_BASE elsewhere"; exit 2
  fi
  RUN=(runuser -u "$OS_USER" --)
fi

# ---------- 3. start ----------
T0=$(date +%s)
log "starting OpenSearch $VER (heap $HEAP, $URL, java $JH), logs: $WORK/logs"
cd "$DIST"
nohup setsid "${RUN[@]}" env OPENSEARCH_JAVA_HOME="$JH" OPENSEARCH_PATH_CONF="$WORK/config" OPENSEARCH_TMPDIR="$WORK/tmp" \
  "$DIST/bin/opensearch" -p "$PIDFILE" > "$WORK/logs/stdout.log" 2>&1 < /dev/null &
LAUNCHER=$!

# ---------- 4. wait for cluster health >= yellow ----------
while :; do
  if ! kill -0 "$LAUNCHER" 2>/dev/null && ! { [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }; then
    log "OpenSearch exited during startup; last output:"; tail -n 30 "$WORK/logs/stdout.log" >&2; exit 1
  fi
  if (( $(date +%s) - T0 > TIMEOUT )); then
    log "not ready after ${TIMEOUT}s; stopping it"; [[ -f $PIDFILE ]] && kill "$(cat "$PIDFILE")"; exit 1
  fi
  if [[ -f $PIDFILE ]] && curl -sf -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
log "ready after $(( $(date +%s) - T0 ))s; pid $(cat "$PIDFILE") (pid file $PIDFILE)"
cat "$PIDFILE"
