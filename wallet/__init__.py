"""credwallet core: headless, never imports Qt, never prints."""

__version__ = "0.1.0"
