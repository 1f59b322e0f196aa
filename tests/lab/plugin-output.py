#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# plugin-output.py OUT RC - a strict parser of a monitoring plugin's output (the Monitoring
# Plugins development guidelines): the first line "SERVICE STATE - text | perfdata", then long
# text lines; perfdata items 'label'=value[UOM];[warn];[crit];[min];[max] separated by spaces,
# warn and crit in the range syntax ([@][start:][end], start ~ for minus infinity), the state
# matching the exit status RC (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
# Prints the parse as one JSON object {"service", "state", "text", "perf": {label: {...}},
# "long": [lines]}; on any violation prints "bad: REASON" and exits 1.
import json
import re
import sys

STATES = ["OK", "WARNING", "CRITICAL", "UNKNOWN"]
UOMS = {"", "s", "ms", "us", "%", "B", "KB", "MB", "TB", "c"}
NUM = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
RANGE = re.compile(r"^@?(?:(?:~|" + NUM + r"):)?(?:" + NUM + r")?$")


def bad(why):
    print("bad: " + why)
    sys.exit(1)


def check_range(s, what):
    if s == "":
        return None
    if not RANGE.match(s) or s in ("@", "~:"):
        bad("%s '%s' is not a range" % (what, s))
    body = s.lstrip("@")
    if ":" in body:
        lo, hi = body.split(":", 1)
        lo = float("-inf") if lo == "~" else float(lo or 0)
        hi = float(hi) if hi else float("inf")
    else:
        lo, hi = 0.0, float(body)
    if lo > hi:
        bad("%s '%s': start above end" % (what, s))
    return s


def parse_label(rest):
    """a label at the start of rest: ('label', rest after '=')"""
    if rest.startswith("'"):
        i, label = 1, ""
        while True:
            j = rest.find("'", i)
            if j < 0:
                bad("unterminated label quote in %r" % rest)
            label += rest[i:j]
            if rest[j + 1 : j + 2] == "'":  # '' is a quote inside the label
                label += "'"
                i = j + 2
                continue
            rest = rest[j + 1 :]
            break
    else:
        m = re.match(r"^([^ '=]+)", rest)
        if not m:
            bad("no label in %r" % rest)
        label, rest = m.group(1), rest[m.end() :]
    if not rest.startswith("="):
        bad("no '=' after label %r" % label)
    if not label:
        bad("an empty label")
    return label, rest[1:]


def parse_perf(s):
    perf = {}
    rest = s
    while rest:
        label, rest = parse_label(rest)
        m = re.match(r"^(\S*)", rest)
        item, rest = m.group(1), rest[m.end() :]
        if rest and not rest.startswith(" ") or rest.startswith("  "):
            bad("items must be separated by one space: %r" % rest)
        rest = rest[1:]
        fields = item.split(";")
        if len(fields) > 5:
            bad("%s: more than 5 fields" % label)
        fields += [""] * (5 - len(fields))
        m = re.match("^(" + NUM + ")([a-zA-Z%]*)$", fields[0])
        if not m:
            bad("%s: value %r is not a number with a unit" % (label, fields[0]))
        if m.group(2) not in UOMS:
            bad("%s: unit %r is none of %s" % (label, m.group(2), sorted(UOMS)))
        for k, f in (("min", fields[3]), ("max", fields[4])):
            if f and not re.match("^" + NUM + "$", f):
                bad("%s: %s %r is not a number" % (label, k, f))
        if label in perf:
            bad("label %s twice" % label)
        perf[label] = {
            "value": float(m.group(1)),
            "uom": m.group(2),
            "warn": check_range(fields[1], label + " warn"),
            "crit": check_range(fields[2], label + " crit"),
            "min": float(fields[3]) if fields[3] else None,
            "max": float(fields[4]) if fields[4] else None,
        }
    return perf


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    rc = int(sys.argv[2])
    if not text.endswith("\n"):
        bad("output does not end with a newline")
    lines = text[:-1].split("\n")
    m = re.match(r"^([A-Z][A-Z0-9_]*) (OK|WARNING|CRITICAL|UNKNOWN) - (.+)$", lines[0])
    if not m:
        bad("status line %r is not 'SERVICE STATE - text'" % lines[0])
    service, state, rest = m.groups()
    if rc not in range(4) or STATES[rc] != state:
        bad("state %s but exit status %d" % (state, rc))
    text, _, perf = rest.partition(" | ")
    if "|" in text:
        bad("a '|' in the status text")
    if perf == "" and _:
        bad("'|' without performance data")
    for line in lines[1:]:
        if "|" in line:
            bad("a '|' in a long output line (would start more perfdata): %r" % line)
        if not line.strip():
            bad("an empty long output line")
    print(json.dumps({"service": service, "state": state, "text": text,
                      "perf": parse_perf(perf), "long": lines[1:]}))


main()
