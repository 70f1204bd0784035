"""Metadata stated by the text: symbol, date, language, title."""

from travaux.diffing.segment import meta as M
from travaux.diffing.model import DocumentMeta


def test_symbols():
    assert M.find_symbol("United Nations A/RES/56/120 General Assembly") == "A/RES/56/120"
    assert M.find_symbol("* A/CONF.187/1. United Nations A/CONF.187/6 Tenth ... x A/CONF.187/6 2 I.") == "A/CONF.187/6"
    assert M.find_symbol("EUROPEAN COMMISSION\n\nBrussels, 15.12.2020\n\nCOM(2020) 842 final\n") == "COM(2020) 842 final"
    assert M.find_symbol("Regulation (EU) 2022/1925 of the European Parliament") == "Regulation (EU) 2022/1925"
    assert M.find_symbol("119th CONGRESS\n\n1st Session\n\nS. 269\n") == "S. 269"
    assert M.find_symbol("texto   cve: BOCG-15-A-4-1\n") == "BOCG-15-A-4-1"


def test_dates():
    assert M.find_date("Vienna, 10-17 April 2000 Distr.: General 15 December 1999") == "1999-12-15"
    assert M.find_date("Serie A:          19\u202fde\u202fenero\u202fde\u202f2024") == "2024-01-19"
    assert M.find_date("Brussels, 15.12.2020") == "2020-12-15"
    assert M.find_date("Regulation\n\nof 14 September 2022\n") == "2022-09-14"
    assert M.find_date("Done at Strasbourg, 14 September 2022.") == "2022-09-14"
    assert M.find_date("no date here") == ""


def test_language_and_detect_keeps_reader_fields():
    assert M.find_language("Die Würde des Menschen ist unantastbar und der Staat") == "de"
    assert M.find_language("De minister van Justitie wordt het verzoek van de veroordeelde") == "nl"
    assert M.find_language("La presente ley tiene por objeto la prevención de las pérdidas") == "es"
    assert M.find_language("States Parties shall adopt the measures of this Convention") == "en"
    got = M.detect("United Nations A/RES/56/120 ...", DocumentMeta(name="x", symbol="KEEP", language="fr"))
    assert (got.symbol, got.language, got.name) == ("KEEP", "fr", "x")


def test_titles_skip_place_and_date_lines():
    head = ("EUROPEAN COMMISSION\n\nBrussels, 15.12.2020\n\nCOM(2020) 842 final\n\n2020/0374(COD)\n\n"
            "Proposal for a\n\nREGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL\n\n"
            "on contestable and fair markets in the digital sector (Digital Markets Act)\n\n"
            "(Text with EEA relevance)\n\nTHE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,\n")
    assert M.find_title(head) == ("Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL "
                                  "on contestable and fair markets in the digital sector (Digital Markets Act)")
    data_act = head.replace("on contestable and fair markets in the digital sector (Digital Markets Act)",
                            "on harmonised rules on fair access to and use of data\n\n(Data Act)")
    assert M.find_title(data_act).endswith("REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on "
                                           "harmonised rules on fair access to and use of data (Data Act)")
    final = ("Regulation (EU) 2022/1925 of the European Parliament and of the Council\n\nof 14 September 2022\n\n"
             "on contestable and fair markets (Digital Markets Act)\n\n(Text with EEA relevance)\n\nTHE ...")
    assert M.find_title(final) == ("Regulation (EU) 2022/1925 of the European Parliament and of the Council "
                                   "of 14 September 2022 on contestable and fair markets (Digital Markets Act)")
    assert M.find_title("Brussels, 15.12.2020\n\nVienna, 10-17 April 2000\n\nDraft convention on things\n") == \
        "Draft convention on things"


def test_un_working_paper_title():
    text = ("* A/CONF.187/1. V.99-90986 (E) United Nations A/CONF.187/6 Tenth United Nations Congress on the "
            "Prevention of Crime Vienna, 10-17 April 2000 Distr.: General 15 December 1999 Original: English "
            "Item 4 of the provisional agenda * International Cooperation in Combating Transnational Crime: New "
            "Challenges in the Twenty-first Century Working paper prepared by the Secretariat Contents")
    assert M.find_title(text) == ("International Cooperation in Combating Transnational Crime: New Challenges "
                                  "in the Twenty-first Century")


def test_a_date_the_text_speaks_of_is_not_the_documents_date():
    head = ("119th CONGRESS\n\n1st Session\n\nS. 269\n\nAN ACT\n\nTo improve coordination.\n\n"
            "(c) Effective date\n\nThe amendments made by this section shall take effect on "
            "December 27, 2026.\n")
    assert M.find_date(head) == ""
    assert M.find_date("This Regulation shall apply from 2 May 2023.") == ""
    # an introduced bill states its date on a line of its own
    assert M.find_date("S. 269\n\nIN THE SENATE OF THE UNITED STATES\n\nJanuary 28, 2025\n\n"
                       "The amendments shall take effect on December 27, 2026.") == "2025-01-28"


def test_us_bill_title_is_its_long_title():
    text = ("119th CONGRESS\n\n1st Session\n\nS. 269\n\nIN THE SENATE OF THE UNITED STATES\n\n"
            "AN ACT\n\nTo improve coordination between Federal and State agencies and the Do Not "
            "Pay working system.\n\n1. Short title\n")
    assert M.find_title(text) == ("To improve coordination between Federal and State agencies "
                                  "and the Do Not Pay working system.")


def test_spanish_bulletin_title_is_joined_across_its_wrapped_lines():
    text = ("PROYECTOS DE LEY\n\n                         PROYECTO DE LEY\n\n"
            "121/000004 Proyecto de Ley de prevención de las pérdidas y el\n"
            "                  desperdicio alimentario.\n\n     La Mesa de la Cámara, ...\n")
    assert M.find_title(text) == ("Proyecto de Ley de prevención de las pérdidas y el "
                                  "desperdicio alimentario.")
