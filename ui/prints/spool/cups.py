"""CUPS (Linux, macOS): the PDF goes to the queue as it is, and CUPS prints PDF natively.

`lp` ships with cups-client on every such system, so no binding is needed. Each run of pages on
one paper becomes one job with that media, at actual size (no fit-to-page), duplex flipped on
the right edge for its orientation; copies and collation are CUPS's own. A job cancelled while
the runs are being submitted takes its submitted jobs back out of the queue (`cancel`), so no
half document is left to print.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ui.prints.spool.options import PageSize, PrintOptions, Run, runs

Progress = Callable[[int, int], None]
TIMEOUT = 60  # seconds for one lp/lpstat call: a hung scheduler must not hang the window
_REQUEST = re.compile(r"request id is (\S+)")


class CupsError(OSError):
    """lp or the scheduler refused; the message is for the clerk (Chinese)."""


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CupsError(f"无法联系打印服务（CUPS）：{exc}") from exc


def available() -> bool:
    """lp is installed and a scheduler answers."""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        return False
    try:
        return _run(["lpstat", "-r"]).returncode == 0
    except CupsError:
        return False


def queues() -> list[str]:
    """The destinations the scheduler knows (printers and classes)."""
    result = _run(["lpstat", "-e"])
    return [line.strip() for line in result.stdout.splitlines() if line.strip()] if result.returncode == 0 else []


def lp_args(path: str, options: PrintOptions, run: Run, copies: int) -> list[str]:
    """The lp command line for one run of pages (1-based page ranges for CUPS)."""
    sides = "one-sided"
    if options.duplex:
        sides = "two-sided-short-edge" if run.landscape else "two-sided-long-edge"
    args = ["lp", "-d", options.printer, "-t", options.title, "-n", str(copies),
            "-o", f"media={run.media}", "-o", "print-scaling=none", "-o", "fit-to-page=false",
            "-o", f"sides={sides}", "-o", f"collate={'true' if options.collate else 'false'}",
            "-o", f"page-ranges={run.first + 1}-{run.last + 1}"]
    if options.manual_feed:  # IPP's name and the PPD's; a queue ignores the one it lacks
        args += ["-o", "media-source=manual", "-o", "InputSlot=Manual"]
    return [*args, "--", path]


def plan(options: PrintOptions, pages: list[PageSize]) -> list[tuple[Run, int]]:
    """(run, copies) in submission order. One run: CUPS makes the copies. Several runs with
    collated copies: the whole sequence once per copy, so each copy comes out whole."""
    parts = runs(pages)
    if len(parts) == 1 or options.copies == 1 or not options.collate:
        return [(part, options.copies) for part in parts]
    return [(part, 1) for _ in range(options.copies) for part in parts]


def send(pdf: bytes, pages: list[PageSize], options: PrintOptions, progress: Progress | None = None) -> list[str]:
    """Submit the document; returns the CUPS job ids. `progress(done, total)` counts pages
    handed to the queue and may raise to cancel: what was submitted is then cancelled too."""
    steps = plan(options, pages)
    total = sum(run.pages * copies for run, copies in steps)
    submitted: list[str] = []
    folder = tempfile.mkdtemp(prefix="xianfeng-print-")
    path = os.path.join(folder, "document.pdf")
    try:
        Path(path).write_bytes(pdf)
        done = 0
        for run, copies in steps:
            result = _run(lp_args(path, options, run, copies))
            match = _REQUEST.search(result.stdout)
            if result.returncode != 0 or match is None:
                reason = (result.stderr or result.stdout).strip()
                raise CupsError(f"打印机“{options.printer}”没有接受打印任务：{reason or '原因不明'}")
            submitted.append(match.group(1))
            done += run.pages * copies
            if progress is not None:
                progress(done, total)
    except BaseException:
        cancel(submitted)
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return submitted


def cancel(job_ids: list[str]) -> None:
    """Take jobs out of the queue (those already printed are gone anyway)."""
    if job_ids:
        _run(["cancel", *job_ids])


def pending(job_ids: list[str]) -> list[str]:
    """Those of the jobs still waiting or printing."""
    result = _run(["lpstat", "-W", "not-completed", "-o"])
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    return [job for job in job_ids if job in listed]


def wait(job_ids: list[str], timeout: float = 120.0, progress: Progress | None = None) -> bool:
    """Follow the jobs until the printer has taken them all (True) or `timeout` passed.
    `progress(done, total)` counts finished jobs and may raise to cancel the rest."""
    deadline = time.monotonic() + timeout
    left = list(job_ids)
    while left:
        try:
            left = pending(left)
            if progress is not None:
                progress(len(job_ids) - len(left), len(job_ids))
        except BaseException:
            cancel(left)
            raise
        if not left:
            break
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
