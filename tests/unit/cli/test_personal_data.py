"""`complaints personal-data reseal` refuses before touching any store when intake's key settings are unusable, and
never repeats them. The pass itself: tests/unit/intake/test_resealing.py and tests/integration/cli."""

import json

from complaints_cli.main import app
from typer.testing import CliRunner

STORE = {"INTAKE_MONGO_URL": "mongodb://127.0.0.1:9", "INTAKE_MONGO_DATABASE": "complaints_intake"}


def test_unusable_key_settings_stop_it_without_repeating_them() -> None:
    for keks in ("not json", json.dumps(["kek-1:c2hvcnQ="]), json.dumps([])):
        result = CliRunner().invoke(app, ["personal-data", "reseal", "--yes"],
                                    env=STORE | {"INTAKE_KEY_ENCRYPTION_KEYS": keks})
        assert result.exit_code == 1 and "Unusable" in result.output, (keks, result.output)
        assert "c2hvcnQ" not in result.output


def test_it_asks_first() -> None:
    result = CliRunner().invoke(app, ["personal-data", "reseal"], input="n\n", env=STORE)
    assert result.exit_code == 1 and "marks the title and the remedy personal" in result.output
