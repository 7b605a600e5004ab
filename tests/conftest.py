import os
from importlib import import_module
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's live_server is fine with that.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Browser fixtures (chromium, browser_page) for every test module.
pytest_plugins = ["tests.browser"]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def load_shipped_data() -> None:
    """The data the migrations ship (registry, clause library, role groups); idempotent."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    from spcomms.workflow.roles import sync_groups

    for module in ("spcomms.registry.migrations.0002_load_registry", "spcomms.drafting.migrations.0003_load_library"):
        import_module(module).load(apps, None)
    sync_groups(Group, Permission)


@pytest.fixture(autouse=True)
def _shipped_data_in_transactional_tests(request):
    """A transactional test starts from a flushed database: give it back what the migrations ship."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        load_shipped_data()


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture(autouse=True, scope="session")
def _record_which_action_writes_which_entry():
    """For tests/audit/actions_seen.py: (action class, audit name) of every entry written during the run."""
    from spcomms.audit.actions import Action
    from tests.audit.actions_seen import SEEN

    original = Action.audit

    def audit(self, action, instance, **kwargs):
        SEEN.add((type(self).__qualname__, action))
        return original(self, action, instance, **kwargs)

    Action.audit = audit
    yield
    Action.audit = original


def pytest_sessionfinish(session, exitstatus):
    """After a whole, green run: fail when an action declares an audit entry that no test made it write."""
    config = session.config
    whole_run = not config.option.keyword and not config.option.markexpr and not config.args[1:]
    ran_everything = (
        whole_run and Path(config.args[0]).resolve() == Path(config.rootpath, "tests") if config.args else whole_run
    )
    if exitstatus != 0 or not ran_everything or session.testscollected < 100:
        return
    from tests.audit.actions_seen import missing

    gaps = missing()
    if gaps:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("\nAudit entries declared but never written by the suite:", red=True)
        for gap in gaps:
            reporter.write_line(f"  {gap}", red=True)
        session.exitstatus = 1
