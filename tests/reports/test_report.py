"""The report of a session, built from the published register: windows, the WGAD/WGEID rule, held letters, and
every figure against a query written here."""

import datetime as dt

from django.db.models import Count

from spcomms.cases.models import Communication, Reply
from spcomms.registry.models import Mandate, MandateHolder
from spcomms.reports.report import build_report
from tests import factories

from .conftest import MINORITIES, WGAD, WGEID, letter, publish, reply


def _references(report):
    return [row["reference"] for row in report["communications"]]


def test_the_march_2021_case_is_in_the_48th_report_with_its_replies(march_case):
    report = build_report(48)
    assert report["symbol"] == "A/HRC/48/3"
    assert _references(report) == ["AL OTH 78/2021", "AL OTH 135/2021", "AL OTH 167/2021"]  # by addressee name
    by_reference = {row["reference"]: row for row in report["communications"]}
    assert by_reference["AL OTH 135/2021"]["reply_received"] == "2021-05-07"
    assert by_reference["AL OTH 78/2021"]["reply_received"] == "2021-04-27"
    assert by_reference["AL OTH 167/2021"]["reply_received"] == ""
    assert all(row["type"] == "JAL" and len(row["mandates"]) == 7 for row in report["communications"])
    # Replies received 1 May – 31 July: MinebeaMitsumi's of 7 May; CRRC's of 27 April went to the 47th report.
    assert [(r["reference"], r["received_on"]) for r in report["replies"]] == [("AL OTH 135/2021", "2021-05-07")]
    assert [(r["reference"], r["received_on"]) for r in build_report(47)["replies"]] == [
        ("AL OTH 78/2021", "2021-04-27")
    ]
    assert len(report["mandates"]) == 7


def test_every_figure_matches_an_independent_query(march_case):
    china = factories.state("CHN")
    other = factories.case(title="Minorities", addressees=[china])
    letter(other, china, "AL CHN 3/2021", dt.date(2021, 4, 2))
    report = build_report(48)
    window = Communication.objects.filter(
        date__range=(dt.date(2021, 3, 1), dt.date(2021, 5, 31)), published_at__isnull=False, on_hold=False
    )
    f = report["figures"]
    assert f["communications"] == window.count() == 4
    joint = window.annotate(m=Count("case__casemandate")).filter(m__gt=1).count()
    assert f["joint"] == joint == 3
    assert f["by_type"]["JAL"] == 3 and f["by_type"]["AL"] == 1
    assert f["by_kind"] == {
        "state": window.filter(addressee__kind="state").count(),
        "company": window.filter(addressee__kind="company").count(),
        "other": 0,
    }
    assert f["states_addressed"] == window.filter(addressee__kind="state").values("addressee").distinct().count()
    assert f["member_share"] == round(1 / 193, 3)
    assert (
        f["non_state_actors_addressed"]
        == window.exclude(addressee__kind="state").values("addressee").distinct().count()
    )
    replies = Reply.objects.filter(
        received_on__range=(dt.date(2021, 5, 1), dt.date(2021, 7, 31)), confidential=False,
        communication__published_at__isnull=False,
    )  # fmt: skip
    assert f["replies_received"] == replies.count() == 1


def test_a_letter_of_31_may_is_in_the_48th_report_and_one_of_1_june_in_the_49th(db):
    china = factories.state("CHN")
    case = factories.case(addressees=[china])
    letter(case, china, "AL CHN 1/2021", dt.date(2021, 5, 31))
    letter(case, china, "AL CHN 2/2021", dt.date(2021, 6, 1))
    assert _references(build_report(48)) == ["AL CHN 1/2021"]
    assert _references(build_report(49)) == ["AL CHN 2/2021"]


def test_a_letter_of_29_february_is_in_the_june_report(db):
    brazil = factories.state("BRA")
    case = factories.case(addressees=[brazil])
    letter(case, brazil, "UA BRA 1/2024", dt.date(2024, 2, 29))
    assert _references(build_report(56)) == ["UA BRA 1/2024"]
    assert build_report(56)["windows"]["sent_to"] == "2024-02-29"


def test_a_reply_on_the_last_day_of_the_window_counts_and_one_a_day_later_does_not(db):
    brazil = factories.state("BRA")
    case = factories.case(addressees=[brazil])
    comm = letter(case, brazil, "AL BRA 1/2021", dt.date(2021, 3, 20))
    reply(comm, dt.date(2021, 7, 31))
    reply(comm, dt.date(2021, 8, 1), text="A second reply.")
    assert [r["received_on"] for r in build_report(48)["replies"]] == ["2021-07-31"]
    assert [r["received_on"] for r in build_report(49)["replies"]] == ["2021-08-01"]


def test_a_reply_to_a_letter_of_an_earlier_period_is_listed_and_marked(db):
    brazil = factories.state("BRA")
    case = factories.case(addressees=[brazil])
    old = letter(case, brazil, "AL BRA 9/2020", dt.date(2020, 10, 5))
    reply(old, dt.date(2021, 6, 10))
    report = build_report(48)
    assert _references(report) == []  # the letter itself belongs to the 46th session's report
    assert [(r["reference"], r["earlier_period"]) for r in report["replies"]] == [("AL BRA 9/2020", True)]
    assert report["figures"]["replies_to_earlier_periods"] == 1


def test_wgad_and_wgeid_letters_are_reported_only_as_urgent_appeals_or_joint(db):
    china = factories.state("CHN")
    dates = dt.date(2021, 4, 1)
    for title in (WGAD, WGEID):
        mandate = Mandate.objects.get(title=title)
        if not mandate.holders.exists():
            MandateHolder.objects.create(
                mandate=mandate, name=f"Chair of {title}", printed_title=f"Chair of the {title}"
            )
    wgad_al = factories.case(title="WGAD AL", type="AL", mandate_titles=(WGAD,), addressees=[china])
    wgeid_ua = factories.case(title="WGEID UA", type="UA", mandate_titles=(WGEID,), addressees=[china])
    joint_al = factories.case(title="joint", type="AL", mandate_titles=(WGAD, MINORITIES), addressees=[china])
    letter(wgad_al, china, "AL CHN 1/2021", dates)
    letter(wgeid_ua, china, "UA CHN 2/2021", dates)
    letter(joint_al, china, "AL CHN 3/2021", dates)
    assert sorted(_references(build_report(48))) == ["AL CHN 3/2021", "UA CHN 2/2021"]


def test_held_and_unpublished_letters_are_never_in_the_report(db):
    china = factories.state("CHN")
    case = factories.case(addressees=[china])
    held = letter(case, china, "AL CHN 1/2021", dt.date(2021, 4, 1))
    Communication.objects.filter(pk=held.pk).update(on_hold=True, hold_reason="risk of reprisals")
    letter(case, china, "AL CHN 2/2021", dt.date(2021, 4, 2), published=False)
    shown = letter(case, china, "AL CHN 3/2021", dt.date(2021, 4, 3))
    reply(held, dt.date(2021, 5, 5))
    report = build_report(48)
    assert _references(report) == [shown.reference]
    assert report["replies"] == []


def test_a_confidential_reply_is_not_counted(db):
    china = factories.state("CHN")
    case = factories.case(addressees=[china])
    comm = publish(factories.communication(case, china, "AL CHN 4/2021", date=dt.date(2021, 3, 5)))
    reply(comm, dt.date(2021, 5, 5), confidential=True)
    report = build_report(48)
    assert report["replies"] == [] and report["communications"][0]["reply_received"] == ""
