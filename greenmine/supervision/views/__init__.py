"""Pages of the supervision app."""
