#!/usr/bin/env python
"""Django's command-line utility: migrate, makemigrations, runserver, shell, check..."""

import os
import sys

from dotenv import load_dotenv


def main() -> None:
    # Local runs read .env; variables already set in the environment (Docker, CI, PaaS) win.
    load_dotenv()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
