"""Load a YAML data file into a pydantic model; every problem names its line (editable data needs that)."""

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)

Location = tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"line {self.line}, column {self.column}{where}: {self.message}"


class DataFileError(ValueError):
    """A data file that cannot be used, with each problem tied to a line of the file."""

    def __init__(self, *, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(str(problem) for problem in problems))


def _node_marks(node: yaml.Node, path: Location, marks: dict[Location, yaml.Mark],
                duplicates: list[tuple[Location, yaml.Mark]]) -> None:
    marks[path] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                duplicates.append(((*path, key), key_node.start_mark))
            seen.add(key)
            _node_marks(value_node, (*path, key), marks, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_marks(item, (*path, str(index)), marks, duplicates)


def _nearest_mark(marks: dict[Location, yaml.Mark], location: Location) -> yaml.Mark:
    for end in range(len(location), -1, -1):
        if location[:end] in marks:
            return marks[location[:end]]
    return marks[()]


def _problem(mark: yaml.Mark, location: Location, message: str) -> Problem:
    return Problem(line=mark.line + 1, column=mark.column + 1, path=".".join(location), message=message)


def parse_yaml_model(*, text: str, model: type[ModelT], source: str) -> ModelT:
    """Parse YAML text into `model`; raise DataFileError naming the line of every problem."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataFileError(source=source, problems=[Problem(1, 1, "", "the file is empty")])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataFileError(source=source, problems=[Problem(line, column, "", str(error.problem))]) from error
    finally:
        loader.dispose()
    marks: dict[Location, yaml.Mark] = {}
    duplicates: list[tuple[Location, yaml.Mark]] = []
    _node_marks(node, (), marks, duplicates)
    if duplicates:
        raise DataFileError(source=source, problems=[
            _problem(mark, location, f"duplicate key {location[-1]!r}") for location, mark in duplicates])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            location = tuple(str(part) for part in detail["loc"] if part != "[key]")
            problems.append(_problem(_nearest_mark(marks, location), location, detail["msg"]))
        raise DataFileError(source=source, problems=problems) from error


def load_yaml_model(*, path: Path, model: type[ModelT]) -> ModelT:
    """Read a YAML file into `model`; raise DataFileError naming the file, line and problem."""
    return parse_yaml_model(text=path.read_text(encoding="utf-8"), model=model, source=path.name)
