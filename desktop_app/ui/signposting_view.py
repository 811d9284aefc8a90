"""Support services, shown at the end of every survey and on every way out of one.

Phone numbers are the biggest thing on the screen: the person may want to
remember one without writing it down. The list is data (signposting.py);
this only lays it out, two columns wide when there is room.
"""

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

from desktop_app.core.signposting import Service
from desktop_app.ui.style import set_role, survey_stylesheet
from desktop_app.ui.survey.column import centred

INTRO = "If you would like to talk to someone, these services are free and confidential. You can call them now, or at any time later."


class SignpostingView(QWidget):
    done = Signal()

    def __init__(self, services: list[Service], heading: str, parent: QWidget | None = None,
                 font_point_size: int = 0, high_contrast: bool = False):
        super().__init__(parent)
        set_role(self, "survey-page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(survey_stylesheet(font_point_size, high_contrast))
        self.heading = QLabel(heading)
        set_role(self.heading, "heading")
        self.heading.setWordWrap(True)
        intro = QLabel(INTRO)
        set_role(intro, "lead")
        intro.setWordWrap(True)
        self.cards = [ServiceCard(service) for service in services]
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        for index, card in enumerate(self.cards):
            grid.addWidget(card, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.done_button = QPushButton("Done")
        set_role(self.done_button, "primary")
        self.done_button.setAutoDefault(True)
        self.done_button.setAccessibleName("Done: leave the support services")
        self.done_button.clicked.connect(self.done)

        column = QWidget()
        content = QVBoxLayout(column)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(14)
        content.addWidget(self.heading)
        content.addWidget(intro)
        content.addSpacing(4)
        content.addLayout(grid)
        content.addStretch(1)
        holder = centred(column, 900, (32, 28, 32, 20))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(holder)
        footer = QFrame()
        set_role(footer, "survey-footer")
        buttons = QHBoxLayout(footer)
        buttons.setContentsMargins(28, 12, 28, 12)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addWidget(footer)

    def focus_default(self) -> None:
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def phone_numbers(self) -> list[str]:
        return [card.phone.text() for card in self.cards]


class ServiceCard(QFrame):
    """One service: name, number, when it is open, who it is for; read out as one sentence."""

    def __init__(self, service: Service, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "service")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen-reader users can step through the services
        name = QLabel(service.name)
        set_role(name, "service-name")
        self.phone = QLabel(service.phone)
        set_role(self.phone, "phone")
        self.phone.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(4)
        layout.addWidget(name)
        layout.addWidget(self.phone)
        for text, role in ((service.hours, "muted"), (service.note, "")):
            if text:
                label = QLabel(text)
                label.setWordWrap(True)
                if role:
                    set_role(label, role)
                layout.addWidget(label)
        layout.addStretch(1)
        spoken = ". ".join(part for part in (service.name, f"Phone {service.phone}", service.hours, service.note) if part)
        self.setAccessibleName(spoken)
