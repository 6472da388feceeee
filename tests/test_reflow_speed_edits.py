"""reflow makes its Edits without calling Edit.__init__ (the pass's most common object):
every field must still be set, as the constructor would."""

from __future__ import annotations

import dataclasses

from docclean.changes import Edit
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.reflow import reflow


def test_reflow_sets_every_field_of_an_edit() -> None:
    # The fields reflow sets one by one (update _reflow_document if Edit gains one).
    assert [f.name for f in dataclasses.fields(Edit)] == ["start", "end", "after", "kind", "reason", "detail"]
    text = "课后服务是学校教育的延伸，\n\n是解决人民群众急难愁盼问题的民生工程，\nword-\nsplit and\nLatin\n"
    edits = reflow(text, Context(Options()))
    for edit in edits:
        made = Edit(edit.start, edit.end, edit.after, edit.kind, edit.reason, edit.detail)
        assert edit == made and repr(edit) == repr(made)
    reasons = {e.reason for e in edits}
    assert reasons == {
        "hard wrap",
        "blank line between wrapped lines",
        "Latin word split by a hyphen at the line end",
    }
