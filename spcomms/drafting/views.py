"""The drafting desk: staff write a case once, put addressees into groups, generate and check every letter.

Views only read and validate; every write goes through an action of `drafting.actions`.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from spcomms.cases import access
from spcomms.cases.lifecycle import StaleVersion, editable, locked_message, takes_follow_ups
from spcomms.cases.models import Case, CaseAddressee, Communication
from spcomms.drafting import forms, history, library, placeholders
from spcomms.drafting.actions import (
    AddAddressees,
    CaseFields,
    ChangeMembership,
    DraftText,
    GenerateLetters,
    GenerationError,
    RemoveAddressee,
    SaveCase,
    SaveDraft,
    SaveGroup,
    check_group_unsent,
    check_member_unsent,
    problems,
)
from spcomms.drafting.models import AddresseeGroup, Draft, GroupMembership, QuestionSet
from spcomms.drafting.render.formats import FORMATS, render_as
from spcomms.drafting.render.html import render_html
from spcomms.drafting.steps import desk_next_step
from spcomms.lib.letter import Letter
from spcomms.lib.refusal import Refused


def desk(permission: str):
    """Logged-in staff with `permission`; others get the login page or the refused page (403), which names the
    roles that have the permission."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise Refused("you do not have permission for this page of the drafting desk", [permission])
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorator


def _fail(form, error: ValidationError) -> None:
    """Show an action's refusal on the form (field errors where the action names a field)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _refuse_if_locked(request, case: Case, *, follow_up: bool = False):
    """A change the case no longer takes (see drafting.actions): say why and show its read-only page instead.

    The actions refuse too; checking here first keeps the user from filling in a form that cannot be saved.
    """
    if takes_follow_ups(case) if follow_up else editable(case):
        return None
    messages.error(request, locked_message(case))
    return redirect("drafting:case", case.pk)


def _refuse(request, case: Case, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect("drafting:case", case.pk)


def _stale_data(post, current: int):
    """The user's submission, carrying the current version: shown back, saved on the next click if they agree."""
    data = post.copy()
    data["version"] = str(current)
    return data


# Cases


@require_safe
@desk("cases.view_case")
def case_list(request):
    cases = access.visible_cases(request.user).prefetch_related("mandates").order_by("-updated_at")
    return render(request, "drafting/desk/case_list.html", {"cases": cases})


def _mandate_rows(data=None, case: Case | None = None, extra: int = 3):
    initial = (
        [{"mandate": cm.mandate, "resolution": cm.resolution} for cm in case.casemandate_set.all()] if case else []
    )
    rows = forms.forms.formset_factory(forms.MandateRow, extra=extra)
    return rows(data, initial=initial, prefix="mandates")


def _signatory_rows(case: Case, data=None) -> list[forms.SignatoryRow]:
    signed = {s.holder.mandate_id: s for s in case.casesignatory_set.select_related("holder")}
    day = getattr(Draft.objects.filter(case=case).first(), "letter_date", None)
    rows = []
    for cm in case.casemandate_set.select_related("mandate"):
        current = signed.get(cm.mandate_id)
        initial = {"holder": current.holder, "printed_title": current.printed_title} if current else {}
        row = forms.SignatoryRow(data, mandate=cm.mandate, initial=initial, prefix=f"sign-{cm.mandate_id}")
        row.letter_date = day
        row.none_in_office = day is not None and not cm.mandate.holders_in_office(day)
        rows.append(row)
    return rows


def _case_fields(form, mandate_rows, signatory_rows=()) -> CaseFields:
    rows = [r.cleaned_data for r in mandate_rows]  # untouched extra rows have no cleaned data
    mandates = [(row.get("mandate"), row.get("resolution", "").strip()) for row in rows]
    signatories = {
        row.mandate.pk: (row.cleaned_data["holder"], row.cleaned_data["printed_title"])
        for row in signatory_rows
        if row.cleaned_data.get("holder")
    }
    return CaseFields(
        title=form.cleaned_data["title"],
        type=form.cleaned_data["type"],
        mandates=[(m, r) for m, r in mandates if m],
        signatories=signatories,
        letter_date=form.cleaned_data.get("letter_date"),
    )


