#!/usr/bin/python3
"""Prints the RFC 8474 THREADID of every message of INBOX, one per line, in sequence order.

Python's imaplib, not JavaMail: JavaMail drops a FETCH response holding an item it does not
know (THREADID). Usage: thread_ids.py PORT USER PASSWORD (IMAP with STARTTLS on 127.0.0.1;
the server's self-signed certificate is accepted).
"""
import imaplib
import re
import ssl
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
imap = imaplib.IMAP4("127.0.0.1", port)
imap.starttls(ssl_context=context)
imap.login(user, password)
imap.select("INBOX", readonly=True)
status, lines = imap.fetch("1:*", "(THREADID)")
if status != "OK":
    sys.exit("FETCH (THREADID) answered " + status)
for line in lines:
    text = line.decode() if isinstance(line, bytes) else line[0].decode()
    match = re.search(r"^(\d+) \(.*THREADID \(([^)]+)\)", text)
    if match is None:
        sys.exit("no THREADID in: " + text)
    print(match.group(1), match.group(2))
imap.logout()
