"""Validate stage: each document against its JSON Schema, errors mapped to source positions.

The schemas in okrsite/schemas/ are the only list of fields and enums; this module turns
jsonschema's error tree into diagnostics that name the field, say what is allowed and
point at the offending key or value.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from calendar import monthrange
from functools import lru_cache
from typing import Callable
from importlib import resources
from urllib.parse import urldefrag, urljoin

from typing import TYPE_CHECKING

from okrsite import ecma_regex
from okrsite.calendar import MAX_YEAR, MIN_YEAR
from okrsite.diagnostics import Diagnostic, did_you_mean, quote, suggest
from okrsite.load import Document, SourceMap

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

SCHEMA_NAMES = ("common", "config", "objective", "milestone", "task", "team", "page")
# Every schema's `$id` is SCHEMA_BASE + its file name. The ids are names, not addresses: the
# reserved `.invalid` domain never resolves, so no tool can fetch (or be served) anything for them;
# each exported schema carries the shared definitions it uses (see `bundled`).
SCHEMA_BASE = "https://okrsite.invalid/schemas/"
KIND_LABEL = {
    "objective": "an objective",
    "milestone": "a milestone",
    "task": "a task",
    "team": "a team",
    "page": "a page",
    "config": "okrsite.yaml",
}

# okrsite's own wording for what a schema keyword alone cannot explain, keyed by the place in
# the schemas ("FILE#JSON-POINTER"). They live here, not in the schemas, so what `okrsite schema`
# writes holds only standard keywords (ajv's strict mode refuses unknown ones).
MESSAGES = {
    "common.json#/$defs/id": "an id is lowercase letters and digits in words joined by '-', like share-referrals",
    "common.json#/$defs/localId": "a local id is lowercase letters and digits in words joined by '-', like kr1",
    "common.json#/$defs/ref": "a reference is an id (share-referrals) or PARENT/LOCAL (build-trust/kr1)",
    "config.json#/properties/base_url": "base_url is an absolute http(s) URL, like https://acme.github.io/roadmap/",
    "config.json#/properties/language": "language is a BCP 47 tag, like en or de-CH",
    "config.json#/properties/edit_url": ("edit_url must contain {path}, like "
                                         "https://github.com/acme/roadmap/edit/main/{path}"),
    "objective.json#/properties/quarter/anyOf/0": "a quarter is written YYYY-Qn, like 2026-Q2 (years 1900 to 2199)",
    "milestone.json#/dependentSchemas/sprints/properties/start": "set either sprints or start and due, not both",
    "milestone.json#/dependentSchemas/sprints/properties/due": "set either sprints or start and due, not both",
}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A schema as written in okrsite/schemas/ (references to common.json by its id)."""
    text = resources.files("okrsite.schemas").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


def _external_refs(node, base: str, found: set[str]) -> set[str]:
    """File names of the other schemas that `node` refers to (resolved against `base`)."""
    if isinstance(node, dict):
        base = urljoin(base, node["$id"]) if isinstance(node.get("$id"), str) else base
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            target = urldefrag(urljoin(base, ref)).url
            if target.startswith(SCHEMA_BASE):
                found.add(target[len(SCHEMA_BASE):])
        for value in node.values():
            _external_refs(value, base, found)
    elif isinstance(node, list):
        for value in node:
            _external_refs(value, base, found)
    return found


@lru_cache(maxsize=None)
def bundled(name: str) -> dict:
    """The schema as okrsite exports it and validates with: standalone, no file or network needed.

    JSON Schema 2020-12's bundling: every schema it refers to is embedded under `$defs` with its
    own `$id`, so a `$ref` such as "common.json#/$defs/id" resolves (against the root's `$id`)
    to the embedded copy in any standard validator and editor, offline.
    """
    root = schema(name)
    needed = sorted(_external_refs(root, root["$id"], set()) - {f"{name}.json"})
    if not needed:
        return root
    result = dict(root)
    defs = dict(result.get("$defs", {}))
    for file in needed:
        key = file.removesuffix(".json")
        assert key not in defs, f"{name}.json already has $defs/{key}"
        # an exact copy: ajv accepts the same resource twice (common.json loaded beside it)
        # only when both copies are equal
        defs[key] = schema(key)
    result["$defs"] = defs
    return result


