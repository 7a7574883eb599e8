#!/usr/bin/python3
"""Verify every DKIM-Signature of a message with dkimpy, DNS answered from a file.

usage: dkimpy_verify.py MESSAGE KEYS [NOW]
  MESSAGE  the raw message, or a folder: then every *.eml in it, lines "FILE INDEX VERDICT"
  KEYS     lines "name TXT-value" (e.g. "sel._domainkey.example.com v=DKIM1; k=rsa; p=...")
  NOW      optional Unix time to verify at (t= and x= checks)
Prints one line per signature, top first: "pass", "fail" or "error <reason>".
"""
import os
import sys
import time

import dkim


def main():
    keys = {}
    for line in open(sys.argv[2], 'rb').read().splitlines():
        line = line.strip()
        if not line or line.startswith(b'#'):
            continue
        name, _, value = line.partition(b' ')
        keys[name.rstrip(b'.').lower()] = value.strip()
    if len(sys.argv) > 3:
        now = float(sys.argv[3])
        time.time = lambda: now

    def dnsfunc(name, timeout=5):
        if isinstance(name, str):
            name = name.encode('ascii')
        return keys.get(name.rstrip(b'.').lower())

    if os.path.isdir(sys.argv[1]):
        for name in sorted(f for f in os.listdir(sys.argv[1]) if f.endswith('.eml')):
            message = open(os.path.join(sys.argv[1], name), 'rb').read()
            for index, verdict in enumerate(verdicts(message, dnsfunc)):
                print(name, index, verdict)
    else:
        for verdict in verdicts(open(sys.argv[1], 'rb').read(), dnsfunc):
            print(verdict)


def verdicts(message, dnsfunc):
    d = dkim.DKIM(message)
    count = len([1 for (k, v) in d.headers if k.lower() == b'dkim-signature'])
    for index in range(count):
        try:
            verifier = dkim.DKIM(message)
            yield 'pass' if verifier.verify(idx=index, dnsfunc=dnsfunc) else 'fail'
        except dkim.DKIMException as e:
            yield 'error ' + str(e).replace('\n', ' ')


if __name__ == '__main__':
    main()
