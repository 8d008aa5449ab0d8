"""Frozen dataclasses that are quick to make.

A frozen dataclass's generated __init__ sets each field through object.__setattr__ (its own
__setattr__ refuses), about four times slower than a plain assignment: the diagram's layout makes
tens of thousands of boxes per build and the linker hundreds of thousands of source locations.
`quick_init` gives such a class an __init__ that fills the instance's __dict__ directly. The
instance is as frozen as before (assigning an attribute still raises FrozenInstanceError), equal,
ordered, hashed and pickled the same way; the class must have no default factories, keyword-only
fields, fields left out of __init__, InitVars, ClassVars, __post_init__ or slots (checked).
"""

from __future__ import annotations

import dataclasses


def quick_init(cls: type) -> type:
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} is not a frozen dataclass without slots or __post_init__")
    fields = dataclasses.fields(cls)  # InitVar and ClassVar pseudo-fields are not among them
    if len(fields) != len(cls.__dataclass_fields__) or any(
            not f.init or f.default_factory is not dataclasses.MISSING or f.kw_only for f in fields):
        raise TypeError(f"quick_init: {cls.__name__} has a field quick_init cannot make")
    defaults = {f"_default_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    signature = ", ".join(f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}"
                          for f in fields)
    body = "".join(f"\n    fields[{f.name!r}] = {f.name}" for f in fields) or "\n    pass"
    source = f"def __init__(self, {signature}):\n    fields = self.__dict__{body}\n"
    namespace: dict = dict(defaults)
    exec(source, namespace)  # noqa: S102 - our own field names, as dataclasses itself does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls
