"""Filling in one response, from consent to the receipt code and the support services.

The view owns the FormSession (Qt-free: relevance, validation, drafts), a
DraftKeeper that keeps the vault's copy in step, and four screens: the
questions, "stop this survey?", the receipt code, and signposting. Every way
out of a survey passes through signposting before `finished`.

For the main window (helper B's side of the contract): `flush_draft()`
saves now and never raises, `wipe()` forgets everything typed, and the view
never touches window titles.
"""

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop_app.core.errors import FieldbookError
from desktop_app.core.forms.screens import ScreenPlan
from desktop_app.core.forms.session import FormSession, Key
from desktop_app.core.signposting import Service, load_services
from desktop_app.core.vault.vault import Vault
from desktop_app.settings import Settings
from desktop_app.ui.signposting_view import SignpostingView
from desktop_app.ui.style import survey_stylesheet
from desktop_app.ui.survey.draft_keeper import DraftKeeper
from desktop_app.ui.survey.end_screens import ReceiptScreen, StopScreen
from desktop_app.ui.survey.page_view import PageView
from desktop_app.ui.survey.question_screen import QuestionScreen
from desktop_app.ui.survey.session_loading import open_session

CONSENT = "consent"
NO_CONSENT_HEADING = "That's fine. Thank you for your time."
STOPPED_HEADING = "Thank you for your time"
FINISHED_HEADING = "Thank you for taking part"


