"""Language detection of replies (py3langid's shipped model; no download)."""

from spcomms.lib.reading.language import detect_language


def test_un_languages_are_told_apart():
    assert detect_language("The Government rejects the allegations contained in the communication.")[0] == "en"
    assert detect_language("Le Gouvernement rejette les allégations contenues dans la communication.")[0] == "fr"
    assert detect_language("El Gobierno rechaza las alegaciones contenidas en la comunicación.")[0] == "es"
    assert detect_language("Правительство отвергает утверждения, содержащиеся в сообщении.")[0] == "ru"


def test_too_short_to_tell():
    assert detect_language("OK 12") == ("und", 0.0)
