"""Keeping the public search index in step with publication, after the publishing transaction commits.

The portal (spcomms.portal.search) owns the index; without it these hooks do nothing.
"""

from __future__ import annotations

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def _search():
    try:
        from spcomms.portal import search
    except ImportError:
        return None
    return search


def _run(name: str, communication_id: int) -> None:
    search = _search()
    if search is None:
        return
    try:
        getattr(search, name)(communication_id)
    except Exception:  # the index can be rebuilt (`spcomms reindex`); publication itself must not fail
        log.exception("search index %s failed for communication %s", name, communication_id)


def publication_changed(communication_id: int) -> None:
    """Call inside the transaction that published, held, released or added a public reply."""
    transaction.on_commit(lambda: _run("reindex", communication_id))


def publication_withdrawn(communication_id: int) -> None:
    transaction.on_commit(lambda: _run("remove", communication_id))
