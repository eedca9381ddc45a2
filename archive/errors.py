"""Errors the archive raises, each with a message that says what to do."""


class ArchiveError(Exception):
    """Something is wrong with the archive file or a request against it."""


class PostingNotFound(ArchiveError):
    """No posting matches the id, `source:source_key` or URL given."""
