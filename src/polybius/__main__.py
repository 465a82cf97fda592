"""`python -m polybius` runs the command-line interface."""

from polybius.cli import main

main()
