"""Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (tests/conftest.py loads the one it names).

- `ci` (the default when the CI variable is set): derandomised, so every run draws the same
  examples and a red run is red again on the next one; no example database.
- `dev` (the default elsewhere): Hypothesis' own random draws, with its example database.
- `deep`: ten times the examples of each test, for a longer local run
  (`HYPOTHESIS_PROFILE=deep make test`).

Each property states its own number of examples through `examples(n)`, which the profile scales.
"""

import os

from hypothesis import settings

DEPTH = {"ci": 1, "dev": 1, "deep": 10}

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")
settings.register_profile("deep")

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
if PROFILE not in DEPTH:
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: choose one of {', '.join(DEPTH)}")
settings.load_profile(PROFILE)


def examples(count):
    """The number of examples a test asks for, scaled by the profile in use."""
    return count * DEPTH[PROFILE]
