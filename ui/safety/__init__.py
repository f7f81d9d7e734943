"""Backups, restore and the audit log in the window."""
