"""Renderers: structured ``Document``/``Diff`` objects -> str, one module per format."""
