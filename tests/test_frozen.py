"""okrsite.frozen.quick_init: a quicker __init__ for frozen dataclasses, nothing else changed."""

import copy
import dataclasses
import pickle

import pytest

from okrsite.frozen import quick_init


@quick_init
@dataclasses.dataclass(frozen=True, order=True)
class Point:
    file: str
    line: int = 1
    column: int = 1


@dataclasses.dataclass(frozen=True, order=True)
class Plain:
    file: str
    line: int = 1
    column: int = 1


def test_fields_and_defaults_as_the_generated_init_makes_them():
    assert Point("a", 2) == Point(file="a", line=2, column=1)
    assert dataclasses.astuple(Point("a", column=3)) == dataclasses.astuple(Plain("a", column=3))
    assert repr(Point("a", 2, 3)) == "Point(file='a', line=2, column=3)"
    with pytest.raises(TypeError):
        Point()  # the field without a default is required, as before
    with pytest.raises(TypeError):
        Point("a", 1, 1, 1)


def test_still_frozen():
    point = Point("a", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.line = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.file


def test_equal_ordered_hashed_pickled_copied_and_replaced_the_same_way():
    point = Point("a", 2, 3)
    assert hash(point) == hash(Point("a", 2, 3)) == hash(("a", 2, 3))
    assert sorted([Point("b"), Point("a", 5), Point("a", 2)]) == [Point("a", 2), Point("a", 5), Point("b")]
    assert pickle.loads(pickle.dumps(point)) == point
    assert pickle.dumps(point) == pickle.dumps(point)
    assert copy.deepcopy(point) == point
    assert dataclasses.replace(point, line=7) == Point("a", 7, 3)


@pytest.mark.parametrize("make", [
    lambda: dataclasses.dataclass(type("Mutable", (), {"__annotations__": {"x": int}})),
    lambda: dataclasses.dataclass(frozen=True, slots=True)(type("Slotted", (), {"__annotations__": {"x": int}})),
    lambda: dataclasses.dataclass(frozen=True)(type("Factory", (), {
        "__annotations__": {"x": list}, "x": dataclasses.field(default_factory=list)})),
    lambda: dataclasses.dataclass(frozen=True)(type("Post", (), {
        "__annotations__": {"x": int}, "__post_init__": lambda self: None})),
    lambda: type("NotADataclass", (), {}),
    lambda: dataclasses.dataclass(frozen=True)(type("WithInitVar", (), {
        "__annotations__": {"x": int, "y": dataclasses.InitVar[int]}})),
    lambda: dataclasses.dataclass(frozen=True)(type("NotInInit", (), {
        "__annotations__": {"x": int}, "x": dataclasses.field(default=1, init=False)})),
])
def test_refuses_what_it_cannot_make_the_same(make):
    with pytest.raises(TypeError):
        quick_init(make())


def test_the_diagram_and_locations_use_it():
    import importlib

    from okrsite.diagnostics import Location

    layout = importlib.import_module("okrsite.diagram.layout")
    for cls in (Location, layout.BarBox, layout.Bar, layout.DiagramInput, Point):
        # dataclasses' own frozen __init__ sets each field with object.__setattr__
        assert "__setattr__" not in cls.__init__.__code__.co_names, cls
    assert "__setattr__" in Plain.__init__.__code__.co_names
    with pytest.raises(dataclasses.FrozenInstanceError):
        Location("a").line = 2