@desk("cases.add_case")
def case_new(request):
    form = forms.NewCaseForm(request.POST or None, initial={"type": "AL"})
    mandate_rows = _mandate_rows(request.POST or None, extra=8)
    if request.method == "POST" and form.is_valid() and mandate_rows.is_valid():
        fields = _case_fields(form, mandate_rows)
        try:
            case = SaveCase(request.user).execute(fields)
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Case created. Next: write the letter text and add addressees."))
            return redirect("drafting:case", case.pk)
    return render(request, "drafting/desk/case_form.html", {"form": form, "mandate_rows": mandate_rows})


@desk("cases.change_case")
def case_edit(request, pk):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    if refused := _refuse_if_locked(request, case):
        return refused
    data = request.POST or None
    form = forms.CaseForm(data, initial={"title": case.title, "type": case.type, "version": case.version})
    mandate_rows, signatory_rows = _mandate_rows(data, case), _signatory_rows(case, data)
    valid = data and form.is_valid() and mandate_rows.is_valid() and all(r.is_valid() for r in signatory_rows)
    if valid:
        try:
            SaveCase(request.user, case).execute(
                _case_fields(form, mandate_rows, signatory_rows), form.cleaned_data["version"]
            )
        except StaleVersion as stale:
            messages.error(request, _stale_message(stale))
            data = _stale_data(request.POST, stale.current)
            form = forms.CaseForm(data)
            mandate_rows, signatory_rows = _mandate_rows(data, case), _signatory_rows(case, data)
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Case saved."))
            return redirect("drafting:case", case.pk)
    context = {"case": case, "form": form, "mandate_rows": mandate_rows, "signatory_rows": signatory_rows}
    return render(request, "drafting/desk/case_form.html", context)


def _stale_message(stale: StaleVersion) -> str:
    return _(
        "Not saved: someone else saved this case while you were editing (you started from version %(old)s, it is "
        "now at version %(new)s). Your text is shown below; compare it with the saved text, then save again to "
        "replace theirs."
    ) % {"old": stale.expected, "new": stale.current}


@require_safe
@desk("cases.view_case")
def case_detail(request, pk):
    return _case_page(request, pk)


def _unsigned(case: Case, draft: Draft | None) -> list[dict]:
    """Mandates of the case without a signature, with what the registry knows: the desk asks, it never guesses."""
    day = getattr(draft, "letter_date", None)
    signed = set(case.casesignatory_set.values_list("holder__mandate_id", flat=True))
    return [
        {"mandate": m, "day": day, "former": m.holders.order_by("-term_start").first()}
        for m in case.ordered_mandates()
        if m.pk not in signed
    ]


def _case_page(request, pk, refusal=None):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    groups = case.groups.prefetch_related("memberships__case_addressee__addressee").select_related("question_set")
    letters = {c.addressee_id: c for c in case.communications.all()}
    draft = Draft.objects.filter(case=case).first()
    historic = history.is_historic(case)
    found = problems(case) if takes_follow_ups(case) and not historic else []
    context = {
        "case": case,
        "draft": draft,
        "mandates": case.casemandate_set.select_related("mandate"),
        "signatories": case.casesignatory_set.select_related("holder__mandate"),
        "groups": [
            (group, [(m, letters.get(m.case_addressee.addressee_id)) for m in group.memberships.all()])
            for group in groups
        ],
        "loose": case.caseaddressee_set.filter(membership__isnull=True).select_related("addressee"),
        "letters": case.communications.select_related("addressee").order_by("ref_code", "ref_number"),
        "problems": found,
        "refusal": refusal,
        "editable": editable(case) and not historic,
        "follow_up": takes_follow_ups(case) and not historic,
        "locked_message": None if editable(case) or historic else locked_message(case),
        "fixed_groups": _fixed_groups(case),
        "historic": historic,
        "provenance": history.provenance(case) if historic else [],
        "annex_parts": history.annex_parts(draft) if historic else [],
        "unsigned": [] if historic else _unsigned(case, draft),
        "next_step": desk_next_step(case, found, historic),
        "words": placeholders.uses(case) if not historic else [],
        "word_values": placeholders.values_of(case),
    }
    return render(request, "drafting/desk/case_detail.html", context)


