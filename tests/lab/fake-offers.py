#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""fake-offers.py - fake DHCP servers for the lab: answer DISCOVERs with OFFERs.

    fake-offers.py IFACE [--servers N] [--addrs A,B,...] [--discovers N] [--seconds T]

Runs in a lab server namespace (e.g. `lab.sh exec NAME s2 python3 fake-offers.py srv0`)
and answers every DHCPDISCOVER it sees on IFACE (a raw AF_PACKET socket, so it
answers at once, before a server that checks the address first):

  --servers N   each DISCOVER gets N OFFERs, from N fake servers: server i has id
                198.19.(i / 250).(i % 250 + 1) and MAC 02:dd:fa:00:HI:LO, and offers
                198.19.(128 + i / 250).(i % 250 + 1)   (default 100)
  --addrs LIST  instead: one fake server (id 198.19.200.1, MAC 02:dd:fa:ff:00:01)
                offers LIST[k] to the k-th DISCOVER of a transaction (same xid and
                chaddr), the last address again after the list ends: a re-offer

It ends by itself after answering --discovers DISCOVERs (default 10) or after
--seconds (default 60), whichever comes first, or on TERM/INT. Only addresses in
198.18.0.0/15 are used. Prints "fake-offers: ready" once it listens, then one
line per DISCOVER answered. Standard library only.
"""
import argparse
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
BCAST_MAC = b"\xff" * 6
MAGIC = b"\x63\x82\x53\x63"


def ip4(s):
    b = socket.inet_aton(s)
    if b[0] != 198 or b[1] not in (18, 19):
        raise argparse.ArgumentTypeError(f"{s} is not in 198.18.0.0/15")
    return b


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def parse_discover(frame):
    """(xid, flags, giaddr, chaddr16) of a DHCPDISCOVER in an Ethernet frame, else None."""
    if len(frame) < 14 + 20 + 8 + 240:
        return None
    off, etype = 14, struct.unpack_from("!H", frame, 12)[0]
    if etype == 0x8100:
        off, etype = 18, struct.unpack_from("!H", frame, 16)[0]
    if etype != 0x0800 or frame[off] >> 4 != 4 or frame[off + 9] != 17:
        return None
    ihl = (frame[off] & 15) * 4
    udp = off + ihl
    if len(frame) < udp + 8 + 240:
        return None
    if struct.unpack_from("!H", frame, udp + 2)[0] != 67:
        return None
    b = udp + 8
    if frame[b] != 1 or frame[b + 236:b + 240] != MAGIC:
        return None
    i, end, mtype = b + 240, len(frame), None
    while i < end:
        code = frame[i]
        if code == 255:
            break
        if code == 0:
            i += 1
            continue
        if i + 1 >= end or i + 2 + frame[i + 1] > end:
            break
        if code == 53 and frame[i + 1] == 1:
            mtype = frame[i + 2]
        i += 2 + frame[i + 1]
    if mtype != 1:
        return None
    xid, _, flags = struct.unpack_from("!IHH", frame, b + 4)
    return xid, flags, frame[b + 24:b + 28], frame[b + 28:b + 44]


def offer_frame(mac, sid, yiaddr, xid, flags, giaddr, chaddr):
    opts = (b"\x35\x01\x02" + b"\x36\x04" + sid + b"\x33\x04" + struct.pack("!I", 600)
            + b"\x01\x04\xff\xff\xff\x00" + b"\x03\x04" + sid + b"\xff")
    bootp = (struct.pack("!BBBBIHH", 2, 1, 6, 0, xid, 0, flags) + b"\0" * 4 + yiaddr
             + b"\0" * 4 + giaddr + chaddr + b"\0" * 192 + MAGIC + opts)
    bootp += b"\0" * max(0, 300 - len(bootp))
    dst = b"\xff" * 4
    ulen = 8 + len(bootp)
    pseudo = sid + dst + struct.pack("!BBH", 0, 17, ulen)
    ucs = csum(pseudo + struct.pack("!HHHH", 67, 68, ulen, 0) + bootp) or 0xFFFF
    udp = struct.pack("!HHHH", 67, 68, ulen, ucs)
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, 0, 0, 64, 17, 0, sid, dst)
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    return BCAST_MAC + mac + b"\x08\x00" + iph + udp + bootp


def main():
    ap = argparse.ArgumentParser(description="fake DHCP servers for the lab")
    ap.add_argument("iface")
    ap.add_argument("--servers", type=int, default=100)
    ap.add_argument("--addrs", type=lambda s: [ip4(a) for a in s.split(",")])
    ap.add_argument("--discovers", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    a = ap.parse_args()
    if not 1 <= a.servers <= 1000 or a.discovers < 1 or not 0 < a.seconds <= 600:
        sys.exit("fake-offers.py: --servers 1-1000, --discovers >= 1, --seconds 0-600")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    if a.addrs:
        fakes = [(b"\x02\xdd\xfa\xff\x00\x01", ip4("198.19.200.1"), None)]
    else:
        fakes = [(bytes([2, 0xDD, 0xFA, 0, i >> 8, i & 255]),
                  bytes([198, 19, i // 250, i % 250 + 1]),
                  bytes([198, 19, 128 + i // 250, i % 250 + 1])) for i in range(a.servers)]

    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((a.iface, 0))
    print(f"fake-offers: ready on {a.iface}", flush=True)
    deadline = time.monotonic() + a.seconds
    seen = {}  # (xid, chaddr) -> DISCOVERs of that transaction so far
    answered = 0
    while answered < a.discovers:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        if not select.select([s], [], [], left)[0]:
            continue
        frame, addr = s.recvfrom(65536)
        if addr[2] == PACKET_OUTGOING:
            continue
        d = parse_discover(frame)
        if not d:
            continue
        xid, flags, giaddr, chaddr = d
        k = seen.get((xid, chaddr), 0)
        seen[(xid, chaddr)] = k + 1
        sent = 0
        for mac, sid, yi in fakes:
            if yi is None:
                yi = a.addrs[min(k, len(a.addrs) - 1)]
            s.send(offer_frame(mac, sid, yi, xid, flags, giaddr, chaddr))
            sent += 1
        answered += 1
        print(f"fake-offers: DISCOVER xid 0x{xid:08x} #{k + 1}: {sent} OFFERs", flush=True)
    print(f"fake-offers: done, {answered} DISCOVERs answered", flush=True)


if __name__ == "__main__":
    main()
