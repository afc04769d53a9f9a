"""The replay command: it passes the override on, and a refusal is told on stderr with its own exit code."""

from datetime import UTC, datetime

import pytest
from analytics.domain.replay_coverage import Coverage, PartitionStart
from analytics.entrypoints import replay as command
from analytics.replay import ReplayReport, TopicsTruncated

SHORT = Coverage(short=(PartitionStart("complaints.intake.v1", 4, 812, datetime(2026, 2, 1, tzinfo=UTC)),),
                 oldest_fact_at=datetime(2025, 1, 6, tzinfo=UTC))


@pytest.fixture
def asked(monkeypatch) -> list[bool]:
    """The `accept_truncated` of each replay the command starts; it refuses unless told to accept."""
    monkeypatch.setenv("ANALYTICS_KAFKA_BOOTSTRAP", "127.0.0.1:9")
    monkeypatch.setenv("ANALYTICS_MONGO_URL", "mongodb://127.0.0.1:9")
    calls: list[bool] = []

    async def replay(db, *, bootstrap: str, accept_truncated: bool = False) -> ReplayReport:
        calls.append(accept_truncated)
        if not accept_truncated:
            raise TopicsTruncated(SHORT)
        return ReplayReport(truncated=True, cutoff=SHORT.cutoff, left_out=7)

    monkeypatch.setattr(command, "replay", replay)
    return calls


async def test_truncated_topics_are_refused_with_what_to_do(asked, capsys):
    assert await command.main([]) == command.REFUSED_EXIT_CODE

    out = capsys.readouterr()
    assert out.out == "" and out.err.startswith("Replay refused. The topics no longer reach back to the oldest fact")
    assert "complaints.intake.v1/4 starts at offset 812" in out.err and "--accept-truncated-topics" in out.err
    assert asked == [False]


async def test_the_override_is_passed_on_and_the_report_printed(asked, capsys):
    assert await command.main(["--accept-truncated-topics"]) == 0

    assert asked == [True]
    assert '"left_out": 7' in capsys.readouterr().out