def _fixed_groups(case: Case) -> set[int]:
    """Groups holding a letter that has left: the page offers no edit link for them."""
    sent = case.communications.exclude(status=Communication.PREPARED).values_list("addressee_id", flat=True)
    memberships = GroupMembership.objects.filter(group__case=case, case_addressee__addressee_id__in=sent)
    return set(memberships.values_list("group_id", flat=True))


@require_POST
@desk("cases.add_communication")
def generate(request, pk):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    if refused := _refuse_if_locked(request, case, follow_up=True):
        return refused
    try:
        made = GenerateLetters(request.user).execute(case)
    except GenerationError as error:
        return _case_page(request, pk, refusal=error.messages)
    if made:
        messages.success(request, _("%(count)s letter(s) generated.") % {"count": len(made)})
    else:
        messages.info(request, _("Nothing to generate: every letter of this case has been sent."))
    return redirect("drafting:case", case.pk)


# The letter text


def _draft_initial(case: Case, draft: Draft) -> dict:
    initial = {name: getattr(draft, name) for name in forms.DraftForm.TEXT_FIELDS}
    return initial | {
        "press_release": draft.press_release,
        "publication_days": draft.publication_days,
        "version": case.version,
    }


def _draft_forms(case: Case, draft: Draft, data=None):
    form = forms.DraftForm(data, initial=_draft_initial(case, draft))
    notes = forms.FootnoteRows(data, initial=[{"text": t} for t in draft.footnote_texts()], prefix="notes")
    clauses = forms.ClauseRows(
        data,
        initial=[{"clause": dc.clause} for dc in draft.draftclause_set.select_related("clause")] if draft.pk else [],
        prefix="clauses",
    )
    return form, notes, clauses


def _draft_text(form, notes, clauses) -> DraftText:
    data = form.cleaned_data
    return DraftText(
        **{name: data[name] for name in forms.DraftForm.TEXT_FIELDS},
        footnotes=[row.cleaned_data["text"].strip() for row in notes if row.cleaned_data.get("text", "").strip()],
        clauses=[row.cleaned_data["clause"] for row in clauses if row.cleaned_data.get("clause")],
        press_release=data["press_release"],
        publication_days=data["publication_days"],
    )


def _changed_since(draft: Draft, submitted: dict) -> list[tuple[str, str]]:
    """(label, saved text) of the fields whose saved value differs from the user's: what the other person wrote."""
    labels = forms.DraftForm.base_fields
    return [
        (labels[name].label, getattr(draft, name))
        for name in forms.DraftForm.TEXT_FIELDS
        if name != "letter_date" and (getattr(draft, name) or "").strip() != (submitted.get(name) or "").strip()
    ]


@desk("drafting.change_draft")
def draft_edit(request, pk):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    if refused := _refuse_if_locked(request, case):
        return refused
    draft = Draft.objects.filter(case=case).first() or Draft(case=case)  # SaveDraft creates a missing one
    form, notes, clauses = _draft_forms(case, draft, request.POST or None)
    search = request.GET.get("clauses", "").strip() if request.method == "GET" else ""
    if search:  # the clause picker's search, without JavaScript: the rows offer only what matches
        for row in clauses:
            row.narrow(search)
    others_text = []
    if request.method == "POST" and form.is_valid() and notes.is_valid() and clauses.is_valid():
        try:
            SaveDraft(request.user).execute(case, _draft_text(form, notes, clauses), form.cleaned_data["version"])
        except StaleVersion as stale:
            messages.error(request, _stale_message(stale))
            draft.refresh_from_db()
            others_text = _changed_since(draft, form.cleaned_data)
            form, notes, clauses = _draft_forms(case, draft, _stale_data(request.POST, stale.current))
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Letter text saved."))
            return redirect("drafting:case", case.pk)
    context = {
        "case": case,
        "form": form,
        "notes": notes,
        "clauses": clauses,
        "others_text": others_text,
        "clause_search": search,
        "clause_matches": list(library.clauses(search)) if search else [],
    }
    return render(request, "drafting/desk/draft_form.html", context)


# Groups and addressees


