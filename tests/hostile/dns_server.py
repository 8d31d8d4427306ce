#!/usr/bin/python3
# tests/hostile/dns_server.py: a DNS server on 127.0.0.1 that misbehaves on
# purpose, for tests/hostile/dns_replies.sh (issue 14). Debian's python3
# with python3-dnspython; one process per test, killed by the test.
#
#   dns_server.py --port-file F --mode MODE --zones DIR [--forge-zones DIR]
#                 [--key NAME:SECRET]
#
# It serves the zone files of DIR (NAME.zone, origin NAME) with AA set, on
# a free port over UDP and TCP (the same number), written to F once it
# listens. The forged replies carry the records of --forge-zones: data that
# would make `sipzone verify` say "ok" if it were taken.
#
# MODE (how each query is answered; over UDP unless it says TCP):
#   ok            properly
#   wrong-id      a forged reply with another ID, then the proper one
#   qr-clear      a forged reply with the QR bit clear, then the proper one
#   wrong-question a forged reply for another name (its answer section
#                 holds the forged records of the asked name), then the
#                 proper one
#   other-port    a forged reply from another source port, then the proper one
#   garbage       random bytes beginning with the query's ID, then the proper one
#   tc-udp        TC over UDP with no records; over TCP properly
#   tc-tcp        TC over UDP; over TCP TC again, with no records
#   drip          TC over UDP; over TCP the proper answer, one byte every 0.2 s
#   close-mid     TC over UDP; over TCP half the answer, then the connection closed
#   servfail, refused   that RCODE
#   silent        nothing at all
#   window        holds the queries that arrive together (until none came
#                 for 0.1 s), then answers each with the forged reply to
#                 another held query (that one's ID and question, sent to
#                 this one's port), then every proper reply twice, in the
#                 reverse order of the queries; logs "held N" per batch
#   servfail-first-late  SERVFAIL to every query but SOA ones; the first
#                 such query (logged "first NAME TYPE") is answered 0.5 s
#                 late, the others at once
# AXFR (over TCP; other queries are answered properly; AXFR is refused in
# the other modes):
#   axfr          the zone in two messages, with between them a forged one
#                 (another ID) holding the forged zone's records, and a
#                 record outside the zone in the second; unsigned, even
#                 when the request is signed
# UPDATE (over TCP; queries are answered properly):
#   update-unsigned     NOERROR without TSIG
#   update-badsig       NOERROR signed with another secret
#   update-wrong-id     NOERROR properly signed, but with another ID
import argparse
import os
import random
import select
import socket
import sys
import threading
import time

import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import dns.tsig
import dns.tsigkeyring
import dns.zone


def load_zones(d):
    zones = {}
    if d is None:
        return zones
    for f in sorted(os.listdir(d)):
        if f.endswith(".zone"):
            origin = dns.name.from_text(f[: -len(".zone")])
            zones[origin] = dns.zone.from_file(os.path.join(d, f), origin=origin, relativize=False,
                                               check_origin=False)
    return zones


def find_zone(zones, qname):
    best = None
    for origin in zones:
        if qname.is_subdomain(origin) and (best is None or len(origin) > len(best)):
            best = origin
    return zones.get(best) if best is not None else None


def answer(query, zones):
    """The proper response to a query from these zones."""
    r = dns.message.make_response(query)
    if query.opcode() != dns.opcode.QUERY or not query.question:
        r.set_rcode(dns.rcode.NOTIMP)
        return r
    q = query.question[0]
    z = find_zone(zones, q.name)
    if z is None:
        r.set_rcode(dns.rcode.REFUSED)
        return r
    r.flags |= dns.flags.AA
    node = z.get_node(q.name)
    if node is None:
        if not any(n.is_subdomain(q.name) for n in z.nodes):
            r.set_rcode(dns.rcode.NXDOMAIN)
    else:
        rds = node.get_rdataset(dns.rdataclass.IN, q.rdtype)
        if rds is not None:
            r.answer.append(dns.rrset.from_rdata_list(q.name, rds.ttl, list(rds)))
    if not r.answer:
        soa = z.get_rdataset(z.origin, dns.rdatatype.SOA)
        r.authority.append(dns.rrset.from_rdata_list(z.origin, soa.ttl, list(soa)))
    return r


