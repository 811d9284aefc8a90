"""Many repository writes as one transaction, for loading synthetic data in bulk.

Each repository call normally commits on its own, and with
`synchronous=FULL` every commit waits for the disk: fine for people typing,
far too slow for the 100,000 made-up responses a benchmark or a test needs.
Inside `one_transaction(db)` those calls join a single transaction instead;
an error anywhere rolls the whole batch back. Never used for real capture.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from desktop_app.core.vault.database import Database


@contextmanager
def one_transaction(db: Database) -> Iterator[None]:
    @contextmanager
    def joined() -> Iterator[Database]:
        yield db  # the outer transaction commits or rolls back

    with db.transaction():
        db.transaction = joined  # the instance attribute hides the method while the batch runs
        try:
            yield
        finally:
            del db.transaction
