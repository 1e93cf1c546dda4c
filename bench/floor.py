"""The floor for a warm `qnctr status --agency NAME`: the same work with the standard library only.

    python bench/floor.py REGISTER "Sở Nội vụ"

What it does is what a warm qnctr run must do at the least: look at every file of the register
(name, size, times: the cache key's work), read qnctr's own cache entry of each programme in
force, resolve the agency by any of its names, and print the tasks it answers for (as lead or
support, directly or as a member of a group): id, role and text, a line each. It does not check
the key against the entry, judge states or deadlines, follow successions, or lay out a table;
qnctr does all of that, so qnctr at this floor would be doing its extra work for free.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def files(folder: str) -> int:
    count = 0
    for entry in os.scandir(folder):
        if entry.name.startswith("."):
            continue
        info = entry.stat(follow_symlinks=False)
        count += 1
        if entry.is_dir(follow_symlinks=False):
            count += files(entry.path)
        else:
            _ = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    return count


def main(root: str, name: str) -> None:
    files(root)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    programmes = os.path.join(root, "programmes")
    folders = [os.path.join(programmes, k) for k in sorted(os.listdir(programmes))] if os.path.isdir(programmes) \
        else [root]
    out = []
    for folder in folders:
        entry = os.path.join(base, "qnctr", hashlib.sha256(os.path.realpath(folder).encode()).hexdigest()[:32] + ".json")
        with open(entry, "rb") as f:
            raw = f.read()
        end = raw.find(b"\n")  # the head, then a line for each task (qnctr's cache.py)
        register = json.loads(raw[:end])["register"]
        lines = raw[end + 1:].split(b"\n")
        agencies = register["agencies"]
        wanted = fold(name)
        agency = next(a for a in agencies if wanted in {fold(a["id"]), fold(a["name"]), *map(fold, a.get("aliases", []))})
        groups = {a["id"] for a in agencies if agency["id"] in a.get("members", [])}
        mine = {agency["id"], *groups}
        out.append(f"{register['programme']['id']}: {agency['name']}")
        named = [i for i, (_, *ids) in enumerate(register["tasks"]) if mine.intersection(ids)]
        for task in json.loads(b"[" + b",".join(lines[i] for i in named) + b"]"):
            role = "chủ trì" if mine & set(task["lead"]) else "phối hợp" if mine & set(task.get("support", [])) else ""
            if role:
                out.append(f"{task['id']}\t{role}\t{task['text']}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
