"""``python -m enrich``: hand over to the CLI, then leave without tearing down (enrich.leave)."""

from enrich.cli import main
from enrich.leave import leave

if __name__ == "__main__":
    leave(main())
