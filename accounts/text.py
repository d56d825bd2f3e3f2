"""Text that becomes a key or a name, and text that a spreadsheet will open.

Two rules, kept here because every app may import `accounts` (the layers run
accounts ← grants ← applications ← exchange/reports, and audit needs only
accounts):

- `clean_key_text` is the rule for text a person types that becomes a key or a
  name (a diarienummer, an organisation's name): NFC-normalised, trimmed, without
  control or invisible formatting characters, and not beginning like a
  spreadsheet formula. `key_fold` is the form in which two such texts that look
  alike are equal: `A100.000/2026` and `a100.000/2026` followed by a zero-width
  space fold alike.
- `spreadsheet_safe` is the writer's side (OWASP, CSV injection): every text
  cell of a CSV or XLSX the system writes goes through it, so that no cell
  starts a formula, whatever is stored.
"""

import unicodedata

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A spreadsheet reads a cell beginning with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
# Also a leading tab or line break: some programs drop it and read what follows.
SPREADSHEET_TRIGGERS = (*FORMULA_STARTS, "\t", "\r", "\n")
# Control (Cc), formatting (Cf: zero-width space, bidi marks and overrides, soft
# hyphen …) and surrogate (Cs) characters.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
# Invisible characters of other categories (Unicode's default ignorables).
INVISIBLE = frozenset(
    {"\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u3164", "\uffa0"}
    | {chr(code) for code in range(0xFE00, 0xFE10)}  # variation selectors
    | {chr(code) for code in range(0xE0100, 0xE01F0)}
)
# A C0 control character other than tab and line breaks cannot be written to XLSX.
_UNWRITABLE = frozenset(chr(code) for code in range(0x20)) - {"\t", "\n", "\r"}
REPLACEMENT = "\ufffd"


def is_hidden(char: str) -> bool:
    """A control, formatting or other invisible character."""
    return char in INVISIBLE or unicodedata.category(char) in HIDDEN_CATEGORIES


def clean_key_text(value: str) -> str:
    """The text as stored: NFC, trimmed, single spaces; refused if it could hide
    or run something."""
    text = unicodedata.normalize("NFC", value).strip()
    if any(is_hidden(char) for char in text):
        raise ValidationError(
            _(
                "The text must not contain control characters or invisible "
                "formatting characters (such as a zero-width space)."
            ),
            code="hidden_characters",
        )
    text = " ".join(text.split())
    if unicodedata.normalize("NFKC", text).startswith(FORMULA_STARTS):
        raise ValidationError(
            _(
                "The text must not begin with =, +, - or @: a spreadsheet would "
                "read it as a formula."
            ),
            code="formula",
        )
    return text


def key_fold(value: str) -> str:
    """The text as compared for look-alikes: compatibility forms, case,
    invisible characters and spaces do not count."""
    text = unicodedata.normalize("NFKC", value)
    text = unicodedata.normalize("NFKC", text.casefold())
    return "".join(char for char in text if not (is_hidden(char) or char.isspace()))


def spreadsheet_safe(value):
    """A cell that no spreadsheet runs as a formula: text beginning like one
    gets a leading apostrophe; other values are returned as they are."""
    if not isinstance(value, str):
        return value
    text = "".join(REPLACEMENT if char in _UNWRITABLE else char for char in value)
    start = unicodedata.normalize("NFKC", text.lstrip()[:1])[:1]
    if text.startswith(SPREADSHEET_TRIGGERS) or start in FORMULA_STARTS:
        return "'" + text
    return text


def spreadsheet_row(values) -> list:
    """Each cell of a row through `spreadsheet_safe`."""
    return [spreadsheet_safe(value) for value in values]


def spreadsheet_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset, headers and every cell through `spreadsheet_safe`."""
    safe = tablib.Dataset(
        headers=spreadsheet_row(dataset.headers or []) or None, title=dataset.title
    )
    for row in dataset:
        safe.append(spreadsheet_row(row))
    return safe
