"""GigLens analytics: pure Python (pandas), never imports Streamlit."""

from analytics.errors import ImportFailed, UnknownFormat
from analytics.loader import ImportResult, load_export
from analytics.schema import COLUMNS, INCOME_KINDS, KINDS, STREAMS

__all__ = [
    "COLUMNS",
    "INCOME_KINDS",
    "KINDS",
    "STREAMS",
    "ImportFailed",
    "ImportResult",
    "UnknownFormat",
    "load_export",
]
