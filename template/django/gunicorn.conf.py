"""Gunicorn settings for `make run` and the Docker image."""

import os

from dotenv import load_dotenv

# Local runs read .env; variables already set in the environment (Docker, CI, PaaS) win.
load_dotenv()

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# One process with threads by default: the login rate limiter and the metrics live in its memory.
# Scale out with more instances (and a shared cache for the rate limit), see the README.
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load Django before forking: a missing SECRET_KEY stops the server with one clear line.
preload_app = True
# The app writes one structured line per request itself.
accesslog = None
# Gunicorn 27's runtime control socket sits at one path per user: two servers on one machine (tests,
# several projects) would fight over it, and nothing here uses it.
control_socket_disable = True
