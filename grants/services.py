"""Checks of the writes to grants' reference data that people type."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.text import clean_key_text, key_fold
from grants.models import Organisation


def organisation_name_clean(
    *, name: str, organisation: Organisation | None = None
) -> str:
    """The name as stored; refused if it could run or hide something, or if it
    looks like another organisation's name."""
    try:
        text = clean_key_text(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    key = key_fold(text)
    others = Organisation.objects.values_list("name", flat=True)
    if organisation is not None and organisation.pk is not None:
        others = others.exclude(pk=organisation.pk)
    # A few hundred organisations: compared here, no folded column needed.
    for other in others.iterator():
        if key_fold(other) == key:
            raise ValidationError(
                {
                    "name": _(
                        "%(name)s looks like the existing organisation %(existing)s: "
                        "they differ only in case, spaces or invisible characters."
                    )
                    % {"name": text, "existing": other}
                }
            )
    return text
