"""`python -m crawler.cli` runs the jobarchive command line."""

from crawler.cli import main

main()
