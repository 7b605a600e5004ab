"""Every action's declared audit entries must be written somewhere in the suite (checked after a full run).

tests/conftest.py records which action wrote which entry during the run; `missing()` lists the declared pairs that
no test produced: a declared entry nobody writes is a wrong declaration or an untested branch.
"""

from __future__ import annotations

import importlib
import pkgutil

import spcomms

SEEN: set[tuple[str, str]] = set()


def action_classes() -> list[type]:
    for module in pkgutil.walk_packages(spcomms.__path__, "spcomms."):
        if ".migrations" not in module.name and not module.name.endswith(("wsgi", "settings_test", "__main__")):
            importlib.import_module(module.name)
    from spcomms.audit.actions import Action

    found, todo = [], list(Action.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def missing() -> list[str]:
    return [
        f"{cls.__module__}.{cls.__qualname__} declares {name!r} but no test made it write one"
        for cls in action_classes()
        if cls.__module__.startswith("spcomms.")
        for name in cls.records
        if (cls.__qualname__, name) not in SEEN
    ]
