"""The words councils print in column headers and section lines, and the roles they name.

A new council's layout in these words imports with no code change; a mapping file
(imports.mapping) adds words for a layout these cannot place.
"""

import difflib
import functools
import re
from dataclasses import dataclass

# role → header phrases (lower case, punctuation removed)
ROLE_PHRASES: dict[str, tuple[str, ...]] = {
    "ref": ("number", "no", "ref", "reference", "ref no", "id", "code", "action ref", "action no"),
    "ref_title": ("mission priority", "mission priority action", "priority objective"),
    "title": (
        "area of focus",
        "action",
        "actions",
        "title",
        "key activities",
        "key activity",
        "activity",
        "objective",
        "project",
        "description",
        "priority",
        "what",
        "task",
        "description of work",
        "action description",
        "activity description",
        "commitment",
        "initiative",
        "scheme",
    ),
    "milestone": (
        "identified programmes projects schemes",
        "milestones",
        "milestone",
        "programmes",
        "programme",
        "sub actions",
        "tasks",
        "deliverables",
    ),
    "outcome": (
        "what can be delivered or desired end state",
        "desired end state",
        "desired outcome",
        "outcome",
        "outcomes",
        "success criteria",
        "expected outcome",
    ),
    "resources": (
        "comments resources required or constraining factors eg influence only requires work by "
        "other authorities",
        "resources required or constraining factors",
        "resources and constraints",
        "resources",
        "constraints",
    ),
    "due": (
        "likely target timescales",
        "target timescales",
        "timescale",
        "timescales",
        "target date",
        "due date",
        "due",
        "deadline",
        "completion date",
        "end date",
        "by when",
        "when",
        "when will it be done",
        "target completion date",
        "completion",
        "due by",
        "finish date",
        "expected completion",
        "planned completion",
        "delivery date",
    ),
    "start": ("start date", "start", "start by", "begins", "planned start", "commencement date"),
    "status": ("status", "rag", "current status", "overall status", "rag rating", "rag status now"),
    # The status expected at the year end, beside the status now. A forecast of money or
    # numbers ("Forecast outturn £000") is no status: see _FORECAST_NOT_STATUS.
    "forecast": (
        "forecast",
        "forecast status",
        "forecast rag",
        "forecast rag status",
        "forecast outturn rag",
        "forecast outturn status",
        "forecast year end status",
        "forecast status at year end",
        "forecast at year end",
        "year end forecast",
        "year end forecast rag",
        "year end forecast status",
        "year end status forecast",
        "expected year end status",
        "projected year end status",
        "predicted year end status",
    ),
    "progress": (
        "progress",
        "% complete",
        "percent complete",
        "progress %",
        "% done",
        "done %",
        "percentage complete",
        "% progress",
        "completion %",
    ),
    "commentary": ("comments", "comment", "commentary", "progress update", "update", "narrative"),
    "next_steps": ("next steps", "next actions", "actions for next quarter"),
    "lead_officer": (
        "lead officer",
        "lead officers",
        "owner",
        "responsible officer",
        "lead",
        "who",
        "responsible",
        "accountable officer",
        "action owner",
        "officer",
        "lead person",
    ),
    "deputy_lead_officer": ("deputy lead officer", "deputy lead"),
    "cmt_lead": ("cmt lead", "smt lead", "director", "corporate lead"),
    "portfolio": ("portfolio", "portfolio holder", "cabinet member", "lead member"),
    "service_area": ("service area", "service", "directorate", "team"),
    "partner": ("partners", "partner", "key partners", "delivery partners"),
    "measure": (
        "performance measurement",
        "performance measures",
        "performance measure",
        "measure",
        "measures",
        "kpi",
        "indicator",
        "performance indicator",
    ),
    # Where the measure stands at the end of the period the document reports on: its actual
    # for that period. A baseline is where it started.
    "actual": (
        "position at q1",
        "position at q2",
        "position at q3",
        "position at q4",
        "current position",
        "latest position",
        "position",
        "actual",
        "outturn",
    ),
    "baseline": ("baseline", "baseline position"),
    "target": (
        "targeted position at year end",
        "target",
        "targets",
        "year end target",
        "target at year end",
        "end of year target",
        "target for the year",
        "annual target",
    ),
    "risk": ("risk description", "risk", "risks", "description of risk"),
    "mitigations": ("mitigations", "mitigation", "controls", "mitigating actions"),
    "rag": ("rag status", "risk rating", "rating"),
}
# Roles that name people or bodies, onto ItemRole roles.
PEOPLE_ROLES = (
    "lead_officer",
    "deputy_lead_officer",
    "cmt_lead",
    "portfolio",
    "service_area",
    "partner",
)
_PERIOD_HEADER = re.compile(r"^q[1-4]\s+\d{4}(\s*\d{2})?$")
_CODE = re.compile(r"^[a-z]{0,6}\s?\d[\d ]*[a-z]?$")
_LOOKUP = {phrase: role for role, phrases in ROLE_PHRASES.items() for phrase in phrases}


def header_words(text: str) -> str:
    """`Comments: Resources … e.g.` → `comments resources … eg`: lower case, no punctuation."""
    text = text.lower().replace("e.g.", "eg").replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9% ]+", " ", text).split())


def role_of_header(text: str, extra: dict[str, str] | None = None) -> str:
    """The role a column header names ('' when none): exact, then fuzzy (difflib)."""
    if len(text) > MAX_HEADER_LENGTH:
        return ""  # a paragraph of prose is no column header
    words = header_words(text)
    role = _role_of_words(words, tuple(sorted((extra or {}).items())))
    mapped = words in {header_words(k) for k in extra or {}}
    if role == "forecast" and not mapped and forecast_is_not_status(text):
        return ""
    return role


# A forecast header that names money or a count, and no status word, is a forecast figure.
_FORECAST_FIGURE_WORDS = re.compile(
    r"\b(outturn|spend|spending|budget|cost|costs|variance|value|amount|income|expenditure|"
    r"savings?|total|number|count|figure|000|k|m|bn)\b"
)
_STATUS_WORDS_IN_HEADER = re.compile(r"\b(rag|status|rating)\b")
_CURRENCY = re.compile(r"[£$€]")


def forecast_is_not_status(text: str) -> bool:
    """`Forecast outturn £000` or `Forecast spend` is a figure; `Forecast outturn (RAG)` is not."""
    words = header_words(text)
    if _STATUS_WORDS_IN_HEADER.search(words):
        return False
    return bool(_CURRENCY.search(text) or "%" in text or _FORECAST_FIGURE_WORDS.search(words))


MAX_HEADER_LENGTH = 160


@functools.lru_cache(maxsize=4096)
def _role_of_words(words: str, extra: tuple[tuple[str, str], ...]) -> str:
    words = re.sub(r"^(\d+\s+)+", "", words)
    if not words:
        return ""
    lookup = {**_LOOKUP, **{header_words(k): v for k, v in extra}}
    if words in lookup:
        return lookup[words]
    if _PERIOD_HEADER.match(words):
        return "period"
    if _CODE.match(words):
        return ""  # `ga123`, `ka 01 03`: an item's reference, never a column's name
    close = difflib.get_close_matches(words, lookup, n=1, cutoff=0.82) if len(words) < 90 else []
    if close:
        return lookup[close[0]]
    for phrase in sorted(lookup, key=len, reverse=True):
        if len(phrase) > 8 and words.startswith(phrase):
            return lookup[phrase]
    return ""


@dataclass(frozen=True)
class SectionLine:
    kind: str  # what sort of line: workstream, objective, theme, numbered-1, numbered-2 …
    level: str  # the level name it implies
    ref: str
    title: str


# Words that name a level of a plan on a section line: `Theme 2: …`, `Priority A – …`.
SECTION_WORDS = (
    "priority",
    "theme",
    "section",
    "objective",
    "outcome",
    "ambition",
    "aim",
    "goal",
    "pillar",
    "strand",
    "programme",
    "commitment",
    "mission",
    "part",
    "chapter",
    "workstream",
)
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
ORDINAL_WORDS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)

_SECTION_PATTERNS: tuple[tuple[str, str, re.Pattern], ...] = (
    ("workstream", "Workstream", re.compile(r"^workstream\s*:?\s*(?P<title>.*)$", re.I)),
    ("cell", "Cell", re.compile(r"^(?P<title>[A-Z][\w&' ]{2,40}\s+Cell)$")),
    (
        "objective",
        "Objective",
        re.compile(
            r"^objective\s+(?P<ref>one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
            r"\s*[:.\-–]?\s*(?P<title>.*)$",
            re.I,
        ),
    ),
    (
        "corporate-objective",
        "Corporate objective",
        re.compile(r"^(?P<ref>CO\s?\d{1,2})\s*[:.\-–]?\s+(?P<title>\S.*)$"),
    ),
    (
        "theme",
        "Theme",
        re.compile(r"^(?P<ref>[A-Z][A-Z'&]+(?: [A-Z][A-Z'&]+){0,4})\s*:\s*(?P<title>.+)$"),
    ),
    (
        "labelled",
        "",
        re.compile(
            r"^(?P<level>"
            + "|".join(SECTION_WORDS)
            + r")\s+(?P<ref>\d{1,2}|[A-Z]|[IVX]{1,5}|"
            + "|".join(NUMBER_WORDS + ORDINAL_WORDS)
            + r")\s*[:.\-–—)]\s*(?P<title>\S.*)$",
            re.I,
        ),
    ),
    ("roman", "Section", re.compile(r"^(?P<ref>[IVX]{1,5})[.)]\s+(?P<title>[A-Z].*)$")),
    ("numbered-2", "", re.compile(r"^(?P<ref>\d{1,2}\.\d{1,2})\.?\s+(?P<title>[A-Z].*)$")),
    ("numbered-1", "", re.compile(r"^(?P<ref>\d{1,2})\.\s+(?P<title>[A-Z].*)$")),
)


def section_of_text(
    text: str, extra: tuple[tuple[str, str, re.Pattern], ...] = ()
) -> SectionLine | None:
    text = " ".join(text.split())
    for kind, level, pattern in extra + _SECTION_PATTERNS:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            ref = (groups.get("ref") or "").strip()
            title = (groups.get("title") or "").strip()
            if kind == "theme":
                title = text
            if kind == "labelled":
                level = groups["level"].capitalize()
                kind = f"labelled-{level.lower()}"
            return SectionLine(kind, level, ref, title)
    return None


_REF = re.compile(r"^(?P<ref>[A-Z]{1,6}(?:\.\d{1,3}){1,3}|[A-Z]{1,6}\d{1,3}(?:\.\d{1,3})*[a-z]?)$")
_REF_PREFIX = re.compile(
    r"^(?P<ref>[A-Z]{1,6}(?:\.\d{1,3}){1,3}|[A-Z]{1,6}\d{1,3}(?:\.\d{1,3})*[a-z]?)[:.]?\s+(?P<rest>\S.*)$",
    re.S,
)


def is_ref(text: str) -> bool:
    return bool(_REF.match(text.strip()))


def ref_split(text: str) -> tuple[str, str]:
    """`KA.01.01 Implementation of …` → ('KA.01.01', 'Implementation of …'); else ('', text)."""
    match = _REF_PREFIX.match(text.strip())
    if not match:
        return "", text
    return match["ref"], match["rest"].strip()


def level_name_of_header(text: str) -> str:
    """`Key Activities` → `Key activity`; `2024/25 MILESTONES` → `Milestone`."""
    words = re.sub(r"[^A-Za-z /]+", " ", text).split("/")[0].split()
    if not words:
        return ""
    phrase = " ".join(words).lower()
    if phrase.startswith("identified programmes"):
        return "Programme"
    if phrase.endswith("ies"):
        phrase = phrase[:-3] + "y"
    elif phrase.endswith("s") and not phrase.endswith("ss"):
        phrase = phrase[:-1]
    return phrase[:1].upper() + phrase[1:]


METADATA_KEYS = {
    "report for": "report_for",
    "date of meeting": "date_of_meeting",
    "subject": "subject",
    "key decision": "key_decision",
    "responsible officer": "responsible_officer",
    "portfolio holder": "portfolio_holder",
    "exempt": "exempt",
    "decision subject to call in": "call_in",
    "call in": "call_in",
    "wards affected": "wards",
    "enclosures": "enclosures",
}


def metadata_key(label: str) -> str:
    words = header_words(label)
    if words in METADATA_KEYS:
        return METADATA_KEYS[words]
    close = difflib.get_close_matches(words, METADATA_KEYS, n=1, cutoff=0.8)
    return METADATA_KEYS[close[0]] if close else words.replace(" ", "_")
