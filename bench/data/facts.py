"""The proportions and invented names of the benchmark data set."""

from zoneinfo import ZoneInfo

from applications.models import (
    ApplicationKind,
    Environment,
    InterventionKind,
    Outcome,
    RejectionReason,
    Status,
)

DEFAULT_SEED = 20220408
STOCKHOLM = ZoneInfo("Europe/Stockholm")
INSERT_BATCH = 500

KIND_WEIGHTS = {
    ApplicationKind.INDIVIDUAL: 94,
    ApplicationKind.AGENCY: 4,
    ApplicationKind.OPERATING_GRANT: 2,
}

# Where an application ends up, by how old its budget year is: (final status, outcome).
G, R = Outcome.GRANTED, Outcome.REJECTED
FINAL_SETTLED = {
    (Status.CLOSED, G): 85,
    (Status.REPORTED, G): 2,
    (Status.CLOSED, R): 8,
    (Status.REJECTED, R): 1,
    (Status.WITHDRAWN, None): 4,
}
FINAL_PREVIOUS = {
    (Status.CLOSED, G): 25,
    (Status.REPORTED, G): 38,
    (Status.PAID, G): 20,
    (Status.CLOSED, R): 7,
    (Status.REJECTED, R): 3,
    (Status.WITHDRAWN, None): 4,
    (Status.GRANTED, G): 3,
}
FINAL_CURRENT = {
    (Status.RECEIVED, None): 8,
    (Status.IN_REVIEW, None): 12,
    (Status.COMPLETION_REQUESTED, None): 5,
    (Status.PREPARED, None): 7,
    (Status.GRANTED, G): 10,
    (Status.PAID, G): 43,
    (Status.REJECTED, R): 6,
    (Status.CLOSED, R): 2,
    (Status.WITHDRAWN, None): 7,
}

REJECTION_WEIGHTS = {
    RejectionReason.CRITERIA_NOT_MET: 50,
    RejectionReason.INCOMPLETE: 30,
    RejectionReason.COMPLETION_NOT_SUPPLIED: 20,
}
ENVIRONMENT_WEIGHTS = {
    Environment.CRIMINAL: 80,
    Environment.VIOLENT_EXTREMISM: 12,
    Environment.HONOUR: 8,
}
# Cost range in kronor of one insats, by kind.
INTERVENTION_COSTS = {
    InterventionKind.TREATMENT_PROGRAMME: (60_000, 320_000),
    InterventionKind.ADDICTION: (80_000, 400_000),
    InterventionKind.COACHING: (20_000, 160_000),
    InterventionKind.PSYCHOLOGY: (25_000, 180_000),
    InterventionKind.HEALTH: (5_000, 60_000),
    InterventionKind.EMPLOYMENT: (15_000, 120_000),
    InterventionKind.NETWORK: (10_000, 90_000),
    InterventionKind.HOUSING: (40_000, 260_000),
    InterventionKind.OTHER: (5_000, 50_000),
}
# The larger kommuner get more applications (by SCB kommunkod).
BIG_KOMMUNER = {
    "0180": 40,
    "1480": 32,
    "1280": 30,
    "0380": 12,
    "1880": 12,
    "0580": 10,
    "0581": 10,
    "1283": 10,
    "1281": 8,
    "1980": 8,
    "0680": 8,
    "2480": 7,
    "1780": 7,
    "0184": 6,
    "0181": 6,
}

AGENCIES = [
    "Myndigheten för ungdomsinstitutioner",
    "Nationella socialverket",
    "Kriminalvårdens utvecklingsenhet",
]
NON_PROFITS = [
    "Stiftelsen Ny väg",
    "Föreningen Utvägen",
    "Stiftelsen Brobyggarna",
]
PROVIDERS = [
    "Nystart Behandling AB",
    "Vägval Coaching AB",
    "Tryggt Boende i Norr AB",
    "Klarsyn Psykologi AB",
    "Steget Vidare Ekonomisk förening",
    "Arbetsbron AB",
    "Mellanrum Omsorg AB",
    "Ankaret Stödboende AB",
    "Fyrbåken Behandlingshem AB",
    "Kompassen Utbildning AB",
    "Horisont Hälsa AB",
    "Trampolinen Sysselsättning AB",
]

# Days from the previous status to this one; for the återrapportering, days
# after 5 January of the next year.
STEP_DAYS = {
    Status.IN_REVIEW: (1, 10),
    Status.COMPLETION_REQUESTED: (3, 15),
    Status.PREPARED: (5, 30),
    Status.GRANTED: (2, 14),
    Status.REJECTED: (2, 14),
    Status.PAID: (5, 25),
    Status.REPORTED: (0, 45),
    Status.CLOSED: (5, 40),
    Status.WITHDRAWN: (3, 40),
}

COMPLETION_MESSAGES = [
    "Utlåtande från avhopparsamordnaren saknas.",
    "Handlingsplanen saknar kostnader per insats.",
    "Samtycke till informationsutbyte saknas.",
    "Underskrivet formulär med förutsättningar saknas.",
    "Socialtjänstens beslut om stödinsatser saknas.",
]
PURPOSES = {
    ApplicationKind.INDIVIDUAL: "Insatser enligt individuell handlingsplan.",
    ApplicationKind.AGENCY: "Insatser inom det gemensamma regeringsuppdraget.",
    ApplicationKind.OPERATING_GRANT: "Verksamhetsstöd till avhopparverksamhet.",
}
MOTIVATIONS = {
    G: "Ansökan uppfyller kriterierna och handlingsplanen är rimlig.",
    R: "Ansökan uppfyller inte förutsättningarna för bidrag.",
}
COORDINATOR_STATEMENT = (
    "Avhopparsamordnaren tillstyrker ansökan; kontakt med kommunen finns."
)
CONDITIONS = "Återrapportering senast 1 februari {year}."
FOLLOW_UP_RESULTS = "Ekonomisk redovisning och resultatredovisning har lämnats."
