"""Failed fetches in words a user reading a cron mail understands.

Scrapy and Twisted describe a failure by its exception, which is often empty
(`ResponseDataLossError()`) or a repr of nested failures (`[<twisted.python.failure.Failure
twisted.internet.error.ConnectionLost: ...>]`). The run's reason is built from these
texts, so each kind of failure gets one plain sentence here, with the setting that
decided it where there is one.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from twisted.internet.error import ConnectionDone, ConnectionLost, TimeoutError
from twisted.python.failure import Failure


def describe_failure(failure: Failure, settings: Any = None) -> str:
    """One line saying why the request of `failure` got no usable answer."""
    request = getattr(failure, "request", None)
    meta = request.meta if request is not None else {}
    response = getattr(failure.value, "response", None)
    if response is not None:
        wait = response.headers.get("Retry-After")
        if response.status in (429, 503) and wait:
            # Only reaches here when the wait was too long or the retries ran out.
            return f"HTTP {response.status} (Retry-After: {wait.decode('latin-1')})"
        return f"HTTP {response.status}"
    error = _innermost(failure.value)
    message = str(error).strip()
    if isinstance(error, DownloadTimeoutError | TimeoutError):
        timeout = meta.get("download_timeout") or _setting(settings, "DOWNLOAD_TIMEOUT")
        if not timeout:
            return "timed out"
        return f"no answer within {_number(timeout)} s (DOWNLOAD_TIMEOUT)"
    if isinstance(error, ResponseDataLossError):
        return "the answer was cut short: fewer bytes arrived than its Content-Length"
    if isinstance(error, DownloadCancelledError):
        maxsize = meta.get("download_maxsize") or _setting(settings, "DOWNLOAD_MAXSIZE")
        return f"the answer is larger than DOWNLOAD_MAXSIZE ({maxsize} bytes)"
    if isinstance(error, ConnectionDone):
        return "the site closed the connection without answering"
    if isinstance(error, ConnectionLost):
        return "the connection was reset before the answer was complete"
    if isinstance(error, DownloadConnectionRefusedError):
        return "connection refused"
    if isinstance(error, CannotResolveHostError):
        return "the host name could not be resolved"
    if isinstance(error, IgnoreRequest):
        if "max redirections" in message:
            return "too many redirects (a redirect loop)"
        if "during decompression" in message:
            maxsize = meta.get("download_maxsize") or _setting(settings, "DOWNLOAD_MAXSIZE")
            return (
                f"the answer inflates past DOWNLOAD_MAXSIZE ({maxsize} bytes) when "
                "decompressed (a compression bomb)"
            )
    return message or type(error).__name__


def _innermost(error: BaseException) -> BaseException:
    """The first cause inside Scrapy's DownloadFailedError and Twisted's
    ResponseNeverReceived/ResponseFailed, which only wrap the real failure."""
    for _ in range(6):  # wrappers nest two or three deep; never loop on a cycle
        if isinstance(error, DownloadFailedError) and error.__cause__ is not None:
            error = error.__cause__
            continue
        reasons = getattr(error, "reasons", None)
        if not reasons:
            return error
        first = reasons[0]
        error = first.value if isinstance(first, Failure) else first
    return error


def _setting(settings: Any, name: str) -> Any:
    return settings.get(name) if settings is not None else None


def _number(value: Any) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)
