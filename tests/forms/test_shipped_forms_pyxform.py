"""The shipped XLSForms in forms/: standard XLSForm that pyxform reads cleanly, plus Fieldbook's privacy columns.

These tests use only pyxform (its dict stage, as Fieldbook does), so they check the
form files themselves, independently of Fieldbook's own loader.
"""

import re
import shutil
from pathlib import Path

import pytest
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
FORM_IDS = ("pathways_survey", "practitioner_survey", "followup_interview", "strategy_consultation")

PRIVACY = {"drop", "contact", "quasi", "scrub", "keep"}
GENERALISE = re.compile(r"band\(\d+(?:,\d+)*\)|postcode_district|month|quarter|year")
NEUTRAL_TITLE_WORDS = {"abuse", "violence", "domestic", "victim", "victims", "survivor", "survivors", "refuge", "perpetrator"}
# Options that mean "no answer of the usual kind": never combined with another option.
EXCLUSIVE = {"nobody", "none", "none_now", "nothing", "dont_know", "prefer_not_to_say"}
STANDARD_LABELS = {"prefer_not_to_say": "Prefer not to say", "dont_know": "Don't know"}
# The ODK functions Fieldbook's expression engine whitelists (DESIGN section 5), as far as these forms need them.
FUNCTIONS = {
    "selected", "count-selected", "not", "if", "regex", "coalesce", "concat", "string-length", "substr",
    "contains", "starts-with", "today", "now", "date", "decimal-date-time", "format-date", "int", "number",
    "round", "sum", "count", "position", "jr:choice-name", "once", "uuid",
}

# Select questions about the person or their experience: each must offer "Prefer not to say".
# (Every quasi-identifying select is added to this automatically.)
SENSITIVE = {
    "pathways_survey": {
        "abuse_types", "abuse_current", "harmed_by", "told_whom", "first_response", "barriers", "support_needed",
        "got_counselling", "got_legal", "got_financial", "got_housing", "got_home_security",
        "got_perpetrator_action", "got_children", "had_order", "order_breached", "breach_response",
    },
    "practitioner_survey": set(),
    "followup_interview": {"participant_groups"},
    "strategy_consultation": {"respondent_type"},
}
DEMOGRAPHICS = {  # exactly the quasi-identifiers of each form
    "pathways_survey": {"age_band", "gender", "sexual_orientation", "ethnicity", "disability", "district", "children_household"},
    "practitioner_survey": {"sector", "role_type", "work_area"},
    "followup_interview": {"participant_groups", "interview_date"},
    "strategy_consultation": {"district"},
}
CONTACT = {
    "pathways_survey": {"contact_name", "contact_methods", "contact_phone", "contact_email", "contact_safe_times", "contact_notes"},
}
DROPPED = {
    "pathways_survey": set(),
    "practitioner_survey": {"organisation"},
    "followup_interview": {"receipt_code"},
    "strategy_consultation": {"organisation"},
}
# Gate questions, and the condition every later top-level group must carry.
GATES = {
    "pathways_survey": (("consent", "safe_now"), ("${consent} = 'yes'", "${safe_now} = 'yes'")),
    "practitioner_survey": (("consent",), ("${consent} = 'yes'",)),
    "followup_interview": (("consent_confirmed", "safe_now"), ("${consent_confirmed} = 'yes'", "${safe_now} = 'yes'")),
    "strategy_consultation": (("consent",), ("${consent} = 'yes'",)),
}

REF = re.compile(r"\$\{([^}]*)\}")
RELATIVE_REF = re.compile(r"\.\./([A-Za-z_][\w.-]*)")
FUNCTION_CALL = re.compile(r"(?<![\w:.-])([A-Za-z_][\w.-]*(?::[\w.-]+)?)\s*\(")


def load(form_id: str) -> tuple[dict, list[str]]:
    warnings: list[str] = []
    definition = workbook_to_json(get_xlsform(str(FORMS_DIR / f"{form_id}.md")), warnings=warnings)
    return definition, warnings


_cache: dict[str, dict] = {}


def definition(form_id: str) -> dict:
    if form_id not in _cache:
        _cache[form_id] = load(form_id)[0]
    return _cache[form_id]


def walk(node: dict, parents: tuple = ()):
    """Every element below node, with its enclosing groups; pyxform's meta group left out."""
    for child in node.get("children", []):
        if child.get("name") == "meta" and child.get("type") == "group":
            continue
        yield child, parents
        if child.get("type") in ("group", "repeat"):
            yield from walk(child, parents + (child,))


def questions(form_id: str) -> dict[str, dict]:
    return {q["name"]: q for q, _ in walk(definition(form_id)) if q.get("type") not in ("group", "repeat")}


def answerable(form_id: str) -> dict[str, dict]:
    return {n: q for n, q in questions(form_id).items() if q["type"] not in ("note", "calculate")}


