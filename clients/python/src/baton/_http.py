"""Keep-alive HTTP transport: one ``http.client`` connection per thread, reused across calls."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import urllib.parse
from typing import Any, Mapping, Optional, Tuple

from .errors import BatonConnectionError, from_problem

_USER_AGENT = "baton-client-python/0.1"


class Transport:
    """Sends JSON requests to one server, keeping one open connection per calling thread.

    ``http.client`` connections are not safe to share between threads, so each thread gets its
    own; a connection the server closed while idle is opened again once, transparently.
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
                timeout: Optional[float] = None) -> Tuple[int, Any]:
        """Sends one request and returns ``(status, parsed JSON body or None)``.

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
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self._drop(conn)
                # A keep-alive connection the server closed while idle fails on first use:
                # open a new one and send again, once.
                if reused and attempt == 1:
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
