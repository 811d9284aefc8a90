"""Free-text scrubbing: every UK identifier REFERENCE.md lists is redacted, helplines are kept,
ordinary sentences are untouched, and the spans point at the placeholders in the output."""

import dataclasses
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.forms.synthetic import PHRASES
from desktop_app.core.privacy.allow_list import normalise_number
from desktop_app.core.privacy.identifiers import PLACEHOLDERS
from desktop_app.core.privacy.scrub import Redaction, Scrubbed, scrub
from desktop_app.core.signposting import load_services

HELPLINES = [service.phone for service in load_services()] + ["55"]


def scrubbed(text: str, names=()) -> str:
    return scrub(text, names=names, allow=HELPLINES).text


FOUND = [
    # postcodes: all six formats and GIR 0AA, any case and spacing
    ("I live near SG13 7AB, by the school.", "I live near [postcode], by the school."),
    ("at M1 1AE today", "at [postcode] today"),
    ("at B33 8TH today", "at [postcode] today"),
    ("at W1A 0AX today", "at [postcode] today"),
    ("at CR2 6XH today", "at [postcode] today"),
    ("at DN55 1PT today", "at [postcode] today"),
    ("at EC1A 1BB today", "at [postcode] today"),
    ("at GIR 0AA today", "at [postcode] today"),
    ("at sg137ab today", "at [postcode] today"),
    ("at Sg13  7ab today", "at [postcode] today"),
    # an outward code alone, when it clearly stands for a district
    ("we moved to SG13 last year", "we moved to [postcode] last year"),
    ("the refuge in al10 was full", "the refuge in [postcode] was full"),
    ("from E17 originally", "from [postcode] originally"),
    ("my postcode M25 is rural", "my postcode [postcode] is rural"),
    # phones
    ("You can reach me on 07700 900123 after six.", "You can reach me on [phone] after six."),
    ("call +44 7700 900 123 now", "call [phone] now"),
    ("ring (01992) 555 555 please", "ring [phone] please"),
    ("text 07700900123", "text [phone]"),
    ("or 020 7946 0958", "or [phone]"),
    ("or 07700-900-123", "or [phone]"),
    ("mob07700900123", "mob[number]"),
    # emails, also spelled out
    ("Email me at sam.example@example.org if you need more.", "Email me at [email] if you need more."),
    ("write to sam dot example at example dot org", "write to [email]"),
    ("write to sam at example dot org", "write to [email]"),
    ("write to sam (at) example (dot) co (dot) uk", "write to [email]"),
    ("write to sam at example.co.uk soon", "write to [email] soon"),
    # NHS numbers, even when the check digit fails
    ("My NHS number is 943 476 5919 if that helps.", "My NHS number is [NHS number] if that helps."),
    ("NHS 943-476-5919", "NHS [NHS number]"),
    ("NHS 9434765918", "NHS [NHS number]"),
    # National Insurance, loose
    ("NI QQ 12 34 56 C ok", "NI [NI number] ok"),
    ("ni ab123456c ok", "ni [NI number] ok"),
    ("NI AB123456 ok", "NI [NI number] ok"),
    # full dates in narrative
    ("born 12/03/1985.", "born [date]."),
    ("born 12-03-85.", "born [date]."),
    ("born 12.3.1985.", "born [date]."),
    ("born 12 March 1985.", "born [date]."),
    ("born 12th of March, 1985.", "born [date]."),
    ("born March 12th 1985.", "born [date]."),
    ("born March 12, 1985.", "born [date]."),
    ("born 1985-03-12.", "born [date]."),
    ("I left on 3 May.", "I left on [date]."),
    # ages
    ("she was aged 34 then", "she was [age] then"),
    ("a 34-year-old woman", "a [age] woman"),
    ("he is 34 years old", "he is [age]"),
    ("my kids aged 2, 5 and 7", "my kids [age]"),
    ("I was 34 when it started", "I was [age] when it started"),
    ("I'm 40 now", "I'm [age] now"),
    # vehicles: current format strictly; prefix and suffix formats in capitals
    ("his car AB12 CDE was outside", "his car [vehicle] was outside"),
    ("his car ab12cde was outside", "his car [vehicle] was outside"),
    ("his car A123 BCD was outside", "his car [vehicle] was outside"),
    ("his car ABC 123D was outside", "his car [vehicle] was outside"),
    # web addresses and handles
    ("see www.example.org/page.", "see [url]."),
    ("see https://example.org/a?b=c, then", "see [url], then"),
    ("see example.co.uk for more", "see [url] for more"),
    ("he messaged @sam_example on there", "he messaged [handle] on there"),
    # bank details, driving licence, long numbers
    ("sort code 12-34-56 account 12345678", "[bank details] account [bank details]"),
    ("sort code 123456 ok", "[bank details] ok"),
    ("licence MORGA657054SM9IJ ok", "licence [driving licence] ok"),
    ("passport 123456789 ok", "passport [number] ok"),
]


