"""The locust user of bench/loadtest.py: a logged-in person browsing a list and
the detail pages of its rows. Configured only through BENCH_LOAD_PLAN (a JSON
file written by loadtest.py); never run it against anything but 127.0.0.1."""

import json
import os
import random

from locust import FastHttpUser, between, constant, task

with open(os.environ["BENCH_LOAD_PLAN"], encoding="utf-8") as fh:
    PLAN = json.load(fh)

THINK = PLAN["think_seconds"]


class Browser(FastHttpUser):
    wait_time = between(*THINK) if THINK[1] > 0 else constant(0)

    def on_start(self):
        name, value = PLAN["cookie"].split("=", 1)
        self.headers = {"Cookie": f"{name}={value}", **PLAN.get("headers", {})}

    def _get(self, url: str, label: str) -> None:
        with self.client.get(
            url,
            name=label,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(1)
    def browse_list(self):
        self._get(random.choice(PLAN["list_urls"]), "list")  # noqa: S311

    @task(3)
    def open_detail(self):
        self._get(random.choice(PLAN["detail_urls"]), "detail")  # noqa: S311
