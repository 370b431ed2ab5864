"""``python -m sitreps.cli``: the same as the ``sitreps`` command."""

from sitreps.cli import main

main()
