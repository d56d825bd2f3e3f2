"""The rule of a handlingsplan's dates: at most six calendar months, and every
insats within the plan's period.

Pure functions on dates, so that the services that refuse a plan and the
selector that shows what is wrong with a saved one read the same rule.
"""

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from grants.inputs import date_in_range, date_range_params

# How long a handlingsplan may run.
PLAN_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (clamped to the month's end)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def action_plan_problems(
    *, starts_on: date, ends_on: date, interventions: Sequence
) -> list[str]:
    """What is wrong with a handlingsplan's dates; an empty list when valid.

    The plan covers at most six calendar months, and every insats lies within it.
    """
    if not (date_in_range(starts_on) and date_in_range(ends_on)):
        return [
            _("The action plan's dates must lie between %(min)s and %(max)s.")
            % date_range_params()
        ]
    problems = []
    last_day = add_months(starts_on, PLAN_MONTHS)
    if ends_on < starts_on:
        problems.append(_("The action plan ends before it starts."))
    elif ends_on > last_day:
        problems.append(
            _("The action plan may cover at most six months (until %(last)s).")
            % {"last": last_day.isoformat()}
        )
    for item in interventions:
        if item.starts_on < starts_on or item.ends_on > ends_on:
            problems.append(
                _("Every intervention must lie within the action plan's period.")
            )
            break
    return problems
