"""Tests of ``geo.results``: a batch's problems grouped by the file they concern."""

from __future__ import annotations

from geo.model import Document, Failure
from geo.results import BatchResult, DocumentResult, group_problems


def test_problems_are_grouped_by_file_and_how_much_of_it_failed() -> None:
    report = Document("report-7", "Shelling was heard.", source="reports.jsonl")
    batch = BatchResult(
        documents=(DocumentResult(report, (), ()),),
        events=(),
        failures=(
            Failure("notes.pdf", "not a text, table or event file"),
            Failure("reports.jsonl:4", "not JSON"),
            Failure("reports.jsonl[2]", "no text"),
            Failure("report-7", "too long"),
        ),
        notices=(Failure("reports.jsonl", "read as cp1252"),),
    )
    grouped = group_problems(batch, ["notes.pdf", "reports.jsonl"])
    assert [(level, where, [f.message for f in items]) for level, where, items in grouped] == [
        ("error", "notes.pdf", ["not a text, table or event file"]),
        ("warning", "reports.jsonl", ["not JSON", "no text", "too long"]),
        ("info", "reports.jsonl", ["read as cp1252"]),
    ]


def test_a_problem_of_an_unknown_place_stays_under_its_own_name() -> None:
    batch = BatchResult((), (), (Failure("pasted-1a2b", "empty"),))
    assert group_problems(batch, []) == [("error", "pasted-1a2b", [Failure("pasted-1a2b",
                                                                          "empty")])]
