"""Reading `complaints status` output back into cells (the table has no column rules: cut where its header puts
each column)."""

import re


def status_cells(output: str) -> dict[str, list[str]]:
    """The cells of each process's row, by process name, after the name."""
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("process"))
    starts: list[int | None] = [m.start() for m in re.finditer(r"\S+", lines[header])]
    starts.append(None)
    rows = [[line[a:b].strip() for a, b in zip(starts, starts[1:], strict=False)]
            for line in lines[header + 2:] if line.strip() and not line.startswith(" ")]
    return {row[0]: row[1:] for row in rows}