def _message_table(root: dict) -> dict[int, str]:
    """id() of each schema node that has an entry in MESSAGES -> its message."""
    table: dict[int, str] = {}

    def walk(node, file: str, pointer: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str) and node["$id"].startswith(SCHEMA_BASE):
                file, pointer = node["$id"][len(SCHEMA_BASE):], ""
            message = MESSAGES.get(f"{file}#{pointer}")
            if message is not None:
                table[id(node)] = message
            for key, value in node.items():
                walk(value, file, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, file, f"{pointer}/{index}")

    walk(root, "", "")
    return table


@lru_cache(maxsize=None)
def _messages(name: str) -> dict[int, str]:
    return _message_table(bundled(name))


def _pattern(validator, pattern, instance, schema):
    """`pattern` as JSON Schema means it (ECMA-262): `$` is the very end, not before a final
    newline as in Python's re.search, which jsonschema uses ("account-cache\\n" is no id)."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not ecma_regex.compile(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator, pattern_properties, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in pattern_properties.items():
        for key, value in instance.items():
            if ecma_regex.compile(pattern).search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


@lru_cache(maxsize=None)
def _validator_class():
    """Draft 2020-12 with ECMA-262 regular expressions, as every other JSON Schema tool applies
    them. jsonschema is imported here, when a document fails the fast check (or a test asks):
    its import is a tenth of a cold check of a 2,000-page site, and a valid site needs none of it."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern, "patternProperties": _pattern_properties})


@lru_cache(maxsize=None)
def _root(name: str, teams_required: bool) -> dict:
    root = dict(bundled(name))
    if teams_required and name in ("objective", "milestone"):
        root["required"] = [*root["required"], "team"]
    return root


@lru_cache(maxsize=None)
def validator(name: str, teams_required: bool = False):
    from jsonschema import FormatChecker

    return _validator_class()(_root(name, teams_required), format_checker=FormatChecker())


@lru_cache(maxsize=None)
def fast_validator(name: str, teams_required: bool = False):
    """A compiled yes/no check of the same schema; jsonschema explains only what fails it."""
    return compile_schema(_root(name, teams_required), _Formats())


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # fullmatch: jsonschema's ^...$, which is fullmatched


