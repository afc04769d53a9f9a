"""`complaints triage eval|train|retrain`: measure routing's triage, build the shipped model, learn from staff."""

from pathlib import Path

import typer
from rich.console import Console
from routing.adapters.rules_files import load_rules
from routing.adapters.triage_model import MODEL_DIR, Manifest
from routing.training.corpus import examples_from_export, load_corpus
from routing.training.evaluation import evaluate, failures
from routing.training.pipeline import promote, regressions, train_and_evaluate

from .report import write_docs

app = typer.Typer(help="Routing's triage model: evaluate, train, retrain with staff corrections.",
                  no_args_is_help=True)
console = Console()

MODEL = typer.Option(MODEL_DIR, help="Directory of the model artefact and its manifest")
RELEASE = typer.Option(None, help="Release part of the model version (default: the rules version)")


def _show(missed: list[str]) -> None:
    console.print("[green]every target met[/green]" if not missed else
                  "[red]targets missed:[/red]\n  " + "\n  ".join(missed))


@app.command("eval")
def eval_(markdown: Path = typer.Option(Path("docs/triage.md"), help="Markdown report (results section replaced)"),
          json_report: Path = typer.Option(Path("docs/triage.json"), "--json", help="JSON report"),
          check: bool = typer.Option(False, help="Exit 1 when a target is missed")) -> None:
    """Train on the training split, route the held-out split, write the tables and the JSON report."""
    rule_set = load_rules()
    corpus = load_corpus()
    trained = train_and_evaluate(corpus=corpus, rule_set=rule_set)
    baseline = evaluate([example for example in corpus if example.held_out], rule_set=rule_set, model=None)
    write_docs(trained.report, markdown_path=markdown, json_path=json_report, baseline=baseline)
    console.print(f"wrote {markdown} and {json_report}")
    missed = failures(trained.report)
    _show(missed)
    if check and missed:
        raise typer.Exit(1)


@app.command()
def train(model_dir: Path = MODEL, release: str | None = RELEASE) -> None:
    """Build the shipped model from the corpus' training split and write it with its manifest."""
    trained = train_and_evaluate()
    manifest = promote(trained, directory=model_dir, release=release or trained.report.rules_version)
    console.print(f"model {manifest.version}: {manifest.trained_on} examples, sha256 {manifest.sha256[:12]}…")
    _show(failures(trained.report))


@app.command()
def retrain(corrections: Path = typer.Argument(..., help="Kept corrections: the body of routing's "
                                                         "GET /v1/triage/examples saved to a file"),
            model_dir: Path = MODEL, release: str | None = RELEASE,
            force: bool = typer.Option(False, help="Promote even if a metric gets worse")) -> None:
    """Train on the corpus plus staff corrections; promote the model only if no held-out metric gets worse."""
    kept = examples_from_export(corrections.read_text(encoding="utf-8"), source=corrections.name)
    trained = train_and_evaluate(corrections=kept)
    worse = regressions(candidate=trained.metrics(), in_force=Manifest.read(model_dir).metrics)
    console.print(f"{len(kept)} corrections; trained on {len(trained.training)} examples")
    if worse and not force:
        console.print("[red]not promoted; worse than the model in force:[/red]\n  " + "\n  ".join(worse))
        raise typer.Exit(1)
    manifest = promote(trained, directory=model_dir, release=release or trained.report.rules_version)
    console.print(f"promoted model {manifest.version}; reload routing's rules to put it in force")
