"""Being split into modules by area; everything is importable from here."""

from applications.forms.casework import *  # noqa: F403
