"""The rules of docs/architecture.md that a reader cannot see from one file: checked over the whole package.

- model writes happen in actions (`actions.py` or an `actions/` package), migrations and tests only;
- no model signal carries a business effect; no ImportError guard for an installed app;
- nested actions say so (`skip_permission_checks=True`) instead of calling `perform()`;
- time is read through spcomms.lib.clock; spcomms.lib holds no models.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "spcomms"
WRITES = {"save", "create", "update", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}

# (file, call as written, why it is not an action's write). Every entry must still match something.
ALLOWED_WRITES = {
    ("adminsite/base.py", "formset.save"): "save(commit=False) only builds the rows; SaveRecord writes each",
    ("adminsite/cases.py", "obj.save"): "the save SaveRecord performs inside its transaction (a closure it is given)",
    ("audit/log.py", "AuditEvent.objects.create"): "the audit log's own writer, called by Action.audit only",
    ("audit/models.py", "super().save"): "the model's save, refusing changes to an entry",
    ("cases/models.py", "super().save"): "the model's save, deriving the reference code and letter hash",
    ("registry/models.py", "super().save"): "the model's save, deriving the addressee code",
    ("cases/lifecycle.py", "rows.update"): "bump_version's compare-and-swap, called by actions inside theirs",
    ("cases/references.py", "ReferenceCounter.objects.get_or_create"): "reference allocation, inside actions",
    ("cases/references.py", "ReferenceCounter.objects.filter(pk=counter.pk).update"): "reference allocation",
    ("drafting/render/docx.py", "notes.save"): "python-docx writing a document part, not a model",
    ("drafting/render/docx.py", "document.save"): "python-docx writing the document, not a model",
    ("reports/facts.py", "_cached.update"): "a dict of cached statistics, not a model",
    ("reports/render/docx.py", "document.save"): "python-docx writing the report, not a model",
    ("drafting/views.py", "form.save"): "save(commit=False): the form builds the group, SaveGroup writes it",
    ("portal/index.py", "SearchDocument.objects.bulk_create"): "the derived search index, refreshed by actions",
    ("portal/index.py", "SearchMandate.objects.bulk_create"): "the derived search index",
    ("portal/index.py", "SearchState.objects.filter(pk=1).update"): "the index's state token",
    ("portal/index.py", "SearchState.objects.create"): "the index's state token",
    ("portal/index.py", "model.objects.filter"): "the derived search index: deleting a communication's rows",
    ("portal/index.py", "SearchDocument.objects.filter"): "the derived search index: deleting documents",
    ("intake/views/public.py", "request.session.save"): "the session (Django's), saved on a 503 where Django won't",
    ("workflow/roles.py", "chosen.update"): "a set, not a model",
    ("workflow/roles.py", "group_model.objects.get_or_create"): "role groups kept in step by migrate",
    ("workflow/throttle.py", "Throttle.objects.select_for_update().get_or_create"): "failure counters",
    ("workflow/throttle.py", "row.save"): "failure counters of the login and reply-link throttles",
    ("workflow/throttle.py", "Throttle.objects.filter(key=key[:200]).delete"): "failure counters",
    ("workflow/throttle.py", "Throttle.objects.create"): "an attempt counter's row, created on first use",
    ("workflow/throttle.py", "expired.update"): "an attempt counter's window starting again",
    ("workflow/throttle.py", "Throttle.objects.filter(key=key, count__lt=limit).update"): "the atomic attempt count",
    ("workflow/throttle.py", "Throttle.objects.filter(key=key, locked_until__isnull=True).update"): "a lock set",
    ("workflow/throttle.py", "Throttle.objects.filter(key=key[:200], count__gt=0"): "a successful login's refund",
    ("audit/backup.py", "digest.update"): "a hashlib digest, not a model",
    ("workflow/worker.py", "results.update"): "a Counter, not a model",
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if "migrations" not in relative.parts:
            yield relative, ast.parse(path.read_text(), filename=str(path))


def in_actions(relative: Path) -> bool:
    return relative.name == "actions.py" or "actions" in relative.parts[:-1]


def calls(tree, names):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names:
            yield node


def test_model_writes_happen_in_actions():
    found, unexplained = set(), []
    for relative, tree in modules():
        if in_actions(relative):
            continue
        for call in calls(tree, WRITES):
            written = ast.unparse(call.func.value) + "." + call.func.attr
            key = next(
                (k for k in ALLOWED_WRITES if k[0] == relative.as_posix() and written.startswith(k[1])),
                None,
            )
            if key is None:
                unexplained.append(f"{relative}:{call.lineno}: {written}")
            else:
                found.add(key)
    assert unexplained == [], "model writes outside actions (move them into an action, or explain them here)"
    assert set(ALLOWED_WRITES) - found == set(), "allow-list entries that no longer match anything"


SIGNALS = {"post_save", "pre_save", "post_delete", "pre_delete", "m2m_changed"}


def test_no_model_signal_receivers():
    connected = []
    for relative, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in SIGNALS:
                    connected.append(f"{relative}:{node.lineno}: {name}")
    assert connected == []


def test_no_import_error_guards_for_installed_apps():
    guarded = []
    for relative, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                if "ImportError" in ast.unparse(node.type) or "ModuleNotFoundError" in ast.unparse(node.type):
                    guarded.append(f"{relative}:{node.lineno}")
    assert guarded == []


def test_nested_actions_say_so_instead_of_calling_perform():
    bare = [
        f"{relative}:{call.lineno}"
        for relative, tree in modules()
        for call in calls(tree, {"perform"})
        if relative.as_posix() != "audit/actions.py"  # execute() itself
    ]
    assert bare == []


CLOCK_READS = {("timezone", "now"), ("date", "today"), ("datetime", "now"), ("datetime", "today")}


def test_time_is_read_through_the_clock():
    readers = []
    for relative, tree in modules():
        if relative.as_posix() == "lib/clock.py":
            continue
        for call in calls(tree, {"now", "today", "localdate"}):
            owner = ast.unparse(call.func.value).split(".")[-1]
            if (owner, call.func.attr) in CLOCK_READS or (call.func.attr == "localdate" and not call.args):
                readers.append(f"{relative}:{call.lineno}: {ast.unparse(call)}")
    assert readers == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "lib").glob("*.py")), ids=lambda p: p.name)
def test_lib_holds_pure_helpers(path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not {m for m in imported if m.startswith(("django.db", "spcomms.")) and not m.startswith("spcomms.lib")}
