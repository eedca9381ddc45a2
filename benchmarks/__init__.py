"""Crawl, storage and query benchmarks of jobarchive (issue #7); run `python -m benchmarks`."""
