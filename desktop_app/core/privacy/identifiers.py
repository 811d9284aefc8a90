"""The shapes of UK identifiers in free text, as data: one ordered table of patterns.

The scrubber joins the patterns a text could hold (see NEEDS) into one
compiled regular expression. Order matters where two patterns can start at
the same character: the first listed wins, so specific shapes (a date, a sort
code, an NHS number) come before the generic runs of digits that would
otherwise swallow them as "phone".

The rule throughout (REFERENCE.md, "UK identifiers in free text") is to redact
generously: these patterns do not validate check digits, postcode letters or
National Insurance prefixes, because a typo'd identifier still identifies.
"""

# Placeholder written in place of each kind of identifier.
PLACEHOLDERS = {
    "postcode": "[postcode]",
    "phone": "[phone]",
    "number": "[number]",
    "email": "[email]",
    "nhs_number": "[NHS number]",
    "ni_number": "[NI number]",
    "date": "[date]",
    "age": "[age]",
    "vehicle": "[vehicle]",
    "url": "[url]",
    "handle": "[handle]",
    "bank": "[bank details]",
    "driving_licence": "[driving licence]",
    "name": "[name]",
}

# The two-letter UK postcode areas (Royal Mail). An outward code alone such as
# "SG13" is redacted when its area is one of these. Of the one-letter areas,
# B and M are left out on purpose: "M25", "M1" and "B1000" are roads and "B12"
# a vitamin; E, G, L, N, S and W districts ("E17", "N1") are redacted when
# typed in capitals. Any outward code right after the word "postcode" is redacted.
POSTCODE_AREAS = (
    "AB", "AL", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH", "CM",
    "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "EC", "EH",
    "EN", "EX", "FK", "FY", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG",
    "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "ME",
    "MK", "ML", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR",
    "RG", "RH", "RM", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW",
    "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "WA", "WC", "WD", "WF", "WN", "WR",
    "WS", "WV", "YO", "ZE",
)

# Top-level domains accepted after a spelled-out "at" ("sam at example.org")
# and in bare web addresses ("galop.org.uk"): a real dot alone is too common in
# prose ("at home.Then") to accept any word after it.
DOMAIN_ENDINGS = (
    "com", "org", "net", "uk", "info", "biz", "gov", "edu", "ie", "eu", "io", "ly", "tv", "app", "dev", "scot",
    "wales", "london",
)

# Words after "I was 34" that make the number something other than an age.
NOT_AGE_UNITS = (
    "%", "percent", "per", "times?", "minutes?", "mins?", "hours?", "hrs?", "days?", "weeks?", "wks?",
    "months?", "years?", "yrs?", "miles?", "pounds?", "quid", "p", "pm", "am", "o'clock", "of", "or", "to",
    "in", "out", "stone", "st", "kg", "kilos?", "lbs?", "feet", "ft", "foot", "inches?", "cm",
)

_E = r"(?![\w])"  # ends a word

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\w])(?:\.(?=,?\s*\d))?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:\d{4}|'?\d{2})(?!\d)"
_DMY_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DMY_MONTH = r"(?:1[0-2]|0?[1-9])"

# A spelled-out "at" or "dot", with or without brackets: "sam (at) example [dot] org".
_AT = r"(?:\s*[(\[]\s*at\s*[)\]]\s*|\s+at\s+|\s*@\s*)"
_SPELLED_AT = r"(?:\s*[(\[]\s*at\s*[)\]]\s*|\s+at\s+)"
_SPELLED_DOT = r"(?:\s*[(\[]\s*dot\s*[)\]]\s*|\s+dot\s+)"
_DOT = rf"(?:{_SPELLED_DOT}|\.)"
_LOCAL = rf"[\w+-]++(?:{_DOT}[\w+-]++)*"
_ENDING = "(?:" + "|".join(DOMAIN_ENDINGS) + ")"

_PHONE_SEP = r"[ \t\u00a0().\-]{0,3}"
_URL_TAIL = r"""(?:[^\s<>"']*[^\s<>"'.,;:!?)\]])?"""

# Cue words before a bare number that make it an age ("I was 34 when"); only the number is redacted.
_AGE_CUE = r"(?:i\s*(?:'|\u2019)?\s*m|i\s+am|i\s+was|(?:she|he)\s+was|(?:they|we)\s+were|turn(?:ed|ing))\s"
_NOT_UNIT = r"(?!\s*(?:" + "|".join(NOT_AGE_UNITS) + r")(?![\w]))"

