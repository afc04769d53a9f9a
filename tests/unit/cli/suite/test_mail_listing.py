import mailbox
import os
from pathlib import Path

from complaints_cli.suite.mail_sink import newest_mails


def deliver(folder: Path, subject: str, at: int) -> None:
    key = mailbox.Maildir(folder).add(f"Subject: {subject}\nTo: someone@example.org\n\nbody\n".encode())
    os.utime(folder / "new" / key, ns=(at, at))  # where a fresh delivery lands


def test_the_newest_mails_are_listed_oldest_first_whichever_folder_holds_them(tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "mail")
    for i, at in enumerate([50, 10, 40, 30, 20]):
        deliver(tmp_path / "mail", f"mail {i} at {at}", at * 10**9)
    # A mail a reader has opened moves to cur/ with flags after its name.
    seen = next(k for k in box.keys() if box.get_message(k)["Subject"] == "mail 2 at 40")
    message = box.get_message(seen)
    message.set_subdir("cur")
    message.set_flags("S")
    box[seen] = message
    os.utime(next((tmp_path / "mail" / "cur").iterdir()), ns=(40 * 10**9, 40 * 10**9))

    listed = [m["Subject"] for m in newest_mails(tmp_path / "mail", 3)]

    assert listed == ["mail 3 at 30", "mail 2 at 40", "mail 0 at 50"]


def test_an_empty_sink_lists_nothing(tmp_path: Path) -> None:
    mailbox.Maildir(tmp_path / "mail")

    assert newest_mails(tmp_path / "mail", 20) == []