def is_select(q: dict) -> bool:
    return q["type"] in ("select one", "select all that apply")


def expressions(node: dict):
    """(column, text) for every expression and text a node carries."""
    bind = node.get("bind") or {}
    for key in ("relevant", "constraint", "required", "calculate", "readonly"):
        if isinstance(bind.get(key), str):
            yield key, bind[key]
    for key in ("choice_filter", "default", "label", "hint"):
        if isinstance(node.get(key), str):
            yield key, node[key]
    control = node.get("control") or {}
    if isinstance(control.get("jr:count"), str):
        yield "repeat_count", control["jr:count"]


def shown_choices(q: dict) -> list[dict]:
    """The choices a select can ever show: those a `name != 'x'` filter removes are left out."""
    hidden = set(re.findall(r"name\s*!=\s*'([^']+)'", q.get("choice_filter", "")))
    return [c for c in q.get("choices", []) if c["name"] not in hidden]


forms = pytest.mark.parametrize("form_id", FORM_IDS)


# -- pyxform reads every form cleanly ---------------------------------------------


def test_every_shipped_form_is_tested():
    assert sorted(p.stem for p in FORMS_DIR.glob("*.md")) == sorted(FORM_IDS)


@forms
def test_dict_stage_loads_without_warnings(form_id):
    _, warnings = load(form_id)
    assert warnings == []


@forms
def test_settings_are_set_and_the_title_is_neutral(form_id):
    d = definition(form_id)
    assert d["id_string"] == form_id
    assert re.fullmatch(r"\d{4}\.\d+", str(d["version"]))
    assert d["title"] and d["title"] != form_id
    assert not set(re.findall(r"[a-z]+", d["title"].lower())) & NEUTRAL_TITLE_WORDS, d["title"]


@forms
def test_the_xform_stage_accepts_every_reference(form_id):
    """pyxform's XML stage resolves each ${ref} to a path and rejects unknown ones."""
    from pyxform.builder import create_survey_element_from_dict

    xml = create_survey_element_from_dict(definition(form_id)).to_xml(validate=False)
    assert "${" not in xml


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
@forms
def test_odk_validate_accepts_the_form(form_id, tmp_path):
    """JavaRosa itself (bundled with pyxform) parses every XPath expression and choice list."""
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.validators.odk_validate import check_xform

    path = tmp_path / f"{form_id}.xml"
    create_survey_element_from_dict(definition(form_id)).print_xform_to_file(str(path), validate=False)
    assert check_xform(str(path)) == []


# -- expressions --------------------------------------------------------------


@forms
def test_every_reference_names_an_existing_question(form_id):
    known = {node["name"] for node, _ in walk(definition(form_id))}
    for node, _ in walk(definition(form_id)):
        for column, text in expressions(node):
            for ref in REF.findall(text):
                assert ref in known, f"{node['name']}.{column} refers to unknown ${{{ref}}}"
            for ref in RELATIVE_REF.findall(text):  # or_other's generated relevance uses ../name
                assert ref in known, f"{node['name']}.{column} refers to unknown ../{ref}"


@forms
def test_expressions_use_only_whitelisted_functions_and_balance(form_id):
    for node, _ in walk(definition(form_id)):
        for column, text in expressions(node):
            if column in ("label", "hint"):
                continue
            bare = re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)
            assert bare.count("(") == bare.count(")"), f"{node['name']}.{column}: unbalanced brackets"
            used = set(FUNCTION_CALL.findall(bare)) - {"and", "or", "div", "mod"}
            assert used <= FUNCTIONS, f"{node['name']}.{column} uses {used - FUNCTIONS}"


@forms
def test_every_constraint_and_required_has_a_message(form_id):
    for name, q in questions(form_id).items():
        bind = q.get("bind") or {}
        if bind.get("constraint"):
            assert bind.get("jr:constraintMsg"), f"{name}: constraint without constraint_message"
        if bind.get("required") not in (None, "", "no", "false()"):
            assert bind.get("jr:requiredMsg"), f"{name}: required without required_message"


@forms
def test_exclusive_options_cannot_be_combined(form_id):
    for name, q in questions(form_id).items():
        if q["type"] != "select all that apply":
            continue
        exclusive = {c["name"] for c in shown_choices(q)} & EXCLUSIVE
        if not exclusive:
            continue
        constraint = (q.get("bind") or {}).get("constraint", "")
        assert "count-selected(.) > 1" in constraint, f"{name}: no exclusivity constraint"
        for option in exclusive:
            assert f"selected(., '{option}')" in constraint, f"{name}: '{option}' can be combined with others"


# -- choices ------------------------------------------------------------------


