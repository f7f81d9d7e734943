"""The two user interfaces: the window (Qt) and the command line (`ui.cli`, no Qt)."""
