#!/usr/bin/env bash
# Start a real single-node Apache Cassandra (from Maven Central jars, no Docker) on loopback.
# Fetches org.apache.cassandra:cassandra-all + deps with mvn, writes a minimal config, starts
# org.apache.cassandra.service.CassandraDaemon in the background, waits until a real CQL query
# (DataStax java-driver 4.15.0, the driver James 3.8.1 ships) succeeds, prints the PID.
#
# Env knobs (defaults):
#   CASSANDRA_VERSION=4.1.10     (James 3.9 docker images use 4.1.9; 5.0.x also works on Java 17)
#   POSTERN_BACKENDS_DIR=<repository>/run-data/backends; CASSANDRA_BASE=$POSTERN_BACKENDS_DIR/cassandra
#                                (jars, config, data, logs, pid file; must be writable)
#   CASSANDRA_HEAP=512M  POSTERN_CQL_PORT=19042  POSTERN_CASSANDRA_STORAGE_PORT=17000  POSTERN_CASSANDRA_JMX_PORT=17199
#   POSTERN_MAVEN_REPO=<local Maven repository for the fetch> (default: Maven's own, ~/.m2/repository)
#   CASSANDRA_AUTH=none|password (password = PasswordAuthenticator + CassandraAuthorizer, user cassandra/cassandra,
#                                 as James' own DockerCassandra test image configures)
#   CASSANDRA_READY_TIMEOUT=180 (seconds)   JAVA=java (Java 17)   CASSANDRA_CLEAN=1 (wipe data before start)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VER=${CASSANDRA_VERSION:-4.1.10}
BASE=${CASSANDRA_BASE:-${POSTERN_BACKENDS_DIR:-$(cd "$SCRIPT_DIR/../.." && pwd)/run-data/backends}/cassandra}
HEAP=${CASSANDRA_HEAP:-512M}
CQL_PORT=${POSTERN_CQL_PORT:-19042}
STORAGE_PORT=${POSTERN_CASSANDRA_STORAGE_PORT:-17000}
JMX_PORT=${POSTERN_CASSANDRA_JMX_PORT:-17199}
AUTH=${CASSANDRA_AUTH:-none}
TIMEOUT=${CASSANDRA_READY_TIMEOUT:-180}
JAVA=${JAVA:-java}
DRIVER_VERSION=4.15.0  # the driver James 3.8.1 ships (already in a James build's repository)

LIB=$BASE/lib-$VER
CLIENT=$BASE/cql-client
CONF=$BASE/conf
WORK=$BASE/work
PIDFILE=$BASE/cassandra.pid
LOG=$WORK/logs/system.log
mkdir -p "$BASE" "$CONF"
MVN_REPO=()
[[ -n ${POSTERN_MAVEN_REPO:-} ]] && MVN_REPO=(-Dmaven.repo.local="$POSTERN_MAVEN_REPO")

log() { echo "[start-cassandra] $*" >&2; }
port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

