"""``python -m graph``: the same as the ``ctkg`` command."""
from .cli import main

raise SystemExit(main())
