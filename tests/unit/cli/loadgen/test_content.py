from complaint_contracts import ComplaintSubmission
from complaints_cli.loadgen.content import ContentGenerator


def test_the_same_seed_files_the_same_complaints() -> None:
    first, second = ContentGenerator(7), ContentGenerator(7)
    assert [first.details() for _ in range(20)] == [second.details() for _ in range(20)]
    assert ContentGenerator(7).details() != ContentGenerator(8).details()


def test_generated_content_is_a_valid_submission_in_every_language() -> None:
    generator = ContentGenerator(2026)
    languages = set()
    for n in range(300):
        details = generator.details()
        submission = ComplaintSubmission(source="/loadgen", source_system="loadgen", external_reference=f"R-{n}",
                                         **details)
        languages.add(submission.language.value)
    assert languages == {"en", "ru", "be"}
