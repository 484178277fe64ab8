"""A body over the 1 MiB limit gets the 413 problem details, even from a client that writes the
whole body before it reads the answer (Python's http.client, urllib, requests): the server must not
close the connection while such a client is still sending, or the client sees a reset instead.
"""

import http.client
import json

import pytest

from conftest import SERVERS, serving

TWO_MIB_BODY = b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}'


@pytest.mark.parametrize("verb", SERVERS)
def test_a_2_mib_body_sent_whole_before_reading_gets_the_413_problem_every_time(tmp_path, verb):
    with serving(tmp_path, verb) as port:
        for _ in range(3):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request(
                    "POST",
                    "/api/todos",
                    body=TWO_MIB_BODY,
                    headers={"Content-Type": "application/json"},
                )
                response = connection.getresponse()
                body = response.read()
            finally:
                connection.close()

            assert response.status == 413
            assert response.getheader("Content-Type") == "application/problem+json"
            assert json.loads(body)["status"] == 413
