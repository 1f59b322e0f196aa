#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""check.py - every line of dhcpdiag's JSON output against docs/dhcpdiag.schema.json.

    python3 tests/schema/check.py [--kinds] [--need KIND,...] FILE|DIR...

Each FILE is NDJSON: every line must parse and match one kind of the schema (a line
the schema does not describe fails). A DIR stands for its *.ndjson and *.json files.
Prints "ok - ..." / "FAIL - ..." lines; --kinds prints how many lines of each kind
came; --need fails when a kind (a $defs name) never came. Needs python3-jsonschema.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("FAIL - schema: python3-jsonschema is not installed (tests/deps.sh installs it)")
    sys.exit(1)

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "docs", "dhcpdiag.schema.json")


def kind_guess(obj):
    """the kind a line means to be, for a readable error when it matches none"""
    if isinstance(obj, list):
        if obj and isinstance(obj[0], dict) and "n" in obj[0]:
            return "show-offers"
        return "show-servers"
    if not isinstance(obj, dict):
        return None
    ev = obj.get("event")
    if ev == "packet":
        return "probe-packet"
    if ev == "result":
        cmd = obj.get("command")
        if cmd in ("discover", "request", "inform", "release", "decline", "dora"):
            return "probe-result"
        if cmd in ("diagnose", "arp"):
            return cmd + "-result"
        return "other-result"
    if ev in ("server", "transaction", "summary"):
        return "watch-" + ev
    if "n" in obj and "frame" in obj:
        return "decode-packet"
    if "capture" in obj:
        return "finding-id"
    if "format" in obj:
        return "option-entry"
    if "held" in obj:
        return "show-lease"
    return None


def main(argv):
    args = argv[1:]
    show_kinds = "--kinds" in args
    args = [a for a in args if a != "--kinds"]
    need = []
    if "--need" in args:
        i = args.index("--need")
        need = [k for k in args[i + 1].split(",") if k]
        del args[i:i + 2]
    schema = json.load(open(SCHEMA))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    whole = cls(schema)
    kinds = {}
    for name in schema["$defs"]:
        sub = dict(schema)
        sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + name}
        kinds[name] = cls(sub)
    branches = [b["$ref"].split("/")[-1] for b in schema["anyOf"]]
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, f) for f in os.listdir(a)
                            if f.endswith((".ndjson", ".json")))
        else:
            files.append(a)
    seen = {}
    failed = 0
    total = 0
    for f in files:
        bad = []
        n = 0
        for no, line in enumerate(open(f, encoding="utf-8", errors="replace"), 1):
            if not line.strip():
                continue
            n += 1
            try:
                obj = json.loads(line)
            except ValueError as e:
                bad.append(f"{no}: not JSON ({e}): {line[:80]!r}")
                continue
            if whole.is_valid(obj):
                for b in branches:
                    if kinds[b].is_valid(obj):
                        seen[b] = seen.get(b, 0) + 1
                continue
            k = kind_guess(obj)
            err = jsonschema.exceptions.best_match((kinds[k] if k else whole).iter_errors(obj))
            where = "/".join(str(p) for p in err.absolute_path) if err else ""
            bad.append(f"{no}: {k or 'no kind'}: {where}: {err.message if err else '?'}"[:300])
        total += n
        name = os.path.basename(f)
        if bad:
            failed += 1
            print(f"FAIL - schema: {name}: {len(bad)} of {n} lines do not match")
            for b in bad[:5]:
                print(f"#   {b}")
        elif len(files) == 1:
            print(f"ok - schema: {name}: {n} lines match")
    if len(files) > 1 and not failed:
        print(f"ok - schema: all {total} lines of {len(files)} files match")
    for k in need:
        if k not in seen:
            failed += 1
            print(f"FAIL - schema: no line of kind {k} came")
    if show_kinds or need:
        print("# kinds: " + ", ".join(f"{k} {seen[k]}" for k in branches if k in seen))
    print(f"# {total} lines in {len(files)} files")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