if [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  log "already running"; cat "$PIDFILE"; exit 0
fi

for p in "CQL port (POSTERN_CQL_PORT)=$CQL_PORT" "storage port (POSTERN_CASSANDRA_STORAGE_PORT)=$STORAGE_PORT" "JMX port (POSTERN_CASSANDRA_JMX_PORT)=$JMX_PORT"; do
  port_free "${p##*=}" || { v=${p#*(}; log "${p%%=*} ${p##*=} on 127.0.0.1 is already in use by another program: set ${v%%)*} to a free port"; exit 2; }
done

# ---------- 1. jars from Maven Central ----------
if [[ ! -f $LIB/cassandra-all-$VER.jar ]]; then
  log "fetching cassandra-all $VER and dependencies with mvn"
  mkdir -p "$BASE/pom-$VER"
  cat > "$BASE/pom-$VER/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.backends</groupId><artifactId>cassandra-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.cassandra</groupId><artifactId>cassandra-all</artifactId><version>$VER</version></dependency>
  </dependencies>
</project>
EOF
  (cd "$BASE/pom-$VER" && mvn "${MVN_REPO[@]}" -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB.tmp") >&2
  mv "$LIB.tmp" "$LIB"
fi
if [[ ! -f $CLIENT/classes/CqlProbe.class ]]; then
  log "fetching java-driver-core $DRIVER_VERSION for the CQL readiness probe"
  mkdir -p "$CLIENT/src"
  cat > "$CLIENT/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.backends</groupId><artifactId>cql-probe</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>com.datastax.oss</groupId><artifactId>java-driver-core</artifactId><version>$DRIVER_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-nop</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
EOF
  (cd "$CLIENT" && mvn "${MVN_REPO[@]}" -q -B dependency:copy-dependencies -DoutputDirectory="$CLIENT/lib") >&2
  cat > "$CLIENT/src/CqlProbe.java" <<'EOF'
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
/** args: host port user|- password|- [smoke]. Exit 0 when a real CQL query succeeds. */
public class CqlProbe {
  public static void main(String[] a) {
    var b = CqlSession.builder().addContactPoint(new InetSocketAddress(a[0], Integer.parseInt(a[1]))).withLocalDatacenter("datacenter1");
    if (!"-".equals(a[2])) b = b.withAuthCredentials(a[2], a[3]);
    try (CqlSession s = b.build()) {
      Row v = s.execute("SELECT release_version FROM system.local").one();
      System.out.println("cassandra release_version=" + v.getString(0));
      if (a.length > 4) {
        s.execute("CREATE KEYSPACE IF NOT EXISTS probe_smoke WITH replication={'class':'SimpleStrategy','replication_factor':1}");
        s.execute("CREATE TABLE IF NOT EXISTS probe_smoke.kv (k text PRIMARY KEY, v int)");
        s.execute("INSERT INTO probe_smoke.kv (k, v) VALUES ('answer', 42)");
        int got = s.execute("SELECT v FROM probe_smoke.kv WHERE k='answer'").one().getInt(0);
        s.execute("DROP KEYSPACE probe_smoke");
        if (got != 42) throw new IllegalStateException("read back " + got);
        System.out.println("CQL smoke (keyspace/table/insert/select/drop) OK");
      }
    } catch (Exception e) {
      System.err.println("CQL probe failed: " + e);
      System.exit(1);
    }
  }
}
EOF
  mkdir -p "$CLIENT/classes"
  javac -nowarn -cp "$CLIENT/lib/*" -d "$CLIENT/classes" "$CLIENT/src/CqlProbe.java" >&2
fi

# ---------- 2. config ----------
case $AUTH in
  password) AUTHN=PasswordAuthenticator; AUTHZ=CassandraAuthorizer; CRED=(cassandra cassandra);;
  none) AUTHN=AllowAllAuthenticator; AUTHZ=AllowAllAuthorizer; CRED=(- -);;
  *) log "CASSANDRA_AUTH must be none or password"; exit 2;;
esac
[[ ${CASSANDRA_CLEAN:-0} == 1 ]] && rm -rf "$WORK"
mkdir -p "$WORK/data" "$WORK/logs"
cat > "$CONF/cassandra.yaml" <<EOF
# Minimal single-node config, loopback only (keys valid for Cassandra 4.1 and 5.0)
cluster_name: 'postern-test'
num_tokens: 1
initial_token: 1
allocate_tokens_for_local_replication_factor: 0
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: SimpleSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "127.0.0.1:$STORAGE_PORT"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
storage_port: $STORAGE_PORT
native_transport_port: $CQL_PORT
start_native_transport: true
data_file_directories:
  - $WORK/data/data
commitlog_directory: $WORK/data/commitlog
saved_caches_directory: $WORK/data/saved_caches
hints_directory: $WORK/data/hints
cdc_raw_directory: $WORK/data/cdc_raw
commitlog_sync: periodic
commitlog_sync_period: 10000ms
commitlog_segment_size: 32MiB
commitlog_total_space: 512MiB
authenticator: $AUTHN
authorizer: $AUTHZ
role_manager: CassandraRoleManager
auto_snapshot: false
snapshot_before_compaction: false
concurrent_reads: 8
concurrent_writes: 8
concurrent_counter_writes: 8
concurrent_compactors: 1
key_cache_size: 16MiB
memtable_heap_space: 128MiB
memtable_offheap_space: 128MiB
read_request_timeout: 10000ms
write_request_timeout: 10000ms
request_timeout: 20000ms
range_request_timeout: 20000ms
EOF
cat > "$CONF/logback.xml" <<'EOF'
<configuration scan="false">
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>${cassandra.logdir}/system.log</file>
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="FILE"/></root>
</configuration>
EOF
# JVM flags: Cassandra's conf/jvm-server.options + conf/jvm17-server.options (5.0 branch; superset of 4.1's jvm11 set)
JVM_OPTS=(
  -ea -da:net.openhft... -XX:+UseThreadPriorities -XX:+HeapDumpOnOutOfMemoryError -XX:+ExitOnOutOfMemoryError
  -Xss256k -XX:+UseTLAB -XX:+ResizeTLAB -XX:+PerfDisableSharedMem -Djava.net.preferIPv4Stack=true
  -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1 -XX:G1HeapRegionSize=16m
  -XX:G1RSetUpdatingPauseTimePercent=5 -XX:MaxGCPauseMillis=300 -XX:InitiatingHeapOccupancyPercent=70
  -Djdk.attach.allowAttachSelf=true
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports java.base/jdk.internal.util=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
  --add-exports java.sql/java.sql=ALL-UNNAMED --add-exports java.base/java.lang.ref=ALL-UNNAMED
  --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
  --add-opens java.base/java.lang.module=ALL-UNNAMED --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
  --add-opens java.base/jdk.internal.math=ALL-UNNAMED --add-opens java.base/jdk.internal.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/java.lang.reflect=ALL-UNNAMED --add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens java.base/java.net=ALL-UNNAMED --add-opens java.base/java.math=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.useCacheForAllThreads=true -Dio.netty.allocator.maxOrder=11
)
JAMM=$(ls "$LIB"/jamm-*.jar | head -1)

# ---------- 3. start ----------
T0=$(date +%s)
log "starting Cassandra $VER (heap $HEAP, cql 127.0.0.1:$CQL_PORT, auth=$AUTH), log: $LOG"
: > "$WORK/logs/stdout.log"
nohup setsid "$JAVA" "${JVM_OPTS[@]}" -Xms"$HEAP" -Xmx"$HEAP" -javaagent:"$JAMM" \
  -Dcassandra.config=file://"$CONF"/cassandra.yaml \
  -Dlogback.configurationFile=file://"$CONF"/logback.xml \
  -Dcassandra.logdir="$WORK/logs" -Dcassandra.storagedir="$WORK/data" \
  -Dcassandra.jmx.local.port="$JMX_PORT" \
  -Dcassandra-foreground=yes \
  -Dcassandra.skip_wait_for_gossip_to_settle=0 -Dcassandra.load_ring_state=false \
  -Dcassandra.superuser_setup_delay_ms=0 \
  -cp "$LIB/*" org.apache.cassandra.service.CassandraDaemon \
  >> "$WORK/logs/stdout.log" 2>&1 < /dev/null &
PID=$!
echo "$PID" > "$PIDFILE"

# ---------- 4. wait until a real CQL query works ----------
while :; do
  if ! kill -0 "$PID" 2>/dev/null; then
    log "Cassandra exited during startup; last log lines:"; tail -n 30 "$LOG" "$WORK/logs/stdout.log" >&2 || true
    rm -f "$PIDFILE"; exit 1
  fi
  if (( $(date +%s) - T0 > TIMEOUT )); then
    log "not ready after ${TIMEOUT}s; stopping it"; kill "$PID" || true; rm -f "$PIDFILE"; exit 1
  fi
  if (exec 3<>/dev/tcp/127.0.0.1/"$CQL_PORT") 2>/dev/null &&
     "$JAVA" -cp "$CLIENT/classes:$CLIENT/lib/*" CqlProbe 127.0.0.1 "$CQL_PORT" "${CRED[@]}" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
log "ready after $(( $(date +%s) - T0 ))s; pid $PID (pid file $PIDFILE)"
echo "$PID"
