#!/usr/bin/env python3
"""Write a long model with mistakes late in it, and the diagnostics' expected
FILE:LINE:COL, computed here from byte offsets independently of sipzone.

usage: model_positions.py MODEL EXPECTED KIND
  KIND load:  unknown keys in sip_domains[] (past the 4,096 elements from
              which the loader splits the work between two threads), names
              with an empty label late in a long certificate SAN list, and
              unknown keys in many edge pools; CRLF, lone CR and minified
              lines mixed in.
  KIND rules: many edge pools whose address is private (address-not-public
              warnings, reported by the rules that run after loading).
"""
import sys

model_path, expected_path, kind = sys.argv[1:4]
N_DOMAINS = 6000
N_POOLS = 400

parts = []       # the text, as a list of str pieces (ASCII only)
marks = []       # (offset, rule) of each expected diagnostic
size = 0


def put(s, mark=None, at=0):
    """Append s; when mark is given, expect a diagnostic at offset `at` of s."""
    global size
    if mark is not None:
        marks.append((size + at, mark))
    parts.append(s)
    size += len(s)


def nl(i):
    # mix line endings: mostly LF, some CRLF, a few lone CR
    return "\r\n" if i % 7 == 3 else ("\r" if i % 53 == 5 else "\n")


put('{\n  "version": 1,\r\n  "defaults": { "ttl": 3600 },\n  "edge_pools": {\n')
for p in range(N_POOLS):
    put('    "pool%04d": {%s' % (p, nl(p)))
    put('\t"access_edge": "sip.tenant000000.example.com",\n')
    if kind == "rules":
        put('      "addresses": ', )
        put('["10.0.%d.%d"],\n' % (p // 250, p % 250 + 1), "address-not-public")
    else:
        put('      "addresses": ["203.0.113.10", "2001:db8::10"],\n')
        if p >= N_POOLS - 50:
            put('      "colour": 1,', "unknown-key", 6)
            put(nl(p))
    put('      "certificate": { "subject": "sip.tenant000000.example.com", "san": [')
    n_san = N_DOMAINS if p == 0 else 1
    for i in range(n_san):
        bad = kind == "load" and p == 0 and i >= N_DOMAINS - 40
        host = "sip..tenant%06d.example.com" % i if bad else "sip.tenant%06d.example.com" % i
        sep = ", " if i % 5 else "," + nl(i) + "        "
        put(sep if i else "")
        put('"%s"' % host, "bad-name" if bad else None)
        put(', "xmpp.tenant%06d.example.com"' % i)
    put('] }\n    }%s\n' % ("," if p < N_POOLS - 1 else ""))
put('  },\n  "sip_domains": [\n')
for i in range(N_DOMAINS):
    bad = kind == "load" and (i % 97 == 0 or i >= N_DOMAINS - 30)
    put('    { "domain": "tenant%06d.example.com", "edge_pool": "pool%04d", "xmpp": true'
        % (i, i % N_POOLS))
    if bad:
        put(', "bogus": 1', "unknown-key", 2)
    put(' }')
    put("," if i < N_DOMAINS - 1 else "")
    # every tenth line holds several domains (minified style)
    put(" " if i % 10 else nl(i))
put('\n  ]\n}\n')

text = "".join(parts)
with open(model_path, "w", newline="") as f:
    f.write(text)

# line starts: after "\n", and after a "\r" that is not part of "\r\n"
starts = [0]
for k, ch in enumerate(text):
    if ch == "\n" or (ch == "\r" and (k + 1 >= len(text) or text[k + 1] != "\n")):
        starts.append(k + 1)

import bisect
with open(expected_path, "w") as f:
    for off, rule in sorted(marks):
        line = bisect.bisect_right(starts, off)
        col = off - starts[line - 1] + 1
        f.write("%d:%d %s\n" % (line, col, rule))
