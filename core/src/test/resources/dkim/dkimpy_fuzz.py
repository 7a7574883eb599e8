#!/usr/bin/python3
"""Random messages signed by dkimpy, some then altered: input of the DKIM differential fuzz test.

usage: dkimpy_fuzz.py DIR COUNT SEED
Writes into DIR: keys.txt ("name TXT-value" lines), and for each case NNNN: NNNN.orig (the
message unsigned), NNNN.eml (signed by dkimpy with random algorithm, canonicalization, signed
fields, oversigning and l=, then perhaps altered), NNNN.meta (what was done). Prints
"NNNN pass|fail" per case: dkimpy's own verdict on NNNN.eml. Every body ends in CRLF, as SMTP
DATA guarantees (dkimpy's relaxed canonicalization of a last line without CRLF keeps its
trailing white space, unlike RFC 6376 section 3.4.4).
"""
import base64
import os
import random
import subprocess
import sys

import dkim
from nacl.signing import SigningKey

DIR = sys.argv[1]
N = int(sys.argv[2])
random.seed(int(sys.argv[3]))
os.makedirs(DIR, exist_ok=True)
subprocess.run(["openssl", "genrsa", "-out", os.path.join(DIR, "rsa.pem"), "2048"], check=True, capture_output=True)
rsa_pem = open(os.path.join(DIR, "rsa.pem"), "rb").read()
pub = subprocess.run(["openssl", "rsa", "-in", os.path.join(DIR, "rsa.pem"), "-pubout", "-outform", "DER"],
                     check=True, capture_output=True).stdout
rsa_txt = "v=DKIM1; k=rsa; p=" + base64.b64encode(pub).decode()
ed_key = SigningKey.generate()
ed_seed = base64.b64encode(bytes(ed_key))
ed_txt = "v=DKIM1; k=ed25519; p=" + base64.b64encode(bytes(ed_key.verify_key)).decode()
WHITE_SPACE = [" ", "\t", "  ", " \t"]
WORD_CHARACTERS = "abcdefghijKLMNOP0123,.;:<>@\"'()="


def words(count):
    return ["".join(random.choice(WORD_CHARACTERS) for _ in range(random.randint(1, 9))) for _ in range(count)]


def field_value(parts):
    """Parts joined by random white space, sometimes folded, sometimes with trailing white space."""
    value = ""
    for index, part in enumerate(parts):
        separator = random.choice(WHITE_SPACE) if index else random.choice(["", " ", "  "])
        if index and random.random() < 0.2:
            separator = "\r\n" + random.choice(WHITE_SPACE)
        value += separator + part
    if random.random() < 0.2:
        value += random.choice(WHITE_SPACE)
    return value


def message():
    fields = [("From", field_value(["Alice", "<alice@example.com>"])), ("To", field_value(["bob@example.org"]))]
    others = [(random.choice(["Subject", "SUBJECT", "subject"]), field_value(words(random.randint(0, 6)))),
              ("Date", " Sun, 29 Nov 2026 10:00:00 +0000"),
              ("Message-ID", " <%d@example.com>" % random.randint(1, 10 ** 9))]
    for _ in range(random.randint(0, 4)):
        others.append((random.choice(["X-A", "X-B", "Received", "Cc", "Reply-To", "X-Empty"]),
                       field_value(words(random.randint(0, 5)))))
    random.shuffle(others)
    header = "".join("%s:%s\r\n" % field for field in fields + others)
    lines = []
    for _ in range(random.randint(0, 8)):
        line = field_value(words(random.randint(0, 8))).replace("\r\n", "")
        if random.random() < 0.1:
            line = ""
        if random.random() < 0.1:
            line += random.choice(WHITE_SPACE)
        if random.random() < 0.05:
            line = "." + line
        lines.append(line)
    body = "\r\n".join(lines) + "\r\n"
    if random.random() < 0.2:
        body += "\r\n" * random.randint(1, 3)
    if random.random() < 0.1:
        body += " \r\n\t\r\n"
    return (header + "\r\n" + body).encode()


ALTERATIONS = ["none"] * 5 + ["body-ws", "body-trailing-empty", "body-change", "header-ws", "header-case",
                              "header-change", "add-from", "add-unsigned", "fold"]


def alter(signed, alteration):
    header, body = signed.split(b"\r\n\r\n", 1)
    if alteration == "body-ws":
        body = body.replace(b" ", b"  ", 1) if b" " in body else body + b" \r\n"
    elif alteration == "body-trailing-empty":
        body = body + b"\r\n\r\n"
    elif alteration == "body-change":
        body = body + b"x\r\n"
    elif alteration == "header-ws":
        header = header.replace(b"Date: ", b"Date:  ", 1)
    elif alteration == "header-case":
        header = header.replace(b"From:", b"FROM:", 1)
    elif alteration == "header-change":
        header = header.replace(b"bob@", b"bub@", 1)
    elif alteration == "add-from":
        header = header + b"\r\nFrom: mallory@example.net"
    elif alteration == "add-unsigned":
        header = header + b"\r\nX-Unsigned: yes"
    elif alteration == "fold":
        header = header.replace(b"Date: Sun,", b"Date: Sun,\r\n ", 1)
    return header + b"\r\n\r\n" + body


KEYS = {"rsa._domainkey.example.com": rsa_txt, "ed._domainkey.example.com": ed_txt}
SIGNABLE = [b"to", b"subject", b"date", b"message-id", b"cc", b"reply-to", b"x-a"]


def dns(name, timeout=5):
    return KEYS.get(name.decode().rstrip(".").lower(), "").encode() or None


def main():
    with open(os.path.join(DIR, "keys.txt"), "w") as keys:
        keys.write("".join("%s %s\n" % record for record in KEYS.items()))
    for case in range(N):
        original = message()
        algorithm = random.choice([b"rsa-sha256", b"ed25519-sha256"])
        key, selector = (rsa_pem, b"rsa") if algorithm == b"rsa-sha256" else (ed_seed, b"ed")
        canonicalization = (random.choice([b"simple", b"relaxed"]), random.choice([b"simple", b"relaxed"]))
        signed_fields = [b"from"] + random.sample(SIGNABLE, random.randint(0, 5))
        if random.random() < 0.3:
            signed_fields += [b"from", b"subject"]  # oversigning
        body_length = random.random() < 0.15
        signature = dkim.sign(original, selector, b"example.com", key, canonicalize=canonicalization,
                              signature_algorithm=algorithm, include_headers=signed_fields, length=body_length)
        alteration = random.choice(ALTERATIONS)
        signed = alter(signature + original, alteration)
        name = os.path.join(DIR, "%04d" % case)
        open(name + ".orig", "wb").write(original)
        open(name + ".eml", "wb").write(signed)
        open(name + ".meta", "w").write("%s %s %s h=%s l=%s\n" % (alteration, algorithm.decode(),
                                        b"/".join(canonicalization).decode(), b":".join(signed_fields).decode(), body_length))
        try:
            verdict = "pass" if dkim.DKIM(signed).verify(dnsfunc=dns) else "fail"
        except dkim.DKIMException:
            verdict = "fail"
        print("%04d %s" % (case, verdict))


if __name__ == "__main__":
    main()