class Server:
    def __init__(self, a):
        self.mode = a.mode
        self.zones = load_zones(a.zones)
        self.forge = load_zones(a.forge_zones) or self.zones
        self.keyring = None
        self.key_name = None
        if a.key:
            name, secret = a.key.split(":", 1)
            self.key_name = dns.name.from_text(name)
            self.keyring = {self.key_name: dns.tsig.Key(self.key_name, secret, "hmac-sha256")}
        self.held = []
        self.late = None
        self.udp, self.tcp = self.bind()
        self.other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.other.bind(("127.0.0.1", 0))
        with open(a.port_file + ".tmp", "w") as f:
            f.write(str(self.udp.getsockname()[1]))
        os.rename(a.port_file + ".tmp", a.port_file)

    @staticmethod
    def bind():
        for _ in range(100):
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            u.bind(("127.0.0.1", 0))
            t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                t.bind(("127.0.0.1", u.getsockname()[1]))
            except OSError:
                u.close()
                t.close()
                continue
            t.listen(16)
            return u, t
        sys.exit("no free port")

    def parse(self, wire):
        return dns.message.from_wire(wire, keyring=self.keyring)

    def forged(self, query):
        return answer(query, self.forge)

    # ---- UDP ----
    def on_udp(self, wire, peer):
        try:
            query = self.parse(wire)
        except Exception as e:  # noqa: BLE001 - a test server logs and goes on
            print("unparsable query:", e, file=sys.stderr)
            return
        m = self.mode
        send = lambda b, s=self.udp: s.sendto(b, peer)  # noqa: E731
        proper = answer(query, self.zones)
        if m == "silent":
            return
        if m == "window":
            self.held.append((query, peer, proper))
            return
        if m == "servfail-first-late" and query.question[0].rdtype != dns.rdatatype.SOA:
            r = dns.message.make_response(query)
            r.set_rcode(dns.rcode.SERVFAIL)
            if self.late is None:
                q = query.question[0]
                print("first", q.name.to_text(), dns.rdatatype.to_text(q.rdtype), file=sys.stderr, flush=True)
                self.late = (time.monotonic() + 0.5, r.to_wire(), peer)
            else:
                send(r.to_wire())
            return
        if m in ("servfail", "refused"):
            r = dns.message.make_response(query)
            r.set_rcode(dns.rcode.SERVFAIL if m == "servfail" else dns.rcode.REFUSED)
            send(r.to_wire())
            return
        if m in ("tc-udp", "tc-tcp", "drip", "close-mid"):
            r = dns.message.make_response(query)
            r.flags |= dns.flags.TC | dns.flags.AA
            send(r.to_wire())
            return
        if m == "wrong-id":
            f = self.forged(query)
            f.id = (query.id + 1) & 0xFFFF
            send(f.to_wire())
        elif m == "qr-clear":
            f = self.forged(query)
            f.flags &= ~dns.flags.QR
            send(f.to_wire())
        elif m == "wrong-question":
            f = self.forged(query)
            q = query.question[0]
            f.question = [dns.rrset.RRset(dns.name.from_text("forged.example."), q.rdclass, q.rdtype)]
            send(f.to_wire())
        elif m == "other-port":
            send(self.forged(query).to_wire(), self.other)
        elif m == "garbage":
            send(wire[:2] + bytes([0x84, 0x00]) + random.randbytes(60))
        if m != "ok":
            time.sleep(0.05)
        send(proper.to_wire())

    def flush_window(self):
        held, self.held = self.held, []
        print("held", len(held), file=sys.stderr, flush=True)
        for i, (query, peer, _) in enumerate(held):
            for other, _, _ in held[i + 1:] + held[:i]:
                # never the same ID and question: that would be the reply
                if other.id != query.id or other.question != query.question:
                    f = self.forged(other)
                    f.id = other.id
                    self.udp.sendto(f.to_wire(), peer)
                    break
        time.sleep(0.05)
        for _, peer, proper in reversed(held):
            self.udp.sendto(proper.to_wire(), peer)
            self.udp.sendto(proper.to_wire(), peer)

    # ---- TCP ----
    def on_tcp(self, conn):
        try:
            conn.settimeout(30)
            while True:
                n = self.read(conn, 2)
                if n is None:
                    return
                wire = self.read(conn, int.from_bytes(n, "big"))
                if wire is None:
                    return
                out = self.tcp_reply(wire)
                if out is None:
                    return
                if self.mode == "drip":
                    for i in range(len(out)):
                        conn.sendall(out[i:i + 1])
                        time.sleep(0.2)
                elif self.mode == "close-mid":
                    conn.sendall(out[: len(out) // 2])
                    return
                else:
                    conn.sendall(out)
        except OSError:
            pass
        finally:
            conn.close()

    @staticmethod
    def read(conn, n):
        b = b""
        while len(b) < n:
            c = conn.recv(n - len(b))
            if not c:
                return None
            b += c
        return b

    def axfr(self, query):
        """The AXFR stream of mode axfr, framed for TCP."""
        q = query.question[0]
        z = self.zones.get(q.name)
        f = self.forge.get(q.name)
        if z is None or f is None:
            r = dns.message.make_response(query)
            r.set_rcode(dns.rcode.REFUSED)
            return [r]

        def rrsets(zone):
            soa, out = None, []
            for name, node in zone.nodes.items():
                for rds in node.rdatasets:
                    rr = dns.rrset.from_rdata_list(name, rds.ttl, list(rds))
                    if rds.rdtype == dns.rdatatype.SOA:
                        soa = rr
                    else:
                        out.append(rr)
            return soa, out

        soa, body = rrsets(z)
        _, forged = rrsets(f)
        half = len(body) // 2
        m1 = dns.message.make_response(query)
        m1.flags |= dns.flags.AA
        m1.answer = [soa] + body[:half]
        bad = dns.message.make_response(query)
        bad.id = (query.id + 1) & 0xFFFF
        bad.answer = forged
        m2 = dns.message.make_response(query)
        m2.question = []
        outside = dns.rrset.from_text("www.forged.example.", 60, "IN", "A", "192.0.2.66")
        m2.answer = body[half:] + [outside, soa]
        for m in (m1, bad, m2):
            m.keyring = None
            m.tsig = None
        return [m1, bad, m2]

    def tcp_reply(self, wire):
        query = self.parse(wire)
        if query.question and query.question[0].rdtype == dns.rdatatype.AXFR:
            msgs = self.axfr(query) if self.mode == "axfr" else [dns.message.make_response(query)]
            if self.mode != "axfr":
                msgs[0].set_rcode(dns.rcode.REFUSED)
            out = b""
            for m in msgs:
                w = m.to_wire()
                out += len(w).to_bytes(2, "big") + w
            return out
        if query.opcode() == dns.opcode.UPDATE:
            r = dns.message.make_response(query)
            if self.mode == "update-unsigned":
                r.keyring = None
                r.tsig = None
            elif self.mode == "update-badsig":
                wrong = dns.tsig.Key(self.key_name, "ChfCxDh537I+6jTfldKglBUqEUSdpdOYoEZQA6260yM=",
                                     "hmac-sha256")
                r.use_tsig(wrong, original_id=query.id)
                r.request_mac = query.mac
            elif self.mode == "update-wrong-id":
                r.id = (query.id + 1) & 0xFFFF
            else:
                r.set_rcode(dns.rcode.REFUSED)
            w = r.to_wire()
            return len(w).to_bytes(2, "big") + w
        r = answer(query, self.zones)
        if self.mode == "tc-tcp":
            r = dns.message.make_response(query)
            r.flags |= dns.flags.TC | dns.flags.AA
        w = r.to_wire()
        return len(w).to_bytes(2, "big") + w

    def run(self):
        while True:
            if self.late is not None and self.late[1] and time.monotonic() >= self.late[0]:
                self.udp.sendto(self.late[1], self.late[2])
                self.late = (0, b"", None)
            ready, _, _ = select.select([self.udp, self.tcp], [], [],
                                        0.1 if self.held else 0.05 if self.late else None)
            if not ready and self.held:
                self.flush_window()
            for s in ready:
                if s is self.udp:
                    wire, peer = self.udp.recvfrom(65535)
                    self.on_udp(wire, peer)
                else:
                    conn, _ = self.tcp.accept()
                    threading.Thread(target=self.on_tcp, args=(conn,), daemon=True).start()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--mode", required=True)
    p.add_argument("--zones", required=True)
    p.add_argument("--forge-zones")
    p.add_argument("--key")
    Server(p.parse_args()).run()


if __name__ == "__main__":
    main()
