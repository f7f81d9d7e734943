"""Chinese text on a page: fonts and per-character fallback, ToUnicode, line breaking,
paragraphs and text drawing."""
