"""The command line: the program's other user interface, for batch work. Imports no Qt."""
