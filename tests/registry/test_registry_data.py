"""The shipped registry holds the mandates, holders and States the real letters need."""

import pycountry
import pytest

from spcomms.registry.models import Addressee, Mandate, MandateHolder

# Read from the header of the seed letters (../shared/seeds), in printed order.
SEED_MANDATES = [
    "Working Group on the issue of human rights and transnational corporations and other business enterprises",
    "Special Rapporteur in the field of cultural rights",
    "Special Rapporteur on minority issues",
    "Special Rapporteur on freedom of religion or belief",
    "Special Rapporteur on contemporary forms of slavery, including its causes and consequences",
    "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
    "Special Rapporteur on trafficking in persons, especially women and children",
]
SEED_RESOLUTIONS = ["44/15", "37/12", "43/8", "40/10", "42/10", "43/20", "44/4"]
SEED_SIGNATORIES = [
    (
        "Dante Pesce",
        "Chair-Rapporteur of the Working Group on the issue of human rights and transnational "
        "corporations and other business enterprises",
    ),
    ("Karima Bennoune", "Special Rapporteur in the field of cultural rights"),
    ("Fernand de Varennes", "Special Rapporteur on minority issues"),
    ("Ahmed Shaheed", "Special Rapporteur on freedom of religion or belief"),
    ("Tomoya Obokata", "Special Rapporteur on contemporary forms of slavery, including its causes and consequences"),
    ("Nils Melzer", "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"),
    ("Siobhán Mullally", "Special Rapporteur on trafficking in persons, especially women and children"),
]


@pytest.mark.django_db
def test_the_seven_mandates_of_the_seeds_with_their_resolutions():
    for title, resolution in zip(SEED_MANDATES, SEED_RESOLUTIONS, strict=True):
        mandate = Mandate.objects.get(title=title)
        assert mandate.resolution == resolution
        assert mandate.kind == Mandate.THEMATIC


@pytest.mark.django_db
def test_thematic_and_country_mandates_of_2021():
    assert Mandate.objects.filter(kind=Mandate.THEMATIC).count() >= 44
    country = Mandate.objects.filter(kind=Mandate.COUNTRY)
    assert country.count() >= 11
    assert all(pycountry.countries.get(alpha_3=m.country) for m in country)


@pytest.mark.django_db
def test_the_2021_holders_sign_with_their_printed_titles():
    for name, title in SEED_SIGNATORIES:
        holder = MandateHolder.objects.get(name=name)
        assert holder.printed_title == title


@pytest.mark.django_db
def test_states_have_iso_codes_and_un_names():
    states = Addressee.objects.filter(kind=Addressee.STATE)
    assert states.count() == 195  # 193 Member States and 2 observer States
    for name, code in [
        ("China", "CHN"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States of America", "USA"),
        ("Republic of Korea", "KOR"),
    ]:
        state = states.get(name=name)
        assert state.iso3 == state.code == code
        assert state.salutation == "Excellency,"
