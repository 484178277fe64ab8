"""What every feature shares: errors as problem details, observability, health probes, fields."""
