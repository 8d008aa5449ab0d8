"""Validate stage: each document against its JSON Schema, errors mapped to source positions.

The schemas in okrsite/schemas/ are the only list of fields and enums; this module turns
jsonschema's error tree into diagnostics that name the field, say what is allowed and
point at the offending key or value.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from okrsite.diagnostics import Diagnostic, did_you_mean
from okrsite.load import Document, SourceMap

SCHEMA_NAMES = ("common", "config", "objective", "milestone", "task", "team", "page")
KIND_LABEL = {
    "objective": "an objective",
    "milestone": "a milestone",
    "task": "a task",
    "team": "a team",
    "page": "a page",
    "config": "okrsite.yaml",
}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    text = resources.files("okrsite.schemas").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _registry() -> Registry:
    return Registry().with_resources(
        (f"{name}.json", Resource.from_contents(schema(name))) for name in SCHEMA_NAMES
    )


@lru_cache(maxsize=None)
def validator(name: str, teams_required: bool = False) -> Draft202012Validator:
    root = dict(schema(name))
    if teams_required and name in ("objective", "milestone"):
        root["required"] = [*root["required"], "team"]
    return Draft202012Validator(root, registry=_registry(), format_checker=FormatChecker())


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
        # The branch that got furthest is the one the author meant.
        best = max(error.context, key=lambda e: (len(e.relative_path), -len(e.schema_path)))
        yield from _leaf_errors(best)
    else:
        yield error


def _diagnostic(error: ValidationError, source: SourceMap, kind: str, teams_required: bool) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    where = _where(path)
    field = _field_name(path)
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    code = "schema"
    validator_name = error.validator

    if validator_name == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extras = sorted(k for k in error.instance if k not in known)
        found = []
        for key in extras:
            location = source.locate(path + (key,), key=True)
            hint = did_you_mean(key, known) or f"; allowed fields: {', '.join(known)}"
            found.append(Diagnostic("schema", f"unknown field '{key}'{' in ' + where if where else ''}{hint}", location))
        return found
    if validator_name == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        container = f" in {where}" if where else ""
        reason = " (teams_required is true in okrsite.yaml)" if missing == "team" and teams_required else ""
        location = source.locate(path)
        return [Diagnostic("schema", f"missing required field '{missing}'{container}{reason}", location)]
    if validator_name == "dependentRequired":
        missing = [k for k in error.validator_value.get(_dependent_key(error), []) if k not in error.instance]
        trigger = _dependent_key(error)
        location = source.locate(path + (trigger,), key=True)
        need = " and ".join(f"'{m}'" for m in missing)
        return [Diagnostic("schema", f"'{trigger}' needs {need} too{' in ' + where if where else ''}", location)]

    location = source.locate(path)
    if validator_name == "format" and error.validator_value == "date":
        code = "bad-dates"
        message = f"{field}: '{error.instance}' is not a real date; write it as YYYY-MM-DD (for example 2026-05-12)"
    elif validator_name == "enum":
        allowed = [str(v) for v in error.validator_value]
        hint = did_you_mean(str(error.instance), allowed)
        message = f"{field}: '{error.instance}' is not allowed; use one of {', '.join(allowed)}{hint}"
    elif validator_name == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected_list)
        message = f"{field} must be {words}, not {_type_name(error.instance)}"
    elif custom:
        message = f"{field}: {custom}" if path else custom
        if validator_name == "not" and isinstance(error.instance, dict):
            location = source.locate(path + ("sprints",), key=True)
    elif validator_name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}[validator_name]
        message = f"{field} must be {bound} {error.validator_value}, not {error.instance}"
    elif validator_name == "minItems":
        message = f"{field} needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}"
    elif validator_name == "maxItems":
        message = f"{field} takes at most {error.validator_value} items"
        if field == "sprints":
            message += " (the first and the last sprint, inclusive)"
    elif validator_name == "minLength":
        message = f"{field} must not be empty"
    else:
        message = f"{field}: {error.message}"
    return [Diagnostic(code, message, location)]


def _dependent_key(error: ValidationError) -> str:
    for key, needed in error.validator_value.items():
        if key in error.instance and any(n not in error.instance for n in needed):
            return key
    return next(iter(error.validator_value))


def validate_data(data, source: SourceMap, kind: str, teams_required: bool = False) -> list[Diagnostic]:
    schema_name = "config" if kind == "config" else kind
    found: list[Diagnostic] = []
    for error in validator(schema_name, teams_required).iter_errors(data):
        for leaf in _leaf_errors(error):
            found.extend(_diagnostic(leaf, source, kind, teams_required))
    return found


def validate_documents(documents: list[Document], teams_required: bool) -> tuple[list[Document], list[Diagnostic]]:
    """Documents that passed (safe for the linker to read) and the problems of those that did not."""
    valid: list[Document] = []
    problems: list[Diagnostic] = []
    for document in documents:
        if document.data is None:
            continue
        found = validate_data(document.data, document.source, document.kind, teams_required)
        if found:
            problems.extend(found)
        else:
            valid.append(document)
    return valid, problems
