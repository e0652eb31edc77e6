"""Background tasks of the core app (django.tasks; the django-tasks-db worker runs them)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override

from greenmine.core.models import User


@task()
def send_password_setup_email(user_id: int, language: str = "zh-hans") -> str:
    """E-mail a new account (created without a password) the link to set its own password.

    Django's password-reset form skips accounts without a usable password, which is exactly what a new
    account is, so the same e-mail is composed here with the same one-time token.
    """
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return "no active account with an e-mail address"
    protocol, _sep, domain = settings.SITE_URL.rstrip("/").partition("://")
    context = {
        "user": user,
        "protocol": protocol,
        "domain": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with override(language):
        subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
        body = render_to_string("registration/password_reset_email.html", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return f"sent to {user.email}"
