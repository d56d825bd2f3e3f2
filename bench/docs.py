"""Writing results into docs/performance.md between named markers, with the
facts of the machine they were measured on."""

import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE_MD = ROOT / "docs" / "performance.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def replace_section(path: Path, name: str, body: str) -> None:
    """Put body between the two markers called name (appending them if absent)."""
    start, end = markers(name)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text and end in text:
        before = text.split(start, 1)[0]
        after = text.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _run(*args: str) -> str:
    exe = shutil.which(args[0])
    if exe is None:
        return ""
    done = subprocess.run(  # noqa: S603 - fixed commands, no input
        [exe, *args[1:]], capture_output=True, text=True, check=False, cwd=ROOT
    )
    return done.stdout.strip()


def machine_facts() -> list[str]:
    """Date, commit, cores, memory, CPU and Python, one line each."""
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = next(
        (line for line in _run("free", "-h").splitlines() if line.startswith("Mem:")),
        "",
    )
    commit = _run("git", "rev-parse", "--short", "HEAD")
    # The results file itself is expected to change between runs.
    changed = _run("git", "status", "--porcelain", "--", ".", ":!docs/performance.md")
    dirty = " (with uncommitted changes)" if changed else ""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; commit {commit}{dirty}",
        f"Machine: `nproc` = {_run('nproc')}; {cpu}; load average at the end {load}",
        f"Memory (`free -h`): `{' '.join(memory.split())}`",
        f"Python {platform.python_version()}",
    ]


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}".replace(",", " ") if value >= 100 else f"{value:.1f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def plain_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*(str(c) for c in row)) for row in rows]
    return "\n".join(out)
