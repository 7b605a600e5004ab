"""The due-diligence rubric: UN Guiding Principles 15–22 (companies), 29–31 (grievance), and the State duty;
indicators in the style of KnowTheChain and the Corporate Human Rights Benchmark.

Each indicator is scored 0 (absent), 1 (mentioned) or 2 (described with specifics: scope, figures, dates — or
described over two sentences or more), with the sentences that carry it. A sentence counts when it matches the
indicator's vocabulary and is not a statement that nothing was done; generic legal compliance counts only as a
mention. See docs/reply-assessment.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spcomms.lib.reading import structure
from spcomms.lib.reading.segment import Span


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    pattern: re.Pattern


def _i(code: str, label: str, pattern: str) -> Indicator:
    return Indicator(code, label, re.compile(pattern, re.IGNORECASE))


COMPANY = (
    _i(
        "policy_commitment",
        "Policy commitment",
        r"\b(?:human\s+rights\s+polic\w*|polic(?:y|ies)\s+(?:commitment|statement|on\s+human\s+rights)|code\s+of\s+"
        r"(?:conduct|ethics)|commit(?:s|ted|ment)?\s+(?:the\s+company\s+)?to\s+respect|prohibits?\s+(?:forced|child)"
        r"|approved\s+by\s+(?:our|the)\s+board|zero[-\s]tolerance)",
    ),
    _i(
        "due_diligence",
        "Human-rights due diligence and risk assessment",
        r"\b(?:due\s+diligence|risk\s+assessments?|impact\s+assessments?|salient\s+(?:risks?|issues?)|"
        r"identif\w+\s+(?:and\s+assess\w*\s+)?(?:the\s+)?risks?|risk[-\s]based)",
    ),
    _i(
        "supply_chain_mapping",
        "Supply-chain mapping and traceability beyond tier 1",
        r"\b(?:mapp(?:ed|ing)\s+(?:of\s+)?(?:our\s+)?(?:the\s+)?supply\s+chains?|supply[-\s]chain\s+mapping|"
        r"traceab\w+|trace\s+(?:the\s+)?(?:origin|materials?|cotton|components)|tier\s*[2-9]|tiers?\s+(?:two|three|"
        r"[2-9])|beyond\s+tier|smelter|sub-?suppliers?|raw\s+material\s+(?:origin|sourc\w+)|country\s+of\s+origin)",
    ),
    _i(
        "monitoring",
        "Monitoring, audits and tracking of effectiveness",
        r"\b(?:audit(?:s|ed|ing|ors?)?|monitor(?:s|ed|ing)?|self[-\s]assessments?|effectiveness|"
        r"on[-\s]site\s+(?:visits?|inspections?)|inspections?|key\s+performance\s+indicators?|KPIs?|verif(?:y|ied|ies|"
        r"ication))\b",
    ),
    _i(
        "supplier_requirements",
        "Requirements cascading to suppliers",
        r"\b(?:supplier\s+code\s+of\s+conduct|cascad\w+|contractual\s+(?:clauses?|requirements?|obligations?)|"
        r"(?:require|requires|required|requiring)\s+(?:all\s+)?(?:of\s+)?(?:our\s+|its\s+|their\s+)?suppliers?|"
        r"suppliers?\s+(?:must|shall|are\s+required)|flow[-\s]down)",
    ),
    _i(
        "training",
        "Training of staff and suppliers",
        r"\b(?:train(?:ing|ings|ed)?|awareness[-\s](?:raising|sessions?|programmes?|programs?)|capacity[-\s]building|"
        r"workshops?|e-learning)\b",
    ),
    _i(
        "leverage",
        "Use of leverage, corrective action and responsible disengagement",
        r"\b(?:leverage|corrective\s+action|remediation\s+plans?|suspend\w*\s+(?:new\s+)?(?:orders?|business|"
        r"sourcing)|terminat\w+\s+(?:the\s+)?(?:business\s+)?(?:relationship|contract)|disengag\w+|"
        r"exit\w*\s+(?:the\s+)?(?:relationship|supplier)|(?:reduc\w+|end|stop|cancel\w*|suspend\w*)\s+(?:and\s+"
        r"\w+\s+\w+\s+)?(?:our\s+|new\s+|all\s+|its\s+)?orders|jointly\s+engage|industry\s+(?:initiative|association))",
    ),
    _i(
        "grievance_mechanism",
        "Grievance mechanism open to supplier workers, with their participation",
        r"\b(?:grievance\s+mechanisms?|whistle-?blow\w*|hotlines?|helplines?|complaints?\s+(?:mechanisms?|channels?|"
        r"procedures?)|speak[-\s]up|report\w*\s+anonymously|anonymous(?:ly)?\s+(?:report|channel))",
    ),
    _i(
        "remediation",
        "Remediation",
        r"\b(?:remedi(?:ate|ated|ation|al|es|ed)|remedy|compensat\w+|reimburs\w+|repay\w*|restitution|"
        r"(?:recruitment\s+)?fees?\s+(?:were\s+)?(?:repaid|refunded))\b",
    ),
    _i(
        "reporting_to_authorities",
        "Reporting to authorities",
        r"\b(?:report\w*\s+(?:it\s+|them\s+|this\s+|such\s+\w+\s+)?to\s+(?:the\s+)?(?:competent\s+|relevant\s+|"
        r"national\s+|local\s+)?(?:authorities|police|government|prosecutor|labour\s+inspect\w+)|"
        r"notif\w+\s+(?:the\s+)?(?:competent\s+)?authorities)",
    ),
    _i(
        "stakeholder_engagement",
        "Engagement with civil society and affected people",
        r"\b(?:civil\s+society|non-?governmental\s+organi[sz]ations?|NGOs?|trade\s+unions?|worker\s+representatives?|"
        r"affected\s+(?:people|communities|workers|rights[-\s]holders)|stakeholder\s+(?:engagement|consultations?|"
        r"dialogue)|consult(?:ed|ation|ations)\s+(?:with\s+)?(?:workers|unions|experts))",
    ),
    _i(
        "public_reporting",
        "Public reporting",
        r"\b(?:publish(?:es|ed)?|public(?:ly)?\s+(?:available|report\w*|disclos\w+)|(?:annual|sustainability|"
        r"modern\s+slavery|social\s+responsibility|ESG)\s+reports?|disclos(?:e|es|ed|ure)\s+(?:our\s+)?(?:list|"
        r"suppliers?)|supplier\s+list)",
    ),
)

STATE = (
    _i(
        "national_action_plan",
        "National action plan on business and human rights",
        r"\b(?:national\s+action\s+plan|NAP\b|plan\s+national\s+d'action|plan\s+de\s+acci[oó]n\s+nacional)",
    ),
    _i(
        "due_diligence_legislation",
        "Legislation requiring due diligence",
        r"\b(?:(?:law|act|legislation|bill|decree|regulation|directive)\b[^.]{0,80}\b(?:due\s+diligence|supply\s+"
        r"chains?|forced\s+labou?r|modern\s+slavery|import\s+ban)|(?:due\s+diligence|supply\s+chain)\s+(?:law|act|"
        r"legislation|obligations?)|loi\s+(?:relative\s+)?au\s+devoir\s+de\s+vigilance|mandatory\s+due\s+diligence)",
    ),
    _i(
        "guidance_to_business",
        "Guidance to business",
        r"\b(?:guidance|guidelines?|advis\w+\s+(?:companies|businesses|enterprises)|business\s+advisor\w*|"
        r"help\s?desk|information\s+(?:to|for)\s+(?:companies|businesses|enterprises)|awareness[-\s]raising)",
    ),
    _i(
        "access_to_remedy",
        "Access to remedy (courts, OECD National Contact Point)",
        r"\b(?:national\s+contact\s+point|NCP\b|OECD\s+Guidelines|courts?|judicial|tribunals?|remed(?:y|ies)|"
        r"ombuds\w*|complaints?\s+(?:mechanism|procedure)|labour\s+inspect\w+|access\s+to\s+justice)",
    ),
    _i(
        "company_engagement",
        "Engagement with the companies concerned",
        r"\b(?:(?:contacted|met\s+with|engaged\s+with|dialogue\s+with|consulted|wrote\s+to|raised\s+(?:the\s+matter|"
        r"this|these\s+concerns)\s+with)\s+(?:the\s+)?(?:companies|company|enterprises?|businesses|firms?|"
        r"industry|representatives)|(?:companies|enterprises)\s+concerned)",
    ),
)

_SPECIFICS = re.compile(
    r"\b(?:19|20)\d{2}\b|\d+(?:[.,]\d+)?\s*(?:%|per\s*cent|percent)|\b\d[\d,.]*\b|\btier\s*\d\b|"
    r"\b(?:all|every|each)\s+(?:of\s+our\s+)?(?:tier|suppliers?|employees|staff|workers|sites?|factories|year)\b|"
    r"\b(?:annual(?:ly)?|quarterly|monthly|unannounced|independent\s+third[-\s]party)\b",
    re.IGNORECASE,
)


@dataclass
class Score:
    indicator: Indicator
    score: int
    evidence: list[Span]

    def to_dict(self) -> dict:
        return {
            "label": self.indicator.label,
            "score": self.score,
            "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in self.evidence],
        }


def indicators_for(addressee_kind: str) -> tuple[Indicator, ...]:
    return STATE if addressee_kind == "state" else COMPANY


def cues(text: str) -> set[str]:
    """The indicators whose vocabulary a text uses (both kinds: a question may be either)."""
    return {i.code for i in COMPANY + STATE if i.pattern.search(text)}


def score_rubric(sentences, addressee_kind: str) -> list[Score]:
    """`sentences`: the labelling's Sentence records (boilerplate, refusals and headings already marked)."""
    scores = []
    for indicator in indicators_for(addressee_kind):
        found = [
            s
            for s in sentences
            if not (s.boilerplate or s.heading or s.refusal or s.nothing_done)
            and indicator.pattern.search(s.span.text)
            and not _negated_near(indicator.pattern, s.span.text)
        ]
        specific = [s for s in found if _SPECIFICS.search(s.span.text) and not s.weak]
        described = [s for s in found if not s.weak]
        if specific or len(described) >= 2:  # figures or dates, or a description over several sentences
            score = 2
        elif found:
            score = 1
        else:
            score = 0
        chosen = (specific or found)[:3]
        scores.append(Score(indicator, score, [s.span for s in chosen]))
    return scores


_NEGATION = re.compile(r"\b(?:no|not|never|without|neither|nor|lack\w*|absence\s+of)\b", re.IGNORECASE)


def _negated_near(pattern: re.Pattern, text: str) -> bool:
    """'we do not have a grievance mechanism': a negation in the few words before the indicator's phrase."""
    match = pattern.search(text)
    before = text[max(0, match.start() - 40) : match.start()]
    return bool(_NEGATION.search(before)) and not structure.SUBSTANCE.search(before)