# (kind, needs, pattern), first match at a position wins. Every pattern starts
# a word: the scrubber puts one (?<!\w) in front of them all, so that the
# middle of a word costs one test instead of one per pattern. `needs` names
# an entry of NEEDS: what a text, and the start of a word, must hold for the
# pattern to be worth trying. Patterns that can start at the same character
# share a need, so their order here is the order they are tried in.
# Compiled with IGNORECASE; (?-i:...) marks what must be in capitals.
# A group whose name ends in "_part" is the only part redacted ("I was [age] when"),
# and scanning goes on from its start, so a cue never hides what follows it.
PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("email", "@", r"(?<![.+'-])[\w.+'-]++@[\w-]+(?:\.[\w-]+)+"),
    # Spelled out with at least one spelled "dot" after the "at": "sam at example dot org".
    ("email", "dot", rf"{_LOCAL}{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_SPELLED_DOT}[\w-]+(?:{_DOT}[\w-]+)*"),
    # A spelled "at" before a real domain: "sam at example.org" (known endings only).
    ("email", "domain", rf"{_LOCAL}{_SPELLED_AT}[\w-]+(?:\.[\w-]+)*\.{_ENDING}{_E}"),
    ("url", "web", r"(?:https?://|www\.)" + _URL_TAIL),
    ("url", "domain", r"(?<![@.-])[\w-]++(?:\.[\w-]+)*\." + _ENDING + r"(?![\w-])(?:/" + _URL_TAIL + ")?"),
    ("handle", "@", r"(?<![.@])@[a-z0-9_](?:[a-z0-9_.]*[a-z0-9_])?"),
    ("driving_licence", "code", r"[a-z9]{5}\s?\d{6}\s?[a-z9]{2}\d[a-z]{2}" + _E),
    ("ni_number", "code", r"[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}(?:\s?[a-d])?" + _E),
    ("postcode", "code", r"(?:gir\s{0,2}0aa|[a-z]{1,2}\d[a-z\d]?\s{0,2}\d[a-z]{2})" + _E),
    ("vehicle", "code", r"(?:[a-z]{2}\d{2}[a-z]{3}|(?-i:[A-Z]{2}\d{2}\s[A-Z]{3})"
                r"|(?-i:[A-Z]\d{1,3}\s?[A-Z]{3})|(?-i:[A-Z]{3}\s?\d{1,3}[A-Z]))" + _E),
    ("date", "digit", r"(?<![\d/.-])\d{1,2}(?P<dsep>[/.])\d{1,2}(?P=dsep)(?:\d{4}|\d{2})(?![\d/.]?\d)"),
    ("date", "digit", rf"(?<![\d/.-]){_DMY_DAY}-{_DMY_MONTH}-(?:\d{{4}}|\d{{2}})(?![\d-]?\d)"),
    ("date", "digit", r"(?<![\d/.-])\d{4}(?P<isep>[/.-])\d{1,2}(?P=isep)\d{1,2}(?!\d)"),
    ("date", "digit", rf"{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"),
    ("date", "month", rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"),
    ("age", "age", r"age[ds]?\s*:?\s*(?:of\s+)?\d{1,3}(?:\s*(?:,|and|&|or)\s*\d{1,3})*(?![/.:-]?\d)"),
    ("age", "digit", r"\d{1,3}\s?-?\s?(?:years?|yrs?|yr)\s?-?\s?olds?" + _E),
    ("age", "digit", r"\d{1,3}\s?(?:yo|y/o|y\.o\.?)" + _E),
    ("age", "was", _AGE_CUE + r"(?P<age_part>\d{1,3})(?![/.:-]?\d)" + _NOT_UNIT),
    ("bank", "sort", r"sort\s*code\s*:?\s*\d{2}[- ]?\d{2}[- ]?\d{2}(?!\d)"),
    ("bank", "digit", r"(?<![\d-])\d{2}[- ]\d{2}[- ]\d{2}(?![\d]|[- ]\d)"),
    ("nhs_number", "digit", r"\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d]|[ -]\d)"),
    ("bank", "digit", r"\d{4}\s?\d{4}(?![\d]|[ -]\d)"),
    # Runs of at least seven digits with the separators people type: phones
    # when they start like one, other long numbers (passports, cards) otherwise.
    ("phone", "digit", r"(?<!\+)(?:\+|00|\(\s?0|0)\s?\d?(?:" + _PHONE_SEP + r"\d){6,}(?!\d)"),
    ("number", "digit", r"(?<!\+)\d(?:" + _PHONE_SEP + r"\d){6,}(?!\d)"),
    # An outward code alone ("SG13"); the scrubber keeps it only for a real area (see POSTCODE_AREAS).
    ("postcode_district", "code", r"[a-z]{1,2}\d[a-z\d]?" + _E),
    ("postcode_district", "post", r"(?:postcode|post\s+code)\s*:?\s*(?P<district_part>[a-z]{1,2}\d[a-z\d]?)" + _E),
)

# need -> (what the lower-cased text must contain for such patterns to be
# tried at all, what must follow the start of a word for them to be tried
# there). An answer without digits or "@" is scanned for almost nothing, and
# in one with digits most words cost a test or two, not one per pattern.
NEEDS = {
    "@": ("@", ""),
    "dot": ("dot", ""),
    "domain": (r"\." + _ENDING + r"(?![\w-])", ""),
    "web": (r"www\.|https?://", ""),
    # Starts with a digit: "07700 900123", "12/03/1985", "34-year-old".
    "digit": (r"\d", r"(?=[\d+(])"),
    # A few letters, then digits: "SG13 7AB", "QQ 12 34 56 C", "ABC 123D", "GIR 0AA".
    # (Each text test starts with \d and looks back, so that it only stops at digits.)
    "code": (
        r"\d(?:(?<=[^\W\d_]\d)|(?<=[^\W\d_]{2}\s\d)\d\s?\d\d\s?\d\d|(?<=[^\W\d_]{3}\s\d)\d{0,2}[^\W\d_]|(?<=gir\s\d))",
        r"(?=[a-z]{1,5}+\s?\d)",
    ),
    # A cue word, then a number: "March 12", "aged 34", "I was 34", "sort code 12...", "postcode SG13".
    "month": (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", ""),
    "age": ("age", ""),
    "was": (r"\d(?<=[imsedg]\s\d)", ""),
    "sort": (r"sort\s*code", ""),
    "post": (r"post\s*code", ""),
}

# Needs that cannot be met without a digit: their cues are not even looked for
# in an answer without one.
NEEDS_A_DIGIT = frozenset({"digit", "code", "month", "age", "was", "sort", "post"})

# Seven or more digits left once the patterns have run, such as digits glued to
# a word ("mob07700900123"), where no pattern above can start.
LEFTOVER_DIGITS = r"\d(?:" + _PHONE_SEP + r"\d){6,}"
