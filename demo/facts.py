"""The facts the demo data reproduces, and what it invents where they are silent.

Everything is made up except the published totals and the references of the
2022 regleringsbrev, ändringsbeslut and fördelningsbeslut. Case codes are
pseudonyms, there are no names or personnummer.

Published figures reproduced (see docs/reports.md):
- 2022: 124 individärenden decided, 113 granted to 28 kommuner in six län,
  11 rejected, 58 053 534 kr granted and paid to kommuner; SiS 905 000 kr,
  Socialstyrelsen 291 000 kr; anslag 22 500 000 raised to 72 500 000 kr.
- 2020: 12 granted, 5 130 000 kr, 10 kommuner, anslag 7 500 000 kr.
- 2021: 28 granted, 12 000 000 kr.

Invented where the report is silent: 2021's anslag (17 500 000 kr) and number of
kommuner (16), the rejections of 2020 and 2021, the operating grants of 2020 and
2021 (the report says only that such grants were made before 2022), every date,
every single amount and the whole current budget year.
"""

from dataclasses import dataclass
from decimal import Decimal

from applications.models import (
    ApplicationKind,
    InterventionKind,
    Outcome,
    RejectionReason,
    Status,
)

# The random generator's seed: every run plans the same data.
SEED = 20220408

SIS = "Statens institutionsstyrelse"
SOCIALSTYRELSEN = "Socialstyrelsen"
PROVIDERS = [
    "Exempelbehandling Nord AB",
    "Demo Coaching och Motivation AB",
    "Stiftelsen Exempelvägen",
    "Påhittade Psykologmottagningen AB",
    "Exempelboenden i Sverige AB",
    "Föreningen Nytt Nätverk (demo)",
]
OPERATING_GRANT_ORGS = ["Exempelstiftelsen Nystart", "Demoföreningen Ny riktning"]

# The 28 kommuner granted money in 2022, in the six län named in the report.
KOMMUNER_2022 = [
    *["0180", "0184", "0126", "0127", "0181", "0138", "0114", "0163"],  # Stockholms
    *["0380", "0381"],  # Uppsala
    *["1780", "1784"],  # Värmlands
    *["1880", "1881"],  # Örebro
    *["1280", "1281", "1283", "1290", "1282", "1287", "1284"],  # Skåne
    *["1480", "1481", "1485", "1490", "1488", "1494", "1496"],  # Västra Götalands
]
KOMMUNER_2020 = [
    *["0180", "0127", "0181", "1280", "1283", "1480", "1490", "0380", "1880", "1780"]
]
# Invented: the report does not say how many kommuner were granted money in 2021.
KOMMUNER_2021 = [*KOMMUNER_2020, "0184", "0126", "1281", "1481", "1488", "1881"]
# Kommuner with rejected applications only (outside the six län on purpose).
REJECTED_ONLY_KOMMUNER = ["0580", "0680", "2180", "1380"]
CURRENT_YEAR_KOMMUNER = [
    *["0180", "0127", "0126", "0181", "0184", "0138"],  # Region Stockholm
    *["1280", "1480", "0380", "1880", "2281", "0482"],
]


@dataclass(frozen=True)
class YearFacts:
    year: int
    initial_ceiling: Decimal
    ceiling: Decimal
    operating_grant_ceiling: Decimal | None
    reference: str
    granted_total: Decimal
    kommuner: list[str]
    granted_count: int
    rejections: dict[str, int]
    round_to: int  # granted amounts are multiples of this (1 = whole kronor)


