"""Form widgets of the case-handling pages."""

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


class ListSelect(forms.Select):
    """A select whose options are written in one pass in Python.

    Django renders each option through its own template, about 0.1 ms each; the
    work list's filters have about 350 options (the 290 kommuner among them). The
    HTML is the same as Django's Select for flat choices: no option groups.
    """

    template_name = "applications/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        context["widget"]["options"] = self.options_html(context["widget"]["value"])
        return context

    def options_html(self, value: list[str]) -> str:
        chosen = set(value)
        rows = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            selected = key in chosen
            if selected:
                chosen.clear()  # one selected option, as Django's Select
            rows.append((key, SELECTED if selected else "", label))
        return format_html_join("", '\n  <option value="{}"{}>{}</option>\n', rows)
