"""Keep-alive HTTP transport: one ``http.client`` connection per thread, reused across calls."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse
from typing import Any, Mapping, Optional, Tuple

from .errors import BatonConnectionError, from_problem

_USER_AGENT = "baton-client-python/0.1"

# A connection idle for longer is opened anew before use: the server closes idle keep-alive
# connections after 30 s by default, and a request sent on one it has just closed may or may not
# have arrived, which only an idempotent request may find out by sending again.
_IDLE_REOPEN_SECONDS = 10.0

# Requests that change nothing when sent twice: they alone are sent again after a broken connection.
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})


class Transport:
    """Sends JSON requests to one server, keeping one open connection per calling thread.

    ``http.client`` connections are not safe to share between threads, so each thread gets its
    own. A connection idle for a while is opened anew before use, and an idempotent request
    (``GET``, ``PUT``, ``DELETE``, or a ``POST`` the caller marks so, such as an enqueue that names
    its id) is sent again once on a new connection when a reused one turns out to be broken.
    """

    def __init__(self, url: str, token: Optional[str], timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.base = parts.path.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: "set[http.client.HTTPConnection]" = set()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is not None and time.monotonic() - getattr(self._local, "used", 0.0) > _IDLE_REOPEN_SECONDS:
            self._drop(conn)
            conn = None
        if conn is None:
            if self.scheme == "https":
                conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout)
            else:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._local.conn = conn
            with self._lock:
                self._all.add(conn)
        return conn

    def _drop(self, conn: http.client.HTTPConnection) -> None:
        conn.close()
        self._local.conn = None
        with self._lock:
            self._all.discard(conn)

    def abort_current(self, conn: Optional[http.client.HTTPConnection]) -> None:
        """Breaks a connection another thread is blocked on (a long poll), so that call returns."""
        if conn is not None and conn.sock is not None:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def current(self) -> Optional[http.client.HTTPConnection]:
        """The calling thread's connection, if it has one."""
        return getattr(self._local, "conn", None)

    def close(self) -> None:
        """Closes every connection this transport opened, in every thread."""
        # The connections stay known: a thread's next call opens its connection again.
        with self._lock:
            conns = list(self._all)
        for conn in conns:
            conn.close()

    def request(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None,
                timeout: Optional[float] = None, idempotent: Optional[bool] = None) -> Tuple[int, Any]:
        """Sends one request and returns ``(status, parsed JSON body or None)``.

        ``idempotent`` (default: by method) allows sending it again once on a new connection when
        a reused one broke; a ``POST`` is sent once unless the caller says it is safe twice.

        Raises:
            BatonError: a subclass chosen by the status for any answer of 400 or more.
            BatonConnectionError: the server could not be reached or the connection broke.
        """
        target = self.base + path
        if query:
            pairs = [(k, "true" if v is True else "false" if v is False else v)
                     for k, v in query.items() if v is not None]
            if pairs:
                target += "?" + urllib.parse.urlencode(pairs)
        headers = {"Accept": "application/json", "User-Agent": _USER_AGENT}
        data = None
        if body is not None:
            data = json.dumps(body, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        resendable = method in _IDEMPOTENT_METHODS if idempotent is None else idempotent
        for attempt in (1, 2):
            conn = self._connection()
            reused = conn.sock is not None
            sock_timeout = self.timeout if timeout is None else timeout
            try:
                conn.timeout = sock_timeout
                if conn.sock is not None:
                    conn.sock.settimeout(sock_timeout)
                conn.request(method, target, body=data, headers=headers)
                response = conn.getresponse()
                raw = response.read()
                if response.will_close:
                    self._drop(conn)
                else:
                    self._local.used = time.monotonic()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self._drop(conn)
                # A keep-alive connection the server closed fails on first use; whether the request
                # arrived is unknown, so only one that is safe twice goes again, once.
                if reused and attempt == 1 and resendable:
                    continue
                raise BatonConnectionError(f"{method} {target}: {e}") from e
            except (OSError, http.client.HTTPException) as e:
                self._drop(conn)
                raise BatonConnectionError(f"{method} {target}: {e}") from e
        status = response.status
        parsed: Any = None
        if raw:
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
        if status >= 400:
            problem = parsed if isinstance(parsed, dict) else {}
            raise from_problem(status, problem, raw[:500].decode("utf-8", "replace"))
        return status, parsed
