"""The parts of each print path that need no printer: paper names, runs, the Windows DEVMODE
and the order of its calls (through a fake of the thin Win32 seam)."""
from types import SimpleNamespace

import pytest
from reportlab.lib.pagesizes import A3, A4, landscape

from ui.prints.spool import choose, cups, windows
from ui.prints.spool.options import PageSize, PrintOptions, Run, runs

P_A4, L_A4, L_A3 = PageSize(*A4), PageSize(*landscape(A4)), PageSize(*landscape(A3))


def test_paper_names_and_runs():
    assert (P_A4.media, L_A4.media, L_A3.media) == ("A4", "A4", "A3")
    assert PageSize(300, 400).media == "Custom.106x141mm"
    assert runs([P_A4, P_A4, L_A4, L_A3, L_A3, P_A4]) == [
        Run(0, 1, "A4", False), Run(2, 2, "A4", True), Run(3, 4, "A3", True), Run(5, 5, "A4", False)]


def test_collated_copies_of_mixed_paper_come_out_whole():
    steps = cups.plan(PrintOptions("p", copies=2), [P_A4, L_A3])
    assert [(run.first, copies) for run, copies in steps] == [(0, 1), (1, 1), (0, 1), (1, 1)]
    steps = cups.plan(PrintOptions("p", copies=2, collate=False), [P_A4, L_A3])
    assert [(run.first, copies) for run, copies in steps] == [(0, 2), (1, 2)]


@pytest.mark.parametrize(("page", "duplex", "paper", "orientation", "flip"), [
    (P_A4, True, windows.DMPAPER_A4, windows.DMORIENT_PORTRAIT, windows.DMDUP_VERTICAL),
    (L_A4, True, windows.DMPAPER_A4, windows.DMORIENT_LANDSCAPE, windows.DMDUP_HORIZONTAL),
    (L_A3, False, windows.DMPAPER_A3, windows.DMORIENT_LANDSCAPE, windows.DMDUP_SIMPLEX),
])
def test_devmode_per_page(page, duplex, paper, orientation, flip):
    mode = windows.page_mode(page, PrintOptions("p", duplex=duplex, manual_feed=True))
    devmode = SimpleNamespace(Fields=0)
    mode.apply(devmode)
    assert (devmode.PaperSize, devmode.Orientation, devmode.Duplex) == (paper, orientation, flip)
    assert devmode.DefaultSource == windows.DMBIN_MANUAL
    assert devmode.Fields & windows.DM_PAPERSIZE and devmode.Fields & windows.DM_DEFAULTSOURCE


def test_custom_paper_in_tenths_of_a_millimetre():
    mode = windows.page_mode(PageSize(184 * 72 / 25.4, 260 * 72 / 25.4 + 20), PrintOptions("p"))
    devmode = SimpleNamespace(Fields=0)
    mode.apply(devmode)
    assert devmode.PaperSize == windows.DMPAPER_USER and devmode.PaperWidth == 1840
    assert devmode.Fields & windows.DM_PAPERLENGTH and not hasattr(devmode, "DefaultSource")


class FakeWin32:
    def __init__(self):
        self.calls = []
        self.devmode = SimpleNamespace(Fields=0)

    def open_dc(self, printer):
        self.calls.append(("open", printer))
        return "hdc", self.devmode

    def reset_dc(self, hdc, devmode):
        self.calls.append(("reset", devmode.PaperSize, devmode.Orientation))

    def device_caps(self, hdc, index):
        return {windows.PHYSICALWIDTH: 4960, windows.PHYSICALHEIGHT: 7016,
                windows.PHYSICALOFFSETX: 100, windows.PHYSICALOFFSETY: 120}[index]

    def render(self, hdc, page, x, y, width, height):
        self.calls.append(("render", page, x, y, width, height))

    def __getattr__(self, name):  # start_doc, start_page, end_page, end_doc, abort_doc, delete_dc
        return lambda *args: self.calls.append((name,))


def test_windows_pages_copies_and_collation_in_order():
    fake = FakeWin32()
    sent = windows.send(b"", [P_A4, L_A3], PrintOptions("Microsoft Print to PDF", copies=2), win32=fake,
                        document=["page0", "page1"])
    assert sent == 4
    renders = [call[1] for call in fake.calls if call[0] == "render"]
    assert renders == ["page0", "page1", "page0", "page1"]
    assert ("render", "page0", -100, -120, 4960, 7016) in fake.calls  # actual size: no margin shift
    assert ("reset", windows.DMPAPER_A3, windows.DMORIENT_LANDSCAPE) in fake.calls
    assert fake.calls[-2:] == [("end_doc",), ("delete_dc",)]
    assert windows.page_order(2, 2, collate=False) == [0, 0, 1, 1]


def test_windows_cancel_aborts_the_document():
    fake = FakeWin32()

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        windows.send(b"", [P_A4, P_A4], PrintOptions("p"), stop, win32=fake, document=["a", "b"])
    names = [call[0] for call in fake.calls]
    assert "abort_doc" in names and "end_doc" not in names and names[-1] == "delete_dc"


def test_path_choice_by_platform(monkeypatch):
    monkeypatch.setattr(windows, "available", lambda: True)
    assert choose.pick("任意", platform="win32") == choose.WINDOWS
    monkeypatch.setattr(windows, "available", lambda: False)
    assert choose.pick("任意", platform="win32") == choose.RASTER
    monkeypatch.setattr(cups, "available", lambda: False)
    assert choose.pick("HP", platform="linux") == choose.RASTER
    monkeypatch.setattr(cups, "available", lambda: True)
    assert choose.pick("HP", platform="darwin", cups_queues=["HP"]) == choose.CUPS
