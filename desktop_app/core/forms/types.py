"""XLSForm question types as pyxform's dict stage names them, and what Fieldbook does with each.

Kept as data so that supporting a new type is one line here plus a widget.
"""

# pyxform dict type -> Fieldbook kind
CAPTURED = {
    "text": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "date": "date",
    "time": "time",
    "datetime": "datetime",
    "dateTime": "datetime",
    "note": "note",
    "acknowledge": "acknowledge",
    "trigger": "acknowledge",
    "calculate": "calculate",
    "hidden": "hidden",
    "range": "range",
    "rank": "rank",
}

# Filled in by the device, never typed. Fieldbook records only times; it never
# collects device, SIM, phone or account identifiers, so those stay blank.
METADATA = {
    "start": "start", "end": "end", "today": "today",
    "deviceid": "blank", "uri:deviceid": "blank", "subscriberid": "blank", "simserial": "blank",
    "phonenumber": "blank", "username": "blank", "email": "blank", "audit": "blank",
    "start-geopoint": "blank", "background-geopoint": "blank",
    "entity": "blank",  # pyxform's node for an `entities` sheet: server-side data, nothing to capture
}

# Loaded and shown as "cannot be answered on this device"; never crash, never block.
UNSUPPORTED = {
    "geopoint", "geotrace", "geoshape", "photo", "image", "audio", "video", "barcode", "file",
    "background-audio", "osm", "select one external", "select one from file", "select multiple from file",
    "signature", "annotate", "draw", "xml-external", "csv-external",
}

CONTAINERS = {"group", "repeat"}

# Kinds whose answers a person enters (notes and calculations have none).
ANSWERABLE = {"text", "integer", "decimal", "select_one", "select_multiple", "date", "time", "datetime",
              "acknowledge", "range", "rank"}

PRIVACY = ("drop", "contact", "quasi", "scrub", "keep")
GENERALISERS = ("band", "postcode_district", "month", "year", "quarter")


def default_privacy(kind: str) -> str:
    """Free text is scrubbed and dates are quasi-identifiers (exact dates never leave by default:
    REFERENCE.md, "Record-level exports"); anything else is kept unless the form says otherwise."""
    return "scrub" if kind == "text" else "quasi" if kind in DATES else "keep"


DATES = ("date", "datetime")
DEFAULT_DATE_GENERALISE = "month"
