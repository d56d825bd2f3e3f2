"""Being split into modules by area; everything is importable from here."""

from applications.views.detail import *  # noqa: F403
