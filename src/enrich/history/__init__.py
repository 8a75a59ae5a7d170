"""Star history keyed by GitHub's numeric repository id, and the trends computed from it.

Every run appends to ``data/history/<list>.csv`` a row per repository whose
stars or forks changed since its last row, and gives each repository slot a
``trend`` (stars gained in 7 and 30 days). The numeric id survives renames,
so a renamed repository keeps its history. The CSV is committed with the
JSON by the nightly job: it is the only memory of past counts, since GitHub
does not serve star history.
"""

from enrich.history.record import history_path, record_history

__all__ = ["history_path", "record_history"]
