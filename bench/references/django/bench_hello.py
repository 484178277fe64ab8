"""Reference: a one-file Django hello world answering JSON (no middleware, no apps), served by the
generated project's gunicorn.conf.py (same server, workers and threads as `make run`)."""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY=os.environ["SECRET_KEY"],
    MIDDLEWARE=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


def hello(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("hello", hello)]
application = get_wsgi_application()
