#!/usr/bin/env python3
"""Compares two JSON debrief exports field for field, times aside.

Usage: compare-debriefs.py LINUX.json WINDOWS.json

The two come from separate runs, so what depends on the moment of the run is set aside: ISO times
and dates of the run itself, Unix times (keys ending in "_at"), and durations measured up to "now"
(keys holding "minutes", "hours" or "seconds"). Pseudonymised references (P-XXXX) are drawn afresh for
every export, so each is replaced by its order of first appearance: the same person must carry the
same reference everywhere in one file, and in the same places in both. Everything else must be equal:
every person, figure, referral, alert and label. Prints each difference with its path; exits 1 if any.
"""
import json
import re
import sys

PSEUDONYM = re.compile(r"\bP-[0-9A-Z]{4}\b")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
TIME_KEYS = re.compile(r"(_at$|^at$|time|generated|minutes|hours|seconds|duration|elapsed|^file|path$)")


def normalise(value, key=""):
    if isinstance(value, dict):
        # A summary figure measured in time units ("time in centre") runs on up to the export.
        timed = value.get("unit") in ("minutes", "hours", "seconds")
        return {k: "<time>" if timed and k == "value" else normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, key) for v in value]
    if TIME_KEYS.search(key):
        return "<time>"
    if isinstance(value, str) and ISO_TIME.match(value):
        return "<time>"
    return value


def canonical_pseudonyms(data):
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    order = {}
    text = PSEUDONYM.sub(lambda m: order.setdefault(m.group(0), f"P#{len(order) + 1}"), text)
    return json.loads(text), len(order)


def differences(a, b, path="$"):
    if type(a) is not type(b):
        yield f"{path}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield f"{path}.{k}: only in {'Windows' if k in b else 'Linux'}"
            else:
                yield from differences(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        if len(a) != len(b):
            yield f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, f"{path}[{i}]")
    elif a != b:
        yield f"{path}: {a!r} != {b!r}"


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        linux = normalise(json.load(f))
    with open(sys.argv[2], encoding="utf-8") as f:
        windows = normalise(json.load(f))
    linux, linux_people = canonical_pseudonyms(linux)
    windows, windows_people = canonical_pseudonyms(windows)
    found = list(differences(linux, windows))
    for d in found[:50]:
        print(d)
    if found:
        print(f"{len(found)} difference(s)")
        return 1
    print(f"the JSON debriefs match field for field (times aside; {linux_people} pseudonymised references "
          "in the same places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
