"""`manage.py runserver` (what `make dev` runs) listening on 0.0.0.0:PORT unless told otherwise.

PORT comes from settings, read after manage.py has loaded `.env` (the environment wins), so a PORT
written only in `.env` is honoured: a shell's `${PORT:-8000}` in the Makefile would be expanded
before `.env` is read.
"""

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand


class Command(RunserverCommand):
    default_addr = "0.0.0.0"  # noqa: S104 - reachable from a container's or a VM's host, as in `make run`

    def handle(self, *args, **options):
        self.default_port = str(settings.PORT)
        super().handle(*args, **options)
