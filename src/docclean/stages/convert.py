"""Stage `convert`: not implemented yet (see the registry description)."""

from __future__ import annotations

PASSES = ()
