"""CPU time of the suite's processes, so a benchmark can say what each complaint costs and who spends it."""

from dataclasses import dataclass, field

import psutil


@dataclass
class CpuMeter:
    """Samples the user + system CPU seconds of named processes (the suite's services, broker and stores)."""

    pids: dict[str, int]
    _processes: dict[str, psutil.Process] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._processes = {name: psutil.Process(pid) for name, pid in self.pids.items()}

    def sample(self) -> dict[str, float]:
        seconds = {}
        for name, process in self._processes.items():
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue  # stopped meanwhile: it spends nothing more
            seconds[name] = times.user + times.system
        return seconds


def spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """CPU seconds each process spent between two samples."""
    return {name: round(after[name] - before.get(name, 0.0), 3) for name in after}


def cost_per_complaint(cpu: dict[str, float], complaints: int, *, cores: int) -> dict[str, object]:
    """Milliseconds of CPU per complaint by process, and the rate the machine's cores allow at that cost."""
    total = sum(cpu.values())
    per = {name: round(seconds * 1000 / max(complaints, 1), 1) for name, seconds in sorted(cpu.items(),
                                                                                          key=lambda kv: -kv[1])}
    ceiling = cores * complaints / total if total else None
    product = sum(seconds for name, seconds in cpu.items() if name not in NOT_THE_PRODUCT)
    return {"ms_per_complaint": per, "total_ms_per_complaint": round(total * 1000 / max(complaints, 1), 1),
            "product_ms_per_complaint": round(product * 1000 / max(complaints, 1), 1),
            "cpu_bound_ceiling_per_s": round(ceiling, 1) if ceiling else None}


NOT_THE_PRODUCT = frozenset({"smtp", "loadgen"})
"""The mail sink and the load generator: measured, but left out of what the product itself costs."""
