"""``python -m archivist``: the same as the ``archivist`` command."""

from .cli import main

main()
