"""The public side: the form in steps at /submit/ (or all on one page at /submit/all/) and the follow-up by receipt
code at /submit/status/.

No JavaScript. Every POST of a step saves what was typed, valid or not, and the files that passed their checks,
in the visitor's draft (sealed); the draft's key lives only in the session. No page is cached by browsers or
proxies; only the empty one-page form (nothing typed in it) is kept rendered in memory.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from spcomms.intake import forms as intake_forms
from spcomms.intake import keys, records
from spcomms.intake import mandates as mandate_text
from spcomms.intake.actions import (
    PUBLIC,
    AnswerThroughReceipt,
    SaveDraftStep,
    SaveWholeForm,
    SubmitDraft,
    draft_files,
    draft_values,
    receipt_actor,
)
from spcomms.intake.models import IntakeDraft, Submission
from spcomms.lib import clock, receipts
from spcomms.workflow import throttle
from spcomms.workflow.auth import client_ip
from spcomms.workflow.uploads import check_file, read_limited

HOUR = dt.timedelta(hours=1)
logger = logging.getLogger(__name__)
DRAFT_KEY, STATUS_KEY = "intake_draft", "intake_status"
STEPS, NAMES = intake_forms.STEPS, intake_forms.STEP_NAMES


def _limited(request):
    return render(request, "intake/limited.html", status=429)


def _current_draft(request) -> IntakeDraft | None:
    key = request.session.get(DRAFT_KEY)
    return IntakeDraft.objects.filter(key=key).first() if key else None


def _form_kwargs(form_class, saved: dict) -> dict:
    if form_class is intake_forms.DetailsForm:
        return {"submitter_kind": (saved.get("1") or {}).get("submitter_kind", "")}
    return {}


def _typed(form, post) -> dict:
    """What the visitor typed in this step, as typed (kept even when it does not validate)."""
    values = {}
    for name, field in form.fields.items():
        if name in ("website", "files"):
            continue
        if isinstance(field, intake_forms.forms.MultipleChoiceField):
            values[name] = post.getlist(name)
        else:
            values[name] = post.get(name, "")
    return values


def checked_uploads(uploaded) -> tuple[list, list[str]]:
    """Files that pass the size and content checks, and a message for each that does not."""
    accepted, problems = [], []
    for upload in uploaded:
        try:
            accepted.append(check_file(upload.name, read_limited(upload, settings.INTAKE_MAX_FILE_BYTES)))
        except ValidationError as exc:
            problems.append(f"{upload.name}: {' '.join(exc.messages)}")
    return accepted, problems


def _save(draft, step, values, accepted, remove):
    """Save the step; if the files break a limit, save the text anyway and say why the files were not kept."""
    try:
        return SaveDraftStep(PUBLIC).execute(draft, step, values, accepted, remove), []
    except ValidationError as exc:
        return SaveDraftStep(PUBLIC).execute(draft, step, values, [], remove), list(exc.messages)


def _country_options(form) -> str:
    """The States' <option>s, escaped, the chosen one selected: 200 options through the widget's template per
    option cost more than the rest of the page."""
    if "country" not in form.fields:
        return ""
    chosen = str(form["country"].value() or "")
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            f'<option value="{escape(code)}"{" selected" if str(code) == chosen else ""}>{escape(name)}</option>'
            for code, name in form.fields["country"].choices
        )
    )


def _mandate_choices(form) -> str:
    """The mandates' checkboxes with their descriptions, the chosen ones checked: 80 rows through the template
    language (with the field's value looked up on every row) cost most of a page of step 4."""
    if "mandates" not in form.fields:
        return ""
    chosen = {str(value) for value in (form["mandates"].value() or [])}
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            f'<li><input type="checkbox" name="mandates" value="{pk}" id="mandate-{pk}"'
            f'{" checked" if str(pk) in chosen else ""}> <label for="mandate-{pk}">{escape(title)}</label>'
            f'<span class="mandate-description">{escape(description)}</span></li>'
            for pk, title, description in form.mandate_rows
        )
    )


def _context(request, step, form, draft, **extra):
    saved = draft_values(draft) if draft else {}
    return {
        "country_options": _country_options(form),
        "mandate_choices": _mandate_choices(form),
        "step": step,
        "steps": list(zip(range(1, len(STEPS) + 1), [s.title for s in STEPS], strict=True)),
        "reached": draft.step_reached if draft else 1,
        "form": form,
        "files": draft_files(draft) if draft else [],
        "summary": _summary(saved) if step == len(STEPS) else None,
        "max_bytes": settings.INTAKE_MAX_FILE_BYTES,
        **extra,
    }


