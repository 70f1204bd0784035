"""Git-backed drafting history (GitPython is used only inside this package)."""
