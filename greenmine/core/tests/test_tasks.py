"""Background work on the real django-tasks-db backend and worker (declared for Django 6.0; we run 6.1)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from greenmine.core import services
from greenmine.core.models import User

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_a_new_account_without_password_gets_its_setup_link_from_the_worker(world) -> None:  # noqa: ANN001
    from django_tasks_db.models import DBTaskResult

    mail.outbox.clear()
    user = services.create_user(
        actor=world.users["bureau_admin"],
        username="mail_me",
        organisation=world.orgs["enterprise"],
        email="mail_me@example.cn",
    )
    assert not user.has_usable_password()
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.traceback
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mail_me@example.cn"]
    assert "/accounts/password/reset/" in message.body
    assert User.objects.get(pk=user.pk).is_active
