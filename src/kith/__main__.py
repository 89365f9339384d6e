"""`python -m kith` runs the command line."""

from kith.cli.entry import main

main()
