#!/usr/bin/python3
# bench/udp_delay.py: a UDP relay that adds DELAY_MS each way between a DNS
# client and a server on 127.0.0.1, so that bench/push can time queries over
# something like a network (loopback answers in microseconds).
#
#   udp_delay.py LISTEN_PORT SERVER_PORT DELAY_MS
#
# One upstream socket; each query gets its own upstream message ID (the
# client's ID is put back in the reply). No TCP: a zone transfer through
# it fails, as a refused one does.
import asyncio
import sys


class Relay(asyncio.DatagramProtocol):
    def __init__(self, loop, server, delay):
        self.loop, self.server, self.delay = loop, server, delay
        self.next_id = 0
        self.pending = {}
        self.down = None
        self.up = None

    def datagram_received(self, data, addr):
        if len(data) < 12:
            return
        if addr == self.server:  # a reply: back to its client, late
            entry = self.pending.pop(data[:2], None)
            if entry is not None:
                client, cid = entry
                self.loop.call_later(self.delay, self.down.sendto, cid + data[2:], client)
            return
        self.next_id = (self.next_id + 1) & 0xFFFF
        uid = self.next_id.to_bytes(2, "big")
        self.pending[uid] = (addr, data[:2])
        self.loop.call_later(self.delay, self.down.sendto, uid + data[2:], self.server)


async def main():
    listen, server, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000
    loop = asyncio.get_running_loop()
    relay = Relay(loop, ("127.0.0.1", server), delay)
    transport, _ = await loop.create_datagram_endpoint(lambda: relay, local_addr=("127.0.0.1", listen))
    relay.down = transport
    await asyncio.Event().wait()


asyncio.run(main())