@pytest.mark.parametrize("text, expected", FOUND)
def test_identifiers_are_replaced_by_placeholders(text, expected):
    assert scrubbed(text) == expected


KEPT = [
    *PHRASES,
    "Call the National Domestic Abuse Helpline on 0808 2000 247, it is open 24 hours.",
    "helpline 0808 2000 247 24 hours, Samaritans 116 123, or 999 then 55",
    "+44 808 2000 247 and 08082000247 are the same line",
    "Galop 0800 999 5428 and Respect 0808 802 4040 and 0808 801 0327",
    "I was stuck on the M25 and the A1(M) for hours.",  # road names: left alone
    "She needed vitamin B12.",
    "It started in 2019 when I had 2 kids, and it took 3 years to leave.",
    "I was 3 weeks late with the rent.",  # a number after "I was" that is not an age
    "I was at home. Then at 10.30 he came back.",
    "Someone at the community centre listened; they were 100% supportive.",
    "I waited from March to May 2020.",  # months without a day are not full dates
    "Between 5 and 10 times, maybe 1 in 3 nights.",
]


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_sentences_and_helplines_are_untouched(text):
    result = scrub(text, allow=HELPLINES)
    assert result.text == text
    assert result.redactions == ()


def test_a_helpline_run_into_another_number_is_cut_out_of_it():
    assert scrubbed("0808 2000 247 07700 900123") == "0808 2000 247 [phone]"


def test_names_are_redacted_whole_and_by_parts_longer_than_two_letters():
    names = ["Jane Doe", "Al"]
    assert scrubbed("Jane Doe said jane, then DOE's friend Al left; Alan stayed.", names) == (
        "[name] said [name], then [name]'s friend [name] left; Alan stayed."
    )
    assert scrubbed("Jo Li and Jo came", ["Jo Li"]) == "[name] and Jo came"  # parts of two letters: only the whole name


def test_names_from_identifier_fields_may_be_numbers_or_addresses():
    names = ["sam.example@example.org", "07700 900123"]
    assert scrubbed("sam.example@example.org or 07700 900123", names) == "[email] or [phone]"


def test_spans_point_at_the_placeholders_in_the_output():
    result = scrub("Jane, 07700 900123, SG13 7AB, aged 34, 12/03/1985, www.x.org", names=["Jane"])
    assert [r.kind for r in result.redactions] == ["name", "phone", "postcode", "age", "date", "url"]
    for redaction in result.redactions:
        assert result.text[redaction.start:redaction.end] == PLACEHOLDERS[redaction.kind]


def test_the_result_holds_no_original_text():
    assert [f.name for f in dataclasses.fields(Scrubbed)] == ["text", "redactions"]
    assert [f.name for f in dataclasses.fields(Redaction)] == ["kind", "start", "end"]


def test_allowed_numbers_compare_by_digits():
    assert normalise_number("+44 (0)808 2000 247") == normalise_number("0808 2000 247") == "08082000247"
    assert normalise_number("0044 808 2000 247") == "08082000247"


