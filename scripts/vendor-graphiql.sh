#!/usr/bin/env bash
# Refreshes template/_shared/graphiql/ from npm: GraphiQL's browser build and the React it needs.
# GraphiQL 3.x is the last line that ships a ready-to-serve browser build (graphiql.min.js, UMD);
# 4.x and 5.x are ES modules for a bundler. Generated projects serve these files themselves, so
# GraphiQL works with no internet (CONTRACT.md, "GraphQL"). Needs npm; writes SOURCES.txt with the
# packages, versions and SHA-256 of every copied file (tests/test_graphiql_assets.py checks it).
set -euo pipefail
GRAPHIQL=3.9.0
REACT=18.3.1
here=$(cd "$(dirname "$0")/.." && pwd)
target="$here/template/_shared/graphiql"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v npm >/dev/null || { echo "npm is needed (Node.js 24: https://nodejs.org)" >&2; exit 1; }
(cd "$work" && npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null)
for package in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT"; do
  mkdir -p "$work/$package" && tar xzf "$work/$package.tgz" -C "$work/$package"
done
cp "$work/graphiql-$GRAPHIQL/package/graphiql.min.js" "$work/graphiql-$GRAPHIQL/package/graphiql.min.css" "$target/"
cp "$work/react-$REACT/package/umd/react.production.min.js" "$target/"
cp "$work/react-dom-$REACT/package/umd/react-dom.production.min.js" "$target/"
{
  echo "# npm packages these files come from (all MIT licensed); regenerate with scripts/vendor-graphiql.sh"
  echo "graphiql@$GRAPHIQL graphiql.min.js graphiql.min.css"
  echo "react@$REACT umd/react.production.min.js"
  echo "react-dom@$REACT umd/react-dom.production.min.js"
  (cd "$target" && sha256sum graphiql.min.js graphiql.min.css react.production.min.js react-dom.production.min.js)
} > "$target/SOURCES.txt"
echo "template/_shared/graphiql: graphiql $GRAPHIQL, react $REACT"
