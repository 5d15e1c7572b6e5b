"""mturk importer (to be written)."""

from __future__ import annotations

LAYOUTS = []
