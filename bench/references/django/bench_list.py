"""Reference: the smallest auth'd, database-backed list, written as Django's tutorial writes a view:
a model on the generated app's `todos` table, the ORM, a function view answering JsonResponse. The
token is checked with PyJWT, the library under the generated app's djangorestframework-simplejwt,
with the same settings (HS256, SECRET_KEY, user id in `sub`). Served by the project's
gunicorn.conf.py."""

import os

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY=os.environ["SECRET_KEY"],
    MIDDLEWARE=[],
    INSTALLED_APPS=[__name__],
    DATABASES={
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["BENCH_SQLITE_PATH"]}
    },
)
django.setup()

import jwt  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import models  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


class Todo(models.Model):
    id = models.CharField(primary_key=True, max_length=36)
    user_id = models.CharField(max_length=36)
    title = models.CharField(max_length=200)
    done = models.BooleanField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        app_label = __name__
        db_table = "todos"
        managed = False


def todo_list(request):
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        claims = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return JsonResponse({"detail": "invalid token"}, status=401)
    limit = int(request.GET.get("limit", 20))
    offset = int(request.GET.get("offset", 0))
    todos = Todo.objects.filter(user_id=claims["sub"]).order_by("-created_at", "-id")
    items = list(
        todos[offset : offset + limit].values("id", "title", "done", "created_at", "updated_at")
    )
    return JsonResponse({"items": items, "limit": limit, "offset": offset})


urlpatterns = [path("api/todos", todo_list)]
application = get_wsgi_application()
