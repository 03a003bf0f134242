"""Raw bytes of a source: local files, or HTTP with timeouts, redirects, retries with backoff on
transient errors, and conditional GET against the on-disk cache."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import httpx
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from .cache import FetchCache
from .sources import Source

USER_AGENT = "cnbudget/0.1 (budget disclosure research)"
MAX_BYTES = 200 * 1024 * 1024


class FetchError(RuntimeError):
    """The source could not be read; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    unchanged: bool  # the server said 304: same bytes as the cached copy


def timeout() -> httpx.Timeout:
    seconds = float(os.environ.get("CNBUDGET_HTTP_TIMEOUT", "30"))
    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code >= 500 or exc.response.status_code == 429
    return isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.TimeoutException)


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes


@retry(retry=retry_if_exception(_transient), stop=stop_after_attempt(3),
       wait=wait_exponential(multiplier=0.3, max=5), reraise=True)
def _get(client: httpx.Client, url: str, headers: dict[str, str]) -> _Response:
    with client.stream("GET", url, headers=headers) as resp:
        if resp.status_code == 304:
            return _Response(304, resp.headers, b"")
        resp.raise_for_status()
        body = bytearray()
        for chunk in resp.iter_bytes():
            body += chunk
            if len(body) > MAX_BYTES:
                raise FetchError(f"larger than {MAX_BYTES // 2**20} MiB")
        expected = resp.headers.get("content-length")
        if expected is not None and expected.isdigit() and int(expected) != len(body) and \
                not resp.headers.get("content-encoding"):
            raise FetchError(f"truncated body: {len(body)} of {expected} bytes")
        return _Response(resp.status_code, resp.headers, bytes(body))


def read_bytes(src: Source, cache: FetchCache | None = None) -> Fetched:
    if src.path is not None:
        try:
            return Fetched(src.path.read_bytes(), unchanged=False)
        except OSError as exc:
            raise FetchError(exc.strerror or str(exc)) from exc
    cached = cache.lookup(src.url) if cache else None
    headers = {}
    if cached and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    try:
        with httpx.Client(follow_redirects=True, timeout=timeout(), headers={"User-Agent": USER_AGENT}) as client:
            resp = _get(client, src.url, headers)
    except httpx.HTTPStatusError as exc:
        raise FetchError(f"HTTP {exc.response.status_code}") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout().read:g} s") from exc
    except httpx.RemoteProtocolError as exc:
        raise FetchError(f"truncated body ({exc})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    if resp.status == 304 and cached:
        return Fetched(cache.blob(cached.doc_id), unchanged=True)
    data = resp.body
    if cache:
        cache.store(src.url, hashlib.sha256(data).hexdigest(), data, resp.headers.get("etag"),
                    resp.headers.get("last-modified"))
    return Fetched(data, unchanged=False)
