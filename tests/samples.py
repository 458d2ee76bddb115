"""Where the real meeting-feed samples from other projects live: ../shared/samples beside
the repository (as on developers' machines and in CI), or FINDER_SAMPLES."""

import os
from pathlib import Path

SAMPLES = Path(os.environ.get(
    "FINDER_SAMPLES", Path(__file__).resolve().parents[2] / "shared" / "samples"))
