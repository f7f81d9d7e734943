"""Build resources/strokes.txt, the stroke data behind 姓氏笔画 ordering (models/strokes.py).

The program is offline, so the data ships with it; this script is how it was made and how to
remake it for a newer Unicode release. Run it from the repository root:

    python resources/make_strokes.py                       # Debian's unicode-data + npm pack
    python resources/make_strokes.py --unihan Unihan.zip --cnchar cnchar-order-3.2.6.tgz

Sources:
- Stroke counts: Unihan kTotalStrokes (first value = the zh-Hans count), from Debian's
  `unicode-data` package (/usr/share/unicode) or a Unihan.zip. Unicode License.
- Stroke order (for ordering characters with the same count by 横竖撇点折): the npm package
  `cnchar-order` (MIT, © theajack), which covers the ~7,000 characters of the general-use list.
  Characters it lacks fall back to code-point order.
"""
from __future__ import annotations

import argparse
import bz2
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CNCHAR_PACKAGE = "cnchar-order@3.2.6"
UNICODE_DIR = Path("/usr/share/unicode")
UNICODE_COPYRIGHT = Path("/usr/share/doc/unicode-data/copyright")

# cnchar's stroke letters, folded into the five basic shapes of the national stroke-order
# standard: 提 counts as 横, 竖钩 as 竖, 捺 (and cnchar's second dot) as 点, every stroke
# with a turn or hook except 竖钩 as 折. The second digit says whether the stroke is the
# main shape (0) or an attached one (1): the standard puts 干 (横横竖) before 于 (横横竖钩).
LETTER_SHAPE: dict[str, tuple[str, str]] = {
    "j": ("1", "0"),  # 横
    "i": ("1", "1"),  # 提
    "f": ("2", "0"),  # 竖
    "g": ("2", "1"),  # 竖钩
    "s": ("3", "0"),  # 撇
    "k": ("4", "0"),  # 点
    "d": ("4", "0"),  # 点 (left-falling dot, as in 心 火)
    "l": ("4", "1"),  # 捺
}
TURN_LETTERS = set("abcenopqrtuvwxyzhm")  # 横折, 横钩, 竖提, 撇点, 竖弯钩 … all 折

RUN_GAP = 64  # code points without data that may sit inside one run before a new run starts
MAX_COUNT = 126 - 33  # counts are stored as one printable ASCII character each


def read_unihan_total_strokes(source: Path) -> tuple[dict[int, int], str]:
    """Return {code point: zh-Hans stroke count} and the Unicode version named in the file."""
    texts: list[str] = []
    if source.is_file() and source.suffix == ".zip":
        with zipfile.ZipFile(source) as zf:
            for name in zf.namelist():
                texts.append(zf.read(name).decode("utf-8"))
    elif source.is_dir():
        for path in sorted(source.glob("Unihan*.txt*")):
            raw = path.read_bytes()
            if path.suffix == ".bz2":
                raw = bz2.decompress(raw)
            texts.append(raw.decode("utf-8"))
        zipped = source / "Unihan.zip"
        if not texts and zipped.exists():
            return read_unihan_total_strokes(zipped)
    else:
        texts.append(source.read_text(encoding="utf-8"))
    counts: dict[int, int] = {}
    version = "unknown"
    for text in texts:
        if "\tkTotalStrokes\t" not in text:
            continue
        found = re.search(r"^# Unicode version: (\S+)", text, re.MULTILINE)
        if found:
            version = found.group(1)
        for line in text.splitlines():
            if line.startswith("#") or "\tkTotalStrokes\t" not in line:
                continue
            code, _, value = line.split("\t")
            counts[int(code[2:], 16)] = int(value.split()[0])
    if not counts:
        sys.exit(f"no kTotalStrokes found in {source}")
    return counts, version


def fetch_cnchar(dest: Path) -> Path:
    """Download the pinned cnchar-order tarball with npm (a registry package, fetched by name)."""
    subprocess.run(["npm", "pack", CNCHAR_PACKAGE, "--silent"], cwd=dest, check=True,
                   stdout=subprocess.DEVNULL)
    return next(dest.glob("cnchar-order-*.tgz"))


def read_cnchar(source: Path) -> tuple[dict[str, str], str, str]:
    """Return cnchar-order's {character: stroke letters}, its version and its licence text."""
    if source.suffix == ".tgz":
        with tarfile.open(source) as tar:
            files = {m.name.split("/", 1)[1]: tar.extractfile(m).read().decode("utf-8")
                     for m in tar.getmembers() if m.isfile()}
    else:
        base = source if source.is_dir() else source.parent
        files = {p.name: p.read_text(encoding="utf-8") for p in base.iterdir() if p.is_file()}
    meta = json.loads(files["package.json"])
    if meta.get("license") != "MIT":
        sys.exit(f"cnchar-order licence is {meta.get('license')!r}, expected MIT")
    script = next(text for name, text in files.items() if name.endswith(".min.js"))
    blobs = re.findall(r"JSON\.parse\('(.*?)'\)", script, re.DOTALL)
    orders = max((json.loads(b) for b in blobs), key=len)
    return orders, meta["version"], files["LICENSE"]


