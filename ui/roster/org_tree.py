"""The organization tree on the left: 党委 → 党总支 → 党支部."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from models.roster import organizations
from ui.widgets import fit

ID_ROLE = Qt.ItemDataRole.UserRole


class OrgTree(QTreeWidget):
    org_selected = Signal(object)  # org id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setObjectName("org_tree")
        self.currentItemChanged.connect(self._changed)

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        blocked = self.blockSignals(True)
        self.clear()
        nodes = organizations.tree()
        items: dict[int, QTreeWidgetItem] = {}
        for node in nodes:
            item = QTreeWidgetItem([node.label])
            item.setData(0, ID_ROLE, node.id)
            item.setToolTip(0, f"{node.name}（{node.level}）")
            items[node.id] = item
        for node in nodes:
            parent = items.get(node.parent_id) if node.parent_id is not None else None
            (parent.addChild if parent is not None else self.addTopLevelItem)(items[node.id])
        self.expandAll()
        self._keep_names_whole(nodes, items)
        target = items.get(keep) if keep is not None else None
        if target is None and nodes:
            target = self.topLevelItem(0)
        if target is not None:
            self.setCurrentItem(target)
        self.blockSignals(blocked)
        self.org_selected.emit(self.current_id())  # once, whether or not the item changed

    def _keep_names_whole(self, nodes, items: dict[int, QTreeWidgetItem]) -> None:
        """Wide enough for the widest name at its depth, with room for a scroll bar: on a small
        screen the pages squeezed the tree until 东风村第一党支部 and 东风村第二党支部 both read
        东风村第…. At most a third of the screen, so the pages keep the rest."""
        metrics = self.fontMetrics()
        widest = metrics.horizontalAdvance("东风村第一党支部") + self.indentation() * 3
        for node in nodes:
            depth, item = 1, items[node.id]
            while item.parent() is not None:
                depth, item = depth + 1, item.parent()
            widest = max(widest, metrics.horizontalAdvance(node.label) + self.indentation() * depth)
        chrome = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width() + 16  # item padding
        self.setMinimumWidth(min(widest + chrome, fit.client_area(self).width() // 3))

    def current_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self.org_selected.emit(current.data(0, ID_ROLE) if current is not None else None)
