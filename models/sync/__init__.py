"""Data packages (数据包) between village branches and the township: what travels, who owns
what, and how a package is sealed, checked and merged. Identity and versions of rows are kept
by schema step 6's triggers (models.store.sync_tables)."""
