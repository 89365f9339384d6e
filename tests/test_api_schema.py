"""Schemathesis against /openapi.json on the demo network: every generated request (valid and
not) gets an answer its schema describes, and never a server error. Bounded: a fixed number
of examples per operation, derandomized, so the run is the same each time."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.applications import Starlette

from kith.web.api.openapi import document
from kith.web.app import create_app
from kith.web.config import WebSettings
from tests.conftest import NOW_TEXT, Kith

EXAMPLES = 20  # per operation: about 400 requests in all, well under a minute on 2 cores
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_dict(document())


@pytest.fixture
def app(demo: Kith, db_path: Path) -> Starlette:
    return create_app(db_path, WebSettings(now=NOW_TEXT))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_generated_request_gets_an_answer_its_schema_describes(
    case: schemathesis.Case, app: Starlette
) -> None:
    case.call_and_validate(base_url="http://127.0.0.1:8765/api", app=app, checks=CHECKS)
