#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""commands.py - the commands README.md, docs/JSON.md and the EXAMPLES of dhcpdiag(1) show.

    python3 tests/docs/commands.py [ROOT]

Prints one JSON object a command: {"src": "README.md:52", "kind": ..., "cmd": ..., "expect":
N or null, "output": [...], "shell": [...]}. kind is "argv" (dhcpdiag ARGS), "shell" (the
shell started by `dhcpdiag -i IF`, with the lines typed at its prompt in "shell"), "pipe" (a
pipeline into dhcpdiag) or "other" (not dhcpdiag: setup and installing, which other suites
run). expect is the exit status a comment states ("# exit 2 if ..."); output the lines a
document shows after a `$ ` command. Fails (exit 1) on a command written with placeholders
([--json], NAME|CODE): a document shows what can be typed as it is.
"""
import json
import os
import re
import shlex
import sys

PROMPT = re.compile(r"^dhcpdiag (\S+)> (.*)$")


def split_comment(line):
    """the command and its comment (a # outside quotes that starts a word)"""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def unroff(line):
    return line.replace("\\-", "-").replace("\\e", "\\").replace("\\(aq", "'")


def blocks(path):
    """(first line number, [lines]) of each code block that holds commands"""
    text = open(path, encoding="utf-8").read().split("\n")
    if path.endswith(".in"):
        on = False
        cur = None
        for no, line in enumerate(text, 1):
            if line.startswith(".SH "):
                on = line.strip() == ".SH EXAMPLES"
            elif on and line.startswith(".nf"):
                cur = (no + 1, [])
            elif on and line.startswith(".fi") and cur:
                yield cur
                cur = None
            elif cur is not None:
                cur[1].append(unroff(line))
        return
    cur = None
    for no, line in enumerate(text, 1):
        if line.startswith("```"):
            if cur is None:
                lang = line[3:].strip()
                cur = (no + 1, [], lang)
            else:
                if cur[2] in ("sh", ""):
                    yield cur[0], cur[1]
                cur = None
        elif cur is not None:
            cur[1].append(line)


def parse(root, rel):
    out = []
    bad = []
    for first, lines in blocks(os.path.join(root, rel)):
        dollar = any(l.startswith("$ ") for l in lines)
        shell = None
        last = None
        for k, raw in enumerate(lines):
            src = f"{rel}:{first + k}"
            m = PROMPT.match(raw)
            if m:
                cmd, _ = split_comment(m.group(2))
                if shell is None:
                    bad.append(f"{src}: a shell line without the command that starts the shell")
                else:
                    shell["shell"].append(cmd)
                continue
            if dollar and not raw.startswith("$ "):
                if last is not None and raw.strip():
                    last["output"].append(raw)
                continue
            line = raw[2:] if raw.startswith("$ ") else raw
            cmd, comment = split_comment(line)
            if not cmd:
                continue
            m = re.search(r"\bexit (\d+)\b(?![-\d])", comment)
            words = shlex.split(cmd)
            if words and words[0] == "sudo":
                words = words[1:]
            if "|" in words:
                kind = "pipe" if words[words.index("|") + 1:][:1] == ["dhcpdiag"] else "other"
            elif words[:1] == ["dhcpdiag"]:
                kind = "argv"
                flags = [w for w in words[1:] if w.startswith("-")]
                if len(words) == 3 and words[1] == "-i":
                    kind = "shell"
            else:
                kind = "other"
            if kind != "other" and re.search(r"(^|\s)\[|\b[A-Z]+\|[A-Z]+\b", cmd):
                bad.append(f"{src}: '{cmd}' has placeholders: show a command as it is typed")
            e = {"src": src, "kind": kind, "cmd": cmd, "expect": int(m.group(1)) if m else None,
                 "output": [], "shell": []}
            out.append(e)
            last = e
            shell = e if kind == "shell" else None
    return out, bad


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    allbad = []
    for rel in ("README.md", "docs/JSON.md", "man/dhcpdiag.1.in"):
        cmds, bad = parse(root, rel)
        allbad += bad
        for c in cmds:
            print(json.dumps(c))
    for b in allbad:
        print(b, file=sys.stderr)
    return 1 if allbad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
