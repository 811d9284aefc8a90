"""pyxform is pinned; this snapshot shows, in review, exactly what changes if its dict stage does.

Refresh after a deliberate pyxform upgrade with UPDATE_SNAPSHOTS=1, and read the diff.
"""

import json
import os
from pathlib import Path

import pyxform
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

GOLDEN = Path(__file__).parent / "golden"


def test_pyxform_is_the_pinned_version():
    assert pyxform.__version__ == "4.5.0"


def test_the_dict_shape_of_the_golden_form_is_unchanged():
    produced = workbook_to_json(get_xlsform(str(GOLDEN / "features.md")))
    snapshot = GOLDEN / "features.dict.json"
    text = json.dumps(produced, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.write_text(text, "utf-8")
    assert text == snapshot.read_text("utf-8")
