"""Systemic issues: an abnormal rise of complaints about one thing against that thing's own baseline.

Test: for each value of a dimension (category, product…), count the complaints received in the window
[now - window, now) and in the trailing baseline [now - window - baseline, now - window). Under "nothing has
changed" the window count is Poisson with mean λ = baseline count × window / baseline, floored at
`min_expected` so that a thing with no history is not flagged for its first few complaints. The upper-tail
p-value is P(X ≥ observed) = `scipy.stats.poisson.sf(observed - 1, λ)`. The window is abnormal when the
p-value is below `alpha` and at least `min_count` complaints were seen.

Episodes: the first abnormal window of a value opens an episode and yields one `SystemicIssueDetected`; later
abnormal windows extend it silently. The episode ends only once the window is clearly back to normal
(p-value at or above `end_alpha`), so a count hovering at the threshold does not raise the issue again. The
episode state is passed in and returned, for the store to keep.
Supplier is not a dimension yet: no contract carries a supplier. Any attribute in `kpis.DIMENSIONS` works.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import NAMESPACE_URL, uuid5

from complaint_contracts.analytics import SystemicIssueDetected
from pydantic import BaseModel, ConfigDict, Field
from scipy.stats import poisson

from .facts import ComplaintFact
from .ids import issue_id
from .kpis import DIMENSIONS


class DetectionSettings(BaseModel):
    model_config = ConfigDict(frozen=True)
    window: timedelta = Field(default=timedelta(days=1), description="Span whose count is tested")
    baseline: timedelta = Field(default=timedelta(days=28), description="Trailing span that sets the rate")
    alpha: float = Field(default=0.001, gt=0, lt=1, description="p-value below which a window is abnormal")
    end_alpha: float = Field(default=0.05, gt=0, lt=1, description="p-value at or above which an episode ends")
    min_count: int = Field(default=5, ge=1, description="Fewest complaints in the window to raise an issue")
    min_expected: float = Field(default=0.5, gt=0, description="Floor of the expected window count")
    dimensions: tuple[str, ...] = ("category", "product")


DEFAULT_SETTINGS = DetectionSettings()


class Episode(BaseModel):
    issue_id: str
    dimension: str
    value: str
    started_at: datetime
    complaint_ids: list[str]


class SystemicState(BaseModel):
    """Open episodes by `dimension=value`."""

    episodes: dict[str, Episode] = Field(default_factory=dict)


class WindowTest(BaseModel):
    observed: int
    expected: float
    p_value: float


def poisson_upper_tail(*, observed: int, baseline_count: int, window: timedelta, baseline: timedelta,
                       min_expected: float) -> WindowTest:
    """Test a window count against the Poisson rate of its trailing baseline."""
    expected = max(baseline_count * (window / baseline), min_expected)
    return WindowTest(observed=observed, expected=expected, p_value=float(poisson.sf(observed - 1, expected)))


def _describe(settings: DetectionSettings) -> str:
    return (f"Poisson upper tail of the {settings.window} window against the trailing {settings.baseline} rate: "
            f"p < {settings.alpha} with at least {settings.min_count} complaints")


Counts = tuple[dict[tuple[str, str], list[str]], dict[tuple[str, str], int]]


def _count(facts: Iterable[ComplaintFact], now: datetime, settings: DetectionSettings) -> Counts:
    window_start = now - settings.window
    baseline_start = window_start - settings.baseline
    in_window: dict[tuple[str, str], list[str]] = defaultdict(list)
    in_baseline: dict[tuple[str, str], int] = defaultdict(int)
    for fact in facts:
        received = fact.received_at
        if received is None or not baseline_start <= received < now:
            continue
        for dimension in settings.dimensions:
            value = DIMENSIONS[dimension](fact)
            if value is None:
                continue
            if received >= window_start:
                in_window[(dimension, str(value))].append(fact.complaint_id)
            else:
                in_baseline[(dimension, str(value))] += 1
    return in_window, in_baseline


def detect_systemic_issues(*, facts: Iterable[ComplaintFact], now: datetime, state: SystemicState,
                           settings: DetectionSettings = DEFAULT_SETTINGS
                           ) -> tuple[list[SystemicIssueDetected], SystemicState]:
    """Test every dimension value; return the issues newly detected and the new episode state."""
    window_start = now - settings.window
    in_window, in_baseline = _count(facts, now, settings)
    episodes = dict(state.episodes)
    detected: list[SystemicIssueDetected] = []
    keys = set(in_window) | {(e.dimension, e.value) for e in episodes.values()}
    for dimension, value in sorted(keys):
        key = f"{dimension}={value}"
        ids = sorted(in_window.get((dimension, value), []))
        test = poisson_upper_tail(observed=len(ids), baseline_count=in_baseline.get((dimension, value), 0),
                                  window=settings.window, baseline=settings.baseline,
                                  min_expected=settings.min_expected)
        abnormal = test.p_value < settings.alpha and len(ids) >= settings.min_count
        episode = episodes.get(key)
        if episode is not None:
            if test.p_value >= settings.end_alpha:
                del episodes[key]
            elif abnormal:
                episodes[key] = episode.model_copy(update={"complaint_ids": sorted({*episode.complaint_ids, *ids})})
            continue
        if not abnormal:
            continue
        episode = Episode(issue_id=issue_id(dimension=dimension, value=value, started_at=window_start),
                          dimension=dimension, value=value, started_at=window_start, complaint_ids=ids)
        episodes[key] = episode
        detected.append(SystemicIssueDetected(
            id=uuid5(NAMESPACE_URL, f"/systemic-issue-events/{episode.issue_id}"), time=now,
            issue_id=episode.issue_id, dimension=dimension, value=value, window_start=window_start, window_end=now,
            observed=test.observed, expected=test.expected, test=_describe(settings), p_value=test.p_value,
            complaint_ids=ids))
    return detected, SystemicState(episodes=episodes)
