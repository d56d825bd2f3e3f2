"""What the tillgänglighetsredogörelse says about how the service was tested.

The statement (templates/accessibility_statement.html, source in
docs/accessibility.md) is written from these facts, and the browser crawl
(tests/e2e/test_crawl.py) tests with the same ones: the window width it checks
reflow at, the axe-core version and the impacts that fail it. A test keeps the
version in step with the installed axe-core.
"""

from datetime import date

# The date of the latest self-assessment, shown as the statement's date.
ASSESSED_ON = date(2026, 12, 7)
# The crawl opens every page at this width (WCAG 1.4.10: 1280 px at 400 % zoom).
REFLOW_WIDTH_PX = 320
# The version of axe-core the crawl runs (bundled with axe-playwright-python).
AXE_CORE_VERSION = "4.12.1"
# axe-core's impacts that fail the crawl; "moderate" and "minor" do not.
FAILING_IMPACTS = ("serious", "critical")
