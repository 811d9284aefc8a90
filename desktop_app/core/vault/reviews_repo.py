"""Workers' reviews of scrubbed free text, kept per response, field and revision."""

import json

from desktop_app.core.vault.database import Database


class ReviewsRepository:
    def __init__(self, db: Database):
        self.db = db

    def for_response(self, response_uuid: str, revision: int) -> dict[str, tuple[str, list[tuple[int, int]]]]:
        """path -> (reviewed text, manual spans) for reviews still valid for this revision."""
        rows = self.db.execute(
            "SELECT path, text, manual_spans FROM free_text_reviews WHERE response_uuid = ? AND revision = ?",
            (response_uuid, revision),
        )
        return {path: (text, [tuple(span) for span in json.loads(spans)]) for path, text, spans in rows}

    def all_valid(self) -> dict[str, dict[str, str]]:
        """response -> path -> reviewed text, for reviews still matching their response's revision."""
        found: dict[str, dict[str, str]] = {}
        rows = self.db.execute(
            "SELECT v.response_uuid, v.path, v.text FROM free_text_reviews v JOIN responses r"
            " ON r.uuid = v.response_uuid AND r.revision = v.revision"
        )
        for response_uuid, path, text in rows:
            found.setdefault(response_uuid, {})[path] = text
        return found

    def save(self, response_uuid: str, path: str, revision: int, text: str, manual_spans: list[tuple[int, int]]) -> None:
        self.db.execute(
            "INSERT INTO free_text_reviews (response_uuid, path, revision, text, manual_spans) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (response_uuid, path) DO UPDATE SET revision = excluded.revision, text = excluded.text,"
            " manual_spans = excluded.manual_spans",
            (response_uuid, path, revision, text, json.dumps(manual_spans)),
        )
