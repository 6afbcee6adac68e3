"""The figures a run produces, the final table and its JSON."""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.load import LoadResult

PASS = "pass"
FAIL = "FAIL"
INFO = "info"
SKIPPED = "skipped"


@dataclass
class Figure:
    name: str
    value: str
    ratio: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    target: str = ""
    outcome: str = INFO  # pass | FAIL | info | skipped
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def skipped(cls, name: str, reason: str, target: str = "") -> Figure:
        return cls(name=name, value="-", target=target, outcome=SKIPPED, note=reason)

    @classmethod
    def from_load(
        cls,
        name: str,
        load: LoadResult,
        ceiling: LoadResult | None,
        *,
        target: str = "",
        min_ratio: float | None = None,
        max_p99_ms: float | None = None,
        extra_checks: list[tuple[bool, str]] | None = None,
        details: dict[str, Any] | None = None,
    ) -> Figure:
        """A throughput figure: its ratio to the ceiling, p50, p99, judged against the targets given."""
        ratio = load.rps / ceiling.rps if ceiling is not None and ceiling.rps > 0 else None
        problems: list[str] = []
        if min_ratio is not None and (ratio is None or ratio < min_ratio):
            problems.append(f"ratio below {min_ratio:.0%}")
        if max_p99_ms is not None and load.p99_ms >= max_p99_ms:
            problems.append(f"p99 not under {max_p99_ms:.0f} ms")
        for ok, problem in extra_checks or []:
            if not ok:
                problems.append(problem)
        if load.socket_errors:
            problems.append(f"{load.socket_errors} socket errors")
        if load.wraps:
            problems.append(f"request pool of {load.pool} ran out {load.wraps} time(s): replays counted")
        judged = min_ratio is not None or max_p99_ms is not None or bool(extra_checks)
        outcome = (FAIL if problems else PASS) if judged else INFO
        return cls(
            name=name,
            value=f"{load.rps:,.0f} req/s",
            ratio=ratio,
            p50_ms=load.p50_ms,
            p99_ms=load.p99_ms,
            target=target,
            outcome=outcome,
            note="; ".join(problems),
            details={
                "load": load.as_dict(),
                "ceiling": ceiling.as_dict() if ceiling is not None else None,
                **(details or {}),
            },
        )


def _cell(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def render_table(figures: list[Figure]) -> str:
    headers = ("figure", "value", "ratio", "p50 ms", "p99 ms", "target", "result")
    rows = [
        (
            f.name,
            f.value,
            _cell(f.ratio, ".1%"),
            _cell(f.p50_ms, ".1f"),
            _cell(f.p99_ms, ".1f"),
            f.target or "-",
            f.outcome if not f.note else f"{f.outcome}: {f.note}",
        )
        for f in figures
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    # The last column holds free text; never pad it.
    widths[-1] = 0

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    out = [line(headers), line(tuple("-" * max(w, 6) for w in widths))]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def write_json(path: Path, figures: list[Figure], options: dict[str, Any], ceilings: dict[int, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "generated_at": datetime.now(UTC).isoformat(),
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
        "options": options,
        "ceilings": {str(c): load for c, load in ceilings.items()},
        "figures": [asdict(f) for f in figures],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")
