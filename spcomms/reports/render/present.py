"""The report's data turned into what every output prints: sentences, labelled figures, table rows as text."""

from __future__ import annotations

import datetime as dt

from spcomms.lib.sessions import ordinal_words
from spcomms.lib.shares import percent

COMMUNICATION_HEADERS = ("Date", "Type", "Reference", "Addressee", "Mandates", "Summary", "Reply")
REPLY_HEADERS = ("Received", "Reference", "From", "Letter of", "Earlier period")


def day(iso: str) -> str:
    return f"{dt.date.fromisoformat(iso):%-d %B %Y}" if iso else ""


def plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def figure_rows(report: dict) -> list[tuple[str, str]]:
    f = report["figures"]
    by_type, by_kind = f["by_type"], f["by_kind"]
    return [
        ("Communications sent", f"{f['communications']:,}"),
        ("of which joint (signed by two or more mandates)", f"{f['joint']:,} ({percent(f['joint_share'])})"),
        ("Allegation letters (joint / single)", f"{by_type['JAL']:,} / {by_type['AL']:,}"),
        ("Urgent appeals (joint / single)", f"{by_type['JUA']:,} / {by_type['UA']:,}"),
        ("Other letters (joint / single)", f"{by_type['JOL']:,} / {by_type['OL']:,}"),
        ("Letters to States", f"{by_kind['state']:,}"),
        ("Letters to companies", f"{by_kind['company']:,}"),
        ("Letters to other non-State actors", f"{by_kind['other']:,}"),
        ("States addressed", f"{f['states_addressed']:,}"),
        ("UN Member States addressed (share of 193)",
         f"{f['member_states_addressed']:,} ({percent(f['member_share'])})"),
        ("Non-State actors addressed", f"{f['non_state_actors_addressed']:,}"),
        ("Replies received in the reply period", f"{f['replies_received']:,}"),
        ("of which to letters of earlier periods", f"{f['replies_to_earlier_periods']:,}"),
    ]  # fmt: skip


def summary(report: dict) -> str:
    w = report["windows"]
    return (
        f"The present report covers communications sent by special procedures from {day(w['sent_from'])} to "
        f"{day(w['sent_to'])} and replies received from {day(w['replies_from'])} to {day(w['replies_to'])}. "
        "It lists each communication with the mandates that sent it and whether a reply was received, and the "
        "replies received in the period, including replies to communications of earlier periods. The letters and "
        "replies themselves are on the communications reporting website."
    )


def introduction(report: dict) -> str:
    f = report["figures"]
    return (
        f"In the period covered, special procedures sent {f['communications']:,} communications, "
        f"{f['joint']:,} of them joint, to {f['states_addressed']:,} States and "
        f"{f['non_state_actors_addressed']:,} non-State actors; {f['member_states_addressed']:,} of the 193 Member "
        f"States ({percent(f['member_share'])}) received at least one. "
        f"{plural(f['replies_received'], 'reply was', 'replies were')} received in the reply period. "
        "The Working Group on Arbitrary Detention and the Working Group on Enforced "
        "or Involuntary Disappearances report here only their urgent appeals and joint communications; their other "
        "communications are in their own reports to the Council. Communications whose publication is withheld are "
        "not listed."
    )


def communication_cells(row: dict) -> list[str]:
    reply = f"Yes, {day(row['reply_received'])}" if row["reply_received"] else "No"
    return [day(row["date"]), row["type"], row["reference"], row["addressee"], ", ".join(row["mandates"]),
            row["summary"], reply]  # fmt: skip


def reply_cells(row: dict) -> list[str]:
    return [day(row["received_on"]), row["reference"], row["addressee"], day(row["letter_date"]),
            "Yes" if row["earlier_period"] else "No"]  # fmt: skip


def communication_groups(report: dict) -> list[dict]:
    states = [r for r in report["communications"] if r["addressee_kind"] == "States"]
    others = [r for r in report["communications"] if r["addressee_kind"] != "States"]
    return [
        {
            "title": title,
            "rows": [communication_cells(r) for r in rows],
            "linked": [{"cells": communication_cells(r), "url": r["url"]} for r in rows],
        }
        for title, rows in (("A. Communications to States", states), ("B. Communications to other addressees", others))
    ]


def printable(report: dict) -> dict:
    """Everything the PDF, DOCX and HTML print, as strings."""
    return {
        "symbol": report["symbol"],
        "title": report["title"],
        "distribution": report["distribution"],
        "date_printed": day(report["date"]),
        "session_words": f"{ordinal_words(report['session'])} session",
        "session_month": report["session_month"],
        "status": report["status"],
        "summary": summary(report),
        "introduction": introduction(report),
        "figure_rows": figure_rows(report),
        "communications_intro": (
            "Communications are listed by addressee: States first, then other addressees, each in alphabetical "
            "order. JAL, JUA and JOL are joint allegation letters, urgent appeals and other letters."
        ),
        "communication_columns": list(COMMUNICATION_HEADERS),
        "communication_groups": communication_groups(report),
        "replies_intro": "Replies received in the reply period, whatever the period of the letter they answer.",
        "reply_columns": list(REPLY_HEADERS),
        "reply_rows": [reply_cells(r) for r in report["replies"]],
        "mandate_rows": [[m["abbreviation"], m["title"]] for m in report["mandates"]],
    }
