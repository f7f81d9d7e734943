"""Run the frozen program from its built folder, headless, as a clerk's PC would.

    uv run python packaging/smoke.py [dist/先锋台账]

A hook or data file missing from the build fails here, before anyone touches Windows:
--help, --version, demo, check, export roster, print pledge-board and print certificates
(the PDFs read back: every font embedded, the Chinese text extractable), portable mode
(便携版.txt beside the executable → 数据/ beside it), and the window starting offscreen and
staying up. Prints the window's start-up time, frozen and from source (budget: within 1.2×).
"""
from __future__ import annotations

import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT / "dist" / "先锋台账"
MARKER = "便携版.txt"


class Smoke:
    def __init__(self, folder: Path, work: Path) -> None:
        self.exe = folder / ("xianfeng.exe" if sys.platform == "win32" else "xianfeng")
        self.work = work
        self.db = work / "smoke.db"
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XIANFENG_DATA_DIR=str(work / "data"))
        self.failures: list[str] = []

    def run(self, *args: str, env: dict[str, str] | None = None, db: bool = True) -> subprocess.CompletedProcess:
        argv = [str(self.exe), *(["--db", str(self.db)] if db else []), *args]
        return subprocess.run(argv, env=env or self.env, capture_output=True, text=True, encoding="utf-8",
                              timeout=300)

    def check(self, ok: bool, what: str, detail: str = "") -> None:
        print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f"\n      {detail.strip()[-800:]}"))
        if not ok:
            self.failures.append(what)

    def command(self, what: str, *args: str, expect: str = "") -> subprocess.CompletedProcess:
        r = self.run(*args)
        self.check(r.returncode == 0 and expect in r.stdout, what, r.stderr + r.stdout)
        return r

    def pdf(self, what: str, path: Path, words: tuple[str, ...]) -> None:
        from pypdf import PdfReader

        try:
            reader = PdfReader(path)
            text = "".join(page.extract_text() or "" for page in reader.pages)
            fonts = unembedded = 0
            for page in reader.pages:
                for font in (page.get("/Resources", {}).get("/Font") or {}).values():
                    font = font.get_object()
                    fonts += 1
                    descendants = font.get("/DescendantFonts")
                    described = descendants[0].get_object() if descendants else font
                    descriptor = described.get("/FontDescriptor")
                    descriptor = descriptor.get_object() if descriptor is not None else {}
                    if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        unembedded += 1
        except Exception as exc:  # any failure to read it back is the finding
            self.check(False, what, repr(exc))
            return
        missing = [w for w in words if w not in text]
        self.check(fonts > 0 and not unembedded and not missing,
                   f"{what}: {len(reader.pages)} pages, {fonts} fonts all embedded, text extractable",
                   f"fonts={fonts} unembedded={unembedded} missing={missing}")

    def window_stays_up(self, seconds: float = 4.0) -> None:
        proc = subprocess.Popen([str(self.exe), "--db", str(self.db)], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            proc.wait(timeout=seconds)
            self.check(False, "window starts offscreen and stays up", proc.stderr.read() if proc.stderr else "")
        except subprocess.TimeoutExpired:
            self.check(True, f"window starts offscreen and stays up {seconds:.0f} s")
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    def portable(self) -> None:
        """便携版.txt beside the executable: the data (database, logs) in 数据/ beside it."""
        marker, data = self.exe.parent / MARKER, self.exe.parent / "数据"
        if data.exists():
            shutil.rmtree(data)
        marker.write_text("有这个文件时，先锋台账把数据保存在旁边的“数据”文件夹中。\n", encoding="utf-8")
        env = {k: v for k, v in self.env.items() if k != "XIANFENG_DATA_DIR"}
        try:
            r = self.run("demo", "--members", "20", env=env, db=False)
            self.check(r.returncode == 0 and (data / "xianfeng.db").is_file() and (data / "logs").is_dir(),
                       "portable mode: database and logs in 数据/ beside the program", r.stderr)
        finally:
            marker.unlink()
            shutil.rmtree(data, ignore_errors=True)


def startup(argv: list[str], env: dict[str, str], runs: int = 3) -> float:
    """Median seconds from process start to the window shown (XIANFENG_BENCH_EXIT, as bench/startup.py)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(argv, env=dict(env, XIANFENG_BENCH_EXIT="1"), capture_output=True, text=True,
                              timeout=120)
        times.append(time.perf_counter() - t0)
        if not proc.stdout.startswith("shown"):
            raise RuntimeError(proc.stderr[-500:])
    return statistics.median(times)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    year = str(datetime.date.today().year)
    with tempfile.TemporaryDirectory(prefix="xianfeng-smoke-") as tmp:
        s = Smoke(folder, Path(tmp))
        r = s.run("--help", db=False)
        s.check(r.returncode == 0 and "先锋台账" in r.stdout and "demo" in r.stdout, "--help", r.stderr)
        from ui.help.version import version

        r = s.run("--version", db=False)
        s.check(r.stdout.strip() == f"先锋台账 {version()}", f"--version says {version()}", r.stdout + r.stderr)
        s.command("demo", "demo", "--members", "200")
        s.command("check", "check")
        roster = s.work / "名册.xlsx"
        r = s.run("export", "roster", "-o", str(roster))
        s.check(r.returncode == 0 and roster.is_file() and roster.stat().st_size > 5000, "export roster", r.stderr)
        board = s.work / "公示栏.pdf"
        r = s.run("print", "pledge-board", "--org", "红旗村党支部", "--year", year, "-o", str(board))
        s.check(r.returncode == 0, "print pledge-board", r.stderr)
        if r.returncode == 0:
            s.pdf("pledge-board PDF", board, ("承诺",))
        certs = s.work / "证书.pdf"
        r = s.run("print", "certificates", "--org", "红旗村党支部", "--title", "优秀共产党员", "--year", year,
                  "-o", str(certs))
        s.check(r.returncode == 0, "print certificates", r.stderr)
        if r.returncode == 0:
            s.pdf("certificates PDF", certs, ("同志", "优秀共产党员"))
        s.window_stays_up()
        s.portable()
        try:
            frozen = startup([str(s.exe), "--db", str(s.db)], s.env)
            source = startup([sys.executable, str(ROOT / "main.py"), "--db", str(s.db)], s.env)
            print(f"start-up to the window (200 members, median of 3): frozen {frozen:.2f} s, "
                  f"source {source:.2f} s, ratio {frozen / source:.2f} (budget 1.2)")
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            s.check(False, "start-up measured", str(exc))
    print("smoke: " + ("all passed" if not s.failures else f"{len(s.failures)} failed: {', '.join(s.failures)}"))
    return 1 if s.failures else 0


if __name__ == "__main__":
    sys.exit(main())