@forms
def test_choice_lists_are_used_labelled_and_unique(form_id):
    d = definition(form_id)
    used = {q.get("list_name") for q in questions(form_id).values() if is_select(q)}
    assert set(d["choices"]) == used, f"unused lists: {set(d['choices']) - used}"
    for list_name, choices in d["choices"].items():
        names = [c["name"] for c in choices]
        assert len(names) == len(set(names)), f"{list_name}: duplicate choice names"
        for c in choices:
            assert c.get("label"), f"{list_name}.{c['name']} has no label"
            if c["name"] in STANDARD_LABELS:
                assert c["label"] == STANDARD_LABELS[c["name"]], f"{list_name}.{c['name']}"


@forms
def test_sensitive_selects_offer_prefer_not_to_say(form_id):
    qs = answerable(form_id)
    sensitive = SENSITIVE[form_id] | {n for n, q in qs.items() if q.get("privacy") == "quasi" and is_select(q)}
    assert sensitive <= set(qs), sensitive - set(qs)
    for name in sensitive:
        q = qs[name]
        assert is_select(q), f"{name} is not a select"
        assert "prefer_not_to_say" in {c["name"] for c in shown_choices(q)}, f"{name} lacks 'Prefer not to say'"


# -- privacy ------------------------------------------------------------------


@forms
def test_privacy_values_are_allowed(form_id):
    for node, _ in walk(definition(form_id)):
        name, kind = node["name"], node["type"]
        privacy, generalise = node.get("privacy"), node.get("privacy_generalise")
        if kind in ("group", "repeat", "note"):
            assert privacy is None and generalise is None, f"{name}: privacy on a {kind}"
            continue
        if name.endswith("_other") and privacy is None:  # generated by or_other: free text, scrubbed by default
            assert kind == "text"
            continue
        assert privacy in PRIVACY, f"{name}: privacy {privacy!r}"
        if generalise is not None:
            assert privacy == "quasi", f"{name}: privacy_generalise on a {privacy} question"
            assert GENERALISE.fullmatch(generalise), f"{name}: privacy_generalise {generalise!r}"
            if generalise.startswith("band("):
                bounds = [int(b) for b in generalise[5:-1].split(",")]
                assert bounds == sorted(set(bounds)), f"{name}: band bounds must ascend"
                assert kind in ("integer", "decimal"), f"{name}: band() on a {kind}"
            else:
                assert kind in ("date", "datetime", "text"), f"{name}: {generalise} on a {kind}"
        if privacy == "quasi" and kind in ("integer", "decimal", "date", "datetime", "text"):
            assert generalise, f"{name}: a quasi {kind} needs privacy_generalise"


@forms
def test_free_text_is_never_exported_unscrubbed(form_id):
    for name, q in questions(form_id).items():
        if q["type"] == "text":
            assert q.get("privacy", "scrub") in {"scrub", "drop", "contact"}, name


@forms
def test_demographics_are_quasi_identifiers(form_id):
    quasi = {n for n, q in answerable(form_id).items() if q.get("privacy") == "quasi"}
    assert quasi == DEMOGRAPHICS[form_id]


@forms
def test_direct_identifiers_are_dropped(form_id):
    dropped = {n for n, q in answerable(form_id).items() if q.get("privacy") == "drop"}
    assert dropped == DROPPED[form_id]


@forms
def test_contact_details_are_contact_and_asked_only_of_the_willing(form_id):
    expected = CONTACT.get(form_id, set())
    marked = {n for n, q in answerable(form_id).items() if q.get("privacy") == "contact"}
    assert marked == expected
    assert {n for n in answerable(form_id) if n.startswith("contact_")} == expected
    for q, parents in walk(definition(form_id)):
        if q["name"] in expected:
            conditions = [(p.get("bind") or {}).get("relevant", "") for p in (*parents, q)]
            assert any("${followup_willing} = 'yes'" in c for c in conditions), q["name"]


# -- flow ---------------------------------------------------------------------


@forms
def test_consent_and_safety_gate_everything_after_them(form_id):
    gates, conditions = GATES[form_id]
    qs = questions(form_id)
    for gate in gates:
        q = qs[gate]
        assert q["type"] == "select one" and (q.get("bind") or {}).get("required") == "yes", gate
        assert {"yes", "no"} <= {c["name"] for c in q["choices"]}
    top = definition(form_id)["children"]
    last_gate = max(i for i, child in enumerate(top) if gate_inside(child, gates[-1]))
    for child in top[last_gate + 1:]:
        if child["name"] == "meta" or child["type"] in ("note", "calculate"):
            continue  # closing notes: support information is shown to everyone
        relevant = (child.get("bind") or {}).get("relevant", "")
        for condition in conditions:
            assert condition in relevant, f"{child['name']} is not gated by {condition}"


def gate_inside(node: dict, name: str) -> bool:
    return node.get("name") == name or any(gate_inside(c, name) for c in node.get("children", []))


# -- what each form must ask ----------------------------------------------------


