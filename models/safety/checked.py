"""Which automatic backups have passed SQLite's full `integrity_check`, remembered beside them.

The full check is superlinear (about 8 s for 100,000 members, where copying the file takes
half a second), too slow for the moment a clerk restores. So it runs in the background once a
backup exists, and its verdict is kept with the backup's size, time and CRC-32. A restore of
such a backup copies it, and when the copy's CRC equals the checked one, the copy is, byte
for byte, the file that passed: it needs no second check. Anything else (a backup from a USB
stick, one changed or rotted since) gets the full check at restore, as before.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import zlib
from pathlib import Path

from models.safety.probe import open_reader

RECORD = ".checked.json"
CHUNK = 1 << 20


class Interrupted(Exception):
    """The full check was stopped (the program is closing); nothing was recorded."""


def crc_of(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def copy_with_crc(source: Path, dest: Path) -> int:
    """Copy `source` onto `dest` and return the CRC-32 of the copy as read back (from the page
    cache: 0.5 s for 490 MB, where one Python loop doing both took twice as long)."""
    shutil.copyfile(source, dest)
    return crc_of(dest)


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _load(folder: Path) -> dict[str, list[int]]:
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        return {str(k): [int(x) for x in v] for k, v in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _save(folder: Path, record: dict[str, list[int]]) -> None:
    present = {k: v for k, v in record.items() if (folder / k).is_file()}
    tmp = folder / f"{RECORD}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(present), encoding="utf-8")
        os.replace(tmp, folder / RECORD)
    except OSError:
        tmp.unlink(missing_ok=True)  # only a cache: the next restore checks in full


def checked_crc(path: Path) -> int | None:
    """The CRC-32 of `path` as it was when it passed the full check, if it did and has not
    changed size or time since."""
    entry = _load(path.parent).get(path.name)
    try:
        if entry is None or len(entry) != 3 or entry[:2] != _stamp(path):
            return None
    except OSError:
        return None
    return entry[2]


def full_check(path: Path, holder: list[sqlite3.Connection] | None = None) -> list[str]:
    """SQLite's full `integrity_check` of a backup; the problems found (none: it is recorded
    as checked). `holder` receives the connection, so another thread can interrupt it."""
    before = _stamp(path)
    try:
        con = open_reader(path)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    if holder is not None:
        holder.append(con)
    try:
        # Not `tune_for_checking`: this runs beside the clerk's work, where a memory map of the
        # whole file would count against the window's memory (+150 MB at 30,000 members) to
        # save time nobody waits for (3.9 s instead of 1.9 s at 30,000).
        con.execute("PRAGMA cache_size = -32000")
        con.execute("PRAGMA mmap_size = 0")
        rows = con.execute("PRAGMA integrity_check(20)").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise Interrupted() from exc
        return [str(exc)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        if holder is not None:
            holder.remove(con)
        con.close()
    if rows != [("ok",)]:
        return [str(r[0]) for r in rows]
    crc = crc_of(path)
    if _stamp(path) == before:  # not replaced or touched while it was read
        record = _load(path.parent)
        record[path.name] = [*before, crc]
        _save(path.parent, record)
    return []
