"""The batch command line's print commands (no Qt: the command line is the other user interface).

`main.py` builds the parser; each module here adds its `print` sub-commands and their runners.
"""
