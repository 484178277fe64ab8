"""A body over the 1 MiB limit gets the 413 problem details, even from a client that writes the
whole body before it reads the answer (Python's http.client, urllib, requests): the server must not
close the connection while such a client is still sending, or the client sees a reset instead.
"""

import http.client
import json
import time
from collections.abc import Iterator

import pytest

from conftest import SERVERS, serving

TWO_MIB_BODY = b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}'


def paced(body: bytes, chunk: int = 64 * 1024, pause: float = 0.002) -> Iterator[bytes]:
    """The body as a real uplink delivers it (about 32 MB/s), not at loopback speed: the server
    answers while the client is still writing, which is when closing early hurts."""
    for start in range(0, len(body), chunk):
        yield body[start : start + chunk]
        time.sleep(pause)


@pytest.mark.parametrize("verb", SERVERS)
def test_a_2_mib_body_sent_whole_before_reading_gets_the_413_problem_every_time(tmp_path, verb):
    with serving(tmp_path, verb) as port:
        for _ in range(5):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request(
                    "POST",
                    "/api/todos",
                    body=paced(TWO_MIB_BODY),
                    headers={
                        "Content-Type": "application/json",
                        "Content-Length": str(len(TWO_MIB_BODY)),
                    },
                )
                response = connection.getresponse()
                body = response.read()
            finally:
                connection.close()

            assert response.status == 413
            assert response.getheader("Content-Type") == "application/problem+json"
            assert json.loads(body)["status"] == 413
