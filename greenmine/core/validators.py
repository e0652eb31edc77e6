"""Shared validators: 统一社会信用代码, password complexity, demo passwords."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)


def validate_uscc(value: str) -> str:
    """Return the compact, upper-case code if it is a valid 统一社会信用代码 (GB 32100-2015)."""
    try:
        return stdnum_uscc.validate(value)
    except InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="uscc_length",
            params={"n": len(stdnum_uscc.compact(value or ""))},
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("The check character (the 18th) does not match: please check the code for a typing error."),
            code="uscc_checksum",
        ) from None
    except (InvalidFormat, InvalidComponent):
        raise ValidationError(
            _("A unified social credit code uses digits and the capital letters A–Y except I, O, S, V, Z."),
            code="uscc_format",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("This is not a valid unified social credit code."), code="uscc_invalid"
        ) from None


class ComplexityValidator:
    """At least three of: lower-case letters, upper-case letters, digits, symbols (MLPS level-3 habit)."""

    def validate(self, password: str, user: object = None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("Your password must mix three of: lower-case letters, upper-case letters, digits, symbols.")


class NotDemoPasswordValidator:
    """The demo passwords are printed in the README: no real account may use them."""

    def validate(self, password: str, user: object = None) -> None:
        if password in settings.DEMO_PASSWORDS:
            raise ValidationError(
                _("This is a published demo password; choose another."), code="demo_password"
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a demo password.")
