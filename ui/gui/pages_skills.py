"""The skills portfolio screen: what the learner can do, with its evidence, how completely each credential is
described, and the goals (stacks)."""

from __future__ import annotations

import html
from typing import Any

from .qt import (
    QGroupBox,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .util import status_text

EVIDENCE_ROLE = 257  # on a skill row: which list of evidence to show when it is opened


class SkillsPage(QWidget):
    open_credential = Signal(str)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from .collection import EmptyState
        from .qt import QStackedWidget

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        content = QWidget()
        self.stack.addWidget(content)
        self.empty = EmptyState()
        self.empty.show_state(self.tr("No skills yet"),
                              self.tr("Skills appear here when your credentials name the skills they show. Add a "
                                      "badge or a certificate and its skills are listed with the evidence behind "
                                      "them."),
                              self.tr("Add credentials…"), self.import_requested.emit)
        self.stack.addWidget(self.empty)
        lay = QVBoxLayout(content)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("What you can do")) + "</h2>"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Skill / evidence"), self.tr("Strength"), self.tr("Evidence / status")])
        self.tree.setAccessibleName(self.tr("Skills and the credentials behind them"))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(self.fill_evidence)
        self._evidence: list[list[Any]] = []
        lay.addWidget(self.tree, 3)
        lay.addWidget(QLabel("<h3>" + html.escape(self.tr("How completely each credential is described")) + "</h3>"))
        self.completeness = QTreeWidget()
        self.completeness.setHeaderLabels([self.tr("Credential"), self.tr("Micro-credential elements"),
                                           self.tr("Not described")])
        self.completeness.setRootIsDecorated(False)
        self.completeness.setAccessibleName(self.tr("Micro-credential element completeness"))
        self.completeness.itemActivated.connect(self._activated)
        lay.addWidget(self.completeness, 2)
        lay.addWidget(QLabel("<h3>" + html.escape(self.tr("Goals (stacks)")) + "</h3>"))
        self.stacks = QWidget()
        self.stacks_lay = QVBoxLayout(self.stacks)
        lay.addWidget(self.stacks, 1)

    def show_data(self, skills: list, stacks: list[dict], completeness: list[tuple] | None = None,  # noqa: ANN001
                  strongest: list[str] | None = None) -> None:
        """``strongest``: each skill's strongest evidence, when worked out already (off the GUI thread)."""
        self.stack.setCurrentWidget(self.empty if not skills and not stacks and not completeness else
                                    self.stack.widget(0))
        self.completeness.clear()
        for cid, title, el in completeness or []:
            labels = el["labels"]
            item = QTreeWidgetItem(self.completeness, [title, el["completeness"],
                                                       ", ".join(labels[k] for k in el["missing"])])
            item.setData(0, 256, cid)
            item.setToolTip(2, self.tr("This describes the credential, not you: the issuer did not include these."))
        self.completeness.resizeColumnToContents(0)
        self.tree.clear()
        self._evidence = []
        groups: dict[str, QTreeWidgetItem] = {}
        if strongest is None or len(strongest) != len(skills):
            strongest = [e.strongest for e in skills]
        for e, strong in zip(skills, strongest, strict=True):
            fw = e.framework or self.tr("Other skills")
            group = groups.get(fw)
            if group is None:
                group = groups[fw] = QTreeWidgetItem(self.tree, [fw])
                group.setExpanded(True)
            item = QTreeWidgetItem(group, [e.skill, self.tr(strong), str(len(e.credentials))])
            if e.credentials:  # the evidence rows are made when the skill is opened (10,000 rows cost 0.2 s)
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                item.setData(0, EVIDENCE_ROLE, len(self._evidence))
                self._evidence.append(list(e.credentials))
        self.tree.resizeColumnToContents(0)
        while self.stacks_lay.count():
            w = self.stacks_lay.takeAt(0).widget()
            if w:
                w.deleteLater()
        if not stacks:
            self.stacks_lay.addWidget(QLabel(self.tr("No goals yet. Create one with “New goal…” in the toolbar.")))
        for st in stacks:
            box = QGroupBox(st["name"])
            bl = QVBoxLayout(box)
            if st["target_credits"]:
                bar = QProgressBar()
                bar.setRange(0, int(st["target_credits"]))
                bar.setValue(int(min(st["credits_earned"], st["target_credits"])))
                bar.setFormat(self.tr("%1 of %2 credits").replace("%1", f"{st['credits_earned']:g}").replace(
                    "%2", f"{st['target_credits']:g}"))
                bar.setAccessibleName(self.tr("Credits toward %1").replace("%1", st["name"]))
                bl.addWidget(bar)
            if st["required_skills"]:
                bl.addWidget(QLabel(self.tr("Skills covered: %1").replace("%1", ", ".join(st["skills_covered"]) or "–")))
                bl.addWidget(QLabel(self.tr("Still to show: %1").replace("%1", ", ".join(st["skills_missing"]) or "–")))
            self.stacks_lay.addWidget(box)

    def fill_evidence(self, item: QTreeWidgetItem) -> None:
        """The credentials behind a skill, added the first time it is opened."""
        n = item.data(0, EVIDENCE_ROLE)
        if n is None or item.childCount():
            return
        for ev in self._evidence[n]:
            child = QTreeWidgetItem(item, [ev.title, self.tr(ev.strength), status_text(ev.status)])
            child.setData(0, 256, ev.id)

    def _activated(self, item: QTreeWidgetItem) -> None:
        cid = item.data(0, 256)
        if cid:
            self.open_credential.emit(cid)
