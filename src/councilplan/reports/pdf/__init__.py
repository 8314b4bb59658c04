"""The PDF/UA toolkit: the report laid out by Typst in parts and merged into one tagged PDF.

Outside this package, code asks for a PDF only through `report.report_pdf` (and its
`PdfRenderError`); the other modules are this package's own (tests/test_architecture.py).
- report.py: the outline as Typst blocks, cut into parts, each laid out in a child process
  (typst_part.py, with typst/report.typ), then merged;
- merge.py: tagged PDFs joined into one (structure tree, pages, bookmarks by heading level:
  outline.py), their objects copied as bytes with references renumbered (file.py).
typst_part.py imports nothing but Typst, so a part's child process starts fast.
"""
