"""Reference: FastAPI's "First Steps" app answering JSON, served as the generated app's
`python -m app` serves it: one uvicorn process, no access log, no server header."""

import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
async def hello():
    return {"status": "ok"}


if __name__ == "__main__":
    port = int(os.environ["PORT"])
    uvicorn.run(app, host="0.0.0.0", port=port, access_log=False, server_header=False)  # noqa: S104
