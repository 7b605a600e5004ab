"""Who writes (mandates and their holders) and to whom (addressees), and the reference counters."""

import datetime as dt

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from spcomms.lib.references import OTHER_CODE


def validate_resolution(value: str):
    parts = value.split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValidationError(f"{value!r} is not a Human Rights Council resolution number like '44/15'")


def validate_alpha3(value: str):
    if pycountry.countries.get(alpha_3=value) is None:
        raise ValidationError(f"{value!r} is not an ISO 3166 alpha-3 country code")


MAX_TENURE_YEARS = 6  # no mandate holder serves longer in one function (HRC resolution 5/1, annex, §45)


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Mandate(models.Model):
    THEMATIC, COUNTRY = "thematic", "country"
    KINDS = [(THEMATIC, "Thematic"), (COUNTRY, "Country")]

    title = models.CharField(max_length=300, unique=True, help_text="as printed in letters, without leading 'the'")
    short = models.CharField(max_length=60, unique=True, help_text="short label, e.g. 'SR Slavery'")
    kind = models.CharField(max_length=10, choices=KINDS, default=THEMATIC)
    country = models.CharField(
        max_length=3, blank=True, validators=[validate_alpha3], help_text="alpha-3 code, country mandates only"
    )
    resolution = models.CharField(
        max_length=10, blank=True, validators=[validate_resolution], help_text="latest HRC resolution, e.g. 44/15"
    )
    established = models.PositiveSmallIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == self.COUNTRY and not self.country:
            raise ValidationError({"country": "a country mandate needs the country's alpha-3 code"})
        if self.kind == self.THEMATIC and self.country:
            raise ValidationError({"country": "a thematic mandate has no country"})

    def holders_on(self, day: dt.date):
        return self.holders.filter(Q(term_start__isnull=True) | Q(term_start__lte=day)).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=day)
        )

    def holders_in_office(self, day: dt.date) -> list["MandateHolder"]:
        """The holders the registry *knows* were in office on `day`, latest first (see `MandateHolder.in_office`)."""
        found = [holder for holder in self.holders.all() if holder.in_office(day)]
        return sorted(found, key=lambda holder: holder.term_start, reverse=True)


class MandateHolder(models.Model):
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="holders")
    name = models.CharField(max_length=200)
    printed_title = models.CharField(
        max_length=300, help_text="as printed under the signature, e.g. 'Chair-Rapporteur of the Working Group on …'"
    )
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["mandate__title", "-term_start"]
        constraints = [models.UniqueConstraint(fields=["mandate", "name", "term_start"], name="unique_holder_term")]

    def __str__(self):
        return f"{self.name} ({self.mandate.title})"

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": "the term cannot end before it starts"})

    def covers(self, day: dt.date) -> bool:
        return (self.term_start is None or self.term_start <= day) and (self.term_end is None or day <= self.term_end)

    def latest_possible_end(self) -> dt.date | None:
        """The recorded end, or else the end of the six-year limit on tenure (HRC resolution 5/1, annex §45)."""
        if self.term_end or self.term_start is None:
            return self.term_end
        return _years_after(self.term_start, MAX_TENURE_YEARS) - dt.timedelta(days=1)

    def in_office(self, day: dt.date) -> bool:
        """Known to hold the mandate on `day`: a recorded start, and a recorded end or the six-year limit after it.

        A term with no recorded start, or one running past the tenure limit, says nothing about later years: the
        desk asks who signs rather than sign with a holder who may have left (issue 12, item 5).
        """
        if self.term_start is None or day < self.term_start:
            return False
        return day <= self.latest_possible_end()


class Addressee(models.Model):
    STATE, COMPANY, IGO, OTHER = "state", "company", "igo", "other"
    KINDS = [(STATE, "State"), (COMPANY, "Company"), (IGO, "International organisation"), (OTHER, "Other actor")]
    HONORIFICS = [("", "—"), ("Mr.", "Mr."), ("Ms.", "Ms."), ("Mrs.", "Mrs."), ("Dr.", "Dr."), ("Prof.", "Prof.")]

    kind = models.CharField(max_length=10, choices=KINDS)
    name = models.CharField(max_length=300, help_text="State name as printed, or the organisation's name")
    code = models.CharField(
        max_length=3, editable=False, db_index=True, help_text="ISO 3166 alpha-3 for States, OTH otherwise"
    )
    iso3 = models.CharField(
        "ISO alpha-3", max_length=3, blank=True, validators=[validate_alpha3], help_text="States only"
    )
    domicile = models.CharField(
        "country of domicile", max_length=3, blank=True, validators=[validate_alpha3], help_text="alpha-3"
    )
    representative_honorific = models.CharField(max_length=10, choices=HONORIFICS, blank=True)
    representative_name = models.CharField(max_length=200, blank=True)
    representative_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="unique_addressee_name"),
            models.UniqueConstraint(fields=["iso3"], condition=~Q(iso3=""), name="unique_state_code"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_state(self) -> bool:
        return self.kind == self.STATE

    def clean(self):
        if not (self.name or "").strip():
            raise ValidationError({"name": "an addressee needs a name"})
        if self.is_state and not self.iso3:
            raise ValidationError({"iso3": "a State needs its ISO 3166 alpha-3 code"})
        if not self.is_state and self.iso3:
            raise ValidationError({"iso3": "only States have an ISO code of their own; use 'domicile' instead"})
        if self.representative_honorific and not self.representative_name:
            raise ValidationError({"representative_name": "an honorific needs the representative's name"})

    def save(self, *args, **kwargs):
        self.code = self.iso3 if self.is_state else OTHER_CODE
        super().save(*args, **kwargs)

    @property
    def salutation(self) -> str:
        """As printed: 'Excellency,' for States, 'Dear Mr. NAME,' with a named representative, else Sir/Madam."""
        if self.is_state:
            return "Excellency,"
        if self.representative_name and self.representative_honorific:
            return f"Dear {self.representative_honorific} {self.representative_name},"
        return "Dear Sir/Madam,"


class ReferenceCounter(models.Model):
    """The last number handed out per (code, year); numbers run across types (AL, UA, OL)."""

    code = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="unique_counter")]

    def __str__(self):
        return f"{self.code} {self.year}: {self.last_number}"


class HolderAccount(models.Model):
    """Links a login to a mandate holder of the registry: the user approves letters for that holder's mandate."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holder_accounts")
    holder = models.ForeignKey(MandateHolder, on_delete=models.PROTECT, related_name="accounts")

    class Meta:
        db_table = "workflow_holderaccount"  # moved from workflow with its table: access to cases reads it
        constraints = [models.UniqueConstraint(fields=["user", "holder"], name="unique_holder_account")]

    def __str__(self):
        return f"{self.user} as {self.holder}"
