"""`complaints keys rewrap` refuses before touching any store: keys kept in Vault, or key-encryption keys it cannot
use (the key material never appears in what it prints). The rewrapping itself: tests/integration/cli."""

import json

from complaints_cli.main import app
from typer.testing import CliRunner

STORE = {"INTAKE_MONGO_URL": "mongodb://127.0.0.1:9", "INTAKE_MONGO_DATABASE": "complaints_intake"}


def test_keys_kept_in_vault_are_not_this_commands_to_rewrap() -> None:
    result = CliRunner().invoke(app, ["keys", "rewrap", "--yes"], env=STORE | {"INTAKE_PERSONAL_DATA_KEYS": "vault"})
    assert result.exit_code == 1 and "Vault" in result.output


def test_unusable_key_encryption_keys_stop_it_without_repeating_them() -> None:
    for keks in ("", "not json", json.dumps("kek-1:c2hvcnQ="), json.dumps(["kek-1:c2hvcnQ="])):
        result = CliRunner().invoke(app, ["keys", "rewrap", "--yes"],
                                    env=STORE | {"INTAKE_KEY_ENCRYPTION_KEYS": keks})
        assert result.exit_code == 1 and "INTAKE_KEY_ENCRYPTION_KEYS" in result.output, (keks, result.output)
        assert "c2hvcnQ" not in result.output
