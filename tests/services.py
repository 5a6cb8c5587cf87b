"""What a test needs from the machine: a program or a local service.

Outside CI a test whose program or service is missing is skipped, and the reason is printed at the
end of the run. With the CI variable set it fails instead: CI never passes without having run it.
"""

import os
import sys

import pytest

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require(missing_reason, what):
    """Skip (or, in CI, fail) the test when `missing_reason` says what is missing; `what` names the tests."""
    if not missing_reason:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing_reason}: {what} must run in CI.", pytrace=False)
    print(f"\nSkipping {what}: {missing_reason}.", file=sys.stderr)
    pytest.skip(missing_reason)


def redis_missing():
    """Why the Redis at REDIS_URL cannot be used, or None when it answers."""
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception as error:  # any failure means no server to test against
        return f"no Redis server at {REDIS_URL} ({error.__class__.__name__})"
    return None
