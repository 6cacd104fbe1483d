"""The root of the project's exception hierarchy, the configuration error, and how a
configuration problem is put into words that name the key a user wrote."""

from __future__ import annotations

from typing import Any

# Values never echoed back in an error message: they may hold a password.
UNSHOWN = {"database_url", "smtp.password"}


class OfstedWatchError(Exception):
    """Base class: every error the product raises on purpose derives from this."""


class ConfigError(OfstedWatchError):
    """Bad or unknown configuration; the CLI turns it into exit status 2."""


def _location(parts: tuple[Any, ...], source_ids: list[str]) -> str:
    """'smtp.port', or 'sources[my-paper].region': a source by its id, not by its position
    in the list merged from the built-in sources and the user's."""
    out = ""
    for n, part in enumerate(parts):
        if isinstance(part, int) and n > 0 and parts[n - 1] == "sources":
            out += f"[{source_ids[part]}]" if part < len(source_ids) else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe_problem(error: dict[str, Any], source_ids: list[str]) -> str:
    """One pydantic validation error as a user reads it: the key, what is wrong, the value."""
    loc = _location(tuple(error["loc"]), source_ids) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"unknown key '{loc}'"
    value = error.get("input")
    hidden = isinstance(value, dict | list) or value is None or loc in UNSHOWN
    shown = "" if hidden else f" (got {value!r})"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"'{loc}': {message}{shown}"


def describe_environment(text: str, prefix: str) -> str:
    """pydantic-settings names the field ("smtp") it could not parse; the user set a
    variable, so name that."""
    field = text.split('"')[1] if text.count('"') >= 2 else ""
    variable = f"{prefix}{field.upper()}" if field else f"an {prefix}* variable"
    example = "'{\"port\": 25}'"
    return f"{variable}: not a valid value (a table such as smtp takes JSON, e.g. {example})"
