"""The core of travaux: pure functions over frozen dataclasses (see ``model``)."""
