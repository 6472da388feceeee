"""Errors that reach the user as one clear line."""

from __future__ import annotations


class InputError(Exception):
    """An input could not be read or decoded; the message names the file."""
