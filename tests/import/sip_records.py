#!/usr/bin/env python3
"""sip_records.py FILE...: the SIP records of zone files, one per line, sorted,
read by dnspython (independent of sipzone's reader):

  SRV OWNER TTL PRIORITY WEIGHT PORT TARGET     every SRV whose owner is _svc._proto.D
  A|AAAA TARGET TTL ADDRESS                     the addresses of every SRV target
  CNAME TARGET TTL NAME                         an SRV target that is an alias
  SOA ZONE MNAME RNAME REFRESH RETRY EXPIRE MINIMUM   a complete zone (no serial, no TTL)
  NS ZONE TARGET                                the zone's name servers
  GLUE TARGET ADDRESS                           addresses of those inside the zone
  NAPTR OWNER TTL RANK SERVICE REPLACEMENT      RFC 3263's SIP NAPTRs (flag s, no
                                                regexp): RANK is the place in
                                                (order, preference) order, 1 first,
                                                since the numbers are a choice

Names are absolute and lower-case. The files form one namespace, as for
`sipzone check`; each must set $ORIGIN or be named after its zone
(NAME.zone). Used by roundtrip.sh: generate(import(zones)) must print the
same lines as the zones.
"""
import os
import sys

import dns.name
import dns.rdatatype
import dns.zone


def read(path):
    base = os.path.basename(path)
    origin = None
    for suffix in (".zone", ".dns"):
        if base.endswith(suffix):
            origin = base[:-len(suffix)]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    zone = dns.zone.from_text(text, origin=origin, relativize=False, check_origin=False)
    return [rrset for rrset in zone.iterate_rdatasets()]


class Rr:
    def __init__(self, name, rds):
        self.name, self.rdtype, self.ttl, self.rds = name, rds.rdtype, rds.ttl, rds

    def __iter__(self):
        return iter(self.rds)


def main():
    rrs = []
    for p in sys.argv[1:]:
        for name, rds in read(p):
            rrs.append((name, rds))
    rrs = [Rr(n, r) for n, r in rrs]
    by_name = {}
    for rr in rrs:
        by_name.setdefault((rr.name.to_text().lower(), rr.rdtype), []).append(rr)
    out = set()
    targets = set()
    for rr in rrs:
        if rr.rdtype != dns.rdatatype.SRV:
            continue
        labels = rr.name.to_text().lower().split(".")
        if len(labels) < 3 or not labels[0].startswith("_") or not labels[1].startswith("_"):
            continue
        for rd in rr:
            t = rd.target.to_text().lower()
            out.add("SRV %s %d %d %d %d %s" % (rr.name.to_text().lower(), rr.ttl, rd.priority,
                                               rd.weight, rd.port, t))
            targets.add(t)
    for t in targets:
        for rdtype, label in ((dns.rdatatype.A, "A"), (dns.rdatatype.AAAA, "AAAA"),
                              (dns.rdatatype.CNAME, "CNAME")):
            for rr in by_name.get((t, rdtype), []):
                for rd in rr:
                    out.add("%s %s %d %s" % (label, t, rr.ttl, rd.to_text().lower()))
    sip_services = ("sips+d2t", "sip+d2t", "sip+d2u")
    for rr in rrs:
        if rr.rdtype != dns.rdatatype.NAPTR:
            continue
        sip = [rd for rd in rr if rd.flags.lower() == b"s" and rd.regexp == b""
               and rd.service.lower().decode() in sip_services]
        keys = sorted({(rd.order, rd.preference) for rd in sip})
        for rd in sip:
            out.add("NAPTR %s %d %d %s %s" % (rr.name.to_text().lower(), rr.ttl,
                                              keys.index((rd.order, rd.preference)) + 1,
                                              rd.service.lower().decode(),
                                              rd.replacement.to_text().lower()))
    for rr in rrs:
        if rr.rdtype != dns.rdatatype.SOA:
            continue
        zone = rr.name.to_text().lower()
        for rd in rr:
            out.add("SOA %s %s %s %d %d %d %d" % (zone, rd.mname.to_text().lower(),
                                                  rd.rname.to_text().lower(), rd.refresh,
                                                  rd.retry, rd.expire, rd.minimum))
        for ns in by_name.get((zone, dns.rdatatype.NS), []):
            for rd in ns:
                t = rd.target.to_text().lower()
                out.add("NS %s %s" % (zone, t))
                if t == zone or t.endswith("." + zone):
                    for rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA):
                        for a in by_name.get((t, rdtype), []):
                            for ad in a:
                                out.add("GLUE %s %s" % (t, ad.to_text()))
    for line in sorted(out):
        print(line)


import dns.rdataclass  # noqa: E402

if __name__ == "__main__":
    main()
