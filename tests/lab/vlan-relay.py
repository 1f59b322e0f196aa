#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""vlan-relay.py - an 802.1Q access port in user space, for the lab.

    vlan-relay.py TRUNK_IF ACCESS_IF VID

The lab's kernel has neither VLAN devices nor a VLAN-filtering bridge, so
this stands in for a switch port: frames tagged VID that arrive on TRUNK_IF
leave ACCESS_IF untagged, and every frame that arrives on ACCESS_IF leaves
TRUNK_IF tagged VID. Untagged frames and other VLANs on the trunk are dropped.
Runs in the lab's bridge namespace until it is sent TERM.
"""
import select
import signal
import socket
import struct
import sys

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 0x10
PACKET_OUTGOING = 4
AUX = struct.Struct("=IIIHHHH")  # struct tpacket_auxdata


def open_port(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.bind((ifname, 0))
    return s


def vlan_of(ancdata):
    """The VLAN id the kernel took off a received frame, or None."""
    for level, kind, data in ancdata:
        if level == SOL_PACKET and kind == PACKET_AUXDATA and len(data) >= AUX.size:
            status, _, _, _, _, tci, _ = AUX.unpack_from(data)
            if status & TP_STATUS_VLAN_VALID:
                return tci & 0x0FFF
    return None


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: vlan-relay.py TRUNK_IF ACCESS_IF VID")
    trunk_if, access_if, vid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if not 1 <= vid <= 4094:
        sys.exit("vlan-relay.py: VID must be 1-4094")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    trunk, access = open_port(trunk_if), open_port(access_if)
    tag = struct.pack("!HH", 0x8100, vid)
    print(f"vlan-relay: {trunk_if} (tagged {vid}) <-> {access_if} (untagged)", flush=True)
    while True:
        ready, _, _ = select.select([trunk, access], [], [])
        for s in ready:
            frame, anc, _, addr = s.recvmsg(65536, socket.CMSG_SPACE(AUX.size))
            if addr[2] == PACKET_OUTGOING or len(frame) < 14:
                continue  # our own transmissions, runts
            if s is trunk:
                if vlan_of(anc) == vid:
                    access.send(frame)
            else:
                trunk.send(frame[:12] + tag + frame[12:])


if __name__ == "__main__":
    main()
