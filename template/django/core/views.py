"""Health probes for orchestrators and load balancers, /metrics and the OpenAPI document."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularJSONAPIView
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

logger = logging.getLogger(__name__)

LiveSerializer = inline_serializer("Live", {"status": serializers.CharField()})
ReadySerializer = inline_serializer(
    "Ready",
    {
        "status": serializers.CharField(),
        "checks": inline_serializer("Checks", {"database": serializers.CharField()}),
    },
)


class PublicView(APIView):
    """Reachable without signing in: credentials are not even looked at, so a stale token or
    session cannot get in the way (and, with sessions, no CSRF token is needed)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)


class LiveView(PublicView):
    @extend_schema(responses={200: LiveSerializer}, tags=["health"])
    def get(self, request):
        """The process is up (restart it when this fails)."""
        return Response({"status": "ok"})


def database_is_reachable() -> bool:
    try:
        # A real round trip on every call: the answer follows the database down and back up.
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("readiness check: database unreachable: %s", error.__class__.__name__)
        return False
    return True


class ReadyView(PublicView):
    @extend_schema(responses={200: ReadySerializer, 503: ReadySerializer}, tags=["health"])
    def get(self, request):
        """The app can serve traffic: the database answers (send no traffic when this fails)."""
        if not database_is_reachable():
            return Response(
                {"status": "unavailable", "checks": {"database": "unreachable"}}, status=503
            )
        return Response({"status": "ok", "checks": {"database": "ok"}})


class MetricsView(PublicView):
    @extend_schema(exclude=True)
    def get(self, request):
        return HttpResponse(generate_latest(), content_type=CONTENT_TYPE_LATEST)


class OpenApiView(SpectacularJSONAPIView):
    """The OpenAPI 3 document as plain application/json (not application/vnd.oai.openapi+json)."""

    renderer_classes = (OpenApiJsonRenderer2,)
