#!/usr/bin/env python3
"""Zones with many findings for tests/scale/findings_stream.sh, and the
findings expected, in the documented output order (file, line; at one line
in the order the rules find them), computed here.

usage: findings_stream.py DIR N   writes DIR/c.zone, DIR/a.zone (which
$INCLUDEs DIR/a.inc) and DIR/expected ("FILE:LINE RULE" lines, in order).
Per record i: i % 3 == 0 an SRV outside its SIP domain (a finding made
while reading, then client-strict-naming at the same line), else an SRV at
a host of the zone without address (srv-target-no-address, made by the
rules at the end of input): the two kinds interleave line by line."""
import os
import sys

d, n = sys.argv[1], int(sys.argv[2])
expected = {}


def zone(name, origin, first, count, include=None):
    lines = ["$ORIGIN %s." % origin, "$TTL 3600", "@ IN SOA ns1 h 1 2 3 4 5", "@ IN NS ns1",
             "ns1 IN A 192.0.2.1"]
    found = []
    for i in range(first, first + count):
        if include is not None and i == first + count // 2:
            lines.append("$INCLUDE %s" % include)
        if i % 3 == 0:
            lines.append("_sip._tls.t%d IN SRV 0 0 443 sip.o%d.example.net." % (i, i))
            found.append((name, len(lines), "srv-target-outside-namespace"))
            found.append((name, len(lines), "client-strict-naming"))
        else:
            lines.append("_sip._tls.t%d IN SRV 0 0 443 sip.t%d.%s." % (i, i, origin))
            found.append((name, len(lines), "srv-target-no-address"))
    with open(os.path.join(d, name), "w") as f:
        f.write("\n".join(lines) + "\n")
    expected[name] = found


zone("c.zone", "c.example", 0, n)
zone("a.zone", "a.example", 0, n, include="a.inc")
# the included file continues a.zone's origin: relative owners, its own lines
inc = []
found = []
for i in range(n, n + n // 2):
    if i % 3 == 0:
        inc.append("_sip._tls.t%d IN SRV 0 0 443 sip.o%d.example.net." % (i, i))
        found += [("a.inc", len(inc), "srv-target-outside-namespace"),
                  ("a.inc", len(inc), "client-strict-naming")]
    else:
        inc.append("_sip._tls.t%d IN SRV 0 0 443 sip.t%d.a.example." % (i, i))
        found.append(("a.inc", len(inc), "srv-target-no-address"))
with open(os.path.join(d, "a.inc"), "w") as f:
    f.write("\n".join(inc) + "\n")
expected["a.inc"] = found


def order(item):
    # stable: at one line, the reading rules come before the end rules
    name, line, rule = item
    return (name, line, 0 if rule != "srv-target-no-address" else 1)


all_found = sorted((x for v in expected.values() for x in v), key=order)
with open(os.path.join(d, "expected"), "w") as f:
    for name, line, rule in all_found:
        f.write("%s:%d %s\n" % (name, line, rule))
