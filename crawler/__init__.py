"""The Scrapy side of jobarchive: settings, items, extraction, pipelines, middlewares, CLI."""
