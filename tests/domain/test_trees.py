from councilplan.domain.trees import tree_below, tree_depth_first

# (key, parent) in the order the plan prints them, children after their parents or not.
NODES = [("A", None), ("A1", "A"), ("B", None), ("A2", "A"), ("A1a", "A1"), ("X1", "gone")]


def test_depth_first_keeps_the_given_order_of_children_and_names_each_top():
    walked = tree_depth_first(NODES, key=lambda node: node[0], parent=lambda node: node[1])
    assert [(node[0], top[0]) for node, top in walked] == [
        ("A", "A"),
        ("A1", "A"),
        ("A1a", "A"),
        ("A2", "A"),
        ("B", "B"),
        ("X1", "X1"),  # its parent is not among the nodes: a tree of its own, not lost
    ]


def test_below_is_the_start_and_everything_under_it():
    assert tree_below(NODES, ["A1"]) == {"A1", "A1a"}
    assert tree_below(NODES, ["A", "B"]) == {"A", "A1", "A1a", "A2", "B"}
    assert tree_below(NODES, []) == set()
