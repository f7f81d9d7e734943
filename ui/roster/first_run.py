"""The first start on an empty database: three steps instead of an empty tree.

A clerk who has never seen the program is not left in front of an empty tree and a form that
accepts typing it cannot save: 建立本级党组织 first, then the roster (import or one by one), and
what the campaign year asks next, each with the place in the program where it is done.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.roster import organizations
from ui.widgets import modal

CAMPAIGN_STEPS = (
    ("公开承诺", "党员和党组织年初提出承诺，支部审定——“承诺”页"),
    ("承诺公示", "审定后的承诺张贴公示——“打印 → 党员公开承诺公示栏”"),
    ("季度评议", "每季度开评议会，记下出勤、党员互评和群众评议——“季度评议”页"),
    ("年度考核", "年底按“五个好”“五带头”考核——“年度考核”页（乡镇党委）"),
    ("表彰", "推荐、公示、决定，打印荣誉证书——“表彰”页（乡镇党委）"),
)


class FirstRunPage(QWidget):
    """Shown by the main window while the database has no organization, and after the first
    one is made until the clerk goes on (`finished`)."""

    org_created = Signal(int)
    import_requested = Signal()
    add_member_requested = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        title = QLabel("欢迎使用先锋台账", self)
        title.setStyleSheet("font-size: 20pt; font-weight: bold; color: #8a1c1c;")
        self.lead = lead = QLabel(self)
        lead.setWordWrap(True)

        self.step1 = QLabel(self)
        self.step1.setWordWrap(True)
        self.create_button = QPushButton("建立党组织…", self)
        self.create_button.setObjectName("first_run_create")
        self.create_button.clicked.connect(self.create_org)

        step2 = QLabel("第二步　录入党员：已有 Excel 花名册的，直接导入（常用写法、只写到月的日期都认得）；"
                       "没有的，逐个录入。", self)
        step2.setWordWrap(True)
        self.import_button = QPushButton("导入党员花名册…", self)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.add_button = QPushButton("逐个录入党员…", self)
        self.add_button.clicked.connect(self.add_member_requested.emit)

        step3 = QLabel("第三步　之后一年的工作顺序：", self)
        steps = QLabel("<ol>" + "".join(f"<li><b>{name}</b>：{where}</li>" for name, where in CAMPAIGN_STEPS)
                       + "</ol>", self)
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.setWordWrap(True)
        self.go_button = QPushButton("进入台账", self)
        self.go_button.setObjectName("first_run_go")
        self.go_button.clicked.connect(self.finished.emit)
        hint = QLabel("以后随时可以在“文件 → 新建党组织…”再建组织，“帮助 → 快捷键”查看常用按键。", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")

        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.addWidget(self.step1, 0, 0)
        grid.addWidget(self.create_button, 0, 1)
        grid.addWidget(step2, 1, 0)
        grid.addWidget(self.import_button, 1, 1)
        grid.addWidget(self.add_button, 2, 1)
        grid.addWidget(step3, 3, 0, 1, 2)
        grid.addWidget(steps, 4, 0, 1, 2)
        grid.setVerticalSpacing(10)
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setLayout(grid)
        column = QWidget(self)
        column.setMaximumWidth(760)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(lead)
        inner.addWidget(card)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.go_button)
        inner.addLayout(row)
        inner.addStretch(1)
        inner.setSpacing(14)
        body = QWidget(self)
        centred = QHBoxLayout(body)
        centred.addStretch(1)
        centred.addWidget(column, 4)
        centred.addStretch(1)
        scroll = QScrollArea(self)  # a 768-pixel screen at 150 % still reaches 进入台账
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.addWidget(scroll)
        self.refresh()

    def refresh(self) -> None:
        """Steps 2 and 3 wait for step 1: nothing is offered that could not be saved."""
        done = self.org_id is not None
        self.lead.setText("本级党组织已经建立，接着做第二步、第三步；每一步做完都可以随时回来修改。" if done else
                          "这个数据库还是空的。按下面三步开始，每一步做完都可以随时回来修改。")
        if done:
            org = organizations.get(self.org_id)
            after = ("乡镇党委可以接着在“文件 → 新建党组织…”中建立下属党支部。" if org.level != "党支部" else
                     "以后要在本机登记“转到本镇其他党支部”，可再建乡镇党委，并在“概况”中把它选为上级组织。")
            self.step1.setText(f"第一步　建立本级党组织：✓ 已建立“{org.name}”。{after}")
        else:
            self.step1.setText("第一步　建立本级党组织：填写全称、简称、层级和类别。"
                               "乡镇党委先建党委，再建下属党支部；村、社区党支部直接建本支部。")
        self.create_button.setEnabled(not done)
        for button in (self.import_button, self.add_button, self.go_button):
            button.setEnabled(done)

    def create_org(self) -> None:
        from ui.roster.org_dialog import OrgDialog

        dialog = OrgDialog(self)
        if modal.run(dialog):
            self.org_id = dialog.result_value.id
            self.refresh()
            self.org_created.emit(self.org_id)
