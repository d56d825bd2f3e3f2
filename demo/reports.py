"""Narrative texts for the 2022 demo report, paraphrasing the published report.

They hold no figures: every figure of the report is computed from the data.
"""

from grants.models import BudgetYear, Organisation
from reports.models import AnnualReport, Narrative, Section

REFERENCE_2022 = "A077.218/2023"

TEXTS_2022 = {
    Section.SUMMARY: (
        "Jämfört med året innan ökade antalet inkomna ansökningar om statliga medel "
        "till avhopparverksamhet markant.\n\n"
        "Socialstyrelsen och Statens institutionsstyrelse ansökte om medel inom ramen "
        "för det myndighetsgemensamma arbetet med regeringsuppdraget Uppdrag att "
        "förstärka och utveckla arbetet med stöd till avhoppare i landet "
        "(Ju2021/03331)."
    ),
    Section.ASSIGNMENT: (
        "Det utökade anslaget får även användas för kostnader med anledning av "
        "regeringens beslut om uppdrag att förstärka och utveckla arbetet med stöd "
        "till avhoppare i landet."
    ),
    Section.ALLOCATION: (
        "Till det utökade anslaget tillkom möjligheten att bevilja medel inom ramen "
        "för det myndighetsgemensamma regeringsuppdraget. Beslutet att inte betala ut "
        "direkt verksamhetsstöd till privata verksamheter omprövades inte."
    ),
    Section.CRITERIA: (
        "Definitionen är gemensam för Polismyndigheten, Kriminalvården, Statens "
        "institutionsstyrelse och Socialstyrelsen och har tagits fram inom det "
        "myndighetsgemensamma arbetet. Den sökande kommunen ska ha kontakt med "
        "regional eller lokal avhopparsamordnare, som bifogar ett utlåtande."
    ),
    Section.MUNICIPALITY_APPLICATIONS: (
        "Information om möjligheten att ansöka förmedlas i interna forum för "
        "avhopparverksamhet, på polisen.se och under året även genom Socialstyrelsen, "
        "som skickade ut information till samtliga kommuner."
    ),
    Section.AGENCY_APPLICATIONS: (
        "Möjligheten att ansöka har förmedlats och diskuterats på de "
        "myndighetsgemensamma mötena, varefter ansökningar skickats in."
    ),
    Section.INDIVIDUAL_CASES: (
        "En del av bidragen har använts till insatser för att återintegrera individen "
        "i samhället: sysselsättning, stöd att bilda nya nätverk och stöd till "
        "boendekostnader. Åtgärderna har varit skräddarsydda för den enskilde.\n\n"
        "Eftersom anslaget utökades under sommaren betalades den största delen ut sent "
        "under året, och en uppföljning är därför för tidig."
    ),
    Section.TREND: (
        "Ökningen av antalet ansökningar har sannolikt påverkats av anslagets storlek "
        "men också av att avhopparverksamheten har vuxit, både i antal och "
        "geografiskt. Polismyndigheten bedömer att fler kommuner kommer att ansöka om "
        "medel och därmed etablera och förstärka egen avhopparverksamhet."
    ),
}

ORGANISATION_TEXTS_2022 = {
    "Statens institutionsstyrelse": (
        "Medlen avser ett utvecklingsarbete med avhopparverksamhet för barn. En "
        "pilotverksamhet vid ett av myndighetens särskilda ungdomshem arbetar "
        "strukturerat med att identifiera och motivera samt samverka med "
        "socialtjänsten i avhopparärenden, och tar fram en struktur för hur arbetet "
        "ska bedrivas inom myndigheten."
    ),
    "Socialstyrelsen": (
        "Medlen avser inköp av en tjänst för att kartlägga och synliggöra processen "
        "för en avhoppare och identifiera vilka insatser och aktörer som ingår. "
        "Kartläggningen ger en första myndighetsgemensam bild av aktiviteterna före, "
        "under och efter ett avhopp och av myndigheternas ansvar och roller."
    ),
}


def report_texts_seed() -> None:
    """Create the 2022 report's diarienummer and texts unless they exist."""
    budget_year = BudgetYear.objects.get(year=2022)
    report, _ = AnnualReport.objects.get_or_create(
        budget_year=budget_year, defaults={"reference_number": REFERENCE_2022}
    )
    for section, text in TEXTS_2022.items():
        Narrative.objects.get_or_create(
            report=report, section=section, organisation=None, defaults={"text": text}
        )
    for name, text in ORGANISATION_TEXTS_2022.items():
        Narrative.objects.get_or_create(
            report=report,
            section=Section.ORGANISATION,
            organisation=Organisation.objects.get(name=name),
            defaults={"text": text},
        )
