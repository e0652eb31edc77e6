"""Settings package: base (shared), dev, test and prod. Values come from the environment."""
