"""One module per printed document: plain data in, PDF bytes out."""
