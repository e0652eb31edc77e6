"""``python -m greenmine.spatial FILE [--zone N] [--json]``."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
