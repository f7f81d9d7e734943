"""Errors that carry a message a clerk can act on.

Every service raises these instead of bare exceptions so the window can show the message
next to the offending field and the command line can print it as is.
"""
from __future__ import annotations


class ValidationError(ValueError):
    """One bad value; `field` names the form field so the UI can put the message beside it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


class FormErrors(ValidationError):
    """Several bad values found in one pass, so the clerk sees all of them at once."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        first_field, first_msg = next(iter(self.errors.items()))
        super().__init__("；".join(self.errors.values()), first_field)


class NotFound(LookupError):
    """A record the caller named does not exist (a stale id or a mistyped name)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