HISTORY = [
    YearFacts(
        year=2020,
        initial_ceiling=Decimal("7500000"),
        ceiling=Decimal("7500000"),
        operating_grant_ceiling=Decimal("2000000"),
        reference="Regleringsbrev för budgetåret 2020 avseende Polismyndigheten",
        granted_total=Decimal("5130000"),
        kommuner=KOMMUNER_2020,
        granted_count=12,
        rejections={RejectionReason.INCOMPLETE: 1, RejectionReason.CRITERIA_NOT_MET: 1},
        round_to=1000,
    ),
    YearFacts(
        year=2021,
        # Invented: the 2022 report does not state the 2021 anslag.
        initial_ceiling=Decimal("17500000"),
        ceiling=Decimal("17500000"),
        operating_grant_ceiling=Decimal("3000000"),
        reference="Regleringsbrev för budgetåret 2021 avseende Polismyndigheten",
        granted_total=Decimal("12000000"),
        kommuner=KOMMUNER_2021,
        granted_count=28,
        rejections={
            RejectionReason.CRITERIA_NOT_MET: 2,
            RejectionReason.COMPLETION_NOT_SUPPLIED: 1,
        },
        round_to=1000,
    ),
    YearFacts(
        year=2022,
        initial_ceiling=Decimal("22500000"),
        ceiling=Decimal("72500000"),
        operating_grant_ceiling=Decimal("10000000"),
        reference="Regleringsbrev för budgetåret 2022 avseende Polismyndigheten",
        granted_total=Decimal("58053534"),
        kommuner=KOMMUNER_2022,
        granted_count=113,
        rejections={
            RejectionReason.CRITERIA_NOT_MET: 5,
            RejectionReason.INCOMPLETE: 4,
            RejectionReason.COMPLETION_NOT_SUPPLIED: 2,
        },
        round_to=1,
    ),
]

# Agency and operating-grant applications: (year, organisation, kind, amount, purpose).
ORGANISATION_GRANTS = [
    (
        2020,
        OPERATING_GRANT_ORGS[0],
        ApplicationKind.OPERATING_GRANT,
        Decimal("1500000"),
        "Verksamhetsstöd för stödsamtal och motiverande arbete med avhoppare.",
    ),
    (
        2021,
        OPERATING_GRANT_ORGS[1],
        ApplicationKind.OPERATING_GRANT,
        Decimal("2000000"),
        "Verksamhetsstöd för mentorsprogram för personer som lämnar "
        "kriminella nätverk.",
    ),
    (
        2022,
        SIS,
        ApplicationKind.AGENCY,
        Decimal("905000"),
        "Utvecklingsarbete med avhopparverksamhet för barn vid ett särskilt "
        "ungdomshem.",
    ),
    (
        2022,
        SOCIALSTYRELSEN,
        ApplicationKind.AGENCY,
        Decimal("291000"),
        "Inköp av tjänst för att kartlägga och synliggöra processen för en avhoppare.",
    ),
]

PURPOSES = [
    "Stöd till en individ som vill lämna en kriminell miljö enligt handlingsplan.",
    "Insatser för att fullfölja ett avhopp: behandling, sysselsättning och boende.",
    "Individuellt anpassade insatser under de första månaderna efter avhoppet.",
]
RESULTS = [
    "Individen har fullföljt behandlingsprogrammet och har sysselsättning.",
    "Insatserna genomfördes enligt plan; individen bor kvar på ny ort.",
    "Delvis genomfört: boendeinsatsen avslutades i förtid, övriga insatser fullföljda.",
]
INTERVENTION_KINDS = [k for k in InterventionKind if k != InterventionKind.OTHER]


# Where a past decision stands today, by outcome and whether its year is settled:
# in the years before 2022 every återrapportering has come in and the rejected
# cases are closed; 2022's granted cases still await their återrapportering.
PAST_STATUS = {
    (Outcome.GRANTED, True): Status.REPORTED,
    (Outcome.GRANTED, False): Status.PAID,
    (Outcome.REJECTED, True): Status.CLOSED,
    (Outcome.REJECTED, False): Status.REJECTED,
}

# The current year's open work: a few cases in each status the handläggare works
# on, one granted and not yet paid, one paid in part, and four paid ones awaiting
# their återrapportering; for each case, how many days ago it came in.
CURRENT_YEAR = {
    Status.RECEIVED: (1, 2, 4, 6, 9),
    Status.IN_REVIEW: (12, 15, 19, 24),
    Status.COMPLETION_REQUESTED: (20, 26, 33, 41),
    Status.PREPARED: (28, 35, 44, 52),
    Status.GRANTED: (70,),
    Status.PARTLY_PAID: (120,),
    Status.PAID: (150, 180, 230, 260),
}
