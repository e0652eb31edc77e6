"""Development settings: `make run`, and the `greenmine` command with no environment at all."""

from greenmine.settings.base import *  # noqa: F403

GREENMINE_ENV = "dev"
DEBUG = env_bool("DEBUG", True)  # noqa: F405
