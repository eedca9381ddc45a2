"""One spider per job source. Each module is named for its site; see spiders/base.py."""
