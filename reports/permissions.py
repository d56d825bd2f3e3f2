"""Who may do what with the annual redovisning. Plain functions returning bool.

- Read the report, its PDF, the figures export and the frozen versions:
  Handläggare, Beslutsfattare, Läsare, and Granskare (the auditor checks that a
  frozen version is the one that was sent). Avhopparsamordnare may not: their
  work is regional casework, not the national report.
- Edit the narrative paragraphs and the report's diarienummer: Handläggare (the
  national coordination function writes the report).
- Mark the report as sent (freeze a version): Beslutsfattare (the avdelningschef
  or delegate signs off what leaves the authority).
"""

from accounts.roles import Role, has_role

READER_ROLES = (Role.CASE_OFFICER, Role.DECISION_MAKER, Role.READER, Role.AUDITOR)


def can_view_reports(user) -> bool:
    return any(has_role(user, role) for role in READER_ROLES)


def can_edit_narratives(user) -> bool:
    return has_role(user, Role.CASE_OFFICER)


def can_freeze_report(user) -> bool:
    return has_role(user, Role.DECISION_MAKER)
