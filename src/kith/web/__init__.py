"""The web face: an ASGI app over the same services as the CLI (`kith serve`)."""
