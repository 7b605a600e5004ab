import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from spcomms.registry.models import Addressee, Mandate, MandateHolder


@pytest.mark.django_db
class TestAddressee:
    def test_salutations_as_printed(self):
        assert (
            Addressee(
                kind="company", name="X", representative_honorific="Mr.", representative_name="Yoshihisa Kainuma"
            ).salutation
            == "Dear Mr. Yoshihisa Kainuma,"
        )
        assert Addressee(kind="company", name="X").salutation == "Dear Sir/Madam,"
        assert Addressee(kind="state", name="Japan", iso3="JPN").salutation == "Excellency,"

    def test_code_is_oth_for_every_non_state(self):
        for kind in (Addressee.COMPANY, Addressee.IGO, Addressee.OTHER):
            addressee = Addressee(kind=kind, name=f"Some {kind}")
            addressee.full_clean()
            addressee.save()
            assert addressee.code == "OTH"

    @pytest.mark.parametrize(
        "fields, field, message",
        [
            ({"kind": "company", "name": " "}, "name", "needs a name"),
            ({"kind": "state", "name": "Atlantis"}, "iso3", "needs its ISO 3166 alpha-3 code"),
            ({"kind": "state", "name": "Atlantis", "iso3": "ATL"}, "iso3", "not an ISO 3166 alpha-3"),
            ({"kind": "company", "name": "Y", "iso3": "FRA"}, "iso3", "only States"),
            ({"kind": "company", "name": "Y", "representative_honorific": "Mr."}, "representative_name", "needs"),
        ],
    )
    def test_invalid_addressees_name_the_problem(self, fields, field, message):
        with pytest.raises(ValidationError) as info:
            Addressee(**fields).full_clean()
        assert message in " ".join(info.value.message_dict[field])


@pytest.mark.django_db
class TestMandate:
    def test_country_mandate_needs_its_country(self):
        with pytest.raises(ValidationError, match="alpha-3"):
            Mandate(title="Special Rapporteur on X", short="SR X", kind="country").full_clean()

    def test_resolution_must_look_like_one(self):
        with pytest.raises(ValidationError, match="not a Human Rights Council resolution"):
            Mandate(title="Special Rapporteur on Y", short="SR Y", resolution="forty-four").full_clean()

    def test_holders_on_a_date(self):
        mandate = Mandate.objects.get(title="Special Rapporteur on minority issues")
        old = MandateHolder.objects.create(
            mandate=mandate,
            name="A Predecessor",
            printed_title="x",
            term_start=dt.date(2011, 8, 1),
            term_end=dt.date(2017, 7, 31),
        )
        assert old not in mandate.holders_on(dt.date(2021, 3, 12))
        assert old in mandate.holders_on(dt.date(2015, 1, 1))
        assert mandate.holders_on(dt.date(2021, 3, 12)).filter(name="Fernand de Varennes").exists()

    def test_term_cannot_end_before_it_starts(self):
        mandate = Mandate.objects.first()
        holder = MandateHolder(
            mandate=mandate, name="Z", printed_title="t", term_start=dt.date(2021, 1, 1), term_end=dt.date(2020, 1, 1)
        )
        with pytest.raises(ValidationError, match="cannot end before it starts"):
            holder.full_clean()
