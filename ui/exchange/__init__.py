"""Roster import and Excel export in the window."""
