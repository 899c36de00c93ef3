"""``python -m sync.server``: the same as the ``fieldapp-server`` command.

Threading: runs in the main thread.
"""

import sys

from .cli import main

sys.exit(main())
