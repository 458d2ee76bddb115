"""Importing meeting feeds (Meeting Guide JSON, BMLT, TSML CSV) and the demo seed.

Each format's `parse(text, fellowship)` gives records and row errors (ParseResult);
`sync` applies them to the database as one source; `read_source` reads a path or URL.
"""

from finder.importers import bmlt
from finder.importers import meeting_guide
from finder.importers import tsml_csv
from finder.importers.demo import load_demo_data
from finder.importers.demo import remove_demo_data
from finder.importers.records import FeedError
from finder.importers.sources import SourceError
from finder.importers.sources import read_source
from finder.importers.sync import ImportReport
from finder.importers.sync import sync

PARSERS = {
    "meeting-guide": meeting_guide.parse,
    "bmlt": bmlt.parse,
    "csv": tsml_csv.parse,
}
# The fellowship of a format's meetings when neither the command nor the row says.
DEFAULT_FELLOWSHIP = {"bmlt": bmlt.DEFAULT_FELLOWSHIP}

__all__ = [
    "DEFAULT_FELLOWSHIP",
    "FeedError",
    "ImportReport",
    "PARSERS",
    "SourceError",
    "load_demo_data",
    "read_source",
    "remove_demo_data",
    "sync",
]
