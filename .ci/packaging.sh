#!/usr/bin/env bash
# The installed program, built and exercised on Linux (issue 14): PyInstaller onedir build with
# its sizes, the frozen program's smoke run from the built folder (commands, PDFs read back,
# portable mode, the window offscreen, start-up time), and the NSIS installer compiled and
# installed/upgraded/uninstalled under wine64 with a stand-in payload. ~2–12 minutes (machine load).
# Called by .ci/run after the tests; XIANFENG_SKIP_PACKAGING=1 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${XIANFENG_SKIP_PACKAGING:-0}" = 1 ]; then
  echo "packaging: skipped (XIANFENG_SKIP_PACKAGING=1)"
  exit 0
fi
export QT_QPA_PLATFORM=offscreen
start=$(date +%s)
uv sync --frozen --inexact --group packaging
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
uv run --no-sync python packaging/build.py --dist "$out/dist" --work "$out/build"
uv run --no-sync python packaging/smoke.py "$out/dist/先锋台账"
uv run --no-sync python packaging/wine_check.py
echo "packaging: build, smoke and wine check in $(( $(date +%s) - start )) s"
