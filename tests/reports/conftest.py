import shutil
import subprocess
from datetime import date

import pytest
from django.db import transaction

from demo.seed import demo_seed
from tests.factories import load_reference_rows

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """seed_demo once per module, rolled back after the module's tests. The
    reference rows are loaded first: a transactional test that ran before may have
    emptied the database (load_reference_rows)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_rows()
        demo_seed(today=TODAY)
        yield
        transaction.set_rollback(True)


def text_of(content: bytes | str) -> str:
    """Page or PDF text with no-break spaces as plain spaces."""
    if isinstance(content, bytes):
        content = content.decode()
    return content.replace("\u00a0", " ")


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (pdftotext, pdfinfo, pdftoppm); return stdout."""
    executable = shutil.which(tool)
    assert executable, f"{tool} (poppler-utils) is not installed"
    result = subprocess.run(  # noqa: S603 - fixed tool, paths made by the test
        [executable, *args], check=True, capture_output=True, text=True
    )
    return result.stdout
