"""Sending a finished PDF to a printer: which path each system uses, with no Qt in it.

CUPS (Linux, macOS) takes the PDF as it is; Windows has PDFium draw each page into the
printer's device context; the picture fallback lives in ui.prints.raster_print (it needs Qt).
"""
