"""The rows in memory (one `Table` per model), the plan of one application, and
the small helpers the builder shares."""

import base64
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.db import models

from applications import workflow
from applications.models import Status
from bench.data.facts import STOCKHOLM
from bench.data.marks import BENCH_PREFIX


@dataclass
class Table:
    """The rows of one table, built in memory before one bulk insert."""

    model: type[models.Model]
    attnames: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    next_id: int = 1

    def add(self, *values) -> int:
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk


@dataclass
class Staff:
    """The invented users the rows refer to, by role."""

    case_officers: list[int]
    decision_makers: list[int]
    coordinators: list[int]
    readers: list[int]
    auditors: list[int]
    admin: int


@dataclass
class Plan:
    """What happens to one application: its kind, its path and its amounts."""

    kind: str
    year: int
    statuses: list[str]
    outcome: str | None
    completion: str  # "", "answered" or "unanswered"
    rejection_reason: str = ""
    decided_by: int | None = None


def weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


def split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to the weights that add up to total exactly."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    counts = [math.floor(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def round_up(amount: Decimal, step: int) -> Decimal:
    return Decimal(math.ceil(amount / step) * step)


def at_time(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM).astimezone(UTC)


def case_code(n: int) -> str:
    """A pseudonymous code: a fixed permutation of the sequence number, in base 32."""
    scrambled = (n * 0x9E3779B1) % (1 << 35)
    token = base64.b32encode(scrambled.to_bytes(5, "big")).decode()[:7]
    return f"{BENCH_PREFIX}IP-{token}"


def statuses_of(final: str, outcome: str | None, completion: str) -> list[str]:
    """The statuses an application passes through, from received to final: the
    workflow table's path, through a komplettering when there was one and through
    the review before a withdrawal."""
    if final == Status.WITHDRAWN:
        return workflow.status_path(final, via=[Status.IN_REVIEW])
    return workflow.decision_path(final, outcome=outcome, completion=bool(completion))
