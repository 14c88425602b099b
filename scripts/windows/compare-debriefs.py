#!/usr/bin/env python3
"""Compares two JSON debrief exports field for field, times aside.

Usage: compare-debriefs.py LINUX.json WINDOWS.json

The two come from separate runs, so what depends on the moment of the run is set aside: ISO times
and dates of the run itself, Unix times (keys ending in "_at"), and durations measured up to "now"
(keys holding "minutes", "hours" or "seconds"). Everything else must be equal: every person, figure,
referral, label and pseudonymised reference. Prints each difference with its path; exits 1 if any.
"""
import json
import re
import sys

ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
TIME_KEYS = re.compile(r"(_at$|^at$|time|generated|minutes|hours|seconds|duration|elapsed|^file|path$)")


def normalise(value, key=""):
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, key) for v in value]
    if TIME_KEYS.search(key):
        return "<time>"
    if isinstance(value, str) and ISO_TIME.match(value):
        return "<time>"
    return value


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
    found = list(differences(linux, windows))
    for d in found[:50]:
        print(d)
    if found:
        print(f"{len(found)} difference(s)")
        return 1
    print("the JSON debriefs match field for field (times aside)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
