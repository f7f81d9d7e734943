"""Settings kept in the database (so they travel with backups) and the shape of each group."""
