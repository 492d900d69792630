"""Suite-wide settings."""

from __future__ import annotations

import os

from hypothesis import settings

# Hypothesis fails an example that takes longer than 200 ms by default. On the shared two-core CI machine
# a first example that builds the rule packs, or any example during a load spike, takes longer without
# anything being wrong; speed is measured by benchmarks/, not by tests.
# A profile named in HYPOTHESIS_PROFILE (registered by whoever sets it) is taken instead.
settings.register_profile("safe_reply", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "safe_reply"))
