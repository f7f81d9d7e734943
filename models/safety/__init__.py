"""Keeping the data: backups and restore, fault messages in Chinese, checks of the file."""
