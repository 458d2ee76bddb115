"""Real meeting-feed samples written by other projects, kept in tests/data/samples with their
licence notes (see the README there)."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
