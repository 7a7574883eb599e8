#!/usr/bin/env bash
# The outside baselines of BENCHMARKS.md, measured in the same run as ./postern bench jmh:
# OpenSSL's raw signature rates (the floor for DKIM signing) and dkimpy's DKIM rates, RSA-2048 and
# Ed25519. Needs openssl and Debian's python3-dkim and python3-nacl (dkimpy's Ed25519).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
echo "== openssl speed (one core): RSA-2048 and Ed25519 signatures per second"
openssl speed -seconds 3 rsa2048 ed25519 2>/dev/null | grep -E '^rsa 2048|^ *253 bits|Ed25519|sign/s'
echo "== dkimpy (Debian python3-dkim $(dpkg-query -W -f '${Version}' python3-dkim 2>/dev/null || echo '?'))"
/usr/bin/python3 dkimpy_rate.py 3
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