def _is_date(value) -> bool:
    """jsonschema's "date" format (jsonschema/_format.py: is_date), without importing it."""
    if not isinstance(value, str):
        return True
    try:
        return bool(_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


class _Formats:
    """The `format` checks of jsonschema's FormatChecker(): "date" (the only format the content
    schemas use) answered here, any other by jsonschema itself. tests/test_validate.py compares."""

    def __init__(self):
        self._others = None

    def conforms(self, value, fmt: str) -> bool:
        if fmt == "date":
            return _is_date(value)
        if self._others is None:
            from jsonschema import FormatChecker

            self._others = FormatChecker()
        return self._others.conforms(value, fmt)


def _type_name(value) -> str:
    if value is None:
        return "nothing (null)"
    return {
        bool: "true/false", int: "a number", float: "a number", str: "text",
        list: "a list", dict: "a mapping",
    }.get(type(value), type(value).__name__)


_TYPE_WORDS = {
    "string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
    "array": "a list", "object": "a mapping", "null": "null",
}


def _field_name(path: tuple) -> str:
    named = [str(p) for p in path if isinstance(p, str)]
    return named[-1] if named else "the document"


def _where(path: tuple) -> str:
    if not path:
        return ""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _leaf_errors(error: ValidationError):
    """Descend into combinator errors to the ones an author can act on."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        # The branch that got furthest is the one the author meant; at equal depth, one that
        # takes this kind of value (a mapping for `{max: 3}`, not the `off` | `warning` words).
        best = max(error.context, key=lambda e: (len(e.relative_path), _takes_its_type(e), -len(e.schema_path)))
        yield from _leaf_errors(best)
    else:
        yield error


def _takes_its_type(error: ValidationError) -> bool:
    """False when the failing branch can never hold a value of the instance's type."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        return any(_takes_its_type(e) for e in error.context if not e.relative_path)
    if error.validator == "type":
        return False
    if error.validator == "enum":
        return any(type(option) is type(error.instance) for option in error.validator_value)
    if error.validator == "const":
        return type(error.validator_value) is type(error.instance)
    return True


def _diagnostic(error: ValidationError, source: SourceMap, kind: str, teams_required: bool,
                known_ids: frozenset[str] = frozenset()) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    where = _where(path)
    field = _field_name(path)
    # okrsite's wording explains a pattern (or the sprints-or-dates rule), not a length or a type
    custom = (_messages("config" if kind == "config" else kind).get(id(error.schema))
              if error.validator in ("pattern", "not") else None)
    code = "schema"
    validator_name = error.validator

    if validator_name == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extras = sorted(k for k in error.instance if k not in known)
        found = []
        for key in extras:
            location = source.locate(path + (key,), key=True)
            hint = did_you_mean(key, known) or f"; allowed fields: {', '.join(known)}"
            found.append(Diagnostic("schema", f"unknown field {quote(key)}{' in ' + where if where else ''}{hint}", location))
        return found
    if validator_name == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        container = f" in {where}" if where else ""
        reason = " (teams_required is true in okrsite.yaml)" if missing == "team" and teams_required else ""
        location = source.locate(path)
        allowed = _allowed_values(error.schema.get("properties", {}).get(missing), kind)
        what = f"; add {missing}: with one of {', '.join(allowed)}" if allowed else ""
        return [Diagnostic("schema", f"missing required field '{missing}'{container}{reason}{what}", location)]
    if validator_name == "dependentRequired":
        missing = [k for k in error.validator_value.get(_dependent_key(error), []) if k not in error.instance]
        trigger = _dependent_key(error)
        location = source.locate(path + (trigger,), key=True)
        need = " and ".join(f"'{m}'" for m in missing)
        return [Diagnostic("schema", f"{quote(trigger)} needs {need} too{' in ' + where if where else ''}", location)]

    location = source.locate(path)
    if validator_name == "format" and error.validator_value == "date":
        code = "bad-dates"
        message = f"{field}: {quote(error.instance)} {_date_advice(error.instance)}"
    elif validator_name == "pattern" and _is_date_schema(error.schema):
        code = "bad-dates"
        message = (f"{field}: {quote(error.instance)} is outside the years {MIN_YEAR} to {MAX_YEAR} "
                   "that a roadmap can use")
    elif validator_name == "enum":
        allowed = [str(v) for v in error.validator_value]
        hint = did_you_mean(str(error.instance), allowed)
        message = f"{field}: {quote(error.instance)} is not allowed; use one of {', '.join(allowed)}{hint}"
    elif validator_name == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected_list)
        message = f"{field} must be {words}, not {_found(error.instance)}{_type_advice(error, expected_list)}"
    elif custom and validator_name == "not" and path[-1:] in (("start",), ("due",)):
        # start or due beside sprints: one finding, at the sprints key (see validate_data)
        message = custom
        location = source.locate(path[:-1] + ("sprints",), key=True)
    elif custom:
        message = f"{field}: {custom}" if path else custom
        message += _stray_space_hint(error) or _id_advice(error, path, known_ids)
    elif validator_name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}[validator_name]
        message = f"{field} must be {bound} {_number(error.validator_value)}, not {_number(error.instance)}"
    elif validator_name == "minItems":
        message = f"{field} needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}"
    elif validator_name == "maxItems":
        message = f"{field} takes at most {error.validator_value} items"
        if field == "sprints":
            message += " (the first and the last sprint, inclusive)"
    elif validator_name == "minLength":
        message = f"{field} must not be empty"
    elif validator_name == "maxLength":
        what = " (an id names a folder of the published site)" if _is_id_schema(error.schema) else ""
        message = (f"{field}: {quote(error.instance)} is longer than the {error.validator_value:,} characters "
                   f"allowed{what}; shorten it")
    elif validator_name == "pattern":
        message = f"{field}: {quote(error.instance)} does not match the pattern {error.validator_value}"
    else:
        message = f"{field}: {error.message}"
    return [Diagnostic(code, message, location)]


