"""Pictures of the real screens for the manual, made from the program itself.

Screenshots drawn by hand fall behind the program with its first changed button; these are
grabbed from the real window on a throwaway demo township, so a build always ships pictures
of the screens it has. Run by the packaging build (and by hand from the source folder):

    uv run python -m ui.help.manual_pictures resources/manual/pictures

It uses a database and data folder of its own in a temporary folder: the clerk's database is
never opened.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

PICTURES = ("first_run.png", "profile.png", "members.png", "pledges.png", "review.png")
SIZE = (1180, 720)  # a 1366×768 screen less the taskbar and the window's frame
WIDTH = 820  # as shown in the manual beside its contents list, without scrolling sideways


def make(out: Path) -> list[Path]:
    """Writes the manual's pictures into `out`; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xianfeng-manual-") as scratch:
        os.environ["XIANFENG_DATA_DIR"] = str(Path(scratch) / "data")
        return _grab_all(out, Path(scratch) / "manual.db")


def _grab_all(out: Path, db_file: Path) -> list[Path]:
    from PySide6.QtCore import Qt

    from models import demo
    from models.safety import opening
    from models.store import db as dbmod
    from models.store.tables import Organization
    from ui.app import make_app
    from ui.campaign.review_dialog import ReviewDialog
    from ui.main_window import MainWindow

    app = make_app()
    written: list[Path] = []

    def save(widget, name: str) -> None:
        app.processEvents()
        path = out / name
        picture = widget.grab()
        picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation).save(str(path))
        written.append(path)

    opening.connect(db_file)
    window = MainWindow(str(db_file))
    window.statusBar().hide()  # it names the scratch file, which means nothing to a reader
    window.resize(*SIZE)
    window.load()
    window.show()
    save(window, "first_run.png")
    window.close()
    demo.fill(members=120)
    window = MainWindow(str(db_file))
    window.statusBar().hide()
    window.resize(*SIZE)
    window.load()
    window.show()
    branch = Organization.select().where(Organization.level == "党支部").order_by(Organization.id).first()
    window.tree.reload(branch.id)
    for name, title in (("profile.png", "概况"), ("members.png", "党员"), ("pledges.png", "承诺")):
        window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == title))
        save(window, name)
    dialog = ReviewDialog(window, branch.id)
    dialog.resize(SIZE[0], SIZE[1] - 40)
    dialog.show()
    dialog.tabs.setCurrentIndex(next(i for i in range(dialog.tabs.count()) if dialog.tabs.tabText(i) == "群众评议"))
    save(dialog, "review.png")
    dialog.close()
    window.close()
    dbmod.close()
    return written


if __name__ == "__main__":
    from ui.help.manual import pictures_dir

    for picture in make(Path(sys.argv[1]) if len(sys.argv) > 1 else pictures_dir()):
        print(picture)
