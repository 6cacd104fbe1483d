"""service room."""
