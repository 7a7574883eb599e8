#!/usr/bin/python3
"""dkimpy's DKIM signing and verifying rate on the message JMH uses (Debian python3-dkim).

usage: dkimpy_rate.py SECONDS
Prints one line per operation: "dkimpy rsa-sha256 sign 2048 B: N/s", per CPU second of this
process (time.process_time), as openssl speed and ./postern bench dkim count: a loaded machine
changes the ratios little.
"""
import subprocess
import sys
import tempfile
import time

import dkim

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0


def message(size):
    head = (b"From: Alice <alice@example.org>\r\nTo: Bob <bob@remote.example>\r\n"
            b"Subject: A benchmark message\r\nDate: Sun, 29 Nov 2026 12:00:00 +0000\r\n"
            b"Message-ID: <bench@example.org>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: text/plain; charset=us-ascii\r\n\r\n")
    line = b"The quick brown fox jumps over the lazy dog, and then over it again.   \r\n"
    text = head
    while len(text) < size:
        text += line
    return text


def rate(operation):
    count, start = 0, time.process_time()
    while time.process_time() - start < SECONDS:
        operation()
        count += 1
    return count / (time.process_time() - start)


with tempfile.TemporaryDirectory() as folder:
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", folder + "/key.pem"], check=True, capture_output=True)
    private = open(folder + "/key.pem", "rb").read()
    public = subprocess.run(["openssl", "pkey", "-in", folder + "/key.pem", "-pubout", "-outform", "DER"],
                            check=True, capture_output=True).stdout
import base64
record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)

try:
    import nacl.signing  # dkimpy's Ed25519 (Debian python3-nacl)
    seed = nacl.signing.SigningKey.generate()
    ed_private = base64.b64encode(bytes(seed))
    ed_record = b"v=DKIM1; k=ed25519; p=" + base64.b64encode(bytes(seed.verify_key))
except ImportError:
    ed_private = None
    print("dkimpy ed25519-sha256: not measured, install python3-nacl (Debian)")

keys = [(b"rsa-sha256", private, record)] + ([(b"ed25519-sha256", ed_private, ed_record)] if ed_private else [])
for size in (2048, 20480):
    msg = message(size)
    for algorithm, key, txt in keys:
        sign = lambda: dkim.sign(msg, b"bench", b"example.org", key, signature_algorithm=algorithm,
                                 canonicalize=(b"relaxed", b"relaxed"),
                                 include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
        signed = sign() + msg
        verify = lambda: dkim.verify(signed, dnsfunc=lambda name, timeout=5: txt)
        if not verify():
            sys.exit("dkimpy does not verify its own %s signature" % algorithm.decode())
        print("dkimpy %s sign %d B: %.0f/s" % (algorithm.decode(), size, rate(sign)))
        print("dkimpy %s verify %d B: %.0f/s" % (algorithm.decode(), size, rate(verify)))
