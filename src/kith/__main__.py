"""`python -m kith` runs the command line."""

from kith.cli.main import main

main()
