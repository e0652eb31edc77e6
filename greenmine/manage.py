"""The `greenmine` console script: Django's manage.py with GreenMine's settings preselected."""

import os
import sys


def main() -> None:
    """Run a management command; dev settings unless DJANGO_SETTINGS_MODULE says otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenmine.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