def test_empty_text():
    assert scrub("") == Scrubbed("", ())


# -- planted identifiers never survive ----------------------------------------------------------

WORDS = ["the", "police", "came", "and", "I", "said", "help", "my", "children", "were", "safe", "at", "home",
         "refuge", "worker", "listened", "later", "again", "near", "call", "me", "on", "write", "to", "here"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
digit = st.sampled_from("0123456789")
letter = st.sampled_from(LETTERS)


@st.composite
def postcodes(draw):
    shape = draw(st.sampled_from(["A9 9AA", "A99 9AA", "A9A 9AA", "AA9 9AA", "AA99 9AA", "AA9A 9AA"]))
    code = "".join(draw(letter) if c == "A" else draw(digit) if c == "9" else c for c in shape)
    code = code.replace(" ", draw(st.sampled_from(["", " ", "  "])))
    return draw(st.sampled_from([code, code.lower()]))


@st.composite
def phones(draw):
    rest = "".join(draw(digit) for _ in range(9))
    prefix = draw(st.sampled_from(["07", "01", "02"]))
    number = prefix + rest
    return draw(st.sampled_from([
        number, f"{number[:5]} {number[5:]}", f"{number[:5]}-{number[5:8]}-{number[8:]}",
        f"+44 {number[1:5]} {number[5:]}", f"+44{number[1:]}", f"({number[:5]}) {number[5:8]} {number[8:]}",
        f"{number[:3]} {number[3:7]} {number[7:]}",
    ]))


@st.composite
def nhs_numbers(draw):
    while True:
        first = [draw(digit) for _ in range(9)]
        check = 11 - sum(int(d) * w for d, w in zip(first, range(10, 1, -1))) % 11
        if check != 10:
            number = "".join(first) + str(0 if check == 11 else check)
            sep = draw(st.sampled_from(["", " ", "-"]))
            return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"


@st.composite
def emails(draw):
    local = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)) + draw(digit) + draw(digit)
    domain = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8))
    ending = draw(st.sampled_from(["org", "com", "co.uk", "net"]))
    return draw(st.sampled_from([
        f"{local}@{domain}.{ending}", f"{local}.x@{domain}.{ending}",
        f"{local} at {domain} dot {ending.replace('.', ' dot ')}", f"{local} at {domain}.{ending}",
    ]))


identifiers = st.one_of(postcodes(), phones(), nhs_numbers(), emails())


@settings(max_examples=400, deadline=None)
@given(before=st.lists(st.sampled_from(WORDS), max_size=8), after=st.lists(st.sampled_from(WORDS), max_size=8),
       planted=identifiers, left=st.sampled_from(["", "(", "'"]), right=st.sampled_from(["", ".", ",", ")", "!"]))
def test_planted_identifiers_never_survive(before, after, planted, left, right):
    text = " ".join([*before, left + planted + right, *after])
    out = scrub(text, allow=HELPLINES).text
    assert not re.search(r"\d", out), (text, out)  # every planted identifier has digits; the words have none
    assert "@" not in out and " dot " not in out, (text, out)


def test_a_short_helpline_inside_another_number_is_not_kept():
    assert scrubbed("NHS 999 000 0018") == "NHS [NHS number]"
    assert scrubbed("call 0800 999 1234") == "call [phone]"


def test_allowed_words_are_kept_too():
    assert scrub("see galop.org.uk or www.example.org", allow=["galop.org.uk"]).text == "see galop.org.uk or [url]"


@pytest.mark.parametrize("text", ["1 " * 5000, "-1" * 5000, "(0" * 5000, "a.b+c-" * 2000 + "@", "sam at " + "x dot " * 2000])
def test_long_odd_input_takes_linear_time(text):
    """An export must not stall on one strange answer: these took seconds before the patterns were anchored."""
    started = time.perf_counter()
    scrub(text, names=["Jane Doe"], allow=HELPLINES)
    assert time.perf_counter() - started < 1.0
