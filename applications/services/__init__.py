"""Being split into modules by area; everything is importable from here."""

from applications.services.proposals import *  # noqa: F403
