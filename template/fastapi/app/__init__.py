"""The application: app.main.create_app() builds it, `python -m app` serves it."""
