"""Being split into modules by area; everything is importable from here."""

from applications.selectors.detail import *  # noqa: F403
