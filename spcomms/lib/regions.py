"""The UN regional groups of Member States (the groups the Human Rights Council elects by), by ISO alpha-3 code.

Written from the groups' published membership: the United States (an observer of the Western European and others
Group, counted with it for elections), Israel and Türkiye are listed with WEOG; Kiribati with Asia-Pacific.
"""

from __future__ import annotations

from functools import cache

GROUPS = {
    "African States": """DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA
        GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD SDN TGO TUN
        UGA TZA ZMB ZWE""",
    "Asia-Pacific States": """AFG BHR BGD BTN BRN KHM CHN CYP PRK FJI IND IDN IRN IRQ JPN JOR KAZ KIR KWT KGZ LAO
        LBN MYS MDV MHL FSM MNG MMR NRU NPL OMN PAK PLW PNG PHL QAT KOR WSM SAU SGP SLB LKA SYR TJK THA TLS TON TKM
        TUV ARE UZB VUT VNM YEM""",
    "Eastern European States": """ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN LVA LTU MNE POL MDA ROU RUS SRB SVK
        SVN MKD UKR""",
    "Latin American and Caribbean States": """ATG ARG BHS BRB BLZ BOL BRA CHL COL CRI CUB DMA DOM ECU SLV GRD GTM
        GUY HTI HND JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO URY VEN""",
    "Western European and other States": """AND AUS AUT BEL CAN DNK FIN FRA DEU GRC ISL IRL ITA LIE LUX MLT MCO NLD
        NZL NOR PRT SMR ESP SWE CHE TUR GBR USA ISR""",
}


@cache
def region_of() -> dict[str, str]:
    return {code: group for group, codes in GROUPS.items() for code in codes.split()}
