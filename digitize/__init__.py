"""digitize: scanned Chinese newspaper pages -> ALTO XML and clean reading-order text."""
__version__ = "0.1.0"
