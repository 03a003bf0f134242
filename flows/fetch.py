"""Raw bytes of a source: local files, or HTTP with timeouts, redirects and retries on transient errors."""
from __future__ import annotations

import httpx
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from .sources import Source

USER_AGENT = "cnbudget/0.1 (+budget disclosure research; contact via project README)"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_BYTES = 200 * 1024 * 1024


class FetchError(RuntimeError):
    """The source could not be read; the message is the one-line reason."""


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code >= 500 or exc.response.status_code == 429
    return isinstance(exc, (httpx.TransportError,))


@retry(retry=retry_if_exception(_transient), stop=stop_after_attempt(3),
       wait=wait_exponential(multiplier=0.5, max=8), reraise=True)
def _get(client: httpx.Client, url: str) -> bytes:
    resp = client.get(url)
    resp.raise_for_status()
    return resp.content


def read_bytes(src: Source, timeout: httpx.Timeout = TIMEOUT) -> bytes:
    if src.path is not None:
        try:
            return src.path.read_bytes()
        except OSError as exc:
            raise FetchError(exc.strerror or str(exc)) from exc
    try:
        with httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}) as client:
            return _get(client, src.url)
    except httpx.HTTPStatusError as exc:
        raise FetchError(f"HTTP {exc.response.status_code}") from exc
    except httpx.TimeoutException as exc:
        raise FetchError("timed out") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
