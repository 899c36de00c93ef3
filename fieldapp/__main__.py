"""``python -m fieldapp``: the command line (see ``fieldapp.cli``)."""

from fieldapp.cli import main

raise SystemExit(main())
