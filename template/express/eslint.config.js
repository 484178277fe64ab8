const js = require("@eslint/js");
const globals = require("globals");

// Prettier owns formatting (`npm run lint` runs both); ESLint looks for bugs.
module.exports = [
  // src/graphql/graphiql: GraphiQL's browser build, vendored as published (only with api = graphql).
  { ignores: ["coverage/", "data/", "node_modules/", "src/graphql/graphiql/"] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "commonjs",
      globals: globals.node,
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["tests/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
];
