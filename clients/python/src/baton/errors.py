"""Exceptions raised by the Baton client.

Every error the server answers is ``application/problem+json`` (RFC 9457); the client turns it
into a :class:`BatonError` subclass chosen by the HTTP status, carrying the problem's fields.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional


class BatonError(Exception):
    """An error answered by the Baton server, or a failure to reach it.

    Attributes:
        status: the HTTP status (0 when the server could not be reached).
        title: the problem's title, e.g. ``"Bad Request"``.
        detail: the problem's detail, a sentence that says what was wrong.
        field: the request field at fault, when the server names one (``"payload.url"``).
        value: the value at fault, when the server quotes it.
        type: the problem's type URI (``"about:blank"`` or one ending in ``lease-lost``).
        problem: the whole problem document as a dict (empty when the answer was not JSON).
    """

    def __init__(self, status: int, title: str = "", detail: str = "", field: Optional[str] = None,
                 value: Optional[str] = None, type: str = "about:blank",
                 problem: Optional[Mapping[str, Any]] = None) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.field = field
        self.value = value
        self.type = type
        self.problem = dict(problem or {})
        text = f"{status} {title}".strip()
        if detail:
            text += f": {detail}"
        if field:
            text += f" (field {field})"
        super().__init__(text)


class BatonConnectionError(BatonError):
    """The server could not be reached, or the connection broke before an answer came."""

    def __init__(self, detail: str) -> None:
        super().__init__(0, "Connection failed", detail)


class BadRequest(BatonError):
    """400: a field out of its rule; :attr:`field` names it."""


class Unauthorized(BatonError):
    """401: the token is missing or wrong."""


class Forbidden(BatonError):
    """403: the token may not do this (an enqueue-only token on a worker route, for one)."""


class NotFound(BatonError):
    """404: no such task, schedule, key, worker or path."""


class Conflict(BatonError):
    """409: the state forbids the call (resume a finished schedule, for one)."""


class LeaseLost(Conflict):
    """409 on a worker call: the lease named is no longer the task's, and nothing changed.

    The worker was taken for dead, the task was canceled, or its lease ran out.
    """


class PayloadTooLarge(BatonError):
    """413: the body or the payload is over the server's limit."""


class ServerError(BatonError):
    """5xx: the server failed (503: its backend failed)."""


class AwaitTimeout(TimeoutError):
    """:meth:`baton.Client.await_task` ran out of time before the task ended.

    Attributes:
        task: the last record read, whose status is not final.
    """

    def __init__(self, task: Mapping[str, Any], timeout: float) -> None:
        self.task = dict(task)
        super().__init__(f"task {task.get('id')} still {task.get('status')} after {timeout:g} s")


_BY_STATUS = {400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
              413: PayloadTooLarge}


def from_problem(status: int, problem: Mapping[str, Any], fallback: str = "") -> BatonError:
    """Builds the exception for an error answer.

    Args:
        status: the HTTP status.
        problem: the parsed problem document (may be empty).
        fallback: text for :attr:`BatonError.detail` when the answer had no problem document.
    """
    kind = str(problem.get("type") or "about:blank")
    if status == 409 and kind.endswith("lease-lost"):
        cls: type = LeaseLost
    elif status >= 500:
        cls = ServerError
    else:
        cls = _BY_STATUS.get(status, BatonError)
    value = problem.get("value")
    return cls(status, str(problem.get("title") or ""), str(problem.get("detail") or fallback),
               problem.get("field"), None if value is None else str(value), kind, problem)
