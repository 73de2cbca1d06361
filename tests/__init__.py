"""digitize test suite."""
