"""Seconds to print a 300-member pledge board (3 items each).

Run: ``uv run python bench/printing.py [members]``. Uses this machine's real fonts when
there are any; otherwise says so and stops. Three figures:

* first print, empty font cache  – includes converting CFF fonts (Noto CJK) if used;
* first print, warm disk cache   – a new program run printing the same characters;
* repeat print in the same run   – what the clerk waits for the second time.
"""
from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from printing.data import PledgeBoard, PledgeItem, PledgeRow
from printing.documents.pledge_board import render_pledge_board
from printing.errors import NoCJKFontError
from printing.typeset.fonts import _FACE_CACHE, FontLibrary, FontSettings

ITEMS = [
    "带头参加村庄环境整治，每月义务劳动不少于2次，带动周边10户群众共同维护村容村貌。",
    "帮扶困难群众2户，帮助其发展特色种植，力争户均年增收3000元以上。",
    "认真学习党的路线方针政策，按时参加“三会一课”，全年不缺席，做到学用结合。",
    "协助村“两委”做好矛盾纠纷调解工作，及时化解邻里纠纷——做到小事不出组、大事不出村。",
]
NAMES = ["张堃", "李喆", "王昇", "赵赟", "刘垚", "陈玥", "杨镕", "欧阳明华", "周建国", "吴秀英"]
POSTS = ["党支部书记", "组织委员", "宣传委员", "纪检委员", "党员", "党员中心户"]


def board(members: int) -> PledgeBoard:
    rows = [PledgeRow(NAMES[i % len(NAMES)], POSTS[i % len(POSTS)],
                      [PledgeItem(ITEMS[(i + k) % len(ITEMS)], "2026年12月底前")
                       for k in range(3)])
            for i in range(members)]
    return PledgeBoard("中共东风村支部委员会", 2026, date(2026, 3, 1), date(2026, 3, 7), rows,
                       supervision_phone="0371-12345678")


def timed(fn) -> tuple[float, bytes]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> int:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    b = board(members)
    with tempfile.TemporaryDirectory() as cache:
        settings = FontSettings(cache_dir=Path(cache))
        try:
            FontLibrary(settings).primary("body")
        except NoCJKFontError as exc:
            print(f"no CJK font on this machine: {exc}")
            return 1
        _FACE_CACHE.clear()
        cold, pdf = timed(lambda: render_pledge_board(b, FontLibrary(settings)))
        _FACE_CACHE.clear()
        warm_disk, _ = timed(lambda: render_pledge_board(b, FontLibrary(settings)))
        lib = FontLibrary(settings)
        render_pledge_board(b, lib)
        repeat, _ = timed(lambda: render_pledge_board(b, lib))
        fonts = lib.describe()
    print(f"pledge board, {members} members x 3 items, {len(pdf) / 1024:.0f} KiB")
    for role, path in fonts.items():
        print(f"  font {role:5s} {path}")
    print(f"  first print, empty font cache : {cold:6.2f} s")
    print(f"  first print, warm disk cache  : {warm_disk:6.2f} s")
    print(f"  repeat print, same run        : {repeat:6.2f} s")
    certificates_figure()
    return 0


def certificates_figure(count: int = 1000) -> None:
    """荣誉证书: seconds for ``count`` certificates against bare ReportLab calls drawing the
    same text with the same fonts in the same run (target ≤ 3×), and bytes per page
    (target ≤ 20 KB). Best of three runs each, fonts warm."""
    import io
    import random
    from functools import partial

    from reportlab.pdfgen.canvas import Canvas

    from printing.documents.certificate import (
        TITLE_TEXT,
        Certificate,
        _declare,
        certificate_lines,
        render_certificates,
        stock_layout,
    )

    rng = random.Random(7)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐欧阳", "建国秀英明华堃喆志强丽娟玉兰海燕春梅伟"
    certs = [Certificate(rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2)))),
                         False, rng.choice(("优秀共产党员", "优秀党务工作者")), 2026, "中共先锋镇委员会",
                         date(2026, 7, 1), f"先锋〔2026〕{n}号") for n in range(1, count + 1)]

    def bare(layout, text_font: str, title_font: str) -> bytes:
        buf = io.BytesIO()
        canv = Canvas(buf, pagesize=layout.page_size, initialFontName=text_font)
        for cert in certs:
            words = certificate_lines(cert)
            if layout.title:
                canv.setFont(title_font, layout.title_size)
                canv.drawString(200, 480, TITLE_TEXT)
            canv.setFont(text_font, layout.name_size)
            canv.drawString(110, 420, words.name)
            canv.setFont(text_font, layout.text_size)
            canv.drawString(200, 420, words.suffix)
            for k, para in enumerate(words.paragraphs):
                canv.drawString(110, 370 - 40 * k, para)
            canv.setFont(text_font, layout.sign_size)
            canv.drawString(480, 160, words.issuer)
            canv.drawString(480, 130, words.date)
            canv.setFont(text_font, layout.number_size)
            canv.drawString(110, 60, words.number)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    lib = FontLibrary(FontSettings())
    for stock in ("plain", "16k"):
        layout = stock_layout(stock)
        render_certificates(certs[:5], layout, lib)                      # warm fonts
        ours = min(timed(partial(render_certificates, certs, layout, lib))[0] for _ in range(3))
        pdf = render_certificates(certs, layout, lib)
        doc = lib.new_document()
        _declare(doc, certs, layout)
        doc.resolve(accept_missing=True)
        text_font = doc.primary_font(layout.text_role)
        title_font = doc.primary_font(layout.title_role) if layout.title else text_font
        base = min(timed(partial(bare, layout, text_font, title_font))[0] for _ in range(3))
        print(f"certificates, {count} on {stock}: {ours:6.2f} s; bare ReportLab same text {base:6.2f} s; "
              f"ratio {ours / base:4.2f}x (target <= 3x); {len(pdf) / count / 1024:5.1f} KiB per page "
              f"(target <= 20 KB)")

if __name__ == "__main__":
    raise SystemExit(main())
