"""Third-party assessment (第三方评估): agencies, experts, conflicts, commissioning, teams, desk and
field review, scores, reports.
"""