def test_pathways_support_follow_ups_match_each_need():
    qs = questions("pathways_survey")
    needs = [c["name"] for c in qs["support_needed"]["choices"] if c["name"] not in EXCLUSIVE]
    assert needs == ["counselling", "legal", "financial", "housing", "home_security", "perpetrator_action", "children"]
    for need in needs:
        follow_up = qs[f"got_{need}"]
        assert follow_up["bind"]["relevant"] == f"selected(${{support_needed}}, '{need}')"
        assert {"right_kind", "wrong_kind", "no"} <= {c["name"] for c in follow_up["choices"]}


def test_pathways_asks_what_the_brief_asks():
    qs = questions("pathways_survey")
    abuse = {c["name"] for c in qs["abuse_types"]["choices"]}
    assert {"physical", "emotional", "coercive_control", "economic", "sexual", "stalking", "online", "honour_based"} <= abuse
    told = {c["name"] for c in qs["told_whom"]["choices"]}
    assert {"friend", "family", "gp_health", "police", "specialist", "employer", "bank", "community", "nobody"} <= told
    barriers = {c["name"] for c in qs["barriers"]["choices"]}
    assert {"mistrust", "fear_perpetrator", "not_knowing", "language", "immigration", "cost", "other"} <= barriers
    assert "barriers_other" in qs  # or_other
    districts = [c["label"] for c in qs["district"]["choices"]][:10]
    assert districts == ["Broxbourne", "Dacorum", "East Hertfordshire", "Hertsmere", "North Hertfordshire",
                         "St Albans", "Stevenage", "Three Rivers", "Watford", "Welwyn Hatfield"]
    children = qs["children_household"]
    assert children["type"] == "integer" and children["bind"]["constraint"] == ". >= 0 and . <= 20"
    assert qs["what_would_have_helped"]["privacy"] == "scrub"
    assert qs["abuse_current"]["choice_filter"].startswith("selected(${abuse_types}, name)")


def test_practitioner_confidence_is_likert_and_disclosures_bounded():
    qs = questions("practitioner_survey")
    for name in ("confidence_recognise", "confidence_respond"):
        assert qs[name]["control"]["appearance"] == "likert"
    assert qs["disclosures_12m"]["type"] == "integer" and qs["disclosures_12m"]["bind"]["constraint"]
    sectors = {c["name"] for c in qs["sector"]["choices"]}
    assert {"housing", "social_care", "health", "police", "education", "voluntary", "community_services"} <= sectors


def test_followup_receipt_code_accepts_only_crockford_codes():
    q = questions("followup_interview")["receipt_code"]
    pattern = re.fullmatch(r"regex\(\., '(.*)'\)", q["bind"]["constraint"]).group(1)
    assert pattern == "^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"
    for good in ("7K3M-Q9PX", "0000-ZZZZ", "ABCD-EFGH"):
        assert re.fullmatch(pattern, good), good
    for bad in ("7K3M-Q9PI", "7K3MQ9PX", "7k3m-q9px", "7K3M-Q9PXX", "OOOO-UUUU", "7K3M-Q9P"):
        assert not re.fullmatch(pattern, bad), bad


def test_followup_sections_each_have_prompts_and_scrubbed_notes():
    d = definition("followup_interview")
    groups = {g["name"]: g for g, _ in walk(d) if g["type"] == "group"}
    for section in ("journey", "support_received", "would_have_helped", "safety_good_life"):
        children = groups[section]["children"]
        assert groups[section]["control"]["appearance"] == "field-list"
        assert sum(c["type"] == "note" for c in children) >= 2, section
        notes = [c for c in children if c["type"] == "text"]
        assert len(notes) == 1 and notes[0]["privacy"] == "scrub" and notes[0]["control"]["appearance"] == "multiline"
    qs = questions("followup_interview")
    assert [c["name"] for c in qs["interview_mode"]["choices"]] == ["in_person", "phone", "video"]
    assert qs["participant_groups"]["type"] == "select all that apply"
    assert qs["key_quotes"]["bind"]["relevant"] == "${consent_quotes} = 'yes'"
    assert qs["themes"]["type"] == "select all that apply"


def test_strategy_commitments_share_one_agreement_scale():
    qs = questions("strategy_consultation")
    for key in ("prevent", "identify", "safety", "support"):
        agree, comments = qs[f"agree_{key}"], qs[f"comments_{key}"]
        assert agree["list_name"] == "agreement" and agree["control"]["appearance"] == "likert"
        assert comments["type"] == "text" and comments["privacy"] == "scrub"
    scale = [c["name"] for c in qs["agree_prevent"]["choices"]]
    assert scale == ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree", "dont_know"]
    assert qs["organisation"]["bind"]["relevant"] == "${respondent_type} = 'professional' or ${respondent_type} = 'organisation'"
