"""WSGI entry point for gunicorn (`gunicorn greenmine.wsgi`); production settings by default."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenmine.settings.prod")

application = get_wsgi_application()

if os.environ["DJANGO_SETTINGS_MODULE"].endswith(".prod"):
    from greenmine.core.checks import assert_safe_to_serve

    assert_safe_to_serve()
