"""The one exception type ingest raises for bad input."""

from __future__ import annotations


class ParseError(ValueError):
    """A letter that cannot be read; the message names the file and what is wrong or missing."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
