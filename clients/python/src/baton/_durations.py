"""Durations between Python and the API's text forms (``500ms``, ``30s``, ``PT30S``)."""

from __future__ import annotations

import datetime
import re
from typing import Optional, Union

Duration = Union[int, float, str, datetime.timedelta]
"""Seconds as a number, a :class:`datetime.timedelta`, or the API's text (``"30s"``, ``"PT5M"``)."""

_ISO = re.compile(r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$",
                  re.IGNORECASE)
_SHORT = re.compile(r"^(\d+)(ms|s|m|h|d)$", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def to_text(value: Optional[Duration]) -> Optional[str]:
    """The API's text for a duration: numbers and timedeltas become whole milliseconds (``1500ms``).

    Raises:
        ValueError: a negative duration.
    """
    if value is None or isinstance(value, str):
        return value
    seconds = value.total_seconds() if isinstance(value, datetime.timedelta) else float(value)
    if seconds < 0:
        raise ValueError(f"negative duration: {value!r}")
    return f"{round(seconds * 1000)}ms"


def to_seconds(value: Optional[Duration], default: float = 0.0) -> float:
    """Seconds in a duration given as a number, timedelta, ``30s`` or ISO-8601 (``PT0.5S``).

    Raises:
        ValueError: text in neither form.
    """
    if value is None:
        return default
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, (int, float)):
        return float(value)
    text = value.strip()
    short = _SHORT.match(text)
    if short:
        return int(short.group(1)) * _UNITS[short.group(2).lower()]
    iso = _ISO.match(text)
    if iso and text.upper() not in ("P", "PT"):
        d, h, m, s = (float(g) if g else 0.0 for g in iso.groups())
        return d * 86400 + h * 3600 + m * 60 + s
    raise ValueError(f"not a duration: {value!r}")


def to_instant(value: Union[str, datetime.datetime, None]) -> Optional[str]:
    """ISO-8601 text for a run-at time; a naive datetime is taken as UTC."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
