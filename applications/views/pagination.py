"""Pages of long lists: the work list reads a page's ids first, the decision
queue counts its rows in the same query as the page."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator that is told how many rows there are instead of counting."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


class IdsFirstPaginator(CountedPaginator):
    """Reads the ids of a page first, then only those rows with their joins.

    Page 4 000 of 100 000 rows costs an index scan past 99 975 ids instead of
    joining and annotating every row that is skipped (a deferred join).
    """

    def page(self, number) -> Page:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = list(
            self.object_list.values_list("pk", flat=True)[start : start + self.per_page]
        )
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        # A row deleted between the two queries is left out.
        return Page([rows[pk] for pk in ids if pk in rows], number, self)


def page_with_total(queryset, requested) -> Page:
    """One page of the rows and the number of all rows in one query (COUNT(*)
    OVER ()); a page past the end shows the last one, as Paginator.get_page."""
    try:
        number = max(int(requested), 1)
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(row_total=Window(Count("*")))

    def rows_of(number: int) -> list:
        return list(counted[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])

    rows = rows_of(number)
    if rows or number == 1:
        total = rows[0].row_total if rows else 0
    else:
        total = queryset.count()
        number = max(1, -(-total // PAGE_SIZE))
        rows = rows_of(number)
    return Page(rows, number, CountedPaginator(queryset, PAGE_SIZE, count=total))
