"""The drafting desk's changes of state, each an audited Action (see spcomms.audit.actions).

What a case still takes in each state, locking and optimistic versions are the case lifecycle's
(spcomms.cases.lifecycle); every edit during clearance resets the approvals (`clearance.reset_clearance`).
"""

from spcomms.drafting.actions.addressees import (
    AddAddressees,
    ChangeMembership,
    RemoveAddressee,
    SaveGroup,
    check_group_unsent,
    check_member_unsent,
)
from spcomms.drafting.actions.adopt import AdoptLetter
from spcomms.drafting.actions.clearance import ResetClearance, reset_clearance
from spcomms.drafting.actions.generate import GenerateLetters, GenerationError, problems
from spcomms.drafting.actions.outline import CaseFields, SaveCase, default_signatory
from spcomms.drafting.actions.text import DraftText, SaveDraft, SavePlaceholders

__all__ = [
    "AddAddressees",
    "AdoptLetter",
    "CaseFields",
    "ChangeMembership",
    "DraftText",
    "GenerateLetters",
    "GenerationError",
    "RemoveAddressee",
    "ResetClearance",
    "SaveCase",
    "SaveDraft",
    "SaveGroup",
    "SavePlaceholders",
    "check_group_unsent",
    "check_member_unsent",
    "default_signatory",
    "problems",
    "reset_clearance",
]
