"""``python -m enrich`` and the ``enrich`` command: hand over to the CLI, then leave without
tearing down (enrich.leave)."""

from typing import NoReturn

from enrich.cli import main
from enrich.leave import leave


def run() -> NoReturn:
    """The ``enrich`` console script (``[project.scripts]``): as ``python -m enrich``."""
    leave(main())


if __name__ == "__main__":
    run()
