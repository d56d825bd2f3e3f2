"""The fields the forms share: dates, kronor and checked uploads."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.uploads import ACCEPT, upload_check


class UploadField(forms.FileField):
    """A PDF or image attachment, checked by content and size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("help_text", _("PDF, PNG or JPEG."))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            return upload_check(file=file)
        return file