def shapes(letters: str) -> tuple[str, str]:
    """Fold cnchar letters into (basic-shape digits, main/attached digits)."""
    main, fine = [], []
    for letter in letters:
        if letter in LETTER_SHAPE:
            shape, attached = LETTER_SHAPE[letter]
        elif letter in TURN_LETTERS:
            shape, attached = "5", "0"
        else:
            raise ValueError(f"unknown cnchar stroke letter {letter!r}")
        main.append(shape)
        fine.append(attached)
    return "".join(main), "".join(fine)


def count_runs(counts: dict[int, int]) -> list[tuple[int, str]]:
    """Pack counts into runs of consecutive code points, one ASCII character per code point."""
    runs: list[tuple[int, list[str]]] = []
    last = None
    for cp in sorted(counts):
        n = counts[cp]
        if not 1 <= n <= MAX_COUNT:
            raise ValueError(f"U+{cp:04X} has {n} strokes, outside what the format holds")
        if last is None or cp - last > RUN_GAP:
            runs.append((cp, []))
        else:
            runs[-1][1].extend("!" * (cp - last - 1))
        runs[-1][1].append(chr(33 + n))
        last = cp
    return [(start, "".join(chars)) for start, chars in runs]


def unicode_notice() -> str:
    """The Unicode copyright and permission notice, which must travel with the data."""
    if UNICODE_COPYRIGHT.exists():
        text = UNICODE_COPYRIGHT.read_text(encoding="utf-8", errors="replace")
        start = text.find("COPYRIGHT AND PERMISSION NOTICE")
        if start >= 0:
            return text[start:].strip() + "\n"
    return ("Unicode Character Database (Unihan). Copyright © 1991-2022 Unicode, Inc.\n"
            "Distributed under the Unicode License: https://www.unicode.org/license.txt\n")


def build(unihan: Path, cnchar: Path | None, out_dir: Path) -> None:
    counts, unicode_version = read_unihan_total_strokes(unihan)
    with tempfile.TemporaryDirectory() as tmp:
        orders, cnchar_version, cnchar_licence = read_cnchar(cnchar or fetch_cnchar(Path(tmp)))

    order_lines = []
    mismatched = []
    for ch in sorted(orders, key=ord):
        letters = orders[ch]
        if len(ch) != 1 or not letters or ord(ch) not in counts:
            continue
        main, fine = shapes(letters)
        if len(main) != counts[ord(ch)]:
            mismatched.append(ch)  # kept: the first strokes still order it correctly
        order_lines.append(f"{ch}{main} {fine}" if "1" in fine else f"{ch}{main}")

    header = [
        "# 姓氏笔画 stroke data for 先锋台账 (read by models/strokes.py).",
        "# Generated by resources/make_strokes.py; do not edit by hand. Licences and the notice",
        "# that this is modified (repacked) data: resources/strokes-LICENSES.txt.",
        f"# Stroke counts: Unihan kTotalStrokes, zh-Hans value, Unicode {unicode_version}.",
        (f"# Stroke order: npm cnchar-order {cnchar_version} (MIT, (c) theajack),"
         " folded into 横1 竖2 撇3 点4 折5."),
        ("# '@HEX TEXT': the i-th character of TEXT is chr(33 + strokes) of code point HEX+i;"
         " '!' = no data."),
        "# 'C DIGITS [FINE]': character C's strokes in writing order as basic shapes; FINE marks",
        "# attached shapes (提 竖钩 捺) with 1, for the standard's main-before-attached rule.",
    ]
    body = [f"@{start:X} {text}" for start, text in count_runs(counts)]
    out = out_dir / "strokes.txt"
    out.write_text("\n".join(header + body + order_lines) + "\n", encoding="utf-8")

    licences = out_dir / "strokes-LICENSES.txt"
    licences.write_text(
        "Third-party data in resources/strokes.txt\n"
        "==========================================\n\n"
        "strokes.txt was generated by resources/make_strokes.py from the two sources below;\n"
        "their data was modified: repacked, and stroke types folded into five shapes.\n\n"
        f"1. Unihan database (kTotalStrokes), Unicode {unicode_version}\n"
        "----------------------------------------------------------\n\n"
        + unicode_notice()
        + f"\n\n2. cnchar-order {cnchar_version} (stroke order data)\n"
        "--------------------------------------------\n\n"
        + cnchar_licence.strip() + "\n",
        encoding="utf-8",
    )
    size = out.stat().st_size
    print(f"{out}: {size} bytes, {len(counts)} counts, {len(order_lines)} stroke orders "
          f"({len(mismatched)} whose length differs from kTotalStrokes: {''.join(mismatched)})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unihan", type=Path, default=UNICODE_DIR,
                        help="Unihan.zip, a Unihan_*.txt file, or a folder holding them")
    parser.add_argument("--cnchar", type=Path, default=None,
                        help="cnchar-order .tgz or unpacked package folder (default: npm pack)")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    build(args.unihan, args.cnchar, args.out)


if __name__ == "__main__":
    main()