class SurveyView(QWidget):
    finished = Signal()  # the person is done with this survey (after the signposting screen)
    progress_changed = Signal()  # the page, or the number of pages, changed

    def __init__(self, vault: Vault, form_id: str, response_id: str | None = None,
                 settings: Settings | None = None, services: list[Service] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.services = services if services is not None else load_services()
        self.session: FormSession | None = open_session(vault, form_id, response_id)
        form = self.session.form
        self.keeper = DraftKeeper(vault, form.form_id, form.version, self._snapshot, response_id, self)
        self.plan = ScreenPlan(self.session)
        self.index = self.plan.index_of(self.session.position)
        self.outcome = ""  # "", "completed", "stopped", "discarded", "declined"
        self.setStyleSheet(survey_stylesheet(self.settings.font_point_size, self.settings.high_contrast))

        self.questions = QuestionScreen(form.title)
        self.questions.next_requested.connect(self.go_next)
        self.questions.back_requested.connect(self.go_back)
        self.questions.stop_requested.connect(self.ask_to_stop)
        self.questions.section_chosen.connect(self.go_to)
        self.questions.language_chosen.connect(self.set_language)
        self.questions.set_languages(form.languages, self.session.language)
        self.stop_screen = StopScreen()
        self.stop_screen.keep_requested.connect(self._stop_keeping)
        self.stop_screen.discard_requested.connect(self._stop_discarding)
        self.stop_screen.cancelled.connect(self._back_to_questions)
        self.receipt = ReceiptScreen()
        self.receipt.done.connect(lambda: self._signpost(FINISHED_HEADING))
        self.signposting: SignpostingView | None = None
        self.stack = QStackedWidget()
        for screen in (self.questions, self.stop_screen, self.receipt):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.keeper.saved.connect(lambda: self.questions.set_save_status("All answers saved"))
        self.keeper.failed.connect(lambda message: self.questions.set_save_status(message, failed=True))
        self._show_current()

    # -- the contract with the main window -------------------------------------

    def flush_draft(self) -> None:
        """Save the draft now (quick exit, lock). Never raises; logs nothing."""
        try:
            self.keeper.flush()
        except Exception:  # noqa: BLE001, S110 - flush already reports; this is the last line of defence
            pass

    def wipe(self) -> None:
        """Forget everything typed: widgets cleared, session dropped. Call flush_draft() first."""
        self.keeper.stop()
        self.questions.clear_page()
        self.receipt.wipe()
        self.session = None
        self.plan = None

    def has_unsaved_work(self) -> bool:
        """True while answers on screen are not yet in the vault."""
        return self.keeper.dirty and not self.keeper.closed

    def in_progress(self) -> bool:
        """True while the questions are being answered (not yet finished, stopped or wiped)."""
        return self.session is not None and not self.outcome

    @property
    def response_id(self) -> str | None:
        return self.keeper.response_id

    @property
    def page(self) -> PageView | None:
        return self.questions.page

    # -- moving about ----------------------------------------------------------

    def go_next(self) -> None:
        if not self.in_progress() or self.stack.currentWidget() is not self.questions or self.page is None:
            return
        blocked = self.page.reveal_issues()
        if blocked is not None:
            self._point_at(blocked)
            return
        if CONSENT in (key[-1] for key in self.page.screen.keys) and self.session.value(CONSENT) == "no":
            self._end_without_consent()
        elif self.index >= len(self.plan) - 1:
            self.finish()
        else:
            self.go_to(self.index + 1)

    def go_back(self) -> None:
        if self.in_progress() and self.stack.currentWidget() is self.questions and self.index > 0:
            self.go_to(self.index - 1)

    def go_to(self, index: int) -> None:
        if self.in_progress() and 0 <= index < len(self.plan):
            self.index = index
            self._show_current()

    def set_language(self, language: str) -> None:
        """Ask the questions in another of the form's languages; the answers stay as they are."""
        if self.in_progress() and language in self.session.form.languages:
            self.session.language = language
            self.questions.set_languages(self.session.form.languages, language)
            self.plan = ScreenPlan(self.session)  # section names are translated too
            self.keeper.changed()
            self._show_current()

    def focus_current(self) -> None:
        """The first answer on the page, or Next on a page that is only read."""
        if self.stack.currentWidget() is self.questions and self.page is not None and not self.page.focus_first():
            self.questions.next_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_current()  # whoever shows the view, the keyboard is ready

    def finish(self) -> None:
        """Check every answer, store the response, show the receipt code."""
        issues = self.session.all_issues()
        if issues:
            key = self.session.key(next(iter(issues)))
            self.go_to(self.plan.index_of_key(key) or 0)
            self.page.reveal_issues()
            card = self.page.card_for(key)
            if card is not None:
                self._point_at(card)
            return
        self.session.stamp_end()
        try:
            code = self.keeper.complete(self.session.final_answers())
        except FieldbookError as exc:
            self.questions.set_save_status(f"The response could not be stored: {exc.message}", failed=True)
            return
        self.outcome = "completed"
        self._forget_answers()
        self.receipt.show_code(code)
        self.stack.setCurrentWidget(self.receipt)
        self.receipt.next.setFocus()

    def ask_to_stop(self) -> None:
        if self.in_progress():
            self.stack.setCurrentWidget(self.stop_screen)
            self.stop_screen.focus_default()

    # -- reacting to the page --------------------------------------------------------

    def _show_current(self) -> None:
        screen = self.plan[self.index]
        self.session.position = screen.id
        page = PageView(self.session, screen, self.questions.column)  # built inside its styled parent: polished once
        page.changed.connect(self._answers_changed)
        page.add_entry.connect(self._add_entry)
        page.remove_entry.connect(self._remove_entry)
        self.questions.show_page(page)
        self._show_position()
        self.focus_current()  # on a page only to read, Enter (or Space) on Next goes on
        self.keeper.changed(answers_changed=False)

    def _answers_changed(self) -> None:
        self.keeper.changed()
        if not self.keeper.dirty:
            return
        current = self.plan[self.index]
        self.plan = ScreenPlan(self.session)
        self.index = self.plan.index_of(current.id)
        if self.plan[self.index].keys != current.keys:  # a repeat count on this page grew or shrank
            self._show_current()
        else:
            self._show_position()

    def _show_position(self) -> None:
        screen = self.plan[self.index]
        self.questions.set_position(self.index, len(self.plan), screen.section, self.index == len(self.plan) - 1)
        self.questions.set_sections(self.plan.sections(), screen.section)
        self.progress_changed.emit()

    def _add_entry(self, repeat: Key) -> None:
        number = self.session.add_repeat(repeat)
        self.keeper.changed()
        self.plan = ScreenPlan(self.session)
        prefix = (*repeat, number - 1)
        first = next((i for i, s in enumerate(self.plan.screens) if s.keys and s.keys[0][: len(prefix)] == prefix), None)
        self.go_to(first if first is not None else self.plan.index_of(self.session.path(repeat)))

    def _remove_entry(self, repeat: Key, number: int) -> None:
        entries = self.plan[self.index].id
        self.session.remove_repeat(repeat, number)
        self.keeper.changed()
        self.plan = ScreenPlan(self.session)
        self.go_to(self.plan.index_of(entries))

    def _point_at(self, card) -> None:
        """Take the person to a question with a message: scrolled into view, focused."""
        card.focus()
        self.questions.reveal(card)

    # -- ways out --------------------------------------------------------------

    def _end_without_consent(self) -> None:
        self.keeper.discard()
        self.outcome = "declined"
        self._forget_answers()
        self._signpost(NO_CONSENT_HEADING)

    def _stop_keeping(self) -> None:
        if not self.keeper.flush():
            self._back_to_questions()  # the message says why; nothing is lost while it is on screen
            return
        self.outcome = "stopped"
        self._forget_answers()
        self._signpost(STOPPED_HEADING)

    def _stop_discarding(self) -> None:
        if not self.keeper.discard():
            self._back_to_questions()
            return
        self.outcome = "discarded"
        self._forget_answers()
        self._signpost(STOPPED_HEADING)

    def _back_to_questions(self) -> None:
        self.stack.setCurrentWidget(self.questions)
        if self.page is not None:
            self.page.focus_first()

    def _signpost(self, heading: str) -> None:
        self.receipt.wipe()
        self.signposting = SignpostingView(self.services, heading, None, self.settings.font_point_size,
                                           self.settings.high_contrast)
        self.signposting.done.connect(self.finished)
        self.stack.addWidget(self.signposting)
        self.stack.setCurrentWidget(self.signposting)
        self.signposting.focus_default()

    def _forget_answers(self) -> None:
        self.keeper.stop()
        self.questions.clear_page()
        self.session = None

    def _snapshot(self) -> dict:
        return self.session.to_draft() if self.session is not None else {}

