"""The JSON API under /api/ (issue 13): the contract's shapes over HTTP, described by OpenAPI."""
