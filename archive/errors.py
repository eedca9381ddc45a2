"""Errors the archive raises, each with a message that says what to do."""


class ArchiveError(Exception):
    """Something is wrong with the archive file or a request against it."""


class PostingNotFound(ArchiveError):
    """No posting matches the id, `source:source_key` or URL given."""


class DamagedArchive(ArchiveError):
    """The file is damaged (or no SQLite file): nothing may write to it."""


class UnwritableArchive(ArchiveError):
    """The archive is on read-only media or not writable by this user."""


class OutdatedArchive(ArchiveError):
    """The archive's schema is older than this version's; reading it needs an upgrade."""
