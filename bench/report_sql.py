"""The annual report's figures for one year in hand-written SQL: the yardstick.

The report page (issue 4) must render within 3 × the time of these statements plus
200 ms. They compute what the report shows, straight on the psycopg connection:
the sum granted to individärenden and the counts granted and rejected, the number of
kommuner and län, the rejections per reason, the amounts per recipient category,
and the three-year trend. A year's figures count the applications of that budget
year that have a decision.
"""

FIGURES = """
SELECT
    COUNT(*) FILTER (WHERE d.outcome = 'granted') AS granted,
    COUNT(*) FILTER (WHERE d.outcome = 'rejected') AS rejected,
    COALESCE(SUM(d.granted_amount) FILTER (WHERE d.outcome = 'granted'), 0) AS amount,
    COUNT(DISTINCT a.applicant_municipality_id)
        FILTER (WHERE d.outcome = 'granted') AS kommuner,
    COUNT(DISTINCT m.county_id) FILTER (WHERE d.outcome = 'granted') AS lan
FROM applications_application a
JOIN applications_decision d ON d.application_id = a.id
JOIN grants_budgetyear y ON y.id = a.budget_year_id
JOIN grants_municipality m ON m.id = a.applicant_municipality_id
WHERE y.year = %(year)s AND a.kind = 'individual'
"""

COUNTIES = """
SELECT DISTINCT c.name
FROM applications_application a
JOIN applications_decision d ON d.application_id = a.id
JOIN grants_budgetyear y ON y.id = a.budget_year_id
JOIN grants_municipality m ON m.id = a.applicant_municipality_id
JOIN grants_county c ON c.id = m.county_id
WHERE y.year = %(year)s AND a.kind = 'individual' AND d.outcome = 'granted'
ORDER BY c.name
"""

REJECTIONS = """
SELECT d.rejection_reason, COUNT(*)
FROM applications_application a
JOIN applications_decision d ON d.application_id = a.id
JOIN grants_budgetyear y ON y.id = a.budget_year_id
WHERE y.year = %(year)s AND a.kind = 'individual' AND d.outcome = 'rejected'
GROUP BY d.rejection_reason
ORDER BY d.rejection_reason
"""

CATEGORIES = """
SELECT CASE WHEN a.kind = 'individual' THEN 'Kommuner' ELSE o.name END AS category,
       SUM(d.granted_amount)
FROM applications_application a
JOIN applications_decision d ON d.application_id = a.id
JOIN grants_budgetyear y ON y.id = a.budget_year_id
LEFT JOIN grants_organisation o ON o.id = a.applicant_organisation_id
WHERE y.year = %(year)s AND d.outcome = 'granted'
GROUP BY 1
ORDER BY 1
"""

TREND = """
SELECT y.year,
       SUM(d.granted_amount),
       COUNT(*),
       COUNT(DISTINCT a.applicant_municipality_id)
FROM applications_application a
JOIN applications_decision d ON d.application_id = a.id
JOIN grants_budgetyear y ON y.id = a.budget_year_id
WHERE y.year BETWEEN %(year)s - 2 AND %(year)s
  AND a.kind = 'individual' AND d.outcome = 'granted'
GROUP BY y.year
ORDER BY y.year
"""

STATEMENTS = {
    "figures": FIGURES,
    "counties": COUNTIES,
    "rejections": REJECTIONS,
    "categories": CATEGORIES,
    "trend": TREND,
}


def report_figures(cursor, *, year: int) -> dict[str, list[tuple]]:
    """Run every statement for the year on a raw DB-API cursor; return the rows."""
    result = {}
    for name, sql in STATEMENTS.items():
        cursor.execute(sql, {"year": year})
        result[name] = cursor.fetchall()
    return result