def _found(value) -> str:
    """What an author wrote, named for a message: its kind, and the value when it is short."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {_number(value)}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    return _type_name(value)


# A number written as text: '2,400', '12%', '3 days', '1 200 ms' (a unit after it is allowed)
_NUMBER_TEXT = re.compile(r"([-+]?[0-9][0-9,_ ]*(?:\.[0-9]+)?)\s*(%|[^\W\d_][\w/ ]*)?")


def _type_advice(error: ValidationError, expected: list[str]) -> str:
    """What to write instead of a value of the wrong type, when it can be guessed."""
    value = error.instance
    if "integer" in expected and isinstance(value, float) and not isinstance(value, bool) and value == value:
        low, high = math.floor(value), math.ceil(value)
        return f"; write a whole number, like {low} or {high}" if low != high else f"; write {low}"
    if _is_sprint_schema(error.schema) and isinstance(value, int) and not isinstance(value, bool):
        return f"; a sprint id is text like s{value}: write s{value}"
    if ({"number", "integer"} & set(expected)) and isinstance(value, str):
        written = _NUMBER_TEXT.fullmatch(value.strip())
        if written:
            number = written[1].replace("_", "").replace(" ", "")
            if re.fullmatch(r"[-+]?[0-9]+,[0-9]+", number) and not re.fullmatch(r"[-+]?[0-9]{1,3},[0-9]{3}", number):
                number = number.replace(",", ".")  # 1,5: a decimal comma
            number = number.replace(",", "")  # 2,400 and 1,000,000: thousands
            return f"; write {number} without quotes, commas or units (a key result's unit goes in unit:)"
        return ""
    if expected == ["string"] and isinstance(value, (int, float, bool)):
        return f"; if it is text, put it in quotes: \"{value if not isinstance(value, bool) else str(value).lower()}\""
    if expected == ["array"] and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return f"; write a list, even of one item: [{value}]"
    return ""


def _date_advice(value) -> str:
    """Why a date is not one, and the YYYY-MM-DD form of a date written another way."""
    text = str(value).strip()
    iso = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9:.]+(Z|[+-][0-9:]+)?", text)
    if iso and _real_date(iso[1]):
        return f"has a time of day; write the date alone: {iso[1]}"
    ymd = re.fullmatch(r"([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})", text)
    if ymd and _real_date(f"{ymd[1]}-{int(ymd[2]):02d}-{int(ymd[3]):02d}"):
        return f"is year/month/day; write it as {ymd[1]}-{int(ymd[2]):02d}-{int(ymd[3]):02d} (dates are YYYY-MM-DD)"
    other = re.fullmatch(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})", text)
    if other:
        first, second, year = int(other[1]), int(other[3]), other[4]
        day_month = f"{year}-{second:02d}-{first:02d}"   # 15.03.2026, 15/03/2026
        month_day = f"{year}-{first:02d}-{second:02d}"   # 03/15/2026 (US)
        readings = [d for d in ((day_month,) if other[2] == "." else (month_day, day_month)) if _real_date(d)]
        readings = list(dict.fromkeys(readings))
        if len(readings) == 1:
            order = "day.month.year" if other[2] == "." else (
                "month/day/year" if readings[0] == month_day else "day/month/year")
            return f"is {order}; write it as {readings[0]} (dates are YYYY-MM-DD)"
        if len(readings) == 2:
            return (f"could be month/day ({readings[0]}) or day/month ({readings[1]}); "
                    "write the one you mean as YYYY-MM-DD")
    for pattern in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"):
        try:
            parsed = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return f"is written in words; write it as {parsed.isoformat()} (dates are YYYY-MM-DD)"
    parts = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    if parts and 1 <= int(parts[2]) <= 12:
        year, month = int(parts[1]), int(parts[2])
        if 1 <= year:
            days = monthrange(year, month)[1]
            return (f"is not a real date: {dt.date(2000, month, 1):%B} {year} has {days} days; "
                    "write a real date as YYYY-MM-DD")
    return "is not a real date; write it as YYYY-MM-DD (for example 2026-05-12)"


def _real_date(text: str) -> bool:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return False
    return MIN_YEAR <= day.year <= MAX_YEAR


def _allowed_values(subschema, kind: str) -> list[str]:
    """The enum of a property schema (following one $ref), as words; [] when it has none."""
    node = _resolve(subschema, kind)
    options = node.get("enum") if isinstance(node, dict) else None
    return [str(o) for o in options] if isinstance(options, list) and options else []


def _resolve(node, kind: str):
    """`node`, or what its `$ref` names (okrsite's refs all resolve against SCHEMA_BASE)."""
    if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
        return node
    name = "config" if kind == "config" else kind
    target, pointer = urldefrag(urljoin(f"{SCHEMA_BASE}{name}.json", node["$ref"]))
    found = bundled(target[len(SCHEMA_BASE):].removesuffix(".json")) if target.startswith(SCHEMA_BASE) else None
    for part in [p for p in pointer.split("/") if p]:
        found = found.get(part) if isinstance(found, dict) else None
    return found if isinstance(found, dict) else node


def _id_advice(error: ValidationError, path: tuple, known_ids: frozenset[str]) -> str:
    """For an id or reference that is an id but for case, spaces or '_' (`team: Platform`):
    the site's id it matches, or the id it spells."""
    value = error.instance
    if error.validator != "pattern" or not isinstance(value, str) or not (
            _is_id_schema(error.schema) or _is_ref_schema(error.schema)):
        return ""
    guess = re.sub(r"[\s_]+", "-", value.strip().lower())
    if not ecma_regex.compile(error.validator_value).search(guess):
        return ""  # more than case and spacing is wrong (../../etc): no guess
    if path and path[-1] == "id":  # the entity's own id
        return f"; write {quote(guess)}"
    near = suggest(value, known_ids) if known_ids else None
    return f"; did you mean {quote(near or guess)}?"


def _number(value) -> str:
    """A number as a message shows it: thousands separated, a huge one by its length."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return quote(value)
    if isinstance(value, int):
        return quote(value) if value.bit_length() > 64 else (f"{value:,}" if abs(value) >= 10_000 else str(value))
    return f"{value:,.0f}" if value.is_integer() and 10_000 <= abs(value) < 1e21 else repr(value)


def _stray_space_hint(error: ValidationError) -> str:
    """For a value that only fails its pattern by a line break or space at either end."""
    value, pattern = error.instance, error.validator_value
    if error.validator != "pattern" or not isinstance(value, str) or value == value.strip():
        return ""
    if not ecma_regex.compile(pattern).search(value.strip()):
        return ""
    where = "end" if value[-1:].isspace() and not value[:1].isspace() else (
        "start" if not value[-1:].isspace() else "start and end")
    what = "line break" if "\n" in value or "\r" in value else "space"
    return f"; remove the {what} at its {where}"


def _is_id_schema(subschema) -> bool:
    return isinstance(subschema, dict) and subschema.get("pattern") == schema("common")["$defs"]["id"]["pattern"]


def _is_ref_schema(subschema) -> bool:
    return isinstance(subschema, dict) and subschema.get("pattern") == schema("common")["$defs"]["ref"]["pattern"]


def _is_sprint_schema(subschema) -> bool:
    return subschema == schema("common")["$defs"]["sprintId"]


def _is_date_schema(subschema) -> bool:
    return isinstance(subschema, dict) and subschema.get("format") == "date"


def _dependent_key(error: ValidationError) -> str:
    for key, needed in error.validator_value.items():
        if key in error.instance and any(n not in error.instance for n in needed):
            return key
    return next(iter(error.validator_value))


def validate_data(data, source: SourceMap, kind: str, teams_required: bool = False,
                  known_ids: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Schema problems of one document; `known_ids` (the site's ids) only sharpen hints."""
    schema_name = "config" if kind == "config" else kind
    if fast_validator(schema_name, teams_required)(data):
        return []  # the common case: valid, without building jsonschema's error tree
    leaves = [leaf for error in validator(schema_name, teams_required).iter_errors(data)
              for leaf in _leaf_errors(error)]
    not_dates = {tuple(e.absolute_path) for e in leaves if e.validator == "format" and _is_date_schema(e.schema)}
    found: list[Diagnostic] = []
    for leaf in leaves:
        if leaf.validator == "pattern" and _is_date_schema(leaf.schema) and tuple(leaf.absolute_path) in not_dates:
            continue  # "12/05/2026" is reported once, as no date, not also as out of range
        found.extend(_diagnostic(leaf, source, kind, teams_required, known_ids))
    return list(dict.fromkeys(found))  # the same finding twice (start and due beside sprints) once


def validate_documents(documents: list[Document], teams_required: bool) -> tuple[list[Document], list[Diagnostic]]:
    """Documents that passed (safe for the linker to read) and the problems of those that did not.

    A document that passed is not validated again while unchanged (`serve` keeps parsed files);
    one that failed is, as its hints ("did you mean") name ids of the rest of the site."""
    valid: list[Document] = []
    problems: list[Diagnostic] = []
    known: list[frozenset[str]] = []

    def known_ids() -> frozenset[str]:
        if not known:
            from okrsite.link import unavailable_ids  # ids every document claims, valid or not

            known.append(frozenset(unavailable_ids(documents)))
        return known[0]

    for document in documents:
        if document.data is None:
            continue
        if document.validation is not None and document.validation[0] == teams_required and not document.validation[1]:
            found = []
        else:
            if fast_validator(document.kind, teams_required)(document.data):
                found = []
            else:
                found = validate_data(document.data, document.source, document.kind, teams_required, known_ids())
            document.validation = (teams_required, found)
        if found:
            problems.extend(found)
        else:
            valid.append(document)
    return valid, problems


# --- the fast path --------------------------------------------------------------------------
# jsonschema walks a schema with great generality (and a registry lookup per $ref), which is
# most of the cost of checking a large site. `compile_schema` turns the same schema into nested
# closures that answer only "valid or not". Any keyword it does not know makes it give up,
# so jsonschema alone decides; tests compare the two on generated documents.

_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description",
                "default", "examples", "deprecated", "readOnly", "writeOnly"}


