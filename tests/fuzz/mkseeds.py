#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkseeds.py OUTDIR PCAP... - one seed file per captured frame: link-type selector byte + frame."""
import os
import struct
import sys

LINKS = [1, 101, 113, 276, 0, 281, 105, 127, 228]  # same order as fuzz_decode.c


def frames(path):
    data = open(path, "rb").read()
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return  # pcapng files are skipped: the classic ones give enough seeds
    link = struct.unpack(e + "I", data[20:24])[0] & 0xFFFF
    off = 24
    while off + 16 <= len(data):
        _, _, cap, _ = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        if off + cap > len(data):
            return
        yield link, data[off:off + cap]
        off += cap


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for p in sys.argv[2:]:
        for link, fr in frames(p):
            if link in LINKS:
                n += 1
                with open(os.path.join(out, f"seed-{n:04d}"), "wb") as f:
                    f.write(bytes([LINKS.index(link)]) + fr)
    print(f"{n} seeds in {out}")


if __name__ == "__main__":
    main()