def _summary(saved: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the visitor entered, step by step, for the last page."""
    sections = []
    for number, form_class in enumerate(STEPS[:-1], start=1):
        form = form_class(**_form_kwargs(form_class, saved))
        values = saved.get(str(number)) or {}
        rows = []
        for name, field in form.fields.items():
            if name in ("website", "files"):
                continue
            value = values.get(name, "")
            choices = dict(getattr(field, "choices", []) or [])
            if isinstance(value, list):
                value = "; ".join(str(choices.get(v, v)) for v in value)
            elif choices:
                value = str(choices.get(value, value))
            elif isinstance(field, intake_forms.forms.BooleanField):
                value = _("yes") if value else _("no")
            rows.append((str(field.label), value))
        sections.append((str(form_class.title), rows))
    return sections


@never_cache
def start(request):
    return step_page(request, 1)


@never_cache
def step_page(request, step: int):
    if not 1 <= step <= len(STEPS):
        raise Http404
    ip = client_ip(request)
    post_key = f"intake-post:{ip}"
    if throttle.locked_until(post_key):
        return _limited(request)
    draft = _current_draft(request)
    reached = draft.step_reached if draft else 1
    if step > reached + 1 or (draft is None and step > 1):
        return redirect("intake:step", step=min(reached + 1, len(STEPS)) if draft else 1)
    saved = draft_values(draft) if draft else {}
    form_class = STEPS[step - 1]
    kwargs = _form_kwargs(form_class, saved)
    if request.method != "POST":
        form = form_class(initial=saved.get(str(step)) or {}, **kwargs)
        return render(request, "intake/step.html", _context(request, step, form, draft))

    throttle.hit(post_key, settings.INTAKE_POST_RATE, HOUR)
    form = form_class(request.POST, request.FILES, **kwargs)
    if form.bot():
        return render(request, "intake/refused.html", status=400)
    accepted, problems = checked_uploads(request.FILES.getlist("files")) if "files" in form.fields else ([], [])
    draft, limit_problems = _save(draft, step, _typed(form, request.POST), accepted, request.POST.getlist("remove"))
    if request.session.get(DRAFT_KEY) != draft.key:
        request.session[DRAFT_KEY] = draft.key  # only when it changes: every session write is a database write
    problems += limit_problems
    go = request.POST.get("go", "next")
    if go == "back":
        return redirect("intake:step", step=max(step - 1, 1))
    valid = form.is_valid()
    for problem in problems:
        form.add_error("files" if "files" in form.fields else None, problem)
    if go == "save" or not valid or problems:
        saved_note = _("Saved. You can come back to this page in this browser and go on.") if go == "save" else ""
        context = _context(request, step, form, draft, saved_note=saved_note)
        return render(request, "intake/step.html", context, status=200 if go == "save" and valid else 400)
    if step < len(STEPS):
        return redirect("intake:step", step=step + 1)
    return _finish(request, draft, ip)


def _finish(request, draft: IntakeDraft, ip: str):
    saved = draft_values(draft)
    cleaned = {}
    for number, form_class in enumerate(STEPS, start=1):
        form = form_class(data=saved.get(str(number)) or {}, **_form_kwargs(form_class, saved))
        if number == len(STEPS):
            form = form_class(data=request.POST)
        if not form.is_valid():
            return redirect("intake:step", step=number)
        cleaned |= form.cleaned_data
    return _submit(request, draft, ip, cleaned)


def _submit(request, draft: IntakeDraft, ip: str, cleaned: dict):
    submit_key = f"intake-submit:{ip}"
    if throttle.locked_until(submit_key):
        return _limited(request)
    throttle.hit(submit_key, settings.INTAKE_SUBMIT_RATE, HOUR)
    receipt = receipts.issue()  # the slow hash outside the transaction
    submission, code = SubmitDraft(PUBLIC).execute(draft, cleaned, receipt=receipt)
    request.session.pop(DRAFT_KEY, None)
    response = render(
        request, "intake/receipt.html", {"code": receipts.display(code), "source_id": submission.source_id}
    )
    response["Cache-Control"] = "no-store"
    return response


# --- the whole form on one page: two requests instead of ten ------------------------------------------------------


def _page_forms(saved: dict, post=None, uploads=None) -> list:
    kind = post.get("submitter_kind", "") if post is not None else (saved.get("1") or {}).get("submitter_kind", "")
    made = []
    for number, form_class in enumerate(STEPS, start=1):
        kwargs = {"submitter_kind": kind} if form_class is intake_forms.DetailsForm else {}
        if post is None:
            made.append(form_class(initial=saved.get(str(number)) or {}, **kwargs))
        else:
            made.append(form_class(post, uploads, **kwargs))
    return made


def _page(request, page_forms, draft, status=200, **extra):
    events = page_forms[STEPS.index(intake_forms.EventsForm)]
    details = page_forms[STEPS.index(intake_forms.DetailsForm)]
    context = {
        "forms": page_forms,
        "country_options": _country_options(events),
        "mandate_choices": _mandate_choices(details),
        "files": draft_files(draft) if draft else [],
        "max_bytes": settings.INTAKE_MAX_FILE_BYTES,
        **extra,
    }
    return render(request, "intake/one_page.html", context, status=status)


_CSRF_MARK = "csrf-token-of-this-request"
_blank_pages: dict[tuple, str] = {}


def _blank_page(request):
    """The empty one-page form, the first page of most visits: rendered once per language and registry version
    (the mandates and States listed), then only the visitor's CSRF token put in (a full render cost ~30 ms)."""
    rows, states = mandate_text.choices(), tuple(intake_forms.state_choices())
    key = (get_language(), id(rows), states, settings.INTAKE_MAX_FILE_BYTES)
    page = _blank_pages.get(key)
    if page is None:
        page = _page(request, _page_forms({}), None, csrf_token=_CSRF_MARK).content.decode()
        if len(_blank_pages) > 8:
            _blank_pages.clear()  # older registry versions
        _blank_pages[key] = page
    return HttpResponse(page.replace(_CSRF_MARK, get_token(request)))


@never_cache
def one_page(request):
    """Every step's fields in one form. A POST saves all that was typed (valid or not) and the files that pass
    their checks in the visitor's draft, like the steps do, then sends it when everything validates."""
    ip = client_ip(request)
    post_key = f"intake-post:{ip}"
    if throttle.locked_until(post_key):
        return _limited(request)
    draft = _current_draft(request)
    if request.method != "POST":
        return _page(request, _page_forms(draft_values(draft)), draft) if draft else _blank_page(request)
    throttle.hit(post_key, settings.INTAKE_POST_RATE, HOUR)
    page_forms = _page_forms({}, request.POST, request.FILES)
    if page_forms[0].bot():
        return render(request, "intake/refused.html", status=400)
    accepted, problems = checked_uploads(request.FILES.getlist("files"))
    typed = {number: _typed(form, request.POST) for number, form in enumerate(page_forms, start=1)}
    draft, problems = _save_page(draft, typed, accepted, request.POST.getlist("remove"), problems)
    valid = all([form.is_valid() for form in page_forms])  # a list: every form's errors, not just the first
    details = page_forms[STEPS.index(intake_forms.DetailsForm)]
    for problem in problems:
        details.add_error("files", problem)
    go = request.POST.get("go", "next")
    if go == "save" or not valid or problems:
        _keep_draft(request, draft)
        note = _("Saved. You can come back to this page in this browser and go on.") if go == "save" else ""
        failed = not valid or bool(problems)
        return _page(request, page_forms, draft, 400 if failed else 200, saved_note=note, has_errors=failed)
    cleaned = {}
    for form in page_forms:
        cleaned |= form.cleaned_data
    try:
        response = _submit(request, draft, ip, cleaned)
    except (DatabaseError, OSError):
        logger.exception("intake: a submission could not be written; its draft is kept")
        return _not_sent(request, page_forms, draft)
    if response.status_code != 200:
        _keep_draft(request, draft)  # refused (too many submissions): kept for later
    return response


def _keep_draft(request, draft: IntakeDraft) -> None:
    """The draft's key in the visitor's session, only when the page is not sent: a first visit that is sent at
    once needs no session write at all."""
    if request.session.get(DRAFT_KEY) != draft.key:
        request.session[DRAFT_KEY] = draft.key


def _not_sent(request, page_forms, draft):
    """The send failed (the database or the disk): the page again, as typed, to send later. Django neither saves
    the session nor sets its cookie on a 5xx answer, so both are done here: the draft stays reachable."""
    _keep_draft(request, draft)
    request.session.save()
    note = _("The submission could not be sent just now. Everything you typed is saved: please send it again.")
    response = _page(request, page_forms, draft, 503, saved_note=note, has_errors=True)
    response["Retry-After"] = "60"
    response.set_cookie(
        settings.SESSION_COOKIE_NAME,
        request.session.session_key,
        max_age=None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else settings.SESSION_COOKIE_AGE,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        secure=settings.SESSION_COOKIE_SECURE or None,
        httponly=settings.SESSION_COOKIE_HTTPONLY or None,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )
    return response


def _save_page(draft, typed, accepted, remove, problems):
    try:
        return SaveWholeForm(PUBLIC).execute(draft, typed, accepted, remove), problems
    except ValidationError as exc:
        return SaveWholeForm(PUBLIC).execute(draft, typed, [], remove), problems + list(exc.messages)


# --- follow-up by receipt code -------------------------------------------------------------------------------------


def _status_submission(request) -> Submission | None:
    held = request.session.get(STATUS_KEY) or {}
    if not held or held.get("until", 0) < clock.now().timestamp():
        request.session.pop(STATUS_KEY, None)
        return None
    return Submission.objects.filter(pk=held.get("id")).first()


def _open_by_code(request, typed: str):
    """(submission, None) for a right code, else (None, error message or a 429 response)."""
    ip_key = f"intake-lookup-ip:{client_ip(request)}"
    if throttle.locked_until(ip_key):
        return None, _limited(request)
    code = receipts.normalise(typed)
    if code is None:
        throttle.hit(ip_key, settings.INTAKE_LOOKUP_RATE, HOUR)
        return None, _("A receipt code is 16 digits (spaces are allowed).")
    digests = receipts.code_hashes(code)
    code_key = f"intake-code:{digests[0][:40]}"  # the slow hash, never the code, names the counter
    if throttle.locked_until(code_key):
        return None, _limited(request)
    throttle.hit(code_key, settings.INTAKE_CODE_RATE, HOUR)
    found = Submission.objects.filter(receipt_hash__in=digests).first()
    if found is None:
        throttle.hit(ip_key, settings.INTAKE_LOOKUP_RATE, HOUR)
        return None, _("No submission has this receipt code. Check the digits and try again.")
    return found, None


@never_cache
def status(request):
    submission = _status_submission(request)
    if request.method == "POST" and "code" in request.POST:
        form = intake_forms.ReceiptForm(request.POST)
        if form.is_valid():
            found, problem = _open_by_code(request, form.cleaned_data["code"])
            if found is not None:
                request.session.cycle_key()
                until = clock.now().timestamp() + settings.INTAKE_STATUS_MINUTES * 60
                request.session[STATUS_KEY] = {"id": found.pk, "until": until}
                return redirect("intake:status")
            if not isinstance(problem, str):
                return problem
            form.add_error("code", problem)
        return render(request, "intake/status_code.html", {"form": form}, status=400)
    if submission is None:
        return render(request, "intake/status_code.html", {"form": intake_forms.ReceiptForm()})
    if request.method == "POST" and "body" in request.POST:
        response, answer = _answer(request, submission)
        return response or render(request, "intake/status.html", _thread(submission, answer), status=400)
    return render(request, "intake/status.html", _thread(submission, intake_forms.AnswerForm()))


def _answer(request, submission):
    """(redirect, None) once the answer is saved; (None or a refusal, the form with its errors) otherwise."""
    form = intake_forms.AnswerForm(request.POST, request.FILES)
    if (request.POST.get("website") or "").strip():
        return render(request, "intake/refused.html", status=400), form
    post_key = f"intake-post:{client_ip(request)}"
    if throttle.locked_until(post_key):
        return _limited(request), form
    throttle.hit(post_key, settings.INTAKE_POST_RATE, HOUR)
    accepted, problems = checked_uploads(request.FILES.getlist("files"))
    if form.is_valid() and not problems:
        try:
            AnswerThroughReceipt(receipt_actor(submission)).execute(submission, form.cleaned_data["body"], accepted)
            return redirect("intake:status"), form
        except ValidationError as exc:
            problems = list(exc.messages)
    for problem in problems:
        form.add_error("files", problem)
    return None, form


def _thread(submission: Submission, answer) -> dict:
    messages = [
        (m, records.body_of(m), [keys.open_json(a.sealed_name, a.context("name")) for a in m.files.all()])
        for m in submission.messages.all()
    ]
    first_files = [keys.open_json(a.sealed_name, a.context("name")) for a in submission.files.filter(message=None)]
    return {
        "submission": submission,
        "state": _public_state(submission.state),
        "thread": messages,
        "first_files": first_files,
        "answer": answer,
        "open": submission.state in Submission.OPEN,
    }


def _public_state(state: str) -> str:
    return {
        Submission.NEW: _("Received; not yet examined."),
        Submission.INFO_REQUESTED: _("The secretariat has asked you for more information (see below)."),
        Submission.ADMISSIBLE: _("Under examination by the mandates."),
        Submission.NOT_TAKEN_UP: _("Not taken up."),
        Submission.MERGED: _("Joined with another submission about the same situation."),
        Submission.CONVERTED: _("Taken up: the mandates are acting on it."),
    }[state]


@never_cache
def leave(request):
    if request.method == "POST":
        request.session.pop(STATUS_KEY, None)
    return redirect("intake:status")
