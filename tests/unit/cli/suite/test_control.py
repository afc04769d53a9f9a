"""Requests to the running `complaints up` through `.run/control/`: taken once, answered, timed out when nobody
answers."""

import threading
from pathlib import Path

import pytest
from complaints_cli.suite.control import REQUEST, ControlInbox, ask


def serve_once(inbox: ControlInbox, answer: dict) -> threading.Thread:
    def loop() -> None:
        for _ in range(100):
            for request in inbox.take():
                inbox.reply(request.id, {**answer, "asked": [request.action, request.target]})
                return
            threading.Event().wait(0.05)

    thread = threading.Thread(target=loop)
    thread.start()
    return thread


def test_a_request_is_taken_once_and_its_reply_reaches_the_asker(tmp_path: Path) -> None:
    inbox = ControlInbox(tmp_path)
    server = serve_once(inbox, {"ok": True})

    outcome = ask(tmp_path, action="restart", target="routing", timeout=10)

    server.join()
    assert outcome == {"ok": True, "asked": ["restart", "routing"]}
    assert list(tmp_path.iterdir()) == []  # request and reply both gone


def test_nobody_answering_times_out_and_leaves_no_request_behind(tmp_path: Path) -> None:
    with pytest.raises(TimeoutError, match="no answer from the running suite"):
        ask(tmp_path, action="restart", target="routing", timeout=0.3)
    assert list(tmp_path.glob(f"*{REQUEST}")) == []


def test_requests_left_from_an_earlier_run_are_dropped_and_unreadable_ones_answered(tmp_path: Path) -> None:
    (tmp_path / f"old{REQUEST}").write_text('{"action": "restart", "target": "intake"}')
    inbox = ControlInbox(tmp_path)
    assert list(inbox.take()) == []

    (tmp_path / f"bad{REQUEST}").write_text("{not json")
    assert list(inbox.take()) == []
    assert "unreadable request" in (tmp_path / "bad.reply.json").read_text()


def test_serving_hands_restarts_to_the_supervisor_and_answers_other_actions_itself(tmp_path: Path) -> None:
    inbox = ControlInbox(tmp_path)
    (tmp_path / f"a{REQUEST}").write_text('{"action": "restart", "target": "routing"}')
    (tmp_path / f"b{REQUEST}").write_text('{"action": "explode", "target": "routing"}')
    restarted = []

    inbox.serve(lambda target, done: (restarted.append(target), done({"ok": True})))

    assert restarted == ["routing"]
    assert (tmp_path / "a.reply.json").read_text() == '{"ok": true}'
    assert "unknown action 'explode'" in (tmp_path / "b.reply.json").read_text()
