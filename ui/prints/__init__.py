"""Printing from the window: preview, print settings per job, background rendering."""
