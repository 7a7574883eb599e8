#!/usr/bin/python3
"""Sign a message with dkimpy and print the DKIM-Signature header field.

usage: dkimpy_sign.py MESSAGE KEYFILE ALGORITHM SELECTOR DOMAIN CANONICALIZATION [NOW]
  KEYFILE           rsa-sha256: PEM private key; ed25519-sha256: base64 of the 32-octet seed
  ALGORITHM         rsa-sha256 or ed25519-sha256
  CANONICALIZATION  header/body, e.g. relaxed/simple
  NOW               optional Unix time to write in t=
"""
import sys
import time

import dkim


def main():
    message = open(sys.argv[1], 'rb').read()
    key = open(sys.argv[2], 'rb').read().strip()
    algorithm = sys.argv[3].encode('ascii')
    header, body = sys.argv[6].encode('ascii').split(b'/')
    if len(sys.argv) > 7:
        now = float(sys.argv[7])
        time.time = lambda: now
    signature = dkim.sign(message, sys.argv[4].encode('ascii'), sys.argv[5].encode('ascii'), key,
                          canonicalize=(header, body), signature_algorithm=algorithm,
                          include_headers=[b'from', b'to', b'subject', b'date', b'message-id'])
    sys.stdout.buffer.write(signature)


if __name__ == '__main__':
    main()
