"""Security baseline: token API, lockout, CSP, sessions, production settings, bad input."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from greenmine.core.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_token_endpoint_answers_a_token_that_authenticates(world) -> None:  # noqa: ANN001
    client = Client()
    response = client.post("/api/v1/auth/token/", {"username": "w_enterprise", "password": TEST_PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    assert set(response.json()) == {"token"}
    me = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200 and me.json()["username"] == "w_enterprise"
    again = client.post(
        "/api/v1/auth/token/",
        {"username": "w_enterprise", "password": TEST_PASSWORD},
        content_type="application/json",
    )
    assert again.json()["token"] == token


def test_token_endpoint_locks_out_after_repeated_failures(world) -> None:  # noqa: ANN001
    client = Client()
    wrong = {"username": "w_bureau_staff", "password": "wrong"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/api/v1/auth/token/", wrong).status_code == 400
    assert client.post("/api/v1/auth/token/", wrong).status_code == 429  # the failure that reaches the limit
    locked = client.post("/api/v1/auth/token/", {"username": "w_bureau_staff", "password": TEST_PASSWORD})
    assert locked.status_code == 429 and "detail" in locked.json()
    # The same lockout holds on the login page, with the right password too.
    page = Client().post(reverse("login"), {"username": "w_bureau_staff", "password": TEST_PASSWORD})
    assert page.status_code == 429


def test_token_endpoint_names_missing_fields(world) -> None:  # noqa: ANN001
    response = Client().post("/api/v1/auth/token/", {"username": "w_enterprise"})
    assert response.status_code == 400 and "password" in response.json()


def test_pages_carry_a_content_security_policy_with_a_nonce(world) -> None:  # noqa: ANN001
    response = Client().get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'nonce-" in policy and "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_sessions_expire_after_the_idle_timeout() -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60


def test_login_keeps_the_user_name_after_a_wrong_password(world) -> None:  # noqa: ANN001
    response = Client().post(reverse("login"), {"username": "w_enterprise", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="w_enterprise"' in response.content.decode()


def test_out_of_range_keys_are_not_found_not_a_server_error(client_for) -> None:  # noqa: ANN001
    client = client_for("bureau_admin")
    for url in (
        "/core/organisations/99999999999999999999999/",
        "/api/v1/organisations/99999999999999999999999/",
        "/api/v1/organisations/abc/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_form_keeps_what_was_typed_and_names_the_bad_field(client_for) -> None:  # noqa: ANN001
    response = client_for("bureau_admin").post(
        reverse("core:organisation_create"),
        {
            "name": "保留输入测试公司",
            "kind": "enterprise",
            "division": "230381",
            "uscc": "91230381MA00000001",
            "contact_person": "王五",
            "phone": "0467-5555555",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="保留输入测试公司"' in html and 'value="王五"' in html and 'value="0467-5555555"' in html
    assert "id_uscc_errors" in html


def test_api_validation_errors_name_the_field(client_for) -> None:  # noqa: ANN001
    response = client_for("bureau_admin").post(
        "/api/v1/organisations/",
        {"name": "API坏代码", "kind": "enterprise", "division": "230381", "uscc": "123"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "uscc" in response.json()


def test_working_days_api_refuses_an_unknown_year_clearly(client_for) -> None:  # noqa: ANN001
    response = client_for("bureau_staff").get("/api/v1/calendar/working-days/?start=2031-03-03&days=5")
    assert response.status_code == 400 and "2031" in str(response.json())
    ok = client_for("bureau_staff").get("/api/v1/calendar/working-days/?start=2026-09-25&days=5")
    assert ok.json()["end"] == "2026-10-09"


PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "greenmine.settings.prod",
    "SECRET_KEY": "Qw7-x9Lm2Rt5Vb8Nc1Zp4Hs6Jd3Fg0Ky-e2Wu7Ia5Oq9Tl1Mr4Xc8Bn6Sv3Dh0Gj",
    "ALLOWED_HOSTS": "greenmine.example.gov.cn",
    "PATH": "/usr/bin:/bin",
}


def _prod(extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "greenmine.manage", *args],
        env={**PROD_ENV, **extra},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"DEBUG": "true"}, "refuse DEBUG"),
        ({"SECRET_KEY": "insecure-dev-key-change-me"}, "SECRET_KEY"),
    ],
)
def test_production_settings_refuse_unsafe_values(extra: dict[str, str], message: str, tmp_path) -> None:  # noqa: ANN001
    result = _prod({**extra, "GREENMINE_VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0 and message in result.stderr


def test_check_deploy_is_clean_under_production_settings(tmp_path) -> None:  # noqa: ANN001
    result = _prod({"GREENMINE_VAR_DIR": str(tmp_path)}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_serve_while_a_demo_password_remains(world, settings) -> None:  # noqa: ANN001
    from greenmine.core.checks import check_demo_passwords
    from greenmine.core.models import User

    user = world.users["enterprise"]
    user.set_password(settings.DEMO_PASSWORDS[0])
    user.has_demo_password = True
    user.save()
    settings.GREENMINE_ENV = "prod"
    errors = check_demo_passwords()
    assert [e.id for e in errors] == ["greenmine.E001"] and "w_enterprise" in errors[0].msg
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert check_demo_passwords() == []


def test_tick_is_idempotent_and_writes_the_audit_head(world, settings, tmp_path, capsys) -> None:  # noqa: ANN001
    settings.AUDIT_HEAD_DIR = tmp_path
    call_command("tick")
    call_command("tick")
    lines = (tmp_path / "heads.jsonl").read_text().splitlines()
    assert len(lines) == 1
    assert "core.audit_head" in capsys.readouterr().out
