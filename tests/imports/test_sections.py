"""imports.sections: which sections stay open when another section line is read."""

from councilplan.imports.draft import DraftItem
from councilplan.imports.sections import SectionStack


def _opened(stack: SectionStack, kind: str, title: str) -> DraftItem:
    stack.close_for(kind)
    item = DraftItem(title, "", "", stack.depth, stack.innermost, title, kind=kind)
    stack.open(item)
    return item


def test_a_kind_seen_later_opens_under_one_seen_earlier():
    stack = SectionStack()
    priority = _opened(stack, "priority", "Priority A")
    objective = _opened(stack, "objective", "Objective One")
    assert objective.parent is priority
    assert stack.innermost is objective
    assert stack.depth == 2


def test_a_section_closes_those_of_its_own_kind_and_further_in():
    stack = SectionStack()
    first = _opened(stack, "priority", "Priority A")
    _opened(stack, "objective", "Objective One")
    second = _opened(stack, "priority", "Priority B")
    assert second.parent is None
    assert stack.innermost is second
    assert stack.depth == 1
    assert first is not second


def test_a_kind_seen_earlier_closes_kinds_seen_later_but_not_the_other_way():
    stack = SectionStack()
    workstream = _opened(stack, "workstream", "Housing")
    cell = _opened(stack, "cell", "Recovery Cell")
    objective = _opened(stack, "objective", "Objective One")
    assert [cell.parent, objective.parent] == [workstream, cell]
    again = _opened(stack, "cell", "Economy Cell")
    assert again.parent is workstream


def test_numbered_lines_rank_below_every_named_kind_whenever_they_are_first_seen():
    stack = SectionStack()
    two = _opened(stack, "numbered-1", "2. Renew")
    two_one = _opened(stack, "numbered-2", "2.1 Homes")
    theme = _opened(stack, "theme", "Theme 3")  # seen after the numbers, yet outside them
    assert two_one.parent is two
    assert theme.parent is None
    inside = _opened(stack, "numbered-1", "3. Grow")
    assert inside.parent is theme


def test_the_innermost_section_of_a_kind_is_found_past_others():
    stack = SectionStack()
    group = _opened(stack, "group-priority area", "Homes")
    _opened(stack, "numbered-1", "1. Build")
    assert stack.innermost_of_kind("group-priority area") is group
    assert stack.innermost_of_kind("theme") is None


def test_numbered_levels_are_sections_unless_a_header_names_them():
    stack = SectionStack()
    assert stack.numbered_level("numbered-1") == "Section"
    assert stack.numbered_level("numbered-2") == "Sub-section"
    stack.numbered_levels = ["Mission", "Priority"]
    assert stack.numbered_level("numbered-1") == "Mission"
    assert stack.numbered_level("numbered-2") == "Priority"


def test_an_empty_stack_has_no_innermost_section():
    stack = SectionStack()
    assert stack.innermost is None
    assert stack.depth == 0
    stack.close_for("theme")
    assert stack.depth == 0
