"""Data in and out of the program: Excel/CSV rosters, the audit export; later the
village ↔ township data packages."""
