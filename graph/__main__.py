"""``python -m graph``: the same as the ``ctkg`` command."""
from graph.cli import main

raise SystemExit(main())
