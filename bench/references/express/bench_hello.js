// Reference: Express's "Hello world" example answering JSON, served as `make run` serves the
// generated app (one `node` process, no cluster).
const express = require("express");

const app = express();
app.get("/hello", (_req, res) => res.json({ status: "ok" }));
app.listen(Number(process.env.PORT), "0.0.0.0");
