"""The report's renderers, one module per format: html.py, word.py (with docx_tools.py, and
cover.py for the covering report to Cabinet), excel.py; charts.py draws the charts all of
them (and the PDF) print. The PDF has its own package, reports/pdf/."""
