"""What happens next on a case, and who must act: the sentence the drafting desk shows above everything else."""

from __future__ import annotations

from dataclasses import dataclass

from spcomms.cases.models import Case, Communication


@dataclass
class NextStep:
    text: str
    who: str  # the role that acts: "secretariat", "mandate holders", or "" when nobody needs to
    on_clearance_page: bool = False  # the step is taken on the clearance page: the desk links to it


def desk_next_step(case: Case, problems: list[str], historic: bool) -> NextStep:
    if historic:
        return NextStep(
            "Nothing to do here: this case is the record of letters sent before they were registered in spcomms. "
            "Replies and publication are on each letter's page.",
            "",
        )
    letters = case.communications.all()
    if case.status == Case.DRAFT:
        if problems:
            return NextStep("Complete the case: fix the problems listed under “Generate the letters”.", "secretariat")
        if not letters.exists():
            return NextStep("Generate the letters: every problem is solved.", "secretariat")
        return NextStep(
            "Check the generated letters, then submit them for clearance on the clearance page.", "secretariat", True
        )
    if case.status == Case.IN_CLEARANCE:
        return NextStep(
            "Each co-signing mandate's holder approves the letters on the clearance page, which names who has not "
            "approved yet. A change made here starts clearance over.",
            "mandate holders",
            True,
        )
    if case.status == Case.APPROVED:
        return NextStep("Every mandate approved: send the letters from the clearance page.", "secretariat", True)
    if case.status in (Case.SENDING, Case.SENT):
        waiting = letters.filter(status=Communication.PREPARED).count()
        if waiting:
            return NextStep(
                f"{waiting} letter(s) have not left yet: the clearance page shows each one's next step "
                "(an e-mail the worker sends, or a dispatch to record by hand).",
                "secretariat",
                True,
            )
        return NextStep("Every letter has left. Record replies on each letter's page as they arrive.", "secretariat")
    return NextStep("The case is closed: nothing more happens.", "")
