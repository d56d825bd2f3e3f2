"""The pages of applications, one module per area; `applications/urls.py` names
each view by its module. Every page loads and checks through
`views.common.permission_required_for`, and every form page works through
`views.common.form_page`: validate, call one service, add a message, redirect."""