@desk("drafting.change_addresseegroup")
def group_edit(request, pk, group_pk=None):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    if refused := _refuse_if_locked(request, case, follow_up=True):
        return refused
    group = get_object_or_404(AddresseeGroup, pk=group_pk, case=case) if group_pk else AddresseeGroup(case=case)
    try:
        check_group_unsent(group)
    except ValidationError as error:
        return _refuse(request, case, error)
    form = forms.GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            SaveGroup(request.user).execute(form.save(commit=False))
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Group saved."))
            return redirect("drafting:case", case.pk)
    context = {"case": case, "group": group, "form": form, "question_sets": _question_sets(case, form)}
    return render(request, "drafting/desk/group_form.html", context)


def _question_sets(case: Case, form) -> list[dict]:
    """Every question set with its full text, placeholders filled with the case's words: the chosen one first."""
    words = placeholders.values_of(case)
    chosen = form["question_set"].value()
    sets = [
        {
            "set": question_set,
            "chosen": str(question_set.pk) == str(chosen),
            "questions": [placeholders.preview(text, words) for text in question_set.texts()],
        }
        for question_set in QuestionSet.objects.order_by("name")
    ]
    return sorted(sets, key=lambda item: not item["chosen"])


@desk("cases.change_case")
def addressee_add(request, pk):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    if refused := _refuse_if_locked(request, case, follow_up=True):
        return refused
    if not case.groups.filter(generates=True).exists():
        messages.info(request, _("First make a group (e.g. 'State concerned'): every addressee belongs to one."))
        return redirect("drafting:group_new", case.pk)
    form = forms.AddresseeForm(request.POST or None, case=case, initial={"group": request.GET.get("group")})
    if request.method == "POST" and form.is_valid():
        try:
            group = form.cleaned_data["group"]
            AddAddressees(request.user).execute(
                case, [form.addressee()], group=group, reference=form.cleaned_data["reference"]
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Addressee added."))
            if "another" in request.POST:
                return redirect(f"{request.path}?group={form.cleaned_data['group'].pk}")
            return redirect("drafting:case", case.pk)
    return render(request, "drafting/desk/addressee_form.html", {"case": case, "form": form})


@desk("cases.change_case")
def membership_edit(request, pk, member_pk):
    case = get_object_or_404(access.visible_cases(request.user), pk=pk)
    if refused := _refuse_if_locked(request, case, follow_up=True):
        return refused
    member = get_object_or_404(CaseAddressee, pk=member_pk, case=case)
    try:
        check_member_unsent(member)
    except ValidationError as error:
        return _refuse(request, case, error)
    membership = GroupMembership.objects.filter(case_addressee=member).first()
    initial = {
        "group": membership.group if membership else None,
        "reference": membership.reference if membership else "",
    }
    form = forms.MembershipForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and "remove" in request.POST:
        try:
            RemoveAddressee(request.user).execute(member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s removed from the case.") % {"name": member.addressee})
        return redirect("drafting:case", case.pk)
    if request.method == "POST" and form.is_valid():
        if membership is None:
            membership = GroupMembership(case_addressee=member, group=form.cleaned_data["group"])
        try:
            ChangeMembership(request.user).execute(
                membership, form.cleaned_data["group"], form.cleaned_data["reference"]
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("drafting:case", case.pk)
    context = {"case": case, "member": member, "form": form}
    return render(request, "drafting/desk/membership_form.html", context)


# Letters


def _communication(request, pk, comm_pk) -> tuple[Communication, Letter]:
    letters = access.visible_letters(request.user).select_related("case", "addressee")
    comm = get_object_or_404(letters, pk=comm_pk, case_id=pk)
    if not comm.letter:
        raise Http404("this communication has no generated letter")
    return comm, Letter.from_dict(comm.letter)


@require_safe
@desk("cases.view_communication")
def letter_preview(request, pk, comm_pk):
    comm, letter = _communication(request, pk, comm_pk)
    siblings = comm.case.communications.filter(letter__isnull=False).exclude(pk=comm.pk)
    context = {
        "case": comm.case,
        "comm": comm,
        "letter_html": render_html(letter),
        "formats": list(FORMATS),
        "siblings": siblings.order_by("ref_code", "ref_number"),
    }
    return render(request, "drafting/desk/letter_preview.html", context)


@require_safe
@desk("cases.view_communication")
def letter_download(request, pk, comm_pk, fmt):
    if fmt not in FORMATS:
        raise Http404("unknown format")
    _comm, letter = _communication(request, pk, comm_pk)
    rendered = render_as(letter, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
