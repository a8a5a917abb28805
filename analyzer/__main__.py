"""`python -m analyzer` runs the `analyze` command."""

from analyzer.cli import main

main(prog_name="analyze")
