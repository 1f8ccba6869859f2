"""Schemathesis against /openapi.json: generated requests for every operation; no 5xx, and
every response matches the documented schema, status codes and content types."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from . import report

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 40


@pytest.mark.slow
def test_every_operation_conforms_to_the_openapi_document(client):
    schema = schemathesis.openapi.from_wsgi("/openapi.json", client.application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8

    for operation in operations:
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(checks=CHECKS)
            report.fuzz_case(f"{case.method} {case.path}")

        run()
