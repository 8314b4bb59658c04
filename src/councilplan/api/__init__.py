"""The REST API, version 1, under /api/v1/: what the pages show, as JSON, for a council's own
systems (Power BI, an open-data portal, a system that pushes figures). It translates only:
permission, selectors and services are the ones the pages use."""
