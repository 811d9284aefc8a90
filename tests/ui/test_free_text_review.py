"""Reviewing free text before export: what the scrub hid is highlighted, and what a person hides never leaves."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

from desktop_app.core.exchange.review import MARK, pending_review
from desktop_app.ui.main_window import helpline_numbers
from desktop_app.ui.redaction_view import AUTOMATIC_COLOUR, MANUAL_COLOUR, QtPositions
from desktop_app.ui.review_page import ReviewPage
from tests.conftest import ADMIN, ADMIN_PASSPHRASE
from tests.ui.project_data import (
    PLANTED_PHONE,
    decrypt_bundle,
    device_with_project,
    store_story,
)

LEFT = Qt.MouseButton.LeftButton
STORIES = [
    "My neighbour Bartholomew drove me to the refuge, call 07700 900461.",
    "A nurse asked me straight out. That helped.",
    "Nobody asked 😔 until my sister Philippa did.",
]


@pytest.fixture
def device(where, analyst, tmp_path):
    vault = device_with_project(where, analyst, tmp_path)
    for story in STORIES:
        store_story(vault, story)
    vault.close()


@pytest.fixture
def main(device, controller, signed_in):
    return signed_in(ADMIN, ADMIN_PASSPHRASE)


@pytest.fixture
def review(qtbot, main) -> ReviewPage:
    main.show_page("Export")
    page = main.export_page
    qtbot.waitUntil(lambda: not page.loading)
    qtbot.mouseClick(page.review_button, LEFT)
    qtbot.waitUntil(lambda: page.review.loaded and not page.review.busy)
    return page.review


def background_at(page: ReviewPage, index: int) -> str:
    """The highlight colour behind the character at `index` of the item's text."""
    cursor = QTextCursor(page.text_view.document())
    cursor.setPosition(QtPositions(page.items[page.index].text).to_qt(index) + 1)  # the format of the char before
    return cursor.charFormat().background().color().name().upper()


def select(page: ReviewPage, words: str) -> None:
    """Select `words` the way Qt finds them (its own positions), as a mouse drag would."""
    page.text_view.moveCursor(QTextCursor.MoveOperation.Start)
    assert page.text_view.find(words)


def item_showing(page: ReviewPage, words: str) -> None:
    page.show_item(next(i for i, item in enumerate(page.items) if words in item.text))


def test_what_the_scrub_hid_is_highlighted_and_the_original_is_never_shown(review):
    item_showing(review, "Bartholomew")
    item = review.items[review.index]
    shown = review.text_view.toPlainText()
    assert shown == item.text and PLANTED_PHONE not in shown
    assert review.question.text() and review.form_title.text() == item.form_title
    [phone] = [r for r in item.redactions if shown[r.start:r.end] == "[phone]"]
    for index in range(phone.start, phone.end):
        assert background_at(review, index) == QColor(AUTOMATIC_COLOUR).name().upper()
    assert background_at(review, shown.index("Bartholomew")) != QColor(AUTOMATIC_COLOUR).name().upper()
    assert review.position.text().startswith(f"{review.index + 1} of 3")


def test_redacting_a_selection_changes_the_item_and_the_next_export_lacks_it(qtbot, main, review, analyst, tmp_path):
    item_showing(review, "Bartholomew")
    select(review, "Bartholomew")
    qtbot.keyClick(review.text_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not review.busy)

    item = review.items[review.index]
    assert "Bartholomew" not in item.text and MARK in item.text and item.reviewed
    assert review.text_view.toPlainText() == item.text
    [manual] = [r for r in item.redactions if r.kind == "manual"]
    assert background_at(review, manual.start) == QColor(MANUAL_COLOUR).name().upper()
    assert review.state.accessibleDescription() == "Reviewed"

    page = main.export_page
    qtbot.mouseClick(review.back_button, LEFT)
    qtbot.waitUntil(lambda: not page.loading)
    page.folder.setText(str(tmp_path / "sync"))
    page.start_export()
    qtbot.waitUntil(lambda: not page.busy and not page.loading)
    [bundle] = (tmp_path / "sync").glob("*.fbx")
    records = json.loads(decrypt_bundle(analyst, bundle)["responses.json"])
    helped = [record["answers"].get("what_would_have_helped", "") for record in records]
    assert not [text for text in helped if "Bartholomew" in text]
    assert any(MARK in text for text in helped)


def test_a_selection_after_an_emoji_redacts_the_words_selected(qtbot, review):
    item_showing(review, "Philippa")
    select(review, "Philippa")
    qtbot.mouseClick(review.redact_button, LEFT)
    qtbot.waitUntil(lambda: not review.busy)
    text = review.items[review.index].text
    assert text.endswith(f"my sister {MARK} did.") and "😔" in text


def test_enter_says_it_looks_fine_and_moves_on(qtbot, controller, review):
    first = review.index
    qtbot.keyClick(review.text_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not review.busy)
    assert review.index == first + 1 and review.items[first].reviewed
    stored = pending_review(controller.vault, helpline_numbers(None))
    assert [i.reviewed for i in stored].count(True) == 1


def test_reviewing_the_last_answer_says_so(qtbot, review):
    for _ in range(3):
        qtbot.mouseClick(review.fine_button, LEFT)
        qtbot.waitUntil(lambda: not review.busy)
    assert review.unreviewed() == 0 and "Every answer is reviewed" in review.notice.text()
    assert review.position.text().endswith("all reviewed")


def test_redact_without_a_selection_asks_for_one(qtbot, review):
    qtbot.mouseClick(review.redact_button, LEFT)
    assert not review.busy and "Select the words" in review.error.text()


def test_locking_takes_the_answers_off_the_screen(review, main):
    main.save_and_forget()
    assert review.text_view.toPlainText() == "" and review.items == []


def test_positions_count_as_qt_does():
    positions = QtPositions("a😀b\r\nc")
    assert [positions.to_qt(i) for i in range(7)] == [0, 1, 3, 4, 4, 5, 6]
    assert positions.from_qt(3) == 2 and positions.from_qt(5) == 5
