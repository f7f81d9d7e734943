"""A real CUPS scheduler for the print tests: Debian's cupsd on a private socket and config
folder, one queue `xianfeng-test` whose backend keeps every job's output as a file.

The queue uses cups-filters' generic PDF printer, so a job runs through CUPS's own pdftopdf
(media, scaling, copies, duplex applied) and what would reach the printer is read back as a PDF.
Absent cupsd the tests skip and say so; CI installs it (.ci/run), so there they run.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

QUEUE = "xianfeng-test"
PPD = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd"
SYSTEM_BIN = "/usr/lib/cups"
BACKEND = """#!/bin/sh
# save:DIR - keeps job N's output as DIR/job-N.pdf (written to a temporary name first)
if [ $# -eq 0 ]; then echo 'direct save "Unknown" "Keep each job as a file"'; exit 0; fi
dir="${DEVICE_URI#save:}"
if [ -n "$6" ]; then cat "$6" > "$dir/.job-$1"; else cat > "$dir/.job-$1"; fi
mv "$dir/.job-$1" "$dir/job-$1.pdf"
"""


@dataclass
class PrintServer:
    socket: str
    out: Path
    queue: str = QUEUE

    def outputs(self, job_ids: list[str], timeout: float = 60.0) -> list[Path]:
        """The printed files of these jobs (id `queue-N`), waiting for them to appear."""
        paths = [self.out / f"job-{job.rsplit('-', 1)[1]}.pdf" for job in job_ids]
        deadline = time.monotonic() + timeout
        while not all(p.exists() for p in paths):
            if time.monotonic() > deadline:
                log = (self.out.parent / "log" / "error_log")
                raise AssertionError("CUPS produced no output: " + (log.read_text()[-2000:] if log.exists() else ""))
            time.sleep(0.1)
        return paths


def with_a3(ppd: str) -> str:
    """The generic PDF printer knows no A3; an office A3 printer does (the pledge boards)."""
    extra = {"*PageSize A4/A4:": '*PageSize A3/A3: "@PJL SET PAPER=A3<0A>"',
             "*PageRegion A4/A4:": '*PageRegion A3/A3: "@PJL SET PAPER=A3<0A>"',
             "*ImageableArea A4/A4:": '*ImageableArea A3/A3: "18 36 824 1155"',
             "*PaperDimension A4/A4:": '*PaperDimension A3/A3: "842 1191"'}
    lines = []
    for line in ppd.splitlines():
        lines.append(line.replace("*DefaultPageSize: Letter", "*DefaultPageSize: A4"))
        lines += [add for start, add in extra.items() if line.startswith(start)]
    return "\n".join(lines) + "\n"


def new_outputs(server: PrintServer, before: set[Path], count: int, timeout: float = 60.0) -> list[Path]:
    """The job files that appeared since `before`, once `count` of them are there, in job order."""
    deadline = time.monotonic() + timeout
    while True:
        fresh = sorted(set(server.out.glob("job-*.pdf")) - before, key=lambda p: int(p.stem.split("-")[1]))
        if len(fresh) >= count:
            return fresh
        if time.monotonic() > deadline:
            raise AssertionError(f"CUPS produced {len(fresh)} of {count} jobs")
        time.sleep(0.1)


def missing_reason() -> str | None:
    if shutil.which("cupsd") is None or shutil.which("lp") is None or shutil.which("lpadmin") is None:
        return "CUPS is not installed (Debian packages cups, cups-client, cups-bsd; .ci/run installs them)"
    if not Path(PPD).exists():
        return f"cups-filters' generic PDF printer is missing ({PPD}; package cups-filters)"
    return None


def start() -> Iterator[PrintServer]:
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="xianfeng-cups-"))
    root.chmod(0o755)  # filters run as lp and read the spool under here
    for name in ("conf", "log", "spool", "cache", "state", "bin/backend", "out"):
        (root / name).mkdir(parents=True)
    (root / "out").chmod(0o777)
    for name in ("filter", "daemon", "driver", "notifier", "monitor", "cgi-bin"):
        if Path(SYSTEM_BIN, name).exists():
            (root / "bin" / name).symlink_to(Path(SYSTEM_BIN, name))
    backend = root / "bin/backend/save"
    backend.write_text(BACKEND)
    backend.chmod(0o700)  # owner-only: cupsd runs it as its own user (root here), not as lp
    ppd = root / "printer.ppd"
    ppd.write_text(with_a3(Path(PPD).read_text(encoding="latin-1")), encoding="latin-1")
    sock = str(root / "cups.sock")
    (root / "conf/cupsd.conf").write_text(
        f"Listen {sock}\nLogLevel warn\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
        "<Location />\nOrder allow,deny\nAllow all\n</Location>\n")
    (root / "conf/cups-files.conf").write_text("".join(
        f"{key} {root / value}\n" for key, value in (
            ("ServerRoot", "conf"), ("ServerBin", "bin"), ("RequestRoot", "spool"), ("CacheDir", "cache"),
            ("StateDir", "state"), ("TempDir", "spool"), ("ErrorLog", "log/error_log"),
            ("AccessLog", "log/access_log"), ("PageLog", "log/page_log"))))
    process = subprocess.Popen(["cupsd", "-f", "-c", str(root / "conf/cupsd.conf"),
                                "-s", str(root / "conf/cups-files.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    env = {**os.environ, "CUPS_SERVER": sock}
    try:
        deadline = time.monotonic() + 20
        while subprocess.run(["lpstat", "-r"], env=env, capture_output=True).returncode != 0:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.1)
        while True:  # a scheduler that answers may still refuse a new queue for a moment under load
            added = subprocess.run(["lpadmin", "-p", QUEUE, "-E", "-v", f"save:{root / 'out'}", "-P", str(ppd)],
                                   env=env, capture_output=True, text=True)
            if added.returncode == 0:
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"lpadmin failed: {added.stderr or added.stdout}")
            time.sleep(0.2)
        yield PrintServer(sock, root / "out")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
