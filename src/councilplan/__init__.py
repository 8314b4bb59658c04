"""councilplan: run a council's plans from import to published report."""

__version__ = "0.1.0"
