"""The seed data, shipped inside the package as ``finder.seeds`` (pyproject maps this folder).

Read it with :func:`seed_file`, never by a path relative to the source tree, so an installed
wheel finds it wherever it runs."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def seed_file(name: str) -> Traversable:
    return files(__name__) / name
