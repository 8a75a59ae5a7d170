"""``python -m enrich``: hand over to the CLI."""

import sys

from enrich.cli import main

if __name__ == "__main__":
    sys.exit(main())
