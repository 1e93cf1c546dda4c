"""qnctr: track a Vietnamese provincial action programme and report on it."""

__version__ = "0.1.0"
