"""The vector path through a real CUPS: what comes out is the PDF's own pages, at actual size,
text still text."""
import io
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

from ui.prints.spool import choose, cups
from ui.prints.spool.options import PageSize, PrintOptions


def make_pdf(sizes, text="Xianfeng"):
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=sizes[0])
    for number, size in enumerate(sizes, 1):
        c.setPageSize(size)
        c.rect(20, 20, size[0] - 40, size[1] - 40)
        c.drawString(60, 60, f"PAGE {number} {text}")
        c.showPage()
    c.save()
    return out.getvalue()


def pages_of(pdf):
    return [PageSize(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def frames(path):
    """Each printed page: its paper (points) and the drawn frame's size, however CUPS turned it."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        out = []
        for page in pdf.pages:
            rect = max(page.rects, key=lambda r: r["width"] * r["height"], default=None)
            out.append((round(page.width), round(page.height),
                        None if rect is None else tuple(sorted((round(rect["width"]), round(rect["height"]))))))
        return out


def text_of(path):
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_scheduler_is_found(print_server):
    assert cups.available()
    assert print_server.queue in cups.queues()
    assert choose.pick(print_server.queue, platform="linux") == choose.CUPS
    assert choose.pick("没有这台打印机", platform="linux") == choose.RASTER
    assert choose.pick(print_server.queue, want_raster=True, platform="linux") == choose.RASTER


@pytest.mark.parametrize(("sizes", "paper"), [([A4, A4], (595, 842)), ([landscape(A4)] * 3, (595, 842)),
                                               ([landscape(A3)], (842, 1191))])
def test_pages_print_at_actual_size_on_their_paper(print_server, sizes, paper):
    pdf = make_pdf(sizes)
    jobs = cups.send(pdf, pages_of(pdf), PrintOptions(print_server.queue))
    (out,) = print_server.outputs(jobs)
    printed = frames(out)
    assert len(printed) == len(sizes)
    for (width, height, frame), size in zip(printed, sizes, strict=True):
        assert (width, height) == paper
        assert frame == tuple(sorted((round(size[0] - 40), round(size[1] - 40))))  # not scaled
    text = text_of(out)
    for number in range(1, len(sizes) + 1):
        assert f"PAGE {number} Xianfeng" in text


def test_mixed_paper_goes_as_one_job_per_run_and_stays_vector(print_server):
    sizes = [A4, A4, landscape(A3), A4]
    pdf = make_pdf(sizes)
    jobs = cups.send(pdf, pages_of(pdf), PrintOptions(print_server.queue))
    assert len(jobs) == 3
    outs = print_server.outputs(jobs)
    assert [len(frames(o)) for o in outs] == [2, 1, 1]
    assert frames(outs[1])[0][:2] == (842, 1191)
    assert "PAGE 3 Xianfeng" in text_of(outs[1]) and "PAGE 4 Xianfeng" in text_of(outs[2])
    fonts = subprocess.run(["pdffonts", str(outs[0])], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" in fonts  # text went as text, not as a picture


def test_copies_collated_and_duplex(print_server):
    pdf = make_pdf([A4] * 3)
    options = PrintOptions(print_server.queue, copies=2, collate=True, duplex=True)
    (out,) = print_server.outputs(cups.send(pdf, pages_of(pdf), options))
    text = text_of(out)
    # two copies of 3 pages, each padded to an even count for the back side
    assert len(frames(out)) == 8
    assert text.count("PAGE 1 Xianfeng") == 2 and text.count("PAGE 3 Xianfeng") == 2
    assert text.index("PAGE 3") < text.rindex("PAGE 1")  # 1 2 3 · 1 2 3


def test_cancel_while_sending_leaves_no_job(print_server, monkeypatch):
    sizes = [A4, landscape(A3), A4]
    pdf = make_pdf(sizes)
    subprocess.run(["cupsdisable", print_server.queue], check=True)  # hold the queue: jobs stay queued
    try:
        seen = []

        def progress(done, total):
            seen.append(done)
            if len(seen) == 2:
                raise KeyboardInterrupt  # what a cancelled ui.jobs token raises, in kind

        with pytest.raises(KeyboardInterrupt):
            cups.send(pdf, pages_of(pdf), PrintOptions(print_server.queue), progress)
        assert seen == [1, 2]
        queued = subprocess.run(["lpstat", "-W", "not-completed", "-o", print_server.queue],
                                capture_output=True, text=True).stdout
        assert queued.strip() == ""
    finally:
        subprocess.run(["cupsenable", print_server.queue], check=True)


def test_lp_arguments_for_landscape_duplex_manual_feed():
    from ui.prints.spool.options import Run

    args = cups.lp_args("/tmp/x.pdf", PrintOptions("HP", copies=3, collate=False, duplex=True, manual_feed=True),
                        Run(0, 4, "A4", True), 3)
    joined = " ".join(args)
    for part in ("-d HP", "-n 3", "media=A4", "print-scaling=none", "sides=two-sided-short-edge",
                 "collate=false", "page-ranges=1-5", "media-source=manual", "InputSlot=Manual"):
        assert part in joined
    assert args[-2:] == ["--", "/tmp/x.pdf"]
    portrait = cups.lp_args("/tmp/x.pdf", PrintOptions("HP", duplex=True), Run(0, 0, "A3", False), 1)
    assert "sides=two-sided-long-edge" in portrait and "media-source=manual" not in portrait
