"""What the suite prints and writes: the machine, the table, bench-results.json, the plot."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    import PySide6
    from PySide6.QtCore import qVersion

    ram = _ram_gb()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(ram, 1) if ram else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "sqlite": sqlite3.sqlite_version,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def machine_line(m: dict[str, Any]) -> str:
    load = m.get("load_average")
    loads = f", load average at start {load[0]:.2f}" if load else ""
    return (
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}; "
        f"Python {m['python']}, Qt {m['qt']} (PySide6 {m['pyside6']}), "
        f"SQLite {m['sqlite']}{loads}"
    )


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    digits = 0 if abs(value) >= 100 else 1
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".strip()


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _met(value: bool | None) -> str:
    return {True: "✓", False: "✗", None: "—"}[value]


def table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table: figure, measure, ours, floor, ratio, goal, met."""
    lines = [
        "| # | measure | ours | floor | ratio | goal | met |",
        "|---|---|---:|---:|---:|---|:-:|",
    ]
    for r in rows:
        name = r["name"] + (f" ({r['note']})" if r.get("note") else "")
        lines.append(
            f"| {r['figure']} | {name} | {_num(r['ours'], r['unit'])} | "
            f"{_num(r['floor'], r['unit'])} | {_ratio(r['ratio'])} | {r['goal']} | "
            f"{_met(r['met'])} |"
        )
    return "\n".join(lines)


def floors(rows: list[dict[str, Any]]) -> str:
    seen: dict[str, str] = {}
    for r in rows:
        seen.setdefault(r["figure"][0], r["floor_is"])
    return "\n".join(f"- floor of {k}: {v}" for k, v in seen.items())


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def plot(path: Path, series: dict[str, Any], title: str) -> str | None:
    """The scaling plot (needs matplotlib, the ``bench`` extra); returns why not, or None."""
    try:
        import matplotlib
    except ImportError:
        return "matplotlib is not installed (pip install -e '.[bench]'): no plot"
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = series["sizes"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    left.plot(sizes, series["open_ms"], "o-", label="annotator: open to first paint")
    left.plot(sizes, series["open_floor_ms"], "s--", label="floor: sqlite3 + setPlainText")
    left.set_title(f"Open the {series['article_mb']:.1f} MB article")
    right.plot(sizes, series["tag_ms"], "o-", label="annotator: median")
    right.plot(sizes, series["tag_p95_ms"], "^:", label="annotator: 95th percentile")
    right.plot(sizes, series["tag_floor_ms"], "s--", label="floor: sqlite3 insert + repaint")
    right.axhline(16, color="grey", linewidth=0.8, linestyle="--", label="goal 16 ms (median)")
    right.set_title("Tag one more span (key → committed, repainted)")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xticks(sizes, [f"{s:,}" for s in sizes])
        ax.minorticks_off()
        ax.set_xlabel("annotations on the article")
        ax.set_ylabel("ms (median of runs)")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return None