class _Unsupported(Exception):
    pass


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPE_CHECKS: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _always(_value) -> bool:
    return True


def _never(_value) -> bool:
    return False


def compile_schema(root: dict, format_checker) -> Callable[[object], bool]:
    """Schema -> predicate equal to `Validator(root).is_valid`, or jsonschema's own
    `is_valid`-free fallback (always False, so every document goes the slow, exact way).

    References resolve as JSON Schema says: against the `$id` of the enclosing resource, to the
    root or a resource embedded in it (nothing is looked up elsewhere)."""
    compiled: dict[tuple[str, str], Callable] = {}
    base = root.get("$id", "")
    found: dict[str, dict] = {}

    def index(node, current: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str):
                current = urljoin(current, node["$id"])
                found[current] = node
            for value in node.values():
                index(value, current)
        elif isinstance(node, list):
            for value in node:
                index(value, current)

    index(root, base)
    found[base] = root

    def resolve(ref: str, current: str) -> tuple[dict, str, str]:
        target, pointer = urldefrag(urljoin(current, ref))
        if target not in found:
            raise _Unsupported(ref)
        node = found[target]
        for part in [p for p in pointer.split("/") if p]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, target, pointer

    def ref_check(ref: str, current: str) -> Callable:
        node, target, pointer = resolve(ref, current)
        key = (target, pointer)
        if key not in compiled:
            compiled[key] = _never  # placeholder while compiling a recursive reference
            holder: list[Callable] = []
            compiled[key] = lambda v: holder[0](v)
            holder.append(build(node, target))
        return compiled[key]

    def build(node, current: str) -> Callable:
        if node is True:
            return _always
        if node is False:
            return _never
        if not isinstance(node, dict):
            raise _Unsupported(repr(node))
        checks: list[Callable] = []
        unknown = set(node) - _ANNOTATIONS - _KEYWORDS
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        if isinstance(node.get("$id"), str):
            current = urljoin(current, node["$id"])
        if "$ref" in node:
            checks.append(ref_check(node["$ref"], current))
        if "type" in node:
            names = node["type"] if isinstance(node["type"], list) else [node["type"]]
            tests = [_TYPE_CHECKS[n] for n in names]
            checks.append(lambda v, tests=tests: any(t(v) for t in tests))
        if "enum" in node:
            options = node["enum"]
            if all(isinstance(o, str) for o in options):
                allowed = frozenset(options)
                checks.append(lambda v, allowed=allowed: isinstance(v, str) and v in allowed)
            else:
                raise _Unsupported("enum")
        if "const" in node:
            if isinstance(node["const"], bool):
                checks.append(lambda v, c=node["const"]: v is c)
            elif isinstance(node["const"], str):
                checks.append(lambda v, c=node["const"]: isinstance(v, str) and v == c)
            else:
                raise _Unsupported("const")
        if "pattern" in node:
            search = ecma_regex.compile(node["pattern"]).search
            checks.append(lambda v, search=search: not isinstance(v, str) or search(v) is not None)
        if "format" in node:
            fmt = node["format"]
            checks.append(lambda v, fmt=fmt: format_checker.conforms(v, fmt))
        if "minLength" in node:
            checks.append(lambda v, n=node["minLength"]: not isinstance(v, str) or len(v) >= n)
        if "maxLength" in node:
            checks.append(lambda v, n=node["maxLength"]: not isinstance(v, str) or len(v) <= n)
        for keyword, compare in (("minimum", lambda v, n: v >= n), ("maximum", lambda v, n: v <= n),
                                 ("exclusiveMinimum", lambda v, n: v > n),
                                 ("exclusiveMaximum", lambda v, n: v < n)):
            if keyword in node:
                checks.append(lambda v, n=node[keyword], compare=compare: not _is_number(v) or compare(v, n))
        if "minItems" in node:
            checks.append(lambda v, n=node["minItems"]: not isinstance(v, list) or len(v) >= n)
        if "maxItems" in node:
            checks.append(lambda v, n=node["maxItems"]: not isinstance(v, list) or len(v) <= n)
        if "items" in node:
            item = build(node["items"], current)
            checks.append(lambda v, item=item: not isinstance(v, list) or all(item(x) for x in v))
        if "required" in node:
            needed = tuple(node["required"])
            checks.append(lambda v, needed=needed: not isinstance(v, dict) or all(k in v for k in needed))
        if "properties" in node:
            props = {k: build(sub, current) for k, sub in node["properties"].items()}

            def properties(v, props=props):
                if not isinstance(v, dict):
                    return True
                for key, value in v.items():
                    check = props.get(key)
                    if check is not None and not check(value):
                        return False
                return True
            checks.append(properties)
        if "additionalProperties" in node:
            extra = build(node["additionalProperties"], current)
            known = frozenset(node.get("properties", {}))
            checks.append(lambda v, extra=extra, known=known: not isinstance(v, dict)
                          or all(extra(value) for key, value in v.items() if key not in known))
        if "dependentRequired" in node:
            deps = {k: tuple(needed) for k, needed in node["dependentRequired"].items()}
            checks.append(lambda v, deps=deps: not isinstance(v, dict) or all(
                all(n in v for n in needed) for key, needed in deps.items() if key in v))
        if "dependentSchemas" in node:
            deps = {k: build(sub, current) for k, sub in node["dependentSchemas"].items()}
            checks.append(lambda v, deps=deps: not isinstance(v, dict) or all(
                check(v) for key, check in deps.items() if key in v))
        for keyword, combine in (("allOf", all), ("anyOf", any)):
            if keyword in node:
                subs = [build(sub, current) for sub in node[keyword]]
                checks.append(lambda v, subs=subs, combine=combine: combine(sub(v) for sub in subs))
        if "oneOf" in node:
            subs = [build(sub, current) for sub in node["oneOf"]]
            checks.append(lambda v, subs=subs: sum(1 for sub in subs if sub(v)) == 1)
        if "not" in node:
            negated = build(node["not"], current)
            checks.append(lambda v, negated=negated: not negated(v))
        if "if" in node:
            condition = build(node["if"], current)
            then = build(node["then"], current) if "then" in node else _always
            otherwise = build(node["else"], current) if "else" in node else _always
            checks.append(lambda v, c=condition, t=then, o=otherwise: t(v) if c(v) else o(v))
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        return lambda v, checks=tuple(checks): all(check(v) for check in checks)

    try:
        return build(root, base)
    except (_Unsupported, KeyError, TypeError, ValueError, re.error):
        return _never


_KEYWORDS = {"$ref", "type", "enum", "const", "pattern", "format", "minLength", "maxLength", "minimum",
             "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "items",
             "required", "properties", "additionalProperties", "dependentRequired", "dependentSchemas",
             "allOf", "anyOf", "oneOf", "not", "if", "then", "else"}
