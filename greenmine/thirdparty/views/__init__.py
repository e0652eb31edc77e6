"""Pages of the thirdparty app."""
