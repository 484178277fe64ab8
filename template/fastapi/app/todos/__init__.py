"""The example resource: a to-do list."""
